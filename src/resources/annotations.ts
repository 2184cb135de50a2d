/** Annotations kustomize itself reads on resources, below the engine (transformers see them too). */

/** Marks an object helm rendered: the namespace transformer leaves it alone (kustomize v5.8.0+). */
export const HELM_GENERATED_ANNOTATION = 'internal.config.kubernetes.io/helm-generated';
