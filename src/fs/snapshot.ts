import { rememberOutcome as remember, type Outcome } from './remember.js';
import type { FileStat, FileSystem } from './types.js';

/** The snapshots made here (a snapshot of a snapshot is itself). */
const snapshots = new WeakSet<FileSystem>();

/**
 * A file system that answers each question once: every result (and every error) of `base` is kept, so
 * the operations of one render — a fleet, a lint run, the folders of one `build --recursive` — see one
 * consistent state of the files and ask the host once per path. Use one snapshot per operation: it never
 * sees later changes. Directory listings and file contents are returned as kept; callers must not mutate
 * them.
 */
export function snapshotFs(base: FileSystem): FileSystem {
  if (snapshots.has(base)) return base;
  const files = new Map<string, Outcome<Uint8Array>>();
  const dirs = new Map<string, Outcome<string[]>>();
  const stats = new Map<string, FileStat | undefined>();
  const reals = new Map<string, Outcome<string>>();
  const fs: FileSystem = {
    readFile: (path) => remember(files, path, () => base.readFile(path)),
    readDir: (path) => remember(dirs, path, () => base.readDir(path)).slice(),
    stat(path) {
      if (stats.has(path)) return stats.get(path);
      const st = base.stat(path);
      stats.set(path, st);
      return st;
    },
  };
  const realPath = base.realPath?.bind(base);
  if (realPath) fs.realPath = (path) => remember(reals, path, () => realPath(path));
  snapshots.add(fs);
  return fs;
}
