/**
 * A small decoder that reads a YAML/JSON value into a typed shape the way Go's `encoding/json` decodes
 * into a struct with `DisallowUnknownFields`: field names match case-insensitively, unknown fields and
 * wrong types are errors worded as Go words them. kustomize reads kustomization files and builtin plugin
 * configs this way, so their errors and quirks (e.g. `NAMEPREFIX:` works) follow from the same tables.
 */
import type { YamlValue, YamlMap } from '../yaml/values.js';
import { isMap, setField } from '../yaml/values.js';

/** A Go type, as data. */
export type GoType = (
  | { readonly t: 'string' }
  | { readonly t: 'bool' }
  | { readonly t: 'int' }
  | { readonly t: 'any' }
  | { readonly t: 'list'; readonly of: GoType }
  | { readonly t: 'map'; readonly of: GoType }
  | {
      readonly t: 'struct';
      readonly name: string;
      /** Every field encoding/json sees, promoted fields of embedded structs included. */
      readonly fields: Readonly<Record<string, GoType>>;
      /** Fields promoted from an embedded struct: field → the embedded path Go names in errors (`ResId.Gvk`). */
      readonly embedded?: Readonly<Record<string, string>>;
      /** The embedded structs themselves, by Go field name (sigs.k8s.io/yaml converts values against them). */
      readonly embeds?: Readonly<Record<string, GoStructType>>;
      /** The Go package that names the type in errors (default `types`). */
      readonly pkg?: string;
    }
) & {
  /** The Go type's name where it is not the kind's own (`int`, `types.Cloud`, `types.FsSlice`). */
  readonly goName?: string;
  /** Held through a pointer (a list of them is `[]*types.X`). */
  readonly ptr?: boolean;
};

export const goString: GoType = { t: 'string' };
export const goBool: GoType = { t: 'bool' };
/** Go's int64 (kustomize's Replica.Count). */
export const goInt: GoType = { t: 'int' };
/** Go's int (64 bits wide, named `int` in errors). */
export const goIntPlain: GoType = { t: 'int', goName: 'int' };
export const goAny: GoType = { t: 'any' };
export const listOf = (of: GoType, goName?: string): GoType => (goName ? { t: 'list', of, goName } : { t: 'list', of });
export const mapOf = (of: GoType): GoType => ({ t: 'map', of });
/** `t` under another Go name (a named string type such as `types.PatchStrategicMerge`). */
export const named = (t: GoType, goName: string): GoType => ({ ...t, goName });
/** `t` held through a pointer. */
export const ptr = <T extends GoType>(t: T): T => ({ ...t, ptr: true });
export const struct = (
  name: string,
  fields: Record<string, GoType>,
  embedded?: Record<string, string>,
): GoStructType => (embedded ? { t: 'struct', name, fields, embedded } : { t: 'struct', name, fields });

/**
 * A struct with embedded structs (Go's anonymous fields without a JSON name): their fields are promoted,
 * the struct's own fields win over promoted ones of the same name.
 */
export function embedding(
  name: string,
  own: Record<string, GoType>,
  embeds: Record<string, GoStructType>,
  pkg?: string,
): GoStructType {
  const fields: Record<string, GoType> = {};
  const embedded: Record<string, string> = {};
  for (const [via, e] of Object.entries(embeds)) {
    for (const [f, ft] of Object.entries(e.fields)) {
      fields[f] = ft;
      const inner = e.embedded?.[f];
      embedded[f] = inner === undefined ? via : `${via}.${inner}`;
    }
  }
  for (const [f, ft] of Object.entries(own)) {
    fields[f] = ft;
    Reflect.deleteProperty(embedded, f);
  }
  return { t: 'struct', name, fields, embedded, embeds, ...(pkg !== undefined ? { pkg } : {}) };
}

/** A Go struct type. */
export type GoStructType = Extract<GoType, { t: 'struct' }>;

/**
 * A Go struct type that decodes into the TypeScript type `T`: declare a table as `GoStruct<T>` next to `T`, and
 * {@link decodeGo} returns a `T` (the table and `T` are kept in step by hand; the decoder checks the value).
 */
export type GoStruct<T> = GoStructType & { readonly decodesTo?: T };

/** A decoding failure, worded like Go's encoding/json. */
export class GoDecodeError extends Error {
  constructor(
    message: string,
    /** JSON path of the offending field, e.g. `patches.0.target`. */
    readonly path: string[],
  ) {
    super(message);
  }
}

/** How Go's reflect names the type in a decoding error. */
export function goTypeName(t: GoType): string {
  if (t.goName !== undefined) return t.goName;
  const elem = (of: GoType): string => `${of.ptr ? '*' : ''}${goTypeName(of)}`;
  switch (t.t) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int64';
    case 'any':
      return 'interface {}';
    case 'list':
      return `[]${elem(t.of)}`;
    case 'map':
      return `map[string]${elem(t.of)}`;
    case 'struct':
      return `${t.pkg ?? 'types'}.${t.name}`;
  }
}

