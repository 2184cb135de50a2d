/** Stage "sources": mapping, `.sourceignore` and `spec.ignore`, emulated ExternalArtifacts. */
import { describe, expect, it } from 'vitest';
import { readArtifactGenerator } from '../../../src/flux/artifacts.js';
import { SourceViews } from '../../../src/flux/fleet/sources.js';
import { readFluxSource } from '../../../src/flux/model.js';
import { memoryFs } from '../../../src/fs/memory.js';
import type { YamlMap } from '../../../src/yaml/values.js';

const files = {
  '/repo/app/cm.yaml': 'kind: ConfigMap\n',
  '/repo/app/logo.png': 'png',
  '/repo/app/skip.yaml': 'kind: Secret\n',
  '/repo/.sourceignore': 'app/skip.yaml\n',
  '/repo/README': 'x\n',
  '/other/cm.yaml': 'kind: ConfigMap\n',
};

describe('SourceViews', () => {
  it('maps flux-system to the root and others by name, namespace/name or Kind/namespace/name', () => {
    const s = new SourceViews(memoryFs(files), '/repo', { 'apps/other': '../other', 'GitRepository/x/y': '/y' });
    expect(s.mappedFolder('GitRepository', 'flux-system', 'flux-system')).toBe('/repo');
    expect(s.mappedFolder('GitRepository', 'apps', 'other')).toBe('/other');
    expect(s.mappedFolder('GitRepository', 'x', 'y')).toBe('/y');
    expect(s.mappedFolder('OCIRepository', 'x', 'y')).toBeUndefined();
    expect(s.isMappedExplicitly('GitRepository', 'flux-system', 'flux-system')).toBe(false);
    expect(s.isMappedExplicitly('GitRepository', 'apps', 'other')).toBe(true);
  });

  it('says why there is no view: unmapped, or mapped to a folder that does not exist', () => {
    const s = new SourceViews(memoryFs(files), '/repo', { gone: '/nowhere' });
    expect(s.view('GitRepository', 'flux-system', 'unknown')).toBe('unmapped');
    expect(s.view('GitRepository', 'flux-system', 'gone')).toBe('missing');
  });

  it('serves a folder through .sourceignore and the default ignore patterns', () => {
    const s = new SourceViews(memoryFs(files), '/repo', {});
    const v = s.view('GitRepository', 'flux-system', 'flux-system');
    if (typeof v === 'string') throw new Error(v);
    expect(v.root).toBe('/repo');
    expect(v.fs.stat('/repo/app/cm.yaml')?.type).toBe('file');
    expect(v.fs.stat('/repo/app/skip.yaml')).toBeUndefined();
    expect(v.fs.stat('/repo/app/logo.png')).toBeUndefined();
  });

  it("uses a rendered source's spec.ignore instead of the default patterns", () => {
    const s = new SourceViews(memoryFs(files), '/repo', {});
    const repo: YamlMap = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { url: 'https://example.com/r', ignore: '/README\n' },
    };
    const src = readFluxSource(repo);
    if (!src) throw new Error('not a source');
    s.addSource(repo, src);
    expect(s.hasSource('GitRepository', 'flux-system', 'flux-system')).toBe(true);
    const v = s.view('GitRepository', 'flux-system', 'flux-system');
    if (typeof v === 'string') throw new Error(v);
    expect(v.fs.stat('/repo/README')).toBeUndefined();
    expect(v.fs.stat('/repo/app/logo.png')?.type).toBe('file');
  });

  it('emulates an ExternalArtifact once an ArtifactGenerator producing it is known', () => {
    const s = new SourceViews(memoryFs(files), '/repo', {});
    expect(s.view('ExternalArtifact', 'flux-system', 'app')).toBe('unmapped');
    const gen = readArtifactGenerator({
      apiVersion: 'source.extensions.fluxcd.io/v1beta1',
      kind: 'ArtifactGenerator',
      metadata: { name: 'gen', namespace: 'flux-system' },
      spec: {
        sources: [{ alias: 'repo', kind: 'GitRepository', name: 'flux-system' }],
        artifacts: [{ name: 'app', copy: [{ from: '@repo/app/cm.yaml', to: '@artifact/' }] }],
      },
    });
    if (!gen) throw new Error('not a generator');
    s.addGenerator(gen);
    const v = s.view('ExternalArtifact', 'flux-system', 'app');
    if (typeof v === 'string') throw new Error(v);
    expect(v.ok).toBe(true);
    expect(v.fs.readDir(v.root)).toEqual(['cm.yaml']);
    expect(v.origins?.get(`${v.root}/cm.yaml`)).toBe('/repo/app/cm.yaml');
  });
});
