/**
 * `npm run conformance:helm -- <corpus> [--quiet]`: renders every case of a helm-conformance corpus
 * (../shared/helm-conformance), prints each failing case with its first differing line, then
 * `N passed, M failed`.
 */
/// <reference types="node" />
import { resolve } from 'node:path';
import { findHelmCases, runHelmCase } from './helm-conformance-lib.js';

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const folder = args.find((a) => !a.startsWith('--'));
if (!folder) {
  console.error('usage: npm run conformance:helm -- <corpus folder> [--quiet]');
  process.exit(2);
}
let passed = 0;
let failed = 0;
const start = Date.now();
for (const dir of findHelmCases(resolve(folder))) {
  const r = runHelmCase(dir);
  if (r.passed) passed++;
  else {
    failed++;
    if (!quiet) console.log(`FAIL ${r.name}\n     ${r.detail ?? ''}`);
  }
}
console.log(`(${((Date.now() - start) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
