/**
 * `flux/dependency-cycle`: Flux Kustomizations depend on each other in a cycle. The controller does not
 * detect cycles; every member waits forever. Reported on every member, at its `dependsOn` entry that
 * continues the cycle.
 */
import type { LintRule } from '../../context.js';

export const fluxDependencyCycle: LintRule<'cycle', 'flux/dependency-cycle'> = {
  meta: {
    id: 'flux/dependency-cycle',
    description: 'Flux Kustomizations depend on each other in a cycle, so every member waits forever.',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      cycle:
        'Kustomization {{id}} is part of a dependsOn cycle: {{cycle}} (the controller does not detect cycles; every member waits forever)',
    },
    docs: 'docs/rules/flux/dependency-cycle.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      for (const cycle of cluster.fleet.graph.cycles) {
        const members = cycle.slice(0, -1);
        members.forEach((id, i) => {
          const k = cluster.unitById.get(id)?.kustomization;
          if (!k) return;
          const next = cycle[i + 1] as string;
          const j = k.spec.dependsOn.findIndex((d) => `${d.namespace}/${d.name}` === next);
          const pointer = j >= 0 ? `/spec/dependsOn/${j}` : '/spec/dependsOn';
          // The cycle as seen from this member.
          const rotated = [...members.slice(i), ...members.slice(0, i), id];
          report({
            messageId: 'cycle',
            data: { id, cycle: rotated.join(' → ') },
            location: context.locateKustomization(cluster, k, pointer, j >= 0 ? 'value' : 'key'),
            path: pointer,
            kustomization: id,
            cluster: cluster.name,
          });
        });
      }
    }
  },
};
