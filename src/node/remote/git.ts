/// <reference types="node" />
/**
 * Fetching git repositories with the `git` program, as kustomize does (api/internal/git/cloner.go): `git init`,
 * `git remote add origin URL`, `git fetch --depth=1 URL REF` (one ref, shallow), `git checkout FETCH_HEAD`
 * and `git submodule update --init --recursive`, each under the URL's `?timeout=`. Using git itself means the
 * user's git configuration applies unchanged: credential helpers, SSH keys and agents, `url.*.insteadOf`,
 * proxies and CA bundles. Failures are worded as kustomize words them (`failed to run '...': <output>: exit
 * status N`, `hit 27s timeout running '...'`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { RemoteCache } from './cache.js';
import { RemoteFailure, redactText } from './errors.js';

/** How to run git. */
export interface GitRunner {
  /** The program (absolute path when found on PATH, as kustomize prints it). */
  program: string;
  /** Environment of every git command. */
  env: NodeJS.ProcessEnv;
}

/** Finds `git` on PATH (kustomize's exec.LookPath("git")). */
export function findGit(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (isAbsolute(name)) return existsSync(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Go's time.Duration.String() of a whole number of milliseconds (`27s`, `1m1s`, `500ms`, `1h0m0s`). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${String(s)}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** Runs one git command in `cwd`; resolves with its combined output, rejects with kustomize's wording. */
export function runGit(git: GitRunner, cwd: string, args: readonly string[], timeoutMs: number): Promise<string> {
  const cmd = redactText([git.program, ...args].join(' '));
  return new Promise((resolve, reject) => {
    // A process group of its own, so that a timeout also ends git's helpers (git-remote-http, ssh).
    const child = spawn(git.program, args, { cwd, env: git.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(new RemoteFailure('remote/timeout', `hit ${goDuration(timeoutMs)} timeout running '${cmd}'`)),
      );
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      settle(() => reject(new RemoteFailure('remote/fetch-failed', `failed to run '${cmd}': ${err.message}`)));
    });
    child.on('close', (code, signal) => {
      const out = redactText(Buffer.concat(chunks).toString('utf8'));
      if (code === 0) settle(() => resolve(out));
      const status = code !== null ? `exit status ${code}` : `signal: ${signal ?? 'unknown'}`;
      settle(() => reject(new RemoteFailure('remote/fetch-failed', `failed to run '${cmd}': ${out}: ${status}`)));
    });
  });
}

/** What `git fetch` says it fetched (its FETCH_HEAD line): a branch, a tag, or a bare commit or HEAD. */
export type FetchedKind = 'branch' | 'tag' | 'commit' | 'head';

/** The commit in FETCH_HEAD of the repository at `dir` and what kind of ref it came from. */
export function readFetchHead(dir: string, ref: string): { commit: string; kind: FetchedKind } {
  const line = readFileSync(join(dir, '.git', 'FETCH_HEAD'), 'utf8').split('\n')[0] ?? '';
  const [commit = '', , what = ''] = line.split('\t');
  let kind: FetchedKind = ref === '' || ref === 'HEAD' ? 'head' : 'commit';
  if (what.startsWith('branch ')) kind = 'branch';
  else if (what.startsWith('tag ')) kind = 'tag';
  else if (kind === 'commit' && !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(ref)) kind = 'branch';
  return { commit, kind };
}

/** Removes `.git` (the repository and the gitlink files of submodules) from a checkout. */
function removeGitDirs(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.name === '.git') rmSync(p, { recursive: true, force: true });
    else if (e.isDirectory()) removeGitDirs(p);
  }
}

/** What to fetch: the clone URL, the ref (a branch, tag, commit or '' for HEAD), submodules and timeout. */
export interface FetchTarget {
  cloneSpec: string;
  ref: string;
  submodules: boolean;
  timeoutMs: number;
}

/**
 * Fetches one ref of a repo, shallow, as kustomize's ClonerUsingGitExec does, and puts the commit's files in the
 * cache (unless they are there already). Returns the commit and what kind of ref it was.
 */
export async function fetchCheckout(
  git: GitRunner,
  cache: RemoteCache,
  target: FetchTarget,
): Promise<{ commit: string; kind: FetchedKind }> {
  const work = await cache.tmpDir('git-');
  try {
    const run = (...args: string[]): Promise<string> => runGit(git, work, args, target.timeoutMs);
    await run('init');
    await run('remote', 'add', 'origin', target.cloneSpec);
    await run('fetch', '--depth=1', target.cloneSpec, target.ref === '' ? 'HEAD' : target.ref);
    const fetched = readFetchHead(work, target.ref);
    const final = cache.checkoutDir(fetched.commit, target.submodules);
    if (!existsSync(final)) {
      await run('checkout', 'FETCH_HEAD');
      if (target.submodules) await run('submodule', 'update', '--init', '--recursive');
      removeGitDirs(work);
      cache.install(work, final);
    }
    return fetched;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `git ls-remote --tags URL`: the tag names of a repo (for semver refs). */
export async function listTags(git: GitRunner, cache: RemoteCache, url: string, timeoutMs: number): Promise<string[]> {
  const work = await cache.tmpDir('ls-');
  try {
    const out = await runGit(git, work, ['ls-remote', '--tags', url], timeoutMs);
    const tags = new Set<string>();
    for (const line of out.split('\n')) {
      const m = /\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line);
      if (m) tags.add(m[1] as string);
    }
    return [...tags];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
