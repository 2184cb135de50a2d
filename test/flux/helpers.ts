/** Flux fixture repositories, shared by the flux tests and test/scripts/gen-flux-expected.ts. */
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/shared.js';
import { renderFleet, type FleetResult, type RenderFleetOptions } from '../../src/flux/index.js';
import { nodeFs } from '../../src/node/index.js';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

/** One fixture repository and the clusters rendered from it. */
export interface FluxFixture {
  name: string;
  root: string;
  clusters: string[];
  sources?: Record<string, string>;
}

/** fixtures/fleet-infra (the lead's example) plus every fixtures/flux-* with its fleet.json. */
export function fluxFixtures(): FluxFixture[] {
  const out: FluxFixture[] = [
    {
      name: 'fleet-infra',
      root: join(repoRoot, 'fixtures/fleet-infra'),
      clusters: ['clusters/staging', 'clusters/production'],
    },
  ];
  for (const e of readdirSync(join(repoRoot, 'fixtures')).sort()) {
    if (!e.startsWith('flux-')) continue;
    const cfgFile = join(repoRoot, 'fixtures', e, 'fleet.json');
    if (!existsSync(cfgFile)) continue;
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as { clusters: string[]; sources?: Record<string, string> };
    const f: FluxFixture = { name: e, root: join(repoRoot, 'fixtures', e), clusters: cfg.clusters };
    if (cfg.sources) f.sources = cfg.sources;
    out.push(f);
  }
  return out;
}

/** `clusters/staging` → `clusters-staging` (a folder name for expected outputs). */
export function clusterSlug(cluster: string): string {
  return cluster.replace(/[\\/]+/g, '-');
}

/** Where the reference output of one Flux Kustomization of a fixture cluster lives (without extension). */
export function expectedBase(fixture: string, cluster: string, id: string): string {
  return join(repoRoot, 'test/flux/expected', fixture, clusterSlug(cluster), id.replace('/', '__'));
}

/** Renders a fixture cluster through the Node file system. */
export function renderFixture(f: FluxFixture, cluster: string, extra: Partial<RenderFleetOptions> = {}): FleetResult {
  return renderFleet(f.root, { fs: nodeFs(), cluster, ...(f.sources ? { sources: f.sources } : {}), ...extra });
}

/**
 * Whether the engine applies kustomization `patches` yet (it is being completed in parallel); tests whose
 * expectations depend on patches skip with a message until it does.
 */
export const enginePatches: boolean = (() => {
  const fs = memoryFs({
    '/p/kustomization.yaml':
      'resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    - op: replace\n      path: /data/a\n      value: patched\n',
    '/p/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n',
  });
  const r = build('/p', { fs });
  const data = r.resources[0]?.object.data as Record<string, unknown> | undefined;
  return r.ok && data?.a === 'patched';
})();

/** Whether the engine runs configMapGenerator yet. */
export const engineGenerators: boolean = (() => {
  const fs = memoryFs({ '/g/kustomization.yaml': 'configMapGenerator:\n- name: x\n  literals: [a=b]\n' });
  const r = build('/g', { fs });
  return r.ok && r.resources.length === 1;
})();
