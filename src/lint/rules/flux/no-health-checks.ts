/**
 * `flux/no-health-checks`: a Flux Kustomization that others depend on has neither `wait: true` nor
 * `healthChecks`, so it becomes Ready as soon as its apply succeeds — its dependents start before what
 * it deploys is running (spec §5).
 */
import type { DependencyGraph } from '../../../flux/graph.js';
import type { LintRule } from '../../context.js';
import { getField, hasField, isMap } from '../../../yaml/values.js';
import { fluxKustomizations, listIds } from '../helpers.js';

/** Per graph (kept with its render), the Kustomizations that depend on each one, in edge order. */
const dependentsByGraph = new WeakMap<DependencyGraph, Map<string, string[]>>();

function dependentsIn(graph: DependencyGraph): Map<string, string[]> {
  let out = dependentsByGraph.get(graph);
  if (out) return out;
  out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.from === e.to || e.missing) continue;
    const l = out.get(e.to);
    if (l) l.push(e.from);
    else out.set(e.to, [e.from]);
  }
  dependentsByGraph.set(graph, out);
  return out;
}

export const fluxNoHealthChecks: LintRule<'noHealthChecks', 'flux/no-health-checks'> = {
  meta: {
    id: 'flux/no-health-checks',
    description:
      'A Flux Kustomization that others depend on has neither wait: true nor healthChecks, so it is Ready before its workloads are.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      noHealthChecks:
        'Kustomization {{id}} is a dependency of {{dependents}} but has neither wait: true nor healthChecks: it is Ready as soon as the apply succeeds, before what it deploys is running',
    },
    docs: 'docs/rules/flux/no-health-checks.md',
  },
  check(context, report) {
    for (const { cluster, k } of fluxKustomizations(context)) {
      if (k.spec.wait || k.spec.healthChecks.length > 0) continue;
      const dependents = dependentsIn(cluster.fleet.graph).get(k.id) ?? [];
      if (dependents.length === 0) continue;
      const spec = getField(k.spec.object, 'spec');
      const hasWait = isMap(spec) && hasField(spec, 'wait');
      report({
        messageId: 'noHealthChecks',
        data: { id: k.id, dependents: listIds([...new Set(dependents)]) },
        location: context.locateKustomization(cluster, k, hasWait ? '/spec/wait' : '/spec', 'key'),
        path: '/spec/wait',
        kustomization: k.id,
        cluster: cluster.name,
      });
    }
  },
};
