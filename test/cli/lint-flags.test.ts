/**
 * Lint and validation a real repository can live with: `validate` for plain manifests (where `lint` has
 * nothing to lint), the kubeconform-style flags (--strict, --kubernetes-version, --schema-location in its
 * forms, --skip, --min-severity), the repository's own CRDs, golden/snapshot folders, and the API checking
 * rule settings like the CLI.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { validate } from '../../src/api/validate.js';
import { InvalidOptionError } from '../../src/lint/settings.js';
import { memoryFs } from '../../src/fs/memory.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kts-flags-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The finding lines of a text report, as `file:line:column severity [code]`. */
function findings(out: string): string[] {
  return out
    .split('\n')
    .map((l) => /^(.*?:\d+:\d+): (error|warning|info): .* \[(.+)\]$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1] ?? ''} ${m[2] ?? ''} [${m[3] ?? ''}]`);
}

const badDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: three
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1.0
          ports:
            - containerPort: http
          colour: blue
`;
const issuer = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt
spec:
  acme:
    server: 42
`;
const issuerCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: clusterissuers.cert-manager.io
spec:
  group: cert-manager.io
  scope: Cluster
  names: {kind: ClusterIssuer, plural: clusterissuers}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                acme:
                  type: object
                  properties:
                    server: {type: string}
`;
/** The same schema as a catalogue's JSON file (GROUP/KIND_VERSION.json). */
const issuerJson = JSON.stringify({
  $schema: 'http://json-schema.org/schema#',
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { acme: { type: 'object', properties: { server: { type: 'string' } } } } },
  },
});

describe('validate: plain manifests no kustomization lists', () => {
  const dir = tree({ 'deploy.yaml': badDeployment, 'values.yaml': 'replicaCount: 1\n' });
  it('lint has nothing to lint there and says to run validate (no false "no problems")', async () => {
    const r = await runCli(['lint', dir, '--no-config']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`nothing to lint: no cluster`);
    expect(r.out).toContain(`run: kustomize-ts validate ${dir}`);
  });
  it('validate reports the invalid Deployment (exit 1), skips what is not an object', async () => {
    const r = await runCli(['validate', dir, '--no-config']);
    expect(r.code).toBe(1);
    expect(findings(r.out)).toEqual([
      `${dir}/deploy.yaml:6:13 error [schema/invalid]`,
      `${dir}/deploy.yaml:17:30 error [schema/invalid]`,
    ]);
    expect(r.out.trimEnd().split('\n').pop()).toBe(
      '2 documents in 2 files: 0 valid, 1 invalid, 0 without schema, 1 skipped',
    );
  });
  it('a missing PATH is exit 1', async () => {
    expect(await runCli(['validate', join(dir, 'nope.yaml'), '--no-config'])).toEqual({
      code: 1,
      out: '',
      err: `error: ${join(dir, 'nope.yaml')}: no such file or directory\n`,
    });
  });
  it('--strict reports fields the schema does not know', async () => {
    const r = await runCli(['validate', dir, '--no-config', '--strict']);
    expect(findings(r.out)).toContain(`${dir}/deploy.yaml:18:11 error [schema/invalid]`);
    expect(r.out).toContain('unknown field "colour"');
  });
  it('--min-severity leaves lower findings out', async () => {
    const withIssuer = tree({ 'issuer.yaml': issuer, 'deploy.yaml': badDeployment });
    const all = findings((await runCli(['validate', withIssuer, '--no-config'])).out);
    expect(all.some((l) => l.includes(' info '))).toBe(true);
    const errors = findings((await runCli(['validate', withIssuer, '--no-config', '--min-severity', 'error'])).out);
    expect(errors).toEqual(all.filter((l) => l.includes(' error ')));
    expect((await runCli(['validate', withIssuer, '--min-severity', 'loud'])).code).toBe(2);
  });
  it('--kubernetes-version judges apiVersions against that version', async () => {
    const pdb = tree({
      'pdb.yaml':
        'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n',
    });
    const at = async (v: string): Promise<string> =>
      (await runCli(['validate', pdb, '--no-config', '--kubernetes-version', v])).out
        .split('\n')
        .filter((l) => l.includes('[schema/deprecated-api]'))
        .join('\n');
    expect(await at('1.20')).toBe('');
    expect(await at('1.22')).toContain('is deprecated since Kubernetes v1.21.0 and removed in v1.25.0');
    expect(await at('1.25')).toContain('was removed in Kubernetes v1.25.0');
    expect((await runCli(['validate', pdb, '--kubernetes-version', 'latest'])).code).toBe(2);
  });
  it.skipIf(!existsSync(join(repoRoot, 'dist/cli.cjs')))(
    '- reads manifests from stdin (kustomize-ts build . | kustomize-ts validate -)',
    () => {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.cjs'), 'validate', '-', '--no-config'], {
        input: badDeployment,
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(findings(r.stdout)).toEqual(['-:6:13 error [schema/invalid]', '-:17:30 error [schema/invalid]']);
    },
  );
});

