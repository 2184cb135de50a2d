/**
 * Transformer-configuration merging as kustomize's builtinconfig does it (spec §7.1): field-spec
 * de-duplication by path and GVK selection, `conflicting fieldspecs`, name-reference merging by target
 * GVK, and the GVK order kustomize sorts tables in.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyTransformerConfig,
  gvkIsLessThan,
  mergeFieldSpec,
  mergeFieldSpecList,
  mergeTransformerConfig,
} from '../../src/fieldspecs/config.js';
import type { FieldSpec, NameBackReferences } from '../../src/fieldspecs/types.js';

describe('mergeFieldSpecList (FsSlice.MergeAll)', () => {
  const cases: { name: string; into: FieldSpec[]; incoming: FieldSpec[]; want: FieldSpec[] | 'conflict' }[] = [
    {
      name: 'appends a new path',
      into: [{ path: 'a' }],
      incoming: [{ path: 'b', kind: 'X' }],
      want: [{ path: 'a' }, { path: 'b', kind: 'X' }],
    },
    {
      name: 'skips a spec whose GVK selects an existing one with the same path',
      into: [{ path: 'a', kind: 'X', group: 'g' }],
      incoming: [{ path: 'a', kind: 'X' }],
      want: [{ path: 'a', kind: 'X', group: 'g' }],
    },
    {
      name: 'an incoming wildcard GVK matches any existing spec of the path',
      into: [{ path: 'a', kind: 'X' }],
      incoming: [{ path: 'a' }],
      want: [{ path: 'a', kind: 'X' }],
    },
    {
      name: 'a more specific incoming spec is added next to a wildcard one',
      into: [{ path: 'a' }],
      incoming: [{ path: 'a', kind: 'X' }],
      want: [{ path: 'a' }, { path: 'a', kind: 'X' }],
    },
    {
      name: 'different create on an equal spec is a conflict',
      into: [{ path: 'a', kind: 'X', create: true }],
      incoming: [{ path: 'a', kind: 'X' }],
      want: 'conflict',
    },
    {
      name: 'duplicates already in the target are kept',
      into: [{ path: 'a' }, { path: 'a' }],
      incoming: [{ path: 'a' }],
      want: [{ path: 'a' }, { path: 'a' }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.want === 'conflict') expect(() => mergeFieldSpecList(c.into, c.incoming)).toThrow('conflicting fieldspecs');
      else expect(mergeFieldSpecList(c.into, c.incoming)).toEqual(c.want);
    });
  }
  it('mergeFieldSpec (MergeOne) does not modify its input', () => {
    const into: FieldSpec[] = [{ path: 'a' }];
    expect(mergeFieldSpec(into, { path: 'b' })).toEqual([{ path: 'a' }, { path: 'b' }]);
    expect(into).toEqual([{ path: 'a' }]);
  });
});

describe('mergeTransformerConfig (TransformerConfig.Merge)', () => {
  const nbr = (kind: string, paths: string[], group?: string): NameBackReferences => ({
    kind,
    ...(group ? { group } : {}),
    fieldSpecs: paths.map((path) => ({ path, kind: 'Ref' })),
  });
  it('merges referrers of an equal target GVK and appends new targets unchanged', () => {
    const a = { ...emptyTransformerConfig(), nameReference: [nbr('Secret', ['x'])] };
    const b = { nameReference: [nbr('Secret', ['x', 'y']), nbr('Issuer', ['z', 'z'], 'cert-manager.io')] };
    const merged = mergeTransformerConfig(a, b);
    expect(merged.nameReference).toEqual([nbr('Secret', ['x', 'y']), nbr('Issuer', ['z', 'z'], 'cert-manager.io')]);
  });
  it('sorts name-reference targets and tables by kustomize GVK order', () => {
    const merged = mergeTransformerConfig(emptyTransformerConfig(), {
      nameReference: [nbr('Zeta', []), nbr('Secret', []), nbr('Namespace', [])],
      commonLabels: [{ path: 'p', kind: 'Zeta' }, { path: 'p', kind: 'Deployment' }, { path: 'q' }],
    });
    expect(merged.nameReference.map((n) => n.kind)).toEqual(['Namespace', 'Secret', 'Zeta']);
    expect(merged.commonLabels.map((f) => f.kind ?? '')).toEqual(['Deployment', 'Zeta', '']);
  });
  it('prefixes a conflict with the table name', () => {
    const a = { ...emptyTransformerConfig(), namePrefix: [{ path: 'p', create: true }] };
    expect(() => mergeTransformerConfig(a, { namePrefix: [{ path: 'p' }] })).toThrow(
      'failed to merge NamePrefix fieldSpec: conflicting fieldspecs',
    );
  });
});

describe('gvkIsLessThan (Gvk.IsLessThan)', () => {
  const cases: { name: string; a: object; b: object; less: boolean }[] = [
    { name: 'ranked kinds first', a: { kind: 'Namespace' }, b: { kind: 'Secret' }, less: true },
    { name: 'webhooks last', a: { kind: 'ValidatingWebhookConfiguration' }, b: { kind: 'Zeta' }, less: false },
    {
      name: 'then group, version, kind; empty parts sort after letters',
      a: { group: 'apps', kind: 'X' },
      b: { kind: 'X' },
      less: true,
    },
    { name: 'equal GVKs are not less', a: { kind: 'X' }, b: { kind: 'X' }, less: false },
  ];
  for (const c of cases) it(c.name, () => expect(gvkIsLessThan(c.a, c.b)).toBe(c.less));
});
