/**
 * kustomize's SortOrderTransformer logic (spec §11.1): defaults, validation and the legacy comparison
 * (kind ranks from orderFirst/orderLast, then `group_version_kind`, then `namespace|name`).
 */
import { BuildError } from '../../diagnostics/error.js';
import type { SortOptions } from '../../kustomization/types.js';
import { compareIdsLegacy, defaultOrderFirst, defaultOrderLast, kindRanks } from '../../resources/order.js';
import type { Resource } from '../../resources/resource.js';
import { goSort } from '../../resources/go-sort.js';

/** A validated sort: fifo (keep accumulation order), or legacy with its kind lists. */
export type ResolvedSort =
  | { order: 'fifo' }
  | { order: 'legacy'; orderFirst: readonly string[]; orderLast: readonly string[] };

/** applyDefaults + validate of kustomize's plugin: no options → fifo; legacy without lists → defaults. */
export function resolveSortOptions(options: SortOptions | undefined): ResolvedSort {
  const order = options ? (options.order ?? '') : 'fifo';
  if (order !== 'fifo' && order !== 'legacy') {
    throw new BuildError('kustomization/invalid-value', "the field 'sortOptions.order' must be one of [fifo, legacy]");
  }
  const legacy = options?.legacySortOptions;
  if (order === 'fifo') {
    if (legacy) {
      throw new BuildError(
        'kustomization/invalid-value',
        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
      );
    }
    return { order: 'fifo' };
  }
  if (!legacy) return { order: 'legacy', orderFirst: defaultOrderFirst, orderLast: defaultOrderLast };
  return { order: 'legacy', orderFirst: legacy.orderFirst ?? [], orderLast: legacy.orderLast ?? [] };
}

/** The resources in the resolved order (a new array; fifo returns the input order). */
export function sortResourceArray(resources: readonly Resource[], sort: ResolvedSort): Resource[] {
  if (sort.order === 'fifo') return resources.slice();
  const ranks = kindRanks(sort.orderFirst, sort.orderLast);
  const items = resources.map((r) => ({ r, id: r.id() }));
  // Go's unstable sort.Sort, step for step: the comparison is not always a strict weak order.
  goSort(items, (a, b) => compareIdsLegacy(a.id, b.id, ranks) < 0);
  return items.map((x) => x.r);
}
