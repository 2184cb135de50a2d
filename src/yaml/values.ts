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

/**
 * Deep copy of a value tree (iterative: any depth). With `copies`, records each map's copy (old → new).
 */
export function cloneValue<T extends YamlValue>(v: T, copies?: Map<YamlMap, YamlMap>): T {
  if (v === null || typeof v !== 'object') return v;
  const root = shallowCopy(v, copies);
  const stack: YamlValue[] = [root];
  while (stack.length > 0) {
    const c = stack.pop() as YamlMap | YamlValue[];
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const x = c[i] as YamlValue;
        if (x !== null && typeof x === 'object') stack.push((c[i] = shallowCopy(x, copies)));
      }
    } else {
      for (const k of Object.keys(c)) {
        const x = c[k] as YamlValue;
        if (x !== null && typeof x === 'object') {
          const y = shallowCopy(x, copies);
          setField(c, k, y);
          stack.push(y);
        }
      }
    }
  }
  return root as T;
}

function shallowCopy(v: YamlMap | YamlValue[], copies: Map<YamlMap, YamlMap> | undefined): YamlMap | YamlValue[] {
  if (Array.isArray(v)) return v.slice();
  const out: YamlMap = {};
  for (const k of Object.keys(v)) setField(out, k, v[k] as YamlValue);
  copies?.set(v, out);
  return out;
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
