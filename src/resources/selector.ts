/**
 * Selecting resources the way kustomize's `ResMap.Select` does (patch targets, builtin plugin
 * selectors): group, version, kind, name and namespace are anchored Go regular expressions; name and
 * namespace match the original or the current id; label and annotation selectors use Kubernetes syntax.
 */
import { compileGoRegexp } from '../util/go-regexp.js';
import { matchesLabelSelector } from './label-selector.js';
import { effectiveNamespace } from './res-id.js';
import type { Resource } from './resource.js';
import { isMap } from '../yaml/values.js';

/** kustomize's `types.Selector`. Empty fields match anything. */
export interface ResourceSelector {
  group?: string | undefined;
  version?: string | undefined;
  kind?: string | undefined;
  name?: string | undefined;
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  annotationSelector?: string | undefined;
}

/** `metadata.labels` or `metadata.annotations` as a string map (values as their text). */
export function metaStringMap(r: Resource, key: 'labels' | 'annotations'): Record<string, string> {
  const out: Record<string, string> = {};
  const m = r.metaMap(key);
  if (!m || !isMap(m)) return out;
  for (const k of Object.keys(m)) {
    const v = m[k];
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
    Object.defineProperty(out, k, { value: s, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Whether the resource's labels and annotations match the selector's label/annotation selectors. */
export function matchesMetaSelectors(r: Resource, s: { labelSelector?: string | undefined; annotationSelector?: string | undefined }): boolean {
  if (s.labelSelector && !matchesLabelSelector(s.labelSelector, metaStringMap(r, 'labels'))) return false;
  if (s.annotationSelector && !matchesLabelSelector(s.annotationSelector, metaStringMap(r, 'annotations'))) return false;
  return true;
}

function anchored(p: string | undefined): RegExp | undefined {
  return p ? compileGoRegexp(`^(?:${p})$`) : undefined;
}

/**
 * The resources the selector picks, in order. Throws GoRegexpError for a bad pattern and
 * LabelSelectorError for a bad label/annotation selector.
 */
export function selectResources(resources: Iterable<Resource>, s: ResourceSelector): Resource[] {
  const g = anchored(s.group);
  const v = anchored(s.version);
  const k = anchored(s.kind);
  const n = anchored(s.name);
  const ns = anchored(s.namespace);
  const out: Resource[] = [];
  for (const r of resources) {
    const cur = r.id();
    const org = r.originalId();
    if (ns && !ns.test(effectiveNamespace(org, r.scope)) && !ns.test(effectiveNamespace(cur, r.scope))) continue;
    if (n && !n.test(org.name) && !n.test(cur.name)) continue;
    if (g && !g.test(cur.group)) continue;
    if (v && !v.test(cur.version)) continue;
    if (k && !k.test(cur.kind)) continue;
    if (!matchesMetaSelectors(r, s)) continue;
    out.push(r);
  }
  return out;
}
