/**
 * kustomize's default transformer configuration (builtinconfig.MakeDefaultConfig, spec §6.3, §7.2): the
 * tables of api/internal/konfig/builtinpluginconsts as data (defaults.generated.ts: the newest supported
 * release's, every entry in kustomize's order with its duplicates and quirks, e.g. the IngressClass
 * target's group `networking.k8s.io/v1`, and the entries older releases lack with their version feature),
 * sorted once per version the way kustomize sorts a freshly parsed config.
 */
import { DEFAULT_KUSTOMIZE_VERSION, hasFeature, type KustomizeVersion } from '../kustomization/versions.js';
import { sortTransformerConfig } from './config.js';
import { builtinFieldSpecTables, builtinNameReferences, versionedFieldSpecs } from './defaults.generated.js';
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';

export { builtinFieldSpecTables, builtinNameReferences, versionedFieldSpecs };

const cached = new Map<KustomizeVersion, TransformerConfig>();

/** A default table as `version` has it (without the entries of features it lacks). */
function table(name: keyof typeof builtinFieldSpecTables, version: KustomizeVersion): FieldSpec[] {
  const lacking = versionedFieldSpecs.filter((v) => v.table === name && !hasFeature(version, v.feature));
  return builtinFieldSpecTables[name].filter((f) => !lacking.some((v) => v.path === f.path));
}

/** The default configuration of `version`, parsed and sorted (shared and frozen; never mutate it). */
export function sharedDefaultTransformerConfig(
  version: KustomizeVersion = DEFAULT_KUSTOMIZE_VERSION,
): TransformerConfig {
  let d = cached.get(version);
  if (!d) {
    const t = (name: keyof typeof builtinFieldSpecTables): FieldSpec[] => table(name, version);
    d = sortTransformerConfig({
      namePrefix: t('namePrefix'),
      nameSuffix: t('nameSuffix'),
      nameSpace: t('nameSpace'),
      commonLabels: t('commonLabels'),
      templateLabels: t('templateLabels'),
      labels: [],
      commonAnnotations: t('commonAnnotations'),
      nameReference: builtinNameReferences.map((n) => ({ ...n, fieldSpecs: n.fieldSpecs.slice() })),
      varReference: t('varReference'),
      images: t('images'),
      replicas: t('replicas'),
    });
    for (const table of Object.values(d)) Object.freeze(table);
    Object.freeze(d);
    cached.set(version, d);
  }
  return d;
}

/** A fresh copy of `version`'s default configuration (kustomize's MakeDefaultConfig). */
export function defaultTransformerConfig(version: KustomizeVersion = DEFAULT_KUSTOMIZE_VERSION): TransformerConfig {
  const d = sharedDefaultTransformerConfig(version);
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
/** The default `images` table of the default version. */
export const imagesFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.images;
/** The default `replicas` table. */
export const replicasFieldSpecs: readonly FieldSpec[] = builtinFieldSpecTables.replicas;
/** The default `nameReference` list. */
export const nameReferenceFieldSpecs: readonly NameBackReferences[] = builtinNameReferences;
/** `metadata/labels` with create, the spec every `labels` entry gets. */
export const metadataLabelsFieldSpec: FieldSpec = { path: 'metadata/labels', create: true };
