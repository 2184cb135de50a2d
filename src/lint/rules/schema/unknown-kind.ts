/**
 * `schema/unknown-kind`: no schema for an object's apiVersion/kind (not a Kubernetes 1.36 or Flux kind,
 * and no CRD for it among the objects), so it is not validated. One finding per apiVersion/kind and run (a
 * cluster, a standalone build, a `validate()` call), at the first such object in file order, counting the
 * others (each source object once): a real repository holds hundreds of custom resources whose CRDs come from Helm charts. Kinds whose
 * apiVersion was removed are left to `schema/deprecated-api`.
 */
import groupBy from 'lodash-es/groupBy.js';
import sortBy from 'lodash-es/sortBy.js';
import uniqBy from 'lodash-es/uniqBy.js';
import type { ObjectRule, ObjectRuleContext } from '../../types.js';
import type { ValidationSubject } from '../../../validate/context.js';
import type { Location } from '../../../validate/position.js';
import { deprecationOf } from '../../../validate/deprecations.js';
import { kubernetesSchemaVersion } from '../../../validate/schemas/kubernetes.generated.js';

/** An object left unvalidated, where its kind is. */
interface Unvalidated {
  readonly subject: ValidationSubject;
  readonly reason: 'no-schema' | 'not-compiled';
  readonly detail: string;
  readonly location: Location | undefined;
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** ` and 41 more objects in 12 files` (the files of the others), or nothing for a lone object. */
function othersText(others: readonly Unvalidated[]): string {
  if (others.length === 0) return '';
  const files = new Set(others.flatMap((o) => (o.location ? [o.location.file] : [])));
  const where = files.size === 0 ? '' : ` in ${plural(files.size, 'file')}`;
  return ` and ${plural(others.length, 'more object')}${where}`;
}

/** An object's place in its source (one source object rendered by two Flux Kustomizations is counted once). */
function sourceKey(u: Unvalidated): string | number {
  const loc = u.location;
  return loc ? `${loc.file}\u0000${String(loc.range?.start.offset ?? -1)}` : u.subject.index;
}

/** The objects of the run without a schema, first in file order (objects without a file last, in input order). */
function unvalidated(context: ObjectRuleContext): Unvalidated[] {
  const out: Unvalidated[] = [];
  for (const s of context.subjects) {
    const r = s.schema();
    if (r.status !== 'unknown') continue;
    if (
      r.reason === 'no-schema' &&
      deprecationOf(s.apiVersion, s.kind, context.kubernetesVersion)?.status === 'removed'
    )
      continue;
    const location = context.locate(s, '/kind', 'value');
    out.push({ subject: s, reason: r.reason, detail: r.detail ?? '', location });
  }
  return sortBy(uniqBy(out, sourceKey), [
    (u) => (u.location ? 0 : 1),
    (u) => u.location?.file ?? '',
    (u) => u.location?.range?.start.offset ?? 0,
  ]);
}

export const schemaUnknownKind: ObjectRule<'noSchema' | 'notCompiled', 'schema/unknown-kind'> = {
  meta: {
    id: 'schema/unknown-kind',
    description:
      "No schema is known for an object's apiVersion and kind, so it is not validated (one finding per kind, counting its objects).",
    defaultSeverity: 'info',
    recommended: true,
    messages: {
      noSchema:
        '{{object}}{{others}}: no schema for {{apiVersion}} {{kind}} (not a Kubernetes {{k8s}} or Flux kind, and no CRD among the objects defines it): not validated',
      notCompiled:
        '{{object}}{{others}}: the schema of {{apiVersion}} {{kind}} could not be compiled ({{reason}}): not validated',
    },
    docs: 'docs/rules/schema/unknown-kind.md',
  },
  check(context, report) {
    const groups = groupBy(
      unvalidated(context),
      (u) => `${u.reason}\u0000${u.subject.apiVersion}\u0000${u.subject.kind}`,
    );
    for (const [first, ...others] of Object.values(groups)) {
      if (first === undefined) continue;
      const s = first.subject;
      report({
        messageId: first.reason === 'no-schema' ? 'noSchema' : 'notCompiled',
        data: {
          object: s.label,
          others: othersText(others),
          apiVersion: s.apiVersion,
          kind: s.kind,
          // The bundled schemas' version, whatever version deprecations are judged against.
          k8s: kubernetesSchemaVersion,
          reason: first.detail,
        },
        location: first.location,
        path: '/kind',
        kustomization: s.kustomization,
        count: others.length + 1,
      });
    }
  },
};
