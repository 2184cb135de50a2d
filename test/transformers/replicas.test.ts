/**
 * replicas: end-to-end cases (inputs under replicas-cases/<case>/input/, expected output from the reference
 * kustomize v5.8.1 and v5.6.0 via test/scripts/gen-expected.ts, run under both versions).
 */
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { checkReferenceCase, loadReferenceCases } from '../helpers/reference-cases.js';

describe('replicas transformer (reference cases)', () => {
  it.each(loadReferenceCases(fileURLToPath(new URL('./replicas-cases', import.meta.url))))('$name', (c) =>
    checkReferenceCase(c),
  );
});
