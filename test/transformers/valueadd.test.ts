/**
 * valueadd: end-to-end cases (inputs under valueadd-cases/<case>/input/, expected output from the reference
 * kustomize v5.8.1 and v5.6.0 via test/scripts/gen-expected.ts, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { checkReferenceCase, loadReferenceCases } from '../helpers/reference-cases.js';

describe('valueadd transformer (reference cases)', () => {
  it.each(loadReferenceCases(fileURLToPath(new URL('./valueadd-cases', import.meta.url))))('$name', (c) =>
    checkReferenceCase(c),
  );
});
