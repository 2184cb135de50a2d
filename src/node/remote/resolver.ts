/// <reference types="node" />
/**
 * The remote loader of `kustomize-ts/node`. Builds are synchronous and fetching is not, so resolution runs in
 * rounds ({@link resolveRemotes}): a build asks the resolver's `loader` for what it needs; what is not resolved
 * yet is noted and stands in as an empty placeholder so the build can go on and note more; then everything noted
 * is fetched (or taken from the cache) in parallel and the build runs again, until a build asks for nothing new.
 * Only the last build's result is kept. Git repos are fetched with the `git` program (see git.ts), http(s)
 * files with fetch (see http.ts); both land in the content-addressed cache (see cache.ts).
 */
import { existsSync } from 'node:fs';
import type { RemoteContent, RemoteLoader } from '../../build/options.js';
import { parseRepoSpec, type RepoSpec } from '../../build/repo-spec.js';
import type { FileSystem } from '../../fs/types.js';
import { memoryFs } from '../../fs/memory.js';
import { hostPath, nodeFs } from '../node-fs.js';
import { RemoteCache, defaultCacheDir, type RefRecord } from './cache.js';
import { RemoteFailure, redactUrl, toRemoteFailure } from './errors.js';
import { fetchCheckout, findGit, listTags, type GitRunner } from './git.js';
import { highestMatching, pullOciArtifact } from './oci.js';
import type { FetchableSource } from '../../flux/remote-sources.js';
import { httpGet, httpStatusFailure } from './http.js';
import { DEFAULT_LIMITS, checkAllowed, repoSchemeAndHost, type Limits, type RemoteScheme } from './limits.js';
import { LockFile } from './lock.js';

/** Options of the remote loader (the CLI's `--offline`, `--cache-dir`, `--lock`, `--frozen`, `--refresh`). */
export interface RemoteOptions {
  /** The cache directory. Default: `$KUSTOMIZE_TS_CACHE_DIR`, else `kustomize-ts` in the user cache directory. */
  cacheDir?: string;
  /** Never go to the network: build from the cache, and name what is missing. Default false. */
  offline?: boolean;
  /** Ask the servers again for branches, HEAD and files even when the cache has them, and re-resolve locked refs. */
  refresh?: boolean;
  /** Seconds a cached branch, HEAD or file is used without asking again. Default 3600. Tags and commits are kept. */
  ttlSeconds?: number;
  /** A lock file: pins are used when present and recorded when new. Default: none. */
  lockFile?: string;
  /** With `lockFile`: fail on anything the lock does not pin or that differs from its pin; never write it. */
  frozen?: boolean;
  /** Refuse git repo entries, as kustomize-controller's `--no-remote-bases` does (http(s) files still load). */
  noRemoteBases?: boolean;
  /** URL schemes that may be fetched. Default: https, http, ssh and file (all kustomize supports). */
  allowedSchemes?: readonly RemoteScheme[];
  /** Host names that may be fetched from (exact, or `*.example.com`). Default: any. */
  allowedHosts?: readonly string[];
  /** Largest file body accepted, in bytes. Default 64 MiB. */
  maxFileBytes?: number;
  /** Time limit of one http(s) download, in milliseconds. Default 60000. Git commands use the URL's `?timeout=`. */
  httpTimeoutMs?: number;
  /** The git program. Default `git` on PATH. */
  git?: string;
  /** Environment of git commands. Default: this process's, with `GIT_TERMINAL_PROMPT=0`. */
  env?: NodeJS.ProcessEnv;
  /** Fetches run in parallel. Default 4. */
  concurrency?: number;
  /** Progress lines (`fetching ...`). */
  onLog?: (line: string) => void;
}

/** How resolution went: what came from the network and what from the cache. */
export interface RemoteStats {
  gitFetches: number;
  httpDownloads: number;
  cacheHits: number;
}

type Entry<T> = { state: 'pending' } | { state: 'ok'; value: T } | { state: 'failed'; failure: RemoteFailure };

const PENDING_ROOT = '/kustomize-ts-pending';
const isFullSha = (s: string): boolean => /^[0-9a-f]{40}$/.test(s);

/**
 * Resolves remote kustomize resources and Flux sources for one command: git clones, http downloads and OCI
 * artifacts through the on-disk cache, with offline, lock-file and frozen modes. The CLI makes one per run.
 */
