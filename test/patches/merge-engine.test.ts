/**
 * The patch engine against the reference: every case of cases.yaml (strategic-merge directives and list
 * rules, JSON 6902 operations, patch type detection, targets, openapi/crds) is built from an in-memory
 * file system and compared, under every kustomize version, with the output (or error) that version's
 * reference gave for the same files (test/patches/expected/, written by test/scripts/gen-patch-cases.ts).
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { EXPECTED_DIR, loadCases, type PatchCase } from '../scripts/gen-patch-cases.js';
import type { KustomizeVersion } from '../../src/build/versions.js';
import { testedVersions, versionedFile } from '../helpers/versions.js';

const ROOT = '/case';

interface Row extends PatchCase {
  version: KustomizeVersion;
  expected?: string;
  expectedError?: string;
}

function rows(version: KustomizeVersion): Row[] {
  return loadCases()
    .filter((c) => !c.name.startsWith('x-'))
    .map((c) => {
      const yamlFile = join(EXPECTED_DIR, `${c.name}.yaml`);
      const errFile = join(EXPECTED_DIR, `${c.name}.error.txt`);
      const out = versionedFile(yamlFile, version, [errFile]);
      const err = versionedFile(errFile, version, [yamlFile]);
      const r: Row = { ...c, version };
      if (existsSync(out)) r.expected = readFileSync(out, 'utf8');
      if (existsSync(err)) r.expectedError = readFileSync(err, 'utf8');
      return r;
    });
}

function run(c: Row) {
  const files: Record<string, string> = {};
  for (const [p, t] of Object.entries(c.files)) files[`${ROOT}/${p}`] = t;
  return build(`${ROOT}/${c.build ?? '.'}`.replace(/\/\.$/, ''), { fs: memoryFs(files), kustomizeVersion: c.version });
}

describe.each(testedVersions)('patch engine (reference cases, kustomize %s)', (version) => {
  it.each(rows(version))('$name', (c) => {
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

describe('reference deviations (the default version takes upstream behaviour from another reference)', () => {
  const deviating = loadCases().filter((c) => c.referenceDeviation !== undefined);
  it.each(deviating)('$name: the kustomize-5.8.1 binary still prints something else', (c) => {
    const own = ['yaml', 'error.txt']
      .map((ext) => join(EXPECTED_DIR, `${c.name}.${ext.replace(/(txt|yaml)$/, 'debian.$1')}`))
      .find((f) => existsSync(f));
    expect(own, 'run test/scripts/gen-patch-cases.ts').toBeDefined();
    const expected = ['yaml', 'error.txt']
      .map((ext) => join(EXPECTED_DIR, `${c.name}.${ext}`))
      .find((f) => existsSync(f));
    expect(readFileSync(own as string, 'utf8')).not.toBe(readFileSync(expected as string, 'utf8'));
  });
});
