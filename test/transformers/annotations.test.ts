/**
 * The annotations transformer, commonAnnotations (spec §7.5) against the reference kustomize: one test per case folder in data/annotations (inputs, and the
 * expected output or error written by scripts/gen-test-goldens.ts from kubectl 1.33's kustomize).
 */
import { fileURLToPath } from 'node:url';
import { goldenSuite } from '../helpers/golden-cases.js';

await goldenSuite('annotations', fileURLToPath(new URL('./data/annotations', import.meta.url)));
