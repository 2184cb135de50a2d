/**
 * The value model of chart values, as Go's `map[string]interface{}` holds them after Helm read them: the
 * YAML value model (`src/yaml/values.ts`) read with Go's meaning — a JS `number` is a float64 (every number
 * from YAML or JSON), a `bigint` an int64 (integers from `--set`), maps plain objects with own keys only,
 * `null` Go's nil.
 */
import {
  cloneValue,
  getField,
  hasField,
  isMap,
  setField,
  type YamlMap,
  type YamlScalar,
  type YamlValue,
} from '../../yaml/values.js';

/** A scalar of chart values (the YAML value model: strings, numbers, booleans, null). */
export type HelmScalar = YamlScalar;
/** A chart value: a scalar, a list or a map, as the YAML value model holds it. */
export type HelmValue = YamlValue;
/** A map of chart values (`values.yaml`, `--set` results, coalesced values). */
export type HelmMap = YamlMap;

/** Go's `istable`: a `map[string]interface{}`. */
export const isTable: (v: unknown) => v is HelmMap = isMap;
/** Own-property test that never reaches the prototype chain. */
export const hasKey: (m: HelmMap, key: string) => boolean = hasField;
/** Own-property read. */
export const getKey: (m: HelmMap, key: string) => HelmValue | undefined = getField;
/** Own-property write that is safe for `__proto__`. */
export const setKey: (m: HelmMap, key: string, value: HelmValue) => void = setField;
/** Deep copy (copystructure.Copy). */
export const deepCopy: <T extends HelmValue>(v: T) => T = cloneValue;

/** Deletes an own key. */
export function deleteKey(m: HelmMap, key: string): void {
  if (hasKey(m, key)) Reflect.deleteProperty(m, key);
}

/** Shallow copy of a map. */
export function copyMap(m: HelmMap): HelmMap {
  const out: HelmMap = {};
  for (const k of Object.keys(m)) setKey(out, k, m[k] as HelmValue);
  return out;
}
