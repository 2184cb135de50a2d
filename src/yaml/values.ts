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

export function hasField(m: YamlMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Deep copy of a value tree. */
export function cloneValue<T extends YamlValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out: YamlValue[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i] as YamlValue);
    return out as T;
  }
  const out: YamlMap = {};
  for (const k of Object.keys(v)) setField(out, k, cloneValue((v as YamlMap)[k] as YamlValue));
  return out as T;
}

/** Structural equality of two value trees. */
export function valuesEqual(a: YamlValue | undefined, b: YamlValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) && typeof a === typeof b : false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  const am = a as YamlMap;
  const bm = b as YamlMap;
  const ak = Object.keys(am);
  if (ak.length !== Object.keys(bm).length) return false;
  for (const k of ak) {
    if (!hasField(bm, k) || !valuesEqual(am[k], bm[k])) return false;
  }
  return true;
}
