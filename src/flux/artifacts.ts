/**
 * `ExternalArtifact`s produced by source-watcher's `ArtifactGenerator` (spec §2.3), emulated in memory:
 * each `spec.artifacts[]` entry becomes an artifact built from its `copy` operations over the generator's
 * `sources` (aliases of GitRepository/OCIRepository/… mapped to local folders), with source-watcher's
 * cp-like rules: a plain directory is copied as a sub-directory of the destination (`cp -r dir dest/` →
 * `dest/dir`), a plain file goes to `dest/<name>` when the destination ends with `/` (or is a directory
 * already), globs use Go's `fs.Glob` (one path element per `*`, `**` is no different) and `dir/**`
 * copies the contents of `dir`, `exclude` patterns are doublestar globs (a pattern without `/` also
 * matches the file name), later copies overwrite earlier ones. `Merge` and `Extract` strategies and
 * Flux 2.9 `pathPattern` are not emulated (a diagnostic says so).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { memoryFs } from '../fs/memory.js';
import { basename, join, normalize } from '../fs/path.js';
import { getField, isMap, scalarString, type YamlMap, type YamlValue } from '../yaml/values.js';
import { globMatch } from '../fs/glob.js';
import { fluxKindOf, objectMeta, type ObjectLocation } from './model.js';

/** One copy operation of an output artifact. */
export interface CopyOperation {
  from: string;
  to: string;
  exclude: string[];
  strategy: string;
}

/** One `spec.artifacts[]` entry. */
export interface OutputArtifact {
  name: string;
  copy: CopyOperation[];
  pathPattern?: string;
}

/** An ArtifactGenerator as far as the emulation needs it. */
export interface ArtifactGenerator {
  name: string;
  namespace: string;
  sources: { alias: string; kind: string; name: string; namespace: string }[];
  artifacts: OutputArtifact[];
  where?: ObjectLocation;
}

function list(v: YamlValue | undefined): YamlValue[] {
  return Array.isArray(v) ? v : [];
}

/** Reads an ArtifactGenerator object; undefined for anything else. */
export function readArtifactGenerator(obj: YamlMap, where?: ObjectLocation): ArtifactGenerator | undefined {
  if (fluxKindOf(obj) !== 'ArtifactGenerator') return undefined;
  const m = objectMeta(obj);
  const spec = getField(obj, 'spec');
  if (!isMap(spec)) return undefined;
  const gen: ArtifactGenerator = {
    name: m.name,
    namespace: m.namespace,
    sources: list(getField(spec, 'sources')).flatMap((x) =>
      isMap(x)
        ? [
            {
              alias: scalarString(getField(x, 'alias')),
              kind: scalarString(getField(x, 'kind')),
              name: scalarString(getField(x, 'name')),
              namespace: scalarString(getField(x, 'namespace')) || m.namespace,
            },
          ]
        : [],
    ),
    artifacts: list(getField(spec, 'artifacts')).flatMap((a) => {
      if (!isMap(a)) return [];
      const out: OutputArtifact = {
        name: scalarString(getField(a, 'name')),
        copy: list(getField(a, 'copy')).flatMap((c) =>
          isMap(c)
            ? [
                {
                  from: scalarString(getField(c, 'from')),
                  to: scalarString(getField(c, 'to')),
                  exclude: list(getField(c, 'exclude')).map(scalarString),
                  strategy: scalarString(getField(c, 'strategy')) || 'Overwrite',
                },
              ]
            : [],
        ),
      };
      const pp = scalarString(getField(a, 'pathPattern'));
      if (pp) out.pathPattern = pp;
      return [out];
    }),
  };
  if (where) gen.where = where;
  return gen;
}

/** A source folder as the artifact builder reads it. */
export interface ArtifactSource {
  fs: FileSystem;
  root: string;
}

