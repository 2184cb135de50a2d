/**
 * kustomize's Go types for the kustomization file, as data for the decoder in gotype.ts: v5.6.0's, with
 * the fields later versions added or retyped switched by the version feature table ({@link schemaFor}).
 * Embedded (inline) Go structs are flattened into their parent, as encoding/json sees them.
 */
import { DEFAULT_KUSTOMIZE_VERSION, hasFeature, type KustomizeVersion } from './versions.js';
import {
  goAny,
  goBool,
  goInt,
  goString,
  listOf,
  mapOf,
  struct,
  type GoStruct,
  type GoStructType,
  type GoType,
} from './gotype.js';
import type { Kustomization } from './types.js';

const gvkFields = { group: goString, version: goString, kind: goString };
const resIdFields = { ...gvkFields, name: goString, namespace: goString };

/** kustomize's FieldSpec embeds resid.Gvk: Go's errors name it (`FieldSpec.fieldSpecs.Gvk.kind`). */
const gvkEmbedded = { group: 'Gvk', version: 'Gvk', kind: 'Gvk' };
export const fieldSpecType = struct('FieldSpec', { ...gvkFields, path: goString, create: goBool }, gvkEmbedded);
export const selectorType = struct('Selector', {
  ...resIdFields,
  annotationSelector: goString,
  labelSelector: goString,
});
/** `patches[].options`: a map of bools until v5.8.0, then the PatchArgs struct. */
function patchOptionsType(version: KustomizeVersion): GoType {
  return hasFeature(version, 'typedPatchOptions')
    ? struct('PatchArgs', { allowNameChange: goBool, allowKindChange: goBool })
    : mapOf(goBool);
}
const patchTypeFor = (version: KustomizeVersion): GoType =>
  struct('Patch', { path: goString, patch: goString, target: selectorType, options: patchOptionsType(version) });
export const labelType = struct('Label', {
  pairs: mapOf(goString),
  includeSelectors: goBool,
  includeTemplates: goBool,
  fields: listOf(fieldSpecType),
});
export const imageType = struct('Image', {
  name: goString,
  newName: goString,
  tagSuffix: goString,
  newTag: goString,
  digest: goString,
});
export const replicaType = struct('Replica', { name: goString, count: goInt });
export const fieldOptionsType = struct('FieldOptions', {
  delimiter: goString,
  index: goInt,
  encoding: goString,
  create: goBool,
});
export const sourceSelectorType = struct('SourceSelector', {
  ...resIdFields,
  fieldPath: goString,
  options: fieldOptionsType,
});
export const targetSelectorType = struct('TargetSelector', {
  select: selectorType,
  reject: listOf(selectorType),
  fieldPaths: listOf(goString),
  options: fieldOptionsType,
});
/** Replacement's fields: `sourceValue` from v5.7.0. */
function replacementFields(version: KustomizeVersion): Record<string, GoType> {
  return {
    source: sourceSelectorType,
    targets: listOf(targetSelectorType),
    ...(hasFeature(version, 'replacementSourceValue') ? { sourceValue: goString } : {}),
  };
}
export const varType = struct('Var', {
  name: goString,
  objref: struct('Target', { apiVersion: goString, ...gvkFields, name: goString, namespace: goString }),
  fieldref: struct('FieldSelector', { fieldPath: goString }),
});
export const generatorOptionsType = struct('GeneratorOptions', {
  labels: mapOf(goString),
  annotations: mapOf(goString),
  disableNameSuffixHash: goBool,
  immutable: goBool,
});
const generatorArgsFields = {
  namespace: goString,
  name: goString,
  behavior: goString,
  literals: listOf(goString),
  files: listOf(goString),
  envs: listOf(goString),
  env: goString,
  options: generatorOptionsType,
};
export const configMapArgsType = struct('ConfigMapArgs', generatorArgsFields);
export const secretArgsType = struct('SecretArgs', { ...generatorArgsFields, type: goString });
export const sortOptionsType = struct('SortOptions', {
  order: goString,
  legacySortOptions: struct('LegacySortOptions', { orderFirst: listOf(goString), orderLast: listOf(goString) }),
});
export const helmGlobalsType = struct('HelmGlobals', { chartHome: goString, configHome: goString });
const helmChartFields = {
  name: goString,
  version: goString,
  repo: goString,
  releaseName: goString,
  namespace: goString,
  additionalValuesFiles: listOf(goString),
  valuesFile: goString,
  valuesInline: mapOf(goAny),
  valuesMerge: goString,
  includeCRDs: goBool,
  skipHooks: goBool,
  apiVersions: listOf(goString),
  kubeVersion: goString,
  nameTemplate: goString,
  skipTests: goBool,
  debug: goBool,
};
export const helmChartArgsType = struct('HelmChartArgs', {
  chartName: goString,
  chartVersion: goString,
  chartRepoUrl: goString,
  chartHome: goString,
  chartRepoName: goString,
  helmBin: goString,
  helmHome: goString,
  values: goString,
  valuesLocal: mapOf(goAny),
  valuesMerge: goString,
  releaseName: goString,
  releaseNamespace: goString,
  extraArgs: listOf(goString),
});
export const objectMetaType = struct('ObjectMeta', {
  name: goString,
  namespace: goString,
  labels: mapOf(goString),
  annotations: mapOf(goString),
});

