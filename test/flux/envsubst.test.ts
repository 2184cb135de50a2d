/**
 * Flux's envsubst: every operator, escapes, strict mode and parse errors. Expected values are those of
 * fluxcd/pkg envsubst's own test table (eval_test.go) plus the behaviours its code implies.
 */
import { describe, expect, it } from 'vitest';
import { envsubst, EnvsubstError, mapLookup } from '../../src/flux/envsubst.js';
import { globMatch } from '../../src/fs/glob.js';

const expand = (input: string, vars: Record<string, string>, strict = false): string =>
  envsubst(input, mapLookup(new Map(Object.entries(vars)), strict));

describe('envsubst: expansion (non-strict)', () => {
  const cases: [name: string, input: string, vars: Record<string, string>, output: string][] = [
    ['text only', 'abcdEFGH28ij', {}, 'abcdEFGH28ij'],
    ['length', '${#var01}', { var01: 'abcdEFGH28ij' }, '12'],
    ['length counts UTF-8 bytes', '${#v}', { v: 'héllo' }, '6'],
    ['uppercase first', '${var01^}', { var01: 'abcdEFGH28ij' }, 'AbcdEFGH28ij'],
    ['uppercase', '${var01^^}', { var01: 'abcdEFGH28ij' }, 'ABCDEFGH28IJ'],
    ['lowercase first', '${var01,}', { var01: 'ABCDEFGH28IJ' }, 'aBCDEFGH28IJ'],
    ['lowercase', '${var01,,}', { var01: 'ABCDEFGH28IJ' }, 'abcdefgh28ij'],
    [
      'substring with position',
      '${path_name:11}',
      { path_name: '/home/bozo/ideas/thoughts.for.today' },
      'ideas/thoughts.for.today',
    ],
    [
      'substring with position and length',
      '${path_name:11:5}',
      { path_name: '/home/bozo/ideas/thoughts.for.today' },
      'ideas',
    ],
    ['${v:-3} is the :- default, not a negative offset', '${v:-3}', { v: 'abcdef' }, 'abcdef'],
    ['default not used', '${var=xyz}', { var: 'abc' }, 'abc'],
    ['default used', '${var=xyz}', {}, 'xyz'],
    ['default with nested variable', 'something ${var=${default_var}}', { default_var: 'foo' }, 'something foo'],
    [
      'default with nested variable and suffix',
      'foo: ${var=${default_var}-suffix}',
      { default_var: 'foo1' },
      'foo: foo1-suffix',
    ],
    [
      'default with prefix, nested variable, suffix',
      'foo: ${var=prefix${default_var}-suffix}',
      { default_var: 'foo1' },
      'foo: prefixfoo1-suffix',
    ],
    [':= default', '${var:=xyz}', {}, 'xyz'],
    [':- default', '${var:-xyz}', {}, 'xyz'],
    [':- default on an empty value', '${var:-xyz}', { var: '' }, 'xyz'],
    ['= default on an empty value too (toDefault checks emptiness)', '${var=xyz}', { var: '' }, 'xyz'],
    [':+ behaves as a default, not as bash', '${var:+xyz}', { var: 'set' }, 'set'],
    ['replace suffix', '${stringZ/%abc/XYZ}', { stringZ: 'abcABC123ABCabc' }, 'abcABC123ABCXYZ'],
    ['replace prefix', '${stringZ/#abc/XYZ}', { stringZ: 'abcABC123ABCabc' }, 'XYZABC123ABCabc'],
    ['replace all', '${stringZ//abc/xyz}', { stringZ: 'abcABC123ABCabc' }, 'xyzABC123ABCxyz'],
    ['replace first', '${stringZ/abc/xyz}', { stringZ: 'abcABC123ABCabc' }, 'xyzABC123ABCabc'],
    ['replace with a blank string', '${stringZ/./}', { stringZ: 'foo.bar' }, 'foobar'],
    ['replace prefix needs a replacement', '${v/#a/}', { v: 'abc' }, 'abc'],
    ['escaped slash in pattern', '${stringZ/\\//-}', { stringZ: 'foo/bar' }, 'foo-bar'],
    ['escaped slash, replace all', '${stringZ//\\//-}', { stringZ: 'foo/bar/baz' }, 'foo-bar-baz'],
    ['delete shortest prefix', '${filename#*.}', { filename: 'bash.string.txt' }, 'string.txt'],
    ['delete shortest prefix with /', '${filename#*/}', { filename: 'path/to/file' }, 'to/file'],
    ['delete shortest prefix, leading /', '${filename#*/}', { filename: '/path/to/file' }, 'path/to/file'],
    ['delete longest prefix', '${filename##*.}', { filename: 'bash.string.txt' }, 'txt'],
    ['delete longest prefix with /', '${filename##*/}', { filename: 'path/to/file' }, 'file'],
    ['delete shortest suffix', '${filename%.*}', { filename: 'bash.string.txt' }, 'bash.string'],
    ['delete longest suffix', '${filename%%.*}', { filename: 'bash.string.txt' }, 'bash'],
    ['nested parameters', '${var=${var01^^}}', { var01: 'abcdEFGH28ij' }, 'ABCDEFGH28IJ'],
    ['$$ escapes ${', '$${var01}', { var01: 'abcdEFGH28ij' }, '${var01}'],
    [
      'escapes mixed with expansions',
      'some text ${var01}$${var$${var01}$var01${var01}',
      { var01: 'abcdEFGH28ij' },
      'some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij',
    ],
    ['escape inside a default', 'something $${var=${default_var}}', { default_var: 'foo' }, 'something ${var=foo}'],
    ['$$ collapses anywhere', 'cost $$5 and $$HOME', {}, 'cost $5 and $HOME'],
    ['$$$ keeps two', 'a$$$b', {}, 'a$$b'],
    ['bare $var is not expanded', 'echo $HOME', { HOME: '/root' }, 'echo $HOME'],
    [
      'backslashes outside expressions stay',
      '\\\\something ${var=${default_var}}',
      { default_var: 'foo' },
      '\\\\something foo',
    ],
    ['undefined without default is blank (non-strict)', 'a-${missing}-b', {}, 'a--b'],
  ];
  it.each(cases)('%s', (_name, input, vars, output) => {
    expect(expand(input, vars)).toBe(output);
  });
});

