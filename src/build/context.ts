/**
 * What the engine threads through a build: the build-wide context (file system, options, schema,
 * warnings, records for the linter) and, per kustomization, its target (file, loader, content, the
 * transformer configuration accumulated so far).
 */
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import type { Kustomization } from '../kustomization/types.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import type { OpenApiSchema } from '../schema/types.js';
import type { ResourceList } from '../resources/resource-list.js';
import type { VarDef } from '../transformers/vars/types.js';
import type { Loader } from './loader.js';
import type { TargetOrigin } from './build-metadata.js';
import type { BuildOptions, LoadRestrictor } from './options.js';
import type { KustomizeVersion } from './versions.js';

/** A patch target that selected nothing (kustomize skips it silently); kept for the linter. */
export interface UnmatchedPatchTarget {
  /** The kustomization file that declared the patch. */
  file: string;
  /** Index in its `patches` (or `patchesJson6902`) list. */
  index: number;
  field: 'patches' | 'patchesJson6902' | 'transformers';
  line?: number;
  column?: number;
}

/** Build-wide state. */
export interface BuildContext {
  readonly fs: FileSystem;
  readonly options: BuildOptions;
  readonly restrictor: LoadRestrictor;
  /** The kustomize version reproduced (guarded code paths ask `hasFeature(version, ...)`). */
  readonly version: KustomizeVersion;
  /** Absolute path of the top-level kustomization directory. */
  readonly topRoot: string;
  /** The schema in force (builtin, or set by an `openapi:` field; first one set wins below the top). */
  schema: OpenApiSchema;
  /** Whether a sub-kustomization may still set the schema. */
  schemaSet: boolean;
  /** Warnings collected during the build (deprecations, unused vars, ...). */
  readonly warnings: Diagnostic[];
  /** Patch targets that matched nothing. */
  readonly unmatchedPatchTargets: UnmatchedPatchTarget[];
  /** The top kustomization's buildMetadata (pushed down to every sub-kustomization). */
  buildMetadata: readonly string[];
  /** Whether origins are tracked (kustomize: any buildMetadata entry). */
  trackOrigins: boolean;
  /** The untracked file system (to check cache entries), when a cache is in use. */
  readonly rawFs: FileSystem;
}

/** What a kustomization accumulates (kustomize's ResAccumulator). */
export interface Accumulator {
  resources: ResourceList;
  config: TransformerConfig;
  /** The var set (spec §10.2): declared vars by name; bound resources carry the names in `refVarNames`. */
  vars: Map<string, VarDef>;
}

/** One kustomization being built. */
export interface KustTarget {
  readonly build: BuildContext;
  /** Absolute path of the kustomization file. */
  readonly file: string;
  /** Path of the kustomization file relative to the top root (buildMetadata, `configuredIn`). */
  readonly relFile: string;
  /** Path of the root relative to the top root ('' at the top). */
  readonly relRoot: string;
  readonly kustomization: Kustomization;
  readonly loader: Loader;
  /**
   * kustomize's kt.origin (spec §12): where this kustomization is, as recorded in origin annotations;
   * undefined when the build does not track origins (no buildMetadata).
   */
  origin: TargetOrigin | undefined;
  /** Where a field of this kustomization is written (1-based), for diagnostics. */
  locate(field: string): { line: number; column: number } | undefined;
  /** The source range of a field's key, or of entry `index` of a list field (for diagnostics). */
  range(field: string, index?: number): Range | undefined;
}