/** An emulated ExternalArtifact: an in-memory file system holding the copied files. */
export interface BuiltArtifact {
  fs: FileSystem;
  /** The artifact root inside `fs`. */
  root: string;
  /** Artifact file → the file it was copied from. */
  origins: Map<string, string>;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** doublestar matching: `**` spans path elements, `*`/`?`/classes stay within one. */
function doublestarMatch(pattern: string, path: string): boolean {
  const pp = pattern.split('/');
  const np = path.split('/');
  const rec = (i: number, j: number): boolean => {
    if (i === pp.length) return j === np.length;
    const seg = pp[i] as string;
    if (seg === '**') {
      for (let k = j; k <= np.length; k++) if (rec(i + 1, k)) return true;
      return false;
    }
    if (j === np.length) return false;
    let ok: boolean;
    try {
      ok = globMatch(seg, np[j] as string);
    } catch {
      return false;
    }
    return ok && rec(i + 1, j + 1);
  };
  return rec(0, 0);
}

function excluded(path: string, base: string, patterns: readonly string[]): boolean {
  const test = (p: string): boolean =>
    patterns.some((pat) => doublestarMatch(pat, p) || (!pat.includes('/') && doublestarMatch(pat, basename(p))));
  if (patterns.length === 0) return false;
  if (test(path)) return true;
  const b = normalize(base);
  if (b === '.' || b === '') return false;
  if (!path.startsWith(b + '/')) return false;
  return test(path.slice(b.length + 1));
}

/** Go's fs.Glob over `fs` below `root` (pattern relative, `/`-separated); sorted matches. */
function goGlob(fs: FileSystem, root: string, pattern: string): string[] {
  const parts = pattern.split('/').filter((p) => p !== '' && p !== '.');
  let current = [''];
  for (const part of parts) {
    const next: string[] = [];
    const meta = /[*?[\]]/.test(part);
    for (const dir of current) {
      const abs = dir === '' ? root : join(root, dir);
      if (!meta) {
        const p = dir === '' ? part : `${dir}/${part}`;
        if (fs.stat(join(root, p))) next.push(p);
        continue;
      }
      let names: string[];
      try {
        names = fs.readDir(abs).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        let ok = false;
        try {
          ok = globMatch(part, n) && !n.includes('/');
        } catch {
          ok = false;
        }
        if (ok) next.push(dir === '' ? n : `${dir}/${n}`);
      }
    }
    current = next;
  }
  return current.filter((p) => p !== '');
}

const GLOB_META = /[*?[\]]/;

/** The files and folders of an artifact being built, and what went wrong. */
class ArtifactBuilder {
  private readonly files = new Map<string, Uint8Array>();
  private readonly origins = new Map<string, string>();
  /** Folders of the artifact (`''` is its root), relative. */
  readonly dirs = new Set<string>(['']);
  private readonly diags: Diagnostic[] = [];
  private ok = true;

  constructor(
    private readonly gen: ArtifactGenerator,
    private readonly artifactName: string,
    private readonly root: string,
  ) {}

  /** Reports an error: the artifact fails. */
  fail(message: string): void {
    this.ok = false;
    this.diags.push(
      diagnostic(
        'flux/artifact-failed',
        'error',
        `ArtifactGenerator ${this.gen.namespace}/${this.gen.name}, artifact ${this.artifactName}: ${message}`,
        { file: this.gen.where?.file, source: 'flux' },
      ),
    );
  }

  /** Warns that a feature is not emulated. */
  unsupported(message: string): void {
    this.diags.push(
      diagnostic(
        'flux/artifact-unsupported',
        'warning',
        `ArtifactGenerator ${this.gen.namespace}/${this.gen.name}: ${message}`,
        { file: this.gen.where?.file, source: 'flux' },
      ),
    );
  }

  /** Adds the folder `p` (relative) and its ancestors. */
  addDir(p: string): void {
    this.dirs.add(p);
    this.addParents(p);
  }

