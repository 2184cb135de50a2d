/**
 * Compares kustomize-ts with the reference over every kustomization directory of the fleet corpus
 * (../shared/corpus/fleets), with the default load restrictor and with LoadRestrictionsNone, and lists the
 * directories whose output or success differs.
 *
 *   npx tsx test/scripts/corpus-compare.ts [FLEET...]
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { LoadRestrictor } from '../../src/build/options.js';
import { sharedDir } from './shared.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const fleetsDir = join(sharedDir, 'corpus/fleets');
const wanted = process.argv.slice(2);
const fleets = readdirSync(fleetsDir).filter((f) => !f.includes('.') && (wanted.length === 0 || wanted.includes(f)));
const fs = nodeFs();
let total = 0;
let same = 0;
for (const fleet of fleets) {
  const tsv = join(fleetsDir, `${fleet}.builds.tsv`);
  if (!existsSync(tsv)) continue;
  const rows = readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
  let fleetSame = 0;
  let fleetTotal = 0;
  for (const row of rows) {
    const dir = row[0] ?? '';
    if (dir.includes('(flux-generated)')) continue;
    for (const restrictor of ['LoadRestrictionsRootOnly', 'LoadRestrictionsNone'] as LoadRestrictor[]) {
      const abs = join(fleetsDir, fleet, dir);
      let ref: string | undefined;
      try {
        ref = execFileSync(kubectl, ['kustomize', '--load-restrictor', restrictor, abs], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          maxBuffer: 1 << 28,
        });
      } catch {
        ref = undefined;
      }
      const ours = build(abs, { fs, loadRestrictor: restrictor });
      const out = ours.ok ? ours.toYaml() : undefined;
      fleetTotal++;
      if (out === ref) fleetSame++;
      else {
        let why = '';
        if (ref === undefined) why = 'reference fails, ours builds';
        else if (out === undefined)
          why = `ours fails: ${ours.diagnostics.find((d) => d.severity === 'error')?.message.slice(0, 160)}`;
        else {
          const a = ref.split('\n');
          const b = out.split('\n');
          let i = 0;
          while (a[i] === b[i]) i++;
          why = `line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
        }
        console.log(`DIFF ${fleet}/${dir} [${restrictor}] ${why}`);
      }
    }
  }
  console.log(`${fleet}: ${fleetSame}/${fleetTotal} identical`);
  total += fleetTotal;
  same += fleetSame;
}
console.log(`${same} identical, ${total - same} different (of ${total} directory × restrictor builds)`);
