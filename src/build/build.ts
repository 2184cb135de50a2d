/**
 * `build(path, options)`: builds a kustomization, renders its resources and makes the output once (a build
 * whose output cannot be written fails, as kustomize's does).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { BuildError, KustomizeError } from '../diagnostics/error.js';
import type { ResId } from '../resources/res-id.js';
import type { FieldOrigin, Origin } from '../resources/origin.js';
import type { Resource } from '../resources/resource.js';
import { runBuild } from './run.js';
import type { BuildOptions } from './options.js';
import type { UnmatchedPatchTarget } from './context.js';
import { resourcesToYaml } from './output.js';
import type { YamlMap } from '../yaml/values.js';

/** One rendered object. */
export interface RenderedResource {
  /** The current id. */
  readonly id: ResId;
  /** The id it had before any rename (prefix, suffix, namespace, hash). */
  readonly originalId: ResId;
  /** The object, as it is written out. */
  readonly object: YamlMap;
  /** Where it came from. */
  readonly origin: Origin;
  /** Fields a patch or transformer wrote (JSON pointer → where), when the build recorded them. */
  readonly fieldOrigins?: ReadonlyMap<string, FieldOrigin>;
}

/** What {@link build} returns. */
export interface BuildResult {
  /** False when the build failed (see `diagnostics`). */
  readonly ok: boolean;
  /** The rendered objects in output order (empty when the build failed). */
  readonly resources: readonly RenderedResource[];
  /** Errors and warnings, each with code, severity, message and, where known, file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
  /** Patch targets that selected nothing (kustomize skips them silently). */
  readonly unmatchedPatchTargets: readonly UnmatchedPatchTarget[];
  /** The output exactly as `kustomize build` prints it. */
  toYaml(): string;
}

/** Options of {@link build}, plus `strict` (throw a KustomizeError when the build fails). */
export interface BuildApiOptions extends BuildOptions {
  /** Throw {@link KustomizeError} instead of returning a failed result. Default false. */
  strict?: boolean;
}

function render(r: Resource): RenderedResource {
  const out: RenderedResource = { id: r.id(), originalId: r.originalId(), object: r.data, origin: r.origin };
  return r.fieldOrigins !== undefined && r.fieldOrigins.size > 0 ? { ...out, fieldOrigins: r.fieldOrigins } : out;
}

/**
 * Builds the kustomization directory `path` (absolute, in `options.fs`) exactly as `kustomize build`
 * (v5.6.0) would.
 */
export function build(path: string, options: BuildApiOptions): BuildResult {
  const res = runBuild(path, options);
  let ok = res.ok;
  let resources = res.resources;
  let diagnostics = res.diagnostics;
  // kustomize fails a build whose output it cannot write, so the output is made here (it is cheap).
  let yaml = '';
  if (ok) {
    try {
      yaml = resourcesToYaml(resources);
    } catch (err) {
      if (!(err instanceof BuildError)) throw err;
      ok = false;
      resources = [];
      diagnostics = [...diagnostics, err.toDiagnostic()];
    }
  }
  if (!ok && options.strict) throw new KustomizeError(diagnostics);
  return {
    ok,
    resources: resources.map(render),
    diagnostics,
    unmatchedPatchTargets: res.unmatchedPatchTargets,
    toYaml: () => yaml,
  };
}
