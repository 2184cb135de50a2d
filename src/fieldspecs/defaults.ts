/**
 * kustomize v5.6.0's default transformer configuration (builtinconfig.MakeDefaultConfig, spec §6.3, §7.2):
 * the tables of api/internal/konfig/builtinpluginconsts as data (defaults.generated.ts, every entry in
 * kustomize's order with its duplicates and quirks, e.g. the IngressClass target's group
 * `networking.k8s.io/v1`), sorted once the way kustomize sorts a freshly parsed config.
 */
import { sortTransformerConfig } from './config.js';
import { builtinFieldSpecTables, builtinNameReferences } from './defaults.generated.js';
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';

export { builtinFieldSpecTables, builtinNameReferences };

let cached: TransformerConfig | undefined;

/** The default configuration, parsed and sorted (shared and frozen). */
export function sharedDefaultTransformerConfig(): TransformerConfig {
  if (!cached) {
    const t = builtinFieldSpecTables;
    cached = sortTransformerConfig({
      namePrefix: t.namePrefix.slice(),
      nameSuffix: t.nameSuffix.slice(),
      nameSpace: t.nameSpace.slice(),
      commonLabels: t.commonLabels.slice(),
      templateLabels: t.templateLabels.slice(),
      labels: [],
      commonAnnotations: t.commonAnnotations.slice(),
      nameReference: builtinNameReferences.map((n) => ({ ...n, fieldSpecs: n.fieldSpecs.slice() })),
      varReference: t.varReference.slice(),
      images: t.images.slice(),
      replicas: t.replicas.slice(),
    });
    for (const table of Object.values(cached)) Object.freeze(table);
    Object.freeze(cached);
  }
  return cached;
}

/** A fresh copy of the default configuration (kustomize's MakeDefaultConfig). */
export function defaultTransformerConfig(): TransformerConfig {
  const d = sharedDefaultTransformerConfig();
  return {
    namePrefix: d.namePrefix.slice(),
    nameSuffix: d.nameSuffix.slice(),
    nameSpace: d.nameSpace.slice(),
    commonLabels: d.commonLabels.slice(),
    templateLabels: d.templateLabels.slice(),
    labels: d.labels.slice(),
    commonAnnotations: d.commonAnnotations.slice(),
    nameReference: d.nameReference.map((n: NameBackReferences) => ({ ...n, fieldSpecs: n.fieldSpecs.slice() })),
    varReference: d.varReference.slice(),
    images: d.images.slice(),
    replicas: d.replicas.slice(),
  };
}

/** The default `namePrefix` / `nameSuffix` tables. */
export const namePrefixFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.namePrefix;
export const nameSuffixFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.nameSuffix;
/** The default `namespace` table. */
export const namespaceFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.nameSpace;
/** The default `commonLabels` table (selectors, then metadata and template labels). */
export const commonLabelsFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.commonLabels;
/** The default `templateLabels` table (kustomize's metadataLabelsFieldSpecs). */
export const templateLabelFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.templateLabels;
/** The default `commonAnnotations` table. */
export const commonAnnotationsFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.commonAnnotations;
/** The default `varReference` table. */
export const varReferenceFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.varReference;
/** The default `images` table. */
export const imagesFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.images;
/** The default `replicas` table. */
export const replicasFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.replicas;
/** The default `nameReference` list. */
export const nameReferenceFieldSpecs: readonly NameBackReferences[] = builtinNameReferences;
/** `metadata/labels` with create, the spec every `labels` entry gets. */
export const metadataLabelsFieldSpec: FieldSpec = { path: 'metadata/labels', create: true };
