/**
 * Patch target selection pieces: Go RE2 patterns translated to JavaScript (anchored as kustomize anchors
 * them) and Kubernetes label selectors parsed and matched as apimachinery does.
 */
import { describe, expect, it } from 'vitest';
import { compileAnchored, GoRegexpError, LabelSelectorError, parseLabelSelector } from '../../src/selector/index.js';

describe('Go regexps (anchored)', () => {
  const cases: [string, string, string, boolean][] = [
    ['alternation', 'Deployment|StatefulSet', 'StatefulSet', true],
    ['anchored: no partial match', 'Deploy', 'Deployment', false],
    ['dot-star', 'web-.*', 'web-1', true],
    ['character class', 'cm[0-9]', 'cm7', true],
    ['\\z end of text', 'a\\z', 'a', true],
    ['\\A start of text', '\\Aab', 'ab', true],
    ['\\Q..\\E literal', '\\Qa.b\\E', 'a.b', true],
    ['\\Q..\\E literal is not a pattern', '\\Qa.b\\E', 'axb', false],
    ['(?i) flag', '(?i)web', 'WEB', true],
    ['(?s) flag', '(?s)a.b', 'a\nb', true],
    ['lazy quantifier', 'a+?b', 'aab', true],
    ['repeat count', 'a{2,3}', 'aaa', true],
    ['named group (?P<n>)', '(?P<x>a)b', 'ab', true],
    ['POSIX class', '[[:digit:]]+', '123', true],
    ['\\s is ASCII space only', 'a\\sb', 'a\u00a0b', false],
    ['\\pL unicode class', '\\pL+', 'é', true],
    ['(?i) mid-pattern', 'a(?i)bc', 'aBC', true],
    ['(?i) mid-pattern keeps the prefix exact', 'a(?i)bc', 'ABC', false],
    ['(?i:...) group', '(?i:ab)c', 'ABc', true],
    ['(?i:...) group ends at its parenthesis', '(?i:ab)c', 'ABC', false],
    ['(?i) in a class range', '(?i)[a-c]+', 'AbC', true],
    ['(?-i) turns it off', '(?i)a(?-i)b', 'Ab', true],
    ['(?-i) turns it off (no match)', '(?i)a(?-i)b', 'AB', false],
    ['(?s) dot matches newline', 'a(?s:.)b', 'a\nb', true],
    ['dot without (?s)', 'a.b', 'a\nb', false],
    ['\\x hex escape', '\\x41', 'A', true],
    ['\\x{...} escape', '\\x{e9}', 'é', true],
    ['literal hyphen and brace', 'a-{b', 'a-{b', true],
  ];
  it.each(cases)('%s', (_n, pattern, input, want) => {
    expect((compileAnchored(pattern) as RegExp).test(input)).toBe(want);
  });

  const errors: [string, string, string][] = [
    ['missing )', 'x(', 'error parsing regexp: missing closing ): `^(?:x()$`'],
    ['lookahead', 'a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['lookbehind', '(?<=a)b', 'error parsing regexp: invalid named capture: `(?<=a)b)$`'],
    ['repeat count over 1000', 'a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['nested repetition', 'a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['back-reference', '(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['missing ]', '[ab', 'error parsing regexp: missing closing ]: `[ab)$`'],
  ];
  it.each(errors)('rejects %s', (_n, pattern, message) => {
    expect(() => compileAnchored(pattern)).toThrow(GoRegexpError);
    expect(() => compileAnchored(pattern)).toThrow(message);
  });

  it('matches everything when empty', () => {
    expect(compileAnchored('')).toBeUndefined();
  });
});

describe('label selectors', () => {
  const labels = new Map([
    ['app', 'web'],
    ['tier', 'front'],
    ['n', '5'],
  ]);
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['app in (web,api)', true],
    ['app notin (web)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=back', false],
    ['n>4', true],
    ['n<4', false],
    ['missing>1', false],
    ['app in (,web)', true],
    ['example.com/key!=v', true],
  ];
  it.each(cases)('%j', (selector, want) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(want);
  });

  const errors: [string, string][] = [
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['=b', "found '=', expected: !, identifier, or 'end of string'"],
    ['a>x', "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer"],
    ['-a', 'unable to parse requirement: invalid label key "-a": name part must consist of alphanumeric characters'],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
  ];
  it.each(errors)('rejects %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
