/**
 * The name-reference fix-up (spec §6) against the reference kustomize: one test per case folder in name-reference-cases/ (inputs, and the
 * expected output or error written by test/scripts/gen-expected.ts from both references, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases(
  'name-reference (reference cases)',
  fileURLToPath(new URL('./name-reference-cases', import.meta.url)),
);
