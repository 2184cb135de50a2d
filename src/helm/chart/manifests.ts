/**
 * Rendered files to manifests and hooks, as Helm's releaseutil does it: each file split on `---` lines,
 * empty documents dropped, the head (`apiVersion`, `kind`, `metadata.name`, `metadata.annotations`) read
 * with sigs.k8s.io/yaml (a YAML error is Helm's `YAML parse error on FILE: ...`), hook documents
 * (`helm.sh/hook`) set apart, both sorted by kind in Helm's install order (stable).
 */
import { GoYamlError, jsonTypeName, unmarshalYaml } from './go-yaml.js';
import { isTable, type HelmValue } from './values-model.js';

/** A rendered manifest (one YAML document) and the template it came from. */
export interface Manifest {
  /** The template path, e.g. `mychart/templates/deployment.yaml`. */
  sourcePath: string;
  /** The document, trimmed, without the `---` separator. */
  text: string;
  apiVersion: string;
  kind: string;
  name: string;
  /** Set for hooks (`helm.sh/hook` annotation). */
  hook?: HookInfo;
}

/** What the `helm.sh/hook*` annotations of a hook say. */
export interface HookInfo {
  /** Lower-case events (`pre-install`, `test`...). */
  events: string[];
  weight: number;
  deletePolicies: string[];
}

/** Helm's InstallOrder (releaseutil.InstallOrder). */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const HOOK_EVENTS = new Set([
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
]);

/** A rendered file Helm cannot read as YAML. */
export class ManifestError extends Error {}

/** Helm's SplitManifests: the documents of a stream, trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .filter((d) => d !== '')
    .map((d) => d.trim());
}

/** Helm's SortManifests: manifests and hooks of the rendered files, each sorted by kind. */
export function sortManifests(files: ReadonlyMap<string, string>): { manifests: Manifest[]; hooks: Manifest[] } {
  const manifests: Manifest[] = [];
  const hooks: Manifest[] = [];
  for (const path of [...files.keys()].sort(byteOrder)) {
    const content = files.get(path) as string;
    if ((path.split('/').pop() as string).startsWith('_') || content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const m = readHead(path, doc);
      if (m === undefined) continue;
      if (m.hook) hooks.push(m);
      else manifests.push(m);
    }
  }
  return { manifests: sortByKind(manifests), hooks: sortByKind(hooks) };
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads a document's head; undefined for a hook with an unknown event (Helm skips it). */
function readHead(path: string, doc: string): Manifest | undefined {
  let head: HelmValue | undefined;
  try {
    head = unmarshalYaml(doc);
  } catch (e) {
    if (e instanceof GoYamlError) throw new ManifestError(`YAML parse error on ${path}: ${e.message}`);
    throw e;
  }
  const h = isTable(head) ? head : {};
  if (head !== undefined && head !== null && !isTable(head)) {
    throw new ManifestError(
      `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeName(head)} into Go value of type releaseutil.SimpleHead`,
    );
  }
  const md = h.metadata;
  const meta = isTable(md) ? md : {};
  const annotations = isTable(meta.annotations) ? meta.annotations : {};
  const field = (v: HelmValue | undefined, name: string, struct = 'SimpleHead'): string => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      throw new ManifestError(
        `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeName(v)} into Go struct field ${struct}.${name} of type string`,
      );
    }
    return v;
  };
  const m: Manifest = {
    sourcePath: path,
    text: doc,
    apiVersion: field(h.apiVersion, 'apiVersion'),
    kind: field(h.kind, 'kind'),
    name: field(meta.name, 'metadata.name'),
  };
  for (const k of Object.keys(annotations)) field(annotations[k], `metadata.annotations`);
  const hookTypes = annotations['helm.sh/hook'];
  if (typeof hookTypes !== 'string') return m;
  const events: string[] = [];
  for (const t of hookTypes.split(',')) {
    const e = t.trim().toLowerCase();
    const ev = e === 'test-success' ? 'test' : e;
    if (!HOOK_EVENTS.has(ev)) return undefined;
    events.push(ev);
  }
  const w = annotations['helm.sh/hook-weight'];
  const weight = typeof w === 'string' && /^[+-]?[0-9]+$/.test(w) ? Number(w) : 0;
  const policies = annotations['helm.sh/hook-delete-policy'];
  const deletePolicies = typeof policies === 'string' ? policies.split(',').map((p) => p.trim().toLowerCase()) : [];
  m.hook = { events, weight, deletePolicies };
  return m;
}

/** Stable sort by Helm's install order; unknown kinds after known ones, alphabetically. */
export function sortByKind<T extends { kind: string }>(items: T[]): T[] {
  const order = new Map(INSTALL_ORDER.map((k, i) => [k, i]));
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const d = kindLess(a.item.kind, b.item.kind, order) ? -1 : kindLess(b.item.kind, a.item.kind, order) ? 1 : 0;
      return d !== 0 ? d : a.i - b.i;
    })
    .map((x) => x.item);
}

function kindLess(a: string, b: string, order: Map<string, number>): boolean {
  const first = order.get(a);
  const second = order.get(b);
  if (first === undefined && second === undefined) return a !== b && a < b;
  if (first === undefined) return false;
  if (second === undefined) return true;
  return first < second;
}
