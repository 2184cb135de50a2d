/**
 * kustomize v5.6.0's Go types for the kustomization file, as data for the decoder in gotype.ts.
 * Embedded (inline) Go structs are flattened into their parent, as encoding/json sees them.
 */
import { goAny, goBool, goInt, goString, listOf, mapOf, struct, type GoStruct, type GoType } from './gotype.js';
import type { Kustomization } from './types.js';

const gvkFields = { group: goString, version: goString, kind: goString };
const resIdFields = { ...gvkFields, name: goString, namespace: goString };

export const fieldSpecType = struct('FieldSpec', { ...gvkFields, path: goString, create: goBool });
export const selectorType = struct('Selector', {
  ...resIdFields,
  annotationSelector: goString,
  labelSelector: goString,
});
export const patchType = struct('Patch', {
  path: goString,
  patch: goString,
  target: selectorType,
  options: mapOf(goBool),
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
export const replacementType = struct('Replacement', {
  source: sourceSelectorType,
  targets: listOf(targetSelectorType),
});
export const replacementFieldType = struct('ReplacementField', {
  source: sourceSelectorType,
  targets: listOf(targetSelectorType),
  path: goString,
});
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
export const helmChartType = struct('HelmChart', {
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
});
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
export const kustomizationType: GoStruct<Kustomization> = struct('Kustomization', {
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
  patchesJson6902: listOf(patchType),
  patches: listOf(patchType),
  configMapGenerator: listOf(configMapArgsType),
  secretGenerator: listOf(secretArgsType),
  helmCharts: listOf(helmChartType),
  helmChartInflationGenerator: listOf(helmChartArgsType),
  helmGlobals: helmGlobalsType,
  generatorOptions: generatorOptionsType,
  vars: listOf(varType),
  images: listOf(imageType),
  imageTags: listOf(imageType),
  replacements: listOf(replacementFieldType),
  replicas: listOf(replicaType),
  configurations: listOf(goString),
  generators: listOf(goString),
  transformers: listOf(goString),
  validators: listOf(goString),
  components: listOf(goString),
  openapi: mapOf(goString),
  buildMetadata: listOf(goString),
});

export type { GoType };
