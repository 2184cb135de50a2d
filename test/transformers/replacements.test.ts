/**
 * replacements: end-to-end cases (inputs under cases/replacements/, expected output from the reference
 * kustomize v5.6.0 via scripts/gen-transformer-cases.ts), and where errors point.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { caseTable, checkCase } from './case-table.js';

describe('replacements transformer (reference cases)', () => {
  it.each(caseTable('replacements'))('$name', (c) => checkCase(c));
});

describe('replacement errors point at the kustomization field', () => {
  const cases = caseTable('replacements');
  it.each([
    { name: 'nothing-selected', line: 4 },
    { name: 'missing-target-field-fails', line: 4 },
    { name: 'path-file-missing-fails', line: 4 },
  ])('$name → kustomization.yaml line $line', ({ name, line }) => {
    const c = cases.find((x) => x.name === name);
    expect(c).toBeDefined();
    const dir = (c as { dir: string }).dir;
    const result = build(dir, { fs: nodeFs() });
    const err = result.diagnostics.find((d) => d.severity === 'error');
    expect(err?.file).toBe(join(dir, 'kustomization.yaml'));
    expect(err?.line).toBe(line);
  });
});
