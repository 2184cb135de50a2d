/**
 * namespace: kustomize's NamespaceTransformer (field `namespace`, spec §7.3). Sets `metadata.namespace`
 * on every namespaced object (overwriting), renames a v1 Namespace object, updates the namespace field
 * specs (APIService, CRD webhooks) and RoleBinding subjects, and records previous ids for name
 * references.
 */
import { BuildError } from '../../diagnostics/error.js';
import { idString } from '../../resources/res-id.js';
import { getField } from '../../yaml/values.js';
import type { YamlMap } from '../../yaml/values.js';
import { fieldSpecsOf, stringOf } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { setNamespace, type NamespaceConfig, type RoleBindingSubjectsMode } from './filter.js';

export const namespaceTransformer: TransformerPlugin<NamespaceConfig> = {
  kind: 'NamespaceTransformer',
  configure(raw: YamlMap): NamespaceConfig {
    const meta = getField(raw, 'metadata');
    const ns = meta && typeof meta === 'object' && !Array.isArray(meta) ? stringOf(getField(meta, 'namespace')) : '';
    const mode = stringOf(getField(raw, 'setRoleBindingSubjects'));
    return {
      namespace: ns,
      fieldSpecs: fieldSpecsOf(getField(raw, 'fieldSpecs')),
      unsetOnly: getField(raw, 'unsetOnly') === true,
      setRoleBindingSubjects: (mode === '' ? 'defaultOnly' : mode) as RoleBindingSubjectsMode,
    };
  },
  transform(resources, c) {
    if (c.namespace === '') return;
    for (const r of resources.items) {
      if (Object.keys(r.data).length === 0) continue;
      r.storePreviousId();
      setNamespace(r, c);
      const id = r.id();
      const same = resources.byCurrentId(id);
      if (same.length !== 1) {
        throw new BuildError(
          'resource/id-conflict',
          `namespace transformation produces ID conflict: [${same.map((x) => idString(x.id())).join(' ')}]`,
          { file: r.origin.file, range: r.origin.range },
        );
      }
    }
  },
};

export const namespaceField: FieldTransformer<NamespaceConfig> = {
  plugin: namespaceTransformer,
  fields: ['namespace'],
  configs: (k, config) =>
    k.namespace
      ? [{ namespace: k.namespace, fieldSpecs: config.nameSpace, unsetOnly: false, setRoleBindingSubjects: 'defaultOnly' }]
      : [],
};