export class RemoteResolver {
  readonly cache: RemoteCache;
  readonly stats: RemoteStats = { gitFetches: 0, httpDownloads: 0, cacheHits: 0 };
  readonly lock: LockFile | undefined;
  /** The loader to pass to builds (`remoteLoader`). */
  readonly loader: RemoteLoader = (url, as) => this.serve(url, as);
  private readonly repos = new Map<string, Entry<string>>();
  private readonly files = new Map<string, Entry<string>>();
  private readonly specs = new Map<string, RepoSpec>();
  private readonly sources = new Map<string, Entry<string>>();
  private readonly sourceSpecs = new Map<string, FetchableSource>();
  private readonly limits: Limits;
  private readonly fs: FileSystem = nodeFs();
  private readonly placeholder = memoryFs({
    [`${PENDING_ROOT}/kustomization.yaml`]:
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: pending\n',
    [`${PENDING_ROOT}/file.yaml`]: '',
  });
  private gitRunner: GitRunner | undefined;

  constructor(readonly options: RemoteOptions = {}) {
    this.cache = new RemoteCache(options.cacheDir ?? defaultCacheDir());
    this.limits = {
      ...DEFAULT_LIMITS,
      ...(options.allowedSchemes ? { allowedSchemes: options.allowedSchemes } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.httpTimeoutMs !== undefined ? { httpTimeoutMs: options.httpTimeoutMs } : {}),
    };
    if (options.frozen && !options.lockFile) throw new RemoteFailure('remote/lock', 'frozen mode needs a lock file');
    this.lock = options.lockFile ? LockFile.read(options.lockFile) : undefined;
    if (options.frozen && this.lock && !this.lock.existed) {
      throw new RemoteFailure('remote/frozen', `frozen mode: the lock file ${this.lock.path} does not exist`);
    }
  }

  /** Whether a build asked for something not resolved yet. */
  hasPending(): boolean {
    return [...this.repos.values(), ...this.files.values(), ...this.sources.values()].some(
      (e) => e.state === 'pending',
    );
  }

  /** Asks for Flux sources (GitRepository, OCIRepository) to be fetched in the next round. */
  requestSources(list: readonly FetchableSource[]): void {
    for (const s of list) {
      this.sourceSpecs.set(s.key, s);
      this.entry(this.sources, s.key);
    }
  }

