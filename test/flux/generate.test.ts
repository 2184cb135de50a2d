/**
 * kustomize-controller's kustomization generation for spec.path, in memory: the generated resource list,
 * the edits Flux fields make to an existing kustomization, and the source-artifact view
 * (`.sourceignore`, default exclusions).
 */
import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { memoryFs } from '../../src/fs/memory.js';
import { readText } from '../../src/fs/types.js';
import { generateKustomization, isLocalRelativePath } from '../../src/flux/generate.js';
import { kustomizeFluxKustomization } from '../../src/flux/build.js';
import { readFluxKustomization, type FluxKustomization, type ObjectLocation } from '../../src/flux/model.js';
import { artifactFs } from '../../src/flux/fs-views.js';
import {
  defaultIgnorePatterns,
  isIgnored,
  parseIgnorePattern,
  readIgnorePatterns,
} from '../../src/flux/sourceignore.js';
import type { YamlMap } from '../../src/yaml/values.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function fluxKs(spec: Record<string, unknown>): FluxKustomization {
  const obj = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'app', namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: './app',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      ...spec,
    },
  } as unknown as YamlMap;
  return readFluxKustomization(obj).kustomization;
}

/**
 * A Flux Kustomization `flux-system/app` parsed from `file` (its spec's interval, prune and sourceRef, then
 * the `spec` lines from line 10), with where it was defined.
 */
function definedAt(file: string, spec: string[]): { ks: FluxKustomization; where: ObjectLocation } {
  const src = [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    '  name: app',
    '  namespace: flux-system',
    'spec:',
    '  interval: 10m',
    '  prune: true',
    '  sourceRef: {kind: GitRepository, name: flux-system}',
    ...spec,
    '',
  ].join('\n');
  const stream = parseYamlStream(src, { file });
  const doc = stream.documents[0];
  if (!doc) throw new Error('no document');
  const where = { file, node: doc.node, lineCounter: stream.lineCounter };
  return { ks: readFluxKustomization(doc.value as YamlMap, where).kustomization, where };
}

function generatedMap(text: string | undefined): YamlMap {
  return parseYamlStream(text ?? '', { file: 'k.yaml' }).documents[0]?.value as YamlMap;
}

describe('generation when spec.path has no kustomization file', () => {
  const fs = memoryFs({
    '/repo/app/b.yaml': cm('b'),
    '/repo/app/a.yml': cm('a'),
    '/repo/app/notes.json': '{}',
    '/repo/app/README.md': '# x',
    '/repo/app/sub/deep/c.yaml': cm('c'),
    '/repo/app/base/kustomization.yaml': 'resources: [d.yaml]\n',
    '/repo/app/base/d.yaml': cm('d'),
    '/repo/app/base/more/not-descended.yaml': 'values: 1\n',
    '/repo/app/Kustomized/Kustomization': 'resources: []\n',
    '/repo/empty/README.md': 'x',
    '/repo/bad/values.yaml': 'replicaCount: 1\n',
  });
  it('lists .yaml/.yml files recursively, directories with a kustomization once, in lexical order', () => {
    const g = generateKustomization(fs, '/repo/app', fluxKs({}));
    expect(g.ok).toBe(true);
    expect(g.action).toBe('created');
    expect(g.file).toBe('/repo/app/kustomization.yaml');
    expect(generatedMap(g.text)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['./Kustomized', './a.yml', './b.yaml', './base', './sub/deep/c.yaml'],
    });
    // Served through the overlay, not written to the input file system.
    expect(readText(g.fs, '/repo/app/kustomization.yaml')).toBe(g.text);
    expect(fs.stat('/repo/app/kustomization.yaml')).toBeUndefined();
    expect(g.fs.readDir('/repo/app')).toContain('kustomization.yaml');
  });
  it('writes a placeholder namespace when there is nothing to deploy', () => {
    const g = generateKustomization(fs, '/repo/empty', fluxKs({ path: './empty' }));
    expect(generatedMap(g.text)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: '_placeholder',
    });
  });
  it('fails on YAML that is not Kubernetes objects, with the file and position', () => {
    const g = generateKustomization(fs, '/repo/bad', fluxKs({ path: './bad' }));
    expect(g.ok).toBe(false);
    expect(g.diagnostics).toMatchObject([
      { code: 'flux/generate-failed', severity: 'error', file: '/repo/bad/values.yaml', line: 1, column: 1 },
    ]);
    expect(g.diagnostics[0]?.message).toContain(
      'failed to decode Kubernetes YAML from /repo/bad/values.yaml: missing kind in object',
    );
  });
});