describe('schemas for custom resources', () => {
  const unknown = `[schema/unknown-kind]`;
  const cases: [string, Record<string, string>, string[]][] = [
    ['no schema: an info, not validated', {}, []],
    [
      '--schema-location FILE (a CRD)',
      { 'schemas/issuer-crd.yaml': issuerCrd },
      ['--schema-location', 'schemas/issuer-crd.yaml'],
    ],
    ['--schema-location DIR of CRDs', { 'schemas/crds/issuer.yaml': issuerCrd }, ['--schema-location', 'schemas/crds']],
    [
      '--schema-location DIR of JSON schemas (GROUP/KIND_VERSION.json)',
      { 'schemas/catalog/cert-manager.io/clusterissuer_v1.json': issuerJson },
      ['--schema-location', 'schemas/catalog'],
    ],
    [
      '--schema-location DIR of JSON schemas (KIND_VERSION.json)',
      { 'schemas/flat/clusterissuer_v1.json': issuerJson },
      ['--schema-location', 'schemas/flat'],
    ],
    [
      '--schema-location TEMPLATE',
      { 'schemas/t/cert-manager/ClusterIssuer-v1.json': issuerJson },
      [
        '--schema-location',
        'schemas/t/{{.KindSuffix}}/ClusterIssuer-{{.ResourceAPIVersion}}.json'.replace(
          '{{.KindSuffix}}',
          'cert-manager',
        ),
      ],
    ],
  ];
  for (const [name, files, flags] of cases) {
    it(name, async () => {
      const dir = tree({ 'manifests/issuer.yaml': issuer, ...files });
      const args = flags.map((f) => (f.startsWith('schemas/') ? join(dir, f) : f));
      const r = await runCli(['validate', join(dir, 'manifests'), '--no-config', ...args]);
      if (flags.length === 0) {
        expect(findings(r.out)).toEqual([`${dir}/manifests/issuer.yaml:2:7 info ${unknown}`]);
        expect(r.out).toContain(
          '1 object was not validated (no schema for their kind): pass their CRDs or JSON schemas with ' +
            '--schema-location, or silence them with --skip KIND or --rule schema/unknown-kind=off\n',
        );
        expect(r.code).toBe(0);
      } else {
        // Validated now: server must be a string.
        expect(findings(r.out)).toEqual([`${dir}/manifests/issuer.yaml:7:13 error [schema/invalid]`]);
        expect(r.out).not.toContain('not validated (no schema for their kind)');
        expect(r.code).toBe(1);
      }
    });
  }
  it('objects of one kind without a schema: one finding, the hint counts them all', async () => {
    const second = issuer.replace('name: letsencrypt', 'name: staging');
    const dir = tree({ 'manifests/issuer.yaml': issuer, 'manifests/more/issuers.yaml': `${second}---\n${second}` });
    const r = await runCli(['validate', join(dir, 'manifests'), '--no-config']);
    expect(findings(r.out)).toEqual([`${dir}/manifests/issuer.yaml:2:7 info ${unknown}`]);
    expect(r.out).toContain('ClusterIssuer letsencrypt and 2 more objects in 1 file: no schema for cert-manager.io/v1');
    expect(r.out).toContain('\n3 objects were not validated (no schema for their kind): pass their CRDs');
    expect(r.code).toBe(0);
  });
  it('a kubeconform template with {{.Group}} and {{.ResourceKind}}', async () => {
    const dir = tree({ 'manifests/issuer.yaml': issuer, 'cat/cert-manager.io/clusterissuer_v1.json': issuerJson });
    const r = await runCli([
      'validate',
      join(dir, 'manifests'),
      '--no-config',
      '--schema-location',
      join(dir, 'cat/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
    ]);
    expect(findings(r.out)).toEqual([`${dir}/manifests/issuer.yaml:7:13 error [schema/invalid]`]);
  });
  it('a remote or missing location is a warning', async () => {
    const dir = tree({ 'issuer.yaml': issuer });
    const r = await runCli([
      'validate',
      dir,
      '--no-config',
      '--schema-location',
      'https://example.com/{{.Group}}.json',
      '--schema-location',
      join(dir, 'nope'),
    ]);
    expect(r.out).toContain('schema location https://example.com/{{.Group}}.json: remote locations are not fetched');
    expect(r.out).toContain(`schema location ${join(dir, 'nope')}: no such file or directory`);
  });
  it('--skip KIND leaves the kind unvalidated', async () => {
    const dir = tree({ 'issuer.yaml': issuer, 'deploy.yaml': badDeployment });
    const r = await runCli(['validate', dir, '--no-config', '--skip', 'ClusterIssuer,apps/v1/Deployment']);
    expect(findings(r.out)).toEqual([]);
    expect(r.out.trimEnd().split('\n').pop()).toBe(
      '2 documents in 2 files: 0 valid, 0 invalid, 0 without schema, 2 skipped',
    );
  });
  it('lint validates custom resources with the CRDs written anywhere in the repository', async () => {
    const files = {
      'apps/kustomization.yaml': 'resources:\n- issuer.yaml\n',
      'apps/issuer.yaml': issuer,
    };
    const without = await runCli(['lint', tree(files), '--no-config']);
    expect(findings(without.out)).toEqual([`apps/issuer.yaml:2:7 info ${unknown}`]);
    const withCrd = await runCli(['lint', tree({ ...files, 'crds/cert-manager.yaml': issuerCrd }), '--no-config']);
    expect(findings(withCrd.out)).toEqual(['apps/issuer.yaml:7:13 error [schema/invalid]']);
  });
});

describe('golden and snapshot folders are not duplicated manifests', () => {
  const deployment = (replicas: number): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n`;
  const repo = {
    'apps/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
    'apps/base/deployment.yaml': deployment(1),
    'tests/__golden__/production.yaml': deployment(1),
    'tests/__snapshots__/overlays.test.ts.snap.yaml': deployment(1),
    'tests/rendered/production.yaml': deployment(1),
  };
  const dup = (out: string): string[] => findings(out).filter((l) => l.includes('duplicated-manifest'));
  it('__golden__ and __snapshots__ are never read; other copies are reported until ignored', async () => {
    const dir = tree(repo);
    expect(dup((await runCli(['lint', dir, '--no-config'])).out)).toEqual([
      'tests/rendered/production.yaml:1:1 warning [kustomize/duplicated-manifest]',
    ]);
    expect(dup((await runCli(['lint', dir, '--no-config', '--ignore', 'tests/rendered/**'])).out)).toEqual([]);
    writeFileSync(join(dir, '.kustomize-ts.yaml'), 'ignore:\n  - rendered\n');
    expect(dup((await runCli(['lint', dir])).out)).toEqual([]);
  });
});

describe('the API checks rule settings and severities as the CLI does', () => {
  const fs = memoryFs({ '/r/kustomization.yaml': 'resources: []\n' });
  // Each call is also a type error: rule ids and settings are string-literal unions (npm run typecheck checks
  // the @ts-expect-error lines), and the checks below are what a JavaScript caller gets.
  const bad: [string, () => unknown, RegExp][] = [
    [
      'lint: a severity ESLint users type',
      // @ts-expect-error 'warn' is not a RuleSetting
      () => lint('/r', { fs, rules: { 'flux/prune-disabled': 'warn' } }),
      /rules: rule flux\/prune-disabled: "warn" is not one of off, info, warning, error \(did you mean "warning"\?\)/,
    ],
    [
      'lint: an unknown rule',
      // @ts-expect-error not a RuleId
      () => lint('/r', { fs, rules: { 'flux/prune-disabeld': 'off' } }),
      /rules: unknown rule "flux\/prune-disabeld" \(did you mean "flux\/prune-disabled"\?\)/,
    ],
    [
      'lint: minSeverity',
      // @ts-expect-error not a Severity
      () => lint('/r', { fs, minSeverity: 'notice' }),
      /minSeverity: "notice" is not one of info, warning, error/,
    ],
    [
      'validate: a severity',
      // @ts-expect-error not a RuleSetting
      () => validate([], { rules: { 'schema/invalid': 'fatal' } }),
      /rules: rule schema\/invalid: "fatal" is not one of/,
    ],
  ];
  for (const [name, call, message] of bad) {
    it(name, () => {
      expect(call).toThrow(InvalidOptionError);
      expect(call).toThrow(message);
    });
  }
  it('valid settings pass', () =>
    expect(lint('/r', { fs, rules: { 'flux/prune-disabled': 'warning' } }).ok).toBe(true));
});
