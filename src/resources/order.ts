/**
 * kustomize's resource order (spec §11.1): the "legacy" kind ranks and the GVK/namespace/name comparison,
 * also used to sort transformer config tables.
 */
import type { Gvk, ResId } from './res-id.js';

export const defaultOrderFirst: readonly string[] = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
export const defaultOrderLast: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** Kind ranks: orderFirst → −N…−1, orderLast → 1…M, others 0. */
export function kindRanks(orderFirst: readonly string[], orderLast: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  orderFirst.forEach((k, i) => m.set(k, -orderFirst.length + i));
  orderLast.forEach((k, i) => m.set(k, 1 + i));
  return m;
}

const defaultRanks = kindRanks(defaultOrderFirst, defaultOrderLast);

function gvkSortString(g: Gvk): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kustomize's Gvk.IsLessThan as a comparator, with the given kind ranks. */
export function compareGvkForSort(a: Gvk, b: Gvk, ranks: Map<string, number> = defaultRanks): number {
  const ra = ranks.get(a.kind) ?? 0;
  const rb = ranks.get(b.kind) ?? 0;
  if (ra !== rb) return ra - rb;
  return cmpStr(gvkSortString(a), gvkSortString(b));
}

/** The legacy resource order comparator over current ids. */
export function compareIdsLegacy(a: ResId, b: ResId, ranks: Map<string, number> = defaultRanks): number {
  if (a.kind !== b.kind || a.group !== b.group || a.version !== b.version) {
    const ra = ranks.get(a.kind) ?? 0;
    const rb = ranks.get(b.kind) ?? 0;
    if (ra !== rb) return ra - rb;
    // Namespace objects: the comparison is reversed when either group is empty (kustomize quirk).
    const c = cmpStr(gvkSortString(a), gvkSortString(b));
    if (a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '')) return -c;
    return c;
  }
  const ka = `${a.namespace || '~X'}|${a.name || '~N'}`;
  const kb = `${b.namespace || '~X'}|${b.name || '~N'}`;
  return cmpStr(ka, kb);
}
