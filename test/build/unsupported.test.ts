/**
 * What kustomize-ts does not run (helm, exec/Go/KRM-function plugins, validators, remote bases): one clear
 * error diagnostic each, with the kustomization file and the line of the field — never a crash or a silent
 * drop.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

const cases: { name: string; kustomization: string; files?: Record<string, string>; message: RegExp; line: number }[] =
  [
    {
      name: 'helmCharts',
      kustomization:
        'resources:\n- cm.yaml\nhelmCharts:\n- name: podinfo\n  repo: https://stefanprodan.github.io/podinfo\n',
      message: /helm/i,
      line: 3,
    },
    {
      name: 'helmChartInflationGenerator (deprecated form)',
      kustomization: 'resources:\n- cm.yaml\nhelmChartInflationGenerator:\n- chartName: podinfo\n',
      message: /helm/i,
      line: 3,
    },
    {
      name: 'an exec/Go transformer plugin',
      kustomization: 'resources:\n- cm.yaml\ntransformers:\n- plugin.yaml\n',
      files: { 'plugin.yaml': 'apiVersion: someteam.example.com/v1\nkind: ChartInflator\nmetadata:\n  name: x\n' },
      message: /external plugin/,
      line: 3,
    },
    {
      name: 'a KRM-function (container) generator',
      kustomization: 'resources:\n- cm.yaml\ngenerators:\n- fn.yaml\n',
      files: {
        'fn.yaml':
          'apiVersion: example.com/v1\nkind: Render\nmetadata:\n  name: fn\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: example/render:v1\n',
      },
      message: /external plugin/,
      line: 3,
    },
    {
      name: 'validators',
      kustomization: 'resources:\n- cm.yaml\nvalidators:\n- validator.yaml\n',
      files: { 'validator.yaml': 'apiVersion: example.com/v1\nkind: Check\nmetadata:\n  name: v\n' },
      message: /validator|external plugin/,
      line: 3,
    },
    {
      name: 'a remote base without a remoteLoader',
      kustomization:
        'resources:\n- cm.yaml\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.6.0\n',
      message: /remote/,
      line: 3,
    },
  ];

describe('unsupported features give one diagnostic', () => {
  for (const c of cases) {
    it(c.name, () => {
      const files: Record<string, string> = { '/k/kustomization.yaml': c.kustomization, '/k/cm.yaml': cm };
      for (const [p, t] of Object.entries(c.files ?? {})) files[`/k/${p}`] = t;
      const r = build('/k', { fs: memoryFs(files) });
      expect(r.ok).toBe(false);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(c.message);
      expect(errors[0]?.file).toBe('/k/kustomization.yaml');
      expect(errors[0]?.line).toBe(c.line);
    });
  }

  it('a remote base is built from what the remoteLoader supplies', () => {
    const url = 'https://github.com/example/base//app?ref=v1';
    const remote = memoryFs({
      '/repo/app/kustomization.yaml': 'resources:\n- cm.yaml\n',
      '/repo/app/cm.yaml': cm.replace('name: x', 'name: remote'),
    });
    const r = build('/k', {
      fs: memoryFs({ '/k/kustomization.yaml': `namePrefix: p-\nresources:\n- ${url}\n` }),
      remoteLoader: (u, as) =>
        u === url && as === 'repo' ? { fs: remote, path: '/repo/app', repoRoot: '/repo' } : undefined,
    });
    expect(r.ok).toBe(true);
    expect(r.resources.map((x) => x.id.name)).toEqual(['p-remote']);
  });
});
