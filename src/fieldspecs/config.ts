/**
 * Merging transformer configurations, as kustomize's builtinconfig does (TransformerConfig.Merge,
 * FsSlice.MergeAll/MergeOne, nbrSlice.mergeAll): a field spec already present (same path, its GVK
 * selected by the incoming one) is skipped, a `create` mismatch is `conflicting fieldspecs`; name
 * references merge their referrers by equal target GVK (a new target is appended as it is); after a merge
 * every table — and the list of name-reference targets, but not their referrers — is sorted with Go's
 * (unstable) sort.Sort by GVK.
 */
import { BuildError } from '../diagnostics/error.js';
import { compareGvkForSort } from '../resources/order.js';
import { goSort } from '../resources/go-sort.js';
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';

interface GvkParts {
  readonly group?: string | undefined;
  readonly version?: string | undefined;
  readonly kind?: string | undefined;
}

function gvkOf(x: GvkParts): { group: string; version: string; kind: string } {
  return { group: x.group ?? '', version: x.version ?? '', kind: x.kind ?? '' };
}

/** kustomize's Gvk.IsSelected: every non-empty part of `selector` equals the same part of `x`. */
function isSelected(x: GvkParts, selector: GvkParts): boolean {
  if (selector.group && selector.group !== (x.group ?? '')) return false;
  if (selector.version && selector.version !== (x.version ?? '')) return false;
  if (selector.kind && selector.kind !== (x.kind ?? '')) return false;
  return true;
}

/** kustomize's FsSlice.MergeOne: `s` plus `x` unless an effectively equal spec is there. */
export function mergeFieldSpec(s: readonly FieldSpec[], x: FieldSpec): FieldSpec[] {
  for (const e of s) {
    if (e.path === x.path && isSelected(e, x)) {
      if ((e.create ?? false) !== (x.create ?? false))
        throw new BuildError('transformer/config', 'conflicting fieldspecs');
      return s.slice();
    }
  }
  return [...s, x];
}

/** kustomize's FsSlice.MergeAll (no sorting). Throws `conflicting fieldspecs`. */
export function mergeFieldSpecList(into: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  const out = into.slice();
  for (const x of incoming) {
    let found = false;
    for (const e of out) {
      if (e.path === x.path && isSelected(e, x)) {
        if ((e.create ?? false) !== (x.create ?? false))
          throw new BuildError('transformer/config', 'conflicting fieldspecs');
        found = true;
        break;
      }
    }
    if (!found) out.push(x);
  }
  return out;
}

function gvkEquals(a: GvkParts, b: GvkParts): boolean {
  return (
    (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '')
  );
}

/** kustomize's nbrSlice.mergeAll. */
function mergeNameRefs(
  into: readonly NameBackReferences[],
  incoming: readonly NameBackReferences[],
): NameBackReferences[] {
  let result = into.slice();
  for (const other of incoming) {
    if (!result.some((c) => gvkEquals(c, other))) {
      result.push(other);
      continue;
    }
    result = result.map((c) =>
      gvkEquals(c, other) ? { ...c, fieldSpecs: mergeFieldSpecList(c.fieldSpecs, other.fieldSpecs) } : c,
    );
  }
  return result;
}

/** kustomize's Gvk.IsLessThan. */
export function gvkIsLessThan(a: GvkParts, b: GvkParts): boolean {
  return compareGvkForSort(gvkOf(a), gvkOf(b)) < 0;
}

const tableKeys = [
  'namePrefix',
  'nameSuffix',
  'nameSpace',
  'commonLabels',
  'labels',
  'templateLabels',
  'commonAnnotations',
  'varReference',
  'images',
  'replicas',
] as const satisfies readonly Exclude<keyof TransformerConfig, 'nameReference'>[];

/** kustomize's TransformerConfig.sortFields: every table (and the name-reference targets) sorted in place. */
export function sortTransformerConfig(c: TransformerConfig): TransformerConfig {
  for (const k of tableKeys) goSort(c[k], gvkIsLessThan);
  goSort(c.nameReference, gvkIsLessThan);
  return c;
}

const mergeNames: Record<keyof TransformerConfig, string> = {
  namePrefix: 'NamePrefix',
  nameSuffix: 'NameSuffix',
  nameSpace: 'NameSpace',
  commonAnnotations: 'CommonAnnotations',
  commonLabels: 'CommonLabels',
  labels: 'Labels',
  templateLabels: 'TemplateLabels',
  varReference: 'VarReference',
  nameReference: 'NameReference',
  images: 'Images',
  replicas: 'Replicas',
};

function wrapMerge<T>(key: keyof TransformerConfig, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof BuildError) throw err.wrap(`failed to merge ${mergeNames[key]} fieldSpec: `);
    throw err;
  }
}

/** kustomize's TransformerConfig.Merge: `a` merged with `b` into a new, sorted config. */
export function mergeTransformerConfig(
  a: TransformerConfig,
  b: Partial<TransformerConfig> | undefined,
): TransformerConfig {
  const merged = emptyTransformerConfig();
  // kustomize merges in this order (it decides which conflict is reported first).
  const order = [
    'namePrefix',
    'nameSuffix',
    'nameSpace',
    'commonAnnotations',
    'commonLabels',
    'labels',
    'templateLabels',
    'varReference',
    'nameReference',
    'images',
    'replicas',
  ] as const;
  for (const k of order) {
    if (k === 'nameReference') {
      merged.nameReference = wrapMerge(k, () => mergeNameRefs(a.nameReference, b?.nameReference ?? []));
    } else {
      merged[k] = wrapMerge(k, () => mergeFieldSpecList(a[k], b?.[k] ?? []));
    }
  }
  return sortTransformerConfig(merged);
}

/** An empty configuration (no field specs at all): a fresh accumulator's. */
export function emptyTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    nameSpace: [],
    commonLabels: [],
    templateLabels: [],
    labels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}
