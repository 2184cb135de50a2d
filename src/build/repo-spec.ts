/**
 * Remote targets as kustomize recognises them (spec §2.7): git repository URLs, parsed exactly as
 * kustomize's `git.NewRepoSpecFromURL` (api/internal/git/repospec.go, identical in v5.6.0 and v5.8.1) with
 * the same error texts, and http(s) file URLs (api/internal/loader's `IsRemoteFile`). kustomize-ts never
 * downloads in the core: a host supplies the content through the `remoteLoader` build option.
 */
import { normalize } from '../fs/path.js';

/** The parts of a repo URL kustomize keeps (its RepoSpec). */
export interface RepoSpec {
  /** The URL as written (kustomize's `raw`, used to find repo cycles). */
  raw: string;
  /** Scheme, user and host, e.g. `https://github.com/`, `git@github.com:`, `file://`. */
  host: string;
  /** The repository path after the host, e.g. `org/repo.git`. */
  repoPath: string;
  /** `git clone` argument: {@link host} + {@link repoPath}. */
  cloneSpec: string;
  /** Path of the kustomization root inside the repo ('' for the repo root). */
  kustRootPath: string;
  /** `?ref=` (or `?version=`); '' for the remote's HEAD. */
  ref: string;
  /** `?timeout=` in milliseconds (default 27 s): the limit on each git command. */
  timeoutMs: number;
  /** `?submodules=` (default true): whether submodules are checked out. */
  submodules: boolean;
  /** Whether the URL started with the `git::` prefix kustomize strips with a warning. */
  gitPrefix: boolean;
}

/** The warning kustomize logs each time it strips a `git::` prefix. */
export const GIT_PREFIX_WARNING =
  "Warning: Forcing the git protocol using the 'git::' URL prefix is not supported. Kustomize currently strips this invalid prefix, but will stop doing so in a future release. Please remove the 'git::' prefix from your configuration.";

/** kustomize's default `?timeout=` (27 s). */
export const DEFAULT_GIT_TIMEOUT_MS = 27_000;

const FILE_SCHEME = 'file://';
const SCHEMES = ['ssh://', 'https://', 'http://', FILE_SCHEME] as const;
const GIT_ROOT_DELIMITER = '_git/';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function trimPrefixIgnoreCase(s: string, prefix: string): [string, boolean] {
  if (prefix.length <= s.length && s.slice(0, prefix.length).toLowerCase() === prefix) {
    return [s.slice(prefix.length), true];
  }
  return [s, false];
}

