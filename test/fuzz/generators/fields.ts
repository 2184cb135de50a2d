/**
 * Random kustomization fields (fast-check arbitraries): any combination of the transformers and
 * generators kustomize runs, with values aimed at the objects of resources.ts (names, kinds and field
 * paths that exist, and some that do not).
 */
import fc from 'fast-check';
import type { Obj, Value } from './resources.js';

const names = (app: string): string[] => [
  app,
  `${app}-config`,
  `${app}-secret`,
  `${app}-sa`,
  `${app}-db`,
  `${app}-role`,
  'missing',
];
const KINDS = [
  'Deployment',
  'Service',
  'ConfigMap',
  'Secret',
  'StatefulSet',
  'CronJob',
  'Widget',
  'Ingress',
  'ServiceAccount',
];
const labelKey = fc.constantFrom('app', 'env', 'team', 'app.kubernetes.io/part-of', 'example.com/x', 'tier');
/** Label and annotation values: strings, some number- or bool-like. */
const labelVal: fc.Arbitrary<Value> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('prod', 'dev', 'web', 'a-b', 'v1') },
  { weight: 10, arbitrary: fc.constantFrom('1', '2.0', 'true', 'yes', '~', '', 'null', '0x10', '1e3', '007', 'y') },
);
const labelMap = fc.dictionary(labelKey, labelVal, { minKeys: 1, maxKeys: 3 });

const FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels.app',
  'metadata.annotations.note',
  'metadata.annotations',
  'metadata.labels',
  'spec.replicas',
  'spec.template.spec.containers.0.image',
  'spec.template.spec.containers.[name=main].image',
  'spec.template.spec.containers.*.env.[name=MODE].value',
  'spec.selector.matchLabels',
  'data.k',
  'data',
  'spec.ports.0.port',
  'spec.size',
  'spec.new.field',
];

function target(app: string): fc.Arbitrary<Obj> {
  return fc
    .record(
      {
        kind: fc.constantFrom(...KINDS),
        name: fc.constantFrom(...names(app), `${app}.*`, '.*'),
        labelSelector: fc.constantFrom('app=' + app, 'app', 'app in (web,api)', '!app'),
        annotationSelector: fc.constantFrom('note', 'note=x'),
        group: fc.constantFrom('apps', '', 'example.com'),
        version: fc.constantFrom('v1'),
      },
      { requiredKeys: [] },
    )
    .map((t) => t as Obj);
}

function smpPatch(app: string): fc.Arbitrary<Obj> {
  return fc
    .record({
      kind: fc.constantFrom(...KINDS),
      name: fc.constantFrom(...names(app)),
      body: fc.constantFrom<Obj>(
        { metadata: { labels: { patched: 'yes' } } },
        { metadata: { annotations: { patched: 'true' } } },
        { metadata: { annotations: null } },
        { metadata: { labels: null } },
        { spec: { replicas: 5 } },
        { spec: { template: { spec: { containers: [{ name: 'main', image: 'patched:1' }] } } } },
        { spec: { template: { spec: { containers: [{ name: app, $patch: 'delete' }] } } } },
        { data: { k: 'patched', extra: '1' } },
        { data: { k: null } },
        { $patch: 'delete' },
        { $patch: 'replace', data: { only: 'this' } },
        { spec: { template: { metadata: { labels: { added: 'x' } } } } },
        { spec: { selector: { matchLabels: { app: 'other' } } } },
        { metadata: { name: 'renamed' } },
      ),
      withApi: fc.boolean(),
    })
    .map(({ kind, name, body, withApi }) => ({
      ...(withApi
        ? {
            apiVersion:
              kind === 'Deployment' || kind === 'StatefulSet' ? 'apps/v1' : kind === 'Widget' ? 'example.com/v1' : 'v1',
          }
        : {}),
      kind,
      metadata: { name, ...((body.metadata as Obj | undefined) ?? {}) },
      ...Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'metadata')),
    }));
}

