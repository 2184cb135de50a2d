/**
 * What the name-reference fix-up knows about each resource, computed once per build (previous ids,
 * current and original effective namespaces, prefix/suffix history), and the indexes it looks candidates
 * up in: by previous name and by original namespace. Nothing the fix-up writes changes these (it only
 * writes referrer fields), so they stay valid for the whole pass.
 */
import { BuildError } from '../../diagnostics/error.js';
import { effectiveNamespace, idString, NOT_A_NAMESPACE, type Gvk, type ResId } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import { getField, isMap } from '../../yaml/values.js';

/** One resource as the fix-up sees it. */
export interface RefInfo {
  readonly r: Resource;
  /** Position in the resource list (candidate lists keep this order). */
  readonly index: number;
  readonly cur: ResId;
  readonly curClusterScoped: boolean;
  /** Current effective namespace (`_non_namespaceable_` for cluster-scoped kinds). */
  readonly curNs: string;
  /** Original effective namespace (of the first previous id, else of the current id). */
  readonly orgNs: string;
  readonly orgId: ResId;
  readonly prevIds: readonly ResId[];
  readonly prefixes: readonly string[];
  readonly suffixes: readonly string[];
}

/** The fix-up's view of all resources. */
export class RefIndex {
  readonly infos: RefInfo[];
  /** Resources by each distinct previous name (only renamed resources can be referral targets). */
  private readonly byPrevName = new Map<string, RefInfo[]>();
  /** Resources by original effective namespace (cluster-scoped ones excluded, as kustomize's grouping does). */
  private readonly byOrgNs = new Map<string, RefInfo[]>();
  private readonly byCurNs = new Map<string, RefInfo[]>();
  /** Resources by the kind of their original id (referrer specs almost always name a kind). */
  private readonly byOrgKind = new Map<string, RefInfo[]>();

  constructor(resources: readonly Resource[]) {
    this.infos = resources.map((r, index) => {
      const cur = r.id();
      const curClusterScoped = r.scope(cur);
      const prevIds = r.prevIds();
      const orgId = prevIds[0] ?? cur;
      const info: RefInfo = {
        r,
        index,
        cur,
        curClusterScoped,
        curNs: effectiveNamespace(cur, r.scope),
        orgNs: effectiveNamespace(orgId, r.scope),
        orgId,
        prevIds,
        prefixes: r.prefixes,
        suffixes: r.suffixes,
      };
      return info;
    });
    for (const info of this.infos) {
      const seen = new Set<string>();
      for (const p of info.prevIds) {
        if (seen.has(p.name)) continue;
        seen.add(p.name);
        push(this.byPrevName, p.name, info);
      }
      push(this.byOrgKind, info.orgId.kind, info);
      if (info.orgNs !== NOT_A_NAMESPACE) push(this.byOrgNs, info.orgNs, info);
      if (info.curNs !== NOT_A_NAMESPACE) push(this.byCurNs, info.curNs, info);
    }
  }

  /** Resources that have a previous id named `name`, in list order. */
  withPreviousName(name: string): readonly RefInfo[] {
    return this.byPrevName.get(name) ?? [];
  }

  /** Resources whose original id has kind `kind` (all of them when `kind` is empty), in list order. */
  withOriginalKind(kind: string | undefined): readonly RefInfo[] {
    if (!kind) return this.infos;
    return this.byOrgKind.get(kind) ?? [];
  }

  /** Resources whose original effective namespace is `ns`, in list order. */
  inOriginalNamespace(ns: string): readonly RefInfo[] {
    return this.byOrgNs.get(ns) ?? [];
  }

  /** Resources whose current effective namespace is `ns`, in list order. */
  inCurrentNamespace(ns: string): readonly RefInfo[] {
    return this.byCurNs.get(ns) ?? [];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * The resources a referrer may refer to (kustomize's SubsetThatCouldBeReferencedByResource), as a
 * predicate: everything for a cluster-scoped referrer; otherwise cluster-scoped resources, those in the
 * referrer's namespace and, for a RoleBinding, those in a namespace a ServiceAccount subject names.
 */
export function referralSubset(referrer: RefInfo): (c: RefInfo) => boolean {
  if (referrer.curClusterScoped) return () => true;
  const rbNamespaces = roleBindingNamespaces(referrer);
  return (c) => c.curClusterScoped || c.curNs === referrer.curNs || rbNamespaces.has(c.r.namespace);
}

/** kustomize's getNamespacesForRoleBinding: the namespaces of a RoleBinding's ServiceAccount subjects. */
function roleBindingNamespaces(info: RefInfo): ReadonlySet<string> {
  const out = new Set<string>();
  const r = info.r;
  if (r.kind !== 'RoleBinding') return out;
  const subjects = getField(r.data, 'subjects');
  if (!Array.isArray(subjects)) return out;
  for (const s of subjects) {
    if (!isMap(s)) {
      // kustomize type-asserts each subject to a map and panics otherwise.
      throw new BuildError('transformer/failed', `invalid subject in ${idString(info.cur)}: expected a map`, {
        file: r.origin.file,
        range: r.origin.range,
      });
    }
    const ns = getField(s, 'namespace');
    const kind = getField(s, 'kind');
    if (ns === undefined || kind === undefined) continue;
    if (typeof kind !== 'string') {
      throw new BuildError('transformer/failed', `invalid subject kind in ${idString(info.cur)}: expected a string`, {
        file: r.origin.file,
        range: r.origin.range,
      });
    }
    if (kind !== 'ServiceAccount') continue;
    if (typeof ns !== 'string') {
      throw new BuildError(
        'transformer/failed',
        `Invalid Input: namespace is blank for resource "${idString(info.cur)}"\n`,
        {
          file: r.origin.file,
          range: r.origin.range,
        },
      );
    }
    out.add(ns);
  }
  return out;
}

/** kustomize's Gvk.IsSelected. */
export function gvkIsSelected(x: Gvk, selector: Partial<Gvk>): boolean {
  if (selector.group && selector.group !== x.group) return false;
  if (selector.version && selector.version !== x.version) return false;
  if (selector.kind && selector.kind !== x.kind) return false;
  return true;
}
