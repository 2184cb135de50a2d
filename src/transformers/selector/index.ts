/**
 * selector: kustomize's patch-target selection (resWrangler.Select with types.SelectorRegex, spec §5.3).
 * group/version/kind/name/namespace are Go regexps anchored as `^(?:re)$`; name and namespace match the
 * original or the current id (namespace as the effective namespace: `default` for none,
 * `_non_namespaceable_` for cluster-scoped kinds); labelSelector/annotationSelector are Kubernetes label
 * selectors over the current labels/annotations. An empty selector selects everything.
 */
import type { Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { getField, isMap, type YamlValue } from '../../yaml/values.js';
import { compileAnchored } from './regex.js';
import { parseLabelSelector, type LabelSelector } from './labels.js';

export { RegexError, compileGoRegexp, compileAnchored } from './regex.js';
export { LabelSelectorError, parseLabelSelector, type LabelSelector } from './labels.js';

/** A patch target (kustomize's types.Selector). Empty strings mean "any". */
export interface TargetSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** kustomize's namespace of cluster-scoped ids. */
export const NON_NAMESPACEABLE = '_non_namespaceable_';

/** A compiled selector. Regexps compile eagerly (errors at selection time, as kustomize); label selectors lazily. */
export class CompiledSelector {
  private readonly group: RegExp | undefined;
  private readonly version: RegExp | undefined;
  private readonly kind: RegExp | undefined;
  private readonly name: RegExp | undefined;
  private readonly namespace: RegExp | undefined;
  private labels: LabelSelector | undefined;
  private annotations: LabelSelector | undefined;

  /** Throws RegexError. */
  constructor(readonly selector: TargetSelector) {
    this.group = compileAnchored(selector.group ?? '');
    this.version = compileAnchored(selector.version ?? '');
    this.kind = compileAnchored(selector.kind ?? '');
    this.name = compileAnchored(selector.name ?? '');
    this.namespace = compileAnchored(selector.namespace ?? '');
  }

  /** Whether the selector selects `r`. Throws LabelSelectorError for a bad label/annotation selector. */
  matches(r: Resource): boolean {
    const cur = r.id();
    const org = r.originalId();
    if (this.namespace) {
      const clusterScoped = r.isClusterScoped();
      const eff = (ns: string): string => (clusterScoped ? NON_NAMESPACEABLE : ns === '' ? 'default' : ns);
      if (!this.namespace.test(eff(org.namespace)) && !this.namespace.test(eff(cur.namespace))) return false;
    }
    if (this.name && !this.name.test(org.name) && !this.name.test(cur.name)) return false;
    if (this.group && !this.group.test(cur.group)) return false;
    if (this.version && !this.version.test(cur.version)) return false;
    if (this.kind && !this.kind.test(cur.kind)) return false;
    if (!(this.labels ??= parseLabelSelector(this.selector.labelSelector ?? '')).matches(metaStrings(r, 'labels'))) return false;
    if (!(this.annotations ??= parseLabelSelector(this.selector.annotationSelector ?? '')).matches(metaStrings(r, 'annotations'))) {
      return false;
    }
    return true;
  }
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

/** The resources `selector` selects, in resource order. Throws RegexError / LabelSelectorError. */
export function selectResources(resources: ResourceList | readonly Resource[], selector: TargetSelector): Resource[] {
  const sel = new CompiledSelector(selector);
  const items = Array.isArray(resources) ? resources : (resources as ResourceList).items;
  return items.filter((r) => Object.keys(r.data).length > 0 && sel.matches(r));
}