const jsonOp: fc.Arbitrary<Obj> = fc.oneof(
  fc.record({
    op: fc.constant('add'),
    path: fc.constantFrom(
      '/metadata/labels/x',
      '/metadata/annotations',
      '/spec/replicas',
      '/data/new',
      '/metadata/annotations/a~1b',
      '/spec/template/spec/containers/-',
    ),
    value: fc.constantFrom<Value>('v', 3, { a: 'b' }, null, [1]),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constantFrom('/metadata/name', '/spec/replicas', '/metadata/annotations', '/metadata/labels', '/data', ''),
    value: fc.constantFrom<Value>('new-name', 7, { k: 'v' }, {}),
  }),
  fc.record({
    op: fc.constant('remove'),
    path: fc.constantFrom(
      '/metadata/annotations',
      '/metadata/labels',
      '/spec/replicas',
      '/data/k',
      '/metadata/namespace',
    ),
  }),
  fc.record({
    op: fc.constantFrom('copy', 'move'),
    from: fc.constantFrom('/metadata/name', '/data/k'),
    path: fc.constantFrom('/metadata/labels/copied', '/data/copied'),
  }),
  fc.record({
    op: fc.constant('test'),
    path: fc.constantFrom('/metadata/name', '/spec/replicas'),
    value: fc.constantFrom<Value>('web', 1, '1'),
  }),
);

function replacement(app: string): fc.Arbitrary<Obj> {
  const src = fc.record(
    {
      kind: fc.constantFrom(...KINDS),
      name: fc.constantFrom(...names(app)),
      fieldPath: fc.constantFrom(...FIELD_PATHS),
    },
    { requiredKeys: ['kind'] },
  );
  const options = fc.record(
    { delimiter: fc.constantFrom('-', '.', '/'), index: fc.integer({ min: -1, max: 2 }), create: fc.boolean() },
    { requiredKeys: [] },
  );
  const tgt = fc.record(
    {
      select: target(app),
      fieldPaths: fc.array(fc.constantFrom(...FIELD_PATHS), { minLength: 1, maxLength: 2 }),
      options,
      reject: fc.array(target(app), { maxLength: 1 }),
    },
    { requiredKeys: ['select'] },
  );
  return fc
    .record({
      source: src,
      targets: fc.array(tgt, { minLength: 1, maxLength: 2 }),
      sourceValue: fc.option(fc.constantFrom('', 'x', '1', 'true')),
    })
    .map(
      ({ source, targets, sourceValue }) =>
        (sourceValue !== null ? { sourceValue, targets } : { source, targets }) as Obj,
    );
}

function generator(kind: 'configMapGenerator' | 'secretGenerator', app: string): fc.Arbitrary<Obj> {
  return fc
    .record(
      {
        name: fc.constantFrom(`${app}-config`, `${app}-secret`, 'gen', `${app}-gen`),
        behavior: fc.constantFrom('create', 'create', 'create', 'merge', 'replace'),
        literals: fc.uniqueArray(
          fc.constantFrom('k=v', 'k=', 'a=1', 'b=yes', 'c=x=y', 'multi=line\\nline', 'quoted="q"', 'sp= spaced '),
          { minLength: 1, maxLength: 3, selector: (l) => l.split('=')[0] },
        ),
        files: fc.array(fc.constantFrom('file.txt', 'named=file.txt', 'app.properties'), { maxLength: 2 }),
        envs: fc.array(fc.constantFrom('vars.env'), { maxLength: 1 }),
        options: fc.record(
          { disableNameSuffixHash: fc.boolean(), labels: labelMap, annotations: labelMap, immutable: fc.boolean() },
          { requiredKeys: [] },
        ),
        type: fc.constantFrom('Opaque', 'kubernetes.io/tls'),
      },
      { requiredKeys: ['name'] },
    )
    .map((g) => {
      const o = g as Obj;
      if (kind === 'configMapGenerator') delete o.type;
      if (Array.isArray(o.files) && o.files.length === 0) delete o.files;
      if (Array.isArray(o.envs) && o.envs.length === 0) delete o.envs;
      return o;
    });
}

