/**
 * Chart-engine pieces against Helm's own test tables (extracted by test/scripts/gen-helm-*-cases.ts from
 * Helm v3.21.4): `.helmignore` rules (pkg/ignore) and the install order of manifests (pkg/releaseutil).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HelmIgnore } from '../../src/helm/chart/helmignore.js';
import { sortByKind } from '../../src/helm/chart/manifests.js';
import { repoRoot } from '../helpers/shared.js';

interface IgnoreCase {
  pattern: string;
  name: string;
  isDir: boolean;
  expect: boolean;
}
interface IgnoreData {
  cases: IgnoreCase[];
  shouldFail: string[];
}
interface SortData {
  tests: { test: string; manifests: { name: string; kind: string }[]; expected: string }[];
}

const read = (name: string): unknown => JSON.parse(readFileSync(join(repoRoot, 'test/helm/data', name), 'utf8'));

describe('.helmignore (Helm TestIgnore, TestParseFail)', () => {
  const data = read('helmignore-cases.json') as IgnoreData;
  for (const c of data.cases) {
    it(`${c.pattern} ${c.expect ? 'ignores' : 'keeps'} ${JSON.stringify(c.name)}`, () => {
      expect(HelmIgnore.parse(c.pattern).ignores(c.name, c.isDir)).toBe(c.expect);
    });
  }
  for (const p of data.shouldFail) it(`refuses ${p}`, () => expect(() => HelmIgnore.parse(p)).toThrow());
});

describe('install order (Helm TestKindSorter*)', () => {
  const data = read('kind-sort-cases.json') as SortData;
  for (const t of data.tests) {
    it(t.test, () => {
      expect(t.expected).not.toBe('');
      expect(
        sortByKind(t.manifests.map((m) => ({ ...m })))
          .map((m) => m.name)
          .join(''),
      ).toBe(t.expected);
    });
  }
});
