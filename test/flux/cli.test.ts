/** `kustomize-ts fleet` and `kustomize-ts graph`: formats, --output, --source, exit codes. */
/// <reference types="node" />
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { hasShared, repoRoot, sharedDir } from '../helpers/shared.js';

async function run(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), errIsTty: tty, color: false });
  return { code, out, err };
}

const fleetInfra = join(repoRoot, 'fixtures/fleet-infra');
const graphFixture = join(repoRoot, 'fixtures/flux-graph');

describe('kustomize-ts fleet', () => {
  it('prints every Kustomization under a comment header (yaml)', async () => {
    const r = await run(['fleet', fleetInfra, '--cluster', 'clusters/staging']);
    expect(r.out.startsWith('# Kustomization flux-system/flux-system (./clusters/staging)\n')).toBe(true);
    expect(r.out).toContain('---\n# Kustomization flux-system/apps (./apps/staging)\n');
    expect(r.out).toContain('---\n# Kustomization flux-system/infrastructure (./infrastructure/staging)\n');
  });
  it('notes the HelmReleases it did not render without --charts', async () => {
    const r = await run(['fleet', fleetInfra, '--cluster', 'clusters/staging']);
    expect(r.err).toContain(
      'note: 2 HelmRelease(s) not rendered: their charts are not local (give a chart folder: --charts DIR)\n',
    );
    expect(r.out).not.toContain('# HelmRelease');
  });
  it.skipIf(!hasShared)('renders HelmReleases with --charts after their Kustomization (yaml and json)', async () => {
    const charts = join(sharedDir, 'helm-conformance/charts');
    const r = await run(['fleet', fleetInfra, '--cluster', 'clusters/staging', '--charts', charts]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '---\n# HelmRelease ingress-nginx/ingress-nginx release ingress-nginx (chart ingress-nginx 4.15.1)\n',
    );
    expect(r.err).toContain('[helm/chart-unavailable]');
    const j = await run(['fleet', fleetInfra, '--cluster', 'clusters/staging', '--charts', charts, '--format', 'json']);
    const doc = JSON.parse(j.out) as {
      kustomizations: { name: string; helmReleases: { name: string; status: string; version?: string }[] }[];
    };
    const infra = doc.kustomizations.find((k) => k.name === 'infrastructure');
    expect(infra?.helmReleases.map((h) => [h.name, h.status, h.version])).toEqual([
      ['cert-manager', 'chart-unavailable', undefined],
      ['ingress-nginx', 'rendered', '4.15.1'],
    ]);
  });
  it('prints one JSON document with kustomizations and diagnostics', async () => {
    const r = await run(['fleet', graphFixture, '--cluster', 'clusters/dev', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      kustomizations: {
        name: string;
        namespace: string;
        path: string;
        source: string;
        dependsOn: string[];
        objects: unknown[];
        diagnostics: { code: string; file?: string; line?: number }[];
      }[];
      diagnostics: { code: string; severity: string; message: string; file?: string; line?: number; column?: number }[];
    };
    const apps = doc.kustomizations.find((k) => k.name === 'apps');
    expect(apps).toMatchObject({
      namespace: 'flux-system',
      path: './app',
      source: 'GitRepository/flux-system/flux-system',
      dependsOn: ['flux-system/infra', 'observability/monitoring'],
    });
    expect(apps?.objects).toHaveLength(1);
    const orphan = doc.kustomizations.find((k) => k.name === 'orphan');
    expect(orphan?.diagnostics).toEqual([
      expect.objectContaining({
        code: 'flux/unknown-dependency',
        file: 'clusters/dev/unknown.yaml',
        line: 17,
        column: 7,
      }),
    ]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['flux/duplicate-kustomization']);
    const cycle = doc.kustomizations.find((k) => k.name === 'self')?.diagnostics;
    expect(cycle).toEqual([expect.objectContaining({ code: 'flux/dependency-cycle', line: 66, column: 7 })]);
    expect(Object.keys(doc.diagnostics[0] ?? {}).sort()).toEqual([
      'code',
      'column',
      'endColumn',
      'endLine',
      'file',
      'line',
      'message',
      'severity',
    ]);
  });
  it('maps sources with --source and exits 1 while some Kustomization fails', async () => {
    const unmapped = await run(['fleet', graphFixture, '--cluster', 'clusters/dev']);
    expect(unmapped.code).toBe(1);
    expect(unmapped.err).toContain(
      'clusters/dev/unmapped.yaml:12:3: error: Kustomization flux-system/external: source GitRepository/flux-system/other-repo is not mapped',
    );
    const mapped = await run([
      'fleet',
      graphFixture,
      '--cluster',
      'clusters/dev',
      '--source',
      `other-repo=${join(graphFixture, 'other-repo')}`,
    ]);
    expect(mapped.err).not.toContain('flux/unmapped-source');
    expect(mapped.out).toContain('name: from-other-repo');
  });
  it('writes one file per Kustomization with --output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-fleet-'));
    const r = await run(['fleet', fleetInfra, '--cluster', 'clusters/production', '--output', dir]);
    expect(r.out).toBe('');
    expect(readdirSync(join(dir, 'flux-system')).sort()).toEqual([
      'apps.yaml',
      'flux-system.yaml',
      'infrastructure.yaml',
    ]);
    expect(
      readFileSync(join(dir, 'flux-system/apps.yaml'), 'utf8').startsWith(
        '# Kustomization flux-system/apps (./apps/production)\n',
      ),
    ).toBe(true);
  });
  it('blanks undefined variables with --no-strict-substitute', async () => {
    const f = join(repoRoot, 'fixtures/flux-substitute');
    const strict = await run(['fleet', f, '--cluster', 'clusters/dev', '--format', 'json']);
    const lax = await run(['fleet', f, '--cluster', 'clusters/dev', '--format', 'json', '--no-strict-substitute']);
    const codes = (out: string): string[] =>
      (JSON.parse(out) as { kustomizations: { diagnostics: { code: string }[] }[] }).kustomizations.flatMap((k) =>
        k.diagnostics.map((d) => d.code),
      );
    expect(codes(strict.out)).toContain('flux/substitute-undefined');
    expect(codes(lax.out)).not.toContain('flux/substitute-undefined');
  });
  it('shows progress on a terminal and keeps stdout clean', async () => {
    const r = await run(['fleet', fleetInfra, '--cluster', 'clusters/staging', '--format', 'json'], true);
    expect(r.err).toContain('[1/');
    expect(() => JSON.parse(r.out) as unknown).not.toThrow();
  });
  const usage: [string, string[]][] = [
    ['no root', ['fleet', '--cluster', 'x']],
    ['no cluster', ['fleet', fleetInfra]],
    ['bad format', ['fleet', fleetInfra, '--cluster', 'clusters/staging', '--format', 'xml']],
    ['bad source', ['fleet', fleetInfra, '--cluster', 'clusters/staging', '--source', 'nothing']],
    ['unknown flag', ['fleet', fleetInfra, '--cluster', 'clusters/staging', '--nope']],
  ];
  it.each(usage)('exits 2 on bad usage: %s', async (_name, args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err.startsWith('error: ')).toBe(true);
  });
  it('prints help', async () => {
    expect((await run(['fleet', '--help'])).out).toContain('Usage: kustomize-ts fleet ROOT --cluster DIR');
  });
});

