/**
 * Remote bases and files built by kustomize-ts against local servers (file:// repos, git smart HTTP and plain
 * files on 127.0.0.1), compared with the goldens kustomize v5.6.0 and v5.8.1 produced on the same repos
 * (test/scripts/gen-remote-goldens.ts). When both reference binaries are installed, the goldens are also checked
 * to be current by running them again.
 */
/// <reference types="node" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import type { RemoteLoader } from '../../src/build/options.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { RemoteResolver, resolveRemotes } from '../../src/node/remote/index.js';
import { gitTestEnv, hasGit, makeRepos, startServer, type TestServer } from '../helpers/remote-repos.js';
import {
  KUBECTL,
  KUSTOMIZE58,
  hasReferences,
  normalize,
  prepareCase,
  readGolden,
  runReference,
  type Outcome,
  type Places,
} from '../helpers/remote-reference.js';
import { CASES, type RemoteCase } from './cases.js';

const git = hasGit();
if (!git) console.warn('test/remote: skipped, no git program on PATH');

let root = '';
let server: TestServer;
let cache = '';

beforeAll(async () => {
  if (!git) return;
  root = mkdtempSync(join(tmpdir(), 'kts-remote-'));
  makeRepos(root);
  server = await startServer(root);
  cache = mkdtempSync(join(tmpdir(), 'kts-remote-cache-'));
});

afterAll(async () => {
  if (!git) return;
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

function places(c: RemoteCase): Places {
  return { root, http: server.url, top: join(root, `top-${c.name}`), cache };
}

/** Builds a case as the CLI does (a URL argument is fetched and built in its checkout). */
function buildCase(arg: string, isUrl: boolean, loader: RemoteLoader): ReturnType<typeof build> {
  if (!isUrl) return build(arg, { fs: nodeFs(), remoteLoader: loader });
  const got = loader(arg, 'repo');
  if (!got || 'error' in got) throw new Error(`cannot fetch ${arg}`);
  return build(got.path, { fs: got.fs, remoteLoader: loader });
}

async function ours(c: RemoteCase): Promise<Outcome> {
  const p = places(c);
  const { arg } = prepareCase(c, p);
  const resolver = new RemoteResolver({ cacheDir: cache, env: gitTestEnv() });
  const r = await resolveRemotes(resolver, (loader) => buildCase(arg, c.target !== undefined, loader));
  const error = r.diagnostics.find((d) => d.severity === 'error');
  return {
    yaml: r.ok ? normalize(r.toYaml(), p) : '',
    error: error ? normalize(error.message, p) : '',
    warnings: r.diagnostics.filter((d) => d.severity === 'warning').map((d) => normalize(d.message, p)),
  };
}

describe.skipIf(!git)('remote forms render as kustomize v5.6.0 and v5.8.1 render them', () => {
  it.each(CASES)('$name', async (c) => {
    expect(await ours(c)).toEqual(readGolden(c.name));
  });
});

describe.skipIf(!git || !hasReferences())('the goldens are what the references print today', () => {
  if (git && !hasReferences())
    console.warn(`test/remote: golden refresh check skipped (${KUBECTL} or ${KUSTOMIZE58} missing)`);
  it.each(CASES)('$name', async (c) => {
    const p = places(c);
    const { arg } = prepareCase(c, p);
    const golden = readGolden(c.name);
    expect(await runReference(KUBECTL, ['kustomize', arg], p)).toEqual(golden);
    expect(await runReference(KUSTOMIZE58, ['build', arg], p)).toEqual(golden);
  });
});
