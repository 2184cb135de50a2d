/**
 * A pool of Kubernetes objects for generated trees: workloads that reference ConfigMaps, Secrets,
 * ServiceAccounts and claims by name, Services and Ingresses that point at them, RBAC objects, a CRD
 * and custom objects, so that name references, selectors and label/namespace field specs all have
 * something to act on. Values are varied (numbers, booleans, nulls, multi-line strings, odd keys).
 */
import type { Rng } from '../rng.js';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
export type Obj = { [k: string]: Value };

/** Scalars whose YAML form is interesting: number-like, bool-like, null-like, timestamps, multi-line. */
export const TRICKY_STRINGS = [
  'plain text',
  '',
  ' leading space',
  'trailing space ',
  'a: b',
  'a #b',
  '#hash',
  '- dash',
  '@at',
  '`tick',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '1e3',
  '1.0',
  '.5',
  '+1',
  '-0',
  '.inf',
  '.NaN',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'True',
  'FALSE',
  '~',
  'null',
  'Null',
  '<<',
  '=',
  '2001-12-14t21:59:43.10-05:00',
  '2002-12-14',
  '2001-12-14 21:59:43.10',
  '12:30:45',
  '1:20',
  'line one\nline two',
  'line one\nline two\n',
  'trailing\n\n',
  '\nleading newline',
  'tab\there',
  'ünïcödé',
  'emoji 😀',
  'quote " and \' both',
  'back\\slash',
  'very long '.repeat(12).trim(),
  '{not: a map}',
  '[not, a, list]',
  '*notalias',
  '&notanchor',
  '!notag',
  '%percent',
  '|pipe',
  '>gt',
  "'single'",
  '"double"',
];

export const TRICKY_NUMBERS: Value[] = [
  0,
  1,
  -1,
  3,
  80,
  8080,
  1.5,
  0.1,
  1e21,
  1e-7,
  2.5e6,
  2 ** 53,
  1.2345678901234567e19,
];

/** A scalar's text (a string value of the same look). */
function scalarText(v: Value): string {
  return v === null || typeof v === 'object' ? '' : String(v);
}

function pickScalar(rng: Rng): Value {
  return rng.weighted<() => Value>([
    [6, () => rng.pick(TRICKY_STRINGS)],
    [2, () => rng.pick(TRICKY_NUMBERS)],
    [1, () => rng.chance(0.5)],
    [1, () => null],
  ])();
}

/** A label value kubernetes would accept most of the time, sometimes not. */
function labelValue(rng: Rng): Value {
  return rng.weighted<() => Value>([
    [8, () => rng.pick(['web', 'api', 'v1', 'prod', 'team-a', 'x'])],
    [2, () => rng.pick(['1', '2.0', 'true', 'yes', '0x10', '~', '', 'null', '007'])],
    [1, () => rng.pick([1, 2.5, true, null])],
  ])();
}

export interface PoolOptions {
  /** Base name shared by the objects of one tree (`app`, `web`, ...). */
  app: string;
}

function labels(rng: Rng, app: string): Obj {
  const l: Obj = { app };
  if (rng.chance(0.3)) l.tier = labelValue(rng);
  if (rng.chance(0.15)) l['app.kubernetes.io/name'] = app;
  return l;
}

