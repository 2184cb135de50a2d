/**
 * The value model of resources: plain JSON-like data, as kustomize sees it after its YAML → JSON
 * conversion. Integers beyond 2^53 are `bigint`; every map is a plain object with own string keys only
 * (`__proto__` is stored as an own property, never as the prototype).
 */
export type YamlScalar = string | number | bigint | boolean | null;
export type YamlValue = YamlScalar | YamlMap | YamlValue[];
export interface YamlMap {
  [key: string]: YamlValue;
}

export function isMap(v: unknown): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isScalar(v: unknown): v is YamlScalar {
  return v === null || (typeof v !== 'object' && typeof v !== 'function' && v !== undefined);
}

/** Own-property read that never reaches the prototype chain. */
export function getField(m: YamlMap, key: string): YamlValue | undefined {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

/** Own-property write that is safe for `__proto__`. */
export function setField(m: YamlMap, key: string, value: YamlValue): void {
  if (key === '__proto__') {
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    m[key] = value;
  }
}

/** Removes a key from a map (the value model's maps have dynamic keys). */
export function deleteField(m: YamlMap, key: string): void {
  Reflect.deleteProperty(m, key);
}

export function hasField(m: YamlMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Deep copy of a value tree. */
export function cloneValue<T extends YamlValue>(v: T): T {
  return cloneAny(v) as T;
}

function cloneAny(v: YamlValue): YamlValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(cloneAny);
  const out: YamlMap = {};
  for (const [k, x] of Object.entries(v)) setField(out, k, cloneAny(x));
  return out;
}

/** Structural equality of two value trees. */
export function valuesEqual(a: YamlValue | undefined, b: YamlValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (!isMap(a) || !isMap(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => hasField(b, k) && valuesEqual(a[k], b[k]));
}

/**
 * A scalar's text, as kyaml's `node.Value` gives it for the common cases: strings as they are, numbers and
 * booleans in JavaScript's spelling, and '' for a missing value, null, a map or a list.
 */
export function scalarString(v: YamlValue | undefined): string {
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

/** A scalar's text, or undefined for a missing value, null, a map or a list. */
export function optionalScalarString(v: YamlValue | undefined): string | undefined {
  return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
}