  /** The folders of the Flux sources fetched so far, keyed as `RenderFleetOptions.sources` (`Kind/namespace/name`). */
  sourceMapping(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, e] of this.sources) if (e.state === 'ok') out[key] = hostPath(e.value);
    return out;
  }

  /** Every failure so far, by URL (without credentials). */
  failures(): { url: string; failure: RemoteFailure }[] {
    const out: { url: string; failure: RemoteFailure }[] = [];
    for (const [key, e] of this.repos) if (e.state === 'failed') out.push({ url: key, failure: e.failure });
    for (const [url, e] of this.files) if (e.state === 'failed') out.push({ url: redactUrl(url), failure: e.failure });
    for (const [key, e] of this.sources) if (e.state === 'failed') out.push({ url: key, failure: e.failure });
    return out;
  }

  /** Fetches (or finds in the cache) everything pending, in parallel. */
  async resolvePending(): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    for (const [key, e] of this.repos) {
      if (e.state === 'pending') jobs.push(() => this.settle(this.repos, key, () => this.resolveRepo(key)));
    }
    for (const [url, e] of this.files) {
      if (e.state === 'pending') jobs.push(() => this.settle(this.files, url, () => this.resolveFile(url)));
    }
    for (const [key, e] of this.sources) {
      if (e.state === 'pending') jobs.push(() => this.settle(this.sources, key, () => this.resolveSource(key)));
    }
    await runPool(jobs, this.options.concurrency ?? 4);
  }

  /** Writes the lock file when it changed (never in frozen mode). */
  finish(): void {
    if (!this.options.frozen) this.lock?.save();
  }

  // ------------------------------------------------------------------ serving (synchronous, during builds)

  private serve(url: string, as: 'file' | 'repo'): RemoteContent {
    if (as === 'file') {
      const e = this.entry(this.files, url);
      if (e.state === 'ok') return { fs: this.fs, path: hostPath(e.value) };
      if (e.state === 'failed') return failureContent(e.failure);
      return { fs: this.placeholder, path: `${PENDING_ROOT}/file.yaml` };
    }
    const spec = parseRepoSpec(url);
    if (!spec) return { error: `'${url}' is not a repo URL`, code: 'load/remote' };
    if (this.options.noRemoteBases) {
      return {
        code: 'remote/not-allowed',
        error: `remote base '${redactUrl(url)}' is not allowed: kustomize-controller runs with --no-remote-bases`,
      };
    }
    const key = repoKey(spec);
    this.specs.set(key, spec);
    const e = this.entry(this.repos, key);
    if (e.state === 'ok') {
      const root = hostPath(e.value);
      return { fs: this.fs, path: spec.kustRootPath === '' ? root : `${root}/${spec.kustRootPath}`, repoRoot: root };
    }
    if (e.state === 'failed') return failureContent(e.failure);
    return { fs: this.placeholder, path: PENDING_ROOT, repoRoot: PENDING_ROOT };
  }

  private entry(map: Map<string, Entry<string>>, key: string): Entry<string> {
    let e = map.get(key);
    if (!e) {
      e = { state: 'pending' };
      map.set(key, e);
    }
    return e;
  }

  private async settle(map: Map<string, Entry<string>>, key: string, run: () => Promise<string>): Promise<void> {
    try {
      map.set(key, { state: 'ok', value: await run() });
    } catch (err) {
      map.set(key, { state: 'failed', failure: toRemoteFailure(err) });
    }
  }

  // ------------------------------------------------------------------ repos

  private git(): GitRunner {
    if (!this.gitRunner) {
      const env: NodeJS.ProcessEnv = { ...(this.options.env ?? process.env), GIT_TERMINAL_PROMPT: '0' };
      if (this.options.allowedSchemes) env.GIT_ALLOW_PROTOCOL = this.options.allowedSchemes.join(':');
      const program = findGit(this.options.git ?? 'git', env);
      if (!program) {
        throw new RemoteFailure(
          'remote/fetch-failed',
          `no 'git' program on path: exec: "git": executable file not found in $PATH`,
        );
      }
      this.gitRunner = { program, env };
    }
    return this.gitRunner;
  }

  private fresh(rec: RefRecord): boolean {
    if (this.options.offline) return true;
    if (this.options.refresh) return false;
    if (rec.kind === 'tag' || rec.kind === 'commit') return true;
    return this.withinTtl(rec.fetchedAt);
  }

  private withinTtl(fetchedAt: number): boolean {
    return Date.now() - fetchedAt < (this.options.ttlSeconds ?? 3600) * 1000;
  }

  /**
   * Resolves a repo to the cache directory of its commit: lock pin, cache record, or a fetch. `fetchRef` names the
   * ref to fetch when it must be found first (a semver range of a GitRepository); such a ref is re-resolved after
   * the TTL, like a branch.
   */
  private async resolveRepo(key: string, given?: RepoSpec, fetchRef?: () => Promise<string>): Promise<string> {
    const spec = given ?? this.specs.get(key);
    if (!spec) throw new RemoteFailure('load/remote', `no repo spec for ${key}`);
    const { scheme, host } = repoSchemeAndHost(spec);
    checkAllowed(scheme, host, redactUrl(spec.cloneSpec), this.limits);
    const pinned = this.lock?.data.git[key]?.commit;
    if (pinned !== undefined && !this.options.refresh) return this.checkoutOf(spec, key, pinned, 'the lock file pins');
    if (pinned === undefined && this.options.frozen) {
      throw new RemoteFailure('remote/frozen', `frozen mode: ${key} is not in the lock file ${this.lock?.path ?? ''}`);
    }
    if (isFullSha(spec.ref) && existsSync(this.cache.checkoutDir(spec.ref, spec.submodules))) {
      this.stats.cacheHits++;
      return this.cache.checkoutDir(spec.ref, spec.submodules);
    }
    const rec = this.cache.readRef(refRecordKey(spec));
    const dir = rec ? this.cache.checkoutDir(rec.commit, spec.submodules) : undefined;
    if (rec && dir !== undefined && existsSync(dir) && this.fresh(rec)) {
      this.stats.cacheHits++;
      return this.pin(key, rec.commit, dir);
    }
    if (this.options.offline) throw this.offlineMiss(key);
    this.options.onLog?.(`fetching ${key}`);
    this.stats.gitFetches++;
    const ref = fetchRef ? await fetchRef() : spec.ref;
    const got = await fetchCheckout(this.git(), this.cache, { ...spec, ref });
    this.cache.writeRef(refRecordKey(spec), {
      url: redactUrl(spec.cloneSpec),
      ref: spec.ref,
      commit: got.commit,
      kind: fetchRef ? 'branch' : got.kind,
      fetchedAt: Date.now(),
    });
    return this.pin(key, got.commit, this.cache.checkoutDir(got.commit, spec.submodules));
  }

  /** The checkout of a pinned commit: from the cache, else fetched by its SHA. */
  private async checkoutOf(spec: RepoSpec, key: string, commit: string, why: string): Promise<string> {
    const dir = this.cache.checkoutDir(commit, spec.submodules);
    if (existsSync(dir)) {
      this.stats.cacheHits++;
      return dir;
    }
    if (this.options.offline) {
      throw new RemoteFailure(
        'remote/offline',
        `offline: ${key} (commit ${commit}, as ${why}) is not in the cache ${this.cache.dir}; build once without --offline to fetch it`,
      );
    }
    this.options.onLog?.(`fetching ${key} at ${commit}`);
    this.stats.gitFetches++;
    await fetchCheckout(this.git(), this.cache, { ...spec, ref: commit });
    return dir;
  }

  /** Records (or, frozen, checks) the commit a repo resolved to. */
  private pin(key: string, commit: string, dir: string): string {
    const pinned = this.lock?.data.git[key]?.commit;
    if (this.options.frozen && pinned !== commit) {
      throw new RemoteFailure(
        'remote/frozen',
        `frozen mode: ${key} is at commit ${commit}, the lock file ${this.lock?.path ?? ''} pins ${pinned ?? 'nothing'}`,
      );
    }
    this.lock?.set('git', key, { commit });
    return dir;
  }

  private offlineMiss(what: string): RemoteFailure {
    return new RemoteFailure(
      'remote/offline',
      `offline: ${what} is not in the cache ${this.cache.dir}; build once without --offline to fetch it`,
    );
  }

  // ------------------------------------------------------------------ Flux sources

  private async resolveSource(key: string): Promise<string> {
    const src = this.sourceSpecs.get(key) as FetchableSource;
    if (src.kind === 'OCIRepository') return this.resolveOci(src);
    const { type, value } = src.ref;
    const ref =
      type === 'branch'
        ? `refs/heads/${value}`
        : type === 'tag'
          ? `refs/tags/${value}`
          : type === 'semver'
            ? `semver:${value}`
            : value;
    const spec: RepoSpec = {
      raw: src.url,
      host: parseRepoSpec(src.url)?.host ?? '',
      repoPath: src.url,
      cloneSpec: src.url,
      kustRootPath: '',
      ref,
      timeoutMs: 60_000,
      submodules: src.recurseSubmodules,
      gitPrefix: false,
    };
    const lockKey = `${redactUrl(src.url)}@${ref}${src.recurseSubmodules ? '' : ' (no submodules)'}`;
    if (type !== 'semver') return this.resolveRepo(lockKey, spec);
    const fetchRef = async (): Promise<string> => {
      const tags = await listTags(this.git(), this.cache, src.url, spec.timeoutMs);
      return `refs/tags/${highestMatching(tags, value, `${key} (${redactUrl(src.url)})`)}`;
    };
    return this.resolveRepo(lockKey, spec, fetchRef);
  }

  /** An OCIRepository: lock pin, cache record (by tag or range, TTL as for branches), or a pull. */
  private async resolveOci(src: FetchableSource): Promise<string> {
    const m = /^oci:\/\/([^/]+)/.exec(src.url);
    checkAllowed(src.insecure ? 'http' : 'https', (m?.[1] ?? '').replace(/:\d+$/, ''), src.url, this.limits);
    const key = `${redactUrl(src.url)}@${src.ref.type === 'semver' ? `semver:${src.ref.value}` : src.ref.value}`;
    const target = {
      url: src.url,
      ref: src.ref,
      insecure: src.insecure,
      ...(src.mediaType ? { mediaType: src.mediaType } : {}),
    };
    const pinned = this.lock?.data.oci[key]?.digest;
    if (pinned === undefined && this.options.frozen) {
      throw new RemoteFailure('remote/frozen', `frozen mode: ${key} is not in the lock file ${this.lock?.path ?? ''}`);
    }
    const rec = this.cache.readRef(`oci\n${key}`);
    const cached = pinned ?? (rec && (src.ref.type === 'digest' || this.fresh(rec)) ? rec.commit : undefined);
    if (cached !== undefined && !this.options.refresh && existsSync(this.cache.ociDir(cached))) {
      this.stats.cacheHits++;
      return this.pinOci(key, cached);
    }
    if (this.options.offline) throw this.offlineMiss(key);
    this.options.onLog?.(`pulling ${key}`);
    this.stats.httpDownloads++;
    const got = await pullOciArtifact(this.cache, this.limits, target, this.options.refresh ? undefined : pinned);
    const kind = src.ref.type === 'digest' ? 'commit' : 'branch';
    this.cache.writeRef(`oci\n${key}`, { url: src.url, ref: key, commit: got.digest, kind, fetchedAt: Date.now() });
    return this.pinOci(key, got.digest);
  }

  private pinOci(key: string, digest: string): string {
    const pinned = this.lock?.data.oci[key]?.digest;
    if (this.options.frozen && pinned !== digest) {
      throw new RemoteFailure(
        'remote/frozen',
        `frozen mode: ${key} is at ${digest}, the lock file pins ${pinned ?? 'nothing'}`,
      );
    }
    this.lock?.set('oci', key, { digest });
    return this.cache.ociDir(digest);
  }

  // ------------------------------------------------------------------ files

  /** Resolves a file URL to its blob in the cache: lock pin, cache record, or a download. */
  private async resolveFile(url: string): Promise<string> {
    const shown = redactUrl(url);
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    checkAllowed(parsed?.protocol.slice(0, -1) ?? '', parsed?.hostname ?? '', shown, this.limits);
    const pinned = this.lock?.data.files[shown]?.sha256;
    if (pinned !== undefined && !this.options.refresh && existsSync(this.cache.blobPath(pinned))) {
      this.stats.cacheHits++;
      return this.cache.blobPath(pinned);
    }
    if (pinned === undefined && this.options.frozen) {
      throw new RemoteFailure(
        'remote/frozen',
        `frozen mode: ${shown} is not in the lock file ${this.lock?.path ?? ''}`,
      );
    }
    const rec = this.cache.readUrl(shown);
    if (rec && (this.options.offline || (!this.options.refresh && this.withinTtl(rec.fetchedAt)))) {
      this.stats.cacheHits++;
      if (rec.status !== undefined) throw httpStatusFailure(rec.status);
      return this.pinFile(shown, rec.sha256 ?? '');
    }
    if (this.options.offline) throw this.offlineMiss(shown);
    this.options.onLog?.(`downloading ${shown}`);
    this.stats.httpDownloads++;
    let bytes: Uint8Array;
    try {
      bytes = await httpGet(url, this.limits);
    } catch (err) {
      if (err instanceof RemoteFailure && err.httpStatus !== undefined) {
        this.cache.writeUrl(shown, { url: shown, status: err.httpStatus, fetchedAt: Date.now() });
      }
      throw err;
    }
    const sha256 = this.cache.storeBlob(bytes);
    this.cache.writeUrl(shown, { url: shown, sha256, fetchedAt: Date.now() });
    return this.pinFile(shown, sha256);
  }

  private pinFile(shown: string, sha256: string): string {
    const pinned = this.lock?.data.files[shown]?.sha256;
    if (this.options.frozen && pinned !== sha256) {
      throw new RemoteFailure(
        'remote/frozen',
        `frozen mode: ${shown} has SHA-256 ${sha256}, the lock file ${this.lock?.path ?? ''} pins ${pinned ?? 'nothing'}`,
      );
    }
    this.lock?.set('files', shown, { sha256 });
    return this.cache.blobPath(sha256);
  }
}

