/**
 * The repository as the linter sees it before rendering anything: every YAML file under the root parsed
 * once (documents, AST, line counter), every kustomization file with the local directories and files it
 * references, and which files are patches, generator inputs or transformer configs rather than
 * resources. Cluster discovery, the static kustomization graph and the file-level rules
 * (`kustomize/deprecated-field`, `kustomize/duplicated-manifest`) read this.
 */
import type { LineIndex } from '../yaml/ast.js';
import { isRemoteFile, parseRepoSpec } from '../build/repo-spec.js';
import type { BuildCache } from '../build/cache.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { FsError, readText } from '../fs/types.js';
import { basename, dirname, isWithin, join, relative, resolve } from '../fs/path.js';
import { parseYamlStream, type ParsedDocument } from '../yaml/parse.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';
import { kustomizationFileNames } from '../kustomization/load.js';

/** One parsed YAML file of the repository. */
export interface RepoFile {
  /** Absolute path in the file system. */
  readonly path: string;
  /** Path relative to the lint root. */
  readonly rel: string;
  readonly text: string;
  readonly documents: readonly ParsedDocument[];
  readonly lineCounter: LineIndex;
  /** True when the YAML did not parse cleanly. */
  readonly hasErrors: boolean;
  /** The parse errors (`yaml/syntax` and the like), with positions. */
  readonly errors: readonly Diagnostic[];
}

/** What a kustomization file refers to (local paths, absolute). */
export interface KustomizationRefs {
  /** `resources`/`bases` entries that are directories. */
  readonly dirs: string[];
  /** `components` entries. */
  readonly components: string[];
  /** `resources` entries that are files. */
  readonly resourceFiles: string[];
  /** Files read as patches, generator inputs, transformer/generator configs, replacements, CRDs, Helm values. */
  readonly otherFiles: string[];
}

/** One kustomization file. */
export interface KustomizationInfo {
  /** Absolute directory. */
  readonly dir: string;
  /** The kustomization file (absolute). */
  readonly file: string;
  readonly repoFile: RepoFile;
  /** `Kustomization` or `Component` (`Kustomization` when the kind is missing). */
  readonly kind: 'Kustomization' | 'Component';
  /** The document's value (an empty map when the file is not a mapping). */
  readonly value: YamlMap;
  readonly document: ParsedDocument | undefined;
  readonly refs: KustomizationRefs;
}

/** The scanned repository. */
export interface RepoIndex {
  /** Absolute lint root. */
  readonly root: string;
  readonly fs: FileSystem;
  /** YAML files in path order. */
  readonly files: readonly RepoFile[];
  readonly byPath: ReadonlyMap<string, RepoFile>;
  /** Kustomization files by directory. */
  readonly kustomizations: ReadonlyMap<string, KustomizationInfo>;
  /** Files referenced as something other than a resource (patches, generator inputs, configs). */
  readonly nonResourceFiles: ReadonlySet<string>;
}

/** Options of {@link scanRepository}. */
export interface ScanOptions {
  /**
   * Directory names never entered. Default: hidden directories, `node_modules`, and the folders test
   * tools keep rendered output in (`__snapshots__`, `__golden__`).
   */
  skipDir?: (name: string) => boolean;
  /** Paths (absolute; files and directories) left out, e.g. the configuration's `ignore` globs. */
  skipPath?: (path: string) => boolean;
  /** Largest file read, in bytes. Default 4 MiB. */
  maxFileSize?: number;
  /** Keep each parsed file (and the file list) in this cache, for the next scans (editor sessions). */
  cache?: BuildCache;
  /** What `skipDir` and `skipPath` leave out, as a key; without it the file list is not kept. */
  skipKey?: string;
}

/** Folders of rendered test output (vitest/jest snapshots, golden files): copies of manifests by design. */
export const TEST_OUTPUT_DIRS: ReadonlySet<string> = new Set(['__snapshots__', '__golden__']);

const defaultSkipDir = (name: string): boolean =>
  name.startsWith('.') || name === 'node_modules' || TEST_OUTPUT_DIRS.has(name);

function isYamlName(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml') || name === 'Kustomization';
}

