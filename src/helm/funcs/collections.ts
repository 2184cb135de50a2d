/**
 * Sprig's list, dict, default and reflection functions: `list`, `append`, `first`, `uniq`, `has` …
 * (reflect-based, accepting any slice type, returning `[]interface {}`), dicts with in-place mutation
 * as in Go, `merge`/`mergeOverwrite` with dario.cat/mergo's rules (empty destination values are
 * replaced, nested maps merged in place), `deepCopy`, `dig`, `default`/`empty`/`coalesce`/`ternary`,
 * `typeOf`/`kindOf`. Go iterates maps in random order; `keys`, `values` and `omit` iterate in sorted
 * key order here so renderings are deterministic (charts usually `sortAlpha` keys anyway).
 */
import {
  GoError,
  GoNumber,
  GoStruct,
  goFunc,
  isGoMap,
  kindOf,
  mapGet,
  mapHas,
  mapSet,
  sortedMapKeys,
  typeName,
  typedSlice,
  GO_TYPE,
  type GoFunc,
  type GoMap,
  type GoSlice,
  type GoValue,
} from '../template/index.js';
import { deepEqual, isEmpty, nilTypePanic, sliceElems, strval, toInt64 } from './conv.js';
import { strslice } from './strings.js';
import { compareGoStrings } from '../template/values.js';

/** The elements of a list argument, or Sprig's error "Cannot VERB on type KIND". */
function listOf(v: GoValue, verb: string): GoValue[] {
  if (v === null) throw nilTypePanic();
  const elems = sliceElems(v);
  if (!elems) throw new GoError(`Cannot ${verb} on type ${kindOf(v)}`);
  return elems;
}

/** Sprig's list-function pair: the panicking form and the `must` form with the same error text. */
function pair(name: string, sig: string, fn: (...args: never[]) => unknown): Record<string, GoFunc> {
  const mustSig = sig.replace(/\) (.*)$/, ') ($1, error)');
  return {
    [name]: goFunc(sig, fn),
    ['must' + name.charAt(0).toUpperCase() + name.slice(1)]: goFunc(mustSig, fn),
  };
}

function first(list: GoValue): GoValue {
  const l = listOf(list, 'find first');
  return l.length === 0 ? null : (l[0] ?? null);
}

function last(list: GoValue): GoValue {
  const l = listOf(list, 'find last');
  return l.length === 0 ? null : (l[l.length - 1] ?? null);
}

function rest(list: GoValue): GoValue[] {
  const l = listOf(list, 'find rest');
  return l.slice(1);
}

function initial(list: GoValue): GoValue[] {
  const l = listOf(list, 'find initial');
  return l.slice(0, Math.max(l.length - 1, 0));
}

function inList(haystack: readonly GoValue[], needle: GoValue): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function uniq(list: GoValue): GoValue[] {
  const out: GoValue[] = [];
  for (const item of listOf(list, 'find uniq')) if (!inList(out, item)) out.push(item);
  return out;
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null) return false;
  const elems = sliceElems(haystack);
  if (!elems) throw new GoError(`Cannot find has on type ${kindOf(haystack)}`);
  return inList(elems, needle);
}

function chunk(size: bigint, list: GoValue): GoValue[] {
  const l = listOf(list, 'chunk');
  const n = Number(size);
  const out: GoValue[] = [];
  const cs = Math.floor((l.length - 1) / n) + 1;
  for (let i = 0; i < cs; i++) out.push(l.slice(i * n, Math.min((i + 1) * n, l.length)));
  return typedSlice('[]interface {}', out);
}

function listSlice(list: GoValue, ...indices: GoValue[]): GoValue {
  if (list === null) throw nilTypePanic();
  const elems = sliceElems(list);
  if (!elems) throw new GoError(`list should be type of slice or array but ${kindOf(list)}`);
  if (elems.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0] ?? null)) : 0;
  const end = indices.length < 2 ? elems.length : Number(toInt64(indices[1] ?? null));
  if (start < 0 || end > elems.length || start > end) {
    throw new GoError(`reflect: slice index out of range`);
  }
  const out = elems.slice(start, end);
  if (list instanceof Uint8Array) return list.slice(start, end);
  const t = (list as GoSlice)[GO_TYPE];
  return t ? typedSlice(t.elem, out) : out;
}

