/**
 * The builtin functions of Go's text/template (text/template/funcs.go): and, or, not, call, index,
 * slice, len, eq/ne/lt/le/gt/ge with Go's comparison kinds and errors, print/printf/println, html, js,
 * urlquery. Builtins take raw values (`undefined` is Go's invalid reflect.Value, `null` a nil interface).
 */
import { sprint, sprintf, sprintln } from './fmt.js';
import { isPrint } from './strconv.js';
import {
  GoError,
  GoNumber,
  GoStruct,
  compareGoStrings,
  elemType,
  goFunc,
  intValue,
  isAscii,
  isGoFunc,
  isGoMap,
  isTrue,
  mapGet,
  mapHas,
  typeName,
  typedSlice,
  utf8Length,
  zeroValue,
  type GoFunc,
  type GoValue,
} from './values.js';

type Value = GoValue | undefined;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Builtins evaluated by the executor itself (short-circuit `and`/`or`, `call`). */
export type SpecialBuiltin = 'and' | 'or' | 'call';

function raw(sig: string, fn: (...args: Value[]) => unknown): GoFunc {
  return goFunc(sig, fn);
}

const AND = raw('func(reflect.Value, ...reflect.Value) reflect.Value', () => null);
const OR = raw('func(reflect.Value, ...reflect.Value) reflect.Value', () => null);
const CALL = raw('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', () => null);

/** Which special builtin a function is, if any. */
export function isBuiltinSpecial(fn: GoFunc): SpecialBuiltin | undefined {
  if (fn === AND) return 'and';
  if (fn === OR) return 'or';
  if (fn === CALL) return 'call';
  return undefined;
}

/** Runs a special builtin's call part (`call NAME FN ARGS…`). */
export function callBuiltin(name: SpecialBuiltin, argv: Value[]): Value {
  if (name !== 'call') return undefined;
  const [calleeName, fn, ...args] = argv;
  return callFunc(calleeName as string, fn, args);
}

