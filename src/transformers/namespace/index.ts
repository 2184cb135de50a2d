/**
 * namespace: kustomize's NamespaceTransformer (field `namespace`, spec §7.3). Records every resource's
 * previous id, sets `metadata.namespace` on every namespaced object (overwriting), renames a v1 Namespace
 * object, updates the namespace field specs (APIService, CRD webhooks) and RoleBinding subjects, and fails
 * when two resources end up with the same id. From v5.8.0 it skips objects marked helm-generated.
 */
import { BuildError } from '../../diagnostics/error.js';
import { idKey } from '../../resources/res-id.js';
import { goJson } from '../../generators/go-json.js';
import type { Resource } from '../../resources/resource.js';
import type { YamlMap } from '../../yaml/values.js';
import { decodePluginConfig, fieldSpecsFrom, pluginConfigError, type RawFieldSpec } from '../plugin-config.js';
import { goBool, goString, listOf, named, struct, type GoStruct } from '../../kustomization/gotype.js';
import { fieldSpecType, objectMetaType } from '../../kustomization/schema.js';
import { goQuote } from '../../generators/go-format.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { setNamespace, type NamespaceConfig, type RoleBindingSubjectsMode } from './filter.js';
import { hasFeature } from '../../kustomization/versions.js';
import { HELM_GENERATED_ANNOTATION } from '../../resources/annotations.js';
import { metaStrings } from '../../selector/index.js';

const modes: readonly string[] = ['defaultOnly', 'allServiceAccounts', 'none'];

/** kustomize's NamespaceTransformerPlugin. */
const pluginType: GoStruct<{
  metadata?: { namespace?: string };
  fieldSpecs?: RawFieldSpec[];
  unsetOnly?: boolean;
  setRoleBindingSubjects?: string;
}> = struct('NamespaceTransformerPlugin', {
  metadata: objectMetaType,
  fieldSpecs: listOf(fieldSpecType),
  unsetOnly: goBool,
  setRoleBindingSubjects: named(goString, 'namespace.RoleBindingSubjectMode'),
});

function key(r: Resource): string {
  return idKey(r.id(), r.scope);
}

export const namespaceTransformer: TransformerPlugin<NamespaceConfig> = {
  kind: 'NamespaceTransformer',
  configure(raw: YamlMap): NamespaceConfig {
    const c = decodePluginConfig(raw, pluginType, { prefix: 'unmarshalling NamespaceTransformer config: ' });
    const mode = c.setRoleBindingSubjects ?? '';
    if (mode !== '' && !modes.includes(mode)) {
      throw pluginConfigError(
        `invalid value ${goQuote(mode)} for setRoleBindingSubjects: must be one of "defaultOnly", "none" or "allServiceAccounts"`,
      );
    }
    return {
      namespace: c.metadata?.namespace ?? '',
      fieldSpecs: fieldSpecsFrom(c.fieldSpecs),
      unsetOnly: c.unsetOnly === true,
      setRoleBindingSubjects: (mode === '' ? 'defaultOnly' : mode) as RoleBindingSubjectsMode,
    };
  },
  transform(resources, c, kt) {
    if (c.namespace === '') return;
    const skipsHelm = hasFeature(kt.build.version, 'helmGeneratedAnnotation');
    // Current ids of all resources, kept up to date as each one is transformed (conflict check in O(n)).
    const counts = new Map<string, number>();
    for (const r of resources.items) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    for (const r of resources.items) {
      if (Object.keys(r.data).length === 0) continue;
      // v5.8.0+: objects helm rendered keep their namespace (helm sets it).
      if (skipsHelm && metaStrings(r, 'annotations').get(HELM_GENERATED_ANNOTATION) === 'true') continue;
      const before = key(r);
      r.storePreviousId();
      setNamespace(r, c);
      const after = key(r);
      if (after !== before) {
        counts.set(before, (counts.get(before) ?? 1) - 1);
        counts.set(after, (counts.get(after) ?? 0) + 1);
      }
      if (counts.get(after) !== 1) {
        const same = resources.items.filter((x) => key(x) === after);
        throw new BuildError(
          'resource/id-conflict',
          `namespace transformation produces ID conflict: [${same.map((x) => goJson(x.withBuildAnnotations())).join(' ')}]`,
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
      ? [
          {
            namespace: k.namespace,
            fieldSpecs: config.nameSpace,
            unsetOnly: false,
            setRoleBindingSubjects: 'defaultOnly',
          },
        ]
      : [],
};
