/**
 * `npm run conformance -- <folder> [--kustomize-version 5.8|5.6] [--known FILE] [--quiet]`: builds every
 * conformance case under the folder in one process with the given kustomize version (default 5.8, for
 * ../shared/conformance-v5.8; ../shared/conformance holds v5.6.0's outputs), prints each failing case with its
 * first differing line, then `N passed, M failed`. With --known, also lists failures not in the
 * known-differences list and known differences that now pass.
 */
/// <reference types="node" />
import { resolve } from 'node:path';
import { findCases, loadKnownDifferences, runCase } from './conformance-lib.js';
import {
  DEFAULT_KUSTOMIZE_VERSION,
  describeKustomizeVersions,
  parseKustomizeVersion,
} from '../../src/build/versions.js';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const knownIdx = args.indexOf('--known');
const knownFile = knownIdx >= 0 ? args[knownIdx + 1] : undefined;
const versionIdx = args.indexOf('--kustomize-version');
const versionArg = versionIdx >= 0 ? (args[versionIdx + 1] ?? '') : DEFAULT_KUSTOMIZE_VERSION;
const version = parseKustomizeVersion(versionArg);
const valueIdx = new Set([knownIdx, versionIdx].filter((i) => i >= 0).map((i) => i + 1));
const folder = args.find((a, i) => !a.startsWith('--') && !valueIdx.has(i));
if (!folder || !version) {
  if (!version) console.error(`unsupported --kustomize-version ${versionArg}: use ${describeKustomizeVersions()}`);
  console.error('usage: npm run conformance -- <folder> [--kustomize-version 5.8|5.6] [--known FILE] [--quiet]');
  process.exit(2);
}
const root = resolve(folder);
const known = knownFile ? loadKnownDifferences(knownFile) : new Map<string, string>();
let passed = 0;
let failed = 0;
const unexpected: string[] = [];
const fixed: string[] = [];
const start = Date.now();
for (const dir of findCases(root)) {
  const r = runCase(dir, root, version);
  if (r.passed) {
    passed++;
    if (known.has(r.name)) fixed.push(r.name);
  } else {
    failed++;
    if (!known.has(r.name)) unexpected.push(r.name);
    if (!quiet) console.log(`FAIL ${r.name}\n     ${r.detail ?? ''}`);
  }
}
if (knownFile) {
  console.log(`unexpected failures (not in ${knownFile}): ${unexpected.length}`);
  for (const u of unexpected) console.log(`  ${u}`);
  console.log(`known differences that now pass: ${fixed.length}`);
  for (const f of fixed) console.log(`  ${f}`);
}
console.log(`(kustomize ${version}, ${((Date.now() - start) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
