/**
 * The configuration file: its JSON schema (committed, generated from the code, valid for editors, and the
 * docs' example passes it), finding it upward from ROOT, problems as errors with positions, paths relative
 * to the file, and how the CLI combines it with flags.
 */
/// <reference types="node" />
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as yamlParse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig, loadConfigFile } from '../../src/config/load.js';
import { configOptions } from '../../src/config/options.js';
import { lint } from '../../src/lint/engine.js';
import { configSchema } from '../../src/config/schema.js';
import { ruleMetas } from '../../src/lint/rules/index.js';
import { memoryFs } from '../../src/fs/memory.js';
import { configSchemaJson } from '../scripts/gen-config-schema.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

const committed = readFileSync(join(repoRoot, 'schemas/config.schema.json'), 'utf8');
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const schemaValidates = ajv.compile(JSON.parse(committed) as object);
const docExample = /```yaml\n(# kustomize-ts\.config\.yaml\n[\s\S]*?)```/.exec(
  readFileSync(join(repoRoot, 'docs/config.md'), 'utf8'),
)?.[1];

function load(text: string, file = '/repo/kustomize-ts.config.yaml', folders: readonly string[] = []) {
  const files = Object.fromEntries(folders.map((f) => [`${f}/.keep`, '']));
  return loadConfigFile(memoryFs({ ...files, [file]: text }), file);
}

describe('the JSON schema', () => {
  it('schemas/config.schema.json is the schema the loader uses (regenerate with test/scripts/gen-config-schema.ts)', () => {
    expect(committed).toBe(configSchemaJson());
  });
  it('compiles in strict ajv (a valid draft-07 schema) and lists every rule id', () => {
    expect(Object.keys(configSchema().properties?.rules?.properties ?? {}).sort()).toEqual(
      ruleMetas.map((m) => m.id).sort(),
    );
  });
  it('the example in docs/config.md passes the schema and the loader', () => {
    expect(docExample).toBeDefined();
    const folders = ['/repo/clusters/staging', '/repo/clusters/production', '/infra'];
    const loaded = load(docExample ?? '', undefined, folders);
    expect(loaded.diagnostics).toEqual([]);
    expect(schemaValidates(yamlParse(docExample ?? '')), JSON.stringify(schemaValidates.errors)).toBe(true);
    expect(loaded.config.rules?.['flux/prune-disabled']).toBe('error');
    expect(loaded.config.schemaLocations?.[0]).toBe('/repo/crds');
    expect(loaded.config.sources?.['infra-repo']).toBe('/infra');
  });
});

describe('problems are errors at their line and column', () => {
  const cases: [string, string, string[]][] = [
    [
      'unknown rule',
      'rules:\n  flux/prune-disabeld: error\n',
      ['2:3 rules: unknown rule "flux/prune-disabeld" (did you mean "flux/prune-disabled"?)'],
    ],
    [
      'a severity ESLint users type',
      'rules:\n  flux/prune-disabled: warn\n',
      ['2:24 rules.flux/prune-disabled: "warn" is not one of off, info, warning, error (did you mean "warning"?)'],
    ],
    ['unknown setting', 'stirct: true\n', ['1:1 the file: unknown field "stirct" (did you mean "strict"?)']],
    ['wrong type', 'ignore: archive/**\n', ['1:9 ignore: must be a list, not a string']],
    ['wrong item type', 'skipKinds:\n  - 3\n', ['2:5 skipKinds.0: must be a string, not a number']],
    [
      'bad version',
      'kubernetesVersion: latest\n',
      ['1:20 kubernetesVersion: "latest" does not have the form ^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$'],
    ],
    ['bad severity', 'minSeverity: notice\n', ['1:14 minSeverity: "notice" is not one of info, warning, error']],
    ['not a mapping', '- a\n', ['1:1 the file: must be a mapping, not a list']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const r = load(text);
      expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(expected);
      expect(r.diagnostics.every((d) => d.code === 'config/invalid' && d.severity === 'error')).toBe(true);
      // ajv agrees that the file is invalid.
      expect(schemaValidates(yamlParse(text))).toBe(false);
    });
  }
  it('a source or cluster folder that does not exist is an error (it would leave clusters unlinted)', () => {
    const r = load('sources:\n  flux-system: .\n  infra: ../nope\nclusters:\n  - clusters/gone\n', undefined, [
      '/repo',
    ]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:10 sources.infra: ../nope: no such directory',
      '5:5 clusters.0: clusters/gone: no such directory',
    ]);
    expect(r.config).toEqual({ sources: { 'flux-system': '/repo' } });
  });
  it('keeps the other settings when one rule is wrong', () => {
    const r = load('rules:\n  flux/nope: off\n  image/mutable-tag: off\nstrict: true\n');
    expect(r.config).toEqual({ rules: { 'image/mutable-tag': 'off' }, strict: true });
  });
  it('a YAML syntax error is reported as such', () => {
    const r = load('rules: [\n');
    expect(r.diagnostics[0]?.code).toBe('yaml/syntax');
  });
  it('an empty file is a valid configuration', () => expect(load('')).toMatchObject({ config: {}, diagnostics: [] }));
});

