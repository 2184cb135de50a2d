/**
 * The namespace transformer (spec §7.3) against the reference kustomize: one test per case folder in data/namespace (inputs, and the
 * expected output or error written by scripts/gen-test-goldens.ts from kubectl 1.33's kustomize).
 */
import { fileURLToPath } from 'node:url';
import { goldenSuite } from '../helpers/golden-cases.js';

await goldenSuite('namespace', fileURLToPath(new URL('./data/namespace', import.meta.url)));
