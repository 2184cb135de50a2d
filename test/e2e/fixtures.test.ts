/**
 * Every kustomization directory of the example fixtures builds byte-identical, under every kustomize
 * version, to the golden output that version's reference produced (`kustomize-5.8.1 build`, `kubectl
 * kustomize`; test/scripts/gen-golden.ts), through the Node file system and through the in-memory one.
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { goldenFixtures, kustomizationDirs, readTreeIntoMemory } from '../helpers/fixtures.js';
import { repoRoot } from '../helpers/shared.js';
import { testedVersions, versionedFile } from '../helpers/versions.js';

for (const fixture of goldenFixtures) {
  const root = join(repoRoot, 'fixtures', fixture);
  const dirs = kustomizationDirs(root);
  const mem = memoryFs(readTreeIntoMemory(root));
  describe(`fixture ${fixture}`, () => {
    it('has a golden output for every kustomization directory', () => {
      expect(dirs.length).toBeGreaterThan(0);
      for (const dir of dirs) expect(existsSync(join(repoRoot, 'test/golden', fixture, `${dir}.yaml`)), dir).toBe(true);
    });
    for (const kustomizeVersion of testedVersions) {
      for (const dir of dirs) {
        const golden = versionedFile(join(repoRoot, 'test/golden', fixture, `${dir}.yaml`), kustomizeVersion);
        it(`${dir} builds like kustomize ${kustomizeVersion} (node fs)`, () => {
          const r = build(join(root, dir), { fs: nodeFs(), kustomizeVersion });
          expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(r.toYaml()).toBe(readFileSync(golden, 'utf8'));
        });
        it(`${dir} builds like kustomize ${kustomizeVersion} (memory fs)`, () => {
          const r = build(`/repo/${dir}`, { fs: mem, kustomizeVersion });
          expect(r.ok).toBe(true);
          expect(r.toYaml()).toBe(readFileSync(golden, 'utf8'));
        });
      }
    }
  });
}
