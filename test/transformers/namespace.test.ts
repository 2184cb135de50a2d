/**
 * The namespace transformer (spec §7.3) against the reference kustomize: one test per case folder in namespace-cases/ (inputs, and the
 * expected output or error written by test/scripts/gen-expected.ts from both references, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases('namespace (reference cases)', fileURLToPath(new URL('./namespace-cases', import.meta.url)));
