/**
 * The value model of chart values, as Go's `map[string]interface{}` holds them after Helm read them:
 * float64 is a JS `number`, int64 (from `--set`) a `bigint`, maps plain objects with own keys only,
 * `null` is Go's nil.
 */
export type HelmScalar = string | number | bigint | boolean | null;
export type HelmValue = HelmScalar | HelmMap | HelmValue[];
export interface HelmMap {
  [key: string]: HelmValue;
}

/** Go's `istable`: a `map[string]interface{}`. */
export function isTable(v: unknown): v is HelmMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property test that never reaches the prototype chain. */
export function hasKey(m: HelmMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Own-property read. */
export function getKey(m: HelmMap, key: string): HelmValue | undefined {
  return hasKey(m, key) ? m[key] : undefined;
}

/** Own-property write that is safe for `__proto__`. */
export function setKey(m: HelmMap, key: string, value: HelmValue): void {
  if (key === '__proto__')
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  else m[key] = value;
}

/** Deletes an own key. */
export function deleteKey(m: HelmMap, key: string): void {
  if (hasKey(m, key)) Reflect.deleteProperty(m, key);
}

/** Deep copy (copystructure.Copy). */
export function deepCopy<T extends HelmValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T;
  const out: HelmMap = {};
  for (const k of Object.keys(v)) setKey(out, k, deepCopy(v[k] as HelmValue));
  return out as T;
}

/** Shallow copy of a map. */
export function copyMap(m: HelmMap): HelmMap {
  const out: HelmMap = {};
  for (const k of Object.keys(m)) setKey(out, k, m[k] as HelmValue);
  return out;
}
