/**
 * vars: named cases under cases/, each built like `kubectl kustomize` and compared byte for byte with
 * the reference output (test/scripts/gen-expected.ts writes expected.yaml / expected-error.txt /
 * expected-warnings.txt with kustomize v5.8.1, .v5.6 variants where v5.6.0 differs; both versions run).
 */
import { join } from 'node:path';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases('vars (reference cases)', join(import.meta.dirname, 'cases'));
