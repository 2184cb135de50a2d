/**
 * prefix-suffix: kustomize's PrefixTransformer and SuffixTransformer (fields `namePrefix`, `nameSuffix`,
 * spec §7.6), and the legacy PrefixSuffixTransformer plugin (the prefix pass over every resource, then the
 * suffix pass). Skips CRDs, APIServices and Namespaces (judged on the original id); on `metadata/name`
 * records the prefix/suffix history and the previous id that name references use.
 */
import type { FieldSpec } from '../../fieldspecs/types.js';
import { getField } from '../../yaml/values.js';
import type { YamlMap } from '../../yaml/values.js';
import { fieldSpecsOf, pluginConfigError, stringOf } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { applyAffix } from './filter.js';

/** Configuration of the prefix/suffix transformers. */
export interface AffixConfig {
  /** Added before the value (PrefixTransformer, PrefixSuffixTransformer). */
  prefix: string;
  /** Added after the value (SuffixTransformer, PrefixSuffixTransformer). */
  suffix: string;
  /** Where; `metadata/name` also records the name history. */
  fieldSpecs: readonly FieldSpec[];
}

function configure(raw: YamlMap, which: 'prefix' | 'suffix' | 'both'): AffixConfig {
  const fs = getField(raw, 'fieldSpecs');
  if (fs === undefined || fs === null) throw pluginConfigError(raw, 'fieldSpecs is not expected to be nil');
  return {
    prefix: which === 'suffix' ? '' : stringOf(getField(raw, 'prefix')),
    suffix: which === 'prefix' ? '' : stringOf(getField(raw, 'suffix')),
    fieldSpecs: fieldSpecsOf(raw),
  };
}

export const prefixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'PrefixTransformer',
  configure: (raw) => configure(raw, 'prefix'),
  transform: (resources, c) => applyAffix(resources, 'prefix', c.prefix, c.fieldSpecs),
};

export const suffixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'SuffixTransformer',
  configure: (raw) => configure(raw, 'suffix'),
  transform: (resources, c) => applyAffix(resources, 'suffix', c.suffix, c.fieldSpecs),
};

export const prefixSuffixTransformer: TransformerPlugin<AffixConfig> = {
  kind: 'PrefixSuffixTransformer',
  configure: (raw) => configure(raw, 'both'),
  transform(resources, c) {
    applyAffix(resources, 'prefix', c.prefix, c.fieldSpecs);
    applyAffix(resources, 'suffix', c.suffix, c.fieldSpecs);
  },
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
