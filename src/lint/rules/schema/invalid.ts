/**
 * `schema/invalid`: an object fails the schema of its kind (Kubernetes 1.36, Flux, or a CRD of the same
 * set). One finding per offending field, at that field.
 */
import type { ObjectRule } from '../../types.js';

export const schemaInvalid: ObjectRule<'invalid', 'schema/invalid'> = {
  meta: {
    id: 'schema/invalid',
    description: 'An object fails the schema of its kind (Kubernetes 1.36, Flux, or a CRD rendered with it).',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      invalid: '{{object}}: {{path}} {{problem}}',
    },
    docs: 'docs/rules/schema/invalid.md',
  },
  check(context, report) {
    for (const s of context.subjects) {
      const r = s.schema();
      if (r.status !== 'invalid') continue;
      for (const p of r.problems) {
        report({
          messageId: 'invalid',
          data: { object: s.label, path: p.pointer === '' ? '(root)' : p.pointer, problem: p.message },
          location: context.locate(s, p.pointer, p.anchor),
          path: p.pointer,
          kustomization: s.kustomization,
        });
      }
    }
  },
};
