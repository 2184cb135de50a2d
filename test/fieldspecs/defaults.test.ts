/**
 * The default field-spec tables are kustomize v5.8.1's builtinpluginconsts, entry for entry (v5.6.0's minus the
 * entries of later version features)
 * (src/fieldspecs/defaults.generated.ts, made by test/scripts/gen-default-fieldspecs.ts). When the kustomize
 * mirror is on this machine the generated file is checked against it; the quirks kustomize has are
 * asserted always.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtinFieldSpecTables,
  builtinNameReferences,
  defaultTransformerConfig,
  versionedFieldSpecs,
} from '../../src/fieldspecs/defaults.js';
import { repoRoot } from '../helpers/shared.js';

const mirror = process.env.KUSTOMIZE_REPO ?? '/work/.mirror/kubernetes-sigs+kustomize/repo';

describe('default field specs', () => {
  it.skipIf(!existsSync(mirror))(
    'match kustomize v5.8.1 and v5.6.0 builtinpluginconsts (needs the kustomize mirror)',
    () => {
      const out = execFileSync(
        'npx',
        ['tsx', join(repoRoot, 'test/scripts/gen-default-fieldspecs.ts'), '--check', '--repo', mirror],
        {
          encoding: 'utf8',
          cwd: repoRoot,
        },
      );
      expect(out).toContain('up to date');
    },
  );

  const target = (kind: string) => builtinNameReferences.find((n) => n.kind === kind);
  it('keep the IngressClass target group with its version (it never matches)', () => {
    expect(target('IngressClass')).toMatchObject({ group: 'networking.k8s.io/v1', version: 'v1' });
  });
  it('keep the duplicated Ingress spec/tls/secretName Secret referrer', () => {
    const tls = (target('Secret')?.fieldSpecs ?? []).filter(
      (f) => f.kind === 'Ingress' && f.path === 'spec/tls/secretName',
    );
    expect(tls).toHaveLength(2);
  });
  it('give Pod referrers version v1 and PodTemplate none', () => {
    const cm = target('ConfigMap')?.fieldSpecs ?? [];
    expect(cm.filter((f) => f.kind === 'Pod').every((f) => f.version === 'v1')).toBe(true);
    expect(cm.filter((f) => f.kind === 'PodTemplate').every((f) => f.version === undefined)).toBe(true);
  });
  it('list commonLabels as 22 selectors then the 10 metadata and template labels', () => {
    expect(builtinFieldSpecTables.commonLabels).toHaveLength(32);
    expect(builtinFieldSpecTables.commonLabels[22]).toEqual({ path: 'metadata/labels', create: true });
  });
  it('give image volumes to v5.8.1 only (the imageVolumes feature)', () => {
    const paths = (v: '5.6' | '5.8'): string[] => defaultTransformerConfig(v).images.map((f) => f.path);
    expect(
      paths('5.8')
        .filter((p) => p.includes('volumes'))
        .sort(),
    ).toEqual(versionedFieldSpecs.map((v) => v.path).sort());
    expect(versionedFieldSpecs.every((v) => v.feature === 'imageVolumes' && v.table === 'images')).toBe(true);
    expect(paths('5.6').filter((p) => p.includes('volumes'))).toEqual([]);
    expect(paths('5.6')).toHaveLength(paths('5.8').length - 2);
  });
  it('hand out copies', () => {
    const a = defaultTransformerConfig();
    a.namePrefix.push({ path: 'x' });
    expect(defaultTransformerConfig().namePrefix).toEqual([{ path: 'metadata/name' }]);
  });
  it('sort the name-reference targets by kustomize GVK order', () => {
    const kinds = defaultTransformerConfig().nameReference.map((n) => n.kind);
    expect(kinds.slice(0, 4)).toEqual(['StorageClass', 'ServiceAccount', 'Role', 'ClusterRole']);
  });
});
