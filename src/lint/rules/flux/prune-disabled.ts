/**
 * `flux/prune-disabled`: a rendered Flux Kustomization has `prune: false` or no `prune`, so objects removed
 * from its path stay in the cluster, orphaned (spec §6). The rendered child is checked, so a parent patch
 * that sets `prune` counts.
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';

export const fluxPruneDisabled: LintRule<'disabled' | 'unset', 'flux/prune-disabled'> = {
  meta: {
    id: 'flux/prune-disabled',
    description:
      'A rendered Flux Kustomization has prune false or unset, so objects removed from Git stay in the cluster.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      disabled:
        'Kustomization {{id}} has prune: false: objects removed from {{path}} are left in the cluster, orphaned',
      unset:
        'Kustomization {{id}} does not set prune (the CRD requires it; without prune: true objects removed from {{path}} are left in the cluster)',
    },
    docs: 'docs/rules/flux/prune-disabled.md',
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      if (k.spec.prune === true) continue;
      const unset = k.spec.prune === undefined;
      report({
        messageId: unset ? 'unset' : 'disabled',
        data: { id: k.id, path: k.path || './' },
        location: context.locateKustomization(cluster, k, unset ? '/spec' : '/spec/prune', 'key'),
        path: '/spec/prune',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
