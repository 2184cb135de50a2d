/**
 * The OpenAPI knowledge kustomize uses: which kinds are cluster-scoped, and for strategic merge, the
 * schema of each resource type (patch strategies and merge keys of its lists).
 */
import type { Gvk } from '../resources/res-id.js';

/** One node of a resource type's schema, followed field by field. */
export interface SchemaNode {
  /** Schema of the map field `name`, if known. */
  property(name: string): SchemaNode | undefined;
  /** Schema of a list's elements, or of a map's values (`additionalProperties`). */
  elements(): SchemaNode | undefined;
  /** `x-kubernetes-patch-strategy` split on commas (e.g. `['merge', 'retainKeys']`); empty when absent. */
  readonly patchStrategy: readonly string[];
  /** `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else empty. */
  readonly mergeKeys: readonly string[];
}

/** A schema for a whole build (the builtin Kubernetes 1.21.2 one, or the `openapi:` one). */
export interface OpenApiSchema {
  /** Schema of a resource type, or undefined when the kind/version is unknown. */
  lookup(gvk: Gvk): SchemaNode | undefined;
  /** Whether a kind is cluster-scoped (unknown kinds are namespaced). */
  isClusterScoped(gvk: Gvk): boolean;
}
