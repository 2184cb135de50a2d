/**
 * A multi-repo fleet rendered whole with `kustomize-ts fleet --fetch-sources`: GitRepository sources (a tag over
 * file://, a semver range over git smart HTTP) and an OCIRepository pulled from a small registry-API server in
 * this test (token auth, tags/list, manifest, tar.gz layer); remote bases in Flux mode and --no-remote-bases;
 * offline re-renders from the cache; the lock file pins the sources too.
 */
/// <reference types="node" />
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as tarCreate } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hasGit, makeRepos, startServer, type TestServer } from '../helpers/remote-repos.js';

const git = hasGit();
let root = '';
let server: TestServer;
let registry: { url: string; requests: string[]; server: Server };

/** A registry that serves one Flux artifact (org/manifests:v1) behind a Bearer token. */
async function startRegistry(layer: Buffer): Promise<typeof registry> {
  const digest = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.cncf.flux.config.v1+json', digest: 'sha256:0', size: 2 },
    layers: [{ mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', digest, size: layer.length }],
  });
  const requests: string[] = [];
  let base = '';
  const srv = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (path.startsWith('/token')) return res.end(JSON.stringify({ token: 't0k' }));
    if (req.headers.authorization !== 'Bearer t0k') {
      res.statusCode = 401;
      res.setHeader(
        'www-authenticate',
        `Bearer realm="${base}/token",service="test",scope="repository:org/manifests:pull"`,
      );
      return res.end();
    }
    if (path === '/v2/org/manifests/tags/list')
      return res.end(JSON.stringify({ name: 'org/manifests', tags: ['v1', 'v0.9'] }));
    if (path === '/v2/org/manifests/manifests/v1' || path === `/v2/org/manifests/manifests/${digestOf(manifest)}`) {
      res.setHeader('content-type', 'application/vnd.oci.image.manifest.v1+json');
      return res.end(manifest);
    }
    if (path === `/v2/org/manifests/blobs/${digest}`) return res.end(layer);
    res.statusCode = 404;
    return res.end();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url: base, requests, server: srv };
}

function digestOf(s: string): string {
  return `sha256:${createHash('sha256').update(s).digest('hex')}`;
}

async function artifactLayer(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'kts-artifact-'));
  writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\ndata:\n  a: b\n');
  const chunks: Buffer[] = [];
  for await (const c of tarCreate({ gzip: true, cwd: dir, portable: true }, ['cm.yaml'])) chunks.push(c);
  rmSync(dir, { recursive: true, force: true });
  return Buffer.concat(chunks);
}

const ks = (name: string, kind: string, source: string, path: string): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ${name}, namespace: flux-system}
spec:
  interval: 5m
  path: ${path}
  prune: true
  sourceRef: {kind: ${kind}, name: ${source}}
`;

function writeFleet(): string {
  const fleet = join(root, 'fleet');
  const files: Record<string, string> = {
    'clusters/c/sources.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: tagged, namespace: flux-system}
spec: {interval: 5m, url: 'file://${root}/multibase.git', ref: {tag: v2.0.0}}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: ranged, namespace: flux-system}
spec: {interval: 5m, url: '${server.url}/git/multibase.git', ref: {semver: '>=2.0.0 <3.0.0'}}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: artifact, namespace: flux-system}
spec: {interval: 5m, url: 'oci://${registry.url.slice('http://'.length)}/org/manifests', insecure: true, ref: {tag: v1}}
`,
    'clusters/c/git.yaml': ks('from-tag', 'GitRepository', 'tagged', './dev'),
    'clusters/c/semver.yaml': ks('from-semver', 'GitRepository', 'ranged', './base'),
    'clusters/c/oci.yaml': ks('from-oci', 'OCIRepository', 'artifact', './'),
    'clusters/c/remote.yaml': ks('remote-base', 'GitRepository', 'flux-system', './remote'),
    'remote/kustomization.yaml': `namePrefix: r-\nresources:\n- file://${root}/simple.git?ref=v1\n`,
  };
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(fleet, p, '..'), { recursive: true });
    writeFileSync(join(fleet, p), t);
  }
  return fleet;
}

