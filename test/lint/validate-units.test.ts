/**
 * Validating a cluster unit by unit (what the lint engine does for editor sessions) finds exactly what one
 * `validate()` over all the units' objects finds: per-object findings, the `schema/unknown-kind` summary
 * across units, CRDs rendered by one unit validating another's objects, skipped kinds, objects without a
 * source; and again after a unit's objects change while the others are kept.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import type { LintObject } from '../../src/lint/context.js';
import { validate, type ValidateOptions } from '../../src/lint/validate.js';
import { UnitValidation, type UnitObjects } from '../../src/lint/validate-units.js';
import { getField, type YamlMap } from '../../src/yaml/values.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: foos.example.com
spec:
  group: example.com
  names: { kind: Foo, plural: foos }
  scope: Namespaced
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
              properties:
                size: { type: integer }
`;

const UNIT_A = {
  'crd.yaml': CRD,
  'foo.yaml': 'apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: a\nspec:\n  size: big\n',
  'ingress.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\n',
  'bar.yaml': 'apiVersion: bar.io/v1\nkind: Bar\nmetadata:\n  name: one\n',
};

const UNIT_B = {
  'bar.yaml':
    'apiVersion: bar.io/v1\nkind: Bar\nmetadata:\n  name: two\n---\napiVersion: bar.io/v1\nkind: Bar\nmetadata:\n  name: three\n',
  'foo.yaml': 'apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: b\nspec:\n  size: 3\n  extra: true\n',
  'deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n  selector: {}\n  template: {}\n',
};

/** The objects a kustomization of `files` renders (with their origins). */
function rendered(dir: string, files: Record<string, string>): LintObject[] {
  const fs = memoryFs({
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`/${dir}/${name}`, text])),
    [`/${dir}/kustomization.yaml`]: `resources:\n${Object.keys(files)
      .map((f) => `  - ${f}\n`)
      .join('')}`,
  });
  const r = build(`/${dir}`, { fs });
  expect(r.ok).toBe(true);
  return r.resources.map((x) => ({ object: x.object, origin: x.origin }));
}

/** An object read from no file (a cluster object given by the host). */
const unlocated = (kind: string, name: string): LintObject => ({
  object: { apiVersion: 'baz.io/v1', kind, metadata: { name } },
  origin: { file: '' },
});

/** What `validate()` finds over every unit's objects, with the CRDs they render added to `crds`. */
function reference(units: readonly UnitObjects[], options: ValidateOptions): unknown {
  const objects = units.flatMap((u) => u.objects.map((o) => ({ ...o, kustomization: u.id })));
  const crds = objects.map((o) => o.object).filter((o) => getField(o, 'kind') === 'CustomResourceDefinition');
  return validate(objects, { ...options, crds: [...(options.crds ?? []), ...crds] }).diagnostics;
}

const EXTRA_CRD: YamlMap = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'bars.bar.io' },
  spec: {
    group: 'bar.io',
    names: { kind: 'Bar', plural: 'bars' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true }],
  },
};

const variants: [string, ValidateOptions][] = [
  ['defaults', { root: '/' }],
  ['strict', { root: '/', strict: true }],
  ['CRDs skipped', { root: '/', skipKinds: ['CustomResourceDefinition'] }],
  ['a schemaless CRD given', { root: '/', crds: [EXTRA_CRD] }],
  ['deprecations judged for 1.20', { root: '/', kubernetesVersion: '1.20' }],
  ['unknown kinds off', { root: '/', rules: { 'schema/unknown-kind': 'off' } }],
];

describe('validation unit by unit', () => {
  for (const [name, options] of variants) {
    it(`finds what one validate() finds: ${name}`, () => {
      const a: UnitObjects = { id: 'ns/a', objects: rendered('a', UNIT_A) };
      const b: UnitObjects = {
        id: 'ns/b',
        objects: [...rendered('b', UNIT_B), unlocated('Baz', 'x'), unlocated('Baz', 'y')],
      };
      const v = new UnitValidation();
      const units = [a, b];
      const first = v.findings(units, options, name, true);
      expect(new Set(first.map((d) => d.code))).toEqual(
        new Set(
          options.rules
            ? ['schema/invalid', 'schema/deprecated-api']
            : ['schema/invalid', 'schema/unknown-kind', 'schema/deprecated-api'],
        ),
      );
      expect(first).toEqual(reference(units, options));
      // b edited (a new object list), a kept.
      const edited: UnitObjects = { id: 'ns/b', objects: rendered('b', { ...UNIT_B, 'foo.yaml': UNIT_A['foo.yaml'] }) };
      expect(v.findings([a, edited], options, name, true)).toEqual(reference([a, edited], options));
      // The CRD's unit edited away: b's custom resources lose their schema.
      const withoutCrd: UnitObjects = {
        id: 'ns/a',
        objects: a.objects.filter((o) => getField(o.object, 'kind') !== 'CustomResourceDefinition'),
      };
      expect(v.findings([withoutCrd, edited], options, name, true)).toEqual(reference([withoutCrd, edited], options));
    });
  }
});