describe('finding the file', () => {
  const fs = memoryFs({
    '/repo/.kustomize-ts.yaml': 'strict: true\n',
    '/repo/kubernetes/kustomize-ts.config.yaml': 'strict: false\n',
    '/repo/kubernetes/apps/x.yaml': '',
    '/repo/other/deep/x.yaml': '',
    '/both/kustomize-ts.config.yaml': '',
    '/both/.kustomize-ts.yaml': '',
  });
  const cases: [string, string | undefined][] = [
    ['/repo/kubernetes/apps', '/repo/kubernetes/kustomize-ts.config.yaml'],
    ['/repo/other/deep', '/repo/.kustomize-ts.yaml'],
    ['/repo', '/repo/.kustomize-ts.yaml'],
    ['/both', '/both/kustomize-ts.config.yaml'],
    ['/elsewhere', undefined],
  ];
  for (const [start, found] of cases) it(`from ${start}`, () => expect(findConfigFile(fs, start)).toBe(found));
});

describe('configOptions: a configuration file as the options of lint()', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n';
  const fs = memoryFs({
    '/repo/.kustomize-ts.yaml':
      'rules:\n  schema/invalid: warning\nignore: [archive]\nkubernetesVersion: v1.30\nschemaLocations: [crds]\nclusters: [clusters/prod]\n',
    '/repo/kubernetes/app/kustomization.yaml': 'resources: [deploy.yaml]\n',
    '/repo/kubernetes/app/deploy.yaml': deployment,
    '/repo/kubernetes/archive/kustomization.yaml': 'resources: [deploy.yaml]\n',
    '/repo/kubernetes/archive/deploy.yaml': deployment,
    '/repo/clusters/prod/.keep': '',
  });
  const loaded = loadConfig(fs, '/repo/kubernetes');
  it('maps every setting, paths absolute, the version without its v', () => {
    const options = configOptions(loaded, '/repo');
    expect(options).toEqual({
      rules: { 'schema/invalid': 'warning' },
      ignore: ['archive'],
      kubernetesVersion: '1.30',
      schemaLocations: ['/repo/crds'],
      clusters: ['/repo/clusters/prod'],
    });
    expect(configOptions(undefined)).toEqual({});
  });
  it('ignore globs stay relative to the file when lint() runs below it', () => {
    const { clusters: _clusters, ...options } = configOptions(loaded, '/repo/kubernetes');
    const result = lint('/repo/kubernetes', { fs, ...options });
    const files = result.diagnostics.filter((d) => d.code === 'schema/invalid').map((d) => `${d.file} ${d.severity}`);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files)).toEqual(new Set(['app/deploy.yaml warning']));
  });
});

