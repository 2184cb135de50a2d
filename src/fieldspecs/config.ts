/**
 * Merging transformer configurations, as kustomize's builtinconfig does (TransformerConfig.Merge,
 * FsSlice.MergeAll/MergeOne, nbrSlice.mergeAll): a field spec already present (same path, its GVK
 * selected by the incoming one) is skipped, a `create` mismatch is `conflicting fieldspecs`; name
 * references merge their referrers by equal target GVK (a new target is appended as it is); after a merge
 * every table — and the list of name-reference targets, but not their referrers — is sorted with Go's
 * (unstable) sort.Sort by GVK.
 *
 * Merged configurations are immutable (frozen) and shared: merging the same two configurations again returns
 * the first result, so the defaults are not merged and re-sorted again for every kustomization of a build.
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
  if (incoming.length === 0) return out;
  // The specs of `out` by path, in order: a spec is compared only with those of its own path.
  const byPath = new Map<string, FieldSpec[]>();
  const remember = (e: FieldSpec): void => {
    const same = byPath.get(e.path);
    if (same) same.push(e);
    else byPath.set(e.path, [e]);
  };
  out.forEach(remember);
  for (const x of incoming) {
    const e = byPath.get(x.path)?.find((s) => isSelected(s, x));
    if (e === undefined) {
      out.push(x);
      remember(x);
    } else if ((e.create ?? false) !== (x.create ?? false)) {
      throw new BuildError('transformer/config', 'conflicting fieldspecs');
    }
  }
  return out;
}

/** Identifies a group/version/kind: equal keys for equal parts (a missing part is empty). */
function gvkKey(x: GvkParts): string {
  return JSON.stringify([x.group ?? '', x.version ?? '', x.kind ?? '']);
}

/** kustomize's nbrSlice.mergeAll: each incoming target merged into every equal one, or appended. */
function mergeNameRefs(
  into: readonly NameBackReferences[],
  incoming: readonly NameBackReferences[],
): NameBackReferences[] {
  const result = into.slice();
  const at = new Map<string, number[]>();
  const remember = (c: NameBackReferences, i: number): void => {
    const k = gvkKey(c);
    const same = at.get(k);
    if (same) same.push(i);
    else at.set(k, [i]);
  };
  result.forEach(remember);
  for (const other of incoming) {
    const same = at.get(gvkKey(other));
    if (same === undefined) {
      remember(other, result.length);
      result.push(other);
      continue;
    }
    for (const i of same) {
      const c = result[i] as NameBackReferences;
      result[i] = { ...c, fieldSpecs: mergeFieldSpecList(c.fieldSpecs, other.fieldSpecs) };
    }
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

/** Results of {@link mergeTransformerConfig} by its two arguments (every result is frozen, so reusable). */
const merges = new WeakMap<TransformerConfig, WeakMap<Partial<TransformerConfig>, TransformerConfig>>();
const NOTHING: Partial<TransformerConfig> = Object.freeze({});

/** Freezes a configuration and its tables (they are shared between builds from then on). */
function freezeConfig(c: TransformerConfig): TransformerConfig {
  for (const k of tableKeys) Object.freeze(c[k]);
  Object.freeze(c.nameReference);
  return Object.freeze(c);
}

/**
 * kustomize's TransformerConfig.Merge: `a` merged with `b` into a new, sorted config (frozen; the same
 * object again for the same `a` and `b`).
 */
export function mergeTransformerConfig(
  a: TransformerConfig,
  b: Partial<TransformerConfig> | undefined,
): TransformerConfig {
  const key = b ?? NOTHING;
  let byB = merges.get(a);
  const known = byB?.get(key);
  if (known) return known;
  const merged = freezeConfig(mergeConfigs(a, b));
  if (!byB) merges.set(a, (byB = new WeakMap()));
  byB.set(key, merged);
  return merged;
}

function mergeConfigs(a: TransformerConfig, b: Partial<TransformerConfig> | undefined): TransformerConfig {
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

/** The empty configuration, shared and frozen: a fresh accumulator's. */
export const EMPTY_TRANSFORMER_CONFIG: TransformerConfig = freezeConfig(emptyTransformerConfig());

/** An empty configuration (no field specs at all), to fill. */
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
