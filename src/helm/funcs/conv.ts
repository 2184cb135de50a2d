/**
 * Conversions Sprig builds on: spf13/cast's ToInt64/ToInt/ToFloat64 (errors become 0, as Sprig
 * ignores them), Sprig's `strval` (fmt's %v, String()/Error() methods), `empty`, reflect.DeepEqual,
 * and helpers to read Go slices of any element type.
 */
import {
  GoError,
  GoNumber,
  GoStruct,
  formatValue,
  isGoFunc,
  isGoMap,
  mapGet,
  parseFloat64,
  parseInt64,
  typeName,
  type GoMap,
  type GoValue,
} from '../template/index.js';

const utf8Decoder = new TextDecoder();

/** Sprig's strval: strings as is, []byte decoded, String()/Error() methods, otherwise `%v`. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return utf8Decoder.decode(v);
  return formatValue(v);
}

/** cast's trimZeroDecimal: `10.00` → `10`. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** Go's int64(f) conversion of a float (truncation; out of range gives the minimum, as on amd64). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return -(1n << 63n);
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64 (0 when the value cannot be converted). */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return floatToInt64(v);
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? BigInt.asIntN(64, v.value) : floatToInt64(v.value);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    try {
      return parseInt64(trimZeroDecimal(v), 0, 64);
    } catch {
      return 0n;
    }
  }
  return 0n;
}

/** cast.ToFloat64 (0 when the value cannot be converted). */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoNumber) return Number(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    try {
      return parseFloat64(v);
    } catch {
      return 0;
    }
  }
  return 0;
}

/** Sprig's empty: nil, false, 0, "" and empty collections are empty; structs never are. */
export function isEmpty(v: GoValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'boolean':
      return !v;
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    default:
      break;
  }
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value === 0n : v.value === 0;
  if (v instanceof GoStruct) return false;
  if (isGoFunc(v)) return false;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  // A map: empty without listing its keys (a Go map is a plain object: no inherited enumerable keys).
  for (const _ in v) return false;
  return true;
}

/** reflect.DeepEqual over the value model (types must match: `1` (int) is not `1.0` (float64)). */
export function deepEqual(a: GoValue | undefined, b: GoValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoNumber) return a.value === (b as GoNumber).value;
  if (typeof a !== 'object') return false;
  if (a instanceof Uint8Array) {
    const bb = b as Uint8Array;
    return a.length === bb.length && a.every((x, i) => x === bb[i]);
  }
  if (Array.isArray(a)) {
    const bb = b as GoValue[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof GoStruct) {
    const bs = b as GoStruct;
    return a.type.fields.every((f) => deepEqual(a.fields[f.name] ?? null, bs.fields[f.name] ?? null));
  }
  if (isGoFunc(a)) return false;
  const am = a;
  const bm = b as GoMap;
  const ak = Object.keys(am);
  if (ak.length !== Object.keys(bm).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && deepEqual(mapGet(am, k), mapGet(bm, k)));
}

/** The elements of a slice or array value as `[]interface {}`, or undefined for other kinds. */
export function sliceElems(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (c) => new GoNumber('uint8', BigInt(c)));
  return undefined;
}

/** A Go runtime panic of `reflect.TypeOf(nil).Kind()`: what Sprig list functions do with nil. */
export function nilTypePanic(): GoError {
  return new GoError('runtime error: invalid memory address or nil pointer dereference');
}

/** Requires a map argument of a `map[string]interface {}` parameter (already checked by the executor). */
export function asMap(v: GoValue): GoMap {
  if (isGoMap(v)) return v;
  return {};
}
