/**
 * Table-driven golden cases: folders with `input/` (a kustomization and its files), optional `run` and
 * `flags`, and the reference kustomize's `expected.yaml` or `expected-error.txt` (written by
 * scripts/gen-test-goldens.ts, never by hand). `runGoldenCase` builds a case through the library API.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildResult } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { LoadRestrictor, Reorder } from '../../src/build/options.js';

/** One golden case. */
export interface GoldenCase {
  /** Folder name, used as the test name. */
  name: string;
  dir: string;
  /** The reference output, or undefined when the reference fails. */
  expected: string | undefined;
  /** The reference's error text, when it fails. */
  expectedError: string | undefined;
}

/** The cases under `dir` (each subfolder holding `input/`), sorted by name. */
export function goldenCases(dir: string): GoldenCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, dir: join(dir, name) }))
    .filter((c) => statSync(c.dir).isDirectory() && existsSync(join(c.dir, 'input')))
    .map((c) => ({
      ...c,
      expected: existsSync(join(c.dir, 'expected.yaml')) ? readFileSync(join(c.dir, 'expected.yaml'), 'utf8') : undefined,
      expectedError: existsSync(join(c.dir, 'expected-error.txt')) ? readFileSync(join(c.dir, 'expected-error.txt'), 'utf8') : undefined,
    }));
}

function flagValue(flags: string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
}

/** Builds a case with the library (through the Node file system adapter). */
export function runGoldenCase(c: GoldenCase): BuildResult {
  const run = existsSync(join(c.dir, 'run')) ? readFileSync(join(c.dir, 'run'), 'utf8').trim() : '.';
  const flags = existsSync(join(c.dir, 'flags')) ? readFileSync(join(c.dir, 'flags'), 'utf8').trim().split(/\s+/) : [];
  return build(join(c.dir, 'input', run), {
    fs: nodeFs(),
    loadRestrictor: (flagValue(flags, '--load-restrictor') ?? 'LoadRestrictionsRootOnly') as LoadRestrictor,
    reorder: (flagValue(flags, '--reorder') ?? 'legacy') as Reorder,
  });
}

/** The first error diagnostic's message of a failed build ('' when it succeeded). */
export function errorOf(res: BuildResult): string {
  return res.diagnostics.find((d) => d.severity === 'error')?.message ?? '';
}

/**
 * Registers one vitest test per golden case under `dir`: a case the reference builds must build
 * byte-identical; a case the reference rejects must be rejected.
 */
export async function goldenSuite(title: string, dir: string): Promise<void> {
  const { describe, expect, it } = await import('vitest');
  const cases = goldenCases(dir);
  describe(title, () => {
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      it(c.name, () => {
        const res = runGoldenCase(c);
        if (c.expected === undefined) {
          expect(res.ok, `the reference fails with: ${c.expectedError ?? ''}`).toBe(false);
          return;
        }
        expect(errorOf(res)).toBe('');
        expect(res.toYaml()).toBe(c.expected);
      });
    }
  });
}
