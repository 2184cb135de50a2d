/**
 * The prefix and suffix transformers (spec §7.6) against the reference kustomize: one test per case folder in prefix-suffix-cases/ (inputs, and the
 * expected output or error written by test/scripts/gen-expected.ts from both references, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases('prefix-suffix (reference cases)', fileURLToPath(new URL('./prefix-suffix-cases', import.meta.url)));
