/**
 * The seed example linted end to end: `fixtures/fleet-infra` as the seed intends it reports no error and
 * no warning; `fixtures/fleet-infra-mistakes` (the seed's "common mistakes") reports each mistake at its
 * position. Schema rules included.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { nodeFs } from '../../src/node/index.js';
import { repoRoot } from '../helpers/shared.js';

const lintFixture = (name: string) => lint(join(repoRoot, 'fixtures', name), { fs: nodeFs() });
const shown = (r: ReturnType<typeof lintFixture>, severities: string[]) =>
  r.diagnostics
    .filter((d) => severities.includes(d.severity))
    .map(
      (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.cluster ?? '-'} ${d.kustomization ?? '-'}`,
    );

describe('lint fixtures/fleet-infra', () => {
  const r = lintFixture('fleet-infra');
  it('finds both clusters and renders every Kustomization', () => {
    expect(
      r.clusters.map(
        (c) => `${c.name} ${c.how} ${c.kustomizations.rendered}/${c.kustomizations.failed}/${c.kustomizations.skipped}`,
      ),
    ).toEqual(['clusters/production bootstrap 3/0/0', 'clusters/staging bootstrap 3/0/0']);
    expect(r.standalone).toEqual([]);
  });
  it('reports no error and no warning', () => {
    expect(shown(r, ['error', 'warning'])).toEqual([]);
    expect(r.ok).toBe(true);
  });
  it('infos: healthChecks ignored under wait, production on a branch', () => {
    expect(shown(r, ['info'])).toEqual([
      'clusters/production/apps.yaml:16:3 info flux/health-checks-ignored clusters/production flux-system/apps',
      'clusters/production/flux-system/gotk-sync.yaml:11:13 info source/production-tracks-branch clusters/production -',
      'clusters/staging/apps.yaml:16:3 info flux/health-checks-ignored clusters/staging flux-system/apps',
    ]);
  });
});

describe('lint fixtures/fleet-infra-mistakes', () => {
  const r = lintFixture('fleet-infra-mistakes');
  const errorsAndWarnings = shown(r, ['error', 'warning']);
  const cases: [string, string][] = [
    [
      'missing dependsOn: staging apps use a CRD infrastructure renders',
      'clusters/staging/apps.yaml:6:1 error flux/missing-depends-on clusters/staging flux-system/apps',
    ],
    [
      'forgotten prune: production infrastructure',
      'clusters/production/infrastructure.yaml:6:1 warning flux/prune-disabled clusters/production flux-system/infrastructure',
    ],
    [
      'duplicated manifests: production writes the Deployment out in full',
      'apps/production/deployment.yaml:1:1 warning kustomize/duplicated-manifest - -',
    ],
    ['duplicated manifests: the Service', 'apps/production/service.yaml:1:1 warning kustomize/duplicated-manifest - -'],
    [
      'duplicated manifests: the Certificate',
      'apps/production/certificate.yaml:1:1 warning kustomize/duplicated-manifest - -',
    ],
    [
      'environments sharing a namespace: apps',
      'clusters/staging/apps.yaml:11:9 warning flux/shared-namespace clusters/staging flux-system/apps',
    ],
    [
      'environments sharing a namespace: apps-qa',
      'clusters/staging/apps-qa.yaml:13:9 warning flux/shared-namespace clusters/staging flux-system/apps-qa',
    ],
    [
      'sharing a namespace also makes apps-qa need the Kustomization that creates it',
      'clusters/staging/apps-qa.yaml:8:3 error flux/missing-depends-on clusters/staging flux-system/apps-qa',
    ],
    [
      'the CRD requires prune (schema)',
      'clusters/production/infrastructure.yaml:6:1 error schema/invalid clusters/production flux-system/flux-system',
    ],
  ];
  for (const [name, line] of cases) it(`reports ${name}`, () => expect(errorsAndWarnings).toContain(line));
  it('reports nothing else', () => {
    expect([...errorsAndWarnings].sort()).toEqual(cases.map(([, l]) => l).sort());
    expect(r.ok).toBe(false);
  });
});
