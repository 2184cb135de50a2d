/**
 * Regenerates the golden outputs of the example fixtures with the reference binary of every kustomize
 * version (test/scripts/reference-binaries.ts): for every kustomization directory under each fixture
 * repository listed in test/helpers/fixtures.ts, writes test/golden/<fixture>/<dir>.yaml from kustomize
 * v5.8.1 (`kustomize-5.8.1 build DIR`) and, where kustomize v5.6.0 (`kubectl.1.33 kustomize DIR`) prints
 * something else, <dir>.v5.6.yaml (test/helpers/versions.ts).
 *
 *   npx tsx test/scripts/gen-golden.ts
 */
/// <reference types="node" />
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './shared.js';
import { kustomizationDirs, goldenFixtures } from '../helpers/fixtures.js';
import { runReference } from './reference-binaries.js';
import { testedVersions, versionedName } from '../helpers/versions.js';

for (const fixture of goldenFixtures) {
  const root = join(repoRoot, 'fixtures', fixture);
  const outRoot = join(repoRoot, 'test/golden', fixture);
  rmSync(outRoot, { recursive: true, force: true });
  for (const dir of kustomizationDirs(root)) {
    let first: string | undefined;
    for (const version of testedVersions) {
      const r = runReference(version, join(root, dir));
      if (!r.ok) throw new Error(`${fixture}/${dir} (kustomize ${version}): ${r.error}`);
      if (first === r.stdout) continue;
      first ??= r.stdout;
      const file = join(outRoot, versionedName(`${dir}.yaml`, version));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, r.stdout);
      console.log(`${fixture}/${dir} (kustomize ${version}): ${r.stdout.split('\n---\n').length} objects`);
    }
  }
}
