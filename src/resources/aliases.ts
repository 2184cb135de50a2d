/**
 * Shared label and annotation values, as kyaml makes them. kustomize's labels and annotations filters
 * create one YAML node per key and resource (filtersutil.SetEntry) and append that same node wherever the
 * key did not exist yet: `metadata.labels`, `spec.selector.matchLabels`, `spec.template.metadata.labels`,
 * and so on. Later transformers that write such a field in place (another labels transformer, a strategic
 * merge patch, a replacement, any field-spec setter) change the node, so every copy changes — an overlay's
 * `labels` without selectors still moves the selector a base's `commonLabels` wrote. A transformer that
 * goes through JSON (a JSON 6902 patch) or replaces the map gives the object new nodes and ends the sharing.
 *
 * The value model has no nodes, so a resource records each shared node as a group of (map, key) places and
 * the value they hold. After every transformer, a place of a group whose value changed in place carries the
 * change to the places that still hold the group's value. A place whose map was replaced is detached from
 * the object and no longer seen.
 */
import type { YamlMap, YamlValue } from '../yaml/values.js';
import { hasField, setField } from '../yaml/values.js';

/** One shared node: where it sits and the value it holds. */
export interface AliasGroup {
  places: [YamlMap, string][];
  value: YamlValue;
}

/** Records that `places` hold one shared node with `value` (when there are at least two). */
export function recordAliasGroup(groups: AliasGroup[], places: [YamlMap, string][], value: YamlValue): void {
  if (places.length >= 2) groups.push({ places, value });
}

/**
 * Carries in-place changes across the places of each group; drops places whose key is gone and groups
 * with fewer than two places left. Returns the groups still shared.
 */
export function syncAliasGroups(groups: readonly AliasGroup[]): AliasGroup[] {
  const out: AliasGroup[] = [];
  for (const g of groups) {
    const places = g.places.filter(([m, k]) => hasField(m, k));
    const changed = places.find(([m, k]) => m[k] !== g.value);
    if (changed) {
      const v = changed[0][changed[1]] as YamlValue;
      for (const [m, k] of places) if (m[k] === g.value) setField(m, k, v);
      g.value = v;
    }
    g.places = places;
    if (places.length >= 2) out.push(g);
  }
  return out;
}

/** The groups of a copied object: places moved to the copies of their maps (`copies`: old map → new map). */
export function remapAliasGroups(groups: readonly AliasGroup[], copies: ReadonlyMap<YamlMap, YamlMap>): AliasGroup[] {
  const out: AliasGroup[] = [];
  for (const g of groups) {
    const places: [YamlMap, string][] = [];
    for (const [m, k] of g.places) {
      const c = copies.get(m);
      if (c) places.push([c, k]);
    }
    if (places.length >= 2) out.push({ places, value: g.value });
  }
  return out;
}
