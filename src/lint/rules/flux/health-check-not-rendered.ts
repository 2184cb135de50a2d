/**
 * `flux/health-check-not-rendered`: a `healthChecks` entry names an object that no Kustomization of the
 * cluster renders and that no HelmRelease in its namespace could create; the health check can never
 * pass and the Kustomization stays not Ready until its timeout.
 */
import { groupOf } from '../../../flux/model.js';
import type { LintRule } from '../../context.js';
import { objectKey } from '../../context.js';
import { perObject } from '../once.js';

/** The keys an object answers to: kind/namespace/name and group/kind/namespace/name. */
const renderedKeys = perObject((object): readonly string[] => {
  const key = objectKey(object);
  return [
    `${key.kind}\u0000${key.namespace}\u0000${key.name}`,
    `${key.group}\u0000${key.kind}\u0000${key.namespace}\u0000${key.name}`,
  ];
});

export const fluxHealthCheckNotRendered: LintRule<'notRendered', 'flux/health-check-not-rendered'> = {
  meta: {
    id: 'flux/health-check-not-rendered',
    description:
      'A healthChecks entry names an object that no Kustomization of the cluster renders and no HelmRelease in its namespace could create.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      notRendered:
        'Kustomization {{id}} health-checks {{kind}} {{namespace}}/{{name}}, which no Kustomization of this cluster renders and no HelmRelease in namespace {{namespace}} could create: the check cannot pass',
    },
    docs: 'docs/rules/flux/health-check-not-rendered.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      // kind/namespace/name (and group) of every rendered object, once per cluster.
      const rendered = new Set<string>();
      for (const u of cluster.units) {
        for (const o of u.objects) for (const key of renderedKeys(o.object)) rendered.add(key);
      }
      const helmNamespaces = new Set(cluster.fleet.helmReleases.flatMap((h) => [h.namespace, h.targetNamespace]));
      for (const k of cluster.fleet.kustomizations) {
        if (k.synthetic || k.spec.wait || k.status === 'skipped') continue; // healthChecks are ignored (flux/health-checks-ignored)
        k.spec.healthChecks.forEach((hc, i) => {
          const ns = hc.namespace ?? k.namespace;
          const scoped = cluster.scopeOf(hc.apiVersion ?? '', hc.kind) === 'Cluster';
          const nsKey = scoped ? '' : ns;
          const key =
            hc.apiVersion !== undefined && hc.apiVersion !== ''
              ? `${groupOf(hc.apiVersion)}\u0000${hc.kind}\u0000${nsKey}\u0000${hc.name}`
              : `${hc.kind}\u0000${nsKey}\u0000${hc.name}`;
          if (rendered.has(key)) return;
          if (helmNamespaces.has(ns)) return;
          report({
            messageId: 'notRendered',
            data: { id: k.id, kind: hc.kind, namespace: ns, name: hc.name },
            location: context.locateKustomization(cluster, k, `/spec/healthChecks/${i}`, 'value'),
            path: `/spec/healthChecks/${i}`,
            kustomization: k.id,
            cluster: cluster.name,
          });
        });
      }
    }
  },
};
