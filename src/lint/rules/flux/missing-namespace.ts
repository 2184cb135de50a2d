/**
 * `flux/missing-namespace`: a namespaced object (a built-in namespaced kind, a Flux kind, or a kind whose
 * CRD the cluster renders with `scope: Namespaced`) has no `metadata.namespace` after rendering.
 * kustomize-controller does not default it: the server-side apply fails with "namespace not specified"
 * (spec §3.4). Kinds of unknown scope are left alone.
 */
import type { LintRule } from '../../context.js';
import { objectKey, objectLabel } from '../../context.js';

export const fluxMissingNamespace: LintRule<'missing', 'flux/missing-namespace'> = {
  meta: {
    id: 'flux/missing-namespace',
    description:
      'A namespaced object has no namespace after rendering; kustomize-controller does not default it and the apply fails.',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      missing:
        "{{object}} has no namespace after rendering (Kustomization {{id}}): kustomize-controller does not default it and the apply fails; set metadata.namespace, the kustomization's namespace or spec.targetNamespace",
    },
    docs: 'docs/rules/flux/missing-namespace.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      for (const u of cluster.units) {
        for (const o of u.objects) {
          const key = objectKey(o.object);
          if (key.namespace !== '' || key.kind === '' || key.name === '') continue;
          if (cluster.scopeOf(key.apiVersion, key.kind) !== 'Namespaced') continue;
          report({
            messageId: 'missing',
            data: { object: objectLabel(o.object), id: u.id },
            location: context.locateObject(o, '/metadata/namespace', 'parent'),
            path: '/metadata/namespace',
            kustomization: u.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};