  /** Adds the ancestors of `p` (relative). */
  addParents(p: string): void {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  /** Copies file `rel` of `src` to `dest` (relative to the artifact root; outside it: nothing). */
  copyFile(src: ArtifactSource, rel: string, dest: string): void {
    const d = normalize(dest).replace(/^\.\/?/, '');
    if (d === '' || d.startsWith('..')) return;
    this.files.set(d, src.fs.readFile(join(src.root, rel)));
    this.origins.set(d, join(src.root, rel));
    this.addParents(d);
  }

  /** Copies the contents of folder `rel` of `src` into `dest`, leaving out what `op` excludes. */
  copyDir(src: ArtifactSource, rel: string, dest: string, op: CopyOperation, excludeBase: string): void {
    const destN = normalize(dest).replace(/^\.\/?/, '');
    if (destN !== '' && destN !== '.') this.addDir(destN);
    const walk = (r: string, d: string): void => {
      let names: string[];
      try {
        names = src.fs.readDir(join(src.root, r)).sort();
      } catch {
        return;
      }
      for (const n of names) {
        const childRel = r === '' ? n : `${r}/${n}`;
        const childDest = d === '' || d === '.' ? n : `${d}/${n}`;
        if (excluded(childRel, excludeBase, op.exclude)) continue;
        const st = src.fs.stat(join(src.root, childRel));
        if (st?.type === 'dir') {
          this.addDir(normalize(childDest));
          walk(childRel, childDest);
        } else if (st?.type === 'file') this.copyFile(src, childRel, childDest);
      }
    };
    walk(rel, destN === '.' ? '' : destN);
  }

  /** The artifact: an in-memory file system rooted at `root`. */
  result(): BuiltArtifact {
    const { root } = this;
    const mem: Record<string, Uint8Array> = {};
    for (const [p, b] of this.files) mem[join(root, p)] = b;
    for (const d of this.dirs) mem[(d === '' ? root : join(root, d)) + '/'] = new Uint8Array();
    const origins = new Map<string, string>();
    for (const [p, real] of this.origins) origins.set(join(root, p), real);
    return { fs: memoryFs(mem), root, origins, diagnostics: this.diags, ok: this.ok };
  }
}

/** A copy operation's parts: the source alias and pattern, and the destination in the artifact. */
interface CopyParts {
  alias: string;
  pattern: string;
  dest: string;
  /** The destination ends with `/`. */
  destIsDir: boolean;
}

/** Splits `@alias/pattern` and `@artifact/dest`; a string when one is malformed. */
function copyParts(op: CopyOperation): CopyParts | string {
  if (!op.from.startsWith('@') || !op.from.includes('/'))
    return `copy source '${op.from}' must look like '@alias/pattern'`;
  const slash = op.from.indexOf('/');
  if (!op.to.startsWith('@artifact/')) return `copy destination '${op.to}' must start with '@artifact/'`;
  return {
    alias: op.from.slice(1, slash),
    pattern: op.from.slice(slash + 1),
    dest: op.to.slice('@artifact/'.length),
    destIsDir: op.to.endsWith('/'),
  };
}

/** Copies a path without glob characters: a folder goes below the destination, a file to it (cp's rules). */
function copyPlainPath(b: ArtifactBuilder, src: ArtifactSource, op: CopyOperation, parts: CopyParts): void {
  const { pattern, dest } = parts;
  const rel = normalize(pattern) === '.' ? '' : normalize(pattern);
  const st = src.fs.stat(rel === '' ? src.root : join(src.root, rel));
  if (!st) {
    b.fail(`source '${rel}' does not exist`);
    return;
  }
  if (st.type === 'dir') b.copyDir(src, rel, join(dest || '.', basename(rel) || '.'), op, rel);
  else if (!excluded(rel, '.', op.exclude)) {
    const existingDir = b.dirs.has(normalize(dest).replace(/\/$/, ''));
    const toFolder = parts.destIsDir || existingDir || dest === '';
    b.copyFile(src, rel, toFolder ? join(dest || '.', basename(rel)) : dest);
  }
}

/** The leading path elements of a glob pattern before the first one with a glob character. */
function selectionRoot(pattern: string): string {
  const parts: string[] = [];
  for (const p of pattern.split('/').filter((x) => x !== '' && x !== '.')) {
    if (GLOB_META.test(p)) break;
    parts.push(p);
  }
  return parts.join('/');
}

/** Copies what a glob pattern matches (`dir/**`: the contents of `dir`), less the excluded paths. */
function copyGlob(b: ArtifactBuilder, src: ArtifactSource, op: CopyOperation, parts: CopyParts): void {
  const { alias, pattern, dest } = parts;
  const matches = goGlob(src.fs, src.root, pattern);
  if (matches.length === 0) {
    b.fail(`no files match pattern '${pattern}' in source '${alias}'`);
    return;
  }
  const base = selectionRoot(pattern) || '.';
  const kept = matches.filter((m) => !excluded(m, base, op.exclude));
  if (kept.length === 0) {
    b.fail(`all files matching pattern '${pattern}' in source '${alias}' were excluded`);
    return;
  }
  for (const m of kept) {
    let target = join(dest || '.', m);
    if (pattern.endsWith('/**')) {
      const prefix = pattern.slice(0, -3);
      if (m.startsWith(prefix + '/')) target = join(dest || '.', m.slice(prefix.length + 1));
    }
    const st = src.fs.stat(join(src.root, m));
    if (st?.type === 'dir') b.copyDir(src, m, target, op, base);
    else if (st?.type === 'file') b.copyFile(src, m, target);
  }
}

/** Runs one copy operation of an output artifact. */
function runCopy(
  b: ArtifactBuilder,
  gen: ArtifactGenerator,
  op: CopyOperation,
  resolve: (kind: string, namespace: string, name: string) => ArtifactSource | undefined,
): void {
  const parts = copyParts(op);
  if (typeof parts === 'string') {
    b.fail(parts);
    return;
  }
  if (op.strategy === 'Extract' || op.strategy === 'Merge') {
    b.unsupported(`strategy ${op.strategy} is not emulated (copied as Overwrite)`);
  }
  const ref = gen.sources.find((x) => x.alias === parts.alias);
  if (!ref) {
    b.fail(`source alias '${parts.alias}' not found`);
    return;
  }
  const src = resolve(ref.kind, ref.namespace, ref.name);
  if (!src) {
    b.fail(`source ${ref.kind}/${ref.namespace}/${ref.name} (alias ${parts.alias}) is not mapped to a local folder`);
    return;
  }
  if (GLOB_META.test(parts.pattern)) copyGlob(b, src, op, parts);
  else copyPlainPath(b, src, op, parts);
}

/**
 * Builds the artifact `artifactName` of `gen`. `resolve` maps a generator source (kind, namespace, name)
 * to a local folder; `root` is where the artifact lives in the returned file system.
 */
export function buildExternalArtifact(
  gen: ArtifactGenerator,
  artifactName: string,
  resolve: (kind: string, namespace: string, name: string) => ArtifactSource | undefined,
  root: string,
): BuiltArtifact {
  const b = new ArtifactBuilder(gen, artifactName, root);
  const art = gen.artifacts.find((a) => a.name === artifactName);
  if (!art) {
    b.fail('no such artifact');
    return b.result();
  }
  if (art.pathPattern) b.unsupported('pathPattern is not emulated; copies are applied as written');
  for (const op of art.copy) runCopy(b, gen, op, resolve);
  return b.result();
}
