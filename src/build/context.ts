/**
 * What the engine threads through a build: the build-wide context (file system, options, schema,
 * warnings, records for the linter) and, per kustomization, its target (file, loader, content, the
 * transformer configuration accumulated so far). Both extend the transformer contract (`src/target/`).
 */
import type { FileSystem } from '../fs/types.js';
import type { KustTarget, TargetBuild } from '../target/types.js';
import type { Loader } from './loader.js';
import type { TargetOrigin } from './build-metadata.js';
import type { BuildOptions, LoadRestrictor } from './options.js';

export type { Accumulator, UnmatchedPatchTarget } from '../target/types.js';

/** Build-wide state. */
export interface BuildContext extends TargetBuild {
  readonly fs: FileSystem;
  readonly options: BuildOptions;
  readonly restrictor: LoadRestrictor;
  /** Absolute path of the top-level kustomization directory. */
  readonly topRoot: string;
  /** Whether origins are tracked (kustomize: any buildMetadata entry). */
  trackOrigins: boolean;
  /** The untracked file system (to check cache entries), when a cache is in use. */
  readonly rawFs: FileSystem;
  /** The top kustomization's buildMetadata (pushed down to every sub-kustomization). */
  buildMetadata: readonly string[];
}

/** One kustomization being built, with what the engine keeps about it beyond the transformer contract. */
export interface BuildTarget extends KustTarget {
  readonly build: BuildContext;
  /** Path of the kustomization file relative to the top root (buildMetadata, `configuredIn`). */
  readonly relFile: string;
  /** Path of the root relative to the top root ('' at the top). */
  readonly relRoot: string;
  readonly loader: Loader;
  /**
   * kustomize's kt.origin (spec §12): where this kustomization is, as recorded in origin annotations;
   * undefined when the build does not track origins (no buildMetadata).
   */
  origin: TargetOrigin | undefined;
}
