/**
 * Resolution of plain (unquoted) YAML scalars, as the two Go YAML stacks kustomize uses resolve them.
 *
 * - `kyaml` (resources, patches): go-yaml v3, a YAML 1.2-like core schema that still reads `0777` as
 *   octal and turns timestamps into RFC 3339 strings on the way to JSON.
 * - `yaml11` (kustomization files): go-yaml v2 through sigs.k8s.io/yaml, YAML 1.1 (`yes`, `on`, `y`
 *   are booleans).
 */
import type { YamlScalar } from './values.js';

export type ResolveMode = 'kyaml' | 'yaml11';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOL12: Record<string, boolean> = {
  true: true, True: true, TRUE: true,
  false: false, False: false, FALSE: false,
};
const BOOL11: Record<string, boolean> = {
  ...BOOL12,
  y: true, Y: true, yes: true, Yes: true, YES: true, on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false, off: false, Off: false, OFF: false,
};
const SPECIAL_FLOATS: Record<string, number> = {
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
};
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (after `_` removal): returns a bigint or undefined. */
function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let digits: string;
  let radix: number;
  if (/^0[xX]/.test(s)) {
    digits = s.slice(2);
    radix = 16;
    if (!/^[0-9a-fA-F]+$/.test(digits)) return undefined;
  } else if (/^0[bB]/.test(s)) {
    digits = s.slice(2);
    radix = 2;
    if (!/^[01]+$/.test(digits)) return undefined;
  } else if (/^0[oO]/.test(s)) {
    digits = s.slice(2);
    radix = 8;
    if (!/^[0-7]+$/.test(digits)) return undefined;
  } else if (s.length > 1 && s.startsWith('0')) {
    digits = s.slice(1);
    radix = 8;
    if (!/^[0-7]+$/.test(digits)) return undefined;
  } else {
    digits = s;
    radix = 10;
    if (!/^[0-9]+$/.test(digits)) return undefined;
  }
  let v = 0n;
  const r = BigInt(radix);
  for (const ch of digits) v = v * r + BigInt(parseInt(ch, radix));
  if (neg) v = -v;
  if (v < INT64_MIN || v > UINT64_MAX) return undefined;
  if (neg && v < INT64_MIN) return undefined;
  if (!neg && v > INT64_MAX && v > UINT64_MAX) return undefined;
  return v;
}

function toNumber(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

const TS_RE =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\.([0-9]*))?(?:[ \t]*(Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$/;

/**
 * go-yaml's timestamp forms, formatted as Go's time.Time JSON encoding (RFC 3339 with nanoseconds,
 * trailing zeros trimmed). Returns undefined when `text` is not a timestamp.
 */
export function parseTimestamp(text: string): string | undefined {
  // go-yaml only tries timestamps that start with 4 digits and a dash.
  if (!/^[0-9]{4}-/.test(text)) return undefined;
  const m = TS_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, hh, mi, ss, frac, tz] = m;
  const pad = (s: string | undefined, n: number): string => (s ?? '0').padStart(n, '0');
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  // go-yaml's layouts: "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
  // "2006-1-2 15:4:5.999999999", "2006-1-2". A space-separated form has no zone.
  if (hh === undefined) return `${y}-${pad(mo, 2)}-${pad(d, 2)}T00:00:00Z`;
  const sepIsSpace = !/[Tt]/.test(text.slice(8, 12));
  if (sepIsSpace && tz !== undefined) return undefined;
  if (!sepIsSpace && tz === undefined) return undefined;
  let out = `${y}-${pad(mo, 2)}-${pad(d, 2)}T${pad(hh, 2)}:${pad(mi, 2)}:${pad(ss, 2)}`;
  if (frac) {
    const f = frac.slice(0, 9).replace(/0+$/, '');
    if (f) out += '.' + f;
  }
  if (tz === undefined || tz === 'Z') return out + 'Z';
  const tm = /^([-+])([0-9]{1,2}):?([0-9]{2})?$/.exec(tz);
  if (!tm) return undefined;
  const offH = Number(tm[2]);
  const offM = Number(tm[3] ?? '0');
  if (offH === 0 && offM === 0) return out + 'Z';
  return `${out}${tm[1]}${String(offH).padStart(2, '0')}:${String(offM).padStart(2, '0')}`;
}

/** Resolves the text of a plain scalar to its value under the given Go YAML stack. */
export function resolvePlainScalar(text: string, mode: ResolveMode): YamlScalar {
  if (NULLS.has(text)) return null;
  const bools = mode === 'yaml11' ? BOOL11 : BOOL12;
  if (Object.prototype.hasOwnProperty.call(bools, text)) return bools[text] as boolean;
  const c = text.charCodeAt(0);
  // Only scalars starting with a digit, sign or dot can be numbers.
  const numericStart = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numericStart) return text;
  if (Object.prototype.hasOwnProperty.call(SPECIAL_FLOATS, text)) return SPECIAL_FLOATS[text] as number;
  if (mode === 'kyaml') {
    const ts = parseTimestamp(text);
    if (ts !== undefined) return ts;
  }
  const plain = text.includes('_') ? text.split('_').join('') : text;
  const iv = parseGoInt(plain);
  if (iv !== undefined) return toNumber(iv);
  if (YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    if (!Number.isNaN(f)) return f;
  }
  return text;
}

/** True when a string would be read back as something other than a string by go-yaml v2 (YAML 1.1). */
export function resolvesAsNonString11(text: string): boolean {
  if (NULLS.has(text)) return true;
  if (Object.prototype.hasOwnProperty.call(BOOL11, text)) return true;
  const c = text.charCodeAt(0);
  const numericStart = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numericStart) return false;
  if (Object.prototype.hasOwnProperty.call(SPECIAL_FLOATS, text)) return true;
  if (parseTimestamp(text) !== undefined) return true;
  const plain = text.split('_').join('');
  if (parseGoInt(plain) !== undefined) return true;
  if (YAML_FLOAT.test(plain)) return true;
  // go-yaml v2 also refuses plain style for YAML 1.1 base-60 floats ("1:20").
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text)) return true;
  return false;
}
