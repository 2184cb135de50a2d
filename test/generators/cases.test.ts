/**
 * Generator cases (test/generators/cases/<name>/): each input builds byte-identical to the output of the
 * references (`kustomize-5.8.1 build`, `kubectl kustomize`; regenerate with test/scripts/gen-expected.ts), or fails
 * like it (a Go pointer kustomize prints, `merging from generator &{0x...}`, matches any word). A case.json
 * may name a stable part of an error (`errorContains`), a builtin transformer the case `needs` (skipped
 * while absent), or `compare: names` with its `note` (a known difference of the output writer, not of the
 * generators): then the kinds and names of the objects, which carry the hash of their content, are compared.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReferenceCase, loadReferenceCases, referenceCaseMissing } from '../helpers/reference-cases.js';

const cases = loadReferenceCases(fileURLToPath(new URL('./cases', import.meta.url)));

describe('generator cases (expected output from both references)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(40));
  for (const c of cases) {
    const missing = referenceCaseMissing(c);
    it.skipIf(missing !== undefined)(missing ? `${c.name} (skipped: ${missing})` : c.name, () => checkReferenceCase(c));
  }
});