describe('Flux fields edit the root kustomization', () => {
  const fs = memoryFs({
    '/repo/app/kustomization.yaml': [
      'namespace: original',
      'namePrefix: base-',
      'resources: [cm.yaml]',
      'components: [../c1]',
      'images:',
      '- name: nginx',
      '  newName: mirror/nginx',
      '  newTag: "1.25"',
      '- name: redis',
      '  digest: sha256:aaa',
      'patches:',
      '- path: p.yaml',
      '',
    ].join('\n'),
    '/repo/app/cm.yaml': cm('x'),
    '/repo/c1/kustomization.yaml': 'kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n',
    '/repo/c2/kustomization.yaml': 'kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n',
  });
  const cases: [name: string, spec: Record<string, unknown>, expected: Record<string, unknown>][] = [
    ['targetNamespace replaces namespace', { targetNamespace: 'team-a' }, { namespace: 'team-a' }],
    [
      'namePrefix and nameSuffix replace',
      { namePrefix: 'dev-', nameSuffix: '-x' },
      { namePrefix: 'dev-', nameSuffix: '-x' },
    ],
    [
      'patches are appended',
      { patches: [{ patch: 'p2', target: { kind: 'Deployment', namespace: 'ns' } }] },
      { patches: [{ path: 'p.yaml' }, { patch: 'p2', target: { kind: 'Deployment', namespace: 'ns' } }] },
    ],
    ['components are appended', { components: ['../c2'] }, { components: ['../c1', '../c2'] }],
    [
      'missing components are dropped with ignoreMissingComponents',
      { components: ['../nope', '../c2'], ignoreMissingComponents: true },
      { components: ['../c1', '../c2'] },
    ],
    ['missing components are kept without it', { components: ['../nope'] }, { components: ['../c1', '../nope'] }],
    [
      'images merge by name: newName kept, newTag replaced',
      { images: [{ name: 'nginx', newTag: '1.27' }] },
      {
        images: [
          { name: 'nginx', newName: 'mirror/nginx', newTag: '1.27' },
          { name: 'redis', digest: 'sha256:aaa' },
        ],
      },
    ],
    [
      'images: a digest replaces the tag (one unit)',
      { images: [{ name: 'nginx', digest: 'sha256:bbb' }] },
      {
        images: [
          { name: 'nginx', newName: 'mirror/nginx', digest: 'sha256:bbb' },
          { name: 'redis', digest: 'sha256:aaa' },
        ],
      },
    ],
    [
      'images: a new name is appended',
      { images: [{ name: 'busybox', newName: 'registry/busybox' }] },
      {
        images: [
          { name: 'nginx', newName: 'mirror/nginx', newTag: '1.25' },
          { name: 'redis', digest: 'sha256:aaa' },
          { name: 'busybox', newName: 'registry/busybox' },
        ],
      },
    ],
    ['buildMetadata replaces', { buildMetadata: ['originAnnotations'] }, { buildMetadata: ['originAnnotations'] }],
    [
      'v1beta2 patchesStrategicMerge are appended to the legacy field',
      { patchesStrategicMerge: [{ kind: 'ConfigMap' }] },
      { patchesStrategicMerge: ['{"kind":"ConfigMap"}'] },
    ],
  ];
  it.each(cases)('%s', (_name, spec, expected) => {
    const g = generateKustomization(fs, '/repo/app', fluxKs(spec));
    expect(g.ok).toBe(true);
    expect(g.action).toBe('edited');
    expect(generatedMap(g.text)).toMatchObject(expected);
  });
  it('leaves a kustomization without Flux overrides untouched', () => {
    const g = generateKustomization(fs, '/repo/app', fluxKs({}));
    expect(g.action).toBe('unchanged');
    expect(g.fs).toBe(fs);
    expect(g.text).toBeUndefined();
  });
  it('refuses remote or absolute components', () => {
    const g = generateKustomization(fs, '/repo/app', fluxKs({ components: ['https://github.com/x/y'] }));
    expect(g.ok).toBe(false);
    expect(g.diagnostics[0]).toMatchObject({ code: 'flux/invalid-component', severity: 'error' });
  });
});

