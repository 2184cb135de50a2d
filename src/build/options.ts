import type { FileSystem } from '../fs/types.js';
import type { BuildCache } from './cache.js';
import type { KustomizeVersionInput } from './versions.js';

/** kustomize's load restrictors. */
export type LoadRestrictor = 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';

/** Output order when the kustomization has no `sortOptions`: kustomize's `--reorder`. */
export type Reorder = 'legacy' | 'none';

/**
 * Supplies remote resources (git or http URLs) that kustomize would download. kustomize-ts never goes to
 * the network itself: a host that has the content (a cache, a checkout) returns a file system and a path
 * inside it. Returning `undefined` makes the build fail with a `load/remote` diagnostic, as an offline
 * kustomize would.
 */
export type RemoteLoader = (
  url: string,
  kind: 'resource' | 'component',
) => { fs: FileSystem; path: string } | undefined;

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
