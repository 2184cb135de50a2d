/**
 * Rendering a whole cluster of a Flux repository (`renderFleet`), in stages:
 * - context.ts: the options and the state every stage shares (source views, the cluster's objects, the result);
 * - sources.ts: what each Flux source looks like (folders, `.sourceignore`, emulated ExternalArtifacts);
 * - entry.ts: where rendering starts (the cluster folder or a FluxInstance, and the Kustomization syncing it);
 * - render.ts: one Flux Kustomization, kustomized then post-built, as kustomize-controller does;
 * - collect.ts: the facts its objects bring (ConfigMaps/Secrets, sources, HelmReleases, ArtifactGenerators);
 * - schedule.ts: the order (breadth-first, waiting for artifacts and `substituteFrom`, discovering children);
 * - helm.ts: then each HelmRelease, its chart rendered with its values and post-renderers (../helm/);
 * - memo.ts: a render kept in the build cache is reused while no file it read changed.
 * The renderer reports facts (what rendered, what failed and why, the graph); lint rules judge them.
 */
import { buildDependencyGraph } from '../graph.js';
import { fleetContext } from './context.js';
import { findEntry } from './entry.js';
import { renderHelmReleases } from './helm.js';
import { memoFleet } from './memo.js';
import { FleetSchedule } from './schedule.js';
import { noteSourceNamespaces } from './source-namespaces.js';
import type { FleetResult, RenderFleetOptions } from './types.js';

export type {
  FleetHelmRelease,
  FleetKustomization,
  FleetProgress,
  FleetResult,
  FleetSource,
  FleetSourceRef,
  RenderFleetOptions,
} from './types.js';

/**
 * Renders every Flux Kustomization one cluster of a repository reconciles. `root` is the absolute path
 * of the repository in `options.fs`.
 */
export function renderFleet(root: string, options: RenderFleetOptions): FleetResult {
  return memoFleet(root, options, (o) => renderCluster(root, o));
}

function renderCluster(root: string, options: RenderFleetOptions): FleetResult {
  const ctx = fleetContext(root, options);
  const result = ctx.result;
  const entry = findEntry(ctx);
  if (!entry) return result;
  const schedule = new FleetSchedule(ctx);
  schedule.run(entry);
  noteSourceNamespaces(ctx, entry, schedule.byId);
  renderHelmReleases(ctx);
  result.graph = buildDependencyGraph(result.kustomizations.map((k) => ({ id: k.id, dependsOn: k.dependsOn })));
  result.ok =
    !result.diagnostics.some((d) => d.severity === 'error') &&
    result.kustomizations.every((k) => k.status === 'rendered' && !k.diagnostics.some((d) => d.severity === 'error')) &&
    result.helmReleases.every((h) => h.status !== 'failed');
  return result;
}
