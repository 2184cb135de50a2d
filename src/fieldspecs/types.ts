/** A field location for a transformer: a GVK filter (empty parts match anything) and a `/`-separated path. */
export interface FieldSpec {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly path: string;
  /** Create missing fields along the path (default false). */
  readonly create?: boolean;
}

/** One `nameReference` entry: objects of kind `kind` (the referral target) are named from `fieldSpecs`. */
export interface NameBackReferences {
  readonly group?: string;
  readonly version?: string;
  readonly kind: string;
  readonly fieldSpecs: readonly FieldSpec[];
}

/**
 * The field-spec tables transformers use (kustomize's TransformerConfig): defaults, merged with
 * `configurations:` files, `crds:` and the tables of sub-kustomizations.
 */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  nameSpace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  labels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackReferences[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

/** The keys of a `configurations:` file, mapped to the TransformerConfig field they feed. */
export const configFileKeys = {
  namePrefix: 'namePrefix',
  nameSuffix: 'nameSuffix',
  namespace: 'nameSpace',
  commonLabels: 'commonLabels',
  templateLabels: 'templateLabels',
  labels: 'labels',
  commonAnnotations: 'commonAnnotations',
  nameReference: 'nameReference',
  varReference: 'varReference',
  images: 'images',
  replicas: 'replicas',
} as const satisfies Record<string, keyof TransformerConfig>;
