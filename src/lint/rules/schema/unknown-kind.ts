/**
 * `schema/unknown-kind`: no schema for an object's apiVersion/kind (not a Kubernetes 1.36 or Flux kind,
 * and no CRD for it among the objects), so it is not validated. Kinds whose apiVersion was removed are
 * left to `schema/deprecated-api`.
 */
import type { ObjectRule } from '../../types.js';
import { deprecationOf } from '../../../validate/deprecations.js';

export const schemaUnknownKind: ObjectRule<'noSchema' | 'notCompiled'> = {
  meta: {
    id: 'schema/unknown-kind',
    description: "No schema is known for an object's apiVersion and kind, so it is not validated.",
    defaultSeverity: 'info',
    recommended: true,
    messages: {
      noSchema:
        '{{object}}: no schema for {{apiVersion}} {{kind}} (not a Kubernetes {{k8s}} or Flux kind, and no CRD among the objects defines it): not validated',
      notCompiled:
        '{{object}}: the schema of {{apiVersion}} {{kind}} could not be compiled ({{reason}}): not validated',
    },
    docs: 'docs/rules/schema/unknown-kind.md',
  },
  check(context, report) {
    for (const s of context.subjects) {
      const r = s.schema();
      if (r.status !== 'unknown') continue;
      if (
        r.reason === 'no-schema' &&
        deprecationOf(s.apiVersion, s.kind, context.kubernetesVersion)?.status === 'removed'
      )
        continue;
      report({
        messageId: r.reason === 'no-schema' ? 'noSchema' : 'notCompiled',
        data: {
          object: s.label,
          apiVersion: s.apiVersion,
          kind: s.kind,
          k8s: context.kubernetesVersion,
          reason: r.detail ?? '',
        },
        location: context.locate(s, '/kind', 'value'),
        path: '/kind',
      });
    }
  },
};
