/**
 * Sprig v3.3.0's template tests (runt/runtv calls and tables of its *_test.go files) and Helm v3.21.4's
 * pkg/engine TestFuncs table, extracted by test/scripts/gen-helm-tables.ts. Sprig's cases run with
 * `sprigFuncMap()` (sprig.TxtFuncMap), Helm's with `helmFuncMap()` (Helm's funcMap), as upstream.
 */
import { describe, expect, it } from 'vitest';
import sprigTable from './tables/sprig.json';
import helmTable from './tables/helm-funcs.json';
import { TemplateSet } from '../../src/helm/template/index.js';
import { helmFuncMap, sprigFuncMap } from '../../src/helm/funcs/index.js';
import { decode, type GoLit } from './go-fixtures.js';

interface FuncCase {
  file: string;
  test: string;
  template: string;
  expected: string;
  data: GoLit;
}

const sprigFuncs = sprigFuncMap();
const helmFuncs = helmFuncMap();

function run(funcs: typeof sprigFuncs, c: FuncCase): string {
  const set = new TemplateSet('test').funcs(funcs);
  set.parse('test', c.template);
  return set.execute('test', decode(c.data));
}

describe('Sprig v3.3.0 (TxtFuncMap)', () => {
  for (const c of sprigTable.cases as FuncCase[]) {
    it(`${c.file} ${c.test}: ${c.template}`, () => {
      expect(run(sprigFuncs, c)).toBe(c.expected);
    });
  }
});

describe('Helm v3.21.4 pkg/engine funcMap (TestFuncs)', () => {
  for (const c of helmTable.cases as FuncCase[]) {
    it(c.template, () => {
      expect(run(helmFuncs, c)).toBe(c.expected);
    });
  }
});
