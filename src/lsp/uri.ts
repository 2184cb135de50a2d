/**
 * `file:` URIs and paths (POSIX paths; Windows drive letters become `/c:/...`), without Node: the server
 * core runs wherever the LSP library runs.
 */

/** The `file:` URI of an absolute path. */
export function fileUri(path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return `file://${p
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%3A/gi, ':'))
    .join('/')}`;
}

/** The path of a `file:` URI, or undefined for another scheme. */
export function uriPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  const rest = uri.slice('file://'.length);
  const path = rest.slice(rest.indexOf('/'));
  return decodeURIComponent(path);
}
