/**
 * `--set`, `--set-string`, `--set-json` and `--set-file` values parsed as Helm's pkg/strvals parses them
 * (`a.b=1,c[0].d={x,y}`, `\` escapes, typed scalars: `true`/`false`/`null`, int64 for integers without a
 * leading zero, strings otherwise), with its error messages.
 */
import { setKey, getKey, hasKey, isTable, type HelmMap, type HelmValue } from './values-model.js';

/** A `--set` string Helm refuses, with its message. */
export class StrvalsError extends Error {}

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;
const EOF = Symbol('EOF');
const NOT_LIST = Symbol('not a list');

/** Reads a value for a `--set-file` entry (the file's text). */
export type FileValueReader = (path: string) => HelmValue;

/** `--set`: typed values into `dest`. */
export function parseSetInto(s: string, dest: HelmMap): void {
  new Parser(s, dest, (rs) => typedVal(rs, false)).parse();
}

/** `--set-string`: string values into `dest`. */
export function parseSetStringInto(s: string, dest: HelmMap): void {
  new Parser(s, dest, (rs) => typedVal(rs, true)).parse();
}

/** `--set-file`: values read by `reader` into `dest`. */
export function parseSetFileInto(s: string, dest: HelmMap, reader: FileValueReader): void {
  new Parser(s, dest, reader).parse();
}

/** `--set-json`: JSON values into `dest`. */
export function parseSetJsonInto(s: string, dest: HelmMap): void {
  new Parser(s, dest, undefined).parse();
}

function typedVal(val: string, asString: boolean): HelmValue {
  if (asString) return val;
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return 0n;
  if (val.length > 0 && val[0] !== '0' && /^[+-]?[0-9]+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  }
  return val;
}

class Parser {
  private readonly runes: string[];
  private pos = 0;

  constructor(
    text: string,
    private readonly data: HelmMap,
    private readonly reader: ((rs: string) => HelmValue) | undefined,
  ) {
    this.runes = Array.from(text);
  }

  parse(): void {
    for (;;) {
      const err = this.key(this.data, 0);
      if (err === undefined) continue;
      if (err === EOF) return;
      throw err;
    }
  }

  private readRune(): string | typeof EOF {
    if (this.pos >= this.runes.length) return EOF;
    return this.runes[this.pos++] as string;
  }

  /** Runes up to one of `stop` (consumed), `\` escaping the next rune. */
  private runesUntil(stop: string): { v: string; last: string | typeof EOF } {
    let v = '';
    for (;;) {
      const r = this.readRune();
      if (r === EOF) return { v, last: EOF };
      if (stop.includes(r)) return { v, last: r };
      if (r === '\\') {
        const next = this.readRune();
        if (next === EOF) return { v, last: EOF };
        v += next;
      } else v += r;
    }
  }

