/**
 * The Go value model of the template engine: the JavaScript values that stand for Go values, keeping
 * what changes a template's output.
 *
 * | Go                                  | JavaScript                                              |
 * | ----------------------------------- | ------------------------------------------------------- |
 * | `nil` (untyped nil, nil interface)  | `null`                                                  |
 * | `bool`, `string`                    | `boolean`, `string`                                     |
 * | `float64`                           | `number` (all numbers read from YAML/JSON, as in Helm)  |
 * | `int`                               | `bigint` (template constants, `len`, range indexes)     |
 * | `int64`, `uint8`, `float32`, …      | {@link GoNumber} (Sprig math returns `int64`)           |
 * | `[]byte`                            | `Uint8Array`                                            |
 * | `[]interface {}`                    | array (typed slices carry {@link GO_TYPE})              |
 * | `map[string]interface {}`           | plain object (own keys only; typed maps carry GO_TYPE)  |
 * | structs, pointers to structs        | {@link GoStruct} (fields, methods, JSON names)          |
 * | `func`                              | {@link GoFunc} (signature + implementation)             |
 *
 * Why: Helm values come from YAML through JSON, so they are `float64` (`1e+06` prints for a million),
 * while `--set` values and Sprig results are `int64`; `eq 1 .Values.x` fails on `float64` as in Go.
 * Missing map keys are `undefined` inside the executor only (Go's invalid `reflect.Value`).
 */

/** Symbol under which typed slices and maps carry their Go type. */
export const GO_TYPE: unique symbol = Symbol.for('kustomize-ts.goType');

/** Numeric Go types other than `int` (bigint) and `float64` (number). */
export type GoNumberType =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32';

/** A Go number of a type other than `int` and `float64`. Integers hold a bigint, floats a number. */
export class GoNumber {
  constructor(
    readonly type: GoNumberType,
    readonly value: bigint | number,
  ) {}
}

/** The Go type of a typed slice or map (`[]string`, `map[string]int`, `chartutil.Values`). */
export interface GoCollectionType {
  /** Type name as Go's `%T` prints it. */
  readonly name: string;
  /** Element type (Go syntax, e.g. `interface {}`, `string`, `int`). */
  readonly elem: string;
  /** Underlying unnamed type for named types (`map[string]interface {}` for `chartutil.Values`). */
  readonly underlying?: string;
  /** Methods callable from templates (`.Values.AsMap`, `.Files.Get`). */
  readonly methods?: Readonly<Record<string, GoFunc>>;
}

/** A Go slice: a JavaScript array, `[]interface {}` unless tagged. */
export interface GoSlice extends Array<GoValue> {
  [GO_TYPE]?: GoCollectionType;
}

/** A Go map with string keys: a plain object, `map[string]interface {}` unless tagged. */
export interface GoMap {
  [key: string]: GoValue;
  [GO_TYPE]?: GoCollectionType;
}

/** One field of a Go struct type. */
export interface GoFieldInfo {
  /** Go field name (exported fields start with an upper-case letter). */
  readonly name: string;
  /** Go type of the field, for zero values and `%T`. */
  readonly type: string;
  /** JSON name from the `json:"…"` tag (`-` to skip); the Go name when absent. */
  readonly json?: string;
  /** `json:",omitempty"`. */
  readonly omitEmpty?: boolean;
  /** An embedded (anonymous) struct field whose fields are promoted. */
  readonly embedded?: boolean;
}

/** A Go struct type (or pointer-to-struct type) with its methods. */
export interface GoStructType {
  /** Type name as `%T` prints it, e.g. `chart.Metadata` or `*chartutil.Capabilities`. */
  readonly name: string;
  readonly fields: readonly GoFieldInfo[];
  /** Methods by name; `self` is the struct value. */
  readonly methods?: Readonly<Record<string, GoMethod>>;
  /** Whether values are pointers (`&{…}` at the top level of `%v`). */
  readonly pointer?: boolean;
  /** Custom JSON form (json.Marshaler), e.g. time.Time. */
  readonly marshalJSON?: (self: GoStruct) => GoValue;
}

/** A method: a function whose first argument is the receiver. */
export interface GoMethod {
  readonly signature: string;
  readonly fn: (self: GoStruct, ...args: GoValue[]) => GoValue;
}

/** A Go struct value. */
export class GoStruct {
  constructor(
    readonly type: GoStructType,
    readonly fields: Record<string, GoValue>,
  ) {}
}

