/**
 * `flux/unknown-dependency`: a `dependsOn` entry names a Flux Kustomization the cluster does not render
 * (after namespace defaulting to the dependent's own namespace). The controller waits forever
 * (`DependencyNotReady`). Hints: a Kustomization of that name in another namespace, or a HelmRelease of
 * that name (dependsOn of a Kustomization only names Kustomizations).
 */
import type { LintRule } from '../../context.js';
import { fluxKustomizations } from '../helpers.js';

export const fluxUnknownDependency: LintRule<'notFound' | 'otherNamespace' | 'helmRelease', 'flux/unknown-dependency'> =
  {
    meta: {
      id: 'flux/unknown-dependency',
      description:
        'A dependsOn entry names a Flux Kustomization that the cluster does not render, so the dependent waits forever.',
      defaultSeverity: 'error',
      recommended: true,
      messages: {
        notFound:
          'Kustomization {{id}} depends on {{target}}, which this cluster does not render: it would wait forever (DependencyNotReady){{note}}',
        otherNamespace:
          "Kustomization {{id}} depends on {{target}}, which this cluster does not render; {{candidates}} exists: dependsOn.namespace defaults to the dependent's namespace ({{namespace}}){{note}}",
        helmRelease:
          "Kustomization {{id}} depends on {{target}}, which is a HelmRelease, not a Flux Kustomization: a Kustomization's dependsOn names Kustomizations only{{note}}",
      },
      docs: 'docs/rules/flux/unknown-dependency.md',
    },
    check(context, report) {
      for (const { cluster, k } of fluxKustomizations(context)) {
        const incomplete = cluster.units.filter((u) => u.kustomization?.status === 'skipped').length;
        const note =
          incomplete > 0
            ? ` (${incomplete} Kustomization(s) of this cluster were not rendered; it may come from one of them)`
            : '';
        k.spec.dependsOn.forEach((d, i) => {
          const target = `${d.namespace}/${d.name}`;
          if (cluster.unitById.has(target)) return;
          const sameName = cluster.units.filter((u) => u.kustomization?.name === d.name).map((u) => u.id);
          const hr = cluster.fleet.helmReleases.some((h) => h.name === d.name && h.namespace === d.namespace);
          report({
            messageId: sameName.length > 0 ? 'otherNamespace' : hr ? 'helmRelease' : 'notFound',
            data: { id: k.id, target, candidates: sameName.join(', '), namespace: k.namespace, note },
            location: context.locateKustomization(cluster, k, `/spec/dependsOn/${i}`, 'value'),
            path: `/spec/dependsOn/${i}`,
            kustomization: k.id,
            cluster: cluster.name,
          });
        });
      }
    },
  };
