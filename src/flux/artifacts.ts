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
import { globMatch } from './glob.js';
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
  const files = new Map<string, Uint8Array>();
  const origins = new Map<string, string>();
  const dirs = new Set<string>(['']);
  const diags: Diagnostic[] = [];
  let ok = true;
  const fail = (message: string): void => {
    ok = false;
    diags.push(
      diagnostic(
        'flux/artifact-failed',
        'error',
        `ArtifactGenerator ${gen.namespace}/${gen.name}, artifact ${artifactName}: ${message}`,
        { file: gen.where?.file, source: 'flux' },
      ),
    );
  };
  const art = gen.artifacts.find((a) => a.name === artifactName);
  const out = (): BuiltArtifact => {
    const mem: Record<string, Uint8Array> = {};
    for (const [p, b] of files) mem[join(root, p)] = b;
    for (const d of dirs) mem[(d === '' ? root : join(root, d)) + '/'] = new Uint8Array();
    const fs = memoryFs(mem);
    const o = new Map<string, string>();
    for (const [p, real] of origins) o.set(join(root, p), real);
    return { fs, root, origins: o, diagnostics: diags, ok };
  };
  if (!art) {
    fail('no such artifact');
    return out();
  }
  if (art.pathPattern) {
    diags.push(
      diagnostic(
        'flux/artifact-unsupported',
        'warning',
        `ArtifactGenerator ${gen.namespace}/${gen.name}: pathPattern is not emulated; copies are applied as written`,
        { file: gen.where?.file, source: 'flux' },
      ),
    );
  }
  const addDirs = (p: string): void => {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  };
  const copyFile = (src: ArtifactSource, rel: string, dest: string): void => {
    const d = normalize(dest).replace(/^\.\/?/, '');
    if (d === '' || d.startsWith('..')) return;
    files.set(d, src.fs.readFile(join(src.root, rel)));
    origins.set(d, join(src.root, rel));
    addDirs(d);
  };
  const copyDir = (src: ArtifactSource, rel: string, dest: string, op: CopyOperation, excludeBase: string): void => {
    const destN = normalize(dest).replace(/^\.\/?/, '');
    if (destN !== '' && destN !== '.') {
      dirs.add(destN);
      addDirs(destN);
    }
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
          dirs.add(normalize(childDest));
          addDirs(normalize(childDest));
          walk(childRel, childDest);
        } else if (st?.type === 'file') copyFile(src, childRel, childDest);
      }
    };
    walk(rel, destN === '.' ? '' : destN);
  };

  for (const op of art.copy) {
    if (!op.from.startsWith('@') || !op.from.includes('/')) {
      fail(`copy source '${op.from}' must look like '@alias/pattern'`);
      continue;
    }
    const slash = op.from.indexOf('/');
    const alias = op.from.slice(1, slash);
    const pattern = op.from.slice(slash + 1);
    if (!op.to.startsWith('@artifact/')) {
      fail(`copy destination '${op.to}' must start with '@artifact/'`);
      continue;
    }
    const dest = op.to.slice('@artifact/'.length);
    const destIsDir = op.to.endsWith('/');
    if (op.strategy === 'Extract' || op.strategy === 'Merge') {
      diags.push(
        diagnostic(
          'flux/artifact-unsupported',
          'warning',
          `ArtifactGenerator ${gen.namespace}/${gen.name}: strategy ${op.strategy} is not emulated (copied as Overwrite)`,
          { file: gen.where?.file, source: 'flux' },
        ),
      );
    }
    const ref = gen.sources.find((x) => x.alias === alias);
    if (!ref) {
      fail(`source alias '${alias}' not found`);
      continue;
    }
    const src = resolve(ref.kind, ref.namespace, ref.name);
    if (!src) {
      fail(`source ${ref.kind}/${ref.namespace}/${ref.name} (alias ${alias}) is not mapped to a local folder`);
      continue;
    }
    if (!/[*?[\]]/.test(pattern)) {
      const rel = normalize(pattern) === '.' ? '' : normalize(pattern);
      const st = src.fs.stat(rel === '' ? src.root : join(src.root, rel));
      if (!st) {
        fail(`source '${rel}' does not exist`);
        continue;
      }
      if (st.type === 'dir') copyDir(src, rel, join(dest || '.', basename(rel) || '.'), op, rel);
      else if (excluded(rel, '.', op.exclude)) continue;
      else {
        const existingDir = dirs.has(normalize(dest).replace(/\/$/, ''));
        copyFile(src, rel, destIsDir || existingDir || dest === '' ? join(dest || '.', basename(rel)) : dest);
      }
      continue;
    }
    const matches = goGlob(src.fs, src.root, pattern);
    if (matches.length === 0) {
      fail(`no files match pattern '${pattern}' in source '${alias}'`);
      continue;
    }
    const selectionRoot = pattern
      .split('/')
      .filter((p) => p !== '' && p !== '.')
      .reduce<{ parts: string[]; done: boolean }>(
        (acc, p) =>
          acc.done || /[*?[\]]/.test(p) ? { ...acc, done: true } : { parts: [...acc.parts, p], done: false },
        {
          parts: [],
          done: false,
        },
      )
      .parts.join('/');
    const kept = matches.filter((m) => !excluded(m, selectionRoot || '.', op.exclude));
    if (kept.length === 0) {
      fail(`all files matching pattern '${pattern}' in source '${alias}' were excluded`);
      continue;
    }
    for (const m of kept) {
      let target = join(dest || '.', m);
      if (pattern.endsWith('/**')) {
        const prefix = pattern.slice(0, -3);
        if (m.startsWith(prefix + '/')) target = join(dest || '.', m.slice(prefix.length + 1));
      }
      const st = src.fs.stat(join(src.root, m));
      if (st?.type === 'dir') copyDir(src, m, target, op, selectionRoot || '.');
      else if (st?.type === 'file') copyFile(src, m, target);
    }
  }
  return out();
}
