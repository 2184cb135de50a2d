/**
 * validate(): schema rules over inline objects. Each case lists the findings as `rule line:column pointer`
 * (positions 1-based in the case's YAML).
 */
import { describe, expect, it } from 'vitest';
import { validate, type ValidateOptions } from '../../src/api/validate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { dedent, objectsFromYaml } from '../helpers/objects.js';

interface Case {
  yaml: string;
  options?: ValidateOptions;
  /** `rule line:column pointer`, in output order. */
  expect: string[];
  /** Substrings the messages must contain, in the same order. */
  messages?: string[];
}

/** The CRD below, then `rest` (both dedented): the CRD takes lines 1-26 and `---` line 27. */
function withCrd(rest: string): string {
  return `${dedent(CRD)}---\n${dedent(rest)}`;
}

function short(d: Diagnostic): string {
  return `${d.code} ${d.line ?? '-'}:${d.column ?? '-'} ${d.path ?? ''}`.trimEnd();
}

const CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer, minimum: 1}
                mode: {type: string, enum: [fast, safe]}
                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                note: {type: string, nullable: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: string}}}
                tags: {type: array, items: {type: string}}
`;

const cases: Record<string, Case> = {
  'a valid Deployment (int-or-string, quantities, nulls) has no finding': {
    yaml: `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
        creationTimestamp: null
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.27
                ports:
                  - {containerPort: 80, name: http}
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
                  limits: {cpu: 1, memory: 1.5Gi}
                livenessProbe:
                  httpGet: {path: /healthz, port: http}
                env: null
                volumeMounts: ~
      status: {}
    `,
    expect: [],
  },
  'an invalid Deployment: wrong types and missing required fields, each at its field': {
    yaml: `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: three
        template:
          spec:
            containers:
              - image: nginx
                ports:
                  - containerPort: "80"
    `,
    expect: [
      'schema/invalid 5:1 /spec/selector',
      'schema/invalid 6:13 /spec/replicas',
      'schema/invalid 10:11 /spec/template/spec/containers/0/name',
      'schema/invalid 12:30 /spec/template/spec/containers/0/ports/0/containerPort',
    ],
    messages: [
      'Deployment web: /spec/selector missing required field "selector"',
      '/spec/replicas must be an integer, got string "three"',
      'missing required field "name"',
      'must be an integer, got string "80"',
    ],
  },
  'int-or-string accepts integers and strings only': {
    yaml: `
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        strategy:
          rollingUpdate:
            maxSurge: 1.5
            maxUnavailable: true
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx, readinessProbe: {tcpSocket: {port: 8080}}, livenessProbe: {tcpSocket: {port: http}}}]
    `,
    expect: [
      'schema/invalid 8:17 /spec/strategy/rollingUpdate/maxSurge',
      'schema/invalid 9:23 /spec/strategy/rollingUpdate/maxUnavailable',
    ],
    messages: ['must be an integer or a string, got number 1.5', 'must be an integer or a string, got boolean true'],
  },
  'quantities: numbers and quantity strings pass, other strings and booleans fail': {
    yaml: `
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: c
            resources:
              requests: {cpu: 0.5, memory: 1e3, ephemeral-storage: "+1.5E3"}
              limits:
                cpu: 1.2.3
                memory: true
                nvidia.com/gpu: 1
    `,
    expect: [
      'schema/invalid 10:16 /spec/containers/0/resources/limits/cpu',
      'schema/invalid 11:19 /spec/containers/0/resources/limits/memory',
    ],
    messages: [
      'must be a quantity such as 100m, 1.5 or 2Gi, got string "1.2.3"',
      'must be a string or a number, got boolean true',
    ],
  },
  'null: optional fields, list items and map values accept it; required fields do not': {
    yaml: `
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: null
        annotations: {a: null}
      spec:
        selector: null
        revisionHistoryLimit: null
        template:
          spec:
            volumes: null
            containers:
              - name: null
                image: nginx
                args: [null, "--x"]
                resources: null
    `,
    expect: ['schema/invalid 8:13 /spec/selector', 'schema/invalid 14:17 /spec/template/spec/containers/0/name'],
    messages: ['must not be null (the field is required)', 'must be a string, got null'],
  },
  'a custom resource is validated against the CRD rendered with it': {
    yaml: withCrd(`
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: good, namespace: demo}
      spec: {size: 3, mode: fast, port: http, note: null, extra: {anything: [1, 2]}, tags: [a]}
      ---
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: bad, namespace: demo}
      spec:
        size: 0
        mode: turbo
        port: 1.5
        tags: [1]
      ---
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: empty, namespace: demo}
      spec: {}
    `),
    expect: [
      'schema/invalid 37:9 /spec/size',
      'schema/invalid 38:9 /spec/mode',
      'schema/invalid 39:9 /spec/port',
      'schema/invalid 40:10 /spec/tags/0',
      'schema/invalid 45:1 /spec/size',
    ],
    messages: [
      'Widget demo/bad: /spec/size must be >= 1, got integer 0',
      'must be one of "fast", "safe", got string "turbo"',
      'must be an integer or a string, got number 1.5',
      'must be a string, got integer 1',
      'missing required field "size"',
    ],
  },
  'strict mode flags unknown fields of custom resources, except under preserve-unknown-fields': {
    yaml: withCrd(`
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w, namespace: demo, label: {a: b}}
      spec: {size: 1, colour: red, extra: {known: x, other: y}}
    `),
    options: { strict: true },
    expect: ['schema/invalid 30:38 /metadata/label', 'schema/invalid 31:17 /spec/colour'],
    messages: ['unknown field "label" (did you mean "labels"?)', 'unknown field "colour"'],
  },
  'without strict mode unknown fields pass': {
    yaml: withCrd(`
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w, namespace: demo, label: {a: b}}
      spec: {size: 1, colour: red}
    `),
    expect: [],
  },
  'CRDs given in options validate custom resources too': {
    yaml: `
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w}
      spec: {size: big}
    `,
    options: { crds: objectsFromYaml(dedent(CRD)).map((o) => o.object) },
    expect: ['schema/invalid 4:14 /spec/size'],
  },
  'Flux Kustomization v1 with the typo "prun:" (plain mode)': {
    yaml: `
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: apps
        namespace: flux-system
      spec:
        interval: 10m
        prun: true
        path: ./apps
        sourceRef:
          kind: GitRepository
          name: flux-system
    `,
    expect: ['schema/invalid 6:1 /spec/prune'],
    messages: ['Kustomization flux-system/apps: /spec/prune missing required field "prune" (found "prun": a typo?)'],
  },
  'Flux Kustomization v1 with the typo "prun:" (strict mode)': {
    yaml: `
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata: {name: apps, namespace: flux-system}
      spec:
        interval: 10m
        prun: true
        path: ./apps
        sourceRef: {kind: GitRepository, name: flux-system}
    `,
    options: { strict: true },
    expect: ['schema/invalid 4:1 /spec/prune', 'schema/invalid 6:3 /spec/prun'],
    messages: ['missing required field "prune"', 'unknown field "prun" (did you mean "prune"?)'],
  },
  'Flux: a bad interval and an unknown sourceRef kind': {
    yaml: `
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata: {name: apps, namespace: flux-system}
      spec:
        interval: 10 minutes
        prune: true
        sourceRef: {kind: GitRepo, name: flux-system}
    `,
    expect: ['schema/invalid 5:13 /spec/interval', 'schema/invalid 7:21 /spec/sourceRef/kind'],
  },
  'a removed apiVersion is a warning at apiVersion, without an unknown-kind info': {
    yaml: `
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata: {name: old}
    `,
    expect: ['schema/deprecated-api 1:13 /apiVersion'],
    messages: [
      'Ingress old: extensions/v1beta1 Ingress was removed in Kubernetes v1.22.0: use networking.k8s.io/v1 (available since v1.19.0)',
    ],
  },
  'a deprecated (not yet removed) apiVersion for an older target version': {
    yaml: `
      apiVersion: policy/v1beta1
      kind: PodDisruptionBudget
      metadata: {name: pdb}
    `,
    options: { kubernetesVersion: '1.22' },
    expect: ['schema/deprecated-api 1:13 /apiVersion', 'schema/unknown-kind 2:7 /kind'],
    messages: [
      'policy/v1beta1 PodDisruptionBudget is deprecated since Kubernetes v1.21.0 and removed in v1.25.0: use policy/v1',
    ],
  },
  'an unknown kind is an info at kind': {
    yaml: `
      apiVersion: example.com/v1
      kind: Gadget
      metadata: {name: g}
      spec: {anything: true}
    `,
    expect: ['schema/unknown-kind 2:7 /kind'],
    messages: ['Gadget g: no schema for example.com/v1 Gadget'],
  },
  'rule settings turn rules off and change severities': {
    yaml: `
      apiVersion: example.com/v1
      kind: Gadget
      metadata: {name: g}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      data: {a: 1}
    `,
    options: { rules: { 'schema/unknown-kind': 'off', 'schema/invalid': 'warning' } },
    expect: ['schema/invalid 8:11 /data/a'],
  },
  'integers beyond 2^53 (bigint) are integers': {
    yaml: `
      apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        activeDeadlineSeconds: 9223372036854775807
        template:
          spec:
            restartPolicy: Never
            containers: [{name: c, image: busybox}]
    `,
    expect: [],
  },
  'SOPS-encrypted objects are not validated': {
    yaml: `
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data:
        password: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]
      sops:
        mac: ENC[AES256_GCM,data:xyz]
        version: 3.8.1
    `,
    expect: [],
  },
  'Secret data must be base64': {
    yaml: `
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
      data:
        good: aHVudGVyMg==
        wrapped: "aHVudGVy\\naHVudGVy\\n"
        wrappedMidQuad: "aHVudG\\nVyMg==\\n"
        bad: hunter2
      stringData:
        plain: hunter2
    `,
    expect: ['schema/invalid 8:8 /data/bad'],
    messages: ['must be base64-encoded (use stringData for plain text), got string "hunter2"'],
  },
  'values holding a Flux ${VAR} are left to Flux by default': {
    yaml: `
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests: {storage: "\${VOLSYNC_CAPACITY:=5Gi}"}
        volumeMode: \${MODE}
    `,
    expect: [],
  },
  'values holding a Flux ${VAR} are reported with reportUnsubstituted': {
    yaml: `
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: \${REPLICAS}
        selector: {matchLabels: {app: web}}
        template: {spec: {containers: [{name: c, image: i}]}}
    `,
    options: { reportUnsubstituted: true },
    expect: ['schema/invalid 5:13 /spec/replicas'],
    messages: ['must be an integer, got string "${REPLICAS}"'],
  },
  'an object without apiVersion': {
    yaml: `
      kind: ConfigMap
      metadata: {name: c}
    `,
    expect: ['schema/invalid 1:1 /apiVersion'],
    messages: ['ConfigMap c: /apiVersion missing required field "apiVersion"'],
  },
  'positions inside flow collections and list items of a second document': {
    yaml: `
      apiVersion: v1
      kind: Service
      metadata: {name: s}
      spec: {ports: [{port: 80}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: t}
      spec:
        ports:
          - port: 80
          - {port: "443", protocol: TCP, targetPort: https}
    `,
    expect: ['schema/invalid 12:14 /spec/ports/1/port'],
  },
};

describe('validate()', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const result = validate(objectsFromYaml(dedent(c.yaml), '/repo/objects.yaml'), { root: '/repo', ...c.options });
      expect(result.diagnostics.map(short)).toEqual(c.expect);
      for (const d of result.diagnostics) {
        expect(d.file).toBe('objects.yaml');
        expect(d.source).toBe('schema');
      }
      (c.messages ?? []).forEach((m, i) => expect(result.diagnostics[i]?.message).toContain(m));
      expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
    });
  }

  it('severities: invalid is an error, deprecated-api a warning, unknown-kind an info', () => {
    const r = validate(
      objectsFromYaml(
        dedent(`
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
          data: {a: 1}
          ---
          apiVersion: extensions/v1beta1
          kind: Ingress
          metadata: {name: i}
          ---
          apiVersion: example.com/v1
          kind: Gadget
          metadata: {name: g}
        `),
      ),
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['schema/invalid', 'error'],
      ['schema/deprecated-api', 'warning'],
      ['schema/unknown-kind', 'info'],
    ]);
    expect(r.ok).toBe(false);
    expect(r.stats).toEqual({ objects: 3, valid: 0, invalid: 1, unknown: 2, skipped: 0 });
  });

  it('malformed objects and CRDs give findings, never an exception', () => {
    const objects = [
      { apiVersion: 'v1', kind: 5, metadata: [] },
      { apiVersion: ['x'], kind: 'Pod' },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'a.b' },
        spec: { group: 'b', names: { kind: 'A' }, versions: 'v1' },
      },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'c.d' },
        spec: {
          group: 'd',
          names: { kind: 'C' },
          versions: [
            null,
            {
              name: 'v1',
              served: true,
              schema: { openAPIV3Schema: { type: 5, properties: [1], required: 'x', items: [], pattern: '(' } },
            },
            {
              name: 'v2',
              served: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: { a: { pattern: '(?<', type: 'string' }, b: { enum: 'x' } },
                },
              },
            },
          ],
        },
      },
      { apiVersion: 'd/v1', kind: 'C', metadata: { name: 'c' }, anything: 1 },
      { apiVersion: 'd/v2', kind: 'C', metadata: { name: 'c' }, a: 'x' },
      { apiVersion: 'b/v1', kind: 'A', metadata: { name: 'a' } },
    ];
    const r = validate(objects);
    expect(r.stats.objects).toBe(objects.length);
    expect(r.diagnostics.filter((d) => d.path === '/kind' || d.path === '/apiVersion').map((d) => d.code)).toContain(
      'schema/invalid',
    );
  });

  it('accepts plain objects (no positions)', () => {
    const r = validate([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } }]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema/invalid', path: '/data/a' });
    expect(r.diagnostics[0]?.file).toBeUndefined();
  });

  it('points a field a patch wrote at the patch, with the object as related location', () => {
    const [obj] = objectsFromYaml(
      dedent(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: "2"
          selector: {matchLabels: {app: web}}
          template: {spec: {containers: [{name: c, image: i}]}}
      `),
      '/repo/base/deployment.yaml',
    );
    const patchRange = { start: { line: 7, column: 13, offset: 90 }, end: { line: 7, column: 16, offset: 93 } };
    const r = validate(
      [
        {
          ...(obj as NonNullable<typeof obj>),
          fieldOrigins: new Map([
            ['/spec/replicas', { file: '/repo/overlays/prod/patch.yaml', range: patchRange, by: 'PatchTransformer' }],
          ]),
        },
      ],
      { root: '/repo' },
    );
    expect(r.diagnostics.map(short)).toEqual(['schema/invalid 7:13 /spec/replicas']);
    expect(r.diagnostics[0]?.file).toBe('overlays/prod/patch.yaml');
    expect(r.diagnostics[0]?.related?.[0]).toMatchObject({
      file: 'base/deployment.yaml',
      range: { start: { line: 5, column: 13 } },
    });
  });

  it('compiles each schema once: a second call reuses the compiled validators', () => {
    const objs = objectsFromYaml(
      dedent(`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: n}
        spec: {podSelector: {}}
      `),
    );
    const t0 = performance.now();
    validate(objs);
    const first = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) validate(objs);
    const next = (performance.now() - t1) / 20;
    expect(next).toBeLessThan(Math.max(first / 5, 2));
  });
});
