/**
 * Reuse across builds (editor sessions re-render on every keystroke): parsed files keyed by their text,
 * whole built sub-kustomizations keyed by directory and options, and any other value computed from files
 * ({@link BuildCache.memo}: rendered Flux Kustomizations, lint's parsed files and builds), each valid while
 * every file and path it looked at is unchanged. Dependencies are recorded by a file-system proxy while a
 * value is computed; a hit is checked by re-reading those paths (cheap on an in-memory or overlay file
 * system), or, when the host reports changes, not at all (a reported change drops what read the path).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileStat, FileSystem } from '../fs/types.js';
import { isWithin, normalize } from '../fs/path.js';
import type { ParsedStream } from '../yaml/parse.js';
import type { LoadedKustomization } from '../kustomization/load.js';
import type { Accumulator, UnmatchedPatchTarget } from './context.js';

type Dep =
  | { kind: 'file'; path: string; bytes: Uint8Array | undefined }
  | { kind: 'stat'; path: string; type: FileStat['type'] | undefined }
  | { kind: 'dir'; path: string; names: string | undefined }
  | { kind: 'real'; path: string; real: string | undefined };

/** A computation in progress: what it read itself, and the kept values it used. */
interface Frame {
  deps: Map<string, Dep>;
  children: Set<Entry>;
}

/**
 * A value kept for reuse with the paths it read itself (by kind and path) and the kept values it used: it
 * depends on everything they depend on.
 */
interface Entry {
  key: string;
  deps: ReadonlyMap<string, Dep>;
  children: readonly Entry[];
  value: unknown;
}

/** Calls `visit` with every path an entry depends on (its own and its children's), each entry once. */
function everyDep(entry: Entry, visit: (dep: Dep) => boolean, seen = new Set<Entry>()): boolean {
  if (seen.has(entry)) return true;
  seen.add(entry);
  for (const d of entry.deps.values()) if (!visit(d)) return false;
  return entry.children.every((c) => everyDep(c, visit, seen));
}

/** What a build of a sub-kustomization leaves for reuse. */
interface DirValue {
  result: Accumulator;
  warnings: Diagnostic[];
  unmatched: UnmatchedPatchTarget[];
}

/** Options of {@link BuildCache}. */
export interface BuildCacheOptions {
  /**
   * How changes to the files are found. `detect` (default): a kept value is checked by re-reading what it
   * read, so any change is seen. `report`: the host reports every change with {@link BuildCache.invalidate}
   * (an editor session with a file watcher does), and kept values are reused without re-reading.
   */
  changes?: 'detect' | 'report';
}

/** Counters, for tests and benchmarks. */
export interface BuildCacheStats {
  parses: number;
  parseHits: number;
  dirBuilds: number;
  dirHits: number;
  /** Values made and reused by {@link BuildCache.memo} (Flux Kustomizations, lint's files and builds). */
  memoMisses: number;
  memoHits: number;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `fs` still gives the answer a dependency recorded. */
function sameAnswer(d: Dep, fs: FileSystem): boolean {
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  switch (d.kind) {
    case 'file':
      return sameBytes(
        attempt(() => fs.readFile(d.path)),
        d.bytes,
      );
    case 'stat':
      return fs.stat(d.path)?.type === d.type;
    case 'dir':
      return attempt(() => fs.readDir(d.path).slice().sort().join('\0')) === d.names;
    case 'real':
      return attempt(() => (fs.realPath ? fs.realPath(d.path) : d.path)) === d.real;
  }
}

/**
 * Whether a subtree built under some chain of referring roots also builds under `chain`: kustomize's cycle
 * check fails when a folder it opens contains a root of the chain. Every folder the subtree opened was
 * stat'ed as a directory, so checking those (a superset) is safe.
 */
function noCycleUnder(entry: Entry, chain: readonly string[]): boolean {
  if (chain.length === 0) return true;
  return everyDep(entry, (d) => d.kind !== 'stat' || d.type !== 'dir' || !chain.some((root) => isWithin(d.path, root)));
}

/** The file system of values that read no file. */
const NO_FILES: FileSystem = { readFile: () => new Uint8Array(), readDir: () => [], stat: () => undefined };

/** The cache a host keeps between builds (pass it as `cache` in the build options). */
export class BuildCache {
  private readonly parsed = new Map<string, { text: string; stream: ParsedStream }>();
  /** Parsed kustomization files, by path (valid while the text is the same). Never mutated by builds. */
  readonly kustomizations = new Map<string, { text: string; loaded: LoadedKustomization }>();
  private readonly entries = new Map<string, Entry>();
  /** Kind and path → keys of the entries that read it (report mode: what {@link invalidate} drops). */
  private readonly readers = new Map<string, Set<string>>();
  /** Key → keys of the entries that used the value kept under it (report mode: dropped with it). */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly frames: Frame[] = [];
  /** File systems whose reads are recorded already (made by {@link track}, or views over one of them). */
  private readonly recorded = new WeakSet<FileSystem>();
  private readonly reported: boolean;
  readonly stats: BuildCacheStats = { parses: 0, parseHits: 0, dirBuilds: 0, dirHits: 0, memoMisses: 0, memoHits: 0 };

