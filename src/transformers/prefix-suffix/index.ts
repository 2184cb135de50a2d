/**
 * prefix-suffix: kustomize's PrefixTransformer and SuffixTransformer (fields `namePrefix`, `nameSuffix`,
 * spec §7.6), and the legacy PrefixSuffixTransformer plugin. Skips CRDs, APIServices and Namespaces
 * (judged on the original id); on `metadata/name` records the prefix/suffix history and the previous id.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec } from '../../fieldspecs/traverse.js';
import { idString, gvkSelects, type Gvk } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { getField } from '../../yaml/values.js';
import type { YamlMap } from '../../yaml/values.js';
import { fieldSpecsOf, stringOf } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';

export interface AffixConfig {
  prefix: string;
  suffix: string;
  fieldSpecs: readonly FieldSpec[];
}

const skipped: Partial<Gvk>[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

function applyAffix(r: Resource, c: AffixConfig): void {
  const orig = r.originalId();
  if (skipped.some((s) => gvkSelects(s, orig))) return;
  for (const fs of c.fieldSpecs) {
    if (!fieldSpecSelects(fs, orig)) continue;
    if (fs.path === 'metadata/name') {
      if (c.prefix !== '') r.prefixes.push(c.prefix);
      if (c.suffix !== '') r.suffixes.push(c.suffix);
      if (c.prefix !== '' || c.suffix !== '') r.storePreviousId();
    }
    if (!fieldSpecSelects(fs, r.gvk())) continue;
    visitFieldSpec(
      r.data,
      { ...fs, create: false },
      undefined,
      (ref) => {
        if (ref.value === null || typeof ref.value === 'object') return;
        ref.set(`${c.prefix}${String(ref.value)}${c.suffix}`);
      },
      () => idString(r.id()),
    );
  }
}

function transform(resources: ResourceList, c: AffixConfig): void {
  for (const r of resources.items) applyAffix(r, c);
}

function configure(kind: string, raw: YamlMap, which: 'prefix' | 'suffix' | 'both'): AffixConfig {
  const fs = getField(raw, 'fieldSpecs');
  if (fs === undefined || fs === null) {
    const meta = getField(raw, 'metadata');
    const name = meta && typeof meta === 'object' && !Array.isArray(meta) ? stringOf(getField(meta, 'name')) : '';
    throw new BuildError('transformer/config', `plugin ${kind}.builtin.[noGrp]/${name}.[noNs] fails configuration: fieldSpecs is not expected to be nil`);
  }
  return {
    prefix: which === 'suffix' ? '' : stringOf(getField(raw, 'prefix')),
    suffix: which === 'prefix' ? '' : stringOf(getField(raw, 'suffix')),
    fieldSpecs: fieldSpecsOf(fs),
  };
}

export const prefixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'PrefixTransformer',
  configure: (raw) => configure('PrefixTransformer', raw, 'prefix'),
  transform,
};

export const suffixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'SuffixTransformer',
  configure: (raw) => configure('SuffixTransformer', raw, 'suffix'),
  transform,
};

export const prefixSuffixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'PrefixSuffixTransformer',
  configure: (raw) => configure('PrefixSuffixTransformer', raw, 'both'),
  transform,
};

export const prefixField: FieldTransformer<AffixConfig> = {
  plugin: prefixTransformer,
  fields: ['namePrefix'],
  configs: (k, config) => (k.namePrefix ? [{ prefix: k.namePrefix, suffix: '', fieldSpecs: config.namePrefix }] : []),
};

export const suffixField: FieldTransformer<AffixConfig> = {
  plugin: suffixTransformer,
  fields: ['nameSuffix'],
  configs: (k, config) => (k.nameSuffix ? [{ prefix: '', suffix: k.nameSuffix, fieldSpecs: config.nameSuffix }] : []),
};
