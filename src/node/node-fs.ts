/// <reference types="node" />
import { readFileSync, readdirSync, statSync, realpathSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { FsError, type FileStat, type FileSystem } from '../fs/types.js';

function toFsError(err: unknown, path: string): unknown {
  if (!(err instanceof Error) || !('code' in err)) return err;
  const code = err.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES' || code === 'ELOOP') {
    return new FsError(code, path, err.message);
  }
  return err;
}

/**
 * The host file system, read through `node:fs`. Paths are absolute POSIX paths (on Linux and macOS the
 * host's own paths).
 */
export function nodeFs(): FileSystem {
  return {
    readFile(path: string): Uint8Array {
      try {
        return readFileSync(path);
      } catch (err) {
        throw toFsError(err, path);
      }
    },
    readDir(path: string): string[] {
      try {
        return readdirSync(path);
      } catch (err) {
        throw toFsError(err, path);
      }
    },
    stat(path: string): FileStat | undefined {
      try {
        const s = statSync(path);
        return { type: s.isDirectory() ? 'dir' : 'file' };
      } catch {
        return undefined;
      }
    },
    realPath(path: string): string {
      try {
        return realpathSync(path);
      } catch (err) {
        throw toFsError(err, path);
      }
    },
  };
}

/** Turns a host path (relative to the working directory or absolute) into the absolute POSIX path the core expects. */
export function hostPath(path: string): string {
  return resolvePath(path).split('\\').join('/');
}
