/**
 * The read-only file-system contract the core reads through. Every path is an absolute POSIX path.
 * Implementations: `memoryFs` (core, browser-safe) and `nodeFs` (published under `kustomize-ts/node`).
 */

/** What `stat` reports about a path. */
export interface FileStat {
  readonly type: 'file' | 'dir';
}

/** Error thrown by a file system when a path cannot be read. */
export class FsError extends Error {
  readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EACCES' | 'ELOOP';
  readonly path: string;
  constructor(code: FsError['code'], path: string, message?: string) {
    super(message ?? `${code}: ${path}`);
    this.name = 'FsError';
    this.code = code;
    this.path = path;
  }
}

/** A small, synchronous, read-only file system. */
export interface FileSystem {
  /** Reads a whole file. Throws {@link FsError} `ENOENT` when missing, `EISDIR` for a directory. */
  readFile(path: string): Uint8Array;
  /** Lists the entry names of a directory (not sorted). Throws {@link FsError} when not a directory. */
  readDir(path: string): string[];
  /** Describes a path (following symlinks), or `undefined` when it does not exist. */
  stat(path: string): FileStat | undefined;
  /**
   * Resolves symlinks to the real path, where the host has them. Optional: without it, paths are
   * taken as real. Throws {@link FsError} `ENOENT` when the path does not exist.
   */
  realPath?(path: string): string;
}

const decoder = new TextDecoder('utf-8');

/**
 * Reads a file as UTF-8 text. A leading BOM is dropped (YAML readers skip it; code that needs raw bytes,
 * such as generator sources, reads bytes instead).
 */
export function readText(fs: FileSystem, path: string): string {
  return decoder.decode(fs.readFile(path));
}

const bomKeepingDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes UTF-8 bytes keeping a leading byte order mark, for readers that handle it themselves as Go's do
 * (the YAML reader drops one mark at the start of a stream, as go-yaml's reader does).
 */
export function decodeKeepingBom(bytes: Uint8Array): string {
  return bomKeepingDecoder.decode(bytes);
}

/** Reads a file as UTF-8 text, keeping a leading byte order mark (see {@link decodeKeepingBom}). */
export function readTextKeepingBom(fs: FileSystem, path: string): string {
  return bomKeepingDecoder.decode(fs.readFile(path));
}

/** `path` with symlinks resolved, when the file system resolves them and the path exists; else `path`. */
export function realPathOrSelf(fs: FileSystem, path: string): string {
  if (!fs.realPath) return path;
  try {
    return fs.realPath(path);
  } catch (err) {
    if (err instanceof FsError) return path;
    throw err;
  }
}

/** True when `path` exists. */
export function exists(fs: FileSystem, path: string): boolean {
  return fs.stat(path) !== undefined;
}