/** A Go function value (template functions, methods bound to a receiver, func-typed fields). */
export interface GoFunc {
  readonly kind: 'func';
  /** Parameter types of the fixed parameters (Go syntax; `interface {}` for any). */
  readonly params: readonly string[];
  /** Element type of the final `...` parameter, when variadic. */
  readonly variadic: string | undefined;
  /** Go type of the (first) result. */
  readonly result: string;
  /** Whether the function also returns an `error` (thrown as {@link GoError}). */
  readonly returnsError: boolean;
  /** Go type text, e.g. `func(string, ...interface {}) string`. */
  readonly typeName: string;
  /**
   * The implementation. Arguments come converted to their parameter types: integer kinds as bigint,
   * float kinds as number, other types as GoValue. The result is boxed by the result type (a bigint
   * for an `int64` result becomes a GoNumber). Errors are thrown as {@link GoError}.
   */
  readonly fn: (...args: GoValue[]) => unknown;
}

/** Every value a template sees. */
export type GoValue =
  | null
  | boolean
  | string
  | number
  | bigint
  | GoNumber
  | Uint8Array
  | GoSlice
  | GoMap
  | GoStruct
  | GoFunc;

/** An error returned by a Go function (the `error` result); its message is Go's `err.Error()`. */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

// ---------------------------------------------------------------------------------------------
// Constructors

const signatureCache = new Map<string, Omit<GoFunc, 'fn' | 'kind'>>();

/** Parses `func(a, b ...c) (r, error)` into parameter and result types. */
function parseSignature(sig: string): Omit<GoFunc, 'fn' | 'kind'> {
  const cached = signatureCache.get(sig);
  if (cached) return cached;
  const m = /^func\((.*?)\)\s*(.*)$/.exec(sig);
  if (!m) throw new Error(`bad Go signature: ${sig}`);
  const paramText = (m[1] ?? '').trim();
  const params = paramText === '' ? [] : splitTypes(paramText);
  let variadic: string | undefined;
  const last = params[params.length - 1];
  if (last?.startsWith('...')) {
    variadic = last.slice(3);
    params.pop();
  }
  let resultText = (m[2] ?? '').trim();
  let returnsError = false;
  if (resultText.startsWith('(')) {
    const results = splitTypes(resultText.slice(1, -1));
    resultText = results[0] ?? '';
    returnsError = results[1] === 'error';
  }
  const out = { params, variadic, result: resultText, returnsError, typeName: sig };
  signatureCache.set(sig, out);
  return out;
}

/** Splits a comma-separated type list, respecting brackets and braces. */
function splitTypes(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/**
 * Declares a template function with its Go signature, e.g.
 * `goFunc('func(int, string) string', (n, s) => …)`. See {@link GoFunc.fn} for argument conversion.
 */
export function goFunc(signature: string, fn: (...args: never[]) => unknown): GoFunc {
  return { kind: 'func', ...parseSignature(signature), fn: fn as (...args: GoValue[]) => unknown };
}

/** Whether a value is a {@link GoFunc}. */
export function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'func' && !Array.isArray(v);
}

/** Whether a value is a Go map (plain object). */
export function isGoMap(v: GoValue | undefined): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoNumber) &&
    !(v instanceof GoStruct) &&
    !(v instanceof Uint8Array) &&
    !isGoFunc(v)
  );
}

/** Tags an array as a typed slice (`[]string`, `[]int`) and returns it. */
export function typedSlice(elem: string, values: GoValue[]): GoSlice {
  const s = values as GoSlice;
  if (elem !== 'interface {}') s[GO_TYPE] = sliceType(elem);
  return s;
}

const sliceTypes = new Map<string, GoCollectionType>();
function sliceType(elem: string): GoCollectionType {
  let t = sliceTypes.get(elem);
  if (!t) {
    t = { name: `[]${elem}`, elem };
    sliceTypes.set(elem, t);
  }
  return t;
}

/** Tags a plain object as a typed map and returns it. */
export function typedMap(type: GoCollectionType, values: GoMap): GoMap {
  values[GO_TYPE] = type;
  return values;
}

/** A map type `map[string]ELEM`. */
export function mapType(elem: string): GoCollectionType {
  return { name: `map[string]${elem}`, elem };
}

/** `int64(n)`. */
export function int64(n: bigint | number): GoNumber {
  return new GoNumber('int64', typeof n === 'bigint' ? n : BigInt(Math.trunc(n)));
}