  private key(data: HelmMap, level: number): StrvalsError | typeof EOF | undefined {
    const { v: k, last } = this.runesUntil('=[,.');
    if (last === EOF) return k.length === 0 ? EOF : new StrvalsError(`key "${k}" has no value`);
    if (last === '[') {
      const i = this.keyIndex();
      if (i instanceof StrvalsError) return new StrvalsError(`error parsing index: ${i.message}`);
      const existing = getKey(data, k);
      let list: HelmValue[] = [];
      if (hasKey(data, k)) {
        if (!Array.isArray(existing))
          return new StrvalsError(
            `unable to parse key: interface conversion: interface {} is ${goType(existing)}, not []interface {}`,
          );
        list = existing;
      }
      const r = this.listItem(list, i, level);
      set(data, k, r.list);
      return r.err;
    }
    if (last === '=') return this.assign((v) => set(data, k, v));
    if (last === ',') {
      set(data, k, '');
      return new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
    }
    // '.'
    if (level + 1 > MAX_NESTED_NAME_LEVEL) {
      return new StrvalsError(
        `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
      );
    }
    let inner: HelmMap = {};
    if (hasKey(data, k)) {
      const existing = data[k];
      if (!isTable(existing))
        return new StrvalsError(
          `unable to parse key: interface conversion: interface {} is ${goType(existing)}, not map[string]interface {}`,
        );
      inner = existing;
    }
    const e = this.key(inner, level + 1);
    if (e === undefined && Object.keys(inner).length === 0) return new StrvalsError(`key map "${k}" has no value`);
    if (Object.keys(inner).length !== 0) set(data, k, inner);
    return e;
  }

  /** The value after `=`: JSON, a `{a,b}` list, or a scalar through the reader. */
  private assign(put: (v: HelmValue) => void, inList = false): StrvalsError | typeof EOF | undefined {
    if (!this.reader) {
      if (this.emptyVal()) {
        put(null);
        return undefined;
      }
      const rest = this.runes.slice(this.pos).join('');
      const end = jsonValueEnd(rest);
      if (end === undefined) return new StrvalsError('invalid JSON');
      let v: HelmValue;
      try {
        v = JSON.parse(rest.slice(0, end)) as HelmValue;
      } catch (e) {
        return new StrvalsError((e as Error).message);
      }
      put(v);
      this.pos += Array.from(rest.slice(0, end)).length;
      this.emptyVal();
      return undefined;
    }
    const vl = this.valList();
    if (vl instanceof StrvalsError) return vl;
    if (vl === EOF) {
      put('');
      return inList ? undefined : EOF;
    }
    if (vl === NOT_LIST) {
      const { v: rs } = this.runesUntil(',');
      put(this.reader(rs));
      return undefined;
    }
    put(vl);
    return undefined;
  }

  private keyIndex(): number | StrvalsError {
    const { v, last } = this.runesUntil(']');
    if (last === EOF) return new StrvalsError('EOF');
    if (!/^[+-]?[0-9]+$/.test(v)) return new StrvalsError(`strconv.Atoi: parsing "${v}": invalid syntax`);
    return Number(v);
  }

  private listItem(
    list: HelmValue[],
    i: number,
    level: number,
  ): { list: HelmValue[]; err?: StrvalsError | typeof EOF | undefined } {
    if (i < 0) return { list, err: new StrvalsError(`negative ${i} index not allowed`) };
    const { v: k, last } = this.runesUntil('[.=');
    if (k.length > 0) return { list, err: new StrvalsError(`unexpected data at end of array index: "${k}"`) };
    if (last === EOF) return { list, err: EOF };
    if (last === '=') {
      let out = list;
      let setErr: StrvalsError | undefined;
      const err = this.assign((v) => {
        const r = setIndex(list, i, v);
        out = r.list;
        setErr = r.err;
      }, true);
      return { list: out, err: setErr ?? (err === EOF ? undefined : err) };
    }
    if (last === '[') {
      const next = this.keyIndex();
      if (next instanceof StrvalsError) return { list, err: new StrvalsError(`error parsing index: ${next.message}`) };
      let crt: HelmValue[] = [];
      const existed = list[i];
      if (list.length > i && existed !== null && existed !== undefined) {
        if (!Array.isArray(existed))
          return {
            list,
            err: new StrvalsError(
              `unable to parse key: interface conversion: interface {} is ${goType(existed)}, not []interface {}`,
            ),
          };
        crt = existed;
      }
      const r = this.listItem(crt, next, level);
      if (r.err !== undefined) return { list, err: r.err };
      return setIndex(list, i, r.list);
    }
    // '.'
    let inner: HelmMap = {};
    if (list.length > i) {
      const existed = list[i];
      if (isTable(existed)) inner = existed;
      else list[i] = inner;
    }
    const e = this.key(inner, level);
    if (e !== undefined) return { list, err: e };
    return setIndex(list, i, inner);
  }

  /** Skips spaces; true at the end, or at a `,` (consumed). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.readRune();
      if (r === EOF || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.pos--;
        return false;
      }
    }
  }

  private valList(): HelmValue[] | typeof NOT_LIST | StrvalsError | typeof EOF {
    const r = this.readRune();
    if (r === EOF) return EOF;
    if (r !== '{') {
      this.pos--;
      return NOT_LIST;
    }
    const list: HelmValue[] = [];
    const read = this.reader as (rs: string) => HelmValue;
    for (;;) {
      const { v: rs, last } = this.runesUntil(',}');
      if (last === EOF) return new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const next = this.readRune();
        if (next !== EOF && next !== ',') this.pos--;
        list.push(read(rs));
        return list;
      }
      list.push(read(rs));
    }
  }
}

function set(data: HelmMap, key: string, val: HelmValue): void {
  if (key.length === 0) return;
  setKey(data, key, val);
}

function setIndex(
  list: HelmValue[],
  index: number,
  val: HelmValue,
): { list: HelmValue[]; err?: StrvalsError | undefined } {
  if (index < 0) return { list, err: new StrvalsError(`negative ${index} index not allowed`) };
  if (index > MAX_INDEX) {
    return { list, err: new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`) };
  }
  let out = list;
  if (out.length <= index) {
    out = list.slice();
    while (out.length <= index) out.push(null);
  }
  out[index] = val;
  return { list: out };
}

function goType(v: HelmValue | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return '[]interface {}';
  if (isTable(v)) return 'map[string]interface {}';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** The end offset of the JSON value at the start of `s` (after leading spaces), or undefined. */
function jsonValueEnd(s: string): number | undefined {
  let i = 0;
  while (i < s.length && /\s/.test(s[i] as string)) i++;
  const c = s[i];
  if (c === undefined) return undefined;
  if (c === '"') {
    for (i++; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '"') return i + 1;
    }
    return undefined;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < s.length; i++) {
      const ch = s[i];
      if (ch === '"') {
        for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
      } else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return undefined;
  }
  const m = /^(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/.exec(s.slice(i));
  return m ? i + m[0].length : undefined;
}
