/** The `kustomize-ts lint` command: formats, --cluster, --rule, exit codes. */
/// <reference types="node" />
import { existsSync } from 'node:fs';
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

const good = join(repoRoot, 'fixtures/fleet-infra');
const bad = join(repoRoot, 'fixtures/fleet-infra-mistakes');

describe('kustomize-ts lint', () => {
  it('exit 0 without errors; text lines, a summary and where the rules are documented', async () => {
    const r = await run(['lint', good]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('clusters/staging/apps.yaml:16:3: info: ');
    const docs = 'https://github.com/kustomize-ts/kustomize-ts/blob/main/docs/rules';
    expect(r.out.trimEnd().split('\n').slice(-4)).toEqual([
      '3 problems (0 errors, 0 warnings, 3 infos)',
      'What each rule checks, and how to fix it:',
      `  flux/health-checks-ignored       ${docs}/flux/health-checks-ignored.md`,
      `  source/production-tracks-branch  ${docs}/source/production-tracks-branch.md`,
    ]);
    for (const [, page] of r.out.matchAll(/ https:\/\/github\.com\/kustomize-ts\/kustomize-ts\/blob\/main\/(\S+)$/gm))
      expect(existsSync(join(repoRoot, page ?? '')), page).toBe(true);
  });
  it('exit 1 with errors', async () => {
    const r = await run(['lint', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^clusters\/staging\/apps\.yaml:6:1: error: .* \[flux\/missing-depends-on\]$/m);
  });
  it('--format json', async () => {
    const r = await run(['lint', bad, '--format', 'json']);
    const doc = JSON.parse(r.out) as {
      version: number;
      diagnostics: {
        code: string;
        file: string;
        line: number;
        column: number;
        cluster?: string;
        kustomization?: string;
      }[];
    };
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'flux/prune-disabled',
        file: 'clusters/production/infrastructure.yaml',
        line: 6,
        column: 1,
        cluster: 'clusters/production',
        kustomization: 'flux-system/infrastructure',
      }),
    );
    expect(doc.version).toBe(1);
  });
  it('--format sarif', async () => {
    const r = await run(['lint', bad, '--format', 'sarif']);
    const log = JSON.parse(r.out) as {
      version: string;
      runs: { results: unknown[]; originalUriBaseIds: Record<string, { uri: string }> }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.length).toBeGreaterThan(5);
    expect(log.runs[0]?.originalUriBaseIds['%SRCROOT%']?.uri).toMatch(/^file:\/\/.*fleet-infra-mistakes\/$/);
  });
  it('--rule turns rules off or changes their severity', async () => {
    const r = await run([
      'lint',
      bad,
      '--rule',
      'flux/missing-depends-on=off',
      '--rule',
      'schema/invalid=warning',
      '--rule',
      'kustomize/duplicated-manifest=error',
    ]);
    expect(r.out).not.toContain('flux/missing-depends-on');
    expect(r.out).toMatch(/^clusters\/production\/infrastructure\.yaml:6:1: warning: .* \[schema\/invalid\]$/m);
    expect(r.out).toMatch(/^apps\/production\/deployment\.yaml:1:1: error: .* \[kustomize\/duplicated-manifest\]$/m);
    expect(r.code).toBe(1);
  });
  it('--cluster lints that cluster only', async () => {
    const r = await run(['lint', bad, '--cluster', 'clusters/production', '--format', 'json']);
    const doc = JSON.parse(r.out) as { diagnostics: { cluster?: string }[] };
    expect(new Set(doc.diagnostics.map((d) => d.cluster).filter((c) => c !== undefined))).toEqual(
      new Set(['clusters/production']),
    );
  });
  for (const [name, args] of [
    ['an unknown rule', ['--rule', 'flux/nope=off']],
    ['a bad severity', ['--rule', 'flux/prune-disabled=loud']],
    ['a bad format', ['--format', 'xml']],
    ['an unknown flag', ['--frobnicate']],
  ] as const) {
    it(`exit 2 on ${name}`, async () => {
      const r = await run(['lint', good, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: /);
    });
  }
  it('exit 1 when ROOT or a cluster folder does not exist', async () => {
    expect(await run(['lint', join(good, 'nope')])).toEqual({
      code: 1,
      out: '',
      err: `error: ${join(good, 'nope')}: no such directory\n`,
    });
    expect(await run(['lint', good, '--cluster', 'clusters/nope'])).toEqual({
      code: 1,
      out: '',
      err: `error: --cluster clusters/nope: no such directory under ${good}\n`,
    });
  });
});
