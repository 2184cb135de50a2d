/// <reference types="node" />
/**
 * Downloading http(s) files (kustomize's HTTP loader, api/internal/loader/fileloader.go) with limits kustomize
 * does not have: allowed schemes and hosts, a time limit on the whole request, a size limit on the body, and
 * redirects followed only to the same scheme (and an allowed host). A non-2xx answer fails with kustomize's
 * wording, `HTTP Error: status code 404 (Not Found)`. Credentials in the URL are sent as Basic auth, as Go's
 * HTTP client does, and never stored.
 */
import { STATUS_CODES } from 'node:http';
import { RemoteFailure, redactUrl } from './errors.js';
import { checkAllowed, type Limits } from './limits.js';

/** The request URL and, when the URL carries user info, the Authorization header for it. */
function requestOf(url: URL): { href: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'user-agent': 'kustomize-ts' };
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return { href: bare.href, headers };
}

async function readCapped(res: Response, max: number, shown: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) throw tooLarge(shown, max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return new Uint8Array();
  // Leaving the loop early cancels the stream.
  for await (const value of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += value.byteLength;
    if (size > max) throw tooLarge(shown, max);
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(shown: string, max: number): RemoteFailure {
  return new RemoteFailure('remote/too-large', `Get "${shown}": response body larger than ${max} bytes`);
}

/** Node's fetch failure as Go prints a client error: `Get "URL": <cause>`. */
function networkFailure(err: unknown, shown: string, timeoutMs: number): RemoteFailure {
  const e = err as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new RemoteFailure('remote/timeout', `Get "${shown}": no answer within ${timeoutMs} ms`);
  }
  const cause = e.cause?.message ?? e.message ?? String(err);
  return new RemoteFailure('remote/fetch-failed', `Get "${shown}": ${cause}`);
}

/** An HTTP answer: status, headers and (for 2xx) the body. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/**
 * GETs `raw` within the limits, following redirects of the same scheme to allowed hosts. The body is read only
 * for 2xx answers (capped); other answers come back with an empty body.
 */
export async function httpFetch(raw: string, limits: Limits, extra: Record<string, string> = {}): Promise<HttpAnswer> {
  const shown = redactUrl(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RemoteFailure('remote/fetch-failed', `parse "${shown}": invalid URL`);
  }
  checkAllowed(url.protocol.slice(0, -1), url.hostname, shown, limits);
  const signal = AbortSignal.timeout(limits.httpTimeoutMs);
  for (let hop = 0; ; hop++) {
    const { href, headers } = requestOf(url);
    let res: Response;
    try {
      res = await fetch(href, { redirect: 'manual', headers: { ...headers, ...extra }, signal });
    } catch (err) {
      throw networkFailure(err, shown, limits.httpTimeoutMs);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location !== null) {
      await res.body?.cancel();
      url = nextHop(url, location, hop, shown, limits);
      continue;
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel();
      return { status: res.status, headers: res.headers, body: new Uint8Array() };
    }
    try {
      return { status: res.status, headers: res.headers, body: await readCapped(res, limits.maxFileBytes, shown) };
    } catch (err) {
      if (err instanceof RemoteFailure) throw err;
      throw networkFailure(err, shown, limits.httpTimeoutMs);
    }
  }
}

/** The URL a redirect leads to, when it is allowed: same scheme, allowed host, within the redirect limit. */
function nextHop(url: URL, location: string, hop: number, shown: string, limits: Limits): URL {
  if (hop >= limits.maxRedirects) {
    throw new RemoteFailure('remote/not-allowed', `Get "${shown}": stopped after ${limits.maxRedirects} redirects`);
  }
  const next = new URL(location, url);
  if (next.protocol !== url.protocol) {
    throw new RemoteFailure(
      'remote/not-allowed',
      `Get "${shown}": redirect from ${url.protocol} to ${next.protocol} refused (${redactUrl(next.href)})`,
    );
  }
  checkAllowed(next.protocol.slice(0, -1), next.hostname, redactUrl(next.href), limits);
  // Go's client keeps credentials only on redirects to the same host.
  if (next.host === url.host) {
    next.username = url.username;
    next.password = url.password;
  }
  return next;
}

/** kustomize's error for a non-2xx answer: `HTTP Error: status code 404 (Not Found)`. */
export function httpStatusFailure(status: number): RemoteFailure {
  return new RemoteFailure(
    'remote/fetch-failed',
    `HTTP Error: status code ${status} (${STATUS_CODES[status] ?? ''})`,
    status,
  );
}

/** Downloads `raw` within the limits; the body of a 2xx answer, else kustomize's HTTP error. */
export async function httpGet(raw: string, limits: Limits): Promise<Uint8Array> {
  const answer = await httpFetch(raw, limits);
  if (answer.status < 200 || answer.status > 299) throw httpStatusFailure(answer.status);
  return answer.body;
}
