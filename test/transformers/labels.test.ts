/**
 * The label transformers, commonLabels and labels (spec §7.4) against the reference kustomize: one test per case folder in labels-cases/ (inputs, and the
 * expected output or error written by test/scripts/gen-expected.ts from both references, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases('labels (reference cases)', fileURLToPath(new URL('./labels-cases', import.meta.url)));
