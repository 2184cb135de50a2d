/**
 * selector: which resources a kustomize `Selector` picks (spec §5.3, §10.1), and the two pattern languages
 * it is made of — Go regexps (regex.ts, also used for image names and replacement paths) and Kubernetes
 * label selectors (labels.ts). One selector, two ways of matching the id fields, as in kustomize v5.6.0:
 *
 * - `regex` (patch targets, plugin target selectors; kustomize's resWrangler.Select): group, version, kind,
 *   name and namespace are Go regexps anchored as `^(?:re)$`; name and namespace match the original or
 *   the current id (namespace as the effective namespace: `default` for none, `_non_namespaceable_` for
 *   cluster-scoped kinds; previous ids are never cluster-scoped), group/version/kind the current one.
 * - `exact` (replacement sources, and replacement targets' `select` and `reject` before kustomize v5.8.0;
 *   resid.IsSelectedBy): each set field equals the same field of one of the resource's ids, current or
 *   previous (with the current apiVersion), with "" and `default` the same namespace and no cluster-scope
 *   knowledge.
 * - `regexIds` (replacement targets' `select` and `reject` from v5.8.0; TargetSelectorRegex): one of the
 *   same ids has every set field matching its anchored Go regexp, the namespace as written (no `default`).
 *
 * Both then require `labelSelector` / `annotationSelector` (over the current labels/annotations). An empty
 * selector selects everything.
 */
import type { Selector } from '../kustomization/types.js';
import { effectiveNamespace, gvkSelects, splitApiVersion, type ResId } from '../resources/res-id.js';
import type { Resource } from '../resources/resource.js';
import { ResourceList } from '../resources/resource-list.js';
import { getField, isMap, type YamlValue } from '../yaml/values.js';
import { compileAnchored } from './regex.js';
import { parseLabelSelector, type LabelSelector } from './labels.js';

export { GoRegexpError, compileGoRegexp, compileAnchored } from './regex.js';
export { LabelSelectorError, parseLabelSelector, type LabelSelector } from './labels.js';
export type { Selector } from '../kustomization/types.js';

/** How a selector's id fields match (see the module comment). */
export type MatchMode = 'regex' | 'exact' | 'regexIds';

/** The parts of a selector that match ids. */
type IdMatcher = (r: Resource) => boolean;

/** A compiled selector. Regexps compile eagerly (errors at selection time, as kustomize); label selectors lazily. */
export class CompiledSelector {
  private readonly ids: IdMatcher;
  private labels: LabelSelector | undefined;
  private annotations: LabelSelector | undefined;

  /** Throws GoRegexpError (regex mode). */
  constructor(
    readonly selector: Selector,
    mode: MatchMode = 'regex',
  ) {
    this.ids =
      mode === 'regex'
        ? regexIdMatcher(selector)
        : mode === 'exact'
          ? exactIdMatcher(selector)
          : regexIdsMatcher(selector);
  }

  /** Whether the id fields (group, version, kind, name, namespace) select `r`. */
  matchesIds(r: Resource): boolean {
    return this.ids(r);
  }

  /** Whether `labelSelector` and `annotationSelector` select `r`. Throws LabelSelectorError for a bad one. */
  matchesMeta(r: Resource): boolean {
    if (!(this.labels ??= parseLabelSelector(this.selector.labelSelector ?? '')).matches(metaStrings(r, 'labels')))
      return false;
    return (this.annotations ??= parseLabelSelector(this.selector.annotationSelector ?? '')).matches(
      metaStrings(r, 'annotations'),
    );
  }

  /**
   * {@link matchesMeta} as kustomize's replacements check it (matchesAnnoAndLabelSelector): both selectors
   * are read every time, the annotation selector first, so a bad one fails even when the other does not match.
   */
  matchesMetaBoth(r: Resource): boolean {
    const annotations = (this.annotations ??= parseLabelSelector(this.selector.annotationSelector ?? '')).matches(
      metaStrings(r, 'annotations'),
    );
    const labels = (this.labels ??= parseLabelSelector(this.selector.labelSelector ?? '')).matches(
      metaStrings(r, 'labels'),
    );
    return annotations && labels;
  }

