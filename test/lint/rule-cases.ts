/** Runs a table of named lint cases for one rule: the rule's findings, as `file:line:column`, must equal the expected list. */
import { describe, expect, it } from 'vitest';
import { ruleMetas } from '../../src/lint/rules/index.js';
import { lintFiles, positions, type RuleCase } from './helpers.js';

export function ruleCases(rule: string, cases: readonly RuleCase[]): void {
  describe(rule, () => {
    for (const c of cases) {
      it(c.name, () => {
        const meta = ruleMetas.find((m) => m.id === rule);
        const options = {
          ...c.options,
          rules: { ...(meta ? { [rule]: meta.defaultSeverity } : {}), ...c.options?.rules },
        };
        const r = lintFiles(c.files, options);
        const found = r.diagnostics.filter((d) => d.code === rule);
        expect(positions(r.diagnostics, rule), found.map((d) => d.message).join('\n')).toEqual(c.expected);
        for (const d of found) expect(d.range?.start.line).toBe(d.line);
      });
    }
    it('has a firing and a non-firing case', () => {
      expect(cases.some((c) => c.expected.length > 0)).toBe(true);
      expect(cases.some((c) => c.expected.length === 0)).toBe(true);
    });
  });
}
