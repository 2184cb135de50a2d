/**
 * Go `fmt` renderings that kustomize's generator error messages embed: `%q` of a string, `%v` of a
 * string slice, `%d` of a byte slice, `%#v` of a resid.ResId.
 */
import type { ResId } from '../resources/res-id.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote (`%q`). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** `%v` of a `[]string`: `[a b c]`. */
export function goStrings(list: readonly string[] | undefined): string {
  return `[${(list ?? []).join(' ')}]`;
}

/** `%d` of a `[]byte`: `[104 105]`. */
export function goBytes(bytes: Uint8Array): string {
  return `[${Array.from(bytes).join(' ')}]`;
}

/** `%#v` of a resid.ResId, as kustomize's generator merge errors print it. */
export function goResId(id: ResId, clusterScoped: boolean): string {
  return (
    `resid.ResId{Gvk:resid.Gvk{Group:${goQuote(id.group)}, Version:${goQuote(id.version)}, Kind:${goQuote(id.kind)}, ` +
    `isClusterScoped:${clusterScoped ? 'true' : 'false'}}, Name:${goQuote(id.name)}, Namespace:${goQuote(id.namespace)}}`
  );
}
