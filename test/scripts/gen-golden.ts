/**
 * Regenerates the golden outputs of the example fixtures with the reference implementation:
 * for every kustomization directory under each fixture repository listed below, runs
 * `kubectl kustomize DIR` (kustomize v5.6.0) and writes test/golden/<fixture>/<dir>.yaml.
 *
 *   KUBECTL=/path/to/kubectl npx tsx test/scripts/gen-golden.ts
 *
 * KUBECTL defaults to the kubectl 1.33 (kustomize v5.6.0) of this machine's Google Cloud SDK.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './shared.js';
import { kustomizationDirs, goldenFixtures } from '../helpers/fixtures.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
for (const fixture of goldenFixtures) {
  const root = join(repoRoot, 'fixtures', fixture);
  const outRoot = join(repoRoot, 'test/golden', fixture);
  rmSync(outRoot, { recursive: true, force: true });
  for (const dir of kustomizationDirs(root)) {
    const out = execFileSync(kubectl, ['kustomize', join(root, dir)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const file = join(outRoot, `${dir}.yaml`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out);
    console.log(`${fixture}/${dir}: ${out.split('\n---\n').length} objects`);
  }
}
