/**
 * The committed strategic-merge schema table: regenerating it from kustomize's Kubernetes 1.21.2 bundle
 * (../shared, absent on some machines) gives the identical file, and the table answers the questions the
 * merge asks (merge keys, strategies, scopes) as the bundle does.
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';
import { BUNDLE, OUTPUT, generate } from '../scripts/gen-openapi.js';
import { builtinSchema } from '../../src/schema/builtin.js';
import { clusterScopedKinds } from '../../src/resources/cluster-scoped.generated.js';
import { resources } from '../../src/schema/openapi-v1.21.2.generated.js';

const bundlePath = join(sharedDir, BUNDLE);

describe('generated OpenAPI table', () => {
  it.skipIf(!hasShared || !existsSync(bundlePath))(
    hasShared ? 'regenerates identically from the bundle' : sharedSkipReason('regenerating the schema table'),
    () => {
      const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Parameters<typeof generate>[0];
      expect(generate(bundle)).toBe(readFileSync(join(repoRoot, OUTPUT), 'utf8'));
    },
  );

  const lists: [string, string, string[], string, string[]][] = [
    ['containers', 'apps/v1/Deployment', ['spec', 'template', 'spec', 'containers'], 'merge', ['name']],
    ['env', 'apps/v1/Deployment', ['spec', 'template', 'spec', 'containers', '[]', 'env'], 'merge', ['name']],
    ['container ports', 'v1/Pod', ['spec', 'containers', '[]', 'ports'], 'merge', ['containerPort', 'protocol']],
    [
      'volumes',
      'batch/v1/CronJob',
      ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'volumes'],
      'merge,retainKeys',
      ['name'],
    ],
    [
      'volumeMounts',
      'apps/v1/StatefulSet',
      ['spec', 'template', 'spec', 'containers', '[]', 'volumeMounts'],
      'merge',
      ['mountPath'],
    ],
    ['service ports', 'v1/Service', ['spec', 'ports'], 'merge', ['port', 'protocol']],
    ['finalizers', 'v1/Service', ['metadata', 'finalizers'], 'merge', []],
    ['tolerations (none)', 'apps/v1/Deployment', ['spec', 'template', 'spec', 'tolerations'], '', []],
  ];
  it.each(lists)('%s', (_n, type, path, strategy, keys) => {
    const i = type.lastIndexOf('/');
    let node = builtinSchema.lookup(type.slice(0, i), type.slice(i + 1));
    for (const p of path) node = p === '[]' ? node?.elements() : node?.field(p);
    expect(node?.patchStrategy ?? '').toBe(strategy);
    expect(node?.mergeKeys ?? []).toEqual(keys);
  });

  it('knows no custom resources and no API versions after 1.21', () => {
    expect(builtinSchema.lookup('example.com/v1', 'Widget')).toBeUndefined();
    expect(builtinSchema.lookup('autoscaling/v2', 'HorizontalPodAutoscaler')).toBeUndefined();
    expect(builtinSchema.lookup('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toBeDefined();
  });

  it('has the same cluster-scoped kinds as the resource model', () => {
    const cluster = resources
      .filter((r) => r[3] === 2)
      .map((r) => `${r[0]}/${r[1]}`)
      .sort();
    expect(cluster).toEqual([...clusterScopedKinds].sort());
  });
});
