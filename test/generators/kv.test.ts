/**
 * Key/value sources (spec §8.2, kustomize's api/kv): env-file lines, literals, file sources, base64
 * line wrapping, and the error texts. Every expectation was checked against kubectl kustomize
 * (kustomize v5.6.0); whole builds of the same rules are in test/generators/cases/kv-*.
 */
import { describe, expect, it } from 'vitest';
import {
  encodeBase64Wrapped,
  loadKvPairs,
  parseEnvFile,
  parseFileSource,
  parseLiteralSource,
  validatedDataMap,
  type KvPair,
} from '../../src/generators/kv/index.js';
import { BuildError } from '../../src/diagnostics/error.js';

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? new TextEncoder().encode(p) : p));
  return new Uint8Array(out);
};
const pairs = (ps: KvPair[]): [string, string][] =>
  ps.map((p) => [p.key, typeof p.value === 'string' ? p.value : `bytes:${p.value.length}`]);

describe('env files', () => {
  const cases: { name: string; input: Uint8Array; expected: [string, string][] }[] = [
    {
      name: 'key=value lines',
      input: bytes('A=1\nB=2\n'),
      expected: [
        ['A', '1'],
        ['B', '2'],
      ],
    },
    {
      name: 'no trailing newline',
      input: bytes('A=1\nB=2'),
      expected: [
        ['A', '1'],
        ['B', '2'],
      ],
    },
    {
      name: 'value split at the first =',
      input: bytes('E==x\nU=http://x/?a=b'),
      expected: [
        ['E', '=x'],
        ['U', 'http://x/?a=b'],
      ],
    },
    {
      name: 'quotes are kept',
      input: bytes('Q="q v"\nS=\'s\''),
      expected: [
        ['Q', '"q v"'],
        ['S', "'s'"],
      ],
    },
    {
      name: 'comments and blank lines skipped',
      input: bytes('# c\n\n   # indented\nA=1 # not a comment\n#last'),
      expected: [['A', '1 # not a comment']],
    },
    {
      name: 'leading white space trimmed, trailing kept',
      input: bytes('  SP = x \n\t\u00a0LEAD=t'),
      expected: [
        ['SP ', ' x '],
        ['LEAD', 't'],
      ],
    },
    {
      name: 'CRLF: one \\r dropped',
      input: bytes('A=1\r\nB=2\r\r\n'),
      expected: [
        ['A', '1'],
        ['B', '2\r'],
      ],
    },
    {
      name: 'no = gives an empty value',
      input: bytes('NOEQ\nA=1'),
      expected: [
        ['NOEQ', ''],
        ['A', '1'],
      ],
    },
    { name: 'empty key lines are skipped', input: bytes('=v\nA=1'), expected: [['A', '1']] },
    { name: 'BOM stripped on the first line', input: bytes([0xef, 0xbb, 0xbf], 'A=1\n'), expected: [['A', '1']] },
    {
      name: 'BOM kept on later lines',
      input: bytes('A=1\n', [0xef, 0xbb, 0xbf], 'B=2'),
      expected: [
        ['A', '1'],
        ['\ufeffB', '2'],
      ],
    },
    {
      name: 'BOM line counts as the first even if blank',
      input: bytes('\n', [0xef, 0xbb, 0xbf], 'B=2'),
      expected: [['\ufeffB', '2']],
    },
    { name: 'non-ASCII values', input: bytes('X=été'), expected: [['X', 'été']] },
    {
      name: 'a line of 65535 bytes is read',
      input: bytes('A=1\nL=' + 'x'.repeat(65533) + '\nB=2'),
      expected: [
        ['A', '1'],
        ['L', 'x'.repeat(65533)],
        ['B', '2'],
      ],
    },
    {
      name: 'a line of 65536 bytes silently ends the file',
      input: bytes('A=1\nL=' + 'x'.repeat(65534) + '\nB=2'),
      expected: [['A', '1']],
    },
  ];
  for (const c of cases) it(c.name, () => expect(pairs(parseEnvFile(c.input))).toEqual(c.expected));

  it('invalid UTF-8 is an error naming the bytes', () => {
    expect(() => parseEnvFile(bytes('A=1\n', [0xff], 'B=2\n'))).toThrow(
      'line [255 66 61 50] has invalid utf8 bytes : \ufffdB=2',
    );
  });
});

