/**
 * Go's net/url Parse and URL.String, as Sprig's `urlParse` and `urlJoin` use them: scheme, opaque
 * part, user info, host, path (unescaped, with Go's escaping rules on output), raw query and fragment.
 */
import { GoError, goQuote } from '../template/index.js';

/** The parts of a URL that Sprig reads or writes. */
export interface GoURL {
  scheme: string;
  opaque: string;
  /** User info as URL.User.String() prints it (escaped), or undefined when absent. */
  userinfo: string | undefined;
  host: string;
  hostname: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

type Mode = 'path' | 'host' | 'userPassword' | 'fragment' | 'queryComponent';

function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if (mode === 'host' && '!$&\'()*+,;=:[]<>"'.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'queryComponent':
        return true;
      case 'path':
        return ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8Encoder.encode(s)) {
    if (mode === 'host' && b >= 0x80) out += String.fromCharCode(b);
    else if (shouldEscape(b, mode)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return mode === 'host' ? utf8Decoder.decode(Uint8Array.from(out, (c) => c.charCodeAt(0))) : out;
}

function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = s.slice(i, Math.min(i + 3, s.length));
        throw new GoError(`invalid URL escape ${goQuote(bad)}`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (c === '+' && mode === 'queryComponent') {
      bytes.push(0x20);
    } else {
      for (const b of utf8Encoder.encode(c)) bytes.push(b);
    }
  }
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

/** url.Parse. Throws GoError with Go's message (without the `parse "…":` prefix added by the caller). */
export function parseURL(rawURL: string): GoURL {
  try {
    return parseInner(rawURL);
  } catch (e) {
    if (e instanceof GoError) throw new GoError(`parse ${goQuote(rawURL)}: ${e.message}`);
    throw e;
  }
}

function parseInner(rawURL: string): GoURL {
  const hashAt = rawURL.indexOf('#');
  const main = hashAt >= 0 ? rawURL.slice(0, hashAt) : rawURL;
  const frag = hashAt >= 0 ? rawURL.slice(hashAt + 1) : '';
  const u: GoURL = {
    scheme: '',
    opaque: '',
    userinfo: undefined,
    host: '',
    hostname: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    fragment: '',
  };
  // eslint-disable-next-line no-control-regex -- net/url refuses control characters
  if (/[\x00-\x1f\x7f]/.test(rawURL)) throw new GoError('net/url: invalid control character in URL');
  let rest: string;
  [u.scheme, rest] = getScheme(main);
  u.scheme = u.scheme.toLowerCase();
  const q = rest.indexOf('?');
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      u.fragment = unescape(frag, 'fragment');
      return u;
    }
    const seg = rest.split('/')[0] ?? '';
    if (seg.includes(':')) throw new GoError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash >= 0 ? after.slice(0, slash) : after;
    rest = slash >= 0 ? after.slice(slash) : '';
    parseAuthority(u, authority);
  }
  u.path = unescape(rest, 'path');
  u.rawPath = escape(u.path, 'path') === rest ? '' : rest;
  u.fragment = unescape(frag, 'fragment');
  return u;
}

function parseAuthority(u: GoURL, authority: string): void {
  const at = authority.lastIndexOf('@');
  let host = authority;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    host = authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const username = unescape(colon >= 0 ? userinfo.slice(0, colon) : userinfo, 'userPassword');
    let s = escape(username, 'userPassword');
    if (colon >= 0) s += ':' + escape(unescape(userinfo.slice(colon + 1), 'userPassword'), 'userPassword');
    u.userinfo = s;
  }
  u.host = unescape(host, 'host');
  u.hostname = hostnameOf(u.host);
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end >= 0 ? host.slice(1, end) : host.slice(1);
  }
  const colon = host.lastIndexOf(':');
  return colon >= 0 && !host.slice(colon + 1).includes(']') ? host.slice(0, colon) : host;
}

/** URL.String. */
export function urlString(u: GoURL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.userinfo !== undefined) {
      if (u.host !== '' || u.path !== '' || u.userinfo !== undefined) buf += '//';
      if (u.userinfo !== undefined) buf += u.userinfo + '@';
      if (u.host !== '') buf += escape(u.host, 'host');
    }
    const path = u.rawPath !== '' ? u.rawPath : u.path === '*' ? '*' : escape(u.path, 'path');
    if (path !== '' && !path.startsWith('/') && u.host !== '') buf += '/';
    if (buf === '' && (path.split('/')[0] ?? '').includes(':')) buf += './';
    buf += path;
  }
  if (u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escape(u.fragment, 'fragment');
  return buf;
}
