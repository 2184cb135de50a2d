/**
 * Go's encoding/json output for the value model: map keys sorted bytewise, no whitespace, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped, `\b` and `\f` written short (Go >= 1.22, which builds kubectl 1.33), other
 * control characters as `\u00XX`, non-ASCII kept as UTF-8. Used for the generator name hash.
 */
import type { YamlValue } from '../yaml/values.js';

function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += '\ufffd';
    } else out += s.charAt(i);
  }
  return out + '"';
}

function byteOrder(a: string, b: string): number {
  // Go sorts map keys by their UTF-8 bytes, which is code-point order; UTF-16 code-unit order differs
  // only between astral characters (surrogates) and U+E000..U+FFFF.
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Encodes a value as Go's json.Marshal would encode the equivalent Go map/slice/scalar. */
export function goJson(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return encodeString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (Array.isArray(v)) return '[' + v.map(goJson).join(',') + ']';
  const keys = Object.keys(v).sort(byteOrder);
  return '{' + keys.map((k) => encodeString(k) + ':' + goJson(v[k] as YamlValue)).join(',') + '}';
}
