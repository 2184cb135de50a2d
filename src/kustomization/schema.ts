/**
 * kustomize's Go types for the kustomization file, as data for the decoder in gotype.ts: v5.6.0's, with
 * the fields later versions added or retyped switched by the version feature table ({@link schemaFor}).
 * Embedded (inline) Go structs are flattened into their parent, as encoding/json sees them.
 */
import { DEFAULT_KUSTOMIZE_VERSION, hasFeature, type KustomizeVersion } from './versions.js';
import {
  embedding,
  goAny,
  goBool,
  goInt,
  goIntPlain,
  goString,
  listOf,
  mapOf,
  named,
  ptr,
  struct,
  type GoStruct,
  type GoStructType,
  type GoType,
} from './gotype.js';
import type { Kustomization } from './types.js';

/** resid.Gvk, embedded in FieldSpec, ResId and Target: Go's errors name it (`FieldSpec.fieldSpecs.Gvk.kind`). */
const gvkType = { ...struct('Gvk', { group: goString, version: goString, kind: goString }), pkg: 'resid' };
const resIdType = embedding('ResId', { name: goString, namespace: goString }, { Gvk: gvkType }, 'resid');
export const fieldSpecType = embedding('FieldSpec', { path: goString, create: goBool }, { Gvk: gvkType });
export const selectorType = embedding(
  'Selector',
  { annotationSelector: goString, labelSelector: goString },
  { ResId: resIdType },
);
export const patchArgsType = struct('PatchArgs', { allowNameChange: goBool, allowKindChange: goBool });
/** `patches[].options`: a map of bools until v5.8.0, then the PatchArgs struct. */
export function patchOptionsType(version: KustomizeVersion): GoType {
  return hasFeature(version, 'typedPatchOptions') ? ptr(patchArgsType) : mapOf(goBool);
}
const patchTypeFor = (version: KustomizeVersion): GoType =>
  struct('Patch', {
    path: goString,
    patch: goString,
    target: ptr(selectorType),
    options: patchOptionsType(version),
  });
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
  index: goIntPlain,
  encoding: goString,
  create: goBool,
});
export const sourceSelectorType = embedding(
  'SourceSelector',
  { fieldPath: goString, options: ptr(fieldOptionsType) },
  { ResId: resIdType },
);
export const targetSelectorType = struct('TargetSelector', {
  select: ptr(selectorType),
  reject: listOf(ptr(selectorType)),
  fieldPaths: listOf(goString),
  options: ptr(fieldOptionsType),
});
/** Replacement's fields: `sourceValue` from v5.7.0. */
function replacementFields(version: KustomizeVersion): Record<string, GoType> {
  return {
    source: ptr(sourceSelectorType),
    targets: listOf(ptr(targetSelectorType)),
    ...(hasFeature(version, 'replacementSourceValue') ? { sourceValue: ptr(goString) } : {}),
  };
}
export const varType = struct('Var', {
  name: goString,
  objref: embedding('Target', { apiVersion: goString, name: goString, namespace: goString }, { Gvk: gvkType }),
  fieldref: struct('FieldSelector', { fieldPath: goString }),
});
export const generatorOptionsType = struct('GeneratorOptions', {
  labels: mapOf(goString),
  annotations: mapOf(goString),
  disableNameSuffixHash: goBool,
  immutable: goBool,
});
const kvPairSourcesType = struct('KvPairSources', {
  literals: listOf(goString),
  files: listOf(goString),
  envs: listOf(goString),
  env: goString,
});
const generatorArgsType = embedding(
  'GeneratorArgs',
  { namespace: goString, name: goString, behavior: goString, options: ptr(generatorOptionsType) },
  { KvPairSources: kvPairSourcesType },
);
export const configMapArgsType = embedding('ConfigMapArgs', {}, { GeneratorArgs: generatorArgsType });
export const secretArgsType = embedding('SecretArgs', { type: goString }, { GeneratorArgs: generatorArgsType });
export const sortOptionsType = struct('SortOptions', {
  order: named(goString, 'types.SortOrder'),
  legacySortOptions: ptr(struct('LegacySortOptions', { orderFirst: listOf(goString), orderLast: listOf(goString) })),
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
/** types.PatchStrategicMerge: a path or an inline patch. */
export const patchStrategicMergeType = named(goString, 'types.PatchStrategicMerge');
export const objectMetaType = struct('ObjectMeta', {
  name: goString,
  namespace: goString,
  labels: mapOf(goString),
  annotations: mapOf(goString),
});

/** The kustomization file. Field order is kustomize's canonical order (§1.2). */
function kustomizationTypeFor(s: Omit<KustomizeSchema, 'kustomization'>): GoStruct<Kustomization> {
  const typeMeta = struct('TypeMeta', { apiVersion: goString, kind: goString });
  return embedding('Kustomization', kustomizationFields(s), { TypeMeta: typeMeta });
}

function kustomizationFields(s: Omit<KustomizeSchema, 'kustomization'>): Record<string, GoType> {
  return {
    metadata: ptr(objectMetaType),
    sortOptions: ptr(sortOptionsType),
    resources: listOf(goString),
    bases: listOf(goString),
    namePrefix: goString,
    nameSuffix: goString,
    namespace: goString,
    crds: listOf(goString),
    commonLabels: mapOf(goString),
    labels: listOf(labelType),
    commonAnnotations: mapOf(goString),
    patchesStrategicMerge: listOf(patchStrategicMergeType),
    patchesJson6902: listOf(s.patch),
    patches: listOf(s.patch),
    configMapGenerator: listOf(configMapArgsType),
    secretGenerator: listOf(secretArgsType),
    helmCharts: listOf(s.helmChart),
    helmChartInflationGenerator: listOf(helmChartArgsType),
    helmGlobals: ptr(helmGlobalsType),
    generatorOptions: ptr(generatorOptionsType),
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
  };
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
    const replacement = struct('Replacement', replacementFields(version));
    const parts = {
      patch: patchTypeFor(version),
      replacement,
      replacementField: embedding('ReplacementField', { path: goString }, { Replacement: replacement }),
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
