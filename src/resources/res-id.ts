import { clusterScopedKinds } from './cluster-scoped.generated.js';

/** Group, version and kind. `group` is "" for the core group. */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A resource identity: group, version, kind, name and namespace. `namespace` is as written ("" when absent). */
export interface ResId extends Gvk {
  readonly name: string;
  readonly namespace: string;
  /**
   * Overrides the scope resolver: kustomize's previous ids are never cluster-scoped (their namespace is
   * the recorded effective namespace, `_non_namespaceable_` for cluster-scoped kinds).
   */
  readonly clusterScoped?: boolean;
}

/** Splits an apiVersion at its first `/`: `apps/v1` → apps, v1; `v1` → "", v1. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  if (i < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(gvk: Gvk): string {
  return gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
}

/** Decides whether a kind is cluster-scoped. Replaced for a build when `openapi.path` supplies a schema. */
export type ScopeResolver = (gvk: Gvk) => boolean;

/** kustomize v5.6.0's default: the cluster-scoped kinds of its Kubernetes 1.21.2 schema. */
export const defaultScope: ScopeResolver = (gvk) => clusterScopedKinds.has(`${apiVersionOf(gvk)}/${gvk.kind}`);

/** kustomize's effective namespace of cluster-scoped ids (resid.TotallyNotANamespace). */
export const NOT_A_NAMESPACE = '_non_namespaceable_';

/** The namespace used when comparing ids (kustomize's EffectiveNamespace): `_non_namespaceable_` for cluster-scoped kinds, `default` for "". */
export function effectiveNamespace(id: ResId, isClusterScoped: ScopeResolver = defaultScope): string {
  if (id.clusterScoped ?? isClusterScoped(id)) return NOT_A_NAMESPACE;
  return id.namespace === '' ? 'default' : id.namespace;
}

/** Equality of ids as kustomize defines it (GVK, name and effective namespace). */
export function idsEqual(a: ResId, b: ResId, isClusterScoped: ScopeResolver = defaultScope): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.group === b.group &&
    a.version === b.version &&
    effectiveNamespace(a, isClusterScoped) === effectiveNamespace(b, isClusterScoped)
  );
}

/** A string key with the same equality as {@link idsEqual}. */
export function idKey(id: ResId, isClusterScoped: ScopeResolver = defaultScope): string {
  return `${id.group}|${id.version}|${id.kind}|${effectiveNamespace(id, isClusterScoped)}|${id.name}`;
}

/** kustomize's printed form of an id: `Kind.Version.Group/Name.Namespace` with `[noX]` for empty parts. */
export function idString(id: Partial<ResId>): string {
  const part = (v: string | undefined, none: string): string => (v ? v : none);
  return (
    `${part(id.kind, '[noKind]')}.${part(id.version, '[noVer]')}.${part(id.group, '[noGrp]')}` +
    `/${part(id.name, '[noName]')}.${part(id.namespace, '[noNs]')}`
  );
}

/** kustomize's printed form of a GVK: `Kind.Version.Group`. */
export function gvkString(gvk: Partial<Gvk>): string {
  return `${gvk.kind || '[noKind]'}.${gvk.version || '[noVer]'}.${gvk.group || '[noGrp]'}`;
}

/**
 * Whether the selector GVK `sel` selects `gvk`: each non-empty part of `sel` must equal the same part of
 * `gvk` (kustomize's Gvk.IsSelected).
 */
export function gvkSelects(sel: Partial<Gvk>, gvk: Gvk): boolean {
  if (sel.group && sel.group !== gvk.group) return false;
  if (sel.version && sel.version !== gvk.version) return false;
  if (sel.kind && sel.kind !== gvk.kind) return false;
  return true;
}
