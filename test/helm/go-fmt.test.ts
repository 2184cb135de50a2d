/**
 * Go's fmt tables (fmtTests, reorderTests, startests of fmt_test.go, go1.26.0) for the verbs, flags,
 * widths, precisions and argument indexes the value model can express; extracted by
 * test/scripts/gen-helm-tables.ts into test/helm/tables/go-fmt.json.
 */
import { describe, expect, it } from 'vitest';
import fmtTable from './tables/go-fmt.json';
import { sprintf } from '../../src/helm/template/index.js';
import { decode, type GoLit } from './go-fixtures.js';

interface FmtCase {
  table: string;
  format: string;
  args: GoLit[];
  output: string;
}

describe('Go fmt.Sprintf (fmt_test.go)', () => {
  (fmtTable.cases as FmtCase[]).forEach((c, i) => {
    it(`${c.table} #${i}: ${JSON.stringify(c.format)} ${JSON.stringify(c.args).slice(0, 60)}`, () => {
      expect(
        sprintf(
          c.format,
          c.args.map((a) => decode(a)),
        ),
      ).toBe(c.output);
    });
  });
});
