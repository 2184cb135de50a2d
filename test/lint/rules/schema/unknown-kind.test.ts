/**
 * schema/unknown-kind: one finding per apiVersion/kind and run (a cluster, the standalone builds, a
 * `validate()` call), at the first object of the kind in file order, whose message and `count` say how many
 * objects were not validated. Flux and Kubernetes kinds always have a schema.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../../src/api/validate.js';
import type { Diagnostic } from '../../../../src/diagnostics/diagnostic.js';
import { fluxVersions } from '../../../../src/validate/schemas/flux.generated.js';
import { kubernetesKinds } from '../../../../src/validate/schemas/kubernetes.generated.js';
import { anyCrd, bootstrap, fluxKs, lintFiles } from '../../helpers.js';

const RULE = 'schema/unknown-kind';

function gadgets(...names: string[]): string {
  return names.map((n) => `apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: ${n}\n`).join('---\n');
}

function kustomization(...resources: string[]): string {
  return `resources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
}

/** `file:line:column count (cluster kustomization) message` of the rule's findings. */
function findings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.code === RULE)
    .map(
      (d) =>
        `${d.file ?? '-'}:${String(d.line)}:${String(d.column)} ${String(d.count)} (${d.cluster ?? '-'} ${d.kustomization ?? '-'}) ${d.message.replace(/: no schema for .*/, '')}`,
    );
}

const NO_SCHEMA =
  'no schema for example.com/v1 Gadget (not a Kubernetes 1.36 or Flux kind, and no CRD among the objects defines it): not validated';

const appsAndInfra = {
  ...bootstrap(),
  'apps/kustomization.yaml': kustomization('gadgets.yaml', 'widget.yaml'),
  'apps/gadgets.yaml': gadgets('a', 'b'),
  'apps/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
  'infra/kustomization.yaml': kustomization('gadget.yaml'),
  'infra/gadget.yaml': gadgets('c'),
  'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  targetNamespace: apps\n'),
  'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  targetNamespace: infra\n'),
};

const cases: { name: string; files: Record<string, string>; expected: string[] }[] = [
  {
    name: 'the Flux Kustomizations of a cluster: one finding per kind, at the first object, counting the others',
    files: appsAndInfra,
    expected: [
      'apps/gadgets.yaml:2:7 3 (clusters/c1 flux-system/apps) Gadget apps/a and 2 more objects in 2 files',
      'apps/widget.yaml:2:7 1 (clusters/c1 flux-system/apps) Widget apps/w',
    ],
  },
  {
    name: 'each cluster has its own finding (the same finding in two clusters is reported once)',
    files: {
      ...bootstrap('c1'),
      ...bootstrap('c2'),
      ...bootstrap('c3'),
      'apps/kustomization.yaml': kustomization('gadgets.yaml'),
      'apps/gadgets.yaml': gadgets('a', 'b'),
      'infra/kustomization.yaml': kustomization('gadget.yaml'),
      'infra/gadget.yaml': gadgets('c'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
      'clusters/c2/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
      'clusters/c3/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
      'clusters/c3/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n'),
    },
    expected: [
      'apps/gadgets.yaml:2:7 2 (clusters/c1 flux-system/apps) Gadget a and 1 more object in 1 file',
      'apps/gadgets.yaml:2:7 3 (clusters/c3 flux-system/apps) Gadget a and 2 more objects in 2 files',
    ],
  },
  {
    name: 'a source object two Flux Kustomizations apply is counted once',
    files: {
      ...bootstrap(),
      'apps/kustomization.yaml': kustomization('gadgets.yaml'),
      'apps/gadgets.yaml': gadgets('a', 'b'),
      'clusters/c1/one.yaml': fluxKs('one', '  path: ./apps\n  prune: true\n  targetNamespace: one\n'),
      'clusters/c1/two.yaml': fluxKs('two', '  path: ./apps\n  prune: true\n  targetNamespace: two\n'),
    },
    expected: ['apps/gadgets.yaml:2:7 2 (clusters/c1 flux-system/one) Gadget one/a and 1 more object in 1 file'],
  },
  {
    name: 'kustomization directories no cluster reaches: one finding per kind for all of them',
    files: {
      'a/kustomization.yaml': kustomization('gadgets.yaml'),
      'a/gadgets.yaml': gadgets('a1', 'a2'),
      'b/kustomization.yaml': kustomization('gadget.yaml'),
      'b/gadget.yaml': gadgets('b1'),
    },
    expected: ['a/gadgets.yaml:2:7 3 (- a) Gadget a1 and 2 more objects in 2 files'],
  },
  {
    name: 'no finding when the repository holds the CRD',
    files: {
      'a/kustomization.yaml': kustomization('gadgets.yaml'),
      'a/gadgets.yaml': gadgets('a1', 'a2'),
      'crds/gadgets.yaml': anyCrd('Gadget', 'gadgets'),
    },
    expected: [],
  },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(findings(lintFiles(c.files, { schema: true }).diagnostics)).toEqual(c.expected);
    });
  }

  it('the message says how many objects were not validated', () => {
    const d = lintFiles(appsAndInfra, { schema: true }).diagnostics.find((x) => x.code === RULE);
    expect(d?.message).toBe(`Gadget apps/a and 2 more objects in 2 files: ${NO_SCHEMA}`);
  });

  it('validate(): objects without a file are counted, with no file count', () => {
    const objects = ['a', 'b', 'c'].map((name) => ({
      object: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name } },
    }));
    const result = validate(objects);
    expect(result.diagnostics.map((d) => [d.code, d.count, d.message])).toEqual([
      [RULE, 3, `Gadget a and 2 more objects: ${NO_SCHEMA}`],
    ]);
    expect(result.stats.unknown).toBe(3);
  });
});

describe('Flux and Kubernetes kinds always have a schema', () => {
  const kinds = [
    ...fluxVersions.map((v) => `${v.apiVersion}/${v.kind}`),
    ...Object.keys(kubernetesKinds).filter((k) => !k.endsWith('List')),
  ];
  it.each(kinds)('%s', (key) => {
    const slash = key.lastIndexOf('/');
    const object = { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), metadata: { name: 'x' } };
    expect(validate([object]).diagnostics.filter((d) => d.code === RULE)).toEqual([]);
  });
  it('covers the Flux kinds users write', () => {
    const flux = new Set(fluxVersions.filter((v) => v.current).map((v) => v.kind));
    for (const kind of ['Kustomization', 'HelmRelease', 'GitRepository', 'OCIRepository', 'HelmRepository'])
      expect(flux.has(kind), kind).toBe(true);
    for (const kind of ['HelmChart', 'Bucket', 'Alert', 'Provider', 'Receiver'])
      expect(flux.has(kind), kind).toBe(true);
  });
});
