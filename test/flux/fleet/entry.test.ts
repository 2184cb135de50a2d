/** Stage "entry": the cluster folder, a FluxInstance, and the Kustomization that syncs the entry folder. */
import { describe, expect, it } from 'vitest';
import { fleetContext } from '../../../src/flux/fleet/context.js';
import { findEntry } from '../../../src/flux/fleet/entry.js';
import { memoryFs, type MemoryFiles } from '../../../src/fs/memory.js';

const ks = (name: string, path: string, extra = ''): string =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef: {kind: GitRepository, name: flux-system}\n${extra}`;

function entryOf(files: MemoryFiles, options: { cluster?: string; fluxInstance?: Record<string, unknown> }) {
  const ctx = fleetContext('/repo', { fs: memoryFs(files), ...options });
  return { ctx, entry: findEntry(ctx) };
}

describe('findEntry', () => {
  it('builds the cluster folder as a made-up flux-system Kustomization', () => {
    const { ctx, entry } = entryOf(
      { '/repo/clusters/dev/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
      { cluster: 'clusters/dev' },
    );
    expect(entry?.synthetic).toBe(true);
    expect(entry?.result.id).toBe('flux-system/flux-system');
    expect(entry?.phase?.objects.map((o) => o.id.name)).toEqual(['a']);
    expect(ctx.result.entry).toEqual({ kind: 'cluster-folder', id: 'flux-system/flux-system', path: './clusters/dev' });
  });

  it('adopts the Kustomization that syncs the cluster folder, reusing the render when it renders the same', () => {
    const { entry } = entryOf(
      { '/repo/clusters/dev/sync.yaml': ks('flux-system', './clusters/dev') },
      { cluster: 'clusters/dev' },
    );
    expect(entry?.synthetic).toBe(false);
    expect(entry?.result.definedIn?.file).toBe('/repo/clusters/dev/sync.yaml');
    expect(entry?.phase?.objects.map((o) => o.id.kind)).toEqual(['Kustomization']);
  });

  it('renders the adopted Kustomization again when its spec changes the output', () => {
    const { entry } = entryOf(
      { '/repo/clusters/dev/sync.yaml': ks('flux-system', './clusters/dev', '  namePrefix: p-\n') },
      { cluster: 'clusters/dev' },
    );
    expect(entry?.phase?.objects.map((o) => o.id.name)).toEqual(['p-flux-system']);
  });

  it('starts from the sync path of a FluxInstance found in the cluster folder', () => {
    const { ctx, entry } = entryOf(
      {
        '/repo/bootstrap/instance.yaml':
          'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux, namespace: flux-system}\nspec:\n  sync: {kind: GitRepository, url: https://example.com/r, path: clusters/prod}\n',
        '/repo/clusters/prod/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prod}\n',
      },
      { cluster: 'bootstrap' },
    );
    expect(ctx.result.entry).toMatchObject({ kind: 'FluxInstance', path: 'clusters/prod' });
    expect(entry?.phase?.objects.map((o) => o.id.name)).toEqual(['prod']);
    expect(entry?.result.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['flux/entry-point', '/repo/bootstrap/instance.yaml', 1],
    ]);
  });

  it('reports a cluster folder that does not exist, or lies outside the flux-system source', () => {
    const missing = entryOf({}, { cluster: 'clusters/none' });
    expect(missing.entry).toBeUndefined();
    expect(missing.ctx.result.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['flux/cluster-not-found', '/repo/clusters/none'],
    ]);
    const outside = fleetContext('/repo', {
      fs: memoryFs({ '/repo/a.yaml': 'x: 1\n', '/elsewhere/c/a.yaml': 'x: 1\n' }),
      cluster: '/elsewhere/c',
    });
    expect(findEntry(outside)).toBeUndefined();
    expect(outside.result.diagnostics[0]?.message).toContain('is not inside the flux-system source /repo');
  });

  it('reports a fluxInstance option that holds no sync', () => {
    const { entry, ctx } = entryOf({}, { fluxInstance: { kind: 'ConfigMap' } });
    expect(entry).toBeUndefined();
    expect(ctx.result.diagnostics.map((d) => d.code)).toEqual(['flux/cluster-not-found']);
  });
});
