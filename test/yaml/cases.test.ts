/**
 * The YAML in/out matrix: every folder of test/yaml/cases (made by test/scripts/gen-yaml-cases.ts with the
 * reference binary) is built through the library API and compared byte for byte with the reference's
 * output; a case the reference fails must fail with the diagnostic code its case.json names.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

const casesDir = resolve(__dirname, 'cases');

interface CaseMeta {
  rule: string;
  code?: string;
}

function loadInput(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) files[`/case/${name}`] = readFileSync(join(dir, name), 'utf8');
  return files;
}

const names = readdirSync(casesDir)
  .filter((d) => existsSync(join(casesDir, d, 'case.json')))
  .sort();

describe('YAML matrix (expected output from kubectl.1.33 kustomize)', () => {
  it('has cases', () => {
    expect(names.length).toBeGreaterThan(60);
  });
  for (const name of names) {
    const dir = join(casesDir, name);
    const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseMeta;
    it(`${name}: ${meta.rule}`, () => {
      const result = build('/case', { fs: memoryFs(loadInput(join(dir, 'input'))) });
      if (existsSync(join(dir, 'expected.yaml'))) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(errors).toEqual([]);
        expect(result.toYaml()).toBe(readFileSync(join(dir, 'expected.yaml'), 'utf8'));
      } else {
        expect(result.ok).toBe(false);
        const codes = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
        if (meta.code) expect(codes).toContain(meta.code);
      }
    });
  }
});
