/**
 * replacements: end-to-end cases (inputs under replacements-cases/<case>/input/, expected output from the
 * references, v5.8.1 and v5.6.0, via test/scripts/gen-expected.ts; run under both versions), and where errors point.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { checkReferenceCase, loadReferenceCases } from '../helpers/reference-cases.js';

const casesDir = fileURLToPath(new URL('./replacements-cases', import.meta.url));

describe('replacements transformer (reference cases)', () => {
  it.each(loadReferenceCases(casesDir))('$name', (c) => checkReferenceCase(c));
});

describe('replacement errors point at the kustomization field', () => {
  const cases = loadReferenceCases(casesDir);
  it.each([
    { name: 'nothing-selected', line: 4 },
    { name: 'missing-target-field-fails', line: 4 },
    { name: 'path-file-missing-fails', line: 4 },
  ])('$name → kustomization.yaml line $line', ({ name, line }) => {
    const c = cases.find((x) => x.name === name);
    expect(c).toBeDefined();
    const dir = join((c as { dir: string }).dir, 'input');
    const result = build(dir, { fs: nodeFs() });
    const err = result.diagnostics.find((d) => d.severity === 'error');
    expect(err?.file).toBe(join(dir, 'kustomization.yaml'));
    expect(err?.line).toBe(line);
  });
});
