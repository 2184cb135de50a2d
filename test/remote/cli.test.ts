/** `kustomize-ts build` with remote resources: a repo URL argument, the cache, offline, lock flags and their usage errors. */
/// <reference types="node" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hasGit, makeRepos } from '../helpers/remote-repos.js';

const git = hasGit();
let root = '';

beforeAll(() => {
  if (!git) return;
  root = mkdtempSync(join(tmpdir(), 'kts-remote-cli-'));
  makeRepos(root);
});
afterAll(() => {
  if (git) rmSync(root, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, color: false });
  return { code, out, err };
}

describe.skipIf(!git)('kustomize-ts build with remote resources', () => {
  it('builds a repo URL argument, as kustomize build does', async () => {
    const r = await run(['build', `file://${root}/multibase.git/dev?ref=main`, '--cache-dir', join(root, 'c1')]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('name: dev-myapp-pod');
  });

  it('offline: exit 1, the error at the entry, and the list of what is missing', async () => {
    const dir = mkdtempSync(join(root, 'k-'));
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n- file://${root}/simple.git\n`);
    const r = await run(['build', dir, '--offline', '--cache-dir', join(root, 'empty')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`kustomization.yaml:2:3: error: accumulating resources: accumulation err=`);
    expect(r.err).toContain(
      `offline: 1 remote resource(s) not in the cache ${join(root, 'empty')}:\n  file://${root}/simple.git@HEAD\n`,
    );
    const online = await run(['build', dir, '--cache-dir', join(root, 'c2')]);
    const offline = await run(['build', dir, '--offline', '--cache-dir', join(root, 'c2')]);
    expect([offline.code, offline.out]).toEqual([0, online.out]);
  });

  it.each([
    [['--frozen'], /--frozen needs --lock FILE/, 2],
    [['--lock', '/no/such/dir/x.lock', '--frozen'], /does not exist/, 1],
  ])('%j', async (flags, message, code) => {
    const dir = mkdtempSync(join(root, 'k-'));
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n- file://${root}/simple.git\n`);
    const r = await run(['build', dir, ...flags]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });
});
