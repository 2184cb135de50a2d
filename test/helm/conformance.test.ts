/**
 * The helm conformance corpus (../shared/helm-conformance: 77 `helm template` renderings by Helm v3.21.4
 * of Helm's test charts, podinfo, cert-manager, ingress-nginx, external-dns, metrics-server and the bjw-s
 * app-template). Every case must pass unless it is in known-differences.json (each with its reason,
 * mirrored in docs/helm.md); a known difference that starts passing fails the suite too.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHelmCases, loadKnownHelmDifferences, runHelmCase } from '../scripts/helm-conformance-lib.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';

const corpus = join(sharedDir, 'helm-conformance');
const known = loadKnownHelmDifferences(join(repoRoot, 'test/helm/known-differences.json'));

if (!hasShared) {
  describe('helm conformance corpus', () => {
    it.skip(sharedSkipReason('the helm conformance suite'), () => {});
  });
  console.warn(sharedSkipReason('the helm conformance suite'));
} else {
  describe('helm conformance corpus', () => {
    const cases = findHelmCases(corpus);
    it('has the whole corpus', () => {
      expect(cases.length).toBeGreaterThanOrEqual(77);
    });
    for (const dir of cases) {
      const name = dir.split('/').pop() as string;
      const reason = known.get(name);
      it(reason === undefined ? name : `${name} (known difference: ${reason})`, { timeout: 60_000 }, () => {
        const r = runHelmCase(dir);
        if (reason === undefined) expect(r.detail ?? 'passed').toBe('passed');
        else expect(r.passed, `${name} now passes: remove it from known-differences.json and docs/helm.md`).toBe(false);
      });
    }
  });
}
