/**
 * The kustomization file, as kustomize v5.6.0's `types.Kustomization` defines it (spec §1.2–1.3).
 * Field names are the JSON names. The Go-type tables in schema.ts drive decoding; these interfaces type
 * the result.
 */

export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface Patch {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: Record<string, boolean>;
}

export interface Label {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

export interface Image {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

export interface Replica {
  name?: string;
  count?: number;
}

export interface FieldOptions {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}

export interface SourceSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  fieldPath?: string;
  options?: FieldOptions;
}

export interface TargetSelector {
  select?: Selector;
  reject?: Selector[];
  fieldPaths?: string[];
  options?: FieldOptions;
}

export interface ReplacementField {
  source?: SourceSelector;
  targets?: TargetSelector[];
  /** A literal value instead of `source` (kustomize v5.7.0+). */
  sourceValue?: string;
  path?: string;
}

export interface Var {
  name?: string;
  objref?: {
    apiVersion?: string;
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    namespace?: string;
  };
  fieldref?: { fieldPath?: string };
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  namespace?: string;
  name?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptions;
}

export interface SecretArgs extends GeneratorArgs {
  type?: string;
}

export interface SortOptions {
  order?: string;
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

export interface HelmGlobals {
  chartHome?: string;
  configHome?: string;
}

export interface HelmChart {
  name?: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  additionalValuesFiles?: string[];
  valuesFile?: string;
  valuesInline?: Record<string, unknown>;
  valuesMerge?: string;
  includeCRDs?: boolean;
  skipHooks?: boolean;
  apiVersions?: string[];
  kubeVersion?: string;
  nameTemplate?: string;
  skipTests?: boolean;
  debug?: boolean;
}

/** A decoded kustomization file (Kustomization or Component). */
export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  openapi?: Record<string, string>;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: Label[];
  commonAnnotations?: Record<string, string>;
  patchesStrategicMerge?: string[];
  patchesJson6902?: Patch[];
  patches?: Patch[];
  images?: Image[];
  imageTags?: Image[];
  replacements?: ReplacementField[];
  replicas?: Replica[];
  vars?: Var[];
  sortOptions?: SortOptions;
  resources?: string[];
  components?: string[];
  crds?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: SecretArgs[];
  helmGlobals?: HelmGlobals;
  helmCharts?: HelmChart[];
  helmChartInflationGenerator?: Record<string, unknown>[];
  generatorOptions?: GeneratorOptions;
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  validators?: string[];
  buildMetadata?: string[];
}
