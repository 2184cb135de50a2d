/**
 * Every Flux Kustomization of every fixture cluster (fixtures/fleet-infra and fixtures/flux-*): its
 * kustomize phase — the directory at spec.path with the kustomization the controller generates or edits,
 * built with LoadRestrictionsNone — equals what the reference printed for the same input
 * (`kubectl kustomize --load-restrictor LoadRestrictionsNone`, test/scripts/gen-flux-expected.ts). For paths with
 * their own kustomization and no Flux overrides that is kubectl's output on the path itself.
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emitDocuments } from '../../src/yaml/emit.js';
import { expectedBase, fluxFixtures, renderFixture } from './helpers.js';

for (const f of fluxFixtures()) {
  for (const cluster of f.clusters) {
    describe(`${f.name} ${cluster}`, () => {
      const r = renderFixture(f, cluster);
      const built = r.kustomizations.filter((k) => k.generated !== undefined);
      it('has a reference output for every Kustomization that reached kustomize', () => {
        expect(built.length, 'no Flux Kustomization of this cluster reached kustomize').toBeGreaterThan(0);
        for (const k of built) {
          const base = expectedBase(f.name, cluster, k.id);
          expect(
            existsSync(`${base}.yaml`) || existsSync(`${base}.error`),
            `${k.id}: run test/scripts/gen-flux-expected.ts`,
          ).toBe(true);
        }
      });
      for (const k of built) {
        const base = expectedBase(f.name, cluster, k.id);
        it(`${k.id} (${k.path}, ${k.generated}) builds like the reference`, () => {
          const yaml = emitDocuments(k.kustomizeObjects.map((o) => o.object));
          if (existsSync(`${base}.error`)) {
            expect(k.status).toBe('failed');
            expect(k.diagnostics.some((d) => d.severity === 'error' && !d.code.startsWith('flux/'))).toBe(true);
            return;
          }
          const expected = readFileSync(`${base}.yaml`, 'utf8');
          expect(k.diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('flux/'))).toEqual([]);
          expect(yaml).toBe(expected);
        });
      }
    });
  }
}
