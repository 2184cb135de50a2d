/**
 * The remote loader's cache, offline mode, lock file and limits, against local servers: what comes from the
 * network and what from the cache (the server's request log and the resolver's stats), offline builds, pins and
 * drift, credentials kept out of the cache and the lock, and clean coded errors for bad URLs, timeouts, garbage,
 * huge bodies and refused redirects.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { RemoteResolver, resolveRemotes, type RemoteOptions } from '../../src/node/remote/index.js';
import { gitTestEnv, hasGit, makeRepos, startServer, type TestServer } from '../helpers/remote-repos.js';

const git = hasGit();
let root = '';
let server: TestServer;

beforeAll(async () => {
  if (!git) return;
  root = mkdtempSync(join(tmpdir(), 'kts-remote-cache-'));
  makeRepos(root);
  server = await startServer(root);
});

afterAll(async () => {
  if (!git) return;
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
/** Builds a kustomization (with `$ROOT`/`$HTTP`) through a fresh resolver on `options`. */
async function buildWith(kustomization: string, options: RemoteOptions) {
  const dir = join(root, `k${n++}`);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    kustomization.replaceAll('$ROOT', root).replaceAll('$HTTP', server.url),
  );
  const resolver = new RemoteResolver({ env: gitTestEnv(), ...options });
  const result = await resolveRemotes(resolver, (loader) => build(dir, { fs: nodeFs(), remoteLoader: loader }));
  const error = result.diagnostics.find((d) => d.severity === 'error');
  return { result, resolver, error, yaml: result.ok ? result.toYaml() : '' };
}

const newCache = (): string => mkdtempSync(join(tmpdir(), 'kts-cache-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe.skipIf(!git)('remote cache', () => {
  it('a second build is served from the cache, with no request to the server', async () => {
    const cacheDir = newCache();
    const k = 'resources:\n- $HTTP/git/multibase.git//dev?ref=v2.0.0\n- $HTTP/files/pod.yaml\n';
    const first = await buildWith(k, { cacheDir });
    expect(first.error).toBeUndefined();
    // The git URL is first asked for as a file (404, as kustomize does), then fetched with git.
    expect(first.resolver.stats).toEqual({ gitFetches: 1, httpDownloads: 2, cacheHits: 0 });
    const before = server.requests.length;
    const again = await buildWith(k, { cacheDir });
    expect(again.resolver.stats).toEqual({ gitFetches: 0, httpDownloads: 0, cacheHits: 3 });
    expect(server.requests.length).toBe(before);
    expect(again.yaml).toBe(first.yaml);
    expect(again.yaml).toContain('name: dev-myapp-pod');
  });

  it('tags and commits are kept; a branch is asked again after the TTL or with refresh', async () => {
    const cacheDir = newCache();
    const branch = 'resources:\n- file://$ROOT/simple.git?ref=change-image\n';
    const tag = 'resources:\n- file://$ROOT/simple.git?ref=v1\n';
    await buildWith(branch, { cacheDir });
    await buildWith(tag, { cacheDir });
    expect((await buildWith(branch, { cacheDir })).resolver.stats.gitFetches).toBe(0);
    expect((await buildWith(branch, { cacheDir, ttlSeconds: 0 })).resolver.stats.gitFetches).toBe(1);
    expect((await buildWith(tag, { cacheDir, ttlSeconds: 0 })).resolver.stats.gitFetches).toBe(0);
    expect((await buildWith(tag, { cacheDir, refresh: true })).resolver.stats.gitFetches).toBe(1);
  });

  it('offline builds from the cache and names exactly what is missing', async () => {
    const cacheDir = newCache();
    const k = 'resources:\n- file://$ROOT/simple.git\n- $HTTP/files/pod.yaml\ncomponents:\n- file://$ROOT/comp.git/c\n';
    const cold = await buildWith(k, { cacheDir, offline: true });
    expect(cold.error?.code).toBe('remote/offline');
    const missing = cold.resolver.failures().map((f) => [f.url, f.failure.code]);
    expect(missing.sort()).toEqual(
      [
        [`file://${root}/simple.git@HEAD`, 'remote/offline'],
        [`file://${root}/comp.git@HEAD`, 'remote/offline'],
        [`${server.url}/files/pod.yaml`, 'remote/offline'],
      ].sort(),
    );
    const online = await buildWith(k.replace(/namePrefix.*\n/, ''), { cacheDir });
    expect(online.error?.message).toMatch(/already registered/);
    await buildWith('resources:\n- file://$ROOT/simple.git\ncomponents:\n- file://$ROOT/comp.git/c\n', { cacheDir });
    const before = server.requests.length;
    const warm = await buildWith('resources:\n- file://$ROOT/simple.git\ncomponents:\n- file://$ROOT/comp.git/c\n', {
      cacheDir,
      offline: true,
      ttlSeconds: 0,
    });
    expect(warm.error).toBeUndefined();
    expect(warm.yaml).toContain('name: comp-myapp-pod');
    expect(warm.resolver.stats.gitFetches + warm.resolver.stats.httpDownloads).toBe(0);
    expect(server.requests.length).toBe(before);
  });
});

