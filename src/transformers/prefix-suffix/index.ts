/**
 * prefix-suffix: kustomize's PrefixTransformer and SuffixTransformer (fields `namePrefix`, `nameSuffix`,
 * spec §7.6), and the legacy PrefixSuffixTransformer plugin (the prefix pass over every resource, then the
 * suffix pass). Skips CRDs, APIServices and Namespaces (judged on the original id); on `metadata/name`
 * records the prefix/suffix history and the previous id that name references use.
 */
import type { FieldSpec } from '../../fieldspecs/types.js';
import type { YamlMap } from '../../yaml/values.js';
import { decodePluginConfigV3, fieldSpecsFrom, pluginConfigError, type RawFieldSpec } from '../plugin-config.js';
import { goString, listOf, struct, type GoStruct } from '../../kustomization/gotype.js';
import { fieldSpecType } from '../../kustomization/schema.js';
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

interface AffixPlugin {
  prefix?: string;
  suffix?: string;
  fieldSpecs?: RawFieldSpec[];
}

/** kustomize's PrefixTransformerPlugin / SuffixTransformerPlugin (read with go-yaml v3: exact key names). */
function affixPluginType(which: 'prefix' | 'suffix'): GoStruct<AffixPlugin> {
  return struct(`${which === 'prefix' ? 'Prefix' : 'Suffix'}TransformerPlugin`, {
    [which]: goString,
    fieldSpecs: listOf(fieldSpecType, 'types.FsSlice'),
  });
}

const pluginTypes = { prefix: affixPluginType('prefix'), suffix: affixPluginType('suffix') };

/** One plugin's Config: decode, then refuse a missing or null `fieldSpecs`. */
function configureOne(raw: YamlMap, which: 'prefix' | 'suffix'): { affix: string; fieldSpecs: FieldSpec[] } {
  const c = decodePluginConfigV3(raw, pluginTypes[which]);
  if (c.fieldSpecs === undefined) throw pluginConfigError('fieldSpecs is not expected to be nil');
  return { affix: c[which] ?? '', fieldSpecs: fieldSpecsFrom(c.fieldSpecs) };
}

/** PrefixSuffixTransformer configures a PrefixTransformer, then a SuffixTransformer, from the same config. */
function configure(raw: YamlMap, which: 'prefix' | 'suffix' | 'both'): AffixConfig {
  const p = which === 'suffix' ? undefined : configureOne(raw, 'prefix');
  const s = which === 'prefix' ? undefined : configureOne(raw, 'suffix');
  return {
    prefix: p?.affix ?? '',
    suffix: s?.affix ?? '',
    fieldSpecs: (p ?? s)?.fieldSpecs ?? [],
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
