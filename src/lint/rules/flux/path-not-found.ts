/**
 * `flux/path-not-found`: the `spec.path` of a Flux Kustomization does not exist in its source (the
 * renderer resolves it the way the controller does: inside the artifact, `..` cannot escape it).
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';

export const fluxPathNotFound: LintRule<'notFound', 'flux/path-not-found'> = {
  meta: {
    id: 'flux/path-not-found',
    description: 'The spec.path of a Flux Kustomization does not exist in its source.',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      notFound:
        'Kustomization {{id}}: spec.path {{path}} does not exist in source {{source}} (kustomization path not found)',
    },
    docs: 'docs/rules/flux/path-not-found.md',
    judges: ['flux/spec-path-not-found'],
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      if (!k.diagnostics.some((d) => d.code === 'flux/spec-path-not-found')) continue;
      report({
        messageId: 'notFound',
        data: { id: k.id, path: k.path || './', source: `${k.source.kind}/${k.source.namespace}/${k.source.name}` },
        location: context.locateKustomization(
          cluster,
          k,
          k.path === '' ? '/spec' : '/spec/path',
          k.path === '' ? 'key' : 'value',
        ),
        path: '/spec/path',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