describe.skipIf(!git)('lock file', () => {
  /** A repo whose main branch moves. */
  function movingRepo(): { url: string; advance: () => void } {
    const dir = join(root, `moving-${n++}.git`);
    execFileSync('cp', ['-r', join(root, 'simple.git'), dir]);
    return {
      url: `file://${dir}`,
      advance: () => {
        writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- pod.yaml\nnamePrefix: moved-\n');
        execFileSync('git', ['commit', '-qam', 'move'], { cwd: dir, env: gitTestEnv() });
      },
    };
  }

  it('records the commit, builds the pinned commit after the branch moved, and refresh updates it', async () => {
    const repo = movingRepo();
    const lockFile = join(newCache(), 'remote.lock');
    const k = `resources:\n- ${repo.url}?ref=main\n`;
    const first = await buildWith(k, { cacheDir: newCache(), lockFile });
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { git: Record<string, { commit: string }> };
    const pinned = lock.git[`${repo.url}@main`]?.commit;
    expect(pinned).toMatch(/^[0-9a-f]{40}$/);
    repo.advance();
    const pinnedBuild = await buildWith(k, { cacheDir: newCache(), lockFile });
    expect(pinnedBuild.yaml).toBe(first.yaml);
    expect((await buildWith(k, { cacheDir: newCache() })).yaml).toContain('name: moved-myapp-pod');
    const refreshed = await buildWith(k, { cacheDir: newCache(), lockFile, refresh: true });
    expect(refreshed.yaml).toContain('name: moved-myapp-pod');
    const after = JSON.parse(readFileSync(lockFile, 'utf8')) as { git: Record<string, { commit: string }> };
    expect(after.git[`${repo.url}@main`]?.commit).not.toBe(pinned);
  });

  it('frozen fails on a remote the lock does not pin, and on drift', async () => {
    const repo = movingRepo();
    const lockFile = join(newCache(), 'remote.lock');
    const k = `resources:\n- ${repo.url}?ref=main\n`;
    await buildWith(k, { cacheDir: newCache(), lockFile });
    const text = readFileSync(lockFile, 'utf8');
    expect((await buildWith(k, { cacheDir: newCache(), lockFile, frozen: true })).error).toBeUndefined();
    const unpinned = await buildWith(`${k}- $HTTP/files/pod.yaml\n`, { cacheDir: newCache(), lockFile, frozen: true });
    expect(unpinned.error?.code).toBe('remote/frozen');
    expect(unpinned.error?.message).toContain(`${server.url}/files/pod.yaml is not in the lock file`);
    repo.advance();
    const drift = await buildWith(k, { cacheDir: newCache(), lockFile, frozen: true, refresh: true });
    expect(drift.error?.code).toBe('remote/frozen');
    expect(drift.error?.message).toMatch(/is at commit [0-9a-f]{40}, the lock file .* pins [0-9a-f]{40}/);
    expect(readFileSync(lockFile, 'utf8')).toBe(text);
  });

  it('frozen needs an existing lock file', () => {
    expect(() => new RemoteResolver({ lockFile: join(root, 'no.lock'), frozen: true })).toThrow(/does not exist/);
    writeFileSync(join(root, 'bad.lock'), '{ not json');
    expect(() => new RemoteResolver({ lockFile: join(root, 'bad.lock') })).toThrow(/malformed lock file/);
  });

  it('never writes credentials to the cache or the lock', async () => {
    const cacheDir = newCache();
    const lockFile = join(cacheDir, 'remote.lock');
    const withCreds = server.url.replace('http://', 'http://someone:s3cr3t-token@');
    const r = await buildWith(
      `resources:\n- ${withCreds}/git/simple.git\npatches:\n- path: ${withCreds}/files/patch.yaml\n`,
      {
        cacheDir,
        lockFile,
      },
    );
    expect(r.error?.message).toBeUndefined();
    for (const f of filesUnder(cacheDir)) expect(readFileSync(f, 'utf8'), f).not.toContain('s3cr3t');
    expect(readFileSync(lockFile, 'utf8')).toContain(`${server.url}/git/simple.git@HEAD`);
  });
});

