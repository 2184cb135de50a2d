/**
 * Go `fmt` renderings that kustomize's generator error messages embed: `%q` of a string, `%v` of a
 * string slice, `%d` of a byte slice, `%#v` of a resid.ResId.
 */
import type { ResId } from '../resources/res-id.js';

import { goQuote } from '../yaml/go-text.js';

export { goQuote };

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
