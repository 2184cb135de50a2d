/** Flux fixture repositories, shared by the flux tests and test/scripts/gen-flux-expected.ts. */
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/shared.js';
import { renderFleet, type FleetResult, type RenderFleetOptions } from '../../src/flux/index.js';
import { nodeFs } from '../../src/node/index.js';

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

/** A Flux Kustomization `flux-system/NAME` building `path` (8 lines), then the `more` lines of its spec. */
export function fluxKsText(name: string, path: string, more: readonly string[] = []): string {
  return [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    `metadata: {name: ${name}, namespace: flux-system}`,
    'spec:',
    '  interval: 10m',
    `  path: ${path}`,
    '  prune: true',
    '  sourceRef: {kind: GitRepository, name: flux-system}',
    ...more,
    '',
  ].join('\n');
}
