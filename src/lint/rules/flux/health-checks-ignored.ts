/**
 * `flux/health-checks-ignored`: `wait: true` and `healthChecks` together; with `wait` the controller checks
 * every applied object and ignores `healthChecks` (spec §5).
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';

export const fluxHealthChecksIgnored: LintRule<'ignored', 'flux/health-checks-ignored'> = {
  meta: {
    id: 'flux/health-checks-ignored',
    description: 'A Flux Kustomization sets wait: true and healthChecks; with wait the healthChecks are ignored.',
    defaultSeverity: 'info',
    recommended: true,
    messages: {
      ignored:
        'Kustomization {{id}} sets wait: true, so its {{count}} healthChecks are ignored (wait checks every applied object)',
    },
    docs: 'docs/rules/flux/health-checks-ignored.md',
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      if (!k.spec.wait || k.spec.healthChecks.length === 0) continue;
      report({
        messageId: 'ignored',
        data: { id: k.id, count: k.spec.healthChecks.length },
        location: context.locateKustomization(cluster, k, '/spec/healthChecks', 'key'),
        path: '/spec/healthChecks',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