/** Go's `call`: calls a function value with arguments converted as reflect.Call would. */
function callFunc(name: string, fn: Value, args: Value[]): Value {
  if (fn === undefined || fn === null) throw new GoError('call of nil');
  if (!isGoFunc(fn)) throw new GoError(`non-function ${name} of type ${typeName(fn)}`);
  const numIn = fn.params.length;
  if (fn.variadic !== undefined) {
    if (args.length < numIn) {
      throw new GoError(`wrong number of args for ${name}: got ${args.length} want at least ${numIn}`);
    }
  } else if (args.length !== numIn) {
    throw new GoError(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  }
  const argv: GoValue[] = args.map((a, i) => {
    const t = i < numIn ? (fn.params[i] as string) : (fn.variadic as string);
    return prepareArg(a ?? null, t, i);
  });
  return fn.fn(...argv) as Value;
}

function prepareArg(v: GoValue, t: string, i: number): GoValue {
  if (v === null) {
    if (t === 'interface {}' || t.startsWith('*') || t.startsWith('[]') || t.startsWith('map[')) return null;
    throw new GoError(`arg ${i}: value is nil; should be of type ${t}`);
  }
  if (t === 'interface {}' || typeName(v) === t) return v instanceof GoNumber ? v.value : v;
  const n = intValue(v);
  if (n !== undefined && (t === 'int' || t.startsWith('int') || t.startsWith('uint'))) return n;
  throw new GoError(`arg ${i}: value has type ${typeName(v)}; should be ${t}`);
}

// ---------------------------------------------------------------------------------------------
// index, slice, len

function indexArg(index: Value, cap: number): number {
  if (index === undefined || index === null) throw new GoError('cannot index slice/array with nil');
  const x = intValue(index);
  if (x === undefined) throw new GoError(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new GoError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: Value, ...indexes: Value[]): Value {
  if (item === undefined || item === null) throw new GoError('index of untyped nil');
  let cur: Value = item;
  for (const idx of indexes) {
    if (cur === null) throw new GoError('index of nil pointer');
    if (typeof cur === 'string') {
      const bytes: Uint8Array | undefined = isAscii(cur) ? undefined : utf8Encoder.encode(cur);
      const len = bytes ? bytes.length : cur.length;
      const x = indexArg(idx, len);
      if (x >= len) throw new GoError('reflect: string index out of range');
      cur = new GoNumber('uint8', BigInt(bytes ? (bytes[x] as number) : cur.charCodeAt(x)));
    } else if (Array.isArray(cur) || cur instanceof Uint8Array) {
      const x = indexArg(idx, cur.length);
      if (x >= cur.length) throw new GoError('reflect: slice index out of range');
      cur = cur instanceof Uint8Array ? new GoNumber('uint8', BigInt(cur[x] as number)) : (cur[x] ?? null);
    } else if (isGoMap(cur)) {
      if (idx === undefined || idx === null) throw new GoError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new GoError(`value has type ${typeName(idx)}; should be string`);
      cur = mapHas(cur, idx) ? (mapGet(cur, idx) ?? null) : zeroValue(elemType(cur));
    } else {
      throw new GoError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

function slice(item: Value, ...indexes: Value[]): Value {
  if (item === undefined || item === null) throw new GoError('slice of untyped nil');
  if (indexes.length > 3) throw new GoError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new GoError('cannot 3-index slice a string');
    len = utf8Length(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    throw new GoError(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  const [lo = 0, hi = 0, max = 0] = idx;
  if (lo > hi) throw new GoError(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new GoError(`invalid slice index: ${hi} > ${max}`);
  if (typeof item === 'string') {
    return isAscii(item) ? item.slice(lo, hi) : utf8Decoder.decode(utf8Encoder.encode(item).subarray(lo, hi));
  }
  if (item instanceof Uint8Array) return item.slice(lo, hi);
  const out = item.slice(lo, hi);
  return elemType(item) === 'interface {}' ? out : typedSlice(elemType(item), out);
}

function length(item: Value): bigint {
  if (item === undefined) throw new GoError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new GoError('len of nil pointer');
  if (typeof item === 'string') return BigInt(utf8Length(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isGoMap(item)) return BigInt(Object.keys(item).length);
  throw new GoError(`len of type ${typeName(item)}`);
}

// ---------------------------------------------------------------------------------------------
// Comparison

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: Value): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
    default:
      break;
  }
  if (v instanceof GoNumber) {
    if (typeof v.value === 'number') return 'float';
    return v.type.startsWith('u') ? 'uint' : 'int';
  }
  return 'invalid';
}

function num(v: Value): bigint | number {
  if (v instanceof GoNumber) return v.value;
  return v as bigint | number;
}

function isNilValue(v: Value): boolean {
  return v === undefined || v === null;
}

function goKind(v: Value): string {
  if (v === undefined || v === null) return 'invalid';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.type.pointer === true ? 'ptr' : 'struct';
  if (isGoFunc(v)) return 'func';
  return 'map';
}

function eqOne(arg1: Value, k1: Kind, arg: Value): boolean {
  const k2 = basicKind(arg);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (num(arg1) as bigint) >= 0n && num(arg1) === num(arg);
    if (k1 === 'uint' && k2 === 'int') return (num(arg) as bigint) >= 0n && num(arg1) === num(arg);
    if (!isNilValue(arg1) && !isNilValue(arg)) {
      throw new GoError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
    }
    return false;
  }
  switch (k1) {
    case 'bool':
    case 'string':
      return arg1 === arg;
    case 'int':
    case 'uint':
    case 'float':
      return num(arg1) === num(arg);
    default:
      break;
  }
  const ka = goKind(arg1);
  const kb = goKind(arg);
  if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
    throw new GoError(
      `non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprintf('%v', [arg])}`,
    );
  }
  if (isNilValue(arg1) || isNilValue(arg)) return isNilValue(arg) === isNilValue(arg1);
  if (kb === 'slice' || kb === 'map' || kb === 'func') {
    throw new GoError(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
  }
  return structEqual(arg1, arg);
}

function structEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (!(a instanceof GoStruct) || !(b instanceof GoStruct) || a.type !== b.type) return false;
  if (a.type.pointer === true) return false;
  return a.type.fields.every((f) => {
    const x = a.fields[f.name] ?? null;
    const y = b.fields[f.name] ?? null;
    return x === y || (x instanceof GoNumber && y instanceof GoNumber && x.value === y.value) || structEqual(x, y);
  });
}

function eq(arg1: Value, ...arg2: Value[]): boolean {
  if (arg2.length === 0) throw new GoError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of arg2) if (eqOne(arg1, k1, arg)) return true;
  return false;
}

function lt(arg1: Value, arg2: Value): boolean {
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoError('invalid type for comparison');
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (num(arg1) as bigint) < 0n || num(arg1) < num(arg2);
    if (k1 === 'uint' && k2 === 'int') return (num(arg2) as bigint) >= 0n && num(arg1) < num(arg2);
    throw new GoError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg2)}`);
  }
  switch (k1) {
    case 'bool':
      throw new GoError('invalid type for comparison');
    case 'string':
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default:
      return num(arg1) < num(arg2);
  }
}

function le(a: Value, b: Value): boolean {
  return lt(a, b) || eq(a, b);
}

// ---------------------------------------------------------------------------------------------
// Escapers

/** Go's evalArgs: a single string as is, otherwise fmt.Sprint with `<no value>` for nil. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

/** template.HTMLEscapeString. */
export function htmlEscapeString(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) => HTML_ESCAPES[c] ?? c);
}
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** template.JSEscapeString. */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encoder.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The builtin function map. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', AND],
  ['call', CALL],
  ['html', raw('func(...interface {}) string', (...a) => htmlEscapeString(evalArgs(a)))],
  ['index', raw('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', index)],
  ['slice', raw('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', slice)],
  ['js', raw('func(...interface {}) string', (...a) => jsEscapeString(evalArgs(a)))],
  ['len', raw('func(reflect.Value) (int, error)', length)],
  ['not', raw('func(reflect.Value) bool', (a) => !isTrue(a))],
  ['or', OR],
  ['print', raw('func(...interface {}) string', (...a) => sprint(a))],
  ['printf', raw('func(string, ...interface {}) string', (f, ...a) => sprintf(f as string, a))],
  ['println', raw('func(...interface {}) string', (...a) => sprintln(a))],
  ['urlquery', raw('func(...interface {}) string', (...a) => queryEscape(evalArgs(a)))],
  ['eq', raw('func(reflect.Value, ...reflect.Value) (bool, error)', eq)],
  ['ge', raw('func(reflect.Value, reflect.Value) (bool, error)', (a, b) => !lt(a, b))],
  ['gt', raw('func(reflect.Value, reflect.Value) (bool, error)', (a, b) => !le(a, b))],
  ['le', raw('func(reflect.Value, reflect.Value) (bool, error)', le)],
  ['lt', raw('func(reflect.Value, reflect.Value) (bool, error)', lt)],
  ['ne', raw('func(reflect.Value, reflect.Value) (bool, error)', (a, b) => !eq(a, b))],
]);
