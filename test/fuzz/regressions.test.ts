/**
 * The differences the fuzzer found (test/fuzz/cases, written by `npm run fuzz -- --save`), each minimized,
 * with the outputs of both reference versions: every one must now build like the reference.
 */
import { join } from 'node:path';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases(
  'fuzzer regressions (expected output from kustomize-5.8.1 and kubectl.1.33)',
  join(import.meta.dirname, 'cases'),
);