describe('kustomize-ts graph', () => {
  it('prints Mermaid by default and exits 0 for a clean graph', async () => {
    const r = await run(['graph', fleetInfra, '--cluster', 'clusters/staging']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'flowchart LR',
        '  n0["flux-system/flux-system"]',
        '  n1["flux-system/apps"]',
        '  n2["flux-system/infrastructure"]',
        '  n2 --> n1',
        '  classDef cycle stroke:#d00,stroke-width:3px;',
        '  classDef missing stroke-dasharray: 5 5,stroke:#d00;',
        '',
      ].join('\n'),
    );
  });
  it('marks cycles and missing dependencies, exits 1 (dot, json)', async () => {
    const dot = await run(['graph', graphFixture, '--cluster', 'clusters/dev', '--format', 'dot']);
    expect(dot.code).toBe(1);
    expect(dot.out).toContain('"flux-system/b" -> "flux-system/a" [color=red, label="cycle"];');
    expect(dot.err).toContain('flux/dependency-cycle');
    const json = JSON.parse(
      (await run(['graph', graphFixture, '--cluster', 'clusters/dev', '--format', 'json'])).out,
    ) as {
      cycles: string[][];
      edges: { missing: boolean }[];
    };
    expect(json.cycles).toHaveLength(2);
    expect(json.edges.filter((e) => e.missing)).toHaveLength(1);
  });
  it('exits 2 on a bad format', async () => {
    expect((await run(['graph', fleetInfra, '--cluster', 'clusters/staging', '--format', 'png'])).code).toBe(2);
  });
});

describe('kustomize-ts fleet entry options', () => {
  it('starts from a FluxInstance file with --flux-instance', async () => {
    const f = join(repoRoot, 'fixtures/flux-instance');
    const r = await run(['fleet', f, '--flux-instance', join(f, 'bootstrap/flux-instance.yaml'), '--format', 'json']);
    const doc = JSON.parse(r.out) as { kustomizations: { name: string; path: string }[] };
    expect(doc.kustomizations.map((k) => `${k.name} ${k.path}`)).toEqual(['flux-system clusters/prod', 'apps ./apps']);
  });
  it('reads --cluster-objects for substituteFrom', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-objs-'));
    const file = join(dir, 'objs.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nowhere\n  namespace: flux-system\ndata:\n  DEFINED: d\n  UNDEFINED: u\n  ALSO_UNDEFINED: a\n',
    );
    const r = await run([
      'fleet',
      join(repoRoot, 'fixtures/flux-substitute'),
      '--cluster',
      'clusters/dev',
      '--cluster-objects',
      file,
      '--format',
      'json',
    ]);
    const doc = JSON.parse(r.out) as {
      kustomizations: { name: string; diagnostics: unknown[]; objects: { data?: unknown }[] }[];
    };
    const k = doc.kustomizations.find((x) => x.name === 'missing-from');
    expect(k?.diagnostics).toEqual([]);
    expect(k?.objects[0]?.data).toMatchObject({ undefined: 'u' });
  });
});
