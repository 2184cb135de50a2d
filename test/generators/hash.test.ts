/**
 * The name-suffix hash (spec §8.6): the JSON kustomize hashes and the suffix, for the spec's eight
 * worked examples (each verified against kubectl kustomize; the same inputs are built end to end in
 * test/generators/cases/hash-0N-*), plus Go's JSON escaping rules.
 */
import { describe, expect, it } from 'vitest';
import { encodeHash, hashInput, nameHash } from '../../src/generators/hash.js';
import { goJson } from '../../src/generators/go-json.js';
import { sha256Hex } from '../../src/generators/sha256.js';
import type { YamlMap } from '../../src/yaml/values.js';

const cm = (data?: YamlMap, extra: YamlMap = {}): YamlMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'whatever', labels: { ignored: 'yes' } },
  ...(data ? { data } : {}),
  ...extra,
});
const secret = (data: YamlMap, type = 'Opaque'): YamlMap => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's' },
  data,
  type,
});

/** base64 of 100 × `x`: 33 × `xxx` → `eHh4`, then `x` → `eA==` (136 characters). */
const B64_100X = 'eHh4'.repeat(33) + 'eA==';

const examples: { name: string; obj: YamlMap; json: string; suffix: string }[] = [
  {
    name: '1 literals foo=bar, baz=qux (any name)',
    obj: cm({ foo: 'bar', baz: 'qux' }),
    json: '{"data":{"baz":"qux","foo":"bar"},"kind":"ConfigMap","name":""}',
    suffix: '6b85g79g7g',
  },
  {
    name: '2 ConfigMap without sources',
    obj: cm(),
    json: '{"data":"","kind":"ConfigMap","name":""}',
    suffix: '6ct58987ht',
  },
  {
    name: '3 Secret password=s3cr3t',
    obj: secret({ password: 'czNjcjN0' }),
    json: '{"data":{"password":"czNjcjN0"},"kind":"Secret","name":"","type":"Opaque"}',
    suffix: '25k92892fb',
  },
  {
    name: '4 TLS Secret',
    obj: secret({ 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' }, 'kubernetes.io/tls'),
    json: '{"data":{"tls.crt":"Q0VSVA==","tls.key":"S0VZ"},"kind":"Secret","name":"","type":"kubernetes.io/tls"}',
    suffix: '4b255hm948',
  },
  {
    name: '5 binary file and a literal',
    obj: cm({ text: 'hello' }, { binaryData: { 'bin.dat': '//4AYmluYXJ5' } }),
    json: '{"binaryData":{"bin.dat":"//4AYmluYXJ5"},"data":{"text":"hello"},"kind":"ConfigMap","name":""}',
    suffix: 'b8tf5268dt',
  },
  {
    name: '6 base A=1 merged with overlay B=2',
    obj: cm({ A: '1', B: '2' }),
    json: '{"data":{"A":"1","B":"2"},"kind":"ConfigMap","name":""}',
    suffix: '66h9cbh964',
  },
  {
    name: '7 k=v patched with data.z "1"',
    obj: cm({ k: 'v', z: '1' }),
    json: '{"data":{"k":"v","z":"1"},"kind":"ConfigMap","name":""}',
    suffix: 'f9t2bf4hg4',
  },
  {
    name: '8 Secret of 100 x (base64 in 70-character lines)',
    obj: secret({ 'long.txt': `${B64_100X.slice(0, 70)}\n${B64_100X.slice(70)}\n` }),
    json: `{"data":{"long.txt":"${B64_100X.slice(0, 70)}\\n${B64_100X.slice(70)}\\n"},"kind":"Secret","name":"","type":"Opaque"}`,
    suffix: 'kt9ccbk8cm',
  },
];

describe('name hash: the spec §8.6 worked examples', () => {
  for (const ex of examples) {
    it(ex.name, () => {
      expect(hashInput(ex.obj)).toBe(ex.json);
      expect(nameHash(ex.obj)).toBe(ex.suffix);
    });
  }
  it('example 1 has the sha256 prefix of the spec', () => {
    expect(sha256Hex(new TextEncoder().encode(examples[0]?.json)).slice(0, 10)).toBe('6b85079070');
    expect(encodeHash('6b85079070')).toBe('6b85g79g7g');
  });
});

describe('name hash: fields and quirks', () => {
  const cases: { name: string; obj: YamlMap; json: string }[] = [
    { name: 'empty Secret', obj: secret({}), json: '{"data":{},"kind":"Secret","name":"","type":"Opaque"}' },
    {
      name: 'Secret without type, with stringData',
      obj: { kind: 'Secret', metadata: { name: 'x' }, stringData: { a: 'b' } },
      json: '{"data":"","kind":"Secret","name":"","stringData":{"a":"b"},"type":""}',
    },
    {
      name: 'numbers inserted by a patch hash as JSON numbers',
      obj: cm({ n: 5, f: 1.5, b: true }),
      json: '{"data":{"b":true,"f":1.5,"n":5},"kind":"ConfigMap","name":""}',
    },
    {
      name: 'big integers go through float64',
      obj: cm({ n: 12345678901234567890n }),
      json: '{"data":{"n":12345678901234567000},"kind":"ConfigMap","name":""}',
    },
    {
      name: 'scalar data is hashed as its text',
      obj: cm(undefined, { data: 5 }),
      json: '{"data":"5","kind":"ConfigMap","name":""}',
    },
    {
      name: 'binaryData that is not a map is left out',
      obj: cm({ a: 'b' }, { binaryData: 'x' }),
      json: '{"data":{"a":"b"},"kind":"ConfigMap","name":""}',
    },
  ];
  for (const c of cases) it(c.name, () => expect(hashInput(c.obj)).toBe(c.json));
});

describe("Go's JSON encoding", () => {
  const cases: { name: string; value: YamlMap; json: string }[] = [
    { name: 'HTML characters escaped', value: { a: '<b> & c' }, json: '{"a":"\\u003cb\\u003e \\u0026 c"}' },
    { name: '\\b and \\f short (Go >= 1.22)', value: { a: 'x\by\fz' }, json: '{"a":"x\\by\\fz"}' },
    {
      name: 'other control characters as \\u00XX, DEL raw',
      value: { a: '\u0001\u001f\u007f' },
      json: '{"a":"\\u0001\\u001f\u007f"}',
    },
    { name: 'line and paragraph separators escaped', value: { a: 'x\u2028y\u2029' }, json: '{"a":"x\\u2028y\\u2029"}' },
    { name: 'non-ASCII kept', value: { a: 'héllo ✓ 😀' }, json: '{"a":"héllo ✓ 😀"}' },
    { name: 'quotes, backslash, newline, tab', value: { a: '"\\\n\r\t' }, json: '{"a":"\\"\\\\\\n\\r\\t"}' },
    {
      name: 'keys sorted by UTF-8 bytes',
      value: { '\uff61': 1, '😀': 2, z: 3, é: 4, Z: 5 },
      json: '{"Z":5,"z":3,"é":4,"｡":1,"😀":2}',
    },
  ];
  for (const c of cases) it(c.name, () => expect(goJson(c.value)).toBe(c.json));
});
