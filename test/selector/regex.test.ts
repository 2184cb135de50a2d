/**
 * Go regexps as patch targets anchor them, against what the reference kustomize's Go `regexp` does with
 * the same patterns and names (test/selector/regex-expected.json, written by test/scripts/gen-regex-cases.ts):
 * flag groups anywhere, case folding, `.`/`\s`/`$` semantics, escapes, classes, and Go's error messages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileAnchored } from '../../src/selector/index.js';
import type { RegexCases, RegexExpected } from '../scripts/gen-regex-cases.js';

const cases = JSON.parse(readFileSync(new URL('./regex-cases.json', import.meta.url), 'utf8')) as RegexCases;
const expected = JSON.parse(readFileSync(new URL('./regex-expected.json', import.meta.url), 'utf8')) as RegexExpected[];

describe('Go regexps (anchored) against the reference', () => {
  it('has an expected result for every pattern', () => {
    expect(expected.map((e) => e.pattern)).toEqual(cases.patterns);
  });

  it.each(expected.map((e) => [e.pattern, e] as const))('%j', (pattern, e) => {
    if ('error' in e) {
      expect(() => compileAnchored(pattern)).toThrow(e.error);
      return;
    }
    const re = compileAnchored(pattern);
    expect(cases.subjects.filter((s) => (re ? re.test(s) : true))).toEqual(e.matches);
  });
});