function concat(...lists: GoValue[]): GoValue {
  let res: GoValue[] | null = null;
  for (const l of lists) {
    if (l === null) throw nilTypePanic();
    const elems = sliceElems(l);
    if (!elems) throw new GoError(`Cannot concat type ${kindOf(l)} as list`);
    res = [...(res ?? []), ...elems];
  }
  return res;
}

function sortAlpha(list: GoValue): GoValue {
  const k = list === null ? 'invalid' : kindOf(list);
  if (k === 'slice') return typedSlice('string', strslice(list).sort(compareGoStrings));
  return typedSlice('string', [strval(list)]);
}

function until(count: bigint): GoValue[] {
  return untilStep(0n, count, count < 0n ? -1n : 1n);
}

function untilStep(start: bigint, stop: bigint, step: bigint): GoValue[] {
  const v: GoValue[] = [];
  if (stop < start) {
    if (step >= 0n) return typedSlice('int', v);
    for (let i = start; i > stop; i += step) v.push(i);
    return typedSlice('int', v);
  }
  if (step <= 0n) return typedSlice('int', v);
  for (let i = start; i < stop; i += step) v.push(i);
  return typedSlice('int', v);
}

/** The list functions. */
export function listFuncs(): Record<string, GoFunc> {
  const list = goFunc('func(...interface {}) []interface {}', (...v: GoValue[]) => v);
  return {
    list,
    tuple: list,
    ...pair('push', 'func(interface {}, interface {}) []interface {}', (l: GoValue, v: GoValue) => [
      ...listOf(l, 'push'),
      v,
    ]),
    ...pair('append', 'func(interface {}, interface {}) []interface {}', (l: GoValue, v: GoValue) => [
      ...listOf(l, 'push'),
      v,
    ]),
    ...pair('prepend', 'func(interface {}, interface {}) []interface {}', (l: GoValue, v: GoValue) => [
      v,
      ...listOf(l, 'prepend'),
    ]),
    ...pair('first', 'func(interface {}) interface {}', first),
    ...pair('rest', 'func(interface {}) []interface {}', rest),
    ...pair('last', 'func(interface {}) interface {}', last),
    ...pair('initial', 'func(interface {}) []interface {}', initial),
    ...pair('reverse', 'func(interface {}) []interface {}', (l: GoValue) => [...listOf(l, 'find reverse')].reverse()),
    ...pair('uniq', 'func(interface {}) []interface {}', uniq),
    ...pair('without', 'func(interface {}, ...interface {}) []interface {}', (l: GoValue, ...omit: GoValue[]) =>
      listOf(l, 'find without').filter((i) => !inList(omit, i)),
    ),
    ...pair('has', 'func(interface {}, interface {}) bool', has),
    ...pair('slice', 'func(interface {}, ...interface {}) interface {}', listSlice),
    ...pair('compact', 'func(interface {}) []interface {}', (l: GoValue) =>
      listOf(l, 'compact').filter((i) => !isEmpty(i)),
    ),
    ...pair('chunk', 'func(int, interface {}) [][]interface {}', chunk),
    concat: goFunc('func(...interface {}) interface {}', concat),
    sortAlpha: goFunc('func(interface {}) []string', sortAlpha),
    until: goFunc('func(int) []int', until),
    untilStep: goFunc('func(int, int, int) []int', untilStep),
  };
}

// ---------------------------------------------------------------------------------------------
// Dicts

function dict(...v: GoValue[]): GoMap {
  const d: GoMap = {};
  for (let i = 0; i < v.length; i += 2) {
    const key = strval(v[i] ?? null);
    mapSet(d, key, i + 1 >= v.length ? '' : (v[i + 1] ?? null));
  }
  return d;
}

function pluck(key: string, ...dicts: GoValue[]): GoValue[] {
  const res: GoValue[] = [];
  for (const d of dicts) if (isGoMap(d) && mapHas(d, key)) res.push(mapGet(d, key) ?? null);
  return res;
}

