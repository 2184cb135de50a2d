/**
 * Stage "collect": the facts later Kustomizations (and the result) need from what one Kustomization applies —
 * its ConfigMaps and Secrets (for `substituteFrom`), the Flux sources it defines (their `spec.ignore` and the
 * result's `sources`), its HelmReleases, and its ArtifactGenerators (which make ExternalArtifacts available).
 * The HelmReleases are rendered once every Kustomization is (helm.ts).
 */
import type { FluxObject } from '../build.js';
import type { FluxHelmRelease } from '../model.js';
import { generatorOf, helmReleaseOf, metaOf, sourceOf } from './facts.js';
import type { FleetContext } from './context.js';
import { locationOf, type FleetEntry } from './entries.js';
import type { FleetHelmRelease, FleetSource } from './types.js';

/** A HelmRelease as found, before its chart is rendered. */
function listedRelease(hr: FluxHelmRelease, o: FluxObject, renderedBy: string): FleetHelmRelease {
  const out: FleetHelmRelease = {
    ...hr,
    id: `${hr.namespace}/${hr.name}`,
    renderedBy,
    definedIn: { file: o.origin.file, ...(o.origin.range ? { range: o.origin.range } : {}) },
    status: 'listed',
    objects: [],
    diagnostics: [],
  };
  return out;
}

/** Records the facts of the objects `e` applies. */
export function collectFacts(ctx: FleetContext, e: FleetEntry): void {
  const renderedBy = e.result.id;
  for (const o of e.result.objects) {
    const kind = metaOf(o).kind;
    if (kind === 'ConfigMap' || kind === 'Secret') ctx.objects.add(o.object, locationOf(o), renderedBy);
    const src = sourceOf(o);
    if (src) {
      ctx.sources.addSource(o.object, src);
      const source: FleetSource = { ...src, renderedBy };
      const folder = ctx.sources.mappedFolder(src.kind, src.namespace, src.name);
      if (folder !== undefined) source.mappedTo = folder;
      ctx.result.sources.push(source);
    }
    const hr = helmReleaseOf(o);
    if (hr) ctx.result.helmReleases.push(listedRelease(hr, o, renderedBy));
    const gen = generatorOf(o);
    if (gen) ctx.sources.addGenerator(gen);
  }
}