describe('the CLI with a configuration file', () => {
  const repo = mkdtempSync(join(tmpdir(), 'kts-config-'));
  mkdirSync(join(repo, 'apps'));
  mkdirSync(join(repo, 'archive'));
  const deployment = (image: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: ${image}\n        bogus: 1\n`;
  writeFileSync(join(repo, 'apps/web.yaml'), deployment('web:latest'));
  writeFileSync(join(repo, 'archive/old.yaml'), deployment('old:latest'));
  writeFileSync(
    join(repo, 'kustomize-ts.config.yaml'),
    'strict: true\nignore: [archive]\nrules:\n  schema/invalid: warning\n',
  );
  const lines = (out: string): string[] => out.split('\n').filter((l) => /: (error|warning|info): /.test(l));

  it('validate applies it: strict, ignore, rule severities', async () => {
    const inRepo = await runCli(['validate', repo, '--config', join(repo, 'kustomize-ts.config.yaml')]);
    expect(lines(inRepo.out).every((l) => l.includes('warning: '))).toBe(true);
    expect(inRepo.out).toContain('unknown field "bogus"');
    expect(inRepo.out).not.toContain('archive');
    expect(inRepo.code).toBe(0);
  });
  it('flags win: --rule, --no-config', async () => {
    const r = await runCli([
      'validate',
      repo,
      '--config',
      join(repo, 'kustomize-ts.config.yaml'),
      '--rule',
      'schema/invalid=error',
    ]);
    expect(r.code).toBe(1);
    const none = await runCli(['validate', repo, '--no-config']);
    expect(none.out).not.toContain('unknown field "bogus"');
    expect(none.out).toContain('old.yaml');
  });
  it('an invalid file stops the command with its errors (exit 1)', async () => {
    const bad = join(repo, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  schema/invalid: warn\n');
    const r = await runCli(['validate', repo, '--config', bad]);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: `${bad}:2:19: error: rules.schema/invalid: "warn" is not one of off, info, warning, error (did you mean "warning"?) [config/invalid]\n`,
    });
  });
});

describe('lint applies every setting of the configuration file', () => {
  const pdb =
    'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n';
  const issuer =
    'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\nspec:\n  acme:\n    server: 42\n';
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
            spec: {type: object, properties: {acme: {type: object, properties: {server: {type: string}}}}}
`;
  /** A repository in `repo/` (the CRD outside it, in `schemas/`) with the given configuration file. */
  function repoWith(config: string): string {
    const top = mkdtempSync(join(tmpdir(), 'kts-config-lint-'));
    mkdirSync(join(top, 'repo/app'), { recursive: true });
    mkdirSync(join(top, 'schemas'));
    writeFileSync(join(top, 'repo/app/kustomization.yaml'), 'resources: [pdb.yaml, issuer.yaml]\n');
    writeFileSync(join(top, 'repo/app/pdb.yaml'), pdb);
    writeFileSync(join(top, 'repo/app/issuer.yaml'), issuer);
    writeFileSync(join(top, 'schemas/issuer-crd.yaml'), issuerCrd);
    writeFileSync(join(top, 'repo/kustomize-ts.config.yaml'), config);
    return join(top, 'repo');
  }
  /** The findings of lint as `severity code`, sorted, and the report. */
  const findings = async (config: string): Promise<[string[], string]> => {
    const r = await runCli(['lint', repoWith(config)]);
    const found = r.out
      .split('\n')
      .map((l) => /: (error|warning|info): .*\[(.+)\]$/.exec(l))
      .flatMap((m) => (m ? [`${m[1] ?? ''} ${m[2] ?? ''}`] : []));
    return [found.sort(), r.out];
  };
  const unknown = 'info schema/unknown-kind';
  const deprecated = 'warning schema/deprecated-api';
  // Without settings: Kubernetes 1.36, where policy/v1beta1 is removed; no schema for the ClusterIssuer.
  const cases: [string, string, string[], string?][] = [
    ['no settings', '', [unknown, deprecated], 'was removed in Kubernetes v1.25.0'],
    [
      'kubernetesVersion: deprecated, not removed',
      'kubernetesVersion: "1.22"\n',
      [unknown, unknown, deprecated],
      'is deprecated since',
    ],
    ['kubernetesVersion: not deprecated yet', 'kubernetesVersion: "1.20"\n', [unknown, unknown]],
    [
      'schemaLocations: a CRD outside the repository',
      'schemaLocations: [../schemas/issuer-crd.yaml]\n',
      ['error schema/invalid', deprecated],
    ],
    ['skipKinds', 'skipKinds: [ClusterIssuer]\n', [deprecated]],
    ['minSeverity', 'minSeverity: warning\n', [deprecated]],
    ['rules', 'rules:\n  schema/deprecated-api: off\n', [unknown]],
  ];
  for (const [name, config, expected, text] of cases)
    it(name, async () => {
      const [found, report] = await findings(config);
      expect(found).toEqual(expected);
      if (text !== undefined) expect(report).toContain(text);
    });

  it('clusters and sources: a folder that does not exist stops lint with the error at its line (exit 1)', async () => {
    const root = repoWith('sources:\n  flux-system: ../elsewhere\n');
    const r = await runCli(['lint', root], { cwd: root });
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'kustomize-ts.config.yaml:2:16: error: sources.flux-system: ../elsewhere: no such directory [config/invalid]\n',
    });
  });
});
