/**
 * `schema/deprecated-api`: an object uses a Kubernetes apiVersion that is deprecated or removed in the
 * target Kubernetes version (Pluto's table; cert-manager and istio entries too). Flux apiVersions are
 * the concern of `flux/deprecated-api`.
 */
import type { ObjectRule } from '../../types.js';
import { deprecationOf } from '../../../validate/deprecations.js';

export const schemaDeprecatedApi: ObjectRule<'deprecated' | 'removed', 'schema/deprecated-api'> = {
  meta: {
    id: 'schema/deprecated-api',
    description: 'An object uses an apiVersion that is deprecated or removed in the target Kubernetes version.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      deprecated: '{{object}}: {{detail}}',
      removed: '{{object}}: {{detail}}',
    },
    docs: 'docs/rules/schema/deprecated-api.md',
  },
  check(context, report) {
    for (const s of context.subjects) {
      if (s.apiVersion === '' || s.kind === '') continue;
      const d = deprecationOf(s.apiVersion, s.kind, context.kubernetesVersion);
      if (d === undefined) continue;
      report({
        messageId: d.status,
        data: { object: s.label, detail: d.message },
        location: context.locate(s, '/apiVersion', 'value'),
        path: '/apiVersion',
        kustomization: s.kustomization,
      });
    }
  },
};
