/**
 * The kustomize conformance corpora: 411 cases from kustomize's own test suite, with the outputs of
 * kustomize v5.8.1 (../shared/conformance-v5.8, built with the default version) and of kustomize v5.6.0
 * (../shared/conformance, built with `kustomizeVersion: '5.6'`). Every case must pass unless it is in
 * known-differences.json (each entry with its reason, mirrored in docs/compatibility.md); a known difference
 * that starts passing fails the suite too, so the list only shrinks.
 */
/// <reference types="node" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCases, loadKnownDifferences, runCase } from '../scripts/conformance-lib.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';
import type { KustomizeVersion } from '../../src/build/versions.js';

const known = loadKnownDifferences(join(repoRoot, 'test/conformance/known-differences.json'));

/** Each corpus and the version it is built with (undefined: the default version). */
const corpora: { folder: string; version: KustomizeVersion | undefined }[] = [
  { folder: 'conformance-v5.8', version: undefined },
  { folder: 'conformance', version: '5.6' },
];

for (const { folder, version } of corpora) {
  const corpus = join(sharedDir, folder);
  const title = `kustomize conformance corpus ${folder} (kustomize ${version ?? 'default version'})`;
  if (!hasShared || !existsSync(corpus)) {
    describe(title, () => {
      it.skip(sharedSkipReason(`the conformance suite (${folder})`), () => {});
    });
    console.warn(sharedSkipReason(`the conformance suite (${folder})`));
    continue;
  }
  describe(title, () => {
    const cases = findCases(corpus);
    it('has the whole corpus', () => {
      expect(cases.length).toBeGreaterThanOrEqual(400);
    });
    for (const dir of cases) {
      const name = dir.slice(corpus.length + 1);
      const reason = known.get(`${folder}/${name}`) ?? known.get(name);
      it(reason === undefined ? name : `${name} (known difference: ${reason})`, () => {
        const r = runCase(dir, corpus, version);
        if (reason === undefined) expect(r.detail ?? 'passed').toBe('passed');
        else
          expect(r.passed, `${name} now passes: remove it from known-differences.json and docs/compatibility.md`).toBe(
            false,
          );
      });
    }
  });
}
