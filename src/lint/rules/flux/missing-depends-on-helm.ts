/**
 * `flux/missing-depends-on-helm` (opt-in): Kustomization A renders custom resources of an API group whose
 * CRDs no Kustomization renders, but whose chart most likely comes with them: a HelmRelease whose chart did
 * not render (a rendered chart's CRDs are known: `flux/missing-depends-on`) and whose chart (or name) is the
 * first label of the group (`cert-manager` for `cert-manager.io`), rendered by Kustomization B; and B is not
 * applied before A (the same reachability as `flux/missing-depends-on`).
 * Until the chart is installed, A's apply fails (`no matches for kind`) and is retried. Many repositories
 * rely on those retries on purpose, so the rule is not in the recommended preset.
 */
import type { LintObject, LintRule } from '../../context.js';
import { applyTarget, objectKey, objectLabel } from '../../context.js';

export const fluxMissingDependsOnHelm: LintRule<'chartCrd', 'flux/missing-depends-on-helm'> = {
  meta: {
    id: 'flux/missing-depends-on-helm',
    description:
      'A Flux Kustomization renders custom resources whose CRDs the chart of a HelmRelease another Kustomization renders most likely installs, without depending on it.',
    defaultSeverity: 'warning',
    recommended: false,
    messages: {
      chartCrd:
        'Kustomization {{id}} renders {{object}}, a kind ({{crd}}) the chart of HelmRelease {{release}} most likely installs, but does not depend on Kustomization {{owner}}, which renders that HelmRelease: add {{owner}} to dependsOn{{more}}',
    },
    docs: 'docs/rules/flux/missing-depends-on-helm.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      for (const u of cluster.units) {
        const k = u.kustomization;
        if (!k || k.synthetic) continue;
        const before = cluster.before(k.id);
        const target = applyTarget(k);
        const needs = new Map<string, { object: LintObject; crd: string; release: string; count: number }>();
        for (const o of u.objects) {
          const key = objectKey(o.object);
          if (key.kind === '' || !key.group.includes('.') || cluster.crdOwners.has(`${key.group}/${key.kind}`))
            continue;
          if (cluster.scopeOf(key.apiVersion, key.kind) !== undefined) continue; // built-in or Flux kinds
          const charts = (cluster.chartGroups.get(key.group.split('.')[0] as string) ?? []).filter(
            (c) => applyTarget(cluster.unitById.get(c.renderedBy)?.kustomization) === target,
          );
          if (charts.length === 0 || charts.some((c) => before.has(c.renderedBy))) continue;
          const first = charts[0] as { release: string; renderedBy: string };
          const hit = needs.get(first.renderedBy);
          if (hit) hit.count++;
          else
            needs.set(first.renderedBy, {
              object: o,
              crd: `${key.kind}.${key.group}`,
              release: first.release,
              count: 1,
            });
        }
        const hasDependsOn = k.spec.dependsOn.length > 0;
        for (const [owner, n] of needs) {
          report({
            messageId: 'chartCrd',
            data: {
              id: k.id,
              object: objectLabel(n.object.object),
              crd: n.crd,
              release: n.release,
              owner,
              more: n.count > 1 ? ` (and ${n.count - 1} more object${n.count > 2 ? 's' : ''})` : '',
            },
            location: context.locateKustomization(cluster, k, hasDependsOn ? '/spec/dependsOn' : '/spec', 'key'),
            path: '/spec/dependsOn',
            kustomization: k.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};
