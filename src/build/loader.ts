/**
 * File access for one kustomization root (kustomize's loader): paths relative to the root, the load
 * restrictor, and the checks made when a directory is opened as a base or component (absolute paths,
 * cycles).
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { BuildError } from '../diagnostics/error.js';
import { decodeKeepingBom, FsError, type FileSystem } from '../fs/types.js';
import { isAbsolute, isWithin, resolve } from '../fs/path.js';
import type { TargetLoader } from '../target/types.js';
import type { LoadRestrictor, RemoteLoader } from './options.js';
import { isRemoteFile } from './repo-spec.js';

/** A git checkout a loader's root lies in (kustomize's repoSpec on a loader made by a clone). */
export interface RepoFrame {
  /** The repo URL as written (kustomize's raw spec, compared for repo cycles). */
  readonly raw: string;
  /** The checkout's root directory: bases inside it may not leave it. */
  readonly root: string;
}

/**
 * The path Go's filepath.EvalSymlinks names when `path` does not exist: the first missing component
 * (`lstat /no: no such file or directory` for `/no/such/dir`).
 */
export function firstMissing(fs: FileSystem, path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  let cur = '';
  for (const p of parts) {
    cur += `/${p}`;
    if (fs.stat(cur) === undefined) return cur;
  }
  return path;
}

/** Go's EvalSymlinks error for a missing path. */
export function evalSymlinkFailure(fs: FileSystem, path: string): string {
  return `evalsymlink failure on '${path}' : lstat ${firstMissing(fs, path)}: no such file or directory`;
}

export class Loader implements TargetLoader {
  constructor(
    readonly fs: FileSystem,
    /** Absolute real path of the kustomization directory. */
    readonly root: string,
    readonly restrictor: LoadRestrictor,
    /** Roots of the referring kustomizations, innermost last (for cycle detection). */
    readonly chain: readonly string[],
    /** With LoadRestrictionsNone, files must still be below this directory. */
    readonly confineTo: string | undefined,
    /** The git checkouts on the chain of referrers, innermost last (empty for local kustomizations). */
    readonly repos: readonly RepoFrame[] = [],
    /** Downloads http(s) files kustomize's loader would fetch (`remoteLoader`); none: they fail. */
    readonly remote?: RemoteLoader,
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
          throw new BuildError('load/missing-file', evalSymlinkFailure(this.fs, path), { file: path });
        }
        throw err;
      }
    }
    if (this.fs.stat(path) === undefined) {
      throw new BuildError('load/missing-file', evalSymlinkFailure(this.fs, path), { file: path });
    }
    return path;
  }

  /** Checks the restrictor for an absolute path; returns the real path. */
  checkFile(path: string): string {
    const real = this.real(path);
    if (this.restrictor === 'LoadRestrictionsRootOnly') {
      if (!isWithin(this.root, real)) {
        // kustomize names the path as given (before resolving symlinks).
        throw new BuildError('load/outside-root', `security; file '${path}' is not in or below '${this.root}'`, {
          file: path,
        });
      }
    } else if (this.confineTo !== undefined && !isWithin(this.confineTo, real)) {
      throw new BuildError('load/outside-root', `security; file '${path}' is not in or below '${this.confineTo}'`, {
        file: path,
      });
    }
    const st = this.fs.stat(real);
    if (st?.type !== 'file') {
      throw new BuildError('load/not-a-file', `'${real}' must resolve to a file`, { file: path });
    }
    return real;
  }

  /** Reads a file relative to the root, under the load restrictor; an http(s) URL is downloaded (kustomize's Load). */
  read(rel: string): { path: string; bytes: Uint8Array } {
    if (isRemoteFile(rel)) return { path: rel, bytes: readRemoteFile(this.remote, rel) };
    const path = this.checkFile(this.abs(rel));
    return { path, bytes: this.fs.readFile(path) };
  }

  /** Reads a text file relative to the root, under the load restrictor (a leading byte order mark is kept). */
  readText(rel: string): { path: string; text: string } {
    const { path, bytes } = this.read(rel);
    return { path, text: decodeKeepingBom(bytes) };
  }

  /**
   * Opens a directory as a base or component: must be relative, exist, and not be (or contain) a root on
   * the current chain.
   */
  child(rel: string): Loader {
    if (isAbsolute(rel)) {
      throw new BuildError('load/absolute-path', `new root '${rel}' cannot be absolute`);
    }
    let dir: string;
    try {
      dir = this.real(this.abs(rel));
    } catch (err) {
      if (err instanceof BuildError) throw err.wrap('must build at directory: not a valid directory: ');
      throw err;
    }
    if (this.fs.stat(dir)?.type !== 'dir') {
      throw new BuildError('load/not-a-directory', `must build at directory: '${dir}': file is not directory`, {
        file: dir,
      });
    }
    // kustomize walks from this loader up through its referrers.
    for (const visited of [this.root, ...[...this.chain].reverse()]) {
      if (isWithin(dir, visited)) {
        throw new BuildError(
          'load/cycle',
          `cycle detected: candidate root '${dir}' contains visited root '${visited}'`,
          {
            file: dir,
          },
        );
      }
    }
    const repo = this.repos[this.repos.length - 1];
    if (repo && !isWithin(repo.root, dir)) {
      throw new BuildError(
        'load/outside-root',
        `security; bases in kustomizations found in cloned git repos must be within the repo, but base '${dir}' is outside '${repo.root}'`,
        { file: dir },
      );
    }
    if (this.confineTo !== undefined && !isWithin(this.confineTo, dir)) {
      throw new BuildError('load/outside-root', `security; directory '${dir}' is not in or below '${this.confineTo}'`, {
        file: dir,
      });
    }
    return new Loader(
      this.fs,
      dir,
      this.restrictor,
      [...this.chain, this.root],
      this.confineTo,
      this.repos,
      this.remote,
    );
  }
}

/** kustomize's message for a remote entry when nothing can download it. */
export function notDownloadedMessage(url: string): string {
  return `'${url}' is a remote target: kustomize-ts does not download (a host can supply it with the remoteLoader build option)`;
}

/** A failed download of an http(s) file; `httpStatus` when the server answered a non-2xx status. */
export class RemoteFileError extends BuildError {
  constructor(
    code: DiagnosticCode,
    message: string,
    readonly httpStatus: number | undefined,
  ) {
    super(code, message);
  }
}

/** The bytes of an http(s) file, through the remote loader; a RemoteFileError when it cannot be had. */
export function readRemoteFile(remote: RemoteLoader | undefined, url: string): Uint8Array {
  const got = remote?.(url, 'file');
  if (!got) throw new RemoteFileError('load/remote', notDownloadedMessage(url), undefined);
  if ('error' in got) throw new RemoteFileError(got.code ?? 'load/remote', got.error, got.httpStatus);
  if (got.fs.stat(got.path)?.type !== 'file') {
    throw new RemoteFileError(
      'load/remote',
      `'${url}': the remote loader returned '${got.path}', not a file`,
      undefined,
    );
  }
  return got.fs.readFile(got.path);
}
