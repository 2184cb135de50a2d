/**
 * Encodings of template values: Go's encoding/json (Marshal with HTML escaping, MarshalIndent, an
 * encoder without HTML escaping; struct JSON tags and omitempty; `[]byte` as base64), JSON and YAML
 * decoding into Go values (numbers become float64, as through Helm's sigs.k8s.io/yaml), `toYaml` through
 * the repository's go-yaml v2 emitter (src/yaml), TOML both ways, base64 and base32.
 */
import { parse as parseToml } from 'smol-toml';
import { stringify as stringifyYaml } from 'yaml';
import { compareKeys, emitDocument, parseYamlStream, type YamlMap, type YamlValue } from '../../yaml/index.js';
import {
  GoError,
  GoNumber,
  GoStruct,
  formatFloat,
  isGoFunc,
  mapGet,
  mapSet,
  sortedMapKeys,
  typeName,
  type GoMap,
  type GoValue,
} from '../template/index.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

// ---------------------------------------------------------------------------------------------
// JSON out

/** Go's json.Marshal of a string. */
export function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 8 ? '\\b' : c === 12 ? '\\f' : c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : '\\u00' + hex2(c);
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) esc = '\\u00' + hex2(c);
    else if (c === 0x2028 || c === 0x2029) esc = '\\u202' + (c & 15).toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

function hex2(c: number): string {
  return c.toString(16).padStart(2, '0');
}

