/**
 * Writes the expected outputs of table-driven test cases by running the reference kustomize (v5.6.0, as
 * embedded in kubectl 1.33) over each case: `npx tsx scripts/gen-test-goldens.ts [DIR...]` (default
 * test/transformers/data and test/loader/data). A case is a folder with `input/` (the files), optionally
 * `run` (the directory to build, relative to input/, default `.`) and `flags` (extra arguments, one line).
 * Writes `expected.yaml` (stdout of a successful build) or `expected-error.txt` (stderr of a failed one,
 * with the case folder's path replaced by `<case>`), and removes the other one.
 * The reference binary is $KUSTOMIZE_REFERENCE, default /usr/lib/google-cloud-sdk/bin/kubectl.1.33.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './shared.js';

const kubectl = process.env.KUSTOMIZE_REFERENCE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const args = process.argv.slice(2);
const roots = (args.length > 0 ? args : ['test/transformers/data', 'test/loader/data']).map((d) => resolve(repoRoot, d));

function cases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (existsSync(join(dir, 'input'))) return [dir];
  return readdirSync(dir)
    .sort()
    .map((e) => join(dir, e))
    .filter((p) => statSync(p).isDirectory())
    .flatMap(cases);
}

let n = 0;
for (const root of roots) {
  for (const c of cases(root)) {
    const run = existsSync(join(c, 'run')) ? readFileSync(join(c, 'run'), 'utf8').trim() : '.';
    const flags = existsSync(join(c, 'flags')) ? readFileSync(join(c, 'flags'), 'utf8').trim().split(/\s+/).filter(Boolean) : [];
    const target = join(c, 'input', run);
    const res = spawnSync(kubectl, ['kustomize', target, ...flags], { encoding: 'utf8' });
    if (res.error) throw res.error;
    const ok = res.status === 0;
    rmSync(join(c, ok ? 'expected-error.txt' : 'expected.yaml'), { force: true });
    if (ok) writeFileSync(join(c, 'expected.yaml'), res.stdout);
    else writeFileSync(join(c, 'expected-error.txt'), res.stderr.split(c).join('<case>'));
    n++;
    console.log(`${ok ? 'ok  ' : 'fail'} ${c.slice(repoRoot.length + 1)}`);
  }
}
console.log(`${n} cases`);
