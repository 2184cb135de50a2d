/**
 * The kustomize conformance corpus (../shared/conformance: 411 cases from kustomize's own test suite with
 * the output of kustomize v5.6.0). Every case must pass unless it is in known-differences.json (each
 * entry with its reason, mirrored in docs/compatibility.md); a known difference that starts passing
 * fails the suite too, so the list only shrinks.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCases, loadKnownDifferences, runCase } from '../scripts/conformance-lib.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';

const corpus = join(sharedDir, 'conformance');
const known = loadKnownDifferences(join(repoRoot, 'test/conformance/known-differences.json'));

if (!hasShared) {
  describe('kustomize conformance corpus', () => {
    it.skip(sharedSkipReason('the conformance suite'), () => {});
  });
  console.warn(sharedSkipReason('the conformance suite'));
} else {
  describe('kustomize conformance corpus', () => {
    const cases = findCases(corpus);
    it('has the whole corpus', () => {
      expect(cases.length).toBeGreaterThanOrEqual(400);
    });
    for (const dir of cases) {
      const name = dir.slice(corpus.length + 1);
      const reason = known.get(name);
      it(reason === undefined ? name : `${name} (known difference: ${reason})`, () => {
        const r = runCase(dir, corpus);
        if (reason === undefined) expect(r.detail ?? 'passed').toBe('passed');
        else
          expect(r.passed, `${name} now passes: remove it from known-differences.json and docs/compatibility.md`).toBe(
            false,
          );
      });
    }
  });
}
