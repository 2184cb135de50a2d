/**
 * `kustomize-ts helm template` end to end through the CLI entry (main): output and exit status on
 * corpus cases (stdout exactly Helm's; errors as `Error: ...` with status 1), help without loading Helm.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hasShared, sharedDir, sharedSkipReason } from '../helpers/shared.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false, color: false });
  return { code, out, err };
}

const cases = join(sharedDir, 'helm-conformance', 'cases');
const charts = join(sharedDir, 'helm-conformance', 'charts', 'helm-testcharts');
const needsShared = hasShared ? '' : ` (${sharedSkipReason('this test')})`;

describe('kustomize-ts helm', () => {
  it('prints its help', async () => {
    let out = '';
    const code = await main(['helm', '--help'], {
      out: (t) => (out += t),
      err: () => {},
      errIsTty: false,
      color: false,
    });
    expect(code).toBe(0);
    expect(out).toContain('Usage: kustomize-ts helm template [NAME] CHART');
  });

  it('refuses an unknown helm subcommand with status 2', async () => {
    const r = await run(['helm', 'install', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown helm command "install"');
  });

  it.skipIf(!hasShared)(`renders a chart as helm template does${needsShared}`, async () => {
    const dir = join(cases, 'helm-template-set');
    const values = join(dir, 'values.yaml');
    const r = await run([
      'helm',
      'template',
      'release-name',
      join(charts, 'template'),
      '-f',
      values,
      '--set',
      'service.name=apache',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
  });

  it.skipIf(!hasShared)(`prints Helm's error with status 1${needsShared}`, async () => {
    const dir = join(cases, 'helm-chart-missing-deps');
    const r = await run([
      'helm',
      'template',
      'release-name',
      join(charts, 'chart-missing-deps'),
      '-f',
      join(dir, 'values.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(readFileSync(join(dir, 'expected-error.txt'), 'utf8'));
  });
});
