/**
 * The value model of resources: plain JSON-like data, as kustomize sees it after its YAML → JSON
 * conversion. Integers beyond 2^53 are `bigint`; every map is a plain object with own string keys only
 * (`__proto__` is stored as an own property, never as the prototype).
 */
export type YamlScalar = string | number | bigint | boolean | null;
/** A value of a parsed document: a scalar, a mapping or a list. */
export type YamlValue = YamlScalar | YamlMap | YamlValue[];
/** A mapping of a parsed document: own string keys only, in document order. */
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

/** The value at a path of map keys and list indexes, if there is one. */
export function valueAtPath(data: YamlValue, path: readonly (string | number)[]): YamlValue | undefined {
  let v: YamlValue | undefined = data;
  for (const step of path) {
    if (typeof step === 'number') v = Array.isArray(v) ? v[step] : undefined;
    else v = isMap(v) ? getField(v, step) : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** Removes a key from a map (the value model's maps have dynamic keys). */
export function deleteField(m: YamlMap, key: string): void {
  Reflect.deleteProperty(m, key);
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
