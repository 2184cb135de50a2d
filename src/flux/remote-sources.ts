/**
 * Flux sources a fleet render could not map to a local folder and that can be fetched: the GitRepository and
 * OCIRepository objects (with a URL) that skipped Kustomizations refer to. A host (`kustomize-ts/node`'s remote
 * loader) fetches them and renders again with them mapped (`RenderFleetOptions.sources`).
 */
import { getField, isMap } from '../yaml/values.js';
import type { FleetResult } from './fleet/index.js';

/** A Flux source to fetch. */
export interface FetchableSource {
  kind: 'GitRepository' | 'OCIRepository';
  name: string;
  namespace: string;
  /** `spec.url`. */
  url: string;
  /** The effective ref (GitRepository: commit, name, semver, tag or branch; OCIRepository: digest, semver or tag). */
  ref: { type: string; value: string };
  /** GitRepository `spec.recurseSubmodules` (default false). */
  recurseSubmodules: boolean;
  /** OCIRepository `spec.insecure`: plain http (default false). */
  insecure: boolean;
  /** OCIRepository `spec.layerSelector.mediaType`, when set. */
  mediaType?: string;
  /** The key of `RenderFleetOptions.sources` it maps to (`Kind/namespace/name`). */
  key: string;
}

/** The fetchable sources of the Kustomizations a render skipped for want of a source. */
export function wantedSources(result: FleetResult): FetchableSource[] {
  const skipped = new Set(
    result.kustomizations
      .filter((k) => k.status === 'skipped' && k.diagnostics.some((d) => d.code === 'flux/unmapped-source'))
      .map((k) => `${k.source.kind}/${k.source.namespace}/${k.source.name}`),
  );
  const out = new Map<string, FetchableSource>();
  for (const s of result.sources) {
    const key = `${s.kind}/${s.namespace}/${s.name}`;
    if (!skipped.has(key) || out.has(key) || !s.url || !s.ref) continue;
    if (s.kind !== 'GitRepository' && s.kind !== 'OCIRepository') continue;
    const spec = getField(s.object, 'spec');
    const flag = (name: string): boolean => isMap(spec) && getField(spec, name) === true;
    const selector = isMap(spec) ? getField(spec, 'layerSelector') : undefined;
    const mediaType = isMap(selector) ? getField(selector, 'mediaType') : undefined;
    out.set(key, {
      kind: s.kind,
      name: s.name,
      namespace: s.namespace,
      url: s.url,
      ref: s.ref,
      recurseSubmodules: flag('recurseSubmodules'),
      insecure: flag('insecure'),
      ...(typeof mediaType === 'string' ? { mediaType } : {}),
      key,
    });
  }
  return [...out.values()];
}