function container(rng: Rng, o: PoolOptions): Obj {
  const c: Obj = {
    name: rng.pick([o.app, 'main', 'sidecar']),
    image: rng.pick([
      'nginx',
      'nginx:1.25',
      'busybox:latest',
      'registry.example.com/team/app:v1',
      'redis@sha256:' + 'a'.repeat(64),
    ]),
  };
  if (rng.chance(0.4)) c.ports = [{ containerPort: rng.pick<Value>([80, 8080, '8080', 443]), name: 'http' }];
  if (rng.chance(0.4)) {
    c.env = [
      { name: 'MODE', value: pickScalar(rng) },
      ...(rng.chance(0.5)
        ? [{ name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: `${o.app}-config`, key: 'k' } } }]
        : []),
      ...(rng.chance(0.3)
        ? [{ name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: `${o.app}-secret`, key: 'password' } } }]
        : []),
    ];
  }
  if (rng.chance(0.3)) c.envFrom = [{ configMapRef: { name: `${o.app}-config` } }];
  if (rng.chance(0.2)) c.args = ['--flag', pickScalar(rng), '$(MODE)'];
  if (rng.chance(0.2)) c.resources = { limits: { cpu: rng.pick<Value>(['100m', 1, '0.5', 0.5]), memory: '128Mi' } };
  if (rng.chance(0.15)) c.command = ['sh', '-c', rng.pick(['echo hi', 'echo "a: b"\nsleep 1\n', 'exit 0'])];
  return c;
}

function podSpec(rng: Rng, o: PoolOptions): Obj {
  const spec: Obj = { containers: [container(rng, o)] };
  if (rng.chance(0.2)) (spec.containers as Value[]).push(container(rng, o));
  if (rng.chance(0.25)) spec.initContainers = [container(rng, o)];
  if (rng.chance(0.3)) spec.serviceAccountName = `${o.app}-sa`;
  if (rng.chance(0.4)) {
    spec.volumes = [
      { name: 'config', configMap: { name: `${o.app}-config` } },
      ...(rng.chance(0.5) ? [{ name: 'secret', secret: { secretName: `${o.app}-secret` } }] : []),
      ...(rng.chance(0.3) ? [{ name: 'data', persistentVolumeClaim: { claimName: `${o.app}-data` } }] : []),
    ];
  }
  if (rng.chance(0.1)) spec.imagePullSecrets = [{ name: `${o.app}-secret` }];
  if (rng.chance(0.1)) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  return spec;
}

function meta(rng: Rng, name: string, app: string): Obj {
  const m: Obj = { name };
  if (rng.chance(0.3)) m.labels = labels(rng, app);
  if (rng.chance(0.2))
    m.annotations = { note: pickScalar(rng), ...(rng.chance(0.3) ? { 'example.com/n': pickScalar(rng) } : {}) };
  if (rng.chance(0.15)) m.namespace = rng.pick(['default', 'team-a', 'kube-system']);
  return m;
}