/** Go's url.QueryUnescape; undefined on a malformed escape. */
function queryUnescape(s: string): string | undefined {
  if (!/^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(s)) return undefined;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...enc.encode(c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Go's url.ParseQuery: the first value of each key, or undefined when any pair is malformed. */
function parseQueryValues(query: string): Map<string, string> | undefined {
  const first = new Map<string, string>();
  let bad = false;
  for (const part of query.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) {
      bad = true;
      continue;
    }
    const eq = part.indexOf('=');
    const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const value = queryUnescape(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) {
      bad = true;
      continue;
    }
    if (!first.has(key)) first.set(key, value);
  }
  return bad ? undefined : first;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's time.ParseDuration, in milliseconds; undefined when malformed. */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
    const num = Number(`${m[1] === '' ? '0' : m[1]}.${m[2] ?? ''}`.replace(/\.$/, ''));
    total += num * (DURATION_UNITS[m[3] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Go's strconv.ParseBool. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** kustomize's parseQuery: ref (`ref` over `version`), timeout and submodules, with its defaults. */
export function parseRepoQuery(query: string): { ref: string; timeoutMs: number; submodules: boolean } {
  const values = parseQueryValues(query);
  const out = { ref: '', timeoutMs: DEFAULT_GIT_TIMEOUT_MS, submodules: true };
  if (!values) return out;
  out.ref = values.get('ref') || (values.get('version') ?? '');
  const timeout = values.get('timeout') ?? '';
  if (timeout !== '') {
    const seconds = /^[+-]?\d+$/.test(timeout) ? Number(timeout) : NaN;
    const duration = parseGoDuration(timeout);
    if (seconds > 0) out.timeoutMs = seconds * 1000;
    else if (duration !== undefined && duration > 0) out.timeoutMs = duration;
  }
  const sub = parseGoBool(values.get('submodules') ?? '');
  if (sub !== undefined) out.submodules = sub;
  return out;
}

function findPathSeparator(hostPath: string, acceptSCP: boolean): number {
  let sep = hostPath.indexOf('/');
  if (acceptSCP) {
    const colon = hostPath.indexOf(':');
    if (sep === -1 || (colon > 0 && colon < sep)) sep = colon;
  }
  return sep;
}

/** kustomize's extractHost: `scheme + username + host` and the rest of the URL. */
function extractHost(input: string): Parsed<{ host: string; rest: string; gitPrefix: boolean }> {
  const [afterGit, gitPrefix] = trimPrefixIgnoreCase(input, 'git::');
  let n = afterGit;
  let scheme = '';
  for (const p of SCHEMES) {
    const [rest, found] = trimPrefixIgnoreCase(n, p);
    if (found) {
      scheme = p;
      n = rest;
      break;
    }
  }
  let username = '';
  const um = /^([a-zA-Z][a-zA-Z0-9-]*)@/.exec(n);
  if (um) {
    username = `${um[1] as string}@`;
    n = n.slice(username.length);
  }
  const lower = n.toLowerCase();
  const stdGithub = lower.startsWith('github.com/') || lower.startsWith('github.com:');
  const acceptSCP = scheme === '' && (username !== '' || stdGithub);
  if (scheme === '' && !acceptSCP) return { ok: false, error: 'failed to parse scheme' };
  if (scheme === FILE_SCHEME) return { ok: true, value: { host: scheme, rest: username + n, gitPrefix } };
  let host = n;
  let rest = '';
  const sep = findPathSeparator(n, acceptSCP);
  if (sep >= 0) {
    host = n.slice(0, sep + 1);
    rest = n.slice(sep + 1);
  }
  if (stdGithub) {
    if (scheme.startsWith('ssh://') || username !== '') {
      scheme = '';
      host = 'github.com:';
    } else {
      scheme = 'https://';
      username = '';
      host = 'github.com/';
    }
  }
  if (host === '') return { ok: false, error: 'failed to parse host segment' };
  return { ok: true, value: { host: scheme + username + host, rest, gitPrefix } };
}

/** `_git/<repo>`, then `//`, then `.git`: the explicit splits of repo path and kustomization root. */
function explicitMarkerSplit(n: string): [string, string] | undefined {
  const gitRoot = n.indexOf(GIT_ROOT_DELIMITER);
  if (gitRoot >= 0) {
    const segs = n.slice(gitRoot + GIT_ROOT_DELIMITER.length).split('/');
    return [n.slice(0, gitRoot + GIT_ROOT_DELIMITER.length) + (segs[0] as string), segs.slice(1).join('/')];
  }
  const dbl = n.indexOf('//');
  if (dbl >= 0) return [n.slice(0, dbl), n.slice(dbl + 2)];
  const gitSuffix = n.indexOf('.git');
  if (gitSuffix >= 0) return [n.slice(0, gitSuffix + 4), n.slice(gitSuffix + 4)];
  return undefined;
}

/** kustomize's parsePathParts: the repo path and the kustomization root inside it. */
function parsePathParts(n: string, allSegments: boolean): Parsed<{ repoPath: string; kustRootPath: string }> {
  let split = explicitMarkerSplit(n);
  if (!split && allSegments) split = [n, ''];
  if (!split) {
    const segs = n.split('/');
    if (segs.length >= 2) split = [segs.slice(0, 2).join('/'), segs.slice(2).join('/')];
  }
  if (!split || split[0] === '') return { ok: false, error: 'failed to parse repo path segment' };
  const [repoPath, kustRoot] = split;
  const trimmed = kustRoot.startsWith('/') ? kustRoot.slice(1) : kustRoot;
  if (normalize(trimmed).split('/')[0] === '..') return { ok: false, error: `url path exits repo: ${n}` };
  return { ok: true, value: { repoPath, kustRootPath: trimmed } };
}

/**
 * kustomize's NewRepoSpecFromURL: the repo spec of a git-like URL, or kustomize's error for anything else
 * (`uri looks like abs path`, `failed to parse scheme`, `failed to parse host segment`, `failed to parse
 * repo path segment`, `url path exits repo`). An error means the entry is a local path.
 */
export function newRepoSpecFromUrl(url: string): Parsed<RepoSpec> {
  if (url.startsWith('/')) return { ok: false, error: `uri looks like abs path: ${url}` };
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const query = parseRepoQuery(q < 0 ? '' : url.slice(q + 1));
  const h = extractHost(base);
  if (!h.ok) return h;
  const parts = parsePathParts(h.value.rest, h.value.host.startsWith(FILE_SCHEME));
  if (!parts.ok) return parts;
  const { host, gitPrefix } = h.value;
  const { repoPath, kustRootPath } = parts.value;
  return {
    ok: true,
    value: { raw: url, host, repoPath, cloneSpec: host + repoPath, kustRootPath, ...query, gitPrefix },
  };
}

/** The repo spec of a git-like URL; undefined when `url` is a local path. */
export function parseRepoSpec(url: string): RepoSpec | undefined {
  const r = newRepoSpecFromUrl(url);
  return r.ok ? r.value : undefined;
}

/**
 * The path kustomize's Origin.Append records for a repo: the kustomization root inside the clone
 * directory, with the clone directory's own name (`notCloned`) when the root is the repo root.
 */
export function repoOriginPath(spec: RepoSpec): string {
  const abs = normalize(`/notCloned/${spec.kustRootPath}`);
  const rest = abs.slice(1);
  const i = rest.indexOf('/');
  return (i < 0 ? abs : abs.slice(i + 1)).slice(1);
}

// eslint-disable-next-line no-control-regex
const CTL = /[\u0000-\u001f\u007f]/;

/**
 * kustomize's IsRemoteFile: whether Go's url.Parse accepts `path` with the scheme `http` or `https`
 * (case-insensitive). Such entries are downloaded as files before kustomize tries them as repos.
 */
export function isRemoteFile(path: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(path);
  if (!m) return false;
  const scheme = (m[1] as string).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (CTL.test(path)) return false;
  const hash = path.indexOf('#');
  const noFragment = hash < 0 ? path : path.slice(0, hash);
  const q = noFragment.indexOf('?');
  const beforeQuery = q < 0 ? noFragment : noFragment.slice(0, q);
  // url.Parse unescapes the path and the fragment: a malformed %-escape fails the parse.
  const badEscape = /%(?![0-9a-fA-F]{2})/;
  if (badEscape.test(beforeQuery) || (hash >= 0 && badEscape.test(path.slice(hash + 1)))) return false;
  const rest = beforeQuery.slice(m[0].length);
  if (!rest.startsWith('//')) return true;
  const authority = rest.slice(2).split('/')[0] as string;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort);
  return port !== null && /^\d*$/.test(port[1] ?? '');
}
