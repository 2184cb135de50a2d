import { FsError, type FileStat, type FileSystem } from './types.js';
import { normalize } from './path.js';
import { memoryFs, type MutableMemoryFs } from './memory.js';

/**
 * An in-memory layer over a read-only file system: writes and removals stay in memory (removals hide the
 * lower file), reads fall through to the lower one. Used by editor sessions (unsaved buffers over the
 * workspace) and by the Flux renderer (generated kustomizations over a checkout).
 */
/** An overlay: a mutable file system whose edits can also be dropped, file by file. */
export interface OverlayFs extends FileSystem, MutableMemoryFs {
  /** Drops the edit of a file (a write or a removal): the lower file system's version shows again. */
  revertFile(path: string): void;
}

/** The reads of an overlay: the upper layer's files first, then the lower ones not removed. */
function overlayReads(
  lower: FileSystem,
  upper: FileSystem & MutableMemoryFs,
  removed: ReadonlySet<string>,
): Pick<OverlayFs, 'readFile' | 'readDir' | 'stat' | 'realPath'> {
  return {
    readFile(path: string): Uint8Array {
      const p = normalize(path);
      if (upper.stat(p)?.type === 'file') return upper.readFile(p);
      if (removed.has(p)) throw new FsError('ENOENT', p, `open ${p}: no such file or directory`);
      return lower.readFile(p);
    },
    readDir(path: string): string[] {
      const p = normalize(path);
      const names = new Set<string>();
      let found = false;
      if (upper.stat(p)?.type === 'dir') {
        found = true;
        for (const n of upper.readDir(p)) names.add(n);
      }
      if (lower.stat(p)?.type === 'dir') {
        found = true;
        for (const n of lower.readDir(p)) if (!removed.has(p === '/' ? `/${n}` : `${p}/${n}`)) names.add(n);
      }
      if (!found) throw new FsError('ENOENT', p, `open ${p}: no such file or directory`);
      return [...names];
    },
    stat(path: string): FileStat | undefined {
      const p = normalize(path);
      const u = upper.stat(p);
      if (u?.type === 'file') return u;
      if (removed.has(p)) return undefined;
      return lower.stat(p) ?? u;
    },
    realPath(path: string): string {
      const p = normalize(path);
      if (upper.stat(p) !== undefined) return p;
      if (removed.has(p)) throw new FsError('ENOENT', p, `lstat ${p}: no such file or directory`);
      return lower.realPath ? lower.realPath(p) : p;
    },
  };
}

/** The edits of an overlay: writes and removals in the upper layer (removals of lower files hide them). */
function overlayEdits(
  lower: FileSystem,
  upper: FileSystem & MutableMemoryFs,
  removed: Set<string>,
): Pick<OverlayFs, 'writeFile' | 'removeFile' | 'revertFile' | 'listFiles'> {
  return {
    writeFile(path: string, content: string | Uint8Array): void {
      const p = normalize('/' + path);
      removed.delete(p);
      upper.writeFile(p, content);
    },
    removeFile(path: string): boolean {
      const p = normalize('/' + path);
      const inUpper = upper.removeFile(p);
      const inLower = lower.stat(p)?.type === 'file';
      if (inLower) removed.add(p);
      return inUpper || inLower;
    },
    revertFile(path: string): void {
      const p = normalize('/' + path);
      upper.removeFile(p);
      removed.delete(p);
    },
    listFiles(): string[] {
      return upper.listFiles();
    },
  };
}

/**
 * An in-memory layer over a read-only file system: writes and removals stay in memory (removals hide the
 * lower file), reads fall through to the lower one; `revertFile` drops an edit. Used by editor sessions
 * (unsaved buffers over the workspace) and by the Flux renderer (generated kustomizations over a checkout).
 */
export function overlayFs(lower: FileSystem): OverlayFs {
  const upper = memoryFs();
  const removed = new Set<string>();
  return { ...overlayReads(lower, upper, removed), ...overlayEdits(lower, upper, removed) };
}