  /** Whether the selector selects `r`. Throws LabelSelectorError for a bad label/annotation selector. */
  matches(r: Resource): boolean {
    return this.matchesIds(r) && this.matchesMeta(r);
  }
}

function regexIdMatcher(s: Selector): IdMatcher {
  const group = compileAnchored(s.group ?? '');
  const version = compileAnchored(s.version ?? '');
  const kind = compileAnchored(s.kind ?? '');
  const name = compileAnchored(s.name ?? '');
  const namespace = compileAnchored(s.namespace ?? '');
  return (r) => {
    const cur = r.id();
    const org = r.originalId();
    if (
      namespace &&
      !namespace.test(effectiveNamespace(org, r.scope)) &&
      !namespace.test(effectiveNamespace(cur, r.scope))
    ) {
      return false;
    }
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if (group && !group.test(cur.group)) return false;
    if (version && !version.test(cur.version)) return false;
    if (kind && !kind.test(cur.kind)) return false;
    return true;
  };
}

function exactIdMatcher(s: Selector): IdMatcher {
  const gvk = { group: s.group ?? '', version: s.version ?? '', kind: s.kind ?? '' };
  const namespace = s.namespace ? putativeNamespace(s.namespace) : undefined;
  const selects = (id: ResId): boolean =>
    (!s.name || s.name === id.name) &&
    (namespace === undefined || namespace === putativeNamespace(id.namespace)) &&
    gvkSelects(gvk, id);
  return (r) => exactIds(r).some(selects);
}

function regexIdsMatcher(s: Selector): IdMatcher {
  const group = compileAnchored(s.group ?? '');
  const version = compileAnchored(s.version ?? '');
  const kind = compileAnchored(s.kind ?? '');
  const name = compileAnchored(s.name ?? '');
  const namespace = compileAnchored(s.namespace ?? '');
  const selects = (id: ResId): boolean =>
    (!group || group.test(id.group)) &&
    (!version || version.test(id.version)) &&
    (!kind || kind.test(id.kind)) &&
    (!name || name.test(id.name)) &&
    (!namespace || namespace.test(id.namespace));
  return (r) => exactIds(r).some(selects);
}

/** A namespace as kustomize compares ids without knowing their scope: "" is `default`. */
function putativeNamespace(ns: string): string {
  return ns === '' ? 'default' : ns;
}

/** kustomize's MakeResIds: the current id, then the previous ids with the current apiVersion. */
function exactIds(r: Resource): ResId[] {
  const { group, version } = splitApiVersion(r.apiVersion);
  const out: ResId[] = [r.id()];
  for (const p of r.previousIds) out.push({ group, version, kind: p.kind, name: p.name, namespace: p.namespace });
  return out;
}

function text(v: YamlValue | undefined): string {
  if (v === undefined || v === null) return v === null ? 'null' : '';
  if (typeof v === 'object') return '';
  return String(v);
}

/** `metadata.labels` / `metadata.annotations` as kyaml reads them (values as text). */
export function metaStrings(r: Resource, key: 'labels' | 'annotations'): Map<string, string> {
  const out = new Map<string, string>();
  const meta = r.metadata;
  const m = meta ? getField(meta, key) : undefined;
  if (isMap(m)) for (const k of Object.keys(m)) out.set(k, text(m[k]));
  return out;
}

/**
 * The resources `selector` selects, in resource order (resources emptied by a `$patch: delete` are
 * skipped). Throws GoRegexpError / LabelSelectorError.
 */
export function selectResources(
  resources: ResourceList | readonly Resource[],
  selector: Selector,
  mode: MatchMode = 'regex',
): Resource[] {
  const sel = new CompiledSelector(selector, mode);
  const items = resources instanceof ResourceList ? resources.items : resources;
  return items.filter((r) => Object.keys(r.data).length > 0 && sel.matches(r));
}
