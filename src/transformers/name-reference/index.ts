/**
 * name-reference: the name-reference fix-up (kustomize's nameReferenceTransformer, spec §6), run once at
 * the top of a build after hash suffixes. For every `nameReference` entry (a target GVK and the referrer
 * field specs naming it) every resource whose original GVK a referrer spec selects gets a filter; each
 * referrer's fields are then rewritten to the current name (and namespace) of the one renamed object
 * they name. Candidates are found through indexes (by previous name, by namespace), not by scanning.
 */
import type { Accumulator } from '../../target/types.js';
import type { NameBackReferences } from '../../fieldspecs/types.js';
import { gvkIsSelected, RefIndex, referralSubset } from './candidates.js';
import { applyNameRefFilter, type NameRefFilter } from './filter.js';
import { BuildError } from '../../diagnostics/error.js';
import type { Resource } from '../../resources/resource.js';
import { astMapGet, isAstMap, isAstScalar } from '../../yaml/ast.js';
import { getField } from '../../yaml/values.js';

export type { NameRefFilter } from './filter.js';

/**
 * kustomize's determineFilters: the filters of each referrer (by resource position), in configuration
 * order. A filter is made for every resource whose original GVK the referrer spec selects, whether or not
 * it has the field.
 */
function determineFilters(index: RefIndex, backRefs: readonly NameBackReferences[]): Map<number, NameRefFilter[]> {
  const out = new Map<number, NameRefFilter[]>();
  for (const br of backRefs) {
    const target = { group: br.group ?? '', version: br.version ?? '', kind: br.kind };
    for (const spec of br.fieldSpecs) {
      for (const info of index.withOriginalKind(spec.kind)) {
        if (!gvkIsSelected(info.orgId, spec)) continue;
        const list = out.get(info.index);
        const f: NameRefFilter = { fieldSpec: spec, target };
        if (list) list.push(f);
        else out.set(info.index, [f]);
      }
    }
  }
  return out;
}

/**
 * kustomize's confirmNodeMatchesReferrer: a referrer's `apiVersion` written as a null (`~`, `null`) is ""
 * when kustomize decodes the object's metadata and the text itself in its resource id, and the two must
 * agree.
 */
function confirmReferrerApiVersion(r: Resource): void {
  const doc = r.origin.node;
  if (!isAstMap(doc) || getField(r.data, 'apiVersion') !== null) return;
  const node = astMapGet(doc, 'apiVersion')?.value;
  if (!isAstScalar(node) || node.value === '') return;
  throw new BuildError('nameref/invalid', `node-referrerOriginal 'APIVersion' mismatch '' != '${node.value}'`, {
    file: r.origin.file,
    range: r.origin.range,
  });
}

/** Rewrites references to renamed objects in every configured referrer field of the accumulated resources. */
export function fixNameReferences(ra: Accumulator): void {
  const backRefs = ra.config.nameReference;
  if (backRefs.length === 0) return;
  const index = new RefIndex(ra.resources.items);
  const filters = determineFilters(index, backRefs);
  // kustomize visits referrers in Go map order (random); nothing a referrer's fix changes affects another's,
  // so list order gives the same result.
  const referrers = [...filters.keys()].sort((a, b) => a - b);
  for (const i of referrers) {
    const referrer = index.infos[i];
    if (!referrer) continue;
    confirmReferrerApiVersion(referrer.r);
    const ctx = { index, referrer, inSubset: referralSubset(referrer) };
    for (const f of filters.get(i) ?? []) applyNameRefFilter(ctx, f);
  }
}
