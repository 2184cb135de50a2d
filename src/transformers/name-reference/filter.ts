/**
 * Fixing one name reference field of one referrer (kustomize's api/filters/nameref, spec §6.1): the field
 * (a scalar name, a `{name, namespace}` mapping, or a sequence of either) names an object by an old name;
 * the candidates are narrowed down to the one object that had that name, and the field is rewritten with
 * its current name (and namespace, for mappings).
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { scalarText, untaggedScalar, visitFieldSpec } from '../../fieldspecs/traverse.js';
import { idString, NOT_A_NAMESPACE, type Gvk } from '../../resources/res-id.js';
import { emitDocument } from '../../yaml/emit.js';
import { getField, hasField, isMap, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { gvkIsSelected, type RefIndex, type RefInfo } from './candidates.js';

/** One field to fix in one referrer: the referrer field spec and the GVK of the objects it names. */
export interface NameRefFilter {
  readonly fieldSpec: FieldSpec;
  readonly target: Partial<Gvk>;
}

/** Everything one referrer's filters share. */
export interface ReferrerContext {
  readonly index: RefIndex;
  readonly referrer: RefInfo;
  /** Whether a resource is in the referrer's candidate subset. */
  readonly inSubset: (c: RefInfo) => boolean;
}

/** kustomize's utils.SameEndingSubSlice. */
function sameEndingSubSlice(a: readonly string[], b: readonly string[]): boolean {
  let shortest = a;
  let longest = b;
  if (shortest.length > longest.length) [shortest, longest] = [longest, shortest];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  for (let i = shortest.length - 1; i >= 0; i--) {
    if (longest[i + diff] !== shortest[i]) return false;
  }
  return true;
}

/** kustomize's Resource.PrefixesSuffixesEquals (candidate `c` against the referrer `o`). */
function prefixesSuffixesEqual(c: RefInfo, o: RefInfo, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    const eitherPrefixEmpty = c.prefixes.length === 0 || o.prefixes.length === 0;
    const eitherSuffixEmpty = c.suffixes.length === 0 || o.suffixes.length === 0;
    return (
      (eitherPrefixEmpty || sameEndingSubSlice(c.prefixes, o.prefixes)) &&
      (eitherSuffixEmpty || sameEndingSubSlice(c.suffixes, o.suffixes))
    );
  }
  return sameEndingSubSlice(c.prefixes, o.prefixes) && sameEndingSubSlice(c.suffixes, o.suffixes);
}

/** The GVK a RoleBinding's `roleRef` names, or undefined when `roleRef`, its `apiGroup` or `kind` is missing. */
function roleRefGvk(r: YamlMap): Partial<Gvk> | undefined {
  const roleRef = getField(r, 'roleRef');
  if (!isMap(roleRef)) return undefined;
  const apiGroup = getField(roleRef, 'apiGroup');
  const kind = getField(roleRef, 'kind');
  if (apiGroup === undefined || apiGroup === null || kind === undefined || kind === null) return undefined;
  return { group: scalarText(apiGroup), kind: scalarText(kind) };
}

type Identical = (cs: readonly RefInfo[]) => boolean;

const allNamesTheSame: Identical = (cs) => cs.every((c) => c.r.name === (cs[0] as RefInfo).r.name);
const allNamesAndNamespacesTheSame: Identical = (cs) =>
  cs.every((c) => c.r.name === (cs[0] as RefInfo).r.name && c.r.namespace === (cs[0] as RefInfo).r.namespace);

function yamlOf(info: RefInfo): string {
  const obj = info.r.withBuildAnnotations();
  try {
    return emitDocument(obj);
  } catch {
    return JSON.stringify(obj);
  }
}

/**
 * kustomize's selectReferral: narrows `candidates` (already restricted to resources with a previous id
 * named `oldName`, in list order) to the one referral, or undefined when there is none.
 */