/** Go's JSON float: 'f' format, or 'e' outside [1e-6, 1e21), with `e-09` shortened to `e-9`. */
export function jsonFloat(f: number, bits = 64): string {
  if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1, bits)}`);
  const abs = Math.abs(f);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(f, fmt, -1, bits);
  if (fmt === 'e') s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}

interface JsonOptions {
  escapeHTML: boolean;
  indent: string;
}

/** Go's json.Marshal (escapeHTML) / json.MarshalIndent. Throws GoError for unsupported values. */
export function marshalJSON(v: GoValue, options: JsonOptions = { escapeHTML: true, indent: '' }): string {
  return encodeJSON(v, options, '', 0);
}

function encodeJSON(v: GoValue, o: JsonOptions, prefix: string, depth: number): string {
  if (depth > 1000) throw new GoError('json: unsupported value: encountered a cycle');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return jsonString(v, o.escapeHTML);
    case 'number':
      return jsonFloat(v);
    case 'bigint':
      return v.toString();
    default:
      break;
  }
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value.toString() : jsonFloat(v.value, 32);
  if (v instanceof Uint8Array) return '"' + base64Encode(v) + '"';
  if (isGoFunc(v)) throw new GoError(`json: unsupported type: ${v.typeName}`);
  if (v instanceof GoStruct) {
    if (v.type.marshalJSON) return encodeJSON(v.type.marshalJSON(v), o, prefix, depth + 1);
    return encodeObject(structJSONEntries(v), o, prefix, depth);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = prefix + o.indent;
    const parts = v.map((e) => encodeJSON(e, o, inner, depth + 1));
    if (o.indent === '') return '[' + parts.join(',') + ']';
    return '[\n' + parts.map((p) => inner + p).join(',\n') + '\n' + prefix + ']';
  }
  const m = v;
  return encodeObject(
    sortedMapKeys(m).map((k) => [k, mapGet(m, k) ?? null]),
    o,
    prefix,
    depth,
  );
}

function encodeObject(entries: [string, GoValue][], o: JsonOptions, prefix: string, depth: number): string {
  if (entries.length === 0) return '{}';
  const inner = prefix + o.indent;
  const parts = entries.map(
    ([k, val]) => jsonString(k, o.escapeHTML) + (o.indent === '' ? ':' : ': ') + encodeJSON(val, o, inner, depth + 1),
  );
  if (o.indent === '') return '{' + parts.join(',') + '}';
  return '{\n' + parts.map((p) => inner + p).join(',\n') + '\n' + prefix + '}';
}

/** Whether a value is empty for `omitempty` (false, 0, "", nil, empty collections). */
function omitEmpty(v: GoValue): boolean {
  if (v === null || v === false || v === '' || v === 0 || v === 0n) return true;
  if (v instanceof GoNumber) return v.value === 0n || v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof GoStruct || isGoFunc(v) || typeof v !== 'object') return false;
  return Object.keys(v).length === 0;
}

/** The JSON members of a struct: exported fields by JSON name, embedded structs flattened. */
export function structJSONEntries(s: GoStruct): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  for (const f of s.type.fields) {
    if (f.json === '-' || !/^\p{Lu}/u.test(f.name)) continue;
    const val = s.fields[f.name] ?? null;
    if (f.embedded === true && f.json === undefined && val instanceof GoStruct) {
      out.push(...structJSONEntries(val));
      continue;
    }
    if (f.omitEmpty === true && omitEmpty(val)) continue;
    out.push([f.json ?? f.name, val]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON / YAML values

/** A Go value as the plain JSON-like tree the YAML emitter takes (json.Marshal semantics). */
export function toYamlValue(v: GoValue, depth = 0): YamlValue {
  if (depth > 1000) throw new GoError('json: unsupported value: encountered a cycle');
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) jsonFloat(v);
    return v;
  }
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (v instanceof GoNumber) {
    if (typeof v.value === 'number') return Number(jsonFloat(v.value, 32));
    return Number.isSafeInteger(Number(v.value)) ? Number(v.value) : v.value;
  }
  if (v instanceof Uint8Array) return base64Encode(v);
  if (isGoFunc(v)) throw new GoError(`json: unsupported type: ${v.typeName}`);
  if (v instanceof GoStruct) {
    if (v.type.marshalJSON) return toYamlValue(v.type.marshalJSON(v), depth + 1);
    const out: YamlMap = {};
    for (const [k, val] of structJSONEntries(v)) setYaml(out, k, toYamlValue(val, depth + 1));
    return out;
  }
  if (Array.isArray(v)) return v.map((e) => toYamlValue(e, depth + 1));
  const out: YamlMap = {};
  for (const k of Object.keys(v)) setYaml(out, k, toYamlValue(mapGet(v, k) ?? null, depth + 1));
  return out;
}

function setYaml(m: YamlMap, k: string, v: YamlValue): void {
  if (k === '__proto__')
    Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  else m[k] = v;
}

/** A decoded JSON/YAML tree as Go values: numbers are float64, as encoding/json decodes into interface{}. */
export function fromPlainValue(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(fromPlainValue);
  if (v instanceof Date) return v.toISOString();
  const out: GoMap = {};
  for (const k of Object.keys(v)) mapSet(out, k, fromPlainValue((v as Record<string, unknown>)[k]));
  return out;
}

/**
 * Whether a Go value is already the tree {@link toYamlValue} would make: null, booleans, strings, finite
 * float64s, and slices and maps of those (no integers, structs, bytes or functions, no missing entries),
 * at most 1,000 levels deep. Such a value is written as it is, without a copy.
 */
function isYamlTree(v: GoValue, depth: number): v is YamlValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || depth > 1000) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (e === undefined || !isYamlTree(e, depth + 1)) return false;
    }
    return true;
  }
  if (!isPlainMap(v)) return false;
  for (const k in v) {
    const e = v[k];
    if (e === undefined || !isYamlTree(e, depth + 1)) return false;
  }
  return true;
}

/** A map that is a plain object (not a GoNumber, GoStruct or bytes, which are class instances) and no function. */
function isPlainMap(v: GoValue): v is GoMap {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && !Array.isArray(v) && !isGoFunc(v);
}

/** sigs.k8s.io/yaml.Marshal, trimmed of its final newline (Helm's toYaml); "" when it fails. */
export function toYaml(v: GoValue): string {
  try {
    const text = emitDocument(isYamlTree(v, 0) ? v : toYamlValue(v));
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  } catch {
    return '';
  }
}

/**
 * Helm's toYamlPretty (go-yaml v3's encoder, indent 2: sequences indented under their key), written
 * with the `yaml` package in go-yaml v3's layout; "" when it fails. Scalars are quoted by that
 * package's rules, which match go-yaml v3 for common values (see docs/helm.md).
 */
export function toYamlPretty(v: GoValue): string {
  try {
    const text = stringifyYaml(toYamlValue(v), {
      indent: 2,
      indentSeq: true,
      lineWidth: 0,
      sortMapEntries: (a, b) => compareKeys(String(a.key), String(b.key)),
    });
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  } catch {
    return '';
  }
}

/** YAML text to a Go value through sigs.k8s.io/yaml's YAML → JSON step (first document). Throws GoError. */
export function yamlToGo(text: string): GoValue {
  let parsed = yamlCache.get(text);
  if (parsed === undefined) {
    parsed = parseYamlText(text);
    if (yamlCache.size > 2000) yamlCache.clear();
    yamlCache.set(text, parsed);
  }
  if (parsed instanceof GoError) throw parsed;
  // Fresh Go values on every call: templates mutate what fromYaml returns.
  return fromPlainValue(parsed);
}

/** Parsed texts of fromYaml (charts parse the same rendered snippets many times). */
const yamlCache = new Map<string, YamlValue | GoError>();

function parseYamlText(text: string): YamlValue | GoError {
  const stream = parseYamlStream(text, { file: '', mode: 'yaml11' });
  const err = stream.errors[0];
  if (err) {
    const line = err.range?.start.line;
    return new GoError(
      `error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${err.message}`,
    );
  }
  return stream.documents[0]?.value ?? null;
}

/** A Go value of the wrong shape for a Go target type, as encoding/json reports it. */
export function unmarshalTypeError(v: GoValue, target: string, json: boolean): GoError {
  const what = Array.isArray(v)
    ? 'array'
    : typeof v === 'string'
      ? 'string'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'bool'
          : 'object';
  const msg = `json: cannot unmarshal ${what} into Go value of type ${target}`;
  return new GoError(json ? msg : `error unmarshaling JSON: while decoding JSON: ${msg}`);
}

/** JSON text to a Go value (encoding/json into interface{}). Throws GoError with Go-like messages. */
export function jsonToGo(text: string): GoValue {
  if (text.trim() === '') throw new GoError('unexpected end of JSON input');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GoError(jsonSyntaxMessage(text, e));
  }
  return fromPlainValue(parsed);
}

function jsonSyntaxMessage(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  const pos = m ? Number(m[1]) : -1;
  if (pos < 0 || pos >= text.length) return 'unexpected end of JSON input';
  const ch = text[pos] as string;
  return `invalid character ${quoteChar(ch)} looking for beginning of value`;
}

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  return `'${c}'`;
}

// ---------------------------------------------------------------------------------------------
// TOML

/** TOML text to a Go map (BurntSushi/toml into map[string]interface{}: integers are int64). Throws GoError. */
export function tomlToGo(text: string): GoMap {
  let parsed: unknown;
  try {
    parsed = parseToml(text);
  } catch (e) {
    throw new GoError(tomlErrorMessage(e));
  }
  return fromToml(parsed) as GoMap;
}

/** BurntSushi/toml's wording for the parse errors charts meet; other errors keep smol-toml's text. */
function tomlErrorMessage(e: unknown): string {
  const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  const line = (e as { line?: number }).line ?? 1;
  if (/incomplete key-value|cannot find end of key/.test(msg)) {
    return `toml: line ${line}: unexpected EOF; expected key separator '='`;
  }
  return `toml: line ${line}: ${msg}`;
}

function fromToml(v: unknown): GoValue {
  if (typeof v === 'bigint') return new GoNumber('int64', v);
  if (typeof v === 'number') return Number.isInteger(v) ? new GoNumber('int64', BigInt(v)) : v;
  if (Array.isArray(v)) return v.map(fromToml);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) mapSet(out, k, fromToml((v as Record<string, unknown>)[k]));
    return out;
  }
  return fromPlainValue(v);
}

/** BurntSushi/toml's encoder for maps: plain keys first, then sub-tables, keys sorted. */
export function toToml(v: GoValue): string {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof GoNumber || v instanceof Uint8Array) {
    return 'toml: top-level values must be Go maps or structs';
  }
  const out: string[] = [];
  try {
    tomlTable(out, [], v instanceof GoStruct ? Object.fromEntries(structJSONEntries(v)) : (v as GoMap));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return out.join('');
}

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlQuote(k);
}

function tomlQuote(s: string): string {
  return (
    '"' +
    // eslint-disable-next-line no-control-regex -- TOML escapes the C0 controls
    s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => TOML_ESC[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) +
    '"'
  );
}
const TOML_ESC: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function isTableLike(v: GoValue): boolean {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof GoNumber) &&
    !(v instanceof Uint8Array) &&
    !isGoFunc(v)
  );
}

function isArrayOfTables(v: GoValue): boolean {
  return Array.isArray(v) && v.length > 0 && v.every(isTableLike);
}

function tomlScalar(v: GoValue, indent: string): string {
  if (typeof v === 'string') return tomlQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    const s = formatFloat(v, 'f', -1);
    return s.includes('.') ? s : s + '.0';
  }
  if (v instanceof GoNumber) return typeof v.value === 'bigint' ? v.value.toString() : tomlScalar(v.value, indent);
  if (Array.isArray(v)) return '[' + v.map((e) => tomlScalar(e, indent)).join(', ') + ']';
  if (v === null) throw new GoError('toml: cannot encode a nil value');
  throw new GoError(`toml: unsupported type: ${typeName(v)}`);
}

function tomlTable(out: string[], path: string[], m: GoMap): void {
  const keys = sortedMapKeys(m);
  const indent = '  '.repeat(path.length);
  for (const k of keys) {
    const v = mapGet(m, k) ?? null;
    if (v === null || isTableLike(v) || isArrayOfTables(v)) continue;
    out.push(`${indent}${tomlKey(k)} = ${tomlScalar(v, indent)}\n`);
  }
  for (const k of keys) {
    const v = mapGet(m, k) ?? null;
    const sub = [...path, k];
    if (isArrayOfTables(v)) {
      for (const e of v as GoValue[]) {
        out.push(`${out.length > 0 ? '\n' : ''}${'  '.repeat(sub.length - 1)}[[${sub.map(tomlKey).join('.')}]]\n`);
        tomlTable(out, sub, e instanceof GoStruct ? Object.fromEntries(structJSONEntries(e)) : (e as GoMap));
      }
    } else if (v !== null && isTableLike(v)) {
      out.push(`${out.length > 0 ? '\n' : ''}${'  '.repeat(sub.length - 1)}[${sub.map(tomlKey).join('.')}]\n`);
      tomlTable(out, sub, v instanceof GoStruct ? Object.fromEntries(structJSONEntries(v)) : (v as GoMap));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// base64 / base32

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.EncodeToString. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      (B64[n >> 18] as string) +
      (B64[(n >> 12) & 63] as string) +
      (B64[(n >> 6) & 63] as string) +
      (B64[n & 63] as string);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += (B64[n >> 18] as string) + (B64[(n >> 12) & 63] as string) + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += (B64[n >> 18] as string) + (B64[(n >> 12) & 63] as string) + (B64[(n >> 6) & 63] as string) + '=';
  }
  return out;
}

/** base64.StdEncoding.DecodeString; throws GoError (`illegal base64 data at input byte N`). */
export function base64Decode(s: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  let i = 0;
  for (; i < clean.length && clean[i] !== '='; i++) {
    const v = B64.indexOf(clean[i] as string);
    if (v < 0) throw new GoError(`illegal base64 data at input byte ${i}`);
    buf = ((buf << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 255);
    }
  }
  const dataLen = i;
  const pad = clean.slice(i);
  const quantum = dataLen % 4;
  const wantPad = quantum === 0 ? 0 : 4 - quantum;
  if (quantum === 1) throw new GoError(`illegal base64 data at input byte ${dataLen - 1}`);
  if (pad.length !== wantPad || !/^=*$/.test(pad)) {
    throw new GoError(`illegal base64 data at input byte ${pad.length === 0 ? clean.length : dataLen}`);
  }
  return Uint8Array.from(out);
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding.EncodeToString. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buf = 0;
  let bits = 0;
  for (const b of bytes) {
    buf = (buf << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(buf >> bits) & 31] as string;
    }
    buf &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(buf << (5 - bits)) & 31] as string;
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** base32.StdEncoding.DecodeString; throws GoError. */
export function base32Decode(s: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 8 !== 0)
    throw new GoError(`illegal base32 data at input byte ${clean.length - (clean.length % 8)}`);
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  const body = clean.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) {
    const v = B32.indexOf(body[i] as string);
    if (v < 0) throw new GoError(`illegal base32 data at input byte ${i}`);
    buf = ((buf << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

/** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}