/** The lock key of a repo: its clone URL without credentials and its ref. */
export function repoKey(spec: RepoSpec): string {
  return `${redactUrl(spec.cloneSpec)}@${spec.ref === '' ? 'HEAD' : spec.ref}${spec.submodules ? '' : ' (no submodules)'}`;
}

function refRecordKey(spec: RepoSpec): string {
  return `${redactUrl(spec.cloneSpec)}\n${spec.ref}`;
}

function failureContent(f: RemoteFailure): RemoteContent {
  return f.httpStatus !== undefined
    ? { error: f.message, code: f.code, httpStatus: f.httpStatus }
    : { error: f.message, code: f.code };
}

async function runPool(jobs: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
}

/**
 * Runs `run` (a build, a fleet render, a lint) until every remote resource it asks for is resolved; returns the
 * last result. `afterRun` may ask the resolver for more (Flux sources found in the result).
 */
export async function resolveRemotes<T>(
  resolver: RemoteResolver,
  run: (loader: RemoteLoader, resolver: RemoteResolver) => T,
  afterRun?: (result: T, resolver: RemoteResolver) => void,
): Promise<T> {
  let result = run(resolver.loader, resolver);
  afterRun?.(result, resolver);
  for (let round = 0; resolver.hasPending(); round++) {
    if (round === 50) throw new RemoteFailure('load/remote', 'remote resources still unresolved after 50 rounds');
    await resolver.resolvePending();
    result = run(resolver.loader, resolver);
    afterRun?.(result, resolver);
  }
  resolver.finish();
  return result;
}
