/**
 * Regression cases written by the fuzzer (`--save`), in the reference-case layout of the other end-to-end
 * tables (test/helpers/reference-cases.ts): `test/fuzz/cases/<name>/input/` (the minimized files),
 * `case.json` (the directory to build, flags, and a note saying where and how the case was found) and the
 * expected files of both kustomize versions written by the reference binaries
 * (test/scripts/reference-outputs.ts). test/fuzz/regressions.test.ts runs them without the binaries.
 */
/// <reference types="node" />
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildReferenceCase, loadReferenceCases } from '../helpers/reference-cases.js';
import { writeReferenceOutputs } from '../scripts/reference-outputs.js';
import type { FuzzCase, Outcome } from './case.js';
import { shortHash } from './features.js';

export interface RegressionMeta {
  class: string;
  foundAs: Outcome;
  features: string[];
}

function slug(s: string): string {
  return s
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The folder name of a class: outcome, the first features, a hash of the whole class. */
export function regressionName(meta: RegressionMeta): string {
  return `${slug(`${meta.foundAs}-${meta.features.slice(0, 4).join('-')}`)}-${shortHash(meta.class)}`;
}

/**
 * Writes the case under `root` with the references' outputs; where our error wording differs from the
 * reference's, the case checks the failure only. Returns the case folder.
 */
export function saveRegression(root: string, c: FuzzCase, meta: RegressionMeta): string {
  const name = regressionName(meta);
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(c.files)) {
    const p = join(dir, 'input', path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  const config: Record<string, unknown> = {
    run: c.run,
    ...(c.flags.length > 0 ? { flags: c.flags } : {}),
    note: `found by the fuzzer as ${meta.foundAs} (case ${c.id}; class: ${meta.class || 'plain'})`,
  };
  const writeConfig = (): void => writeFileSync(join(dir, 'case.json'), JSON.stringify(config, null, 2) + '\n');
  writeConfig();
  writeReferenceOutputs(dir);
  // Our errors say what kustomize says where its wording is stable; elsewhere only the failure counts.
  const wordingDiffers = loadReferenceCases(root)
    .filter((rc) => rc.dir === dir && rc.expectedError !== undefined && !rc.expectedError.startsWith('panic: '))
    .some((rc) => buildReferenceCase(rc).error !== rc.expectedError);
  if (wordingDiffers) {
    config.errorMatch = 'fails';
    config.note = `${String(config.note)}; the error is worded by kustomize-ts`;
    writeConfig();
  }
  return dir;
}
