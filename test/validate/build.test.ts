/** validate() over build() output: findings point at the file (base or overlay) and line each object came from. */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { validate } from '../../src/api/validate.js';
import { memoryFs } from '../../src/fs/memory.js';
import { dedent } from '../helpers/objects.js';

const files: Record<string, string> = {
  '/repo/base/kustomization.yaml': dedent(`
    resources:
      - deployment.yaml
      - list.yaml
  `),
  '/repo/base/deployment.yaml': dedent(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
            - name: web
              image: nginx
              ports:
                - containerPort: http
  `),
  '/repo/base/list.yaml': dedent(`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok}
        data: {a: "1"}
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: bad}
        data:
          b: 2
  `),
  '/repo/overlays/prod/kustomization.yaml': dedent(`
    namePrefix: prod-
    resources:
      - ../../base
      - service.yaml
  `),
  '/repo/overlays/prod/service.yaml': dedent(`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      type: ClusterIP
      ports:
        - port: 80
          targetPort: http
          protocol: TCP
          nodePort: thirty
  `),
};

describe('validate(build(...).resources)', () => {
  it('reports each finding in the file and at the line the object came from, relative to the root', () => {
    const result = build('/repo/overlays/prod', { fs: memoryFs(files) });
    expect(result.ok).toBe(true);
    const v = validate(result.resources, { root: '/repo' });
    expect(v.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.path}`)).toEqual([
      'base/deployment.yaml:16:30 schema/invalid /spec/template/spec/containers/0/ports/0/containerPort',
      'base/list.yaml:12:10 schema/invalid /data/b',
      'overlays/prod/service.yaml:11:17 schema/invalid /spec/ports/0/nodePort',
    ]);
    expect(v.diagnostics[0]?.message).toBe(
      'Deployment prod-web: /spec/template/spec/containers/0/ports/0/containerPort must be an integer, got string "http"',
    );
    expect(v.stats).toEqual({ objects: 4, valid: 1, invalid: 3, unknown: 0, skipped: 0 });
  });
});
