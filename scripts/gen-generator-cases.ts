/**
 * Regenerates the expected outputs of the generator test cases with the reference implementation:
 * for every folder test/generators/cases/<name>/, runs `kubectl kustomize <name>/input/<run>` (kustomize
 * v5.6.0; `run` and extra `flags` come from the optional case.json) and writes expected.yaml, or
 * expected-error.txt (the reference's stderr, with the case's absolute path replaced by `<case>`) when
 * the build fails.
 *
 *   KUBECTL=/path/to/kubectl npx tsx scripts/gen-generator-cases.ts [name...]
 *
 * KUBECTL defaults to the kubectl 1.33 (kustomize v5.6.0) of this machine's Google Cloud SDK.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = join(repoRoot, 'test/generators/cases');
const only = process.argv.slice(2);

for (const name of readdirSync(root).sort()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = join(root, name);
  const caseFile = join(dir, 'case.json');
  const c = existsSync(caseFile) ? (JSON.parse(readFileSync(caseFile, 'utf8')) as { run?: string; flags?: string[] }) : {};
  const input = join(dir, 'input', c.run ?? '.');
  const r = spawnSync(kubectl, ['kustomize', input, ...(c.flags ?? [])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  rmSync(join(dir, 'expected.yaml'), { force: true });
  rmSync(join(dir, 'expected-error.txt'), { force: true });
  if (r.status === 0) {
    writeFileSync(join(dir, 'expected.yaml'), r.stdout);
    console.log(`${name}: ${r.stdout === '' ? 0 : r.stdout.split('\n---\n').length} objects`);
  } else {
    writeFileSync(join(dir, 'expected-error.txt'), r.stderr.split(join(dir, 'input')).join('<case>'));
    console.log(`${name}: error: ${r.stderr.trim()}`);
  }
}