describe('literals', () => {
  const cases: { name: string; input: string; expected: [string, string] }[] = [
    { name: 'plain', input: 'k=v', expected: ['k', 'v'] },
    { name: 'split at the first =', input: 'eq=a=b=c', expected: ['eq', 'a=b=c'] },
    { name: 'double quotes removed', input: 'dq="x y"', expected: ['dq', 'x y'] },
    { name: 'single quotes removed', input: "sq='x y'", expected: ['sq', 'x y'] },
    { name: 'unbalanced quote kept', input: 'u="x', expected: ['u', '"x'] },
    { name: 'mixed quotes kept', input: 'm="x\'', expected: ['m', '"x\''] },
    { name: 'a lone quote kept', input: 'one="', expected: ['one', '"'] },
    { name: 'only the outer pair removed', input: 'n=""x""', expected: ['n', '"x"'] },
    { name: 'empty value', input: 'e=', expected: ['e', ''] },
    { name: 'keys are not validated', input: 'bad key!=v', expected: ['bad key!', 'v'] },
    { name: 'spaces kept', input: 's=  padded  ', expected: ['s', '  padded  '] },
  ];
  for (const c of cases) it(c.name, () => expect(pairs([parseLiteralSource(c.input)])[0]).toEqual(c.expected));
  for (const bad of ['=v', 'noeq', '']) {
    it(`rejects ${JSON.stringify(bad)}`, () =>
      expect(() => parseLiteralSource(bad)).toThrow(`invalid literal source ${bad}, expected key=value`));
  }
});

describe('file sources', () => {
  const cases: { input: string; key: string; path: string }[] = [
    { input: 'app.conf', key: 'app.conf', path: 'app.conf' },
    { input: 'dir/app.conf', key: 'app.conf', path: 'dir/app.conf' },
    { input: 'dir/sub/', key: 'sub', path: 'dir/sub/' },
    { input: 'renamed=dir/app.conf', key: 'renamed', path: 'dir/app.conf' },
  ];
  for (const c of cases) it(c.input, () => expect(parseFileSource(c.input)).toEqual({ key: c.key, path: c.path }));
  const errors: [string, string][] = [
    ['=a.txt', 'missing key name for file path "a.txt" in source "=a.txt"'],
    ['k=', 'missing file path for key name "k" in source "k="'],
    ['k=a=b', `source "k=a=b" key name or file path contains '='`],
    ['=', 'missing key name for file path "" in source "="'],
  ];
  for (const [input, message] of errors)
    it(`rejects ${input}`, () => expect(() => parseFileSource(input)).toThrow(message));
});

describe('loading all sources', () => {
  const files: Record<string, Uint8Array> = {
    'a.env': bytes('A=env\n'),
    'f.txt': bytes('file'),
    'bin.dat': bytes([0xff, 0x00]),
  };
  const read = (p: string): Uint8Array => {
    const f = files[p];
    if (!f) throw new BuildError('load/missing-file', `no ${p}`);
    return f;
  };
  it('reads env files, then literals, then files', () => {
    const got = loadKvPairs({ files: ['f.txt', 'b=bin.dat'], literals: ['L=lit'], envs: ['a.env'] }, read);
    expect(pairs(got)).toEqual([
      ['A', 'env'],
      ['L', 'lit'],
      ['f.txt', 'bytes:4'],
      ['b', 'bytes:2'],
    ]);
  });
  it('prefixes errors with the source list', () => {
    expect(() => loadKvPairs({ literals: ['ok=1', '=v'] }, read)).toThrow(
      'literal sources [ok=1 =v]: invalid literal source =v, expected key=value',
    );
    expect(() => loadKvPairs({ envs: ['nope.env'] }, read)).toThrow('env source files: [nope.env]: no nope.env');
    expect(() => loadKvPairs({ files: ['x=nope'] }, read)).toThrow('file sources: [x=nope]: no nope');
  });
  it('rejects a repeated key across sources', () => {
    expect(() => validatedDataMap('c', { envs: ['a.env'], literals: ['A=2'] }, read)).toThrow(
      'configmap c illegally repeats the key `A`',
    );
  });
  it('wraps errors in "loading KV pairs"', () => {
    expect(() => validatedDataMap('c', { literals: ['x'] }, read)).toThrow(
      'loading KV pairs: literal sources [x]: invalid literal source x, expected key=value',
    );
  });
});

describe('base64 with line wrapping', () => {
  const cases: { name: string; len: number; lines: number[] }[] = [
    { name: '51 bytes → 68 characters, one line without newline', len: 51, lines: [68] },
    { name: '52 bytes → 72 characters: 70 + 2', len: 52, lines: [70, 2, 0] },
    { name: '100 bytes → 70 + 66', len: 100, lines: [70, 66, 0] },
    { name: '105 bytes → 70 + 70', len: 105, lines: [70, 70, 0] },
    { name: 'empty', len: 0, lines: [0] },
  ];
  for (const c of cases) {
    it(c.name, () =>
      expect(
        encodeBase64Wrapped(new Uint8Array(c.len).fill(0x79))
          .split('\n')
          .map((l) => l.length),
      ).toEqual(c.lines),
    );
  }
  it('standard alphabet with padding', () => {
    expect(encodeBase64Wrapped(bytes([0xff, 0xfe, 0x00], 'binary'))).toBe('//4AYmluYXJ5');
    expect(encodeBase64Wrapped(bytes('s3cr3t'))).toBe('czNjcjN0');
    expect(encodeBase64Wrapped(bytes('KEY'))).toBe('S0VZ');
    expect(encodeBase64Wrapped(bytes('x'))).toBe('eA==');
    expect(encodeBase64Wrapped(bytes('xx'))).toBe('eHg=');
  });
});
