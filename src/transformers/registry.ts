/**
 * The one ordered list of builtin transformers driven by kustomization fields (kustomize's
 * kusttarget_configplugin.go, spec §2.5), and every builtin transformer plugin by kind (for
 * `transformers:` entries with `apiVersion: builtin`). Tests and docs read these lists.
 */
import { fieldTransformer, type FieldTransformer, type TransformerPlugin } from './types.js';
import { namespaceField, namespaceTransformer } from './namespace/index.js';
import {
  prefixField,
  suffixField,
  prefixTransformer,
  suffixTransformer,
  prefixSuffixTransformer,
} from './prefix-suffix/index.js';
import { labelsField, labelTransformer } from './labels/index.js';
import { annotationsField, annotationsTransformer } from './annotations/index.js';
import { patchesStrategicMergeField, patchStrategicMergeTransformer } from './patch-strategic-merge/index.js';
import { patchesField, patchTransformer } from './patch/index.js';
import { patchesJson6902Field, patchJson6902Transformer } from './patch-json6902/index.js';
import { replicasField, replicaCountTransformer } from './replicas/index.js';
import { imagesField, imageTagTransformer } from './images/index.js';
import { replacementsField, replacementTransformer } from './replacements/index.js';
import { valueAddTransformer } from './valueadd/index.js';
import { hashTransformer } from './hash/index.js';
import { sortOrderTransformer } from './sort-order/index.js';

/** Field-driven transformers, in the order kustomize runs them within one kustomization. */
export const fieldTransformers: readonly FieldTransformer<unknown>[] = [
  fieldTransformer(patchesStrategicMergeField),
  fieldTransformer(patchesField),
  fieldTransformer(namespaceField),
  fieldTransformer(prefixField),
  fieldTransformer(suffixField),
  fieldTransformer(labelsField),
  fieldTransformer(annotationsField),
  fieldTransformer(patchesJson6902Field),
  fieldTransformer(replicasField),
  fieldTransformer(imagesField),
  fieldTransformer(replacementsField),
];

/** Builtin transformer plugins by kind. */
export const transformerPlugins: ReadonlyMap<string, TransformerPlugin<unknown>> = new Map(
  (
    [
      namespaceTransformer,
      prefixTransformer,
      suffixTransformer,
      prefixSuffixTransformer,
      labelTransformer,
      annotationsTransformer,
      patchStrategicMergeTransformer,
      patchTransformer,
      patchJson6902Transformer,
      replicaCountTransformer,
      imageTagTransformer,
      replacementTransformer,
      valueAddTransformer,
      hashTransformer,
    ] as TransformerPlugin<unknown>[]
  ).map((p) => [p.kind, p]),
);

/**
 * Builtin transformers that run once at the top of a build (kustomize's Kustomizer.Run), not per
 * kustomization: SortOrderTransformer (`sortOptions` / `--reorder`). kustomize v5.6.0 cannot load it
 * from a `transformers:` entry (`unable to load builtin SortOrderTransformer.builtin.[noGrp]`), so it is
 * deliberately absent from {@link transformerPlugins}.
 */
export const topLevelTransformers = {
  sortOrder: sortOrderTransformer,
} as const;
