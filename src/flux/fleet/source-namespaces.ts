/**
 * A fact the render cannot show by failing: `sourceRef.namespace` defaults to the Kustomization's namespace,
 * so a child moved into an app namespace without `sourceRef.namespace: flux-system` rendered from the
 * repository here, but the controller looks for a flux-system source that does not exist there.
 */
import { fieldDiagnostic } from '../model.js';
import { SYNTHETIC_NAME, type FleetContext } from './context.js';
import type { FleetEntry } from './entries.js';

/** Warns on each rendered Kustomization that relies on a `flux-system` source in the wrong namespace. */
export function noteSourceNamespaces(
  ctx: FleetContext,
  entry: FleetEntry,
  byId: ReadonlyMap<string, FleetEntry>,
): void {
  const entryNs = entry.ks.sourceRef.namespace;
  for (const k of ctx.result.kustomizations) {
    const ref = k.spec.sourceRef;
    if (k.status === 'skipped' || ref.name !== SYNTHETIC_NAME || ref.namespace === entryNs) continue;
    if (ctx.sources.isMappedExplicitly(ref.kind, ref.namespace, ref.name)) continue;
    if (ctx.sources.hasSource(ref.kind, ref.namespace, ref.name)) continue;
    k.diagnostics.push(
      fieldDiagnostic(
        'flux/source-namespace',
        'warning',
        `Kustomization ${k.id} uses ${ref.kind} ${ref.namespace}/${ref.name} (sourceRef.namespace defaults to the Kustomization's namespace), but the cluster's ${ref.name} source lives in ${entryNs}; set sourceRef.namespace: ${entryNs}`,
        byId.get(k.id)?.where,
        ['spec', 'sourceRef'],
      ),
    );
  }
}
