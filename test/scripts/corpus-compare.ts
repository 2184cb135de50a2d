/**
 * Compares kustomize-ts with the reference of a kustomize version over every kustomization directory of the
 * fleet corpus (../shared/corpus/fleets), with the default load restrictor and with LoadRestrictionsNone,
 * and lists the directories whose output or success differs. `--kustomize-version 5.8` (the default)
 * compares with `kustomize-5.8.1 build`, `5.6` with `kubectl.1.33 kustomize` (test/scripts/reference-binaries.ts).
 *
 *   npx tsx test/scripts/corpus-compare.ts [--kustomize-version 5.8|5.6] [FLEET...]
 */
/// <reference types="node" />
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { LoadRestrictor } from '../../src/build/options.js';
import { sharedDir } from './shared.js';
import { runReference } from './reference-binaries.js';
import { DEFAULT_KUSTOMIZE_VERSION, parseKustomizeVersion } from '../../src/kustomization/versions.js';

const fleetsDir = join(sharedDir, 'corpus/fleets');
const argv = process.argv.slice(2);
const vi = argv.indexOf('--kustomize-version');
const version = parseKustomizeVersion(vi >= 0 ? (argv[vi + 1] ?? '') : DEFAULT_KUSTOMIZE_VERSION);
if (!version) {
  console.error('usage: corpus-compare.ts [--kustomize-version 5.8|5.6] [FLEET...]');
  process.exit(2);
}
const wanted = argv.filter((a, i) => a !== '--kustomize-version' && i !== vi + 1);
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
      const run = runReference(version, abs, ['--load-restrictor', restrictor]);
      const ref = run.ok ? run.stdout : undefined;
      const ours = build(abs, { fs, loadRestrictor: restrictor, kustomizeVersion: version });
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
console.log(
  `kustomize ${version}: ${same} identical, ${total - same} different (of ${total} directory × restrictor builds)`,
);
