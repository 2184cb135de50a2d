/**
 * The table of end-to-end transformer cases under test/transformers/cases/<area>/<case>/: the inputs
 * (a kustomization and its files) with the reference output written by scripts/gen-transformer-cases.ts
 * (`expected.yaml`, or `expected-error.txt` when the reference fails).
 */
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';

export interface TransformerCase {
  name: string;
  dir: string;
  expected?: string;
  expectedError?: string;
}

const casesRoot = join(dirname(fileURLToPath(import.meta.url)), 'cases');

/** The cases of one area, sorted by name. */
export function caseTable(area: string): TransformerCase[] {
  const areaDir = join(casesRoot, area);
  return readdirSync(areaDir)
    .sort()
    .map((name) => join(areaDir, name))
    .filter((dir) => statSync(dir).isDirectory())
    .map((dir) => {
      const c: TransformerCase = { name: dir.slice(areaDir.length + 1), dir };
      const out = join(dir, 'expected.yaml');
      const err = join(dir, 'expected-error.txt');
      if (existsSync(out)) c.expected = readFileSync(out, 'utf8');
      if (existsSync(err)) c.expectedError = readFileSync(err, 'utf8');
      return c;
    });
}

/** Builds a case and checks it against the reference: same output, or the same error message. */
export function checkCase(c: TransformerCase): void {
  const result = build(c.dir, { fs: nodeFs() });
  if (c.expected !== undefined) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(errors).toEqual([]);
    expect(result.toYaml()).toBe(c.expected);
    return;
  }
  expect(c.expectedError, 'case has neither expected.yaml nor expected-error.txt').toBeDefined();
  expect(result.ok).toBe(false);
  const expected = (c.expectedError as string).split('$ROOT').join(c.dir).trimEnd();
  // A Go panic in the reference: kustomize-ts reports an error instead; only failure is checked.
  if (expected.startsWith('panic:')) return;
  const message = result.diagnostics.find((d) => d.severity === 'error')?.message ?? '';
  expect(message.trimEnd()).toBe(expected);
}