function jsonKind(v: YamlValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

interface Ctx {
  structName: string;
  fieldPath: string[];
  /** Ignore unknown fields (Go's json.Unmarshal without DisallowUnknownFields). */
  allowUnknown?: boolean;
  /** Visit object keys in the order of Go's JSON text (sorted by their UTF-8 bytes). */
  sorted?: boolean;
}

function where(ctx: Ctx): string {
  return ctx.fieldPath.length > 0
    ? ` into Go struct field ${ctx.structName}.${ctx.fieldPath.join('.')}`
    : ' into Go value';
}

function typeError(v: YamlValue, t: GoType, ctx: Ctx): GoDecodeError {
  return new GoDecodeError(
    `json: cannot unmarshal ${jsonKind(v)}${where(ctx)} of type ${goTypeName(t)}`,
    ctx.fieldPath,
  );
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A JSON number into a Go int: an integer literal within int64, else an error naming the literal. */
function decodeInt(v: YamlValue, t: GoType, ctx: Ctx): YamlValue {
  if (typeof v !== 'number' && typeof v !== 'bigint') throw typeError(v, t, ctx);
  const fits = typeof v === 'bigint' ? v >= INT64_MIN && v <= INT64_MAX : Number.isInteger(v) && Math.abs(v) < 2 ** 63;
  if (!fits)
    throw new GoDecodeError(
      `json: cannot unmarshal number ${String(v)}${where(ctx)} of type ${goTypeName(t)}`,
      ctx.fieldPath,
    );
  return v;
}

function decodeValue(v: YamlValue, t: GoType, ctx: Ctx): YamlValue | undefined {
  if (v === null) return undefined; // Go leaves the zero value
  switch (t.t) {
    case 'any':
      return v;
    case 'string':
      if (typeof v !== 'string') throw typeError(v, t, ctx);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw typeError(v, t, ctx);
      return v;
    case 'int':
      return decodeInt(v, t, ctx);
    case 'list': {
      if (!Array.isArray(v)) throw typeError(v, t, ctx);
      const out: YamlValue[] = [];
      for (const item of v) {
        const d = decodeValue(item, t.of, ctx);
        out.push(d === undefined ? zeroValue(t.of) : d);
      }
      return out;
    }
    case 'map': {
      if (!isMap(v)) throw typeError(v, t, ctx);
      const out: YamlMap = {};
      for (const k of keysOf(v, ctx)) {
        const d = decodeValue(v[k] as YamlValue, t.of, ctx);
        setField(out, k, d === undefined ? zeroValue(t.of) : d);
      }
      return out;
    }
    case 'struct':
      return decodeStruct(v, t, ctx);
  }
}

/** Go's string order: by UTF-8 bytes, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function keysOf(m: YamlMap, ctx: Ctx): string[] {
  const keys = Object.keys(m);
  return ctx.sorted ? keys.sort(compareGoStrings) : keys;
}

function zeroValue(t: GoType): YamlValue {
  switch (t.t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'struct':
      return {};
    default:
      return null;
  }
}

function decodeStruct(v: YamlValue, t: Extract<GoType, { t: 'struct' }>, ctx: Ctx): YamlMap {
  if (!isMap(v)) throw typeError(v, t, ctx);
  const out: YamlMap = {};
  const names = Object.keys(t.fields);
  const lower = new Map(names.map((n) => [n.toLowerCase(), n]));
  for (const key of keysOf(v, ctx)) {
    const name = Object.prototype.hasOwnProperty.call(t.fields, key) ? key : lower.get(key.toLowerCase());
    if (name === undefined) {
      if (ctx.allowUnknown) continue;
      throw new GoDecodeError(`json: unknown field "${key}"`, [...ctx.fieldPath, key]);
    }
    const ft = t.fields[name] as GoType;
    const via = t.embedded?.[name];
    const d = decodeValue(v[key] as YamlValue, ft, {
      structName: t.name,
      fieldPath: via === undefined ? [...ctx.fieldPath, name] : [...ctx.fieldPath, via, name],
      ...(ctx.allowUnknown ? { allowUnknown: true } : {}),
      ...(ctx.sorted ? { sorted: true } : {}),
    });
    if (d === undefined) continue;
    // Go merges into a map that is already set (two spellings of one field); other values are replaced.
    const prev = out[name];
    if (ft.t === 'map' && isMap(prev) && isMap(d)) {
      for (const k of Object.keys(d)) setField(prev, k, d[k] as YamlValue);
    } else setField(out, name, d);
  }
  return out;
}

/** Options of {@link decodeGo}. */
export interface DecodeGoOptions {
  /** Skip unknown fields instead of failing (plain `json.Unmarshal`, as builtin plugin configs are read). */
  allowUnknown?: boolean;
  /**
   * Visit object keys in the order of the JSON text Go decodes when it was marshalled from a map (sorted):
   * the first error Go reports is the first in that order.
   */
  sorted?: boolean;
}

/** Decodes `value` as the struct type `t`. Throws {@link GoDecodeError}. */
export function decodeGo<T>(value: YamlValue, t: GoStruct<T>, options: DecodeGoOptions = {}): T {
  const ctx: Ctx = { structName: t.name, fieldPath: [] };
  if (options.allowUnknown) ctx.allowUnknown = true;
  if (options.sorted) ctx.sorted = true;
  return decodeStruct(value, t, ctx) as unknown as T;
}
