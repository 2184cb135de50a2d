/**
 * The workspace as the server reads it: every answer of the host file system is kept in memory until the
 * editor reports a change to that path (file watching), so that a re-render after a keystroke checks its
 * cached builds against memory instead of the disk.
 */
import { rememberOutcome as remember, type Outcome } from '../fs/remember.js';
import { dirname } from '../fs/path.js';
import type { FileStat, FileSystem } from '../fs/types.js';

/** A file system that remembers the host's answers; `invalidate` forgets those about one path. */
export interface WatchedFs extends FileSystem {
  /** Forgets what is known of `path` (a file or folder, and everything below a folder) and of its folder's listing. */
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
    const parent = dirname(path);
    dirs.delete(parent);
    stats.delete(parent);
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
