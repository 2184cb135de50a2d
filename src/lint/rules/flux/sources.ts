/**
 * What sources a cluster has: the Flux sources its Kustomizations render, plus the ExternalArtifacts an
 * `ArtifactGenerator` (source.extensions.fluxcd.io) creates, by `Kind/namespace/name`.
 */
import { getField, isMap } from '../../../yaml/values.js';
import type { LintCluster } from '../../context.js';
import { objectKey } from '../../context.js';

const memo = new WeakMap<LintCluster, Set<string>>();

/** `Kind/namespace/name` of every source the cluster renders or generates. */
export function clusterSources(cluster: LintCluster): Set<string> {
  const hit = memo.get(cluster);
  if (hit) return hit;
  const out = new Set<string>();
  for (const s of cluster.fleet.sources) out.add(`${s.kind}/${s.namespace}/${s.name}`);
  for (const u of cluster.units) {
    for (const o of u.objects) {
      const key = objectKey(o.object);
      if (key.kind !== 'ArtifactGenerator') continue;
      const spec = getField(o.object, 'spec');
      const artifacts = isMap(spec) ? getField(spec, 'artifacts') : undefined;
      if (!Array.isArray(artifacts)) continue;
      for (const a of artifacts) {
        const name = isMap(a) ? getField(a, 'name') : undefined;
        if (typeof name === 'string') out.add(`ExternalArtifact/${key.namespace}/${name}`);
      }
    }
  }
  memo.set(cluster, out);
  return out;
}
