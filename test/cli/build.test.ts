/** The `kustomize-ts build` command: output, errors on stderr, exit codes. */
/// <reference types="node" />
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { repoRoot } from '../helpers/shared.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, color: false });
  return { code, out, err };
}

describe('kustomize-ts build', () => {
  it('prints the build of a directory (exit 0)', async () => {
    const r = await run(['build', join(repoRoot, 'fixtures/fleet-infra/apps/base/my-app')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(repoRoot, 'test/golden/fleet-infra/apps/base/my-app.yaml'), 'utf8'));
    expect(r.err).toBe('');
  });
  it('exits 1 with file:line:column on stderr for a bad kustomization', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-cli-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- a.yaml\nfoo: bar\n');
    const r = await run(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `${join(dir, 'kustomization.yaml')}:3:1: error: invalid Kustomization: json: unknown field "foo" [kustomization/unknown-field]\n`,
    );
  });
  it('prints deprecation warnings on stderr in the one diagnostic format, relative to the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-cli-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'commonLabels:\n  a: b\nresources:\n- cm.yaml\n');
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    let err = '';
    const code = await main(['build', dir], {
      out: () => {},
      err: (t) => (err += t),
      errIsTty: false,
      color: false,
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(err).toBe(
      "kustomization.yaml:1:1: warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically. [kustomization/deprecated-field]\n",
    );
  });
  it('exits 2 on bad usage', async () => {
    expect((await run(['build', '--reorder', 'sideways', '.'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['build', '--no-such-flag'])).code).toBe(2);
  });
});

describe('kustomize-ts build of many folders', () => {
  const apps = join(repoRoot, 'fixtures/fleet-infra/apps');
  const golden = (rel: string): string => readFileSync(join(repoRoot, 'test/golden/fleet-infra/apps', rel), 'utf8');
  it('prints each folder after a header, in the order given', async () => {
    const r = await run(['build', join(apps, 'staging'), join(apps, 'base/redis')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `# build apps/staging\n${golden('staging.yaml')}---\n# build apps/base/redis\n${golden('base/redis.yaml')}`,
    );
  });
  it('writes every kustomization folder under a root with --recursive -o', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kts-many-'));
    const r = await run(['build', '--recursive', apps, '-o', out]);
    expect(r.code).toBe(0);
    for (const rel of ['production.yaml', 'staging.yaml', 'base/my-app.yaml', 'base/redis.yaml'])
      expect(readFileSync(join(out, 'apps', rel), 'utf8')).toBe(golden(rel));
  });
  it('builds the other folders when one fails, and exits 1', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'kts-many-bad-'));
    writeFileSync(join(bad, 'kustomization.yaml'), 'resources:\n- missing.yaml\n');
    const r = await run(['build', bad, join(apps, 'base/redis')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(golden('base/redis.yaml'));
    expect(r.err).toMatch(/missing\.yaml/);
    expect(r.err).toContain('1 of 2 folders failed to build');
  });
});

describe('colours', () => {
  it('are used on a terminal and never otherwise', async () => {
    const { printDiagnostic } = await import('../../src/cli/io.js');
    let tty = '';
    let plain = '';
    const d = { code: 'x', severity: 'error' as const, message: 'boom' };
    printDiagnostic(d, { out: () => {}, err: (t) => (tty += t), errIsTty: true, color: true });
    printDiagnostic(d, { out: () => {}, err: (t) => (plain += t), errIsTty: true, color: false });
    expect(tty).toBe('\u001b[1;31merror:\u001b[0m boom [x]\n');
    expect(plain).toBe('error: boom [x]\n');
  });
});
