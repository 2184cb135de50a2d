/**
 * The scalar rules behind the YAML matrix, as tables: go-yaml's resolution of plain scalars (v3 for
 * resources, v2 / YAML 1.1 for kustomization files), timestamps, the number formats of the JSON round
 * trip, go-yaml v2's key order and quoting decision, and the folded-scalar quirk of kyaml's re-encoding.
 * The end-to-end behaviour of each is checked against the reference in cases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { compareKeys, formatNumber } from '../../src/yaml/emit.js';
import { foldedRoundTrip } from '../../src/yaml/parse.js';
import {
  formatFloat32G,
  goFormatFloatG,
  parseGoInt,
  parseTimestamp,
  plainKeyIsNonString,
  resolvePlainScalar,
  resolveScalar,
  resolvesAsNonString11,
} from '../../src/yaml/scalars.js';
import type { YamlScalar } from '../../src/yaml/values.js';

describe('plain scalars in resources (go-yaml v3)', () => {
  const cases: [string, YamlScalar][] = [
    ['42', 42],
    ['-7', -7],
    ['+1', 1],
    ['1_000', 1000],
    ['0777', 511],
    ['0o17', 15],
    ['0x1F', 31],
    ['0b101', 5],
    ['-0x1F', -31],
    ['08', 8],
    ['09.5', 9.5],
    ['00', 0],
    ['-0', 0],
    ['1.0', 1],
    ['1.', 1],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['.5_5', 0.55],
    ['1e3', 1000],
    ['1e-400', 0],
    ['1e999', '1e999'],
    ['.5e999', '.5e999'],
    ['._5', '._5'],
    ['1_0.5', 10.5],
    ['0x', '0x'],
    ['0b2', '0b2'],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', 9223372036854775808n],
    ['18446744073709551615', 18446744073709551615n],
    ['18446744073709551616', Number('18446744073709551616')],
    ['+18446744073709551615', Number('18446744073709551615')],
    ['-9223372036854775808', -9223372036854775808n],
    ['-9223372036854775809', Number('-9223372036854775809')],
    ['true', true],
    ['True', true],
    ['FALSE', false],
    ['tRUE', 'tRUE'],
    ['yes', 'yes'],
    ['on', 'on'],
    ['y', 'y'],
    ['~', null],
    ['null', null],
    ['Null', null],
    ['', null],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['1:20', '1:20'],
    ['2020-01-01', '2020-01-01T00:00:00Z'],
    ['2021-02-29', '2021-02-29'],
    ['<<', '<<'],
  ];
  for (const [text, value] of cases) {
    it(`${JSON.stringify(text)} → ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)}`, () => {
      expect(resolvePlainScalar(text, 'kyaml')).toEqual(value);
    });
  }
  it('.nan is NaN', () => expect(resolvePlainScalar('.nan', 'kyaml')).toBeNaN());
});

describe('plain scalars in kustomization files (go-yaml v2, YAML 1.1)', () => {
  const cases: [string, YamlScalar][] = [
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['y', true],
    ['Y', true],
    ['on', true],
    ['no', false],
    ['n', false],
    ['off', false],
    ['OFF', false],
    ['yEs', 'yEs'],
    ['0777', 511],
    ['1.5', 1.5],
    ['2020-01-01', '2020-01-01'],
    ['2020-01-01T10:00:00Z', '2020-01-01T10:00:00Z'],
    ['~', null],
  ];
  for (const [text, value] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(value)}`, () => {
      expect(resolvePlainScalar(text, 'yaml11')).toEqual(value);
    });
  }
});

describe('explicit tags', () => {
  const cases: [string, 'int' | 'float' | 'bool' | 'null' | 'timestamp', YamlScalar | undefined][] = [
    ['123', 'int', 123],
    ['1', 'float', 1],
    ['1e3', 'float', 1000],
    ['abc', 'int', undefined],
    ['1.5', 'int', undefined],
    ['true', 'bool', true],
    ['yes', 'bool', undefined],
    ['', 'null', null],
    ['2020-01-01', 'timestamp', '2020-01-01T00:00:00Z'],
    ['2020-01-01', 'int', undefined],
  ];
  for (const [text, tag, value] of cases) {
    it(`!!${tag} ${JSON.stringify(text)} → ${value === undefined ? 'refused' : JSON.stringify(value)}`, () => {
      expect(resolveScalar(text, 'kyaml', tag)?.value).toEqual(value);
    });
  }
});

describe('parseGoInt (strconv.ParseInt / ParseUint with base 0, after `_` removal)', () => {
  const cases: [string, number | bigint | undefined][] = [
    ['0', 0],
    ['0000000000000000000000000000001', 1],
    ['017', 15],
    ['0o17', 15],
    ['0O17', 15],
    ['0x1f', 31],
    ['0B11', 3],
    ['+0x10', 16],
    ['-0b11', -3],
    ['0x', undefined],
    ['0o', undefined],
    ['019', undefined],
    ['-', undefined],
    ['+', undefined],
    ['1e3', undefined],
    ['0xFFFFFFFFFFFFFFFF', 18446744073709551615n],
    ['0x10000000000000000', undefined],
    ['-0x8000000000000000', -9223372036854775808n],
    ['-0x8000000000000001', undefined],
    ['+9223372036854775808', undefined],
    ['1'.repeat(100_000), undefined],
  ];
  for (const [text, value] of cases) {
    it(`${text.length > 40 ? text.slice(0, 20) + '…' : text} → ${value === undefined ? 'no' : String(value)}`, () => {
      expect(parseGoInt(text)).toEqual(value);
    });
  }
});

describe("timestamps (time.Parse with go-yaml's layouts, then RFC 3339 as Go writes time.Time in JSON)", () => {
  const cases: [string, string | undefined][] = [
    ['2020-01-01', '2020-01-01T00:00:00Z'],
    ['2020-1-2', '2020-01-02T00:00:00Z'],
    ['2020-01-01T10:00:00Z', '2020-01-01T10:00:00Z'],
    ['2020-01-01t10:00:00Z', '2020-01-01T10:00:00Z'],
    ['2020-01-01 10:00:00', '2020-01-01T10:00:00Z'],
    ['2020-01-01   10:00:00', '2020-01-01T10:00:00Z'],
    ['2020-01-01T1:2:3Z', '2020-01-01T01:02:03Z'],
    ['2020-01-01T10:00:00+05:30', '2020-01-01T10:00:00+05:30'],
    ['2020-01-01T10:00:00-00:00', '2020-01-01T10:00:00Z'],
    ['2020-01-01T10:00:00+05:60', '2020-01-01T10:00:00+06:00'],
    ['2020-01-01T10:00:00.5Z', '2020-01-01T10:00:00.5Z'],
    ['2020-01-01T10:00:00,25Z', '2020-01-01T10:00:00.25Z'],
    ['2020-01-01T10:00:00.000Z', '2020-01-01T10:00:00Z'],
    ['2020-01-01T10:00:00.123456789123Z', '2020-01-01T10:00:00.123456789Z'],
    ['2020-02-29', '2020-02-29T00:00:00Z'],
    ['2000-02-29', '2000-02-29T00:00:00Z'],
    ['0000-01-01', '0000-01-01T00:00:00Z'],
    ['2021-02-29', undefined],
    ['1900-02-29', undefined],
    ['2020-04-31', undefined],
    ['2020-13-01', undefined],
    ['2020-00-10', undefined],
    ['2020-01-01T24:00:00Z', undefined],
    ['2020-01-01T23:60:00Z', undefined],
    ['2020-01-01T23:59:60Z', undefined],
    ['2020-01-01T10:00:00', undefined],
    ['2020-01-01 10:00:00Z', undefined],
    ['2020-01-01T10:00:00+05', undefined],
    ['2020-01-01T10:00:00+5:00', undefined],
    ['2020-01-01T10:00:00+25:00', undefined],
    ['2020-01-01T10:00:00z', undefined],
    ['2020-01-01T10:00:00.Z', undefined],
    ['2020-01-01X', undefined],
    ['20200-01-01', undefined],
    ['2020-001-01', undefined],
    ['2020-01-01\t10:00:00', undefined],
  ];
  for (const [text, value] of cases) {
    it(`${text} → ${value ?? 'not a timestamp'}`, () => {
      expect(parseTimestamp(text)).toBe(value);
    });
  }
});

describe('numbers after the JSON round trip', () => {
  const cases: [number | bigint, string][] = [
    [1, '1'],
    [-0, '0'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [0.30000000000000004, '0.30000000000000004'],
    [1e-7, '1e-07'],
    [0.000001, '1e-06'],
    [1234567.5, '1.2345675e+06'],
    [123456.7, '123456.7'],
    [1e6, '1000000'],
    [1e20, '1e+20'],
    [1e21, '1e+21'],
    [-1e21, '-1e+21'],
    [6.02214076e23, '6.02214076e+23'],
    [Number('12345678901234567890'), '12345678901234567000'],
    [9223372036854775807n, '9223372036854775807'],
    [-9223372036854775808n, '-9223372036854775808'],
    [18446744073709551615n, '18446744073709551615'],
    [18446744073709551616n, '1.8446744073709552e+19'],
    [-9223372036854775809n, '-9.223372036854776e+18'],
    [4.9e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ];
  for (const [n, text] of cases) {
    it(`${typeof n === 'bigint' ? `${n}n` : n} → ${text}`, () => expect(formatNumber(n)).toBe(text));
  }
  for (const bad of [Infinity, -Infinity, NaN]) {
    it(`${bad} is refused`, () => expect(() => formatNumber(bad)).toThrow(/json: unsupported value/));
  }
  it("goFormatFloatG keeps Go's names", () => {
    expect([goFormatFloatG(Infinity), goFormatFloatG(-Infinity), goFormatFloatG(NaN), goFormatFloatG(-0)]).toEqual([
      '+Inf',
      '-Inf',
      'NaN',
      '-0',
    ]);
  });
});

describe('float map keys in kustomization files (strconv.FormatFloat(f, g, -1, 32))', () => {
  const cases: [number, string][] = [
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1000, '1000'],
    [1e6, '1e+06'],
    [123456789, '1.2345679e+08'],
    [16777217, '1.6777216e+07'],
    [1e20, '1e+20'],
    [1e39, '.inf'],
    [-1e39, '-.inf'],
    [NaN, '.nan'],
    [3.4028234663852886e38, '3.4028235e+38'],
  ];
  for (const [f, text] of cases) {
    it(`${f} → ${text}`, () => expect(formatFloat32G(f)).toBe(text));
  }
});

describe("go-yaml v2's key order", () => {
  const ordered: [string, string][] = [
    ['_x', '1'],
    ['1', '9'],
    ['9', '09'],
    ['09', '10'],
    ['10', 'A'],
    ['A', 'Ab'],
    ['Ab', 'a-b'],
    ['a-b', 'a_b'],
    ['a_b', 'a9'],
    ['a9', 'a10'],
    ['a10', 'aB'],
    ['item2', 'item02'],
    ['item02', 'item10'],
    ['z.y', 'zy'],
    ['zy', 'é'],
    ['a', 'ab'],
    ['apiVersion', 'kind'],
    ['kind', 'metadata'],
    ['metadata', 'spec'],
    ['n18446744073709551616', 'n5'], // 2^64 wraps to 0 in int64 arithmetic
    ['n9223372036854775808', 'n18446744073709551616'], // 2^63 wraps to -2^63
    ['a٣', 'a٠٣'], // non-ASCII digits count as (rune - '0')
    ['𝒜', '𝒜b'],
  ];
  for (const [a, b] of ordered) {
    it(`${a} < ${b}`, () => {
      expect(compareKeys(a, b)).toBeLessThan(0);
      expect(compareKeys(b, a)).toBeGreaterThan(0);
    });
  }
  it('is not transitive on some key sets (kustomize then orders them at random)', () => {
    expect(compareKeys('1a', '2')).toBeLessThan(0);
    expect(compareKeys('2', '10')).toBeLessThan(0);
    expect(compareKeys('10', '1a')).toBeLessThan(0);
  });
});

describe('strings go-yaml v2 writes quoted because they would read back as something else', () => {
  const quoted = [
    'yes',
    'Y',
    'off',
    'true',
    'null',
    '~',
    '',
    '123',
    '1.5',
    '1e3',
    '0x1F',
    '0777',
    '1_000',
    '+1',
    '.inf',
    '2020-01-01',
    '1:20',
    '-1:30.5',
  ];
  const plain = ['yEs', 'nil', '1e999', '1:60', '2021-02-29', '<<', '0x', '._5', 'a', 'http://x', '1.2.3'];
  for (const s of quoted) it(`${JSON.stringify(s)} is quoted`, () => expect(resolvesAsNonString11(s)).toBe(true));
  for (const s of plain) it(`${JSON.stringify(s)} is plain`, () => expect(resolvesAsNonString11(s)).toBe(false));
});

describe('keys kyaml writes untagged that go-yaml v3 reads back as non-strings', () => {
  const cases: [string, boolean][] = [
    ['1', true],
    ['1.5', true],
    ['true', true],
    ['~', true],
    ['2020-01-01', true],
    ['yes', false],
    ['', false],
    ['0x', false],
    ['#x', false],
    ['app.kubernetes.io/name', false],
  ];
  for (const [k, bad] of cases)
    it(`${JSON.stringify(k)}: ${bad ? 'fails' : 'fine'}`, () => expect(plainKeyIsNonString(k)).toBe(bad));
});

describe("folded scalars through kyaml's go-yaml v3 re-encoding", () => {
  const cases: [string, string, string][] = [
    ['a more-indented line gains an empty line before it', 'one\n  two\nthree', 'one\n\n  two\nthree'],
    ['ordinary lines are unchanged', 'a\nb', 'a\nb'],
    ['paragraphs are unchanged', 'para one continues\n\npara two\n', 'para one continues\n\npara two\n'],
    ['a first line starting with a blank is kept', ' leading space\nmore', ' leading space\nmore'],
    ['a value starting with a blank loses the line breaks between later lines', ' a\nb\nc', ' a\nb c'],
    ['kept trailing line breaks gain one', 'keep\n\n', 'keep\n\n\n'],
    ['a single line is unchanged', 'x', 'x'],
    ['a trailing space keeps the value (double-quoted instead)', 'trailing \nnext\n', 'trailing \nnext\n'],
  ];
  for (const [name, value, out] of cases) it(name, () => expect(foldedRoundTrip(value)).toBe(out));
});
