/**
 * Lint over the small fleets of the shared corpus (../shared/corpus/fleets): clusters are found, nothing
 * crashes, and the findings judged true in the corpus review are there (test/scripts/lint-corpus.ts prints the
 * full table). Skipped when the shared folder is absent.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { nodeFs } from '../../src/node/index.js';
import { hasShared, sharedDir, sharedSkipReason } from '../helpers/shared.js';

const fleets = join(sharedDir, 'corpus', 'fleets');
const cases: {
  fleet: string;
  clusters: string[];
  findings: string[];
  absent: string[];
  sources?: Record<string, string>;
}[] = [
  {
    fleet: 'fluxcd__flux2-kustomize-helm-example__v1-2025',
    clusters: ['clusters/production', 'clusters/staging'],
    // infra-configs (ClusterIssuers) is a dependency of apps without wait; the flux-system patches target
    // controller Deployments of gotk-components.yaml, a placeholder in this snapshot.
    findings: [
      'clusters/production/infrastructure.yaml:23:1 flux/no-health-checks',
      'clusters/staging/infrastructure.yaml:23:1 flux/no-health-checks',
      'clusters/production/flux-system/kustomization.yaml:17:5 kustomize/patch-no-match',
    ],
    absent: ['flux/missing-depends-on', 'flux/unknown-dependency', 'flux/resource-conflict', 'kustomize/build-error'],
  },
  {
    fleet: 'fluxcd__flux2-kustomize-helm-example__v1beta1-2021',
    clusters: ['clusters/production', 'clusters/staging'],
    findings: [
      'clusters/production/apps.yaml:1:13 flux/deprecated-api',
      'apps/base/podinfo/release.yaml:1:13 flux/deprecated-api',
    ],
    absent: ['flux/unknown-dependency', 'kustomize/build-error'],
  },
  {
    fleet: 'fluxcd__flux2-hub-spoke-example',
    clusters: ['hub'],
    // staging/production Kustomizations apply to the spokes (kubeConfig): no conflict on the hub.
    findings: ['deploy/apps/podinfo.yaml:11:13 flux/deprecated-api'],
    absent: ['flux/resource-conflict', 'flux/unknown-dependency'],
  },
  {
    fleet: 'fluxcd__flux2-multi-tenancy',
    clusters: ['clusters/production', 'clusters/staging'],
    sources: { 'apps/dev-team': '../fluxcd__flux2-multi-tenancy__dev-team' },
    findings: ['tenants/base/dev-team/sync.yaml:10:13 source/production-tracks-branch'],
    absent: ['flux/unknown-source', 'flux/unknown-dependency'],
  },
];

describe.skipIf(!hasShared)(hasShared ? 'lint over corpus fleets' : sharedSkipReason('lint over corpus fleets'), () => {
  for (const c of cases) {
    it(c.fleet, () => {
      const r = lint(join(fleets, c.fleet), { fs: nodeFs(), ...(c.sources ? { sources: c.sources } : {}) });
      expect(r.clusters.map((x) => x.name)).toEqual(c.clusters);
      const shown = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
      for (const f of c.findings) expect(shown).toContain(f);
      for (const rule of c.absent)
        expect(r.diagnostics.filter((d) => d.code === rule).map((d) => d.message)).toEqual([]);
    });
  }
});