  constructor(options: BuildCacheOptions = {}) {
    this.reported = options.changes === 'report';
  }

  /** A parse of `text` at `path`, reused while the text is the same. Callers must not mutate it. */
  parse(path: string, text: string, mode: string, parse: () => ParsedStream): ParsedStream {
    const key = `${mode}\0${path}`;
    const hit = this.parsed.get(key);
    if (hit && hit.text === text) {
      this.stats.parseHits++;
      return hit.stream;
    }
    this.stats.parses++;
    const stream = parse();
    this.parsed.set(key, { text, stream });
    return stream;
  }

  /**
   * Wraps a file system so reads made while frames are open are recorded as their dependencies (a file
   * system whose reads are recorded already is returned as it is).
   */
  track(fs: FileSystem): FileSystem {
    if (this.recorded.has(fs)) return fs;
    const record = (dep: Dep): void => {
      const f = this.frames[this.frames.length - 1];
      if (!f) return;
      const key = `${dep.kind}\0${dep.path}`;
      if (!f.deps.has(key)) f.deps.set(key, dep);
    };
    const tracked: FileSystem = {
      readFile: (path) => {
        try {
          const bytes = fs.readFile(path);
          record({ kind: 'file', path, bytes });
          return bytes;
        } catch (err) {
          record({ kind: 'file', path, bytes: undefined });
          throw err;
        }
      },
      readDir: (path) => {
        try {
          const names = fs.readDir(path);
          record({ kind: 'dir', path, names: names.slice().sort().join('\0') });
          return names;
        } catch (err) {
          record({ kind: 'dir', path, names: undefined });
          throw err;
        }
      },
      stat: (path) => {
        const st = fs.stat(path);
        record({ kind: 'stat', path, type: st?.type });
        return st;
      },
    };
    if (fs.realPath) {
      const real = fs.realPath.bind(fs);
      tracked.realPath = (path) => {
        try {
          const r = real(path);
          record({ kind: 'real', path, real: r });
          return r;
        } catch (err) {
          record({ kind: 'real', path, real: undefined });
          throw err;
        }
      };
    }
    this.recorded.add(tracked);
    return tracked;
  }

  /**
   * Declares `view` a view over `lower` that adds files made from what the caller's key holds (a
   * kustomization generated from a Flux Kustomization's spec): when `lower`'s reads are recorded, builds on
   * `view` record those reads only, not the made-up files, which exist in no file system a kept value is
   * checked against.
   */
  viewOver(view: FileSystem, lower: FileSystem): void {
    if (this.recorded.has(lower)) this.recorded.add(view);
  }

  private stillValid(entry: Entry, fs: FileSystem): boolean {
    return everyDep(entry, (d) => sameAnswer(d, fs));
  }

  /**
   * Returns the cached build of `key` if its dependencies are unchanged (read through `rawFs`, the
   * untracked file system) and no folder it opened contains a root of `chain`, else builds it with `make`,
   * recording dependencies.
   */
  dir(
    key: string,
    rawFs: FileSystem,
    chain: readonly string[],
    make: () => DirValue & { cacheable: boolean },
  ): DirValue & { hit: boolean } {
    const r = this.remember<DirValue>(
      `dir\0${key}`,
      rawFs,
      (entry) => noCycleUnder(entry, chain),
      () => {
        const made = make();
        return {
          value: { result: made.result, warnings: made.warnings, unmatched: made.unmatched },
          keep: made.cacheable,
        };
      },
    );
    if (r.hit) this.stats.dirHits++;
    else this.stats.dirBuilds++;
    return { ...r.value, hit: r.hit };
  }

