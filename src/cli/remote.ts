/// <reference types="node" />
/**
 * Remote resources in the CLI: the flags shared by build, fleet, lint and diff, and {@link withRemotes}, which
 * runs a command's build once with a probe that only notes remote entries. A build without any stops there;
 * otherwise the remote loader (src/node/remote) is imported — only then — and resolves them in rounds.
 */
import type { RemoteLoader } from '../build/options.js';
import { memoryFs } from '../fs/memory.js';
import type { RemoteResolver } from '../node/remote/index.js';
import { UsageError, type Io } from './io.js';

/** parseArgs options of the remote flags. */
export const remoteFlagOptions = {
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  lock: { type: 'string' },
  frozen: { type: 'boolean' },
  refresh: { type: 'boolean' },
} as const;

/** The remote flags as parseArgs returns them. */
export interface RemoteFlags {
  offline?: boolean | undefined;
  'cache-dir'?: string | undefined;
  lock?: string | undefined;
  frozen?: boolean | undefined;
  refresh?: boolean | undefined;
}

export const remoteFlagsHelp = `Remote resources (git repos and http(s) files, resolved as kustomize does, cached):
  --offline               use only the cache; the error names what is missing
  --cache-dir DIR         the cache (default: $XDG_CACHE_HOME/kustomize-ts, ~/.cache/kustomize-ts)
  --lock FILE             build the commits and file hashes pinned in FILE; record new remotes in it
  --frozen                with --lock: fail on a remote the lock does not pin or that differs; never write it
  --refresh               ask again for branches and files the cache has, and re-resolve locked refs`;

/** Extra settings of a command's remote resolution. */
export interface WithRemotesOptions<T> {
  /** kustomize-controller's --no-remote-bases. */
  noRemoteBases?: boolean;
  /** Called after each run: may ask for more (Flux sources). Forces the remote loader to load. */
  afterRun?: (result: T, resolver: RemoteResolver) => void;
}

function probe(seen: string[]): RemoteLoader {
  const placeholder = memoryFs({
    '/kustomize-ts-probe/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: pending\n',
    '/kustomize-ts-probe/file.yaml': '',
  });
  return (url, as) => {
    seen.push(url);
    return as === 'file'
      ? { fs: placeholder, path: '/kustomize-ts-probe/file.yaml' }
      : { fs: placeholder, path: '/kustomize-ts-probe', repoRoot: '/kustomize-ts-probe' };
  };
}

/** Checks the flag combinations (exit status 2 when wrong). */
export function checkRemoteFlags(flags: RemoteFlags): void {
  if (flags.frozen && flags.lock === undefined) throw new UsageError('--frozen needs --lock FILE');
}

/**
 * Runs `run` with remote resources resolved; undefined (after printing why) when the remote loader could not
 * start (a malformed lock file, a frozen lock that does not exist).
 */
export async function withRemotes<T>(
  flags: RemoteFlags,
  io: Io,
  run: (loader: RemoteLoader, resolver?: RemoteResolver) => T,
  options: WithRemotesOptions<T> = {},
): Promise<T | undefined> {
  const seen: string[] = [];
  const first = run(probe(seen));
  if (seen.length === 0 && !options.afterRun) return first;
  const remote = await import('../node/remote/index.js');
  let resolver: RemoteResolver;
  try {
    resolver = new remote.RemoteResolver({
      ...(flags['cache-dir'] !== undefined ? { cacheDir: flags['cache-dir'] } : {}),
      ...(flags.lock !== undefined ? { lockFile: flags.lock } : {}),
      offline: flags.offline === true,
      frozen: flags.frozen === true,
      refresh: flags.refresh === true,
      noRemoteBases: options.noRemoteBases === true,
    });
  } catch (err) {
    if (!(err instanceof remote.RemoteFailure)) throw err;
    io.err(`error: ${err.message}\n`);
    return undefined;
  }
  const afterRun = options.afterRun;
  let result: T;
  try {
    result = await remote.resolveRemotes(resolver, run, afterRun);
  } catch (err) {
    if (!(err instanceof remote.RemoteFailure)) throw err;
    io.err(`error: ${err.message}\n`);
    return undefined;
  }
  const missing = resolver.failures().filter((f) => f.failure.code === 'remote/offline');
  if (missing.length > 0) {
    io.err(`offline: ${missing.length} remote resource(s) not in the cache ${resolver.cache.dir}:\n`);
    for (const m of missing) io.err(`  ${m.url}\n`);
  }
  return result;
}
