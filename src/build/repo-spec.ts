/**
 * Parsing a git-like URL the way kustomize's git.NewRepoSpecFromURL does (spec §2.7), for what the
 * origin annotation records about remote bases: the clone spec (host + repo path), the path of the
 * kustomization root inside the repo, and the ref. kustomize-ts never clones; see options.remoteLoader.
 */
import { normalize } from '../fs/path.js';

/** The parts of a repo URL kustomize keeps. */
export interface RepoSpec {
  /** `git clone` argument: host (with scheme and user) + repo path. */
  cloneSpec: string;
  /** Path of the kustomization root inside the repo ('' for the repo root). */
  kustRootPath: string;
  /** `?ref=` (or `?version=`). */
  ref: string;
}

const FILE = 'file://';
const SCHEMES = ['ssh://', 'https://', 'http://', FILE];

function trimPrefixIgnoreCase(s: string, prefix: string): [string, boolean] {
  if (prefix.length <= s.length && s.slice(0, prefix.length).toLowerCase() === prefix)
    return [s.slice(prefix.length), true];
  return [s, false];
}

/** url.ParseQuery + kustomize's precedence (`ref` over `version`); '' on a malformed query. */
function parseRef(query: string): string {
  const first = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) return '';
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return '';
    }
    // url.Values.Get returns the first value of a key.
    if (!first.has(key)) first.set(key, value);
  }
  const ref = first.get('ref') ?? '';
  return ref !== '' ? ref : (first.get('version') ?? '');
}

function extractHost(n: string): { host: string; rest: string } | undefined {
  const [afterGit] = trimPrefixIgnoreCase(n, 'git::');
  n = afterGit;
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
  if (scheme === '' && !acceptSCP) return undefined;
  if (scheme === FILE) return { host: scheme, rest: username + n };
  let sep = n.indexOf('/');
  if (acceptSCP) {
    const colon = n.indexOf(':');
    if (sep === -1 || (colon > 0 && colon < sep)) sep = colon;
  }
  let host = n;
  let rest = '';
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
  if (host === '') return undefined;
  return { host: scheme + username + host, rest };
}

function splitPath(n: string, allSegments: boolean): { repoPath: string; kustRootPath: string } | undefined {
  let repoPath: string;
  let kustRootPath: string;
  const gitRoot = n.indexOf('_git/');
  const dbl = n.indexOf('//');
  const gitSuffix = n.indexOf('.git');
  if (gitRoot >= 0) {
    const segs = n.slice(gitRoot + 5).split('/');
    repoPath = n.slice(0, gitRoot + 5) + (segs[0] as string);
    kustRootPath = segs.slice(1).join('/');
  } else if (dbl >= 0) {
    repoPath = n.slice(0, dbl);
    kustRootPath = n.slice(dbl + 2);
  } else if (gitSuffix >= 0) {
    repoPath = n.slice(0, gitSuffix + 4);
    kustRootPath = n.slice(gitSuffix + 4);
  } else if (allSegments) {
    repoPath = n;
    kustRootPath = '';
  } else {
    const segs = n.split('/');
    if (segs.length < 2) return undefined;
    repoPath = segs.slice(0, 2).join('/');
    kustRootPath = segs.slice(2).join('/');
  }
  if (repoPath === '') return undefined;
  const cleaned = normalize(kustRootPath.replace(/^\//, ''));
  if (cleaned.split('/')[0] === '..') return undefined;
  return { repoPath, kustRootPath: kustRootPath.replace(/^\//, '') };
}

/** kustomize's NewRepoSpecFromURL; undefined when `url` is not a git-like URL. */
export function parseRepoSpec(url: string): RepoSpec | undefined {
  if (url.startsWith('/')) return undefined;
  const q = url.indexOf('?');
  const base = q < 0 ? url : url.slice(0, q);
  const ref = q < 0 ? '' : parseRef(url.slice(q + 1));
  const h = extractHost(base);
  if (!h) return undefined;
  const parts = splitPath(h.rest, h.host.startsWith(FILE));
  if (!parts) return undefined;
  return { cloneSpec: h.host + parts.repoPath, kustRootPath: parts.kustRootPath, ref };
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
