/**
 * kustomize v5.6.0's builtin schema (Kubernetes 1.21.2), from the generated table. Built once per process,
 * on first use.
 */
import type { Gvk } from '../resources/res-id.js';
import { definitions, resources } from './openapi-v1.21.2.generated.js';
import { typeKey, type NRef } from './normalize.js';
import { SchemaRegistry } from './registry.js';
import type { OpenApiSchema } from './types.js';

/** The only builtin schema version of kustomize v5.6.0. */
export const BUILTIN_VERSION = 'v1.21.2';

let registry: SchemaRegistry | undefined;
/** Scopes by kind, group, version (nested: no key strings to build on the hot path). */
let scopes: Map<string, Map<string, Map<string, boolean>>> | undefined;

/** The builtin definitions and resource-type index. */
export function builtinRegistry(): SchemaRegistry {
  if (!registry) {
    const defs = new Map<string, NRef>(Object.entries(definitions));
    const byType = new Map<string, NRef>();
    for (const [apiVersion, kind, def] of resources) if (def !== '') byType.set(typeKey(apiVersion, kind), def);
    registry = new SchemaRegistry(defs, byType);
  }
  return registry;
}

/**
 * kyaml's precomputed scope table (it equals the builtin schema's): `true` = namespaced, `false` =
 * cluster-scoped; types not in it are undefined. kyaml consults it before any custom schema.
 */
export function precomputedNamespaced(gvk: Gvk): boolean | undefined {
  if (!scopes) {
    scopes = new Map();
    for (const [apiVersion, kind, , scope] of resources) {
      if (scope === 0) continue;
      const i = apiVersion.indexOf('/');
      const group = i < 0 ? '' : apiVersion.slice(0, i);
      const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
      const byGroup = scopes.get(kind) ?? new Map<string, Map<string, boolean>>();
      scopes.set(kind, byGroup);
      const byVersion = byGroup.get(group) ?? new Map<string, boolean>();
      byGroup.set(group, byVersion);
      byVersion.set(version, scope === 1);
    }
  }
  return scopes.get(gvk.kind)?.get(gvk.group)?.get(gvk.version);
}

/** The builtin schema alone (no build state): lookups in the 1.21.2 table, scopes from it. */
export const builtinSchema: OpenApiSchema = {
  lookup: (apiVersion, kind) => builtinRegistry().lookup(apiVersion, kind),
  isClusterScoped: (gvk) => precomputedNamespaced(gvk) === false,
};