const MAKERS: Record<string, (rng: Rng, o: PoolOptions) => Obj> = {
  Deployment: (rng, o) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(rng, o.app, o.app),
    spec: {
      replicas: rng.pick<Value>([1, 3, 0, '2']),
      selector: { matchLabels: { app: o.app } },
      template: { metadata: { labels: { app: o.app } }, spec: podSpec(rng, o) },
    },
  }),
  StatefulSet: (rng, o) => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(rng, `${o.app}-db`, o.app),
    spec: {
      serviceName: o.app,
      selector: { matchLabels: { app: o.app } },
      template: { metadata: { labels: { app: o.app } }, spec: podSpec(rng, o) },
      ...(rng.chance(0.5)
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
              },
            ],
          }
        : {}),
    },
  }),
  CronJob: (rng, o) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(rng, `${o.app}-job`, o.app),
    spec: {
      schedule: rng.pick(['*/5 * * * *', '@hourly', '0 0 * * *']),
      jobTemplate: { spec: { template: { spec: { ...podSpec(rng, o), restartPolicy: 'OnFailure' } } } },
    },
  }),
  Service: (rng, o) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(rng, o.app, o.app),
    spec: {
      selector: { app: o.app },
      ports: [{ port: rng.pick<Value>([80, 443, '8080']), targetPort: rng.pick<Value>([8080, 'http']) }],
    },
  }),
  ConfigMap: (rng, o) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(rng, `${o.app}-config`, o.app),
    data: Object.fromEntries(
      Array.from({ length: rng.range(1, 4) }, (_, i) => [
        rng.pick(['k', 'key', `key${i}`, 'app.properties', 'config.yaml', 'a.b', '1', 'yes']),
        rng.chance(0.8) ? scalarText(pickScalar(rng)) : pickScalar(rng),
      ]),
    ),
  }),
  Secret: (rng, o) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(rng, `${o.app}-secret`, o.app),
    type: 'Opaque',
    ...(rng.chance(0.5)
      ? { data: { password: rng.pick(['cGFzc3dvcmQ=', 'YWJj', 'eA==']) } }
      : { stringData: { password: scalarText(pickScalar(rng)) || 'x' } }),
  }),
  ServiceAccount: (rng, o) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(rng, `${o.app}-sa`, o.app) }),
  PersistentVolumeClaim: (rng, o) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(rng, `${o.app}-data`, o.app),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: rng.pick(['1Gi', '500Mi']) } } },
  }),
  Role: (rng, o) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta(rng, `${o.app}-role`, o.app),
    rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [`${o.app}-config`], verbs: ['get'] }],
  }),
  RoleBinding: (rng, o) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(rng, `${o.app}-rb`, o.app),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${o.app}-role` },
    subjects: [{ kind: 'ServiceAccount', name: `${o.app}-sa`, ...(rng.chance(0.5) ? { namespace: 'default' } : {}) }],
  }),
  ClusterRoleBinding: (rng, o) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `${o.app}-crb` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'ServiceAccount', name: `${o.app}-sa`, namespace: rng.pick(['default', 'team-a']) }],
  }),
  Ingress: (rng, o) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(rng, o.app, o.app),
    spec: {
      rules: [
        {
          host: 'example.com',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: o.app, port: { number: 80 } } } }],
          },
        },
      ],
      ...(rng.chance(0.3) ? { tls: [{ hosts: ['example.com'], secretName: `${o.app}-secret` }] } : {}),
    },
  }),
  HorizontalPodAutoscaler: (rng, o) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(rng, o.app, o.app),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.app },
      minReplicas: 1,
      maxReplicas: rng.pick<Value>([3, 10]),
    },
  }),
  PodDisruptionBudget: (rng, o) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(rng, o.app, o.app),
    spec: { minAvailable: rng.pick<Value>([1, '50%']), selector: { matchLabels: { app: o.app } } },
  }),
  NetworkPolicy: (rng, o) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(rng, o.app, o.app),
    spec: {
      podSelector: { matchLabels: { app: o.app } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'other' } } }] }],
    },
  }),
  Namespace: (rng) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: rng.pick(['team-a', 'prod']) } }),
  CustomResourceDefinition: (rng) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: rng.pick(['Namespaced', 'Cluster']),
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: rng.pick([
                'A widget.',
                'A widget\nwith a long description that spans lines.',
                'Widget: "quoted" text',
              ]),
              properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            },
          },
        },
      ],
    },
  }),
  Widget: (rng, o) => ({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: meta(rng, `${o.app}-widget`, o.app),
    spec: { size: pickScalar(rng), ref: { name: `${o.app}-config` }, list: [pickScalar(rng), pickScalar(rng)] },
  }),
  List: (rng, o) => ({
    apiVersion: 'v1',
    kind: rng.pick(['List', 'ConfigMapList']),
    items: [MAKERS.ConfigMap?.(rng, { app: `${o.app}-listed` }) ?? null],
  }),
};

export const KINDS = Object.keys(MAKERS);

/** One object of `kind`. */
export function makeObject(kind: string, rng: Rng, o: PoolOptions): Obj {
  const make = MAKERS[kind];
  if (!make) throw new Error(`no maker for ${kind}`);
  return make(rng, o);
}

/** A random set of objects (distinct kinds) for one tree. */
export function makeObjects(rng: Rng, o: PoolOptions, count: number): Obj[] {
  const common = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount'];
  const kinds = new Set<string>();
  while (kinds.size < count) kinds.add(rng.chance(0.6) ? rng.pick(common) : rng.pick(KINDS));
  return [...kinds].map((k) => makeObject(k, rng, o));
}
