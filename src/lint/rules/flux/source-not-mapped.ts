/**
 * `flux/source-not-mapped`: a Flux Kustomization builds from a source the cluster renders (another Git
 * repository, an OCI artifact) that is not mapped to a local folder, so it is not rendered and what it
 * would apply is not linted. Map the source (`sources` option, `--source NAME=DIR`) to lint it.
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';
import { clusterSources } from './sources.js';

export const fluxSourceNotMapped: LintRule<'notMapped' | 'missingFolder', 'flux/source-not-mapped'> = {
  meta: {
    id: 'flux/source-not-mapped',
    description:
      'A Flux Kustomization builds from a source that is not mapped to a local folder, so its content is not rendered or linted.',
    defaultSeverity: 'info',
    recommended: true,
    messages: {
      notMapped:
        'Kustomization {{id}} builds from {{source}}, which is not mapped to a local folder: not rendered, its content is not linted (map it with --source {{name}}=DIR)',
      missingFolder:
        'Kustomization {{id}} builds from {{source}}, mapped to a folder that does not exist: not rendered',
    },
    docs: 'docs/rules/flux/source-not-mapped.md',
    judges: ['flux/unmapped-source'],
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      if (k.source.unavailable === undefined) continue;
      const src = `${k.source.kind}/${k.source.namespace}/${k.source.name}`;
      const known = clusterSources(cluster).has(src);
      const missing = k.source.unavailable === 'not-a-directory';
      if (!known && !missing) continue; // flux/unknown-source
      report({
        messageId: missing ? 'missingFolder' : 'notMapped',
        data: { id: k.id, source: src, name: k.source.name },
        location: context.locateKustomization(cluster, k, '/spec/sourceRef', 'key'),
        path: '/spec/sourceRef',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