describe('how the controller reads an existing kustomization', () => {
  it('drops unknown fields with a warning (kustomize would fail)', () => {
    const fs = memoryFs({ '/r/kustomization.yaml': 'resources: [a.yaml]\nunknownThing: 1\n', '/r/a.yaml': cm('a') });
    const g = generateKustomization(fs, '/r', fluxKs({}));
    expect(g.action).toBe('edited');
    expect(generatedMap(g.text)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['a.yaml'],
    });
    expect(g.diagnostics).toMatchObject([
      {
        code: 'flux/kustomization-field-dropped',
        severity: 'warning',
        file: '/r/kustomization.yaml',
        line: 2,
        column: 1,
      },
    ]);
  });
  it('adds buildMetadata [originAnnotations] when there are no resources', () => {
    const fs = memoryFs({
      '/r/kustomization.yaml':
        'configMapGenerator:\n- name: x\n  literals: [a=b]\nbuildMetadata: [transformerAnnotations]\n',
    });
    const g = generateKustomization(fs, '/r', fluxKs({}));
    expect(generatedMap(g.text)).toMatchObject({ buildMetadata: ['originAnnotations'] });
  });
  it('edits the file under its own name (Kustomization, kustomization.yml)', () => {
    const fs = memoryFs({ '/r/Kustomization': 'resources: [a.yaml]\n', '/r/a.yaml': cm('a') });
    const g = generateKustomization(fs, '/r', fluxKs({ targetNamespace: 'x' }));
    expect(g.file).toBe('/r/Kustomization');
    expect(readText(g.fs, '/r/Kustomization')).toContain('namespace: x');
  });
  it('maps diagnostics in the generated text back to the Flux Kustomization field that added the entry', () => {
    const { ks, where } = definedAt('/repo/ks.yaml', ['  path: ./r', '  components:', '  - ../missing']);
    const fs = memoryFs({ '/r/kustomization.yaml': 'resources: [a.yaml]\n', '/r/a.yaml': cm('a') });
    const g = generateKustomization(fs, '/r', ks, where);
    const lines = (g.text ?? '').split('\n');
    const line = lines.findIndex((l) => l.includes('../missing')) + 1;
    const d = g.remap({
      code: 'load/missing-file',
      severity: 'error',
      message: 'x',
      file: '/r/kustomization.yaml',
      line,
      column: 3,
    });
    expect(d).toMatchObject({ file: '/repo/ks.yaml', line: 12 });
  });
  it('records the fields an inline spec.patches entry writes at that entry of the Flux Kustomization', () => {
    const { ks, where } = definedAt('/repo/ks.yaml', [
      '  path: ./r',
      '  patches:',
      '    - patch: |',
      '        - op: replace',
      '          path: /data/k',
      '          value: patched',
      '      target: {kind: ConfigMap}',
    ]);
    const fs = memoryFs({
      '/repo/r/kustomization.yaml': 'resources: [a.yaml]\n',
      '/repo/r/a.yaml': `${cm('a')}data:\n  k: v\n`,
    });
    const phase = kustomizeFluxKustomization(ks, { fs, sourceRoot: '/repo', where });
    expect(phase.ok).toBe(true);
    const o = phase.objects[0]?.fieldOrigins?.get('/data/k');
    expect([o?.file, o?.range?.start.line, o?.range?.start.column]).toEqual(['/repo/ks.yaml', 12, 7]);
  });
});

describe('isLocalRelativePath', () => {
  const cases: [string, boolean][] = [
    ['../components/x', true],
    ['components/x', true],
    ['/abs/path', false],
    ['file:///abs', false],
    ['https://github.com/x/y', false],
    ['git::https://x', false],
    ['github.com/x/y', false],
    ['git@github.com:x/y', false],
    ['ssh://git@x/y', false],
  ];
  it.each(cases)('%s → %s', (path, local) => expect(isLocalRelativePath(path)).toBe(local));
});

describe('source artifact view (.sourceignore and default exclusions)', () => {
  const patterns = [
    ...defaultIgnorePatterns(),
    ...readIgnorePatterns('/*\n!/kubernetes\n/kubernetes/**/secrets/\n!/kubernetes/**/secrets/keep.yaml\n*.md\n'),
  ];
  const cases: [path: string, isDir: boolean, ignored: boolean][] = [
    ['docs/x.yaml', false, true],
    ['kubernetes/apps/a.yaml', false, false],
    ['kubernetes/apps/README.md', false, true],
    ['kubernetes/c/secrets/s.yaml', false, true],
    ['kubernetes/c/secrets/keep.yaml', false, false],
    // A later `!/kubernetes` re-includes even what the (lowest-priority) defaults exclude.
    ['kubernetes/.sops.yaml', false, false],
  ];
  it.each(cases)('%s (dir %s) ignored: %s', (path, isDir, ignored) => {
    expect(isIgnored(patterns, path.split('/'), isDir)).toBe(ignored);
  });
  const defaults: [path: string, ignored: boolean][] = [
    ['apps/.sops.yaml', true],
    ['.github/workflows/ci.yaml', true],
    ['apps/logo.png', true],
    ['apps/chart.tar.gz', true],
    ['.gitlab-ci.yml', true],
    ['apps/.gitlab-ci.yml', true],
    ['apps/deploy.yaml', false],
  ];
  it.each(defaults)('default exclusions: %s ignored: %s', (path, ignored) => {
    expect(isIgnored(defaultIgnorePatterns(), path.split('/'), false)).toBe(ignored);
  });
  it('patterns of a nested .sourceignore only apply below it', () => {
    const p = [parseIgnorePattern('*.yaml', ['sub'])];
    expect(isIgnored(p, ['sub', 'a.yaml'], false)).toBe(true);
    expect(isIgnored(p, ['a.yaml'], false)).toBe(false);
  });
  it('hides excluded files and empty directories from the file system', () => {
    const fs = memoryFs({ '/r/a/x.yaml': cm('x'), '/r/a/.sops.yaml': 'creation_rules: []\n', '/r/b/only.md': '#' });
    const view = artifactFs(fs, '/r', [...defaultIgnorePatterns(), ...readIgnorePatterns('*.md')]);
    expect(view.readDir('/r/a').sort()).toEqual(['x.yaml']);
    expect(view.stat('/r/a/.sops.yaml')).toBeUndefined();
    expect(view.stat('/r/b')).toBeUndefined();
    expect(view.readDir('/r').sort()).toEqual(['a']);
  });
});