function keys(...dicts: GoValue[]): GoValue {
  const k: string[] = [];
  for (const d of dicts) if (isGoMap(d)) k.push(...sortedMapKeys(d));
  return typedSlice('string', k);
}

function omit(d: GoMap, ...ks: string[]): GoMap {
  const res: GoMap = {};
  const skip = new Set(ks);
  for (const k of sortedMapKeys(d)) if (!skip.has(k)) mapSet(res, k, mapGet(d, k) ?? null);
  return res;
}

function pick(d: GoMap, ...ks: string[]): GoMap {
  const res: GoMap = {};
  for (const k of ks) if (mapHas(d, k)) mapSet(res, k, mapGet(d, k) ?? null);
  return res;
}

/** A Go type assertion `v.(map[string]interface{})` (exact type), panicking like Go. */
function assertPlainMap(v: GoValue): GoMap {
  if (isGoMap(v) && typeName(v) === 'map[string]interface {}') return v;
  throw new GoError(
    `interface conversion: interface {} is ${v === null ? 'nil' : typeName(v)}, not map[string]interface {}`,
  );
}

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new GoError('dig needs at least three arguments');
  const d = assertPlainMap(ps[ps.length - 1] ?? null);
  const def = ps[ps.length - 2] ?? null;
  const ks = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string')
      throw new GoError(`interface conversion: interface {} is ${k === null ? 'nil' : typeName(k)}, not string`);
    return k;
  });
  let cur = d;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i] as string;
    if (!mapHas(cur, k)) return def;
    const step = mapGet(cur, k) ?? null;
    if (i === ks.length - 1) return step;
    cur = assertPlainMap(step);
  }
  return def;
}

/** mergo's isEmptyValue (dereferencing interfaces). */
function mergoEmpty(v: GoValue | undefined): boolean {
  if (v === undefined) return true;
  if (v instanceof GoStruct) return false;
  return isEmpty(v);
}

function isMapValue(v: GoValue | undefined): v is GoMap {
  return v !== undefined && isGoMap(v);
}

/** mergo.Merge / MergeWithOverwrite of map[string]interface{} values (dst is changed in place). */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void {
  if (depth > 100) return;
  for (const key of sortedMapKeys(src)) {
    const srcElement = mapGet(src, key) ?? null;
    const dstElement = mapHas(dst, key) ? (mapGet(dst, key) ?? null) : undefined;
    if (srcElement === null) {
      if (overwrite) mapSet(dst, key, null);
      continue;
    }
    if (isMapValue(srcElement) || srcElement instanceof GoStruct) {
      if (isMapValue(srcElement) && isMapValue(dstElement)) mergoMerge(dstElement, srcElement, overwrite, depth + 1);
    } else if (Array.isArray(srcElement)) {
      const srcNonEmpty = Object.keys(src).length > 0;
      if (srcNonEmpty && (overwrite || Object.keys(dst).length === 0)) mapSet(dst, key, srcElement);
      else if (dstElement === undefined || dstElement === null) mapSet(dst, key, []);
    }
    if (dstElement !== undefined && !mergoEmpty(dstElement)) {
      if (Array.isArray(srcElement)) continue;
      if (isMapValue(srcElement) && isMapValue(dstElement)) continue;
    }
    if (overwrite || dstElement === undefined || mergoEmpty(dstElement)) mapSet(dst, key, srcElement);
  }
}

function merge(overwrite: boolean) {
  return (dst: GoMap, ...srcs: GoValue[]): GoValue => {
    for (const s of srcs) if (isGoMap(s)) mergoMerge(dst, s, overwrite);
    return dst;
  };
}

