/**
 * `flux/unknown-source`: a Flux Kustomization's `sourceRef` names a source that the cluster neither
 * renders (a GitRepository, OCIRepository, Bucket or ExternalArtifact among its objects, or an
 * ExternalArtifact an ArtifactGenerator creates) nor has mapped to a local folder.
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';
import { clusterSources } from './sources.js';

export const fluxUnknownSource: LintRule<'unknown', 'flux/unknown-source'> = {
  meta: {
    id: 'flux/unknown-source',
    description:
      "A Flux Kustomization's sourceRef names a source that the cluster neither renders nor has mapped to a local folder.",
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      unknown:
        "Kustomization {{id}}: source {{source}} is not rendered by any Kustomization of this cluster (sourceRef.namespace defaults to the Kustomization's, {{namespace}}){{note}}",
    },
    docs: 'docs/rules/flux/unknown-source.md',
    judges: ['flux/unmapped-source'],
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      const src = `${k.source.kind}/${k.source.namespace}/${k.source.name}`;
      if (k.source.unavailable === undefined || clusterSources(cluster).has(src)) continue;
      const others = [...clusterSources(cluster)].filter((s) => s.endsWith(`/${k.source.name}`));
      report({
        messageId: 'unknown',
        data: {
          id: k.id,
          source: src,
          namespace: k.namespace,
          note: others.length > 0 ? `; the cluster has ${others.join(', ')}` : '',
        },
        location: context.locateKustomization(cluster, k, '/spec/sourceRef', 'key'),
        path: '/spec/sourceRef',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
