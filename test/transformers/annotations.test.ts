/**
 * The annotations transformer, commonAnnotations (spec §7.5) against the reference kustomize: one test per case folder in annotations-cases/ (inputs, and the
 * expected output or error written by test/scripts/gen-expected.ts from both references, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases('annotations (reference cases)', fileURLToPath(new URL('./annotations-cases', import.meta.url)));
