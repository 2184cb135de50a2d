/**
 * sort-order: kustomize's SortOrderTransformer (spec §11.1). It runs once at the top of a build with the
 * top kustomization's `sortOptions` (sub-kustomizations' and components' are ignored), or with
 * `{order: legacy}` / nothing (fifo) from the `--reorder` option. kustomize v5.6.0 cannot load it from a
 * `transformers:` entry (`unable to load builtin SortOrderTransformer.builtin.[noGrp]`), so it is not in
 * the registry's plugin map.
 */
import type { SortOptions } from '../../kustomization/types.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { stringOf } from '../plugin-config.js';
import type { TransformerPlugin } from '../types.js';
import { resolveSortOptions, sortResourceArray } from './filter.js';

export { resolveSortOptions, sortResourceArray, type ResolvedSort } from './filter.js';

/** The plugin's config: kustomize's SortOrderTransformerPlugin. */
export interface SortOrderConfig {
  /** Absent means fifo (kustomize's default for the plugin). */
  sortOptions?: SortOptions;
}

function stringList(v: YamlValue | undefined): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => stringOf(x));
}

function sortOptionsOf(v: YamlValue | undefined): SortOptions | undefined {
  if (!isMap(v)) return undefined;
  const out: SortOptions = {};
  const order = getField(v, 'order');
  if (order !== undefined && order !== null) out.order = stringOf(order);
  const legacy = getField(v, 'legacySortOptions');
  if (isMap(legacy)) {
    const l: { orderFirst?: string[]; orderLast?: string[] } = {};
    const first = stringList(getField(legacy, 'orderFirst'));
    const last = stringList(getField(legacy, 'orderLast'));
    if (first) l.orderFirst = first;
    if (last) l.orderLast = last;
    out.legacySortOptions = l;
  }
  return out;
}

export const sortOrderTransformer: TransformerPlugin<SortOrderConfig> = {
  kind: 'SortOrderTransformer',
  configure(raw: YamlMap) {
    const so = sortOptionsOf(getField(raw, 'sortOptions'));
    return so ? { sortOptions: so } : {};
  },
  transform(resources, config) {
    const sort = resolveSortOptions(config.sortOptions);
    if (sort.order === 'fifo') return;
    resources.items = sortResourceArray(resources.items, sort);
  },
};
