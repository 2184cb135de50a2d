/**
 * renderFleet on the Flux fixtures: generated paths, Flux overrides (the targetNamespace/patch-target
 * quirk), components, every substitution form, substituteFrom (optional, missing, precedence, late
 * objects), strict vs non-strict, SOPS, a parent patching its children, the dependsOn graph (cycle,
 * unknown dependency), unmapped sources, duplicate definitions, FluxInstance entry points.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { FleetKustomization, FleetResult } from '../../src/flux/index.js';
import { renderFleet } from '../../src/flux/index.js';
import { memoryFs } from '../../src/fs/memory.js';
import { lintFleet } from '../../src/lint/engine.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { YamlMap } from '../../src/yaml/values.js';
import { expectedBase, fluxFixtures, fluxKsText, renderFixture, type FluxFixture } from './helpers.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { objectMeta } from '../../src/flux/model.js';

function fixture(name: string): FluxFixture {
  const f = fluxFixtures().find((x) => x.name === name);
  if (!f) throw new Error(`fixture ${name} missing`);
  return f;
}

function ks(r: FleetResult, id: string): FleetKustomization {
  const k = r.kustomizations.find((x) => x.id === id);
  if (!k) throw new Error(`${id} not rendered; have ${r.kustomizations.map((x) => x.id).join(', ')}`);
  return k;
}

function obj(k: FleetKustomization, kind: string, name: string): YamlMap {
  const o = k.objects.map((x) => x.object).find((x) => x.kind === kind && (x.metadata as YamlMap).name === name);
  if (!o) throw new Error(`${kind}/${name} not in ${k.id}`);
  return o;
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.filter((d) => d.severity !== 'info').map((d) => d.code);

describe('flux-generated: paths without a kustomization file', () => {
  const f = fixture('flux-generated');
  const r = renderFixture(f, 'clusters/dev');
  it('builds the generated kustomization: recursive files, sub-kustomizations once, .sourceignore and defaults applied', () => {
    const apps = ks(r, 'flux-system/apps');
    expect(apps.status).toBe('rendered');
    expect(apps.generated).toBe('created');
    expect(apps.kustomization?.text).toBe(
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        '- ./config/settings/configmap.yaml',
        '- ./db',
        '- ./list.yaml',
        '- ./web/deployment.yaml',
        '- ./web/service.yml',
        '',
      ].join('\n'),
    );
    // Every manifest once, in the order the controller's build prints them (no legacy sort).
    const reference = readFileSync(`${expectedBase(f.name, 'clusters/dev', 'flux-system/apps')}.yaml`, 'utf8');
    const kindName = (o: YamlMap): string => `${objectMeta(o).kind}/${objectMeta(o).name}`;
    expect(apps.objects.map((o) => kindName(o.object))).toEqual(
      parseYamlStream(reference, { file: 'reference' }).documents.map((d) => kindName(d.value as YamlMap)),
    );
    expect(apps.objects).toHaveLength(6);
  });
  it('fails a generated path holding non-Kubernetes YAML, with the file and position', () => {
    const broken = ks(r, 'flux-system/broken');
    expect(broken.status).toBe('failed');
    expect(broken.objects).toEqual([]);
    expect(broken.diagnostics).toMatchObject([
      { code: 'flux/generate-failed', file: join(f.root, 'broken/values.yaml'), line: 2, column: 1 },
    ]);
  });
  it('renders nothing for a path without manifests (placeholder namespace)', () => {
    const empty = ks(r, 'flux-system/empty');
    expect(empty.status).toBe('rendered');
    expect(empty.objects).toEqual([]);
    expect(empty.kustomization?.text).toContain('namespace: _placeholder');
  });
  it('reports a spec.path that does not exist at the path field', () => {
    const missing = ks(r, 'flux-system/missing-path');
    expect(missing.status).toBe('failed');
    expect(missing.diagnostics).toMatchObject([
      { code: 'flux/spec-path-not-found', file: join(f.root, 'clusters/dev/apps.yaml'), line: 52, column: 3 },
    ]);
  });
  it('generates the cluster folder itself (gotk-sync in a plain sub-folder, .json ignored)', () => {
    const root = ks(r, 'flux-system/flux-system');
    expect(root.synthetic).toBe(false);
    expect(root.kustomization?.text).toContain('- ./apps.yaml\n- ./flux-system/gotk-sync.yaml\n');
  });
});

describe('flux-overrides: targetNamespace, namePrefix/Suffix, patches, images', () => {
  const r = renderFixture(fixture('flux-overrides'), 'clusters/dev');
  it('matches patch targets before targetNamespace applies (the namespaced target is a no-op)', () => {
    const quirk = ks(r, 'flux-system/quirk');
    const dep = obj(quirk, 'Deployment', 'dev-web-v2') as {
      metadata: YamlMap;
      spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
    };
    expect(dep.metadata.namespace).toBe('team-a');
    expect(dep.spec.replicas).toBe(1);
    expect(dep.metadata.labels).toMatchObject({ 'patched-by': 'flux' });
    expect(dep.spec.template.spec.containers.map((c) => c.image)).toEqual([
      'registry.example.com/busybox:1.36',
      'mirror.example.com/nginx:1.27.1',
    ]);
  });
  it('warns that the namespaced patch target selects nothing, at the patch', () => {
    const quirk = ks(r, 'flux-system/quirk');
    expect(quirk.diagnostics).toMatchObject([
      { code: 'flux/patch-no-match', severity: 'warning', line: 20, column: 7 },
    ]);
    expect(quirk.diagnostics[0]?.message).toContain('matched before targetNamespace is applied');
  });
  it('edits the kustomization: namespace/prefix/suffix replaced, patches appended, images merged', () => {
    const quirk = ks(r, 'flux-system/quirk');
    expect(quirk.generated).toBe('edited');
    const text = quirk.kustomization?.text ?? '';
    expect(text).toContain('namespace: team-a\n');
    expect(text).toContain('namePrefix: dev-\n');
    expect(text).toContain('nameSuffix: -v2\n');
    expect(text).toContain(
      '- name: nginx\n  newName: mirror.example.com/nginx\n  newTag: 1.27.1\n- name: busybox\n  newName: registry.example.com/busybox\n',
    );
  });
  it('builds a path without overrides as it is (no generated kustomization)', () => {
    const plain = ks(r, 'flux-system/plain');
    expect(plain.generated).toBe('unchanged');
    expect(plain.kustomization).toBeUndefined();
  });
  it('drops unknown kustomization fields with a warning instead of failing', () => {
    const lenient = ks(r, 'flux-system/lenient');
    expect(lenient.status).toBe('rendered');
    expect(codes(lenient.diagnostics)).toEqual(['flux/kustomization-field-dropped']);
    expect(lenient.objects).toHaveLength(1);
  });
  it('applies commonMetadata after the owner labels, on top-level metadata only', () => {
    const k = ks(r, 'flux-system/generators-only');
    for (const o of k.objects) {
      const meta = o.object.metadata as YamlMap;
      expect(meta.labels).toEqual({
        'kustomize.toolkit.fluxcd.io/name': 'generators-only',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        team: 'platform',
      });
      expect(meta.annotations).toMatchObject({ owner: 'platform@example.com' });
    }
  });
});

describe('flux-components: spec.components', () => {
  const r = renderFixture(fixture('flux-components'), 'clusters/dev');
  it("appends components after the kustomization's own and runs Flux patches after all of them", () => {
    const k = ks(r, 'flux-system/with-components');
    expect(obj(k, 'ConfigMap', 'settings').data).toEqual({ level: 'info', tier: 'patched-by-flux', component: 'tier' });
  });
  it('drops missing components with ignoreMissingComponents', () => {
    const k = ks(r, 'flux-system/with-components');
    expect(k.kustomization?.text).toContain('components:\n- ../components/base\n- ../components/tier\n');
  });
  it('refuses remote components and fails on missing ones', () => {
    expect(ks(r, 'flux-system/remote-component').diagnostics).toMatchObject([
      { code: 'flux/invalid-component', line: 42 },
    ]);
    const missing = ks(r, 'flux-system/missing-component');
    expect(missing.status).toBe('failed');
    expect(codes(missing.diagnostics)).toEqual(['load/missing-file']);
  });
});

describe('flux-substitute: postBuild substitution', () => {
  const f = fixture('flux-substitute');
  const r = renderFixture(f, 'clusters/dev');
  it('expands every form with variables from substituteFrom and substitute', () => {
    const forms = ks(r, 'flux-system/forms');
    expect(codes(forms.diagnostics)).toEqual([]);
    expect(obj(forms, 'ConfigMap', 'forms-prod').data).toEqual({
      plain: 'Hello World',
      'in-text': 'region eu-west-1 in prod',
      'default-unset': 'fallback',
      'default-colon-dash': 'fallback',
      'default-equals': 'fallback',
      'default-not-used': 'Hello World',
      'default-empty': 'was-empty',
      'default-nested': 'prod-nested',
      length: 11,
      'upper-first': 'Prod',
      upper: 'PROD',
      'lower-first': 'hello World',
      lower: 'hello world',
      substring: 'local/bin',
      'substring-length': 'local',
      'trim-prefix-shortest': 'usr/local/bin',
      'trim-prefix-longest': 'bin',
      'trim-suffix-shortest': 'eu-west',
      'trim-suffix-longest': 'eu',
      'replace-first': 'eu_west-1',
      'replace-all': 'eu_west_1',
      'replace-prefix': 'us-west-1',
      'replace-suffix': 'eu-west-2',
      'replace-escaped-slash': ':usr:local:bin',
      escaped: '${NAME}',
      'dollar-dollar': 'cost $5',
      'bare-dollar': '$NAME',
      'from-secret-data': 's3cr3t',
      'from-secret-string-data': 'hunter2',
      'newlines-removed': 'line1line2',
      'inline-wins': 'prod',
      'secret-over-configmap': 'zone-from-secret',
    });
  });
  it('re-reads the substituted YAML: numbers become numbers, quoting in the source does not help', () => {
    const dep = obj(ks(r, 'flux-system/forms'), 'Deployment', 'web') as {
      spec: { replicas: unknown; template: { spec: { containers: { env: { value: unknown }[] }[] } } };
    };
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0]?.env[0]?.value).toBe(3);
  });
  it('skips objects labelled or annotated substitute: disabled', () => {
    const forms = ks(r, 'flux-system/forms');
    expect(obj(forms, 'ConfigMap', 'dashboard').data).toEqual({ panel: '${DS_PROMETHEUS}' });
    expect(obj(forms, 'ConfigMap', 'script').data).toEqual({ 'run.sh': 'echo ${HOME}' });
  });
  it('does nothing without variables (WithVariables), even with defaults in the text', () => {
    expect(obj(ks(r, 'flux-system/with-variables'), 'ConfigMap', 'defaults').data).toEqual({ value: '${X:=fallback}' });
  });
  it('substitutes defaults without variables under substituteStrategy: Always', () => {
    expect(obj(ks(r, 'flux-system/always'), 'ConfigMap', 'defaults').data).toEqual({ value: 'fallback' });
  });
  it('fails on undefined variables in strict mode, one diagnostic per variable at its position', () => {
    const k = ks(r, 'flux-system/undefined-var');
    expect(k.status).toBe('failed');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/substitute-undefined', file: join(f.root, 'undefined/configmap.yaml'), line: 8, column: 14 },
      { code: 'flux/substitute-undefined', file: join(f.root, 'undefined/configmap.yaml'), line: 9, column: 20 },
    ]);
    expect(k.diagnostics[0]?.message).toContain('variable not set (strict mode): "UNDEFINED"');
    expect(k.diagnostics[1]?.message).toContain('"ALSO_UNDEFINED"');
  });
  it('blanks undefined variables with strictSubstitute: false (Flux < 2.9)', () => {
    const lax = renderFixture(f, 'clusters/dev', { strictSubstitute: false });
    const k = ks(lax, 'flux-system/undefined-var');
    expect(k.status).toBe('rendered');
    // `undefined: ${UNDEFINED}` becomes `undefined: ` and reads back as null.
    expect(obj(k, 'ConfigMap', 'undefined').data).toEqual({
      defined: 'here',
      undefined: null,
      'undefined-upper': null,
      'with-default': 'ok',
    });
  });
  it('fails when a non-optional substituteFrom object is not rendered anywhere', () => {
    const k = ks(r, 'flux-system/missing-from');
    expect(k.status).toBe('failed');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/substitute-from-missing', file: join(f.root, 'clusters/dev/ks.yaml'), line: 98 },
    ]);
    expect(obj(k, 'ConfigMap', 'undefined').data).toMatchObject({ undefined: '${UNDEFINED}' });
  });
  it('fails the whole Kustomization for one invalid key of a substituteFrom object, pointing at the key', () => {
    const k = ks(r, 'flux-system/bad-name');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/substitute-var-name', file: join(f.root, 'clusters/dev/vars.yaml'), line: 33, column: 3 },
    ]);
    expect(k.diagnostics[0]?.message).toContain("'tls.crt' var name is invalid");
  });
  it('reports a malformed expression at the expression', () => {
    const k = ks(r, 'flux-system/syntax');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/substitute-syntax', file: join(f.root, 'syntax/configmap.yaml'), line: 8, column: 11 },
    ]);
    expect(k.diagnostics[0]?.message).toContain('missing closing brace');
  });
  it('waits for ConfigMaps rendered later in the cluster before substituting', () => {
    const late = ks(r, 'flux-system/late');
    expect(codes(late.diagnostics)).toEqual([]);
    expect(obj(late, 'ConfigMap', 'late').data).toEqual({ color: 'blue' });
  });
  it('reads substituteFrom objects supplied as cluster objects', () => {
    const extra = renderFixture(f, 'clusters/dev', {
      clusterObjects: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'nowhere', namespace: 'flux-system' },
          data: { DEFINED: 'd', UNDEFINED: 'supplied', ALSO_UNDEFINED: 'x' },
        },
      ],
    });
    expect(obj(ks(extra, 'flux-system/missing-from'), 'ConfigMap', 'undefined').data).toMatchObject({
      undefined: 'supplied',
    });
  });
});

describe('flux-sops: SOPS-encrypted Secrets', () => {
  const f = fixture('flux-sops');
  const r = renderFixture(f, 'clusters/dev');
  it('keeps encrypted Secrets as they are and notes it when decryption is configured', () => {
    const k = ks(r, 'flux-system/with-decryption');
    expect(k.status).toBe('rendered');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/sops-encrypted', severity: 'info', file: join(f.root, 'secrets/secret.enc.yaml'), line: 1 },
    ]);
    const s = obj(k, 'Secret', 'app-secrets');
    expect((s.stringData as YamlMap).DB_PASSWORD).toMatch(/^ENC\[AES256_GCM,/);
    expect(s.sops).toBeDefined();
  });
  it('fails a Kustomization without spec.decryption that renders one', () => {
    const k = ks(r, 'flux-system/without-decryption');
    expect(k.status).toBe('failed');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/sops-no-decryption', severity: 'error', file: join(f.root, 'secrets/secret.enc.yaml') },
    ]);
  });
  it('accepts an encrypted Secret annotated decrypt: disabled', () => {
    expect(codes(ks(r, 'flux-system/opt-out').diagnostics)).toEqual([]);
  });
  it('substitutes placeholders for the values of an encrypted substituteFrom Secret, with a warning', () => {
    const k = ks(r, 'apps/vars-from-encrypted');
    expect(codes(k.diagnostics)).toEqual(['flux/substitute-from-encrypted']);
    expect(obj(k, 'ConfigMap', 'connection').data).toEqual({ dsn: 'postgres://app:SOPS[DB_PASSWORD]@db:5432/app' });
  });
});

describe('flux-parent-patch: a parent that patches and substitutes its children', () => {
  const r = renderFixture(fixture('flux-parent-patch'), 'clusters/dev');
  it('finds the child in the parent output, in the namespace the parent kustomization gives it', () => {
    const child = ks(r, 'apps/podinfo');
    expect(child.parent).toBe('flux-system/apps');
    expect(child.source).toMatchObject({ kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' });
  });
  it('substitutes the parent variables into the child spec before building the child', () => {
    const child = ks(r, 'apps/podinfo');
    expect(child.spec.postBuild?.substitute.HOST).toBe('podinfo.dev.example.com');
  });
  it('builds the child with the defaults the parent patch injects (prune, timeout, variables)', () => {
    const child = ks(r, 'apps/podinfo');
    expect(child.spec.prune).toBe(true);
    expect(child.spec.timeout).toBe('5m0s');
    expect(child.status).toBe('rendered');
    const ing = obj(child, 'Ingress', 'podinfo') as { metadata: YamlMap; spec: { rules: { host: string }[] } };
    expect(ing.metadata.namespace).toBe('apps');
    expect(ing.metadata.labels).toMatchObject({ cluster: 'dev' });
    expect(ing.spec.rules[0]?.host).toBe('podinfo.dev.example.com');
  });
});

describe('flux-graph: dependsOn, sources and duplicates', () => {
  const f = fixture('flux-graph');
  const r = renderFixture(f, 'clusters/dev');
  it('reports cycles (including a self-dependency) with the cycle path', () => {
    expect(r.graph.cycles).toEqual([
      ['flux-system/a', 'flux-system/b', 'flux-system/c', 'flux-system/a'],
      ['flux-system/self', 'flux-system/self'],
    ]);
    // The renderer reports the graph; the lint rule judges it, once per member, at its dependsOn entry.
    const cycles = lintFleet(r, { fs: nodeFs(), rules: ['flux/dependency-cycle'] });
    expect(cycles.map((d) => [d.kustomization, d.line, d.column])).toEqual([
      ['flux-system/a', 17, 7],
      ['flux-system/b', 33, 7],
      ['flux-system/c', 49, 7],
      ['flux-system/self', 66, 7],
    ]);
    expect(cycles[0]).toMatchObject({ severity: 'error', file: join(f.root, 'clusters/dev/cycle.yaml') });
    expect(cycles[0]?.message).toContain('flux-system/a → flux-system/b → flux-system/c → flux-system/a');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('flux/dependency-cycle');
  });
  it('scans the repository for lintFleet only when a rule reads it (fleet and graph do not)', () => {
    const reads: string[] = [];
    const base = nodeFs();
    const counting = { ...base, readFile: (p: string) => (reads.push(p), base.readFile(p)) };
    const graphRules = ['flux/unknown-dependency', 'flux/dependency-cycle', 'flux/deprecated-api'] as const;
    const graphFindings = lintFleet(r, { fs: counting, rules: [...graphRules] });
    expect(reads).toEqual([]);
    expect(graphFindings).toEqual(lintFleet(r, { fs: nodeFs(), rules: [...graphRules] }));
    lintFleet(r, { fs: counting, rules: ['kustomize/deprecated-field'] });
    expect(reads).toContain(join(f.root, 'clusters/dev/cycle.yaml'));
  });
  it('reports a dependency nobody defines on the dependent, at the dependsOn entry', () => {
    expect(ks(r, 'flux-system/orphan').diagnostics).toEqual([]);
    expect(lintFleet(r, { fs: nodeFs(), rules: ['flux/unknown-dependency'] })).toMatchObject([
      {
        code: 'flux/unknown-dependency',
        kustomization: 'flux-system/orphan',
        file: join(f.root, 'clusters/dev/unknown.yaml'),
        line: 17,
      },
    ]);
    expect(r.graph.edges).toContainEqual({
      from: 'flux-system/orphan',
      to: 'flux-system/does-not-exist',
      missing: true,
    });
  });
  it("defaults dependsOn namespaces to the dependent's and keeps explicit cross-namespace edges", () => {
    expect(ks(r, 'flux-system/apps').dependsOn).toEqual(['flux-system/infra', 'observability/monitoring']);
    expect(ks(r, 'observability/monitoring').dependsOn).toEqual(['flux-system/infra']);
    expect(codes(ks(r, 'flux-system/apps').diagnostics)).toEqual([]);
  });
  it('gives one diagnostic per Kustomization on an unmapped source and renders the rest', () => {
    const ext = ks(r, 'flux-system/external');
    expect(ext.status).toBe('skipped');
    expect(ext.diagnostics).toMatchObject([
      { code: 'flux/unmapped-source', file: join(f.root, 'clusters/dev/unmapped.yaml'), line: 12 },
    ]);
    expect(r.kustomizations.filter((k) => k.status === 'rendered')).toHaveLength(11);
  });
  it('maps a source to a local folder with the sources option', () => {
    const mapped = renderFixture(f, 'clusters/dev', { sources: { 'other-repo': join(f.root, 'other-repo') } });
    const ext = ks(mapped, 'flux-system/external');
    expect(ext.status).toBe('rendered');
    expect(ext.source.root).toBe(join(f.root, 'other-repo'));
    expect(obj(ext, 'ConfigMap', 'from-other-repo').data).toEqual({ source: 'other-repo' });
  });
  it('keeps the first of two different definitions of one name and reports the second', () => {
    const dups = r.diagnostics.filter((d) => d.code === 'flux/duplicate-kustomization');
    expect(dups).toMatchObject([{ severity: 'error', file: join(f.root, 'extra/dup-2.yaml') }]);
    expect(dups[0]?.related?.[0]?.file).toBe(join(f.root, 'clusters/dev/dup-1.yaml'));
    expect(ks(r, 'flux-system/dup').path).toBe('./app');
  });
  it('is not ok overall', () => {
    expect(r.ok).toBe(false);
  });
});

describe('flux-instance: a FluxInstance as the entry point', () => {
  const f = fixture('flux-instance');
  it('follows the sync.path of the FluxInstance found in the cluster folder', () => {
    const r = renderFixture(f, 'bootstrap');
    expect(r.entry).toMatchObject({ kind: 'FluxInstance', id: 'flux-system/flux-system', path: 'clusters/prod' });
    expect(r.kustomizations.map((k) => k.id)).toEqual(['flux-system/flux-system', 'flux-system/apps']);
    expect(ks(r, 'flux-system/flux-system').synthetic).toBe(true);
  });
  it('applies the instance kustomize.patches to the sync Kustomization', () => {
    const r = renderFixture(f, 'bootstrap');
    expect(ks(r, 'flux-system/flux-system').spec.postBuild?.substitute).toEqual({ CLUSTER_NAME: 'prod' });
    expect(obj(ks(r, 'flux-system/apps'), 'ConfigMap', 'cluster').data).toEqual({ cluster: 'prod' });
  });
  it('accepts the FluxInstance (or flux-instance chart values) as an option', () => {
    const values = { instance: { sync: { kind: 'GitRepository', path: 'clusters/prod' } } } as unknown as YamlMap;
    const r = renderFixture(f, 'unused', { fluxInstance: values });
    expect(r.entry).toMatchObject({ kind: 'FluxInstance', path: 'clusters/prod' });
    expect(r.kustomizations.map((k) => k.id)).toEqual(['flux-system/flux-system', 'flux-system/apps']);
  });
});

describe('renderFleet in memory', () => {
  it('renders through any FileSystem (no node:fs)', () => {
    const fs = memoryFs({
      '/repo/clusters/c/apps.yaml': fluxKsText('apps', './apps', ['  targetNamespace: team']),
      '/repo/apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n',
    });
    const r = renderFleet('/repo', { fs, cluster: 'clusters/c' });
    expect(r.ok).toBe(true);
    expect(r.kustomizations.map((k) => [k.id, k.synthetic])).toEqual([
      ['flux-system/flux-system', true],
      ['flux-system/apps', false],
    ]);
    expect(ks(r, 'flux-system/apps').objects[0]?.object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        namespace: 'team',
        labels: { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' },
      },
      data: { a: 'b' },
    });
  });
  it('records a field written by a patch a parent injected into its child at the parent patch', () => {
    const fs = memoryFs({
      '/repo/c/apps.yaml': fluxKsText('apps', './apps', [
        '  patches:',
        '    - target: {kind: Kustomization}',
        '      patch: |',
        '        apiVersion: kustomize.toolkit.fluxcd.io/v1',
        '        kind: Kustomization',
        '        metadata: {name: not-used}',
        '        spec:',
        '          patches:',
        '            - target: {kind: ConfigMap}',
        '              patch: |',
        '                - {op: add, path: /data/injected, value: x}',
      ]),
      '/repo/apps/child.yaml': fluxKsText('child', './child'),
      '/repo/child/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n',
    });
    const r = renderFleet('/repo', { fs, cluster: 'c' });
    const cm = ks(r, 'flux-system/child').objects[0];
    expect(cm?.object.data).toEqual({ a: 'b', injected: 'x' });
    const set = cm?.fieldOrigins?.get('/data/injected');
    // The parent's patch (line 11, its `patch` key), not the child's file, which has no patches.
    expect([set?.file, set?.range?.start.line, set?.range?.start.column]).toEqual(['/repo/c/apps.yaml', 11, 7]);
  });
  it('says so when dependsOn names a HelmRelease instead of a Kustomization', () => {
    const fs = memoryFs({
      '/repo/c/ks.yaml': fluxKsText('app', './app', ['  dependsOn: [{name: redis}]']),
      '/repo/c/hr.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: redis, namespace: flux-system}\nspec: {chart: {spec: {chart: redis}}}\n',
      '/repo/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n',
    });
    const r = renderFleet('/repo', { fs, cluster: 'c' });
    expect(ks(r, 'flux-system/app').diagnostics).toEqual([]);
    const d = lintFleet(r, { fs, rules: ['flux/unknown-dependency'] });
    expect(d).toMatchObject([{ code: 'flux/unknown-dependency', file: '/repo/c/ks.yaml', line: 9 }]);
    expect(d[0]?.message).toContain('which is a HelmRelease, not a Flux Kustomization');
  });
  it('warns when a Kustomization outside flux-system relies on the defaulted sourceRef namespace', () => {
    const fs = memoryFs({
      '/repo/c/kustomization.yaml': 'namespace: apps\nresources: [ks.yaml]\n',
      '/repo/c/ks.yaml':
        'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: app}\nspec:\n  interval: 5m\n  path: ./app\n  prune: true\n  sourceRef: {kind: GitRepository, name: flux-system}\n',
      '/repo/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n',
    });
    const r = renderFleet('/repo', { fs, cluster: 'c' });
    expect(ks(r, 'apps/app').diagnostics).toMatchObject([
      { code: 'flux/source-namespace', severity: 'warning', file: '/repo/c/ks.yaml', line: 8 },
    ]);
  });
  it('reports a missing cluster folder', () => {
    const r = renderFleet('/repo', { fs: memoryFs({}), cluster: 'clusters/none' });
    expect(r.diagnostics).toMatchObject([{ code: 'flux/cluster-not-found' }]);
    expect(r.kustomizations).toEqual([]);
  });
  it('reports progress after each Kustomization', () => {
    const seen: string[] = [];
    renderFixture(fixture('flux-graph'), 'clusters/dev', { onProgress: (p) => seen.push(`${p.done}:${p.current}`) });
    expect(seen[0]).toBe('1:flux-system/flux-system');
    expect(seen).toHaveLength(12);
  });
});

describe('flux-artifacts: ExternalArtifacts emulated from an ArtifactGenerator', () => {
  const f = fixture('flux-artifacts');
  const r = renderFixture(f, 'clusters/dev');
  it('builds Kustomizations on the artifacts the generator produces', () => {
    // Discovery follows the controller's output order: ks.yaml's order (no legacy sort).
    expect(r.kustomizations.map((k) => [k.id, k.status])).toEqual([
      ['flux-system/flux-system', 'rendered'],
      ['flux-system/infra', 'rendered'],
      ['flux-system/apps', 'rendered'],
      ['flux-system/nobody-builds-it', 'skipped'],
    ]);
    expect(obj(ks(r, 'flux-system/apps'), 'ConfigMap', 'app')).toMatchObject({
      metadata: { namespace: 'dev' },
      data: { env: 'dev' },
    });
    expect(ks(r, 'flux-system/infra').objects.map((o) => o.object.kind)).toEqual(['Namespace']);
  });
  it('lays the artifact out as source-watcher copies it', () => {
    const apps = r.sourceFileSystems.get(ks(r, 'flux-system/apps').source.root as string);
    const infra = r.sourceFileSystems.get(ks(r, 'flux-system/infra').source.root as string);
    const root = '/external-artifacts/flux-system';
    expect(apps?.readDir(`${root}/apps`).sort()).toEqual(['base', 'dev']);
    expect(apps?.readDir(`${root}/apps/dev`).sort()).toEqual(['kustomization.yaml']);
    expect(infra?.readDir(`${root}/infra/controllers`).sort()).toEqual([
      'extra.yaml',
      'kustomization.yaml',
      'namespace.yaml',
    ]);
  });
  it('points origins and diagnostics back at the repository files', () => {
    const o = ks(r, 'flux-system/apps').objects.find((x) => x.object.kind === 'ConfigMap');
    expect(o?.origin.file).toBe(join(f.root, 'apps/base/configmap.yaml'));
    // The inline patch of apps/dev/kustomization.yaml (its `patches` entry, line 7) set data.env.
    const set = o?.fieldOrigins?.get('/data/env');
    expect([set?.file, set?.range?.start.line]).toEqual([join(f.root, 'apps/dev/kustomization.yaml'), 7]);
  });
  it('reports an ExternalArtifact no generator produces', () => {
    const k = ks(r, 'flux-system/nobody-builds-it');
    expect(k.diagnostics).toMatchObject([
      { code: 'flux/unmapped-source', file: join(f.root, 'clusters/dev/ks.yaml'), line: 40 },
    ]);
    expect(k.diagnostics[0]?.message).toContain('not produced by any ArtifactGenerator');
  });
});