/** copystructure.Copy. */
export function deepCopy(v: GoValue): GoValue {
  if (v === null || typeof v !== 'object' || v instanceof GoNumber) return v;
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof GoStruct)
    return new GoStruct(v.type, Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, deepCopy(x)])));
  if (Array.isArray(v)) {
    const out: GoSlice = v.map(deepCopy);
    const t = v[GO_TYPE];
    if (t) out[GO_TYPE] = t;
    return out;
  }
  if (!isGoMap(v)) return v;
  const out: GoMap = {};
  for (const k of Object.keys(v)) mapSet(out, k, deepCopy(mapGet(v, k) ?? null));
  const t = v[GO_TYPE];
  if (t) out[GO_TYPE] = t;
  return out;
}

/** The dict functions. */
export function dictFuncs(): Record<string, GoFunc> {
  return {
    dict: goFunc('func(...interface {}) map[string]interface {}', dict),
    get: goFunc('func(map[string]interface {}, string) interface {}', (d: GoMap, k: string) =>
      mapHas(d, k) ? (mapGet(d, k) ?? null) : '',
    ),
    set: goFunc(
      'func(map[string]interface {}, string, interface {}) map[string]interface {}',
      (d: GoMap, k: string, v: GoValue) => {
        mapSet(d, k, v);
        return d;
      },
    ),
    unset: goFunc('func(map[string]interface {}, string) map[string]interface {}', (d: GoMap, k: string) => {
      Reflect.deleteProperty(d, k);
      return d;
    }),
    hasKey: goFunc('func(map[string]interface {}, string) bool', (d: GoMap, k: string) => mapHas(d, k)),
    pluck: goFunc('func(string, ...map[string]interface {}) []interface {}', pluck),
    keys: goFunc('func(...map[string]interface {}) []string', keys),
    pick: goFunc('func(map[string]interface {}, ...string) map[string]interface {}', pick),
    omit: goFunc('func(map[string]interface {}, ...string) map[string]interface {}', omit),
    merge: goFunc('func(map[string]interface {}, ...map[string]interface {}) interface {}', merge(false)),
    mergeOverwrite: goFunc('func(map[string]interface {}, ...map[string]interface {}) interface {}', merge(true)),
    mustMerge: goFunc('func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)', merge(false)),
    mustMergeOverwrite: goFunc(
      'func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)',
      merge(true),
    ),
    values: goFunc('func(map[string]interface {}) []interface {}', (d: GoMap) =>
      sortedMapKeys(d).map((k) => mapGet(d, k) ?? null),
    ),
    deepCopy: goFunc('func(interface {}) interface {}', deepCopy),
    mustDeepCopy: goFunc('func(interface {}) (interface {}, error)', deepCopy),
    dig: goFunc('func(...interface {}) (interface {}, error)', dig),
  };
}

// ---------------------------------------------------------------------------------------------
// Defaults and reflection

/** The default/flow and reflection functions. */
export function defaultFuncs(): Record<string, GoFunc> {
  return {
    default: goFunc('func(interface {}, ...interface {}) interface {}', (d: GoValue, ...given: GoValue[]) =>
      given.length === 0 || isEmpty(given[0]) ? d : (given[0] ?? null),
    ),
    empty: goFunc('func(interface {}) bool', (v: GoValue) => isEmpty(v)),
    coalesce: goFunc('func(...interface {}) interface {}', (...v: GoValue[]) => v.find((x) => !isEmpty(x)) ?? null),
    all: goFunc('func(...interface {}) bool', (...v: GoValue[]) => v.every((x) => !isEmpty(x))),
    any: goFunc('func(...interface {}) bool', (...v: GoValue[]) => v.some((x) => !isEmpty(x))),
    ternary: goFunc('func(interface {}, interface {}, bool) interface {}', (vt: GoValue, vf: GoValue, c: boolean) =>
      c ? vt : vf,
    ),
    typeOf: goFunc('func(interface {}) string', (v: GoValue) => typeName(v)),
    typeIs: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => t === typeName(v)),
    typeIsLike: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => {
      const n = typeName(v);
      return t === n || '*' + t === n;
    }),
    kindOf: goFunc('func(interface {}) string', (v: GoValue) => kindOf(v)),
    kindIs: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => t === kindOf(v)),
    deepEqual: goFunc('func(interface {}, interface {}) bool', (a: GoValue, b: GoValue) => deepEqual(a, b)),
  };
}
