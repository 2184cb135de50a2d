/**
 * The prefix and suffix transformers (spec §7.6) against the reference kustomize: one test per case folder in data/prefix-suffix (inputs, and the
 * expected output or error written by scripts/gen-test-goldens.ts from kubectl 1.33's kustomize).
 */
import { fileURLToPath } from 'node:url';
import { goldenSuite } from '../helpers/golden-cases.js';

await goldenSuite('prefix-suffix', fileURLToPath(new URL('./data/prefix-suffix', import.meta.url)));
