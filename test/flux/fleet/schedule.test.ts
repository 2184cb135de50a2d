/**
 * Stage "schedule": breadth-first order, `substituteFrom` deferral, waiting for ExternalArtifacts, children
 * discovered in outputs, conflicting definitions; and the cluster's objects `substituteFrom` reads.
 */
import { describe, expect, it } from 'vitest';
import { ClusterObjects } from '../../../src/flux/fleet/cluster-objects.js';
import { renderFleet, type FleetProgress } from '../../../src/flux/fleet/index.js';
import { memoryFs, type MemoryFiles } from '../../../src/fs/memory.js';
import { fluxKsText } from '../helpers.js';

const ks = (name: string, path: string, spec = ''): string => fluxKsText(name, path, [spec]);

const cm = (name: string, data: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: flux-system}\ndata:\n  ${data}\n`;

function render(files: MemoryFiles, progress?: FleetProgress[]) {
  return renderFleet('/repo', {
    fs: memoryFs(files),
    cluster: 'c',
    ...(progress ? { onProgress: (p: FleetProgress) => progress.push(p) } : {}),
  });
}

describe('FleetSchedule', () => {
  it('defers a Kustomization until the ConfigMap it substitutes from is rendered, then post-builds it', () => {
    const progress: FleetProgress[] = [];
    const r = render(
      {
        '/repo/c/a.yaml': ks('a', './a', '  postBuild:\n    substituteFrom: [{kind: ConfigMap, name: vars}]'),
        '/repo/c/b.yaml': ks('b', './b'),
        '/repo/a/cm.yaml': cm('app', 'env: ${ENV}'),
        '/repo/b/vars.yaml': cm('vars', 'ENV: prod'),
      },
      progress,
    );
    expect(r.kustomizations.map((k) => k.id)).toEqual(['flux-system/flux-system', 'flux-system/a', 'flux-system/b']);
    expect(progress.map((p) => p.current)).toEqual(['flux-system/flux-system', 'flux-system/b', 'flux-system/a']);
    const a = r.kustomizations.find((k) => k.id === 'flux-system/a');
    expect(a?.objects[0]?.object.data).toEqual({ env: 'prod' });
    expect(a?.status).toBe('rendered');
  });

  it('post-builds a deferred Kustomization whose source never appears, with the missing-object fact', () => {
    const r = render({
      '/repo/c/a.yaml': ks('a', './a', '  postBuild:\n    substituteFrom: [{kind: Secret, name: none}]'),
      '/repo/a/cm.yaml': cm('app', 'x: y'),
    });
    const a = r.kustomizations.find((k) => k.id === 'flux-system/a');
    expect(a?.status).toBe('failed');
    expect(a?.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['flux/substitute-from-missing', '/spec/postBuild/substituteFrom/0'],
    ]);
  });

  it('waits for the ArtifactGenerator of an ExternalArtifact rendered later', () => {
    const r = render({
      '/repo/c/a.yaml': ks('a', './').replace(
        'kind: GitRepository, name: flux-system',
        'kind: ExternalArtifact, name: app',
      ),
      '/repo/c/gen.yaml': ks('gen', './gen'),
      '/repo/gen/generator.yaml': [
        'apiVersion: source.extensions.fluxcd.io/v1beta1',
        'kind: ArtifactGenerator',
        'metadata: {name: gen, namespace: flux-system}',
        'spec:',
        '  sources: [{alias: repo, kind: GitRepository, name: flux-system}]',
        '  artifacts: [{name: app, copy: [{from: "@repo/app/**", to: "@artifact/"}]}]',
      ].join('\n'),
      '/repo/app/cm.yaml': cm('from-artifact', 'x: y'),
    });
    const a = r.kustomizations.find((k) => k.id === 'flux-system/a');
    expect(a?.status).toBe('rendered');
    expect(a?.objects.map((o) => [o.id.name, o.origin.file])).toEqual([['from-artifact', '/repo/app/cm.yaml']]);
  });

  it('reports an ExternalArtifact nothing generates as unmapped once nothing else can run', () => {
    const r = render({
      '/repo/c/a.yaml': ks('a', './').replace(
        'kind: GitRepository, name: flux-system',
        'kind: ExternalArtifact, name: x',
      ),
    });
    const a = r.kustomizations.find((k) => k.id === 'flux-system/a');
    expect(a?.status).toBe('skipped');
    expect(a?.source.unavailable).toBe('unmapped');
  });

  it('keeps the first of two different definitions and reports the second, with the first as related', () => {
    const r = render({
      '/repo/c/a.yaml': ks('a', './one'),
      '/repo/c/b.yaml': ks('b', './two'),
      '/repo/one/x.yaml': ks('x', './p'),
      '/repo/two/x.yaml': ks('x', './q'),
      '/repo/p/cm.yaml': cm('p', 'a: b'),
      '/repo/q/cm.yaml': cm('q', 'a: b'),
    });
    expect(r.kustomizations.find((k) => k.id === 'flux-system/x')?.path).toBe('./p');
    expect(r.diagnostics.map((d) => [d.code, d.file, d.related?.[0]?.file])).toEqual([
      ['flux/duplicate-kustomization', '/repo/two/x.yaml', '/repo/one/x.yaml'],
    ]);
  });
});

describe('ClusterObjects', () => {
  it('knows the given objects (namespace defaulted) and the first rendering of each', () => {
    const objects = new ClusterObjects([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }]);
    expect(objects.get('Secret', 'default', 's')?.renderedBy).toBeUndefined();
    objects.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } }, {}, 'n/first');
    objects.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } }, {}, 'n/second');
    objects.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'c', namespace: 'n' } }, {}, 'n/first');
    expect(objects.get('ConfigMap', 'n', 'c')?.renderedBy).toBe('n/first');
    expect(objects.get('Service', 'n', 'c')).toBeUndefined();
  });
});