function selectReferral(
  ctx: ReferrerContext,
  f: NameRefFilter,
  candidates: readonly RefInfo[],
  identical: Identical,
): RefInfo | undefined {
  const referrer = ctx.referrer;
  let cs = candidates.filter((c) => c.prevIds.some((p) => gvkIsSelected(p, f.target)));
  if (f.fieldSpec.path.endsWith('roleRef/name')) {
    const gvk = roleRefGvk(referrer.r.data);
    if (gvk) cs = cs.filter((c) => c.prevIds.some((p) => gvkIsSelected(p, gvk)));
  }
  if (!referrer.curClusterScoped) {
    cs = cs.filter((c) => c.curClusterScoped || c.r.kind === 'ServiceAccount' || c.curNs === referrer.curNs);
  }
  if (cs.length === 1) return cs[0];
  cs = cs.filter((c) => prefixesSuffixesEqual(c, referrer, true));
  if (cs.length > 1) cs = cs.filter((c) => prefixesSuffixesEqual(c, referrer, false));
  if (cs.length === 1) return cs[0];
  if (cs.length === 0) return undefined;
  if (identical(cs)) return cs[0];
  const ids = cs.map((c) => idString(c.cur)).join(', ');
  let details = `\n**** Too many possible referral targets to referrer:\n${yamlOf(referrer)}\n`;
  cs.forEach((c, i) => {
    details += `--- possible referral ${i}:\n${yamlOf(c)}\n`;
  });
  throw new BuildError('nameref/ambiguous', `found multiple possible referrals: ${ids}\n${details}`, {
    file: referrer.r.origin.file,
    range: referrer.r.origin.range,
  });
}

/** Candidates named `oldName` among `pool` (or the whole subset), in list order. */
function named(ctx: ReferrerContext, oldName: string, pool?: (c: RefInfo) => boolean): RefInfo[] {
  return ctx.index.withPreviousName(oldName).filter((c) => ctx.inSubset(c) && (pool === undefined || pool(c)));
}

/** A scalar reference: the value is the old name. */
function fixScalar(ctx: ReferrerContext, f: NameRefFilter, value: YamlValue, set: (v: YamlValue) => void): void {
  const oldName = scalarText(value);
  const referral = selectReferral(ctx, f, named(ctx, oldName), allNamesTheSame);
  if (!referral) return;
  const name = referral.r.name;
  if (name === oldName) return;
  set(untaggedScalar(value, name));
}

/** kustomize's filterMapCandidatesByNamespace, as a pool predicate (undefined = the whole subset). */
function namespacePool(ctx: ReferrerContext, node: YamlMap): ((c: RefInfo) => boolean) | undefined | 'none' {
  if (!hasField(node, 'namespace')) return undefined;
  const ns = scalarText(getField(node, 'namespace') as YamlValue);
  if (ns !== NOT_A_NAMESPACE && ctx.index.inOriginalNamespace(ns).some(ctx.inSubset)) return (c) => c.orgNs === ns;
  if (ns === NOT_A_NAMESPACE) return 'none';
  return (c) => c.curNs === ns;
}

/** A mapping reference (`{name, namespace}`): name and, when the referral has one, namespace are written. */
function fixMapping(ctx: ReferrerContext, f: NameRefFilter, node: YamlMap): void {
  if (!hasField(node, 'name')) throw new BuildError('nameref/invalid', "path config error; no 'name' field in node");
  const pool = namespacePool(ctx, node);
  const oldValue = getField(node, 'name') as YamlValue;
  const oldName = scalarText(oldValue);
  const candidates = pool === 'none' ? [] : named(ctx, oldName, pool);
  const referral = selectReferral(ctx, f, candidates, allNamesAndNamespacesTheSame);
  if (!referral) return;
  const name = referral.r.name;
  const namespace = referral.r.namespace;
  if (name === oldName && namespace === '') return;
  setField(node, 'name', untaggedScalar(oldValue, name));
  if (namespace === '') return;
  // A new field is written as a (quoted-if-needed) string; an existing one keeps its style.
  const cur = getField(node, 'namespace');
  setField(node, 'namespace', cur === undefined ? namespace : untaggedScalar(cur, namespace));
}

function kindOf(v: YamlValue): string {
  return Array.isArray(v) ? 'SequenceNode' : isMap(v) ? 'MappingNode' : 'ScalarNode';
}

/** Applies one filter to its referrer. */
export function applyNameRefFilter(ctx: ReferrerContext, f: NameRefFilter): void {
  const r = ctx.referrer.r;
  const describe = (): string => idString(r.id());
  try {
    visitFieldSpec(
      r.data,
      f.fieldSpec,
      undefined,
      (ref) => {
        const v = ref.value;
        if (v === null) return;
        if (Array.isArray(v)) {
          v.forEach((el, i) => {
            if (el === null) return;
            if (Array.isArray(el))
              throw new BuildError(
                'nameref/invalid',
                `${kindOf(el)} is expected to be either a string or a map of string`,
              );
            if (isMap(el)) fixMapping(ctx, f, el);
            else fixScalar(ctx, f, el, (nv) => (v[i] = nv));
          });
        } else if (isMap(v)) fixMapping(ctx, f, v);
        else fixScalar(ctx, f, v, ref.set);
      },
      describe,
    );
  } catch (err) {
    if (err instanceof BuildError)
      throw err.wrap(`updating name reference in '${f.fieldSpec.path}' field of '${describe()}': `);
    throw err;
  }
}
