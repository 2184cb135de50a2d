/**
 * Reuse across builds (editor sessions re-render on every keystroke): parsed files keyed by their text,
 * and whole built sub-kustomizations keyed by directory and options, valid while every file and path
 * they looked at is unchanged. Dependencies are recorded by a file-system proxy while a directory
 * builds; a hit is checked by re-reading those paths (cheap on an in-memory or overlay file system).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileStat, FileSystem } from '../fs/types.js';
import { isWithin } from '../fs/path.js';
import type { ParsedStream } from '../yaml/parse.js';
import type { LoadedKustomization } from '../kustomization/load.js';
import type { Accumulator, UnmatchedPatchTarget } from './context.js';

type Dep =
  | { kind: 'file'; path: string; bytes: Uint8Array | undefined }
  | { kind: 'stat'; path: string; type: FileStat['type'] | undefined }
  | { kind: 'dir'; path: string; names: string | undefined }
  | { kind: 'real'; path: string; real: string | undefined };

interface Frame {
  deps: Map<string, Dep>;
}

/** A built sub-kustomization kept for reuse. */
export interface CachedDir {
  deps: Dep[];
  result: Accumulator;
  warnings: Diagnostic[];
  unmatched: UnmatchedPatchTarget[];
}

/** Counters, for tests and benchmarks. */
export interface BuildCacheStats {
  parses: number;
  parseHits: number;
  dirBuilds: number;
  dirHits: number;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a subtree built under some chain of referring roots also builds under `chain`: kustomize's cycle
 * check fails when a folder it opens contains a root of the chain. Every folder the subtree opened was
 * stat'ed as a directory, so checking those (a superset) is safe.
 */
function noCycleUnder(deps: readonly Dep[], chain: readonly string[]): boolean {
  if (chain.length === 0) return true;
  for (const d of deps) {
    if (d.kind !== 'stat' || d.type !== 'dir') continue;
    for (const root of chain) if (isWithin(d.path, root)) return false;
  }
  return true;
}

/** The cache a host keeps between builds (pass it as `cache` in the build options). */
export class BuildCache {
  private readonly parsed = new Map<string, { text: string; stream: ParsedStream }>();
  /** Parsed kustomization files, by path (valid while the text is the same). Never mutated by builds. */
  readonly kustomizations = new Map<string, { text: string; loaded: LoadedKustomization }>();
  private readonly dirs = new Map<string, CachedDir>();
  private readonly frames: Frame[] = [];
  readonly stats: BuildCacheStats = { parses: 0, parseHits: 0, dirBuilds: 0, dirHits: 0 };

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

  /** Wraps a file system so reads made while frames are open are recorded as their dependencies. */
  track(fs: FileSystem): FileSystem {
    const record = (dep: Dep): void => {
      if (this.frames.length === 0) return;
      const key = `${dep.kind}\0${dep.path}`;
      for (const f of this.frames) if (!f.deps.has(key)) f.deps.set(key, dep);
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
    return tracked;
  }

  private stillValid(deps: readonly Dep[], fs: FileSystem): boolean {
    for (const d of deps) {
      switch (d.kind) {
        case 'file': {
          let bytes: Uint8Array | undefined;
          try {
            bytes = fs.readFile(d.path);
          } catch {
            bytes = undefined;
          }
          if (!sameBytes(bytes, d.bytes)) return false;
          break;
        }
        case 'stat':
          if (fs.stat(d.path)?.type !== d.type) return false;
          break;
        case 'dir': {
          let names: string | undefined;
          try {
            names = fs.readDir(d.path).slice().sort().join('\0');
          } catch {
            names = undefined;
          }
          if (names !== d.names) return false;
          break;
        }
        case 'real': {
          let real: string | undefined;
          try {
            real = fs.realPath ? fs.realPath(d.path) : d.path;
          } catch {
            real = undefined;
          }
          if (real !== d.real) return false;
          break;
        }
      }
    }
    return true;
  }

  /**
   * Returns the cached build of `key` if its dependencies are unchanged (read through `rawFs`, the
   * untracked file system), else builds it with `make`, recording dependencies.
   */
  dir(
    key: string,
    rawFs: FileSystem,
    chain: readonly string[],
    make: () => { result: Accumulator; warnings: Diagnostic[]; unmatched: UnmatchedPatchTarget[]; cacheable: boolean },
  ): { result: Accumulator; warnings: Diagnostic[]; unmatched: UnmatchedPatchTarget[]; hit: boolean } {
    const hit = this.dirs.get(key);
    if (hit && noCycleUnder(hit.deps, chain) && this.stillValid(hit.deps, rawFs)) {
      this.stats.dirHits++;
      // The outer builds depend on everything this one depended on.
      for (const f of this.frames) for (const d of hit.deps) f.deps.set(`${d.kind}\0${d.path}`, d);
      return { ...hit, hit: true };
    }
    this.stats.dirBuilds++;
    const frame: Frame = { deps: new Map() };
    this.frames.push(frame);
    try {
      const made = make();
      if (made.cacheable)
        this.dirs.set(key, {
          deps: [...frame.deps.values()],
          result: made.result,
          warnings: made.warnings,
          unmatched: made.unmatched,
        });
      return { result: made.result, warnings: made.warnings, unmatched: made.unmatched, hit: false };
    } finally {
      this.frames.splice(this.frames.indexOf(frame), 1);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.parsed.clear();
    this.kustomizations.clear();
    this.dirs.clear();
  }
}
