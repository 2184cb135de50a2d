/**
 * The transformer contract: what a transformer, generator or schema step sees of the build (kustomize keeps
 * its plugin interfaces low, in `api/ifc` and `resmap`, and `krusty` on top). The engine (`src/build/`)
 * extends these interfaces with its own state; modules below the engine import only this one.
 */
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import type { Kustomization, Var } from '../kustomization/types.js';
import type { Gvk } from '../resources/res-id.js';
import type { ResourceList } from '../resources/resource-list.js';
import type { OpenApiSchema } from '../schema/types.js';

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

/** The build-wide state a transformer reads or adds to. */
export interface TargetBuild {
  /** The schema in force (builtin, or set by an `openapi:` field; first one set wins below the top). */
  schema: OpenApiSchema;
  /** Whether a sub-kustomization may still set the schema. */
  schemaSet: boolean;
  /** Warnings collected during the build (deprecations, unused vars, ...). */
  readonly warnings: Diagnostic[];
  /** Patch targets that matched nothing. */
  readonly unmatchedPatchTargets: UnmatchedPatchTarget[];
  /** The top kustomization's buildMetadata (pushed down to every sub-kustomization). */
  readonly buildMetadata: readonly string[];
}

/** Reads files of one kustomization root, relative to it, under the load restrictor. */
export interface TargetLoader {
  /** Absolute real path of the kustomization directory. */
  readonly root: string;
  /** Reads a file (relative to the root); throws a BuildError when it is missing or not allowed. */
  read(rel: string): { path: string; bytes: Uint8Array };
  /** Reads a file as UTF-8 text. */
  readText(rel: string): { path: string; text: string };
}

/** One kustomization being built, as a transformer or generator sees it. */
export interface KustTarget {
  readonly build: TargetBuild;
  /** Absolute path of the kustomization file. */
  readonly file: string;
  readonly kustomization: Kustomization;
  readonly loader: TargetLoader;
  /** Where a field of this kustomization is written (1-based), for diagnostics. */
  readonly locate: (field: string) => { line: number; column: number } | undefined;
  /** The source range of a field's key, or of entry `index` of a list field (for diagnostics). */
  readonly range: (field: string, index?: number) => Range | undefined;
}

/** A var of the accumulated var set (types.Var after `Defaulting()`). */
export interface VarDef {
  readonly name: string;
  /** The objref's GVK as kustomize's Target.GVK() computes it. */
  readonly gvk: Gvk;
  readonly objName: string;
  readonly objNamespace: string;
  /** The fieldref path, defaulted. */
  readonly fieldPath: string;
  /** The declaration as written. */
  readonly decl: Var;
  /** Where it was declared (kustomization file and the `vars` field), for diagnostics. */
  readonly file: string;
  readonly range: Range | undefined;
}

/** What a kustomization accumulates (kustomize's ResAccumulator). */
export interface Accumulator {
  resources: ResourceList;
  config: TransformerConfig;
  /** The var set (spec §10.2): declared vars by name; bound resources carry the names in `refVarNames`. */
  vars: Map<string, VarDef>;
}