  /**
   * A value computed once and reused while nothing it read changed (see {@link BuildCacheOptions.changes}).
   * `compute` must read files through a file system wrapped with {@link track} (or through builds given
   * this cache) so that its dependencies are known; `rawFs` re-reads them in `detect` mode. The value is
   * shared: callers must not mutate it.
   */
  memo<T>(key: string, rawFs: FileSystem, compute: () => T): { value: T; hit: boolean } {
    const r = this.remember<T>(
      `memo\0${key}`,
      rawFs,
      () => true,
      () => ({ value: compute(), keep: true }),
    );
    if (r.hit) this.stats.memoHits++;
    else this.stats.memoMisses++;
    return r;
  }

  /** A value that depends on `key` alone (no file), computed once. The value is shared: do not mutate it. */
  pure<T>(key: string, make: () => T): T {
    return this.memo(`pure\0${key}`, NO_FILES, make).value;
  }

  private remember<T>(
    key: string,
    rawFs: FileSystem,
    usable: (entry: Entry) => boolean,
    make: () => { value: T; keep: boolean },
  ): { value: T; hit: boolean } {
    const hit = this.entries.get(key);
    if (hit && usable(hit) && (this.reported || this.stillValid(hit, rawFs))) {
      // The computation in progress depends on everything this one depended on.
      this.frames[this.frames.length - 1]?.children.add(hit);
      return { value: hit.value as T, hit: true };
    }
    const frame: Frame = { deps: new Map(), children: new Set() };
    this.frames.push(frame);
    let stored: Entry | undefined;
    try {
      const made = make();
      if (made.keep) this.store((stored = { key, deps: frame.deps, children: [...frame.children], value: made.value }));
      return { value: made.value, hit: false };
    } finally {
      this.frames.pop();
      const parent = this.frames[this.frames.length - 1];
      if (parent && stored) parent.children.add(stored);
      else if (parent) {
        // Not kept (or failed): what it read counts for the computation that called it.
        for (const [k, d] of frame.deps) if (!parent.deps.has(k)) parent.deps.set(k, d);
        for (const c of frame.children) parent.children.add(c);
      }
    }
  }

  private store(entry: Entry): void {
    this.entries.set(entry.key, entry);
    if (!this.reported) return;
    const link = (index: Map<string, Set<string>>, at: string): void => {
      let keys = index.get(at);
      if (!keys) index.set(at, (keys = new Set()));
      keys.add(entry.key);
    };
    for (const k of entry.deps.keys()) link(this.readers, k);
    for (const c of entry.children) link(this.dependents, c.key);
  }

  /** Drops the value kept under `key` and every value that used it. */
  private drop(key: string): void {
    this.entries.delete(key);
    const users = this.dependents.get(key);
    if (!users) return;
    this.dependents.delete(key);
    for (const u of users) this.drop(u);
  }

  /**
   * Reports that the file `path` changed: every kept value that read it is dropped. When it appeared or
   * disappeared (`structural`, the default), so is every value that looked it up or listed or looked up a
   * folder above it, or read anything below it (a folder that appeared or disappeared); a content change
   * leaves those.
   */
  invalidate(path: string, structural = true): void {
    const drop = (readerKey: string): void => {
      for (const key of this.readers.get(readerKey) ?? []) this.drop(key);
      this.readers.delete(readerKey);
    };
    let p = normalize(path);
    drop(`file\0${p}`);
    if (!structural) return;
    const below = p === '/' ? '/' : `${p}/`;
    for (const k of [...this.readers.keys()]) if (k.startsWith(below, k.indexOf('\0') + 1)) drop(k);
    for (;;) {
      for (const kind of ['file', 'stat', 'dir', 'real'] as const) drop(`${kind}\0${p}`);
      if (p === '/' || !p.includes('/')) break;
      p = p.slice(0, Math.max(p.lastIndexOf('/'), 1));
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.parsed.clear();
    this.kustomizations.clear();
    this.entries.clear();
    this.readers.clear();
    this.dependents.clear();
  }
}
