/**
 * The patch engine against the reference: every case of cases.yaml (strategic-merge directives and list
 * rules, JSON 6902 operations, patch type detection, targets, openapi/crds) is built from an in-memory
 * file system and compared with the output (or error) kustomize v5.6.0 gave for the same files
 * (test/patches/expected/, written by test/scripts/gen-patch-cases.ts).
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { EXPECTED_DIR, loadCases, type PatchCase } from '../scripts/gen-patch-cases.js';

const ROOT = '/case';

interface Row extends PatchCase {
  expected?: string;
  expectedError?: string;
}

function rows(): Row[] {
  return loadCases()
    .filter((c) => !c.name.startsWith('x-'))
    .map((c) => {
      const out = join(EXPECTED_DIR, `${c.name}.yaml`);
      const err = join(EXPECTED_DIR, `${c.name}.error.txt`);
      const r: Row = { ...c };
      if (existsSync(out)) r.expected = readFileSync(out, 'utf8');
      if (existsSync(err)) r.expectedError = readFileSync(err, 'utf8');
      return r;
    });
}

function run(c: Row) {
  const files: Record<string, string> = {};
  for (const [p, t] of Object.entries(c.files)) files[`${ROOT}/${p}`] = t;
  return build(`${ROOT}/${c.build ?? '.'}`.replace(/\/\.$/, ''), { fs: memoryFs(files) });
}

describe('patch engine (reference cases)', () => {
  it.each(rows())('$name', (c) => {
    const result = run(c);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (c.expected !== undefined) {
      expect(errors.map((d) => d.message)).toEqual([]);
      if (c.knownDifference) {
        expect(result.toYaml(), `known difference now matches: ${c.knownDifference}`).not.toBe(c.expected);
        return;
      }
      expect(result.toYaml()).toBe(c.expected);
      return;
    }
    expect(c.expectedError, 'case has no expected output: run test/scripts/gen-patch-cases.ts').toBeDefined();
    expect(result.ok).toBe(false);
    const expected = (c.expectedError as string).split('$ROOT').join(ROOT).trimEnd();
    if (expected.startsWith('panic:') || c.errorDiffers) return;
    expect(errors[0]?.message.trimEnd()).toBe(expected);
    expect(errors[0]?.file, 'errors carry a file').toBeDefined();
  });
});
