/**
 * The classes of difference issue 10 lists (found on real repositories and by an earlier fuzzer),
 * reproduced from their descriptions as small kustomization trees. The `known` generator cycles through
 * them so every run checks them again; `npm run fuzz -- --generator known --cases N --save` files them as
 * regression cases.
 */
import type { FuzzCase } from '../case.js';

type Known = Omit<FuzzCase, 'id' | 'generator' | 'flags'> & { flags?: string[] };

const CM = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    app: app
spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: app
        image: nginx
`;
const k = (body: string): string => body;
const one = (r: string, kust = 'resources:\n- r.yaml\n'): Record<string, string> => ({
  'kustomization.yaml': kust,
  'r.yaml': r,
});

export const KNOWN: Record<string, Known> = {
  // ---- YAML stream
  'separator-run': {
    files: one(`${CM('a')}---\n---\n${CM('b')}---\n${CM('c')}`),
    run: '.',
    tags: ['yaml:separator-run'],
  },
  'separator-run-trailing-space': {
    files: one(`${CM('a')}--- \n---   \n${CM('b')}`),
    run: '.',
    tags: ['yaml:separator-run'],
  },
  'separator-run-comment': {
    files: one(`${CM('a')}--- # one\n--- # two\n${CM('b')}`),
    run: '.',
    tags: ['yaml:separator-run'],
  },
  'separator-after-doc-end': {
    files: one(`${CM('a')}...\n---\n---\n${CM('b')}`),
    run: '.',
    tags: ['yaml:separator-run'],
  },
  'separator-run-crlf': {
    files: one(`${CM('a')}---\n---\n${CM('b')}`.replace(/\n/g, '\r\n')),
    run: '.',
    tags: ['yaml:crlf'],
  },
  'separator-with-content-first': { files: one(`--- {}\n${CM('a')}`), run: '.', tags: ['yaml:separator-content'] },
  'doc-end-only-document': {
    files: one(`${CM('a')}---\n...\n---\n${CM('b')}`),
    run: '.',
    tags: ['yaml:doc-end-marker'],
  },
  'doc-end-then-document': { files: one(`${CM('a')}...\n${CM('b')}`), run: '.', tags: ['yaml:doc-end-marker'] },
  // ---- scalars as go-yaml reads them
  'multi-line-quoted-shallow': {
    files: one(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    description: "A long description\nthat continues\n  on lines indented no deeper than its key"\ndata:\n  x: 'single\nquoted\n\n  too'\n`,
    ),
    run: '.',
    tags: ['yaml:multi-line-quoted'],
  },
  'block-scalar-at-eof': {
    files: one(`${CM('a')}data:\n  script: |\n    echo one\n    echo two`),
    run: '.',
    tags: ['yaml:block-scalar-eof'],
  },
  'block-scalar-keep-at-eof': {
    files: one(`${CM('a')}data:\n  script: |+\n    echo one\n\n`),
    run: '.',
    tags: ['yaml:block-scalar-eof'],
  },
  'nel-ls-ps-in-scalars': {
    files: one(
      `${CM('a')}data:\n  plain: a\u0085b\n  double: "c\u2028d"\n  single: 'e\u2029f'\n  folded: >\n    g\u0085h\n`,
    ),
    run: '.',
    tags: ['yaml:nel-ls-ps'],
  },
  'timestamps-in-flow': {
    files: one(
      `${CM('a')}spec:\n  when: [2001-12-14 21:59:43.10, 2002-12-14, 2001-12-14t21:59:43.10-05:00]\n  at: {t: 2001-12-14T21:59:43.10Z}\n  block: 2001-12-14 21:59:43.10\n`,
    ),
    run: '.',
    tags: ['yaml:timestamp'],
  },
  'tag-comma-in-flow': { files: one(`${CM('a')}spec:\n  x: [!!str, a]\n`), run: '.', tags: ['yaml:flow-tag-comma'] },
  'tag-space-comma-in-flow': {
    files: one(`${CM('a')}spec:\n  x: [!!str , a, ! , b]\n`),
    run: '.',
    tags: ['yaml:flow-tag-comma'],
  },
  'tab-before-comment': {
    files: one(`${CM('a')}data:\t# a comment after a tab\n  x: y\n`),
    run: '.',
    tags: ['yaml:tab'],
  },
  'tab-indentation': { files: one(`${CM('a')}data:\n\tx: y\n`), run: '.', tags: ['yaml:tab'] },
  'control-character': { files: one(`${CM('a')}data:\n  x: "a\u0001b"\n`), run: '.', tags: ['yaml:control-char'] },
  'lone-surrogate-escape': { files: one(`${CM('a')}data:\n  x: "\\ud800"\n`), run: '.', tags: ['yaml:escape'] },
  'escapes-go-yaml-accepts': {
    files: one(`${CM('a')}data:\n  x: "\\x41\\u00e9\\U0001F600\\e\\N\\_\\L\\P\\0\\'\\ "\n`),
    run: '.',
    tags: ['yaml:escape'],
  },
  'tag-directive': {
    files: one(`%TAG !e! tag:example.com,2000:\n---\n${CM('a')}data:\n  x: !e!foo bar\n`),
    run: '.',
    tags: ['yaml:directive'],
  },
  'yaml-directive-kustomization': {
    files: { 'kustomization.yaml': '%YAML 1.1\n---\nresources:\n- r.yaml\n', 'r.yaml': CM('a') },
    run: '.',
    tags: ['k-yaml:directive'],
  },
  'duplicate-keys-resource': {
    files: one(`${CM('a')}data:\n  x: "1"\n  x: "2"\n`),
    run: '.',
    tags: ['yaml:duplicate-key'],
  },
  'duplicate-quoted-merge-key': {
    files: one(`${CM('a')}data:\n  "<<": a\n  "<<": b\n`),
    run: '.',
    tags: ['yaml:duplicate-key'],
  },
  'duplicate-keys-kustomization': {
    files: one(CM('a'), 'resources:\n- r.yaml\nnamePrefix: a-\nnamePrefix: b-\n'),
    run: '.',
    tags: ['k-yaml:duplicate-key'],
  },
  'merge-keys': {
    files: one(`${CM('a')}base: &b {x: "1", y: "2"}\ndata:\n  <<: *b\n  y: "3"\n  "<<": literal\n`),
    run: '.',
    tags: ['yaml:merge-key'],
  },
  'nesting-5000': {
    files: one(`${CM('a')}deep: ${'['.repeat(5000)}x${']'.repeat(5000)}\n`),
    run: '.',
    tags: ['yaml:deep-nesting'],
  },
  'nesting-block-1500': {
    files: one(`${CM('a')}deep:\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} v\n`),
    run: '.',
    tags: ['yaml:deep-nesting'],
  },
  'nesting-too-deep': {
    files: one(`${CM('a')}deep: ${'['.repeat(10_001)}${']'.repeat(10_001)}\n`),
    run: '.',
    tags: ['yaml:deep-nesting'],
  },
  // ---- shared label maps (kyaml writes one node into several places)
  'common-labels-then-overlay-labels': {
    files: {
      'base/kustomization.yaml': 'resources:\n- deploy.yaml\ncommonLabels:\n  team: a\n',
      'base/deploy.yaml': DEPLOY,
      'overlay/kustomization.yaml': 'resources:\n- ../base\nlabels:\n- pairs:\n    env: prod\n',
    },
    run: 'overlay',
    tags: ['labels'],
  },
  'labels-with-selectors-then-replacement': {
    files: {
      'kustomization.yaml': k(
        'resources:\n- deploy.yaml\n- cm.yaml\nlabels:\n- pairs:\n    team: a\n  includeSelectors: true\nreplacements:\n- source:\n    kind: ConfigMap\n    fieldPath: data.team\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - metadata.labels.team\n',
      ),
      'deploy.yaml': DEPLOY,
      'cm.yaml': `${CM('src')}data:\n  team: b\n`,
    },
    run: '.',
    tags: ['labels', 'replacements'],
  },
  'common-annotations-then-patch': {
    files: {
      'kustomization.yaml':
        'resources:\n- deploy.yaml\ncommonAnnotations:\n  owner: a\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: app\n      annotations:\n        owner: b\n',
      'deploy.yaml': DEPLOY,
    },
    run: '.',
    tags: ['annotations', 'patches'],
  },
  // ---- patches and replacements
  'json-patch-removes-annotations-of-generated': {
    files: {
      'kustomization.yaml':
        'configMapGenerator:\n- name: gen\n  literals:\n  - a=b\nresources:\n- deploy.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: remove\n      path: /metadata/annotations\n',
      'deploy.yaml': DEPLOY.replace(
        '      - name: app\n        image: nginx\n',
        '      - name: app\n        image: nginx\n        envFrom:\n        - configMapRef:\n            name: gen\n',
      ),
    },
    run: '.',
    tags: ['patches', 'generators'],
  },
  'json-patch-replaces-annotations-of-generated': {
    files: {
      'kustomization.yaml':
        'configMapGenerator:\n- name: gen\n  literals:\n  - a=b\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: replace\n      path: /metadata/annotations\n      value: {x: y}\n',
    },
    run: '.',
    tags: ['patches', 'generators'],
  },
  'replacement-creates-from-empty-string': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\nreplacements:\n- source:\n    kind: ConfigMap\n    name: src\n    fieldPath: data.empty\n  targets:\n  - select:\n      kind: ConfigMap\n      name: dst\n    fieldPaths:\n    - data.created\n    options:\n      create: true\n',
      'r.yaml': `${CM('src')}data:\n  empty: ""\n---\n${CM('dst')}`,
    },
    run: '.',
    tags: ['replacements'],
  },
  'replacement-created-then-overwritten': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\nreplacements:\n- source:\n    kind: ConfigMap\n    name: src\n    fieldPath: data.n\n  targets:\n  - select:\n      kind: Widget\n    fieldPaths:\n    - spec.count\n    options:\n      create: true\n- source:\n    kind: Widget\n    name: w\n    fieldPath: spec.replicas\n  targets:\n  - select:\n      kind: Widget\n    fieldPaths:\n    - spec.count\n',
      'r.yaml': `${CM('src')}data:\n  n: "5"\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  replicas: 3\n`,
    },
    run: '.',
    tags: ['replacements'],
  },
  'renamed-to-same-name-and-delete': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\npatches:\n- target:\n    kind: ConfigMap\n    name: a\n  patch: |-\n    - op: replace\n      path: /metadata/name\n      value: c\n- target:\n    kind: ConfigMap\n    name: b\n  patch: |-\n    - op: replace\n      path: /metadata/name\n      value: c\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: c\n    $patch: delete\n',
      'r.yaml': `${CM('a')}---\n${CM('b')}`,
    },
    run: '.',
    tags: ['patches'],
  },
  'json-patch-replace-root': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: replace\n      path: ""\n      value:\n        apiVersion: v1\n        kind: ConfigMap\n        metadata:\n          name: replaced\n',
      'r.yaml': CM('a'),
    },
    run: '.',
    tags: ['patches'],
  },
  'build-metadata-after-json-patch': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\nbuildMetadata: [transformerAnnotations, originAnnotations]\nnamePrefix: p-\npatches:\n- target:\n    kind: ConfigMap\n  patch: |-\n    - op: add\n      path: /data/x\n      value: y\n',
      'r.yaml': `${CM('a')}data:\n  a: b\n`,
    },
    run: '.',
    tags: ['buildMetadata', 'patches'],
  },
  'patch-and-resource-without-apiversion': {
    files: {
      'kustomization.yaml':
        'resources:\n- r.yaml\npatches:\n- patch: |-\n    kind: Widget\n    metadata:\n      name: w\n    spec:\n      x: 1\n',
      'r.yaml': 'kind: Widget\nmetadata:\n  name: w\nspec:\n  y: 2\n',
    },
    run: '.',
    tags: ['patches'],
  },
};

export const KNOWN_NAMES = Object.keys(KNOWN);

/** The known case `seed` (modulo their number). */
export function knownCase(seed: number): Omit<FuzzCase, 'id' | 'generator'> {
  const name = KNOWN_NAMES[seed % KNOWN_NAMES.length] as string;
  const c = KNOWN[name] as Known;
  return { files: c.files, run: c.run, flags: c.flags ?? [], tags: [`known:${name}`, ...c.tags] };
}