/** The kustomization file. Field order is kustomize's canonical order (§1.2). */
function kustomizationTypeFor(s: Omit<KustomizeSchema, 'kustomization'>): GoStruct<Kustomization> {
  return struct('Kustomization', {
    apiVersion: goString,
    kind: goString,
    metadata: objectMetaType,
    sortOptions: sortOptionsType,
    resources: listOf(goString),
    bases: listOf(goString),
    namePrefix: goString,
    nameSuffix: goString,
    namespace: goString,
    crds: listOf(goString),
    commonLabels: mapOf(goString),
    labels: listOf(labelType),
    commonAnnotations: mapOf(goString),
    patchesStrategicMerge: listOf(goString),
    patchesJson6902: listOf(s.patch),
    patches: listOf(s.patch),
    configMapGenerator: listOf(configMapArgsType),
    secretGenerator: listOf(secretArgsType),
    helmCharts: listOf(s.helmChart),
    helmChartInflationGenerator: listOf(helmChartArgsType),
    helmGlobals: helmGlobalsType,
    generatorOptions: generatorOptionsType,
    vars: listOf(varType),
    images: listOf(imageType),
    imageTags: listOf(imageType),
    replacements: listOf(s.replacementField),
    replicas: listOf(replicaType),
    configurations: listOf(goString),
    generators: listOf(goString),
    transformers: listOf(goString),
    validators: listOf(goString),
    components: listOf(goString),
    openapi: mapOf(goString),
    buildMetadata: listOf(goString),
  });
}

/** The types that differ between kustomize versions. */
export interface KustomizeSchema {
  readonly kustomization: GoStruct<Kustomization>;
  readonly patch: GoType;
  readonly replacement: GoStructType;
  readonly replacementField: GoStructType;
  readonly helmChart: GoType;
}

const schemas = new Map<KustomizeVersion, KustomizeSchema>();

/** The kustomization types of `version`. */
export function schemaFor(version: KustomizeVersion): KustomizeSchema {
  let s = schemas.get(version);
  if (!s) {
    const parts = {
      patch: patchTypeFor(version),
      replacement: struct('Replacement', replacementFields(version)),
      replacementField: struct('ReplacementField', { ...replacementFields(version), path: goString }),
      helmChart: struct('HelmChart', {
        ...helmChartFields,
        ...(hasFeature(version, 'helmChartDevel') ? { devel: goBool } : {}),
      }),
    };
    s = { ...parts, kustomization: kustomizationTypeFor(parts) };
    schemas.set(version, s);
  }
  return s;
}

/** The kustomization file's type in the default version (its field names are the same in every version). */
export const kustomizationType: GoStructType = schemaFor(DEFAULT_KUSTOMIZE_VERSION).kustomization;

export type { GoType };
