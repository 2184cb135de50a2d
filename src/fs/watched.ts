/**
 * A host file system as an editing session with reported changes reads it (the language server's workspace
 * under a file watcher): every answer is kept in memory until a change to that path is reported, so that a
 * re-render after a keystroke reads memory instead of the disk.
 */
import { rememberOutcome as remember, type Outcome } from './remember.js';
import { dirname } from './path.js';
import type { FileStat, FileSystem } from './types.js';

/** A file system that remembers the host's answers; `invalidate` forgets those about one path. */
export interface WatchedFs extends FileSystem {
  /**
   * Forgets what is known of `path` (a file or folder, and everything below a folder) and of the folders
   * above it (their listings and whether they exist).
   */
  invalidate(path: string): void;
  /** Forgets everything. */
  invalidateAll(): void;
}

export function watchedFs(host: FileSystem): WatchedFs {
  const files = new Map<string, Outcome<Uint8Array>>();
  const dirs = new Map<string, Outcome<string[]>>();
  const stats = new Map<string, FileStat | undefined>();
  const reals = new Map<string, Outcome<string>>();
  const forget = (path: string): void => {
    const below = path === '/' ? '/' : `${path}/`;
    for (const m of [files, dirs, stats, reals] as Map<string, unknown>[]) {
      for (const k of m.keys()) if (k === path || k.startsWith(below)) m.delete(k);
    }
    // The folders above: one may have appeared or disappeared with it (a watcher reports only the file).
    for (let p = path; p !== '/' && p !== '.'; ) {
      p = dirname(p);
      dirs.delete(p);
      stats.delete(p);
    }
  };
  const fs: WatchedFs = {
    readFile: (path) => remember(files, path, () => host.readFile(path)),
    readDir: (path) => remember(dirs, path, () => host.readDir(path)).slice(),
    stat(path) {
      if (stats.has(path)) return stats.get(path);
      const st = host.stat(path);
      stats.set(path, st);
      return st;
    },
    invalidate: forget,
    invalidateAll() {
      for (const m of [files, dirs, stats, reals] as Map<string, unknown>[]) m.clear();
    },
  };
  const realPath = host.realPath?.bind(host);
  if (realPath) fs.realPath = (path) => remember(reals, path, () => realPath(path));
  return fs;
}
