/**
 * The label transformers, commonLabels and labels (spec §7.4) against the reference kustomize: one test per case folder in data/labels (inputs, and the
 * expected output or error written by scripts/gen-test-goldens.ts from kubectl 1.33's kustomize).
 */
import { fileURLToPath } from 'node:url';
import { goldenSuite } from '../helpers/golden-cases.js';

await goldenSuite('labels', fileURLToPath(new URL('./data/labels', import.meta.url)));
