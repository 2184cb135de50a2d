/**
 * Long runs in CI, Flux sources and comparing clusters: progress lines every few seconds when stderr is not a
 * terminal (off with --quiet), `--source` with a missing folder, the hint for a source mapped to the wrong
 * folder, `diff --cluster` comparing what rendered and listing what failed.
 */
/// <reference types="node" />
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

const fleetInfra = join(repoRoot, 'fixtures/fleet-infra');
const generated = join(repoRoot, 'fixtures/flux-generated');

/** A clock that moves `step` ms at every reading. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('progress when stderr is not a terminal', () => {
  const runs: [string, string[]][] = [
    ['lint', ['lint', fleetInfra]],
    ['fleet', ['fleet', fleetInfra, '--cluster', 'clusters/staging']],
    ['graph', ['graph', fleetInfra, '--cluster', 'clusters/staging']],
    ['diff --cluster', ['diff', '--cluster', 'clusters/staging', 'clusters/production', '--root', fleetInfra]],
  ];
  for (const [name, argv] of runs) {
    it(`${name}: a plain line each time the interval has passed, none with --quiet, stdout untouched`, async () => {
      const slow = await runCli(argv, { now: steppingClock(PROGRESS_INTERVAL_MS) });
      const lines = slow.err.split('\n').filter((l) => /^\[\d+s\] /.test(l));
      expect(lines.length).toBeGreaterThan(0);
      expect(slow.err).not.toContain('\r');
      const quiet = await runCli([...argv, '--quiet'], { now: steppingClock(PROGRESS_INTERVAL_MS) });
      expect(quiet.err.split('\n').filter((l) => /^\[\d+s\] /.test(l))).toEqual([]);
      expect(quiet.out).toBe(slow.out);
      // A fast run (the clock does not move) prints no progress at all.
      const fast = await runCli(argv, { now: () => 0 });
      expect(fast.err.split('\n').filter((l) => /^\[\d+s\] /.test(l))).toEqual([]);
    });
  }
  it('on a terminal, one line rewritten in place and cleared at the end', async () => {
    const r = await runCli(['fleet', fleetInfra, '--cluster', 'clusters/staging'], { errIsTty: true });
    expect(r.err.startsWith('\r\u001b[2K[')).toBe(true);
    // Cleared before the closing notes (the seed's HelmReleases have no local charts here).
    const notes = r.err.slice(r.err.lastIndexOf('\r\u001b[2K') + 5);
    expect(notes.split('\n').filter((l) => l !== '' && !l.startsWith('note: '))).toEqual([]);
  });
});

describe('Flux sources on the command line', () => {
  it('--source NAME=DIR with a missing DIR is an error (exit 1)', async () => {
    for (const command of ['fleet', 'graph', 'lint']) {
      const argv = [command, fleetInfra, '--cluster', 'clusters/staging', '--source', 'flux-system=no/such/dir'];
      expect(await runCli(argv), command).toEqual({
        code: 1,
        out: '',
        err: 'error: --source flux-system=no/such/dir: no/such/dir: no such directory\n',
      });
    }
  });
  it('a Kustomization path missing in its source folder but present in a subfolder gets a --source hint', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'kts-hint-'));
    mkdirSync(join(repo, 'kubernetes/clusters/main'), { recursive: true });
    mkdirSync(join(repo, 'kubernetes/apps'), { recursive: true });
    const ks = (name: string, path: string): string =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: OCIRepository\n    name: flux-system\n`;
    writeFileSync(
      join(repo, 'kubernetes/clusters/main/sync.yaml'),
      `${ks('flux-system', './clusters/main')}---\n${ks('apps', './apps')}`,
    );
    writeFileSync(
      join(repo, 'kubernetes/apps/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\n',
    );
    const r = await runCli(['fleet', repo, '--cluster', 'kubernetes/clusters/main'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^hint: OCIRepository flux-system\/flux-system is read from .*, where \.\/apps \(Kustomization flux-system\/apps\) does not exist; it exists under .*kubernetes: pass --source flux-system=.*kubernetes$/m,
    );
    const fixed = await runCli([
      'fleet',
      repo,
      '--cluster',
      'kubernetes/clusters/main',
      '--source',
      `flux-system=${join(repo, 'kubernetes')}`,
    ]);
    expect(fixed.code).toBe(0);
    expect(fixed.err).not.toContain('hint:');
  });
});

describe('diff --cluster', () => {
  it('compares what rendered on both sides and lists what failed (exit 3)', async () => {
    // Side A renders missing-path (its folder exists there), side B does not: it is left out of both sides.
    const a = mkdtempSync(join(tmpdir(), 'kts-diff-a-'));
    const b = mkdtempSync(join(tmpdir(), 'kts-diff-b-'));
    cpSync(generated, a, { recursive: true });
    cpSync(generated, b, { recursive: true });
    const r0 = await runCli(['fleet', a, '--cluster', 'clusters/dev', '--format', 'json']);
    const missing = (JSON.parse(r0.out) as { kustomizations: { name: string; path: string }[] }).kustomizations.find(
      (k) => k.name === 'missing-path',
    );
    expect(missing).toBeDefined();
    mkdirSync(join(a, missing?.path ?? ''), { recursive: true });
    writeFileSync(
      join(a, missing?.path ?? '', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: only-in-a\n',
    );
    const r = await runCli(['diff', '--cluster', 'clusters/dev', 'clusters/dev', '--root-a', a, '--root-b', b]);
    expect(r.code).toBe(3);
    expect(r.out).not.toContain('only-in-a');
    expect(r.out).toContain('not compared (failed in B): Kustomization flux-system/missing-path\n');
    expect(r.out).toContain('not compared (failed in A): Kustomization flux-system/broken\n');
    const json = JSON.parse(
      (
        await runCli([
          'diff',
          '--cluster',
          'clusters/dev',
          'clusters/dev',
          '--root-a',
          a,
          '--root-b',
          b,
          '--format',
          'json',
        ])
      ).out,
    ) as {
      version: number;
      resources: unknown[];
      failed: { side: string; what: string; diagnostics: { code: string }[] }[];
    };
    expect(json.version).toBe(1);
    expect(json.resources).toEqual([]);
    expect(json.failed.map((f) => `${f.side} ${f.what}`)).toContain('B Kustomization flux-system/missing-path');
    expect(json.failed.every((f) => f.diagnostics.length > 0)).toBe(true);
  });
  it('exit 1 with differences and nothing failed; the differences are printed', async () => {
    const r = await runCli(['diff', '--cluster', 'clusters/staging', 'clusters/production', '--root', fleetInfra]);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('not compared');
    expect(r.out.length).toBeGreaterThan(100);
  });
});
