import type { FileSystem } from '../fs/types.js';
import type { BuildCache } from './cache.js';
import type { KustomizeVersionInput } from '../kustomization/versions.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';

/** kustomize's load restrictors. */
export type LoadRestrictor = 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';

/** Output order when the kustomization has no `sortOptions`: kustomize's `--reorder`. */
export type Reorder = 'legacy' | 'none';

/** The diagnostic codes a {@link RemoteLoader} may give its failures. */
export type RemoteErrorCode = Extract<DiagnosticCode, `remote/${string}` | 'load/remote'>;

/**
 * What a {@link RemoteLoader} hands back: the content it has, or why it has none.
 *
 * - For `as: 'repo'`: `path` is the kustomization directory inside a checkout of the repository and
 *   `repoRoot` the checkout's root (bases inside it may not leave it, as in kustomize).
 * - For `as: 'file'`: `path` is the downloaded file.
 * - `error`: the failure, worded as kustomize words it where it can (`HTTP Error: status code 404 (Not Found)`,
 *   `failed to run 'git fetch ...'`); `httpStatus` when an HTTP server answered with a non-2xx status (kustomize
 *   then tries the URL as a repository only when it parses as one).
 */
export type RemoteContent =
  | { fs: FileSystem; path: string; repoRoot?: string }
  | { error: string; code?: RemoteErrorCode; httpStatus?: number };

/**
 * Supplies remote resources that kustomize would download. The core never goes to the network itself: a host
 * (the Node loader of `kustomize-ts/node`, a cache, a checkout) returns a file system and a path inside it.
 * It is asked as kustomize resolves an entry: an http(s) URL first `as: 'file'` (kustomize's HTTP loader), and
 * an entry that parses as a git repo URL (kustomize's repo spec) `as: 'repo'`. Returning `undefined` makes the
 * build fail with a `load/remote` diagnostic, as an offline kustomize would.
 */
export type RemoteLoader = (url: string, as: 'file' | 'repo') => RemoteContent | undefined;

/** Options of {@link build}. */
export interface BuildOptions {
  /** The file system to read from. */
  fs: FileSystem;
  /** Default `LoadRestrictionsRootOnly`: files must lie in or below their kustomization's directory. */
  loadRestrictor?: LoadRestrictor;
  /** Default `legacy`. Ignored when the top kustomization has `sortOptions`. */
  reorder?: Reorder;
  /** Resolves remote resources; default: none (remote entries fail with a diagnostic). */
  remoteLoader?: RemoteLoader;
  /**
   * With `LoadRestrictionsNone`, still refuse files outside this directory (Flux confines builds to the
   * source artifact). Default: no confinement.
   */
  confineTo?: string;
  /** Add `app.kubernetes.io/managed-by: kustomize-(devel)` (kustomize's `--enable-managedby-label`). Default false. */
  enableManagedByLabel?: boolean;
  /**
   * Reuse parsed files and built sub-kustomizations between builds (see {@link BuildCache}). Keep one per
   * file system and pass it to every build; entries are checked against the file system on each use.
   * Default: none (every build starts fresh).
   */
  cache?: BuildCache;
  /**
   * The kustomize version whose output to reproduce: `5.8` (kustomize v5.8.1, the newest release and
   * Flux 2.9's) or `5.6` (kustomize v5.6.0, kubectl 1.33's); `v5.8.1` / `v5.6.0` are accepted too.
   * Default `5.8`. What differs between them: {@link versionFeatures} and docs/compatibility.md.
   */
  kustomizeVersion?: KustomizeVersionInput;
}

/** The managed-by label value `kubectl kustomize` writes (no version stamped in kubectl's build). */
export const MANAGED_BY_VALUE = 'kustomize-(devel)';
