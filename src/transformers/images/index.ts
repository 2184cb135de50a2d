/**
 * images: kustomize's ImageTagTransformer (field `images`, legacy `imageTags`, spec §9). One instance per
 * entry, in order. Each rewrites matching image strings in every non-CRD resource, first in every
 * `containers`/`initContainers` list at any depth, then at the `images` field specs (defaults plus
 * `configurations:`).
 */
import type { Range } from '../../diagnostics/diagnostic.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecType, imageType } from '../../kustomization/schema.js';
import { listOf, struct, type GoStruct } from '../../kustomization/gotype.js';
import type { Image } from '../../kustomization/types.js';
import { atField, decodePluginConfig } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { applyImage, type ImageSpec } from './filter.js';

export type { ImageSpec } from './filter.js';
export { rewriteImage, splitImage, imageMatches } from './filter.js';

/** One ImageTagTransformer instance. */
export interface ImageTagConfig {
  /** The `images` entry. */
  image: ImageSpec;
  /** Where images live besides `containers`/`initContainers` lists. */
  fieldSpecs: readonly FieldSpec[];
  /** The kustomization field that asked for it (`images` or `transformers`), for diagnostics. */
  field: string;
  /** The `images` entry, recorded as the origin of the container images it rewrites. */
  where?: { file: string; range?: Range | undefined };
}

function imageSpec(i: Image | undefined): ImageSpec {
  return {
    name: i?.name ?? '',
    newName: i?.newName ?? '',
    newTag: i?.newTag ?? '',
    digest: i?.digest ?? '',
    tagSuffix: i?.tagSuffix ?? '',
  };
}

const pluginType: GoStruct<{ imageTag?: Image; fieldSpecs?: FieldSpec[] }> = struct('ImageTagTransformerPlugin', {
  imageTag: imageType,
  fieldSpecs: listOf(fieldSpecType),
});

export const imageTagTransformer: TransformerPlugin<ImageTagConfig> = {
  kind: 'ImageTagTransformer',
  configure(raw, target) {
    let c;
    try {
      c = decodePluginConfig(raw, pluginType);
    } catch (err) {
      throw atField(err, target, 'transformers');
    }
    return { image: imageSpec(c.imageTag), fieldSpecs: c.fieldSpecs ?? [], field: 'transformers' };
  },
  transform(resources, c, target) {
    try {
      const where = c.where;
      for (const r of resources.items) {
        applyImage(
          r,
          c.image,
          c.fieldSpecs,
          where
            ? (p) =>
                r.recordFieldOrigin(p, {
                  file: where.file,
                  ...(where.range ? { range: where.range } : {}),
                  by: 'ImageTagTransformer',
                })
            : undefined,
        );
      }
    } catch (err) {
      throw atField(err, target, c.field);
    }
  },
};

export const imagesField: FieldTransformer<ImageTagConfig> = {
  plugin: imageTagTransformer,
  fields: ['images', 'imageTags'],
  configs: (k, config, target) =>
    (k.images ?? []).map((i, n) => ({
      image: imageSpec(i),
      fieldSpecs: config.images,
      field: 'images',
      where: { file: target.file, range: target.range('images', n) },
    })),
};
