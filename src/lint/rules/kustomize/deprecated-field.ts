/**
 * `kustomize/deprecated-field`: a kustomization file uses a field kustomize deprecates — `bases`,
 * `patchesStrategicMerge`, `patchesJson6902`, `commonLabels`, `vars`, `imageTags` — reported on the key.
 * `kustomize edit fix` rewrites most of them.
 */
import { deprecatedFields } from '../../../kustomization/load.js';
import { locateKey } from '../../../yaml/locate.js';
import { hasField } from '../../../yaml/values.js';
import { relative } from '../../../fs/path.js';
import type { LintRule } from '../../context.js';

export const kustomizeDeprecatedField: LintRule<'deprecated', 'kustomize/deprecated-field'> = {
  meta: {
    id: 'kustomize/deprecated-field',
    description:
      'A kustomization file uses a deprecated field (bases, patchesStrategicMerge, patchesJson6902, commonLabels, vars, imageTags).',
    defaultSeverity: 'warning',
    recommended: true,
    messages: { deprecated: "'{{field}}' is deprecated: use {{replacement}} ('kustomize edit fix' rewrites it)" },
    docs: 'docs/rules/kustomize/deprecated-field.md',
  },
  check(context, report) {
    for (const k of context.repo.kustomizations.values()) {
      const doc = k.document;
      for (const { field, successor: replacement } of deprecatedFields) {
        if (!hasField(k.value, field)) continue;
        const range = doc ? locateKey(doc.node, [field], k.repoFile.lineCounter) : undefined;
        report({
          messageId: 'deprecated',
          data: { field, replacement },
          location: range ? { file: k.file, range } : { file: k.file },
          path: `/${field}`,
          kustomization: relative(context.root, k.dir) || '.',
        });
      }
    }
  },
};
