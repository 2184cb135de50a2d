/**
 * annotations: kustomize's AnnotationsTransformer (field `commonAnnotations`, spec §7.5): values set as
 * strings, keys in sorted order, over the commonAnnotations table.
 */
import type { YamlMap } from '../../yaml/values.js';
import { stringMapConfigOf } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { setStringMap, sortedKeys, type StringMapConfig } from '../labels/filter.js';

export const annotationsTransformer: TransformerPlugin<StringMapConfig> = {
  kind: 'AnnotationsTransformer',
  configure: (raw: YamlMap) => stringMapConfigOf(raw, 'annotations', 'AnnotationsTransformerPlugin'),
  transform(resources, c) {
    const keys = sortedKeys(c.pairs);
    if (keys.length === 0) return;
    for (const r of resources.items) setStringMap(r, c, keys);
  },
};

export const annotationsField: FieldTransformer<StringMapConfig> = {
  plugin: annotationsTransformer,
  fields: ['commonAnnotations'],
  configs: (k, config) =>
    k.commonAnnotations && Object.keys(k.commonAnnotations).length > 0
      ? [{ pairs: k.commonAnnotations, fieldSpecs: config.commonAnnotations }]
      : [],
};
