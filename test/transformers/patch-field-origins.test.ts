/**
 * Patches record the fields they write (Resource.fieldOrigins, exposed as RenderedResource.fieldOrigins),
 * so findings on those fields point at the patch: a strategic-merge patch file at the leaf it sets (list
 * items merged by key followed to their merged index), an inline patch and JSON 6902 operations at the
 * `patches` entry.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { validate } from '../../src/api/validate.js';
import { memoryFs } from '../../src/fs/memory.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: sidecar
          image: busybox:1.36
        - name: web
          image: nginx:1.27
`;

function origins(files: Record<string, string>): Record<string, string> {
  const r = build('/r/overlay', {
    fs: memoryFs(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/r/${k}`, v]))),
  });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const fo = r.resources[0]?.fieldOrigins;
  const out: Record<string, string> = {};
  for (const [p, o] of fo ?? [])
    out[p] = `${o.file.replace('/r/', '')}:${o.range?.start.line}:${o.range?.start.column} ${o.by}`;
  return out;
}

const base = { 'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'base/deployment.yaml': deployment };

describe('patch field origins', () => {
  const cases: { name: string; files: Record<string, string>; expected: Record<string, string> }[] = [
    {
      name: 'a strategic-merge patch file: each leaf at its line, list items by merge key (kustomize moves them first)',
      files: {
        ...base,
        'overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
        'overlay/patch.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n',
      },
      expected: {
        '/spec/replicas': 'overlay/patch.yaml:6:13 PatchStrategicMergeTransformer',
        '/spec/template/spec/containers/0/name': 'overlay/patch.yaml:10:17 PatchStrategicMergeTransformer',
        '/spec/template/spec/containers/0/image': 'overlay/patch.yaml:11:18 PatchStrategicMergeTransformer',
      },
    },
    {
      name: 'an inline strategic-merge patch: at the patches entry',
      files: {
        ...base,
        'overlay/kustomization.yaml':
          'resources:\n  - ../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        replicas: 3\n',
      },
      expected: { '/spec/replicas': 'overlay/kustomization.yaml:4:5 PatchStrategicMergeTransformer' },
    },
    {
      name: 'JSON 6902 operations: their paths, at the patches entry (appended items by index)',
      files: {
        ...base,
        'overlay/kustomization.yaml':
          'resources:\n  - ../base\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 2\n      - op: add\n        path: /spec/template/spec/containers/-\n        value: {name: extra, image: redis}\n      - op: remove\n        path: /spec/selector\n',
      },
      expected: {
        '/spec/replicas': 'overlay/kustomization.yaml:4:5 PatchJson6902Transformer',
        '/spec/template/spec/containers/2': 'overlay/kustomization.yaml:4:5 PatchJson6902Transformer',
      },
    },
  ];
  for (const c of cases) it(c.name, () => expect(origins(c.files)).toEqual(c.expected));

  it('a schema finding on a patched value points at the patch, with the object as related location', () => {
    const fs = memoryFs({
      '/r/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      '/r/base/deployment.yaml': deployment,
      '/r/overlay/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n',
      '/r/overlay/patch.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n',
    });
    const r = build('/r/overlay', { fs });
    const v = validate(r.resources, { root: '/r' });
    const d = v.diagnostics.find((x) => x.code === 'schema/invalid');
    expect(d && `${d.file}:${d.line}:${d.column}`).toBe('overlay/patch.yaml:6:13');
    expect(d?.related?.[0]?.file).toBe('base/deployment.yaml');
  });
});
