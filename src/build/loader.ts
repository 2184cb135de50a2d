/**
 * File access for one kustomization root (kustomize's loader): paths relative to the root, the load
 * restrictor, and the checks made when a directory is opened as a base or component (absolute paths,
 * cycles).
 */
import { BuildError } from '../diagnostics/error.js';
import { FsError, type FileSystem } from '../fs/types.js';
import { isAbsolute, isWithin, resolve } from '../fs/path.js';
import type { LoadRestrictor } from './options.js';

export class Loader {
  constructor(
    readonly fs: FileSystem,
    /** Absolute real path of the kustomization directory. */
    readonly root: string,
    readonly restrictor: LoadRestrictor,
    /** Roots of the referring kustomizations, innermost last (for cycle detection). */
    readonly chain: readonly string[],
    /** With LoadRestrictionsNone, files must still be below this directory. */
    readonly confineTo: string | undefined,
  ) {}

  /** Absolute path of `rel` against the root. */
  abs(rel: string): string {
    return resolve(this.root, rel);
  }

  private real(path: string): string {
    if (this.fs.realPath) {
      try {
        return this.fs.realPath(path);
      } catch (err) {
        if (err instanceof FsError) {
          throw new BuildError('load/missing-file', `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`, {
            file: path,
          });
        }
        throw err;
      }
    }
    if (this.fs.stat(path) === undefined) {
      throw new BuildError('load/missing-file', `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`, {
        file: path,
      });
    }
    return path;
  }

  /** Checks the restrictor for an absolute path; returns the real path. */
  checkFile(path: string): string {
    const real = this.real(path);
    if (this.restrictor === 'LoadRestrictionsRootOnly') {
      if (!isWithin(this.root, real)) {
        throw new BuildError('load/outside-root', `security; file '${real}' is not in or below '${this.root}'`, { file: path });
      }
    } else if (this.confineTo !== undefined && !isWithin(this.confineTo, real)) {
      throw new BuildError('load/outside-root', `security; file '${real}' is not in or below '${this.confineTo}'`, { file: path });
    }
    const st = this.fs.stat(real);
    if (st?.type !== 'file') {
      throw new BuildError('load/not-a-file', `'${real}' must resolve to a file`, { file: path });
    }
    return real;
  }

  /** Reads a file relative to the root, under the load restrictor. */
  read(rel: string): { path: string; bytes: Uint8Array } {
    const path = this.checkFile(this.abs(rel));
    return { path, bytes: this.fs.readFile(path) };
  }

  /** Reads a text file relative to the root, under the load restrictor. */
  readText(rel: string): { path: string; text: string } {
    const { path, bytes } = this.read(rel);
    return { path, text: new TextDecoder('utf-8').decode(bytes) };
  }

  /**
   * Opens a directory as a base or component: must be relative, exist, and not be (or contain) a root on
   * the current chain.
   */
  child(rel: string): Loader {
    if (isAbsolute(rel)) {
      throw new BuildError('load/absolute-path', `new root '${rel}' cannot be absolute`);
    }
    const dir = this.real(this.abs(rel));
    if (this.fs.stat(dir)?.type !== 'dir') {
      throw new BuildError('load/not-a-directory', `must build at directory: '${dir}': file is not directory`, { file: dir });
    }
    for (const visited of [...this.chain, this.root]) {
      if (isWithin(dir, visited)) {
        throw new BuildError('load/cycle', `cycle detected: candidate root '${dir}' contains visited root '${visited}'`, {
          file: dir,
        });
      }
    }
    if (this.confineTo !== undefined && !isWithin(this.confineTo, dir)) {
      throw new BuildError('load/outside-root', `security; directory '${dir}' is not in or below '${this.confineTo}'`, { file: dir });
    }
    return new Loader(this.fs, dir, this.restrictor, [...this.chain, this.root], this.confineTo);
  }
}

const REMOTE = /^(https?:\/\/|git::|git@|ssh:\/\/|file:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/;

/** Whether a resources/components entry is a remote target (git or http URL). */
export function isRemoteTarget(entry: string): boolean {
  return REMOTE.test(entry);
}
