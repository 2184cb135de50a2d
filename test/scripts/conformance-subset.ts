/**
 * `npx tsx test/scripts/conformance-subset.ts [<conformance folder>] [--fields a,b,...] [--quiet]`: the figure of
 * issue 2's "Done when" — over the conformance cases whose kustomization fields (index.tsv) are only
 * `resources, bases, components, namespace, namePrefix, nameSuffix, commonLabels, labels, commonAnnotations`
 * (or the `--fields` list), how many the reference builds are byte-identical, and how many it rejects are
 * rejected. With `--with x,y`, the cases that use at least one of x, y and otherwise only those fields (issue
 * 3's figure: `--with patches,patchesStrategicMerge,patchesJson6902,openapi,crds`). Prints failing cases
 * (unless --quiet), then the two counts and the combined percentage.
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusKustomizeVersion, runCase } from './conformance-lib.js';
import { sharedDir } from './shared.js';

const PART1_FIELDS = [
  'resources',
  'bases',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
];

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const fieldsIdx = args.indexOf('--fields');
const withIdx = args.indexOf('--with');
const required = new Set(withIdx >= 0 ? (args[withIdx + 1] ?? '').split(',') : []);
const fields = new Set([...(fieldsIdx >= 0 ? (args[fieldsIdx + 1] ?? '').split(',') : PART1_FIELDS), ...required]);
const folderArg = args.find((a, i) => !a.startsWith('--') && i !== fieldsIdx + 1 && i !== withIdx + 1);
const root = resolve(folderArg ?? join(sharedDir, 'conformance'));
const indexFile = join(root, 'index.tsv');
if (!existsSync(indexFile)) {
  console.error(`no index.tsv in ${root}`);
  process.exit(2);
}

/** The cases of index.tsv whose kustomization fields are all in `fields`. */
function selectCases(): { name: string; expectsError: boolean }[] {
  const lines = readFileSync(indexFile, 'utf8').split('\n').slice(1);
  const out: { name: string; expectsError: boolean }[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const [name = '', expects = '', used = ''] = line.split('\t');
    const usedFields = used === '' ? [] : used.split(',');
    if (!usedFields.every((f) => fields.has(f))) continue;
    if (required.size > 0 && !usedFields.some((f) => required.has(f))) continue;
    out.push({ name, expectsError: expects === 'yes' });
  }
  return out;
}

let builds = 0;
let buildsOk = 0;
let rejects = 0;
let rejectsOk = 0;
for (const c of selectCases()) {
  const r = runCase(join(root, c.name), root, corpusKustomizeVersion(root));
  if (r.expectsError) {
    rejects++;
    if (r.passed) rejectsOk++;
  } else {
    builds++;
    if (r.passed) buildsOk++;
  }
  if (!r.passed && !quiet) console.log(`FAIL ${r.name}\n     ${r.detail ?? ''}`);
}
const pct = (a: number, b: number): string => (b === 0 ? '100.0' : ((100 * a) / b).toFixed(1));
console.log(`reference builds: ${buildsOk}/${builds} byte-identical (${pct(buildsOk, builds)}%)`);
console.log(`reference rejects: ${rejectsOk}/${rejects} rejected (${pct(rejectsOk, rejects)}%)`);
console.log(`subset: ${buildsOk + rejectsOk}/${builds + rejects} (${pct(buildsOk + rejectsOk, builds + rejects)}%)`);