describe.skipIf(!git)('remote errors are clean and coded', () => {
  // A short time limit only where the server never answers (a loaded machine may be slow elsewhere).
  const limits = (k: string): RemoteOptions => ({
    httpTimeoutMs: k.includes('slow') ? 300 : 30_000,
    maxFileBytes: 64 * 1024,
  });
  it.each([
    ['a server that never answers', 'resources:\n- $HTTP/slow.yaml\n', 'remote/timeout', /no answer within 300 ms/],
    [
      'a git server that never answers',
      'resources:\n- $HTTP/slow/repo.git?timeout=300ms\n',
      'remote/timeout',
      /hit 300ms timeout running '.*git fetch --depth=1/,
    ],
    ['a huge body', 'resources:\n- $HTTP/huge.yaml\n', 'remote/too-large', /larger than 65536 bytes/],
    [
      'a huge declared length',
      'resources:\n- $HTTP/huge-declared.yaml\n',
      'remote/too-large',
      /larger than 65536 bytes/,
    ],
    ['garbage', 'resources:\n- $HTTP/garbage.yaml\n', 'yaml/syntax', /garbage\.yaml/],
    [
      'a fake git server',
      'resources:\n- $HTTP/fake/repo.git\n',
      'remote/fetch-failed',
      /failed to run '.*git fetch --depth=1 .*fake\/repo.git HEAD'/,
    ],
    [
      'a redirect to another scheme',
      'resources:\n- $HTTP/redirect/scheme\n',
      'remote/not-allowed',
      /redirect from http: to https: refused/,
    ],
    ['a redirect loop', 'resources:\n- $HTTP/redirect/loop\n', 'remote/not-allowed', /stopped after 10 redirects/],
    [
      'a closed port',
      'resources:\n- http://127.0.0.1:2/x.yaml\n',
      'remote/fetch-failed',
      /Get "http:\/\/127.0.0.1:2\/x.yaml": .*ECONNREFUSED/,
    ],
    [
      'a repo on a closed port',
      'resources:\n- http://127.0.0.1:2/org/repo.git\n',
      'remote/fetch-failed',
      /failed to run '.*git fetch/,
    ],
  ])('%s', async (_name, k, code, message) => {
    const r = await buildWith(k, { cacheDir: newCache(), ...limits(k) });
    expect(r.result.ok).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message).toMatch(message);
    // A file that does not parse is reported in that file; anything else at the entry.
    if (code === 'yaml/syntax') expect(r.error?.file).toBe(`${server.url}/garbage.yaml`);
    else expect([r.error?.file?.replace(/.*\//, ''), r.error?.line]).toEqual(['kustomization.yaml', 2]);
  });

  it.each([
    [
      'a scheme not allowed',
      { allowedSchemes: ['https'] as const },
      'resources:\n- $HTTP/files/pod.yaml\n',
      /scheme http is not allowed/,
    ],
    [
      'a host not allowed',
      { allowedHosts: ['*.example.com'] },
      'resources:\n- $HTTP/git/simple.git\n',
      /host 127.0.0.1 is not allowed/,
    ],
    [
      '--no-remote-bases',
      { noRemoteBases: true },
      'resources:\n- file://$ROOT/simple.git\n',
      /kustomize-controller runs with --no-remote-bases/,
    ],
  ])('%s', async (_name, opts, k, message) => {
    const r = await buildWith(k, { cacheDir: newCache(), ...opts });
    expect(r.error?.code).toBe('remote/not-allowed');
    expect(r.error?.message).toMatch(message);
  });

  it('--no-remote-bases still loads http(s) files, as the controller does', async () => {
    const r = await buildWith('resources:\n- $HTTP/files/pod.yaml\n', { cacheDir: newCache(), noRemoteBases: true });
    expect(r.error).toBeUndefined();
  });
});
