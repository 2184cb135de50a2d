/**
 * `npx tsx scripts/gen-transformer-cases.ts [area...]`: runs the reference kustomize (v5.6.0, embedded in
 * kubectl 1.33) over every case folder under test/transformers/cases/<area>/<case>/ and writes the
 * expected output next to the inputs: `expected.yaml` (stdout) when the build succeeds, else
 * `expected-error.txt` (the message without kubectl's `error: ` prefix, the case folder's absolute path
 * replaced by `$ROOT`; a Go panic keeps only its first line). Commit the results with the inputs.
 *
 * The reference binary is taken from $KUSTOMIZE_REFERENCE, else /usr/lib/google-cloud-sdk/bin/kubectl.1.33.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

const reference = process.env.KUSTOMIZE_REFERENCE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const casesRoot = join(repoRoot, 'test', 'transformers', 'cases');
const areas = process.argv.slice(2);

if (!existsSync(reference)) {
  console.error(`reference binary not found: ${reference}`);
  process.exit(2);
}

let count = 0;
for (const area of readdirSync(casesRoot).sort()) {
  if (areas.length > 0 && !areas.includes(area)) continue;
  const areaDir = join(casesRoot, area);
  if (!statSync(areaDir).isDirectory()) continue;
  for (const name of readdirSync(areaDir).sort()) {
    const dir = join(areaDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const r = spawnSync(reference, ['kustomize', dir], { encoding: 'utf8' });
    const out = join(dir, 'expected.yaml');
    const errFile = join(dir, 'expected-error.txt');
    rmSync(out, { force: true });
    rmSync(errFile, { force: true });
    if (r.status === 0) {
      writeFileSync(out, r.stdout);
    } else {
      // A Go panic keeps only its first line (the goroutine dump is noise).
      const stderr = r.stderr.startsWith('panic:') ? (r.stderr.split('\n')[0] as string) : r.stderr;
      const msg = stderr.replace(/^error: /, '').replace(/\n$/, '').split(dir).join('$ROOT');
      writeFileSync(errFile, msg + '\n');
    }
    count++;
    console.log(`${r.status === 0 ? 'ok   ' : 'error'} ${area}/${name}`);
  }
}
console.log(`${count} cases`);
