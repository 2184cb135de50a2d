import { FsError, type FileStat, type FileSystem } from './types.js';
import { normalize } from './path.js';

/** Contents accepted by {@link memoryFs}: text or bytes per absolute or root-relative path. */
export type MemoryFiles = Record<string, string | Uint8Array>;

const encoder = new TextEncoder();

/**
 * A read-only in-memory file system. Keys are paths (relative paths are taken from `/`); directories
 * are implied by the files they contain. Empty directories can be listed with a trailing `/` key.
 */
export function memoryFs(files: MemoryFiles = {}): FileSystem & MutableMemoryFs {
  return new MemoryFileSystem(files);
}

/** The extra, mutating side of the in-memory file system (used by editors and tests). */
export interface MutableMemoryFs {
  /** Writes (creates or replaces) a file. */
  writeFile(path: string, content: string | Uint8Array): void;
  /** Removes a file; returns whether it existed. */
  removeFile(path: string): boolean;
  /** Every file path, sorted. */
  listFiles(): string[];
}

class MemoryFileSystem implements FileSystem, MutableMemoryFs {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Map<string, Set<string>>();

  constructor(files: MemoryFiles) {
    this.dirs.set('/', new Set());
    for (const [p, c] of Object.entries(files)) {
      if (p.endsWith('/')) this.addDir(normalize('/' + p));
      else this.writeFile(p, c);
    }
  }

  private addDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.dirs.set(dir, new Set());
    if (dir === '/') return;
    const i = dir.lastIndexOf('/');
    const parent = i <= 0 ? '/' : dir.slice(0, i);
    this.addDir(parent);
    this.dirs.get(parent)?.add(dir.slice(i + 1));
  }

  writeFile(path: string, content: string | Uint8Array): void {
    const p = normalize('/' + path);
    const i = p.lastIndexOf('/');
    const parent = i <= 0 ? '/' : p.slice(0, i);
    this.addDir(parent);
    this.dirs.get(parent)?.add(p.slice(i + 1));
    this.files.set(p, typeof content === 'string' ? encoder.encode(content) : content);
  }

  removeFile(path: string): boolean {
    const p = normalize('/' + path);
    if (!this.files.delete(p)) return false;
    const i = p.lastIndexOf('/');
    const parent = i <= 0 ? '/' : p.slice(0, i);
    this.dirs.get(parent)?.delete(p.slice(i + 1));
    return true;
  }

  listFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  readFile(path: string): Uint8Array {
    const p = normalize(path);
    const f = this.files.get(p);
    if (f) return f;
    if (this.dirs.has(p)) throw new FsError('EISDIR', p, `read ${p}: is a directory`);
    throw new FsError('ENOENT', p, `open ${p}: no such file or directory`);
  }

  readDir(path: string): string[] {
    const p = normalize(path);
    const d = this.dirs.get(p);
    if (d) return [...d];
    if (this.files.has(p)) throw new FsError('ENOTDIR', p, `readdir ${p}: not a directory`);
    throw new FsError('ENOENT', p, `open ${p}: no such file or directory`);
  }

  stat(path: string): FileStat | undefined {
    const p = normalize(path);
    if (this.files.has(p)) return { type: 'file' };
    if (this.dirs.has(p)) return { type: 'dir' };
    return undefined;
  }

  realPath(path: string): string {
    const p = normalize(path);
    if (!this.files.has(p) && !this.dirs.has(p))
      throw new FsError('ENOENT', p, `lstat ${p}: no such file or directory`);
    return p;
  }
}
