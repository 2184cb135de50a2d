/**
 * What the remote loader may fetch: schemes, hosts, sizes and times. kustomize itself has no such limits
 * (only the per-URL `?timeout=` of git commands); these keep a build from fetching from anywhere, for ever.
 */
import type { RepoSpec } from '../../build/repo-spec.js';
import { RemoteFailure } from './errors.js';

/** A URL scheme the remote loader knows (scp-like `user@host:path` URLs are `ssh`). */
export type RemoteScheme = 'https' | 'http' | 'ssh' | 'file';

/** The limits in force (every field set). */
export interface Limits {
  allowedSchemes: readonly RemoteScheme[];
  /** Host names, exact or `*.example.com`; empty: any host. */
  allowedHosts: readonly string[];
  maxFileBytes: number;
  httpTimeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: Limits = {
  allowedSchemes: ['https', 'http', 'ssh', 'file'],
  allowedHosts: [],
  maxFileBytes: 64 * 1024 * 1024,
  httpTimeoutMs: 60_000,
  maxRedirects: 10,
};

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const h = host.toLowerCase();
  return allowed.some((a) => {
    const p = a.toLowerCase();
    return p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p;
  });
}

/** Fails with `remote/not-allowed` when the scheme or host is not allowed. */
export function checkAllowed(scheme: string, host: string, shown: string, limits: Limits): void {
  if (!(limits.allowedSchemes as readonly string[]).includes(scheme)) {
    throw new RemoteFailure(
      'remote/not-allowed',
      `${shown}: scheme ${scheme} is not allowed (allowed: ${limits.allowedSchemes.join(', ')})`,
    );
  }
  if (scheme !== 'file' && !hostAllowed(host, limits.allowedHosts)) {
    throw new RemoteFailure(
      'remote/not-allowed',
      `${shown}: host ${host} is not allowed (allowed: ${limits.allowedHosts.join(', ')})`,
    );
  }
}

/** The scheme and host name of a repo spec (`git@github.com:` is ssh to github.com). */
export function repoSchemeAndHost(spec: RepoSpec): { scheme: RemoteScheme; host: string } {
  const m = /^(https?|ssh|file):\/\//i.exec(spec.host);
  const scheme = (m ? (m[1] as string).toLowerCase() : 'ssh') as RemoteScheme;
  const authority = spec.host.slice(m ? m[0].length : 0).replace(/[/:]$/, '');
  const afterUser = authority.slice(authority.lastIndexOf('@') + 1);
  const host = afterUser.startsWith('[') ? afterUser.slice(1, afterUser.indexOf(']')) : afterUser.split(':')[0];
  return { scheme, host: host ?? '' };
}