function strList(v: YamlValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function mapList(v: YamlValue | undefined): YamlMap[] {
  return Array.isArray(v) ? v.filter((x): x is YamlMap => isMap(x)) : [];
}

/** Lists the YAML files under `root` (sorted, depth first). */
export function listYamlFiles(
  fs: FileSystem,
  root: string,
  skipDir: (name: string) => boolean = defaultSkipDir,
  skipPath: (path: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    let real = dir;
    if (fs.realPath) {
      try {
        real = fs.realPath(dir);
      } catch (err) {
        if (err instanceof FsError) return;
        throw err;
      }
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = fs.readDir(dir);
    } catch (err) {
      if (err instanceof FsError) return;
      throw err;
    }
    names.sort();
    for (const name of names) {
      const p = join(dir, name);
      if (skipPath(p)) continue;
      const st = fs.stat(p);
      if (st?.type === 'dir') {
        if (!skipDir(name)) walk(p);
      } else if (st?.type === 'file' && isYamlName(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

function kustomizationRefs(fs: FileSystem, dir: string, k: YamlMap): KustomizationRefs {
  const refs: KustomizationRefs = { dirs: [], components: [], resourceFiles: [], otherFiles: [] };
  const local = (entry: string): string | undefined =>
    isRemoteFile(entry) || parseRepoSpec(entry) || entry.includes('://') ? undefined : resolve(dir, entry);
  for (const e of [...strList(getField(k, 'resources')), ...strList(getField(k, 'bases'))]) {
    const p = local(e);
    if (p === undefined) continue;
    const st = fs.stat(p);
    if (st?.type === 'dir') refs.dirs.push(p);
    else if (st?.type === 'file') refs.resourceFiles.push(p);
  }
  for (const e of strList(getField(k, 'components'))) {
    const p = local(e);
    if (p !== undefined) refs.components.push(p);
  }
  const other = (e: string | undefined): void => {
    if (e === undefined || e.includes('\n')) return;
    const p = local(e);
    if (p !== undefined) refs.otherFiles.push(p);
  };
  for (const p of mapList(getField(k, 'patches')))
    other(typeof getField(p, 'path') === 'string' ? (getField(p, 'path') as string) : undefined);
  for (const p of mapList(getField(k, 'patchesJson6902')))
    other(typeof getField(p, 'path') === 'string' ? (getField(p, 'path') as string) : undefined);
  for (const p of strList(getField(k, 'patchesStrategicMerge'))) other(p);
  for (const p of mapList(getField(k, 'replacements')))
    other(typeof getField(p, 'path') === 'string' ? (getField(p, 'path') as string) : undefined);
  for (const key of ['crds', 'transformers', 'generators', 'validators', 'configurations']) {
    for (const e of strList(getField(k, key))) {
      const p = local(e);
      if (p !== undefined && fs.stat(p)?.type === 'file') refs.otherFiles.push(p);
    }
  }
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    for (const g of mapList(getField(k, key))) {
      for (const f of [...strList(getField(g, 'files')), ...strList(getField(g, 'envs'))]) {
        const eq = f.indexOf('=');
        other(eq >= 0 ? f.slice(eq + 1) : f);
      }
      const env = getField(g, 'env');
      if (typeof env === 'string') other(env);
    }
  }
  for (const h of mapList(getField(k, 'helmCharts'))) {
    const v = getField(h, 'valuesFile');
    if (typeof v === 'string') other(v);
    for (const f of strList(getField(h, 'additionalValuesFiles'))) other(f);
  }
  const openapi = getField(k, 'openapi');
  if (isMap(openapi) && typeof getField(openapi, 'path') === 'string') other(getField(openapi, 'path') as string);
  return refs;
}

/** Parses one file of the repository (undefined when it cannot be read). */
export function readRepoFile(
  fs: FileSystem,
  root: string,
  path: string,
  maxFileSize = 4 * 1024 * 1024,
  cache?: Pick<BuildCache, 'parse'>,
): RepoFile | undefined {
  let text: string;
  try {
    const bytes = fs.readFile(path);
    if (bytes.length > maxFileSize) return undefined;
    text = new TextDecoder('utf-8').decode(bytes);
  } catch (err) {
    if (err instanceof FsError) return undefined;
    throw err;
  }
  const parse = () => parseYamlStream(text, { file: path });
  const stream = cache ? cache.parse(path, text, 'lint-scan', parse) : parse();
  return {
    path,
    rel: isWithin(root, path) ? relative(root, path) : path,
    text,
    documents: stream.documents,
    lineCounter: stream.lineCounter,
    hasErrors: stream.errors.length > 0,
    errors: stream.errors,
  };
}

/** Scans the repository under `root`: every YAML file, every kustomization file and what it references. */
export function scanRepository(fs: FileSystem, root: string, options: ScanOptions = {}): RepoIndex {
  const files: RepoFile[] = [];
  const byPath = new Map<string, RepoFile>();
  const { cache, skipKey } = options;
  const list = (): string[] => listYamlFiles(fs, root, options.skipDir ?? defaultSkipDir, options.skipPath);
  const paths =
    cache && skipKey !== undefined
      ? cache.memo(`repo-list\0${root}\0${skipKey}`, fs, () =>
          listYamlFiles(cache.track(fs), root, options.skipDir ?? defaultSkipDir, options.skipPath),
        ).value
      : list();
  const read = (p: string): RepoFile | undefined =>
    cache
      ? cache.memo(`repo-file\0${root}\0${p}\0${options.maxFileSize ?? ''}`, fs, () =>
          readRepoFile(cache.track(fs), root, p, options.maxFileSize),
        ).value
      : readRepoFile(fs, root, p, options.maxFileSize);
  for (const p of paths) {
    const f = read(p);
    if (!f) continue;
    files.push(f);
    byPath.set(p, f);
  }
  const kustomizations = new Map<string, KustomizationInfo>();
  const nonResource = new Set<string>();
  for (const f of files) {
    const name = basename(f.path);
    if (!(kustomizationFileNames as readonly string[]).includes(name)) continue;
    const dir = dirname(f.path);
    if (kustomizations.has(dir)) continue; // kustomize refuses several; the build reports it
    const doc = f.documents[0];
    const value = doc && isMap(doc.value) ? doc.value : {};
    const kindV = getField(value, 'kind');
    const apiVersion = getField(value, 'apiVersion');
    // A Flux Kustomization saved as kustomization.yaml is not a kustomization file.
    if (typeof apiVersion === 'string' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) continue;
    const refs = cache
      ? cache.memo(`repo-refs\0${dir}\0${f.text}`, fs, () => kustomizationRefs(cache.track(fs), dir, value)).value
      : kustomizationRefs(fs, dir, value);
    for (const o of refs.otherFiles) nonResource.add(o);
    kustomizations.set(dir, {
      dir,
      file: f.path,
      repoFile: f,
      kind: kindV === 'Component' ? 'Component' : 'Kustomization',
      value,
      document: doc,
      refs,
    });
  }
  return { root, fs, files, byPath, kustomizations, nonResourceFiles: nonResource };
}

/** The CustomResourceDefinitions written in the repository's files. */
export function repositoryCrds(repo: RepoIndex): YamlMap[] {
  const out: YamlMap[] = [];
  for (const f of repo.files) {
    if (!f.text.includes('CustomResourceDefinition')) continue;
    for (const d of f.documents) {
      const v = d.value;
      if (isMap(v) && getField(v, 'kind') === 'CustomResourceDefinition') out.push(v);
    }
  }
  return out;
}

/** Text of a file of the repository (or of the file system when it is outside the scan). */
export function fileText(repo: RepoIndex, path: string): string | undefined {
  const f = repo.byPath.get(path);
  if (f) return f.text;
  try {
    return readText(repo.fs, path);
  } catch {
    return undefined;
  }
}

/**
 * Every kustomization directory reachable from `starts` through `resources`/`bases` directories and
 * `components` (the starts included when they are kustomization directories).
 */
export function kustomizationClosure(repo: RepoIndex, starts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    if (out.has(d)) continue;
    const k = repo.kustomizations.get(d);
    if (!k) continue;
    out.add(d);
    stack.push(...k.refs.dirs, ...k.refs.components);
  }
  return out;
}
