/**
 * The OpenAPI knowledge kustomize uses: which kinds are cluster-scoped, and for strategic merge, the
 * schema of each resource type (patch strategies and merge keys of its lists).
 */
import type { Gvk } from '../resources/res-id.js';

/** One node of a resource type's schema, followed field by field (kyaml's ResourceSchema). */
export interface SchemaNode {
  /** Schema of the map field `name` (a property, else `additionalProperties`), `$ref`s resolved. */
  field(name: string): SchemaNode | undefined;
  /** Schema of a list's elements (only for `type: array`), `$ref`s resolved. */
  elements(): SchemaNode | undefined;
  /** `x-kubernetes-patch-strategy` as written (e.g. `merge,retainKeys`); '' when absent. */
  readonly patchStrategy: string;
  /**
   * Merge keys when there is a patch strategy: `x-kubernetes-list-map-keys`, else
   * `[x-kubernetes-patch-merge-key]`, else empty (kyaml's PatchStrategyAndKeyList).
   */
  readonly mergeKeys: readonly string[];
}

/** A schema for a whole build (the builtin Kubernetes 1.21.2 one, or the `openapi:` one). */
export interface OpenApiSchema {
  /** Schema of a resource type (exact apiVersion and kind), or undefined when the schema does not know it. */
  lookup(apiVersion: string, kind: string): SchemaNode | undefined;
  /** Whether a kind is cluster-scoped (unknown kinds are namespaced). A stable function (safe to pass around). */
  readonly isClusterScoped: (gvk: Gvk) => boolean;
}
