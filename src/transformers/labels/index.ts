/**
 * labels: kustomize's LabelTransformer (fields `labels` and `commonLabels`, spec §7.4). One instance per
 * `labels` entry (fields, config `labels`, then selectors+templates / templates / metadata only), then one
 * for `commonLabels` over the commonLabels table.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import type { YamlMap } from '../../yaml/values.js';
import { stringMapConfigOf } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { mergeFieldSpec, mergeFieldSpecList } from '../../fieldspecs/config.js';
import { setStringMap, sortedKeys, type StringMapConfig } from './filter.js';

export const labelTransformer: TransformerPlugin<StringMapConfig> = {
  kind: 'LabelTransformer',
  configure: (raw: YamlMap) => stringMapConfigOf(raw, 'labels', 'LabelTransformerPlugin'),
  transform(resources, c) {
    const keys = sortedKeys(c.pairs);
    if (keys.length === 0) return;
    for (const r of resources.items) setStringMap(r, c, keys);
  },
};

const metadataLabels: FieldSpec = { path: 'metadata/labels', create: true };

export const labelsField: FieldTransformer<StringMapConfig> = {
  plugin: labelTransformer,
  fields: ['labels', 'commonLabels'],
  configs(k, config) {
    if ((k.labels ?? []).length === 0 && Object.keys(k.commonLabels ?? {}).length === 0) return [];
    const out: StringMapConfig[] = [];
    for (const label of k.labels ?? []) {
      let fss: FieldSpec[];
      try {
        fss = mergeFieldSpecList(label.fields ?? [], config.labels);
        if (label.includeSelectors) fss = mergeFieldSpecList(fss, config.commonLabels);
        else {
          if (label.includeTemplates) {
            try {
              fss = mergeFieldSpecList(fss, config.templateLabels);
            } catch (err) {
              // kustomize words this one differently.
              if (err instanceof BuildError) err.wrap('failed to merge template fieldSpec: ');
              throw err;
            }
          }
          fss = mergeFieldSpec(fss, metadataLabels);
        }
      } catch (err) {
        if (err instanceof BuildError && !err.message.startsWith('failed to merge template'))
          err.wrap('failed to merge labels: ');
        throw err;
      }
      out.push({ pairs: label.pairs ?? {}, fieldSpecs: fss });
    }
    out.push({ pairs: k.commonLabels ?? {}, fieldSpecs: config.commonLabels });
    return out;
  },
};
