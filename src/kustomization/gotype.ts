/**
 * A small decoder that reads a YAML/JSON value into a typed shape the way Go's `encoding/json` decodes
 * into a struct with `DisallowUnknownFields`: field names match case-insensitively, unknown fields and
 * wrong types are errors worded as Go words them. kustomize reads kustomization files and builtin plugin
 * configs this way, so their errors and quirks (e.g. `NAMEPREFIX:` works) follow from the same tables.
 */
import type { YamlValue, YamlMap } from '../yaml/values.js';
import { isMap, setField } from '../yaml/values.js';

/** A Go type, as data. */
export type GoType =
  | { readonly t: 'string' }
  | { readonly t: 'bool' }
  | { readonly t: 'int' }
  | { readonly t: 'any' }
  | { readonly t: 'list'; readonly of: GoType }
  | { readonly t: 'map'; readonly of: GoType }
  | { readonly t: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, GoType>> };

export const goString: GoType = { t: 'string' };
export const goBool: GoType = { t: 'bool' };
export const goInt: GoType = { t: 'int' };
export const goAny: GoType = { t: 'any' };
export const listOf = (of: GoType): GoType => ({ t: 'list', of });
export const mapOf = (of: GoType): GoType => ({ t: 'map', of });
export const struct = (name: string, fields: Record<string, GoType>): GoStructType => ({ t: 'struct', name, fields });

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

function goTypeName(t: GoType): string {
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
      return `[]${goTypeName(t.of)}`;
    case 'map':
      return `map[string]${goTypeName(t.of)}`;
    case 'struct':
      return `types.${t.name}`;
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
}

function typeError(v: YamlValue, t: GoType, ctx: Ctx): GoDecodeError {
  const where =
    ctx.fieldPath.length > 0 ? ` into Go struct field ${ctx.structName}.${ctx.fieldPath.join('.')}` : ' into Go value';
  return new GoDecodeError(`json: cannot unmarshal ${jsonKind(v)}${where} of type ${goTypeName(t)}`, ctx.fieldPath);
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
      if (typeof v === 'bigint') return v;
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        if (typeof v === 'number') {
          throw new GoDecodeError(
            `json: cannot unmarshal number ${v} into Go struct field ${ctx.structName}.${ctx.fieldPath.join('.')} of type int64`,
            ctx.fieldPath,
          );
        }
        throw typeError(v, t, ctx);
      }
      return v;
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
      for (const k of Object.keys(v)) {
        const d = decodeValue(v[k] as YamlValue, t.of, ctx);
        setField(out, k, d === undefined ? zeroValue(t.of) : d);
      }
      return out;
    }
    case 'struct':
      return decodeStruct(v, t, ctx);
  }
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
  for (const key of Object.keys(v)) {
    const name = Object.prototype.hasOwnProperty.call(t.fields, key) ? key : lower.get(key.toLowerCase());
    if (name === undefined) {
      if (ctx.allowUnknown) continue;
      throw new GoDecodeError(`json: unknown field "${key}"`, [...ctx.fieldPath, key]);
    }
    const ft = t.fields[name] as GoType;
    const d = decodeValue(v[key] as YamlValue, ft, {
      structName: t.name,
      fieldPath: [...ctx.fieldPath, name],
      ...(ctx.allowUnknown ? { allowUnknown: true } : {}),
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
}

/** Decodes `value` as the struct type `t`. Throws {@link GoDecodeError}. */
export function decodeGo<T>(value: YamlValue, t: GoStruct<T>, options: DecodeGoOptions = {}): T {
  const ctx: Ctx = { structName: t.name, fieldPath: [] };
  if (options.allowUnknown) ctx.allowUnknown = true;
  return decodeStruct(value, t, ctx) as unknown as T;
}