/** Own-property read of a Go map that never reaches the prototype chain. */
export function mapGet(m: GoMap, key: string): GoValue | undefined {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

/** Own-property write that is safe for `__proto__`. */
export function mapSet(m: GoMap, key: string, value: GoValue): void {
  if (key === '__proto__') {
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    m[key] = value;
  }
}

/** Whether a Go map has a key. */
export function mapHas(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A new `map[string]interface {}`. */
export function newMap(): GoMap {
  return {};
}

// ---------------------------------------------------------------------------------------------
// Types and kinds

/** Go's reflect.Kind names, as Sprig's `kindOf` prints them. */
export type GoKind =
  | 'invalid'
  | 'bool'
  | 'string'
  | 'int'
  | 'float64'
  | GoNumberType
  | 'slice'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func';

/** The reflect.Kind of a value (`invalid` for nil). */
export function kindOf(v: GoValue | undefined): GoKind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    default:
      break;
  }
  if (v instanceof GoNumber) return v.type;
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.type.pointer ? 'ptr' : 'struct';
  if (isGoFunc(v)) return 'func';
  return 'map';
}

/** The Go type of a value as `%T` prints it (`<nil>` for nil). */
export function typeName(v: GoValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    default:
      break;
  }
  if (v instanceof GoNumber) return v.type;
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof GoStruct) return v.type.name;
  if (isGoFunc(v)) return v.typeName;
  if (Array.isArray(v)) return v[GO_TYPE]?.name ?? '[]interface {}';
  return v[GO_TYPE]?.name ?? 'map[string]interface {}';
}

/** The element type of a slice or map value. */
export function elemType(v: GoSlice | GoMap): string {
  return v[GO_TYPE]?.elem ?? 'interface {}';
}

/** Integer kinds (signed and unsigned). */
export function isIntType(t: string): boolean {
  return t === 'int' || INT_TYPES.has(t);
}
const INT_TYPES = new Set([
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
]);

/** Unsigned integer kinds. */
export function isUintType(t: string): boolean {
  return t.startsWith('uint');
}

/** Bit size of an integer type. */
export function intBits(t: string): number {
  if (t.endsWith('8')) return 8;
  if (t.endsWith('16')) return 16;
  if (t.endsWith('32')) return 32;
  return 64;
}

/** Wraps an integer to the range of a Go integer type (two's complement), as Go conversions do. */
export function wrapInt(t: string, n: bigint): bigint {
  const bits = intBits(t);
  return isUintType(t) ? BigInt.asUintN(bits, n) : BigInt.asIntN(bits, n);
}

/** Makes a value of integer type `t` from a bigint (bigint for `int`, GoNumber otherwise). */
export function makeInt(t: string, n: bigint): GoValue {
  return t === 'int' ? BigInt.asIntN(64, n) : new GoNumber(t as GoNumberType, wrapInt(t, n));
}

/** The zero value of a Go type, or undefined when it cannot be represented (structs, pointers). */
export function zeroValue(t: string): GoValue {
  if (t === 'string') return '';
  if (t === 'bool') return false;
  if (t === 'float64') return 0;
  if (t === 'float32') return new GoNumber('float32', 0);
  if (t === 'int') return 0n;
  if (INT_TYPES.has(t)) return new GoNumber(t as GoNumberType, 0n);
  return null;
}

/** Whether values of a type can be nil (interfaces, maps, slices, pointers, funcs). */
export function canBeNil(t: string): boolean {
  return (
    t === 'interface {}' ||
    t === 'error' ||
    t.startsWith('[]') ||
    t.startsWith('map[') ||
    t.startsWith('*') ||
    t.startsWith('func(') ||
    t.startsWith('interface') ||
    t === 'reflect.Value'
  );
}

// ---------------------------------------------------------------------------------------------
// Truth and numbers

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false; structs true. */
export function isTrue(v: GoValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    default:
      break;
  }
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value !== 0n : v.value !== 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoStruct || isGoFunc(v)) return true;
  return Object.keys(v).length > 0;
}

/** The integer value of an integer-kind value, or undefined. */
export function intValue(v: GoValue | undefined): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNumber && typeof v.value === 'bigint') return v.value;
  return undefined;
}

/** The float value of a float-kind value, or undefined. */
export function floatValue(v: GoValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof GoNumber && typeof v.value === 'number') return v.value;
  return undefined;
}

/** Go string comparison (bytewise UTF-8, i.e. by code point): negative, zero or positive. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after U+E000–U+FFFF in UTF-8.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Map keys in Go's sorted order (fmt and `range` sort keys). */
export function sortedMapKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** Whether a string is all ASCII (byte offsets equal UTF-16 offsets). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** UTF-8 byte length of a string (Go's `len` of a string). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n += 2;
          i++;
          continue;
        }
        n += 2;
      } else n += 2;
    }
  }
  return n;
}