async function fleet(args: string[]): Promise<{ code: number; doc: FleetJson; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['fleet', join(root, 'fleet'), '--cluster', 'clusters/c', '--format', 'json', ...args], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTty: false,
    color: false,
  });
  return { code, doc: JSON.parse(out) as FleetJson, err };
}

interface FleetJson {
  kustomizations: {
    name: string;
    status: string;
    objects: { metadata: { name: string } }[];
    diagnostics: { code: string }[];
  }[];
}

const summary = (doc: FleetJson): Record<string, string> =>
  Object.fromEntries(
    doc.kustomizations
      .filter((k) => k.name !== 'flux-system')
      .map((k) => [
        k.name,
        `${k.status}: ${k.objects.map((o) => o.metadata.name).join(',') || k.diagnostics.map((d) => d.code).join(',')}`,
      ]),
  );

beforeAll(async () => {
  if (!git) return;
  root = mkdtempSync(join(tmpdir(), 'kts-flux-sources-'));
  makeRepos(root);
  server = await startServer(root);
  registry = await startRegistry(await artifactLayer());
  writeFleet();
});

afterAll(async () => {
  if (!git) return;
  await server.close();
  await new Promise<void>((resolve) => registry.server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!git)('fleet --fetch-sources', () => {
  it('without the flag, sources of other repos are not rendered (remote bases are)', async () => {
    const r = await fleet(['--cache-dir', join(root, 'cache0')]);
    expect(summary(r.doc)).toEqual({
      'from-tag': 'skipped: flux/unmapped-source',
      'from-semver': 'skipped: flux/unmapped-source',
      'from-oci': 'skipped: flux/unmapped-source',
      'remote-base': 'rendered: r-myapp-pod',
    });
  });

  it('fetches GitRepository and OCIRepository sources and renders the whole fleet; offline again from the cache', async () => {
    const cache = join(root, 'cache1');
    const lock = join(root, 'fleet.lock');
    const online = await fleet(['--fetch-sources', '--cache-dir', cache, '--lock', lock]);
    expect(summary(online.doc)).toEqual({
      'from-tag': 'rendered: dev-myapp-pod',
      'from-semver': 'rendered: myapp-pod',
      'from-oci': 'rendered: from-oci',
      'remote-base': 'rendered: r-myapp-pod',
    });
    expect(online.code).toBe(0);
    expect(registry.requests.filter((p) => p.startsWith('/token'))).toHaveLength(1);
    const pins = JSON.parse(readFileSync(lock, 'utf8')) as { git: object; oci: Record<string, { digest: string }> };
    expect(Object.keys(pins.git).sort()).toEqual(
      [
        `${server.url}/git/multibase.git@semver:>=2.0.0 <3.0.0 (no submodules)`,
        `file://${root}/multibase.git@refs/tags/v2.0.0 (no submodules)`,
        `file://${root}/simple.git@v1`,
      ].sort(),
    );
    expect(Object.values(pins.oci)[0]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const requests = server.requests.length + registry.requests.length;
    const offline = await fleet(['--fetch-sources', '--cache-dir', cache, '--offline', '--lock', lock, '--frozen']);
    expect(offline.doc).toEqual(online.doc);
    expect(server.requests.length + registry.requests.length).toBe(requests);
  });

  it('offline with an empty cache names the sources it misses', async () => {
    const r = await fleet(['--fetch-sources', '--cache-dir', join(root, 'cache2'), '--offline']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('offline: 4 remote resource(s) not in the cache');
    expect(r.err).toContain('OCIRepository/flux-system/artifact');
    expect(r.err).toContain('GitRepository/flux-system/ranged');
  });

  it('--no-remote-bases refuses the remote base, as the controller does', async () => {
    const r = await fleet(['--no-remote-bases', '--cache-dir', join(root, 'cache3')]);
    expect(summary(r.doc)['remote-base']).toBe('failed: remote/not-allowed');
  });
});