describe('envsubst: strict mode', () => {
  const unset: [input: string][] = [
    ['${missing}'],
    ['${#missing}'],
    ['${missing^}'],
    ['${missing^^}'],
    ['${missing,}'],
    ['${missing,,}'],
    ['${missing:0}'],
    ['${missing:0:10}'],
    ['${missing/pattern/replacement}'],
    ['${missing//pattern/replacement}'],
    ['${missing/#pattern/replacement}'],
    ['${missing/%pattern/replacement}'],
    ['${missing#pattern}'],
    ['${missing##pattern}'],
    ['${missing%pattern}'],
    ['${missing%%pattern}'],
  ];
  it.each(unset)('%s fails when the variable is undefined', (input) => {
    let err: unknown;
    try {
      expand(input, {}, true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvsubstError);
    expect((err as EnvsubstError).kind).toBe('unset');
    expect((err as EnvsubstError).variable).toBe('missing');
    expect((err as EnvsubstError).message).toBe('variable not set (strict mode): "missing"');
  });
  const ok: [input: string, vars: Record<string, string>, output: string][] = [
    ['${foo}', { foo: 'bar' }, 'bar'],
    ['${foo}', { foo: '' }, ''],
    ['${missing:=default}', { foo: 'bar' }, 'default'],
    ['${missing:-fallback}', {}, 'fallback'],
    ['${missing=assigned}', {}, 'assigned'],
  ];
  it.each(ok)('%s with %o gives %s', (input, vars, output) => {
    expect(expand(input, vars, true)).toBe(output);
  });
  it('reports every unset use to onUnset instead of throwing', () => {
    const seen: string[] = [];
    const out = envsubst('${a}-${b:=x}-${c^^}', mapLookup(new Map(), true), (n) => seen.push(n));
    expect(out).toBe('-x-');
    expect(seen).toEqual(['a', 'c']);
  });
});

describe('envsubst: parse errors', () => {
  const cases: [input: string, message: string][] = [
    ['${var-default}', 'missing closing brace'],
    ['${var+x}', 'missing closing brace'],
    ['${ foo}', 'unable to parse variable name'],
    ['${}', 'unable to parse variable name'],
    ['${foo', 'missing closing brace'],
    ['${foo:=bar', 'unable to parse substitution within function'],
    ['${a/b', 'bad substitution'],
  ];
  it.each(cases)('%s → %s', (input, message) => {
    expect(() => expand(input, { var: 'v', foo: 'f', a: 'a' })).toThrow(message);
  });
  it('tells where the scanner stopped', () => {
    try {
      expand('key: ${var-default}', { var: 'x' });
    } catch (e) {
      expect((e as EnvsubstError).offset).toBe(11);
    }
  });
});

describe('glob (Flux path.Match fork)', () => {
  const cases: [pattern: string, name: string, match: boolean][] = [
    ['*.txt', 'a.txt', true],
    ['*', 'a/b', true],
    ['a?c', 'abc', true],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['\\*', '*', true],
    ['*/', 'path/', true],
    ['*.', 'bash.string.', true],
  ];
  it.each(cases)('%s ~ %s = %s', (pattern, name, match) => {
    expect(globMatch(pattern, name)).toBe(match);
  });
});
