/**
 * The name-reference fix-up (spec §6) against the reference kustomize: one test per case folder in data/name-reference (inputs, and the
 * expected output or error written by scripts/gen-test-goldens.ts from kubectl 1.33's kustomize).
 */
import { fileURLToPath } from 'node:url';
import { goldenSuite } from '../helpers/golden-cases.js';

await goldenSuite('name-reference', fileURLToPath(new URL('./data/name-reference', import.meta.url)));
