/**
 * What changed between the kustomize versions, shown on realistic overlays: every folder of cases/ builds
 * under each version and matches that version's reference (`kustomize-5.8.1 build`, `kubectl.1.33
 * kustomize`; test/scripts/gen-expected.ts), and every version feature of src/build/versions.ts has a case
 * whose two references differ. Plus the version option itself: its spellings, its default, and the
 * diagnostic for a version kustomize-ts does not reproduce.
 */
/// <reference types="node" />
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import {
  DEFAULT_KUSTOMIZE_VERSION,
  hasFeature,
  parseKustomizeVersion,
  versionFeatures,
  type KustomizeVersionInput,
  type VersionFeatureId,
} from '../../src/build/versions.js';
import { loadReferenceCases, runReferenceCases } from '../helpers/reference-cases.js';

const casesDir = fileURLToPath(new URL('./cases', import.meta.url));

runReferenceCases('version features (reference cases, both versions)', casesDir);

describe('every version feature has a case that differs between the versions', () => {
  const cases = loadReferenceCases(casesDir, [DEFAULT_KUSTOMIZE_VERSION]);
  /** Where the reference outputs differ: a `.v5.6` file next to the default's. */
  const differs = (dir: string): boolean => readdirSync(dir).some((f) => /^expected.*\.v5\.6\./.test(f));
  // Shown elsewhere: helm fields below (kustomize-ts does not run helm), the behavior wording by a generator case.
  const elsewhere: VersionFeatureId[] = ['helmChartDevel', 'helmChartNamespace', 'behaviorConflictWording'];
  for (const feature of Object.keys(versionFeatures) as VersionFeatureId[]) {
    if (elsewhere.includes(feature)) continue;
    it(feature, () => {
      const shown = cases.filter((c) => (c.config.features ?? []).includes(feature));
      expect(shown.length, `no case in test/versions/cases lists "${feature}"`).toBeGreaterThan(0);
      expect(shown.some((c) => differs(c.dir))).toBe(true);
    });
  }
  it('behaviorConflictWording is shown by test/generators/cases/behavior-error-create-exists', () => {
    const dir = fileURLToPath(new URL('../generators/cases/behavior-error-create-exists', import.meta.url));
    expect(existsSync(join(dir, 'expected-error.v5.6.txt'))).toBe(true);
  });
});

describe('helm features (kustomize-ts does not run helm): the fields are read per version', () => {
  const fs = memoryFs({
    '/k/kustomization.yaml': 'helmCharts:\n- name: podinfo\n  repo: https://example.com/charts\n  devel: true\n',
  });
  it('v5.6.0 does not know helmCharts[].devel', () => {
    const r = build('/k', { fs, kustomizeVersion: '5.6' });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['kustomization/unknown-field', 'invalid Kustomization: json: unknown field "devel"'],
    ]);
  });
  it('v5.8.1 reads it and fails only because helm does not run', () => {
    const r = build('/k', { fs, kustomizeVersion: '5.8' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['kustomization/unsupported']);
  });
});

describe('the kustomizeVersion option', () => {
  it.each<[KustomizeVersionInput, string]>([
    ['5.8', '5.8'],
    ['v5.8.1', '5.8'],
    ['5.8.1', '5.8'],
    ['v5.8', '5.8'],
    ['5.6', '5.6'],
    ['v5.6.0', '5.6'],
  ])('%s reads as %s', (input, version) => {
    expect(parseKustomizeVersion(input)).toBe(version);
  });
  it.each(['5.7', 'v5.8.0', '5.6.1', '6', 'latest', ''])('%j is not a supported version', (input) => {
    expect(parseKustomizeVersion(input)).toBeUndefined();
  });
  it('defaults to 5.8 (kustomize v5.8.1)', () => {
    expect(DEFAULT_KUSTOMIZE_VERSION).toBe('5.8');
    const fs = memoryFs({
      '/k/kustomization.yaml':
        'resources: [cm.yaml]\nreplacements:\n- sourceValue: x\n  targets:\n  - select: {kind: ConfigMap}\n    fieldPaths: [data.a]\n',
      '/k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n',
    });
    expect(build('/k', { fs }).toYaml()).toBe(build('/k', { fs, kustomizeVersion: '5.8' }).toYaml());
    expect(build('/k', { fs }).toYaml()).toContain('a: x');
  });
  it('refuses a version it does not reproduce with a diagnostic, not a crash', () => {
    const fs = memoryFs({ '/k/kustomization.yaml': 'resources: []\n' });
    const r = build('/k', { fs, kustomizeVersion: '4.5' as KustomizeVersionInput });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['build/unsupported-version', 'kustomize version "4.5" is not supported; supported: 5.8 (v5.8.1), 5.6 (v5.6.0)'],
    ]);
  });
  it('features follow their release: v5.6.0 has none of them, v5.8.1 all', () => {
    for (const f of Object.keys(versionFeatures) as VersionFeatureId[]) {
      expect(hasFeature('5.6', f), f).toBe(false);
      expect(hasFeature('5.8', f), f).toBe(true);
    }
  });
});