/** Kustomization fields for a tree whose objects are named after `app` (any subset, possibly none). */
export function kustomizationFields(app: string): fc.Arbitrary<Obj> {
  return fc
    .record(
      {
        namePrefix: fc.constantFrom('p-', 'pre-', '1', 'a.'),
        nameSuffix: fc.constantFrom('-s', '-v2', '.x'),
        namespace: fc.constantFrom('ns', 'team-a', 'default', 'kube-system'),
        commonLabels: labelMap,
        commonAnnotations: labelMap,
        labels: fc.array(
          fc.record(
            {
              pairs: labelMap,
              includeSelectors: fc.boolean(),
              includeTemplates: fc.boolean(),
              fields: fc.array(
                fc.record(
                  {
                    path: fc.constantFrom('spec/selector', 'metadata/labels', 'spec/template/metadata/labels'),
                    kind: fc.constantFrom(...KINDS),
                    create: fc.boolean(),
                  },
                  { requiredKeys: ['path'] },
                ),
                { maxLength: 1 },
              ),
            },
            { requiredKeys: ['pairs'] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
        images: fc.array(
          fc.record(
            {
              name: fc.constantFrom('nginx', 'busybox', 'redis', 'registry.example.com/team/app'),
              newName: fc.constantFrom('mirror/nginx', 'other'),
              newTag: fc.constantFrom<Value>('2.0', 'latest', '1', '1.0'),
              digest: fc.constantFrom('sha256:' + 'b'.repeat(64)),
            },
            { requiredKeys: ['name'] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
        replicas: fc.array(
          fc.record({
            name: fc.constantFrom(app, app, `${app}-db`, 'missing'),
            count: fc.constantFrom<Value>(0, 2, 5),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        patches: fc.array(
          fc.oneof(
            smpPatch(app).map((p) => ({ patch: p, target: null as Obj | null })),
            fc
              .record({ ops: fc.array(jsonOp, { minLength: 1, maxLength: 3 }), target: target(app) })
              .map((p) => ({ patch: p.ops as unknown as Obj, target: p.target })),
            fc.record({ p: smpPatch(app), target: target(app) }).map((x) => ({ patch: x.p, target: x.target })),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        patchesStrategicMerge: fc.array(smpPatch(app), { minLength: 1, maxLength: 2 }),
        replacements: fc.array(replacement(app), { minLength: 1, maxLength: 2 }),
        configMapGenerator: fc.array(generator('configMapGenerator', app), { minLength: 1, maxLength: 2 }),
        secretGenerator: fc.array(generator('secretGenerator', app), { minLength: 1, maxLength: 1 }),
        generatorOptions: fc.record(
          { disableNameSuffixHash: fc.boolean(), labels: labelMap, annotations: labelMap },
          { requiredKeys: [] },
        ),
        buildMetadata: fc.subarray(['managedByLabel', 'originAnnotations', 'transformerAnnotations'], { minLength: 1 }),
        vars: fc.array(
          fc.record({
            name: fc.constantFrom('SVC', 'CM'),
            objref: fc.record({
              kind: fc.constantFrom('Service', 'ConfigMap'),
              name: fc.constantFrom(app, `${app}-config`),
              apiVersion: fc.constant('v1'),
            }),
            fieldref: fc.record(
              { fieldpath: fc.constantFrom('metadata.name', 'data.k', 'spec.ports[0].port') },
              { requiredKeys: [] },
            ),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        sortOptions: fc.constantFrom<Obj>(
          { order: 'legacy' },
          { order: 'fifo' },
          { order: 'legacy', legacySortOptions: { orderFirst: ['Service'], orderLast: ['Deployment'] } },
        ),
      },
      { requiredKeys: [] },
    )
    .chain((f) =>
      // A few fields per kustomization: more make almost every build fail on one of them.
      fc
        .subarray(Object.keys(f), { minLength: 0, maxLength: 3 })
        .map((keys): Obj => Object.fromEntries(keys.map((k) => [k, f[k as keyof typeof f] as Value]))),
    );
}
