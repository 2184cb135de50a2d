/**
 * Generates the YAML in/out test matrix (test/yaml/cases): one folder per rule of spec §11.2 and §1.1,
 * each with `input/` (a kustomization and its resource file), `case.json` (the rule) and the output of
 * the reference — `expected.yaml`, or `expected-error.txt` when the reference fails. Expected outputs
 * are never written by hand: run `npx tsx test/scripts/gen-yaml-cases.ts` (needs the reference binary
 * /usr/lib/google-cloud-sdk/bin/kubectl.1.33) and commit inputs and outputs together.
 * `--only NAME` regenerates one case.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';
import { compareKeys } from '../../src/yaml/emit.js';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const CASES = join(repoRoot, 'test', 'yaml', 'cases');

interface Case {
  /** Folder name. */
  name: string;
  /** The rule the case checks. */
  rule: string;
  /** Files of the kustomization directory; `kustomization.yaml` defaults to listing `resources.yaml`. */
  files: Record<string, string>;
  /** Our diagnostic code when the reference fails (checked by the test). */
  code?: string;
}

const DEFAULT_KUSTOMIZATION = 'resources:\n- resources.yaml\n';

/** A ConfigMap whose `data` block is `data` (indented by the caller, two spaces per line). */
function cm(name: string, data: string, extra = ''): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data:\n${data}`;
}
/** A resource with an arbitrary `spec` block. */
function obj(name: string, spec: string, extra = ''): string {
  return `apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: ${name}\n${extra}spec:\n${spec}`;
}
/** `  k0: "v0"\n  k1: "v1"...` with double-quoted YAML source (escapes allowed in values). */
function quotedValues(values: string[], indent = '  '): string {
  return values.map((v, i) => `${indent}v${String(i).padStart(2, '0')}: "${v}"\n`).join('');
}
function plainValues(values: string[], indent = '  '): string {
  return values.map((v, i) => `${indent}v${String(i).padStart(2, '0')}: ${v}\n`).join('');
}
/**
 * go-yaml v2's key order is not transitive for some key sets (`1a` < `2` < `10` < `1a`); kustomize's
 * output for them depends on Go's random map order. Keeps the keys (in order) that form no cycle.
 */
function consistentKeys(keys: string[]): string[] {
  const plain = (k: string): string => (k.startsWith('"') ? k.slice(1, -1) : k);
  const kept: string[] = [];
  for (const k of keys) {
    const c = plain(k);
    let cyclic = false;
    for (const a of kept) {
      for (const b of kept) {
        const [x, y] = [plain(a), plain(b)];
        const ca = compareKeys(c, x);
        if (ca < 0 && compareKeys(x, y) < 0 && compareKeys(y, c) < 0) cyclic = true;
        if (ca > 0 && compareKeys(x, y) > 0 && compareKeys(y, c) > 0) cyclic = true;
      }
    }
    if (!cyclic) kept.push(k);
  }
  return kept;
}
function res(text: string): Record<string, string> {
  return { 'resources.yaml': text };
}
function kust(text: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'kustomization.yaml': text, ...extra };
}
const LONG =
  'long long long long long long long long long long long long long long long long long long long long long long long long long long long';
const SHORT_RES = cm('plain', '  a: b\n');

const cases: Case[] = [
  // ---------------------------------------------------------------- structure and key order
  {
    name: 'key-order-mixed',
    rule: 'keys sorted by go-yaml v2 order: non-letters before letters, digit runs by value, prefix first',
    files: res(
      cm(
        'order',
        [
          'é',
          'zy',
          'z.y',
          'item10',
          'item02',
          'item2',
          'e',
          'b',
          'aB',
          'a10',
          'a9',
          'a_b',
          'a-b',
          'Ab',
          'A',
          '"10"',
          '"09"',
          '"9"',
          '"1"',
          '_x',
        ]
          .map((k) => `  ${k}: x\n`)
          .join(''),
      ),
    ),
  },
  {
    name: 'key-order-digit-runs',
    rule: 'digit runs (from the first difference) compare by value in int64 arithmetic (2^64 wraps to 0, 2^63 to -2^63), then by length',
    files: res(
      cm(
        'digits',
        [
          'a0',
          'a00',
          'a01',
          'a1',
          'a001',
          'a010',
          'a10',
          'a9',
          'x1y2',
          'x1y10',
          'x01y2',
          'x10y1',
          'v1.2.10',
          'v1.2.9',
          'v1.10.0',
          'n18446744073709551616',
          'n9223372036854775808',
          'n5',
          'm12345678901234567890',
          'm12345678901234567889',
          '"1a"',
          '"01a"',
          '"1"',
          '"2"',
          '"10"',
          '"100"',
          '"0"',
          '"00"',
          'p0a',
          'p00a',
          'p0b',
          'k010x',
          'k20',
          'k3',
        ]
          .filter((k, _, all) => consistentKeys(all).includes(k))
          .map((k) => `  ${k}: x\n`)
          .join(''),
      ),
    ),
  },
  {
    name: 'key-order-unicode',
    rule: 'letters by code point (any script), non-ASCII digits compare by (rune - "0"), symbols and astral characters',
    files: res(
      cm(
        'unicode',
        [
          'ß',
          'é',
          'E',
          'z',
          '日本',
          '日',
          'Ω',
          'ω',
          '€',
          '✓',
          '😀',
          '𝒜',
          '𝒜b',
          'a𝟎',
          'a𝟏',
          'a٣',
          'a٠٣',
          'a3',
          'a9',
          'a１',
          '"-a"',
          '".a"',
          '"/a"',
          '"~a"',
          '"@a"',
          '" a"',
          '"a b"',
          'a.b',
          'a/b',
          'a~b',
          'ab',
          'a-',
          'a',
          '"#a"',
        ]
          .map((k) => `  ${k}: x\n`)
          .join(''),
      ),
    ),
  },
  {
    name: 'key-order-common-k8s',
    rule: 'typical resource keys (apiVersion, kind, metadata, spec; labels with dots and slashes)',
    files: res(
      `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n        - containerPort: 80\n          name: http\n        env:\n        - value: "1"\n          name: A\n    metadata:\n      labels:\n        app.kubernetes.io/name: x\n        app: x\n        app.kubernetes.io/instance: y\n        helm.sh/chart: z-1.0\n  replicas: 1\n  selector:\n    matchLabels: {app: x}\nmetadata:\n  namespace: ns\n  name: d\napiVersion: apps/v1\n`,
    ),
  },
  {
    name: 'sequences-layout',
    rule: 'sequences not indented under their key; nested `- - x`; mappings in sequences; flow input',
    files: res(
      obj(
        'seq',
        '  list:\n  - a\n  - b\n  nested:\n  - - a\n    - b\n  - - - c\n  maps:\n  - k: v\n    k2: v2\n    sub:\n    - x\n  - - k: v\n  flow: {a: [1, 2, {b: c}], d: []}\n  mixed:\n  - []\n  - {}\n  - null\n  - - {}\n    - []\n',
      ),
    ),
  },
  {
    name: 'empty-and-null',
    rule: 'empty map {} and list [], null / ~ / empty values become null, nulls in lists are kept',
    files: res(
      obj(
        'empty',
        '  emptyMap: {}\n  emptyList: []\n  a:\n  b: ~\n  c: null\n  d: Null\n  e: NULL\n  list:\n  - ~\n  -\n  - null\n  nested:\n    m: {}\n    l: []\n',
      ),
    ),
  },
  {
    name: 'deep-nesting',
    rule: 'deeply nested maps and lists (indentation grows by two per level)',
    files: res(
      obj(
        'deep',
        (() => {
          let s = '';
          for (let i = 0; i < 40; i++) s += ' '.repeat(2 + 2 * i) + `l${i}:\n`;
          s += ' '.repeat(82) + '- - - [deep, value]\n';
          return s;
        })(),
      ),
    ),
  },
  {
    name: 'proto-keys',
    rule: '__proto__, constructor and prototype keys are ordinary keys',
    files: res(
      obj(
        'proto',
        '  __proto__:\n    polluted: "yes"\n  constructor: x\n  prototype:\n    __proto__: y\n  toString: z\n  hasOwnProperty: w\n  list:\n  - __proto__: {a: 1}\n',
        '  labels:\n    __proto__: p\n',
      ),
    ),
  },
  {
    name: 'multi-document',
    rule: 'documents joined by ---; empty and comment-only documents skipped; null documents skipped',
    files: res(
      `---\n# only a comment\n---\n${SHORT_RES}\n---\n---\nnull\n---\n~\n---\n${cm('second', '  b: c\n')}...\n---\n${cm('third', '  c: d\n')}`,
    ),
  },
  {
    name: 'multi-document-kyaml-pieces',
    rule: "kyaml splits at lines starting with --- and decodes one document per piece: a document after '...' without --- is dropped",
    files: res(
      `${cm('first', '  a: b\n')}...\n${cm('dropped', '  c: d\n')}--- # comment\n${cm('third', '  e: f\n')}---\n`,
    ),
  },
  {
    name: 'crlf-and-bom',
    rule: 'a UTF-8 BOM and CRLF line endings in a resource file',
    files: res('\ufeff' + cm('crlf', '  a: b\n  c: |\n    line1\n    line2\n').replace(/\n/g, '\r\n')),
  },
  {
    name: 'go-yaml-leniency-flow-indentation',
    rule: 'go-yaml ignores indentation inside flow collections (lines of a flow map or list may start at column 0)',
    files: res(`${cm('flow-indent', '  a: b\n')}spec: {\nlist: [\n1, 2,\n"three"\n],\nkey: value\n}\n`),
  },
  {
    name: 'go-yaml-reader-cr-and-bom',
    rule: 'a lone CR is a line break; a byte order mark after a --- separator starts a new decoder (dropped)',
    files: res(`${cm('cr', '  a: b\n').replace(/\n/g, '\r')}\n---\n\ufeff${cm('bom', '  c: d\n')}`),
  },
  {
    name: 'keys-anchored-and-empty',
    rule: 'an anchored key can be aliased; an empty explicit key is written back as ""',
    files: res(cm('keys', '  &k key: v\n  other: *k\n  ? \n  : empty\n')),
  },
  {
    name: 'error-directive-in-resource',
    rule: 'a %YAML or %TAG directive in a resource file fails (kyaml splits the directives from their document)',
    files: res(`%YAML 1.1\n---\n${SHORT_RES}`),
    code: 'yaml/syntax',
  },
  {
    name: 'json-input',
    rule: 'a resource file written in JSON',
    files: res(
      '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json", "labels": {"a": "1"}}, "data": {"x": "yes", "n": "1.0", "e": ""}, "z": [1, 2.5, true, null, {"k": []}]}\n',
    ),
  },
  // ---------------------------------------------------------------- quoting
  {
    name: 'quote-yaml11-booleans',
    rule: 'strings that are YAML 1.1 booleans are double-quoted; other casings stay plain',
    files: res(
      cm(
        'bools',
        quotedValues([
          'y',
          'Y',
          'yes',
          'Yes',
          'YES',
          'n',
          'N',
          'no',
          'No',
          'NO',
          'on',
          'On',
          'ON',
          'off',
          'Off',
          'OFF',
          'true',
          'True',
          'TRUE',
          'false',
          'False',
          'FALSE',
          'yEs',
          'oN',
          'nO',
          'tRUE',
          'ye',
          'yess',
        ]) + plainValues(['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'OFF'], '  p'),
      ),
    ),
  },
  {
    name: 'quote-null-like',
    rule: 'strings that resolve to null are double-quoted',
    files: res(cm('nulls', quotedValues(['null', 'Null', 'NULL', '~', '', 'nUll', 'nil', 'None', '~~']))),
  },
  {
    name: 'quote-number-like',
    rule: 'strings that resolve to ints or floats (Go ParseInt base 0, YAML float pattern, ParseFloat range) are double-quoted',
    files: res(
      cm(
        'numbers',
        quotedValues([
          '123',
          '-7',
          '+1',
          '1_000',
          '_1',
          '1_',
          '0x1F',
          '0X1f',
          '0o17',
          '0O17',
          '0b101',
          '0B11',
          '0777',
          '08',
          '09.5',
          '0',
          '-0',
          '+0',
          '00',
          '1.5',
          '1e3',
          '1E3',
          '1e+3',
          '1e-3',
          '.5',
          '-.5',
          '+.5',
          '1.',
          '.',
          '-',
          '+',
          '.e5',
          '1e',
          '1e999',
          '-1e999',
          '.5e999',
          '1_0.5',
          '.5_5',
          '._5',
          '0x',
          '0b2',
          '0o8',
          '+0x1F',
          '-0b11',
          '-0o17',
          '0x_1F',
          '18446744073709551615',
          '18446744073709551616',
          '+18446744073709551615',
          '9223372036854775807',
          '9223372036854775808',
          '-9223372036854775808',
          '-9223372036854775809',
          '12345678901234567890123',
          '0x10000000000000000',
          '0xFFFFFFFFFFFFFFFF',
          '.inf',
          '-.Inf',
          '+.INF',
          '.nan',
          '.NaN',
          'inf',
          'nan',
          'Infinity',
          '1.2.3',
          '1,000',
          '1 000',
          '0x1F ',
          ' 1',
          '1:20',
          '190:20:30',
          '1:60',
          '-1:30',
          '1:30.5',
          '1:2:3.4_5',
          '+1:20',
          '1__0',
        ]),
      ),
    ),
  },
  {
    name: 'quote-timestamp-like',
    rule: 'strings that go-yaml parses as timestamps (time.Parse with its four layouts, validated dates) are double-quoted',
    files: res(
      cm(
        'timestamps',
        quotedValues([
          '2020-01-01',
          '2020-1-1',
          '2020-01-01T10:00:00Z',
          '2020-01-01t10:00:00Z',
          '2020-01-01 10:00:00',
          '2020-01-01  10:00:00',
          '2020-01-01 10:00:00Z',
          '2020-01-01T10:00:00',
          '2020-01-01T10:00:00+05:00',
          '2020-01-01T10:00:00+05',
          '2020-01-01T10:00:00.5Z',
          '2020-01-01T10:00:00,5Z',
          '2020-01-01T10:00:00.Z',
          '2021-02-29',
          '2020-02-29',
          '1900-02-29',
          '2000-02-29',
          '2020-13-01',
          '2020-00-10',
          '2020-01-32',
          '2020-04-31',
          '2020-01-01T24:00:00Z',
          '2020-01-01T23:60:00Z',
          '2020-01-01T23:59:60Z',
          '2020-01-01X',
          '20200-01-01',
          '2020-001-01',
          '2020-01-01T1:2:3Z',
          '2020-01-01T10:00:00z',
          '2020-01-01T10:00:00+24:00',
          '2020-01-01T10:00:00+25:00',
          '0000-01-01',
        ]),
      ),
    ),
  },
  {
    name: 'quote-indicators',
    rule: 'strings starting with an indicator, containing ": " or " #", or starting with ---/... are single-quoted',
    files: res(
      cm(
        'indicators',
        [
          '#hash',
          'a: b',
          ': colon',
          '- dash',
          '@at',
          '`tick',
          '!bang',
          '*star',
          '&amp',
          '%pct',
          '{brace}',
          '[brk]',
          ']x',
          '}x',
          ',x',
          'abc:',
          '>abc',
          '|abc',
          "''q",
          '\\"dq',
          'foo # bar',
          '-',
          '?',
          ':',
          '? x',
          '?x',
          '-x',
          ':x',
          '---',
          '---abc',
          '--- x',
          '...',
          '...x',
          '--',
          '..',
          'a:b',
          'a :b',
          'a#b',
          'a #b',
          'a,b',
          'a[b]',
          'a{b}',
          '=',
          '<<',
          '<<<',
          'a?',
          'a!',
          'a&',
          'a*',
          'a|b',
          'a>b',
          'a%',
          'a@b',
          'http://x/y?z=1#f',
          'a:',
          'a:\\tb',
          'x #',
          '# x',
          '-\\tx',
          '?\\tx',
        ]
          .map((v, i) => `  v${String(i).padStart(2, '0')}: "${v}"\n`)
          .join(''),
      ),
    ),
  },
  {
    name: 'quote-spaces-and-quotes',
    rule: 'leading/trailing spaces force single quotes; quotes inside; tabs force double quotes',
    files: res(
      cm(
        'spaces',
        quotedValues([
          '  leading',
          'trailing  ',
          ' ',
          '  ',
          'a  b',
          'a\\tb',
          "with 'single' quote",
          'with \\"double\\" quote',
          "'",
          "''",
          ' 1',
          'x ',
          '\\t',
          ' yes',
        ]),
      ),
    ),
  },
  {
    name: 'quote-keys',
    rule: 'the same quoting rules apply to keys (no folding in keys)',
    files: res(
      cm(
        'keys',
        [
          '"y"',
          '"n"',
          '"yes"',
          '"true"',
          '"123"',
          '""',
          '"~"',
          '"null"',
          '"#a"',
          '"a: b"',
          '" lead"',
          '"trail "',
          '"-"',
          '"a\\tb"',
          "'it''s'",
          '"1.5"',
          '"0x10"',
          '"2020-01-01"',
          '"---"',
          '"a\\u00e9"',
          '"\\u00a0x"',
        ]
          .map((k, i) => `  ${k}: v${i}\n`)
          .join(''),
      ),
    ),
  },
  {
    name: 'unicode-plain',
    rule: 'printable non-ASCII stays raw UTF-8 and plain',
    files: res(
      cm(
        'unicode',
        plainValues([
          'ünïcödé',
          日本語テキスト(),
          'Ωmega',
          'שלום',
          'e\u0301',
          'a\u200db',
          '\u00a0lead',
          'trail\u00a0',
          'x\u3000y',
          '€100',
          '\ue000',
          '\ufffd',
        ]),
      ),
    ),
  },
  // ---------------------------------------------------------------- escapes
  {
    name: 'escapes-control',
    rule: 'non-printable characters force double quotes with libyaml escapes (\\0 \\a \\b \\t \\v \\f \\r \\e \\xXX \\N \\L \\P)',
    files: res(
      cm(
        'escapes',
        quotedValues([
          '\\0',
          '\\a',
          '\\b',
          '\\t',
          '\\v',
          '\\f',
          '\\r',
          '\\e',
          '\\x01',
          '\\x1f',
          'a\\\\b',
          'q\\"q',
          'tab\\there',
          '\\u0007bell',
          'x\\u2029',
          'x\\u2028y z',
          'cr\\rlf\\n',
        ]),
      ),
    ),
  },
  {
    name: 'escapes-go-yaml-set',
    rule: "go-yaml's escapes in double-quoted input: \\' is a quote (not YAML 1.2), \\x \\u \\U \\N \\_ \\L \\P \\e \\0, escaped line breaks",
    files: res(
      cm(
        'dq-escapes',
        '  a: "can\\\'t \\\\\'x"\n  b: "multi \\\'\n    line\\\\ \\"q\\" end"\n  c: "\\x41\\u00e9\\U0001F600\\_\\L\\P\\e\\0\\ \\\t"\n  d: "joined \\\n    line"\n',
      ),
    ),
  },
  {
    name: 'error-escape-slash',
    rule: 'go-yaml has no \\/ escape (JSON written with escaped slashes fails)',
    files: res(
      '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "slash"}, "data": {"url": "http:\\/\\/x"}}\n',
    ),
    code: 'yaml/syntax',
  },
  {
    name: 'error-escape-surrogate',
    rule: 'a \\u escape of a surrogate half is refused (even as a valid pair)',
    files: res(cm('surrogate', '  a: "\\uD83D\\uDE00"\n')),
    code: 'yaml/syntax',
  },
  {
    name: 'escapes-astral',
    rule: '4-byte UTF-8 characters (emoji, astral) are not printable for libyaml: double-quoted as \\UXXXXXXXX',
    files: res(cm('astral', quotedValues(['😀', 'a😀b', '😀 smile', '𝒜', 'x\\U0001F600', `${LONG} 😀 ${LONG}`]))),
  },
  {
    name: 'escapes-bom',
    rule: 'a string starting with U+FEFF has every character escaped (libyaml checks the BOM at the start of the value)',
    files: res(cm('bom', quotedValues(['\\ufeffabc def', '\\ufeff', 'x\\ufeffy', '\\ufeff\\u00e9😀\\n']))),
  },
  {
    name: 'nel-folding',
    rule: 'a raw U+0085 in JSON is a line break for go-yaml v2: folded like a line break in a double-quoted scalar',
    files: res(
      cm(
        'nel',
        quotedValues([
          'a\\u0085b',
          'a \\u0085 b',
          'a\\u0085\\u0085b',
          '\\u0085',
          'a\\u0085',
          'a\\u0085 --- b',
          'a\\u0085---',
          '\\u0085\\u0085\\u0085x',
          'x \\u0085\\u0085 y',
          'a\\u0085...b',
        ]),
      ),
    ),
  },
  {
    name: 'error-nel-in-key',
    rule: 'a U+0085 in a key breaks the JSON line inside a flow key: go-yaml v2 cannot parse it',
    files: res(cm('nel-key', '  "k\\u0085ey": v\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-key-too-long-for-json',
    rule: 'a key whose JSON form exceeds 1024 characters is not a simple key for go-yaml v2 (< is written as \\u003c)',
    files: res(cm('long-json-key', `  ${'k'.repeat(1022)}: fits\n  "${'<'.repeat(171)}": too-long\n`)),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-annotation-key-number',
    rule: 'annotation keys are rewritten untagged: a key read back as a number fails the JSON step',
    files: res(cm('ann-key', '  a: b\n', '  annotations:\n    "2": b\n    "#x": c\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-annotation-empty-key',
    rule: 'an empty annotation key makes kustomize fail (it panics looking the key up)',
    files: res(cm('ann-empty-key', '  a: b\n', '  annotations:\n    "": h\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'annotation-keys-quoted',
    rule: 'annotation keys that need quotes but read back as strings are fine',
    files: res(
      cm(
        'ann-key-ok',
        '  a: b\n',
        '  annotations:\n    "#x": c\n    ": d": e\n    "a\\tb": f\n    "yes": g\n    "0x": i\n    " 1": j\n',
      ),
    ),
  },
  {
    name: 'error-control-del',
    rule: 'DEL in a value: go-yaml v2 refuses the JSON text (control characters are not allowed)',
    files: res(cm('del', quotedValues(['a\\x7fb']))),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-control-c1',
    rule: 'a C1 control character in a key or value is refused',
    files: res(cm('c1', '  "k\\x80": v\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-control-fffe',
    rule: 'U+FFFE is refused',
    files: res(cm('fffe', quotedValues(['\\ufffe']))),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-nel-document-indicator',
    rule: 'a U+0085 followed by "--- " starts a line with a document indicator inside the JSON string',
    files: res(cm('nel-doc', quotedValues(['a\\u0085--- b']))),
    code: 'yaml/unsupported-value',
  },
  // ---------------------------------------------------------------- folding
  {
    name: 'fold-plain',
    rule: 'plain scalars fold at spaces once past column 80; continuation indented two more; never inside a word',
    files: res(
      obj(
        'fold',
        `  short: ${LONG}\n  averyveryveryveryveryveryveryveryverylongkeyname: ${LONG}\n  doubled: ${LONG.replace(/ /g, '  ')}\n  noSpaces: ${'x'.repeat(150)}\n  oneSpace: ${'x'.repeat(90)} y\n  url: https://example.com/${'a'.repeat(100)}?q=1 and more text here\n  list:\n  - ${LONG}\n  - - ${LONG}\n  nested:\n    deeper:\n      deepest: ${LONG}\n  exact79: ${'w '.repeat(34)}end\n  exact80: ${'w '.repeat(35)}end\n  trailingWord: ${'abcdefghi '.repeat(7)}abcdefghijklmnopqrstuvwxyz more\n`,
      ),
    ),
  },
  {
    name: 'fold-single',
    rule: 'single-quoted scalars fold like plain ones (not at the first or last character)',
    files: res(
      obj(
        'fold-single',
        `  s: '#${LONG}'\n  lead: '  ${LONG}'\n  quote: 'it''s ${LONG} it''s'\n  inList:\n  - '- ${LONG}'\n`,
      ),
    ),
  },
  {
    name: 'fold-double',
    rule: 'double-quoted scalars fold at spaces; a space after the fold point is escaped as "\\ "',
    files: res(
      obj(
        'fold-double',
        `  d: "yes ${LONG}"\n  tab: "tab\\there and a very long line that goes on and on and on and on and on and on and on and end"\n  spaces: "\\t${LONG.replace(/ /g, '   ')}"\n  escapes: "\\t${'é '.repeat(60)}"\n  key: "${'x'.repeat(85)} \\t"\n`,
      ),
    ),
  },
  {
    name: 'fold-keys-never',
    rule: 'simple keys (up to 128 bytes) never fold',
    files: res(obj('fold-keys', `  "${'k '.repeat(60)}": v\n  "${'#k '.repeat(40)}": v2\n`)),
  },
  // ---------------------------------------------------------------- block scalars
  {
    name: 'literal-blocks',
    rule: 'strings with a line break become literal blocks: | (one trailing newline), |- (none), |+ (several), |2 (leading space or break)',
    files: res(
      cm(
        'literal',
        quotedValues([
          'line1\\nline2',
          'line1\\nline2\\n',
          'line1\\nline2\\n\\n',
          'line1\\n\\n\\n',
          '  lead\\nline2\\n',
          '\\n',
          '\\n\\n',
          '\\nabc',
          '\\n abc\\n',
          'a\\n\\n\\nb',
          'a\\n b\\n',
          'a\\n\\n',
          ' \\n',
          '#not a comment\\n- not a list\\n',
          `${LONG}\\n${LONG}`,
          'key: value\\n',
          'tab\\tinside\\nx',
          'x\\n\\u00e9\\n',
          'yes\\n',
          'a\\u2028b\\nc',
        ]),
      ),
    ),
  },
  {
    name: 'literal-blocks-text-ranges',
    rule: 'multi-line text: literal block for printable characters (\\u00a0-\\u2027, \\u202a-\\ud7ff, \\ue000-\\ufffd but \\ufeff), double quotes at the edges of those ranges and around blanks next to line breaks',
    files: res(
      cm(
        'text-ranges',
        quotedValues([
          'caf\\u00e9 \\u00a0\\nx\\n',
          '\\u2027\\n\\u202a\\n',
          '\\ud7ff\\n\\ue000\\n',
          '\\ufefe\\n\\uff00\\n\\ufffd',
          'a\\ufeffb\\nc',
          'a\\u0085b\\nc',
          '\\u00e9 \\nx',
          'x\\n \\u00e9',
          'x\\n\\u00e9 ',
          'a\\u2029b\\nc',
          '{\\n  \\"k\\": \\"\\u00b0C\\"\\n}\\n',
        ]),
      ),
    ),
  },
  {
    name: 'literal-not-allowed',
    rule: 'a multi-line string with a space before a line break, a trailing space or a non-printable character is double-quoted',
    files: res(
      cm(
        'literal-dq',
        quotedValues([
          'trail \\nline2\\n',
          'a\\n ',
          'a \\n',
          'a\\n\\tb\\n',
          'a\\r\\nb',
          'a\\nb\\x01',
          '😀\\nx',
          'a\\nb ',
        ]),
      ),
    ),
  },
  {
    name: 'literal-in-context',
    rule: 'literal blocks in sequences, nested maps, after long keys; indentation follows the parent',
    files: res(
      obj(
        'literal-ctx',
        '  list:\n  - |\n    a\n    b\n  - - |-\n      c\n      d\n  - k: |\n      e\n    k2: x\n  deep:\n    deeper:\n      text: |+\n        f\n\n  after: x\n',
      ),
    ),
  },
  {
    name: 'folded-source-scalars',
    rule: "folded (>) input scalars go through kyaml's go-yaml v3 round trip: an empty line appears before more-indented lines",
    files: res(
      obj(
        'folded',
        '  a: >-\n    one\n      two\n    three\n  b: >\n    para one\n    continues\n\n    para two\n  c: >+\n    keep\n\n  d: >2-\n     leading space\n    more\n  e: >-\n    x\n\n      indented\n    y\n  f: >\n    ' +
          LONG +
          '\n      ' +
          LONG +
          '\n  g: >-\n    tab\tinside\n      more\n  h: >\n    trailing space \n    next\n  i: >2-\n     a\n    b\n    c\n  j: >+\n    keep\n\n\n  k: >\n    a\n\n\n    b\n',
        '  annotations:\n    folded: >-\n      one\n        two\n  labels:\n    l: >-\n      x\n',
      ),
    ),
  },
  // ---------------------------------------------------------------- long and complex keys
  {
    name: 'long-keys',
    rule: 'keys over 128 UTF-8 bytes (or with a line break) are explicit: `? key` then `: value` (compact map/list after `: `)',
    files: res(
      obj(
        'long-keys',
        `  ${'k'.repeat(128)}: simple\n  ${'k'.repeat(129)}: explicit\n  ${'é'.repeat(64)}: simple\n  ${'é'.repeat(65)}: explicit\n  ${'m'.repeat(130)}:\n    a: 1\n    b: [x]\n  ${'l'.repeat(130)}:\n  - x\n  - y: z\n  ${'e'.repeat(130)}: {}\n  ${'n'.repeat(130)}:\n  "${'w '.repeat(70)}": folded key\n  "multi\\nline": v\n  "multi\\nline\\n":\n    c: 3\n  "ls\\u2028key": v\n  "${'y'.repeat(129)}": "yes"\n  "${'t'.repeat(129)}\\t": tab\n  nested:\n    ${'d'.repeat(131)}:\n    - - deep\n`,
      ),
    ),
  },
  // ---------------------------------------------------------------- numbers, booleans, timestamps (values)
  {
    name: 'numbers',
    rule: 'ints (octal 0777, hex, binary, uint64), floats through JSON and strconv.FormatFloat(g): 1.0→1, 1e-7→1e-07, ≥1e21 exponent',
    files: res(
      obj(
        'numbers',
        plainValues([
          '42',
          '-7',
          '+1',
          '1_000',
          '0777',
          '0o17',
          '0x1F',
          '0b101',
          '-0x1F',
          '-0o17',
          '-0b11',
          '+0x10',
          '18446744073709551615',
          '+18446744073709551615',
          '18446744073709551616',
          '9223372036854775807',
          '9223372036854775808',
          '-9223372036854775808',
          '-9223372036854775809',
          '9007199254740993',
          '1.0',
          '2.5e+3',
          '1.0e0',
          '3.14',
          '1.50',
          '0.1',
          '1e-7',
          '0.000001',
          '0.0000001',
          '1e21',
          '1e20',
          '100000000000000000000.0',
          '-0',
          '-0.0',
          '+0.0',
          '1234567.5',
          '123456.7',
          '1e6',
          '1.5e6',
          '12345678901234567890.0',
          '0.1e-3',
          '.5',
          '-.5',
          '+.5',
          '1e-400',
          '4.9e-324',
          '1.7976931348623157e308',
          '08',
          '09.5',
          '0.30000000000000004',
          '1e+22',
          '-1e21',
          '123456789012345678',
          '1.',
          '00',
          '007',
          '0x_FF',
          '1_0.5',
          '.5_5',
          '6.02214076e23',
        ]),
      ),
    ),
  },
  {
    name: 'booleans-and-nulls',
    rule: 'true/True/TRUE/false are booleans; yes/no/on/off/y/n are strings in resources (YAML 1.2-like) and get quoted',
    files: res(
      obj(
        'bools',
        plainValues([
          'true',
          'True',
          'TRUE',
          'false',
          'False',
          'FALSE',
          'yes',
          'no',
          'on',
          'off',
          'y',
          'n',
          'Y',
          'NO',
          'tRUE',
          '~',
          'null',
          'Null',
        ]),
      ),
    ),
  },
  {
    name: 'timestamps',
    rule: 'plain timestamps become RFC 3339 strings (time.Time through JSON); invalid dates stay strings',
    files: res(
      obj(
        'timestamps',
        plainValues([
          '2020-01-01',
          '2020-1-2',
          '2020-01-01T10:00:00Z',
          '2020-01-01t10:00:00Z',
          '2020-01-01 10:00:00',
          '2020-01-01   10:00:00',
          '2020-01-01T10:00:00+05:30',
          '2020-01-01T10:00:00-00:00',
          '2020-01-01T10:00:00+00:00',
          '2020-01-01T10:00:00+05:60',
          '2020-01-01T10:00:00+23:59',
          '2020-01-01T10:00:00.5Z',
          '2020-01-01T10:00:00.123456789123Z',
          '2020-01-01T10:00:00,25Z',
          '2020-01-01T10:00:00.000Z',
          '2020-01-01T10:00:00+05',
          '2020-01-01T10:00:00',
          '2020-01-01 10:00:00Z',
          '2021-02-29',
          '2020-02-29',
          '1900-02-29',
          '2000-02-29',
          '0000-01-01',
          '2020-01-01T10:00:00.Z',
          '9999-12-31T23:59:59.999999999Z',
          '2020-01-01T1:2:3Z',
          '2020-01-01T10:00:00z',
        ]),
      ),
    ),
  },
  {
    name: 'error-timestamp-zone',
    rule: 'a timestamp with a zone offset of 24 hours or more cannot be written as JSON',
    files: res(obj('ts-zone', '  t: 2020-01-01T10:00:00+23:60\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-infinity',
    rule: '.inf cannot be written as JSON (json: unsupported value: +Inf)',
    files: res(obj('inf', '  x: .inf\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-nan',
    rule: '.nan cannot be written as JSON',
    files: res(obj('nan', '  x: .NaN\n')),
    code: 'yaml/unsupported-value',
  },
  // ---------------------------------------------------------------- annotations and labels
  {
    name: 'annotations-stringified',
    rule: 'annotation values are written as strings made from their source text; labels keep their types',
    files: res(
      cm(
        'ann',
        '  a: b\n',
        `  annotations:\n    a: yes\n    b: 0777\n    c: 1.0\n    d: 2020-01-01\n    e: null\n    f: ~\n    g:\n    h: [1, 2]\n    i: {x: 1}\n    j: !!binary aGVsbG8=\n    k: !!int 0777\n    l: &n 12\n    m: *n\n    n: "quoted 1"\n    o: 'single'\n    p: |\n      literal\n    q: 1e3\n    r: true\n    s: 0x1F\n    t: -.inf\n    u: !custom 5\n  labels:\n    num: 1\n    flt: 1.5\n    bool: true\n    str: "1"\n    oct: 0777\n    hex: 0o17\n`,
      ),
    ),
  },
  {
    name: 'annotations-template-not-stringified',
    rule: 'only metadata.annotations of the resource itself are stringified, not those of a pod template',
    files: res(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    a: 0777\nspec:\n  template:\n    metadata:\n      annotations:\n        a: 0777\n        b: 1.0\n        c: yes\n`,
    ),
  },
  {
    name: 'annotations-empty-dropped',
    rule: 'an empty metadata.annotations map is dropped; an empty labels map is kept',
    files: res(
      `${cm('empty-ann', '  a: b\n', '  annotations: {}\n  labels: {}\n')}\n---\n${cm('null-ann', '  a: b\n', '  annotations:\n  labels:\n')}\n---\n${cm('build-only', '  a: b\n', '  annotations:\n    config.kubernetes.io/index: "0"\n')}`,
    ),
  },
  {
    name: 'list-items',
    rule: 'items of a List are resources: their annotations are stringified and their top-level keys are source text',
    files: res(
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: item1\n    annotations:\n      a: 0777\n  data:\n    x: yes\n  1.0: top\n- apiVersion: v1\n  kind: ConfigMapList\n  items:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: item2\n      annotations:\n        b: 1.0\n`,
    ),
  },
  // ---------------------------------------------------------------- keys of resources
  {
    name: 'top-level-keys-text',
    rule: 'top-level keys of a resource are decoded as strings from their source text',
    files: res(
      `${SHORT_RES}1.0: float\n0777: octal\ntrue: bool\nyes: yes\n2020-01-01: date\n!!binary aGk=: bin\n"": empty\n`,
    ),
  },
  {
    name: 'error-nested-int-key',
    rule: 'a nested map with a non-string key cannot be written as JSON',
    files: res(cm('int-key', '  1: one\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-nested-bool-key',
    rule: 'a nested map with a boolean key cannot be written as JSON',
    files: res(obj('bool-key', '  true: x\n')),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'error-top-level-null-key',
    rule: 'a null key at the top of a resource fails',
    files: res(`${SHORT_RES}~: x\n`),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'nested-string-keys',
    rule: 'nested keys that are strings to go-yaml v3 (yes, on, quoted numbers) are kept',
    files: res(obj('str-keys', '  yes: 1\n  on: 2\n  "1": 3\n  !!str 2: 4\n  y: 5\n  "true": 6\n  1a: 7\n  0x: 8\n')),
  },
  {
    name: 'error-duplicate-keys-resource',
    rule: 'a resource with a key defined twice fails on output (mapping key already defined)',
    files: res(cm('dup', '  a: 1\n  a: 2\n')),
    code: 'yaml/duplicate-key',
  },
  {
    name: 'merge-keys',
    rule: '<< merge keys: explicit keys win, earlier sources win, a quoted "<<" key is dropped, "<<" as a value is plain',
    files: res(
      `base: &base\n  a: 1\n  b: 2\nother: &other\n  b: 3\n  c: 4\n${cm('merge', '  x: y\n  "<<": dropped\n  v: "<<"\n')}\nspec:\n  m1:\n    <<: *base\n    a: 10\n  m2:\n    <<: [*other, *base]\n  m3:\n    a: 0\n    <<: *base\n  m4:\n    <<:\n      z: 1\n`,
    ),
  },
  {
    name: 'anchors-aliases',
    rule: 'anchors and aliases are expanded (scalars, maps, lists, keys)',
    files: res(
      `${cm('alias', '  a: &v value\n  b: *v\n  c: &m {k: v}\n  d: *m\n  *v : aliased-key\n')}\nspec:\n  list: &l [1, 2]\n  again: *l\n  nested:\n    - *m\n    - *l\n`,
    ),
  },
  {
    name: 'tags',
    rule: 'explicit tags: !!str/!!int/!!float resolve; custom and non-specific tags keep the text; !!binary is decoded',
    files: res(
      obj(
        'tags',
        '  a: !!str 123\n  b: !!int "123"\n  c: !!float "1"\n  d: !foo 123\n  e: ! 123\n  f: !!binary aGVsbG8=\n  g: !!binary |\n    aGVs\n    bG8=\n  h: !!binary /w==\n  i: !!null ""\n  j: !!bool "true"\n  k: !!timestamp 2020-01-01\n  l: !!float 1e3\n  m: !custom {a: 1}\n  n: !!str yes\n',
      ),
    ),
  },
  {
    name: 'error-tag-mismatch',
    rule: 'a scalar whose text does not fit its explicit tag fails (cannot decode !!str as !!int)',
    files: res(obj('tag-mismatch', '  a: !!int abc\n')),
    code: 'yaml/syntax',
  },
  {
    name: 'error-syntax',
    rule: 'malformed YAML fails (MalformedYAMLError)',
    files: res('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\ndata: {\n'),
    code: 'yaml/syntax',
  },
  // ---------------------------------------------------------------- kustomization files (YAML 1.1)
  {
    name: 'kustomization-case-insensitive',
    rule: 'kustomization keys match struct fields case-insensitively',
    files: kust(
      'NAMEPREFIX: pre-\nNameSuffix: -suf\nRESOURCES:\n- resources.yaml\ncommonlabels:\n  a: b\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-duplicate-keys',
    rule: 'duplicate keys in a kustomization: the last one wins (also across case variants)',
    files: kust(
      'namePrefix: first-\nresources:\n- resources.yaml\nnamePrefix: second-\nNamePrefix: third-\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-yaml11-label-keys',
    rule: 'YAML 1.1 keys in a kustomization map become strings ("true", "511", 32-bit %g floats), which fail as label keys',
    files: kust(
      'resources:\n- resources.yaml\ncommonLabels:\n  yes: a\n  on: b\n  0777: c\n  0x1F: d\n  1.5: e\n  0.1: f\n  1e3: g\n  123456789.0: h\n  2020-01-01: i\n  "quoted": j\n  12345678901234567890123: k\n',
      res(SHORT_RES),
    ),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'kustomization-yaml11-values',
    rule: 'a YAML 1.1 boolean where a string is expected is an error (yes is a bool in a kustomization)',
    files: kust('resources:\n- resources.yaml\nnamePrefix: yes\n', res(SHORT_RES)),
    code: 'kustomization/invalid-type',
  },
  {
    name: 'kustomization-timestamp-value',
    rule: 'a timestamp-looking value in a kustomization stays its text (go-yaml v2 decodes it to interface{} as a string)',
    files: kust(
      'resources:\n- resources.yaml\nnamespace: 2020-01-01\ncommonLabels:\n  date: 2020-01-01T10:00:00Z\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-anchors-merge',
    rule: 'anchors and << merge keys in a kustomization (go-yaml v2 applies << in place: later keys win)',
    files: kust(
      'resources:\n- resources.yaml\ncommonLabels: &l\n  a: "1"\n  <<: {a: "2", b: "2"}\n  b: "3"\ncommonAnnotations: *l\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-multi-document',
    rule: 'only the first document of a kustomization file is read',
    files: kust(
      'resources:\n- resources.yaml\nnamePrefix: first-\n---\nnamePrefix: second-\nbogusField: [\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-tags-and-quotes',
    rule: 'tagged and quoted scalars in a kustomization',
    files: kust(
      'resources:\n- !!str resources.yaml\nnamespace: !!str 123\nnameSuffix: "-0777"\ncommonLabels:\n  num: !!str 1.0\n  "y": !!str yes\n',
      res(SHORT_RES),
    ),
  },
  {
    name: 'kustomization-null-key',
    rule: 'a null key in a kustomization map cannot be converted to JSON',
    files: kust('resources:\n- resources.yaml\ncommonLabels:\n  ~: x\n', res(SHORT_RES)),
    code: 'yaml/unsupported-value',
  },
  {
    name: 'kustomization-bom-crlf',
    rule: 'a kustomization with a UTF-8 BOM and CRLF line endings',
    files: kust('\ufeffresources:\r\n- resources.yaml\r\nnamePrefix: p-\r\n', res(SHORT_RES)),
  },
  {
    name: 'kustomization-json',
    rule: 'a kustomization file written in JSON',
    files: kust('{"resources": ["resources.yaml"], "namePrefix": "j-", "commonLabels": {"a": "b"}}\n', res(SHORT_RES)),
  },
  {
    name: 'kustomization-syntax-error',
    rule: 'malformed kustomization YAML fails',
    files: kust('resources:\n- resources.yaml\n  namePrefix: x\n', res(SHORT_RES)),
    code: 'yaml/syntax',
  },
];

function 日本語テキスト(): string {
  return '日本語のテキスト';
}

function run(c: Case): void {
  const dir = join(CASES, c.name);
  rmSync(dir, { recursive: true, force: true });
  const input = join(dir, 'input');
  mkdirSync(input, { recursive: true });
  const files = { ...c.files };
  if (files['kustomization.yaml'] === undefined) files['kustomization.yaml'] = DEFAULT_KUSTOMIZATION;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(input, name), text);
  const r = spawnSync(KUBECTL, ['kustomize', input], { encoding: 'utf8' });
  // Key orders go-yaml cannot order consistently come out differently from run to run (Go's map
  // iteration order is random): such a case would not be a test.
  for (let i = 0; i < 4 && r.status === 0; i++) {
    const again = spawnSync(KUBECTL, ['kustomize', input], { encoding: 'utf8' });
    if (again.stdout !== r.stdout) throw new Error(`${c.name}: the reference output varies between runs`);
  }
  const meta: Record<string, unknown> = { rule: c.rule };
  if (r.status === 0) {
    writeFileSync(join(dir, 'expected.yaml'), r.stdout);
  } else {
    writeFileSync(join(dir, 'expected-error.txt'), r.stderr.split(input).join('<input>'));
    if (c.code) meta.code = c.code;
  }
  writeFileSync(join(dir, 'case.json'), JSON.stringify(meta, null, 2) + '\n');
  console.log(
    `${r.status === 0 ? 'ok   ' : 'error'} ${c.name}${r.status !== 0 && !c.code ? '  (reference failed; no code given)' : ''}${r.status === 0 && c.code ? '  (reference succeeded but a code was given)' : ''}`,
  );
}

if (!existsSync(KUBECTL)) {
  console.error(`reference binary not found: ${KUBECTL}`);
  process.exit(1);
}
const only = process.argv.indexOf('--only');
const names = new Set(cases.map((c) => c.name));
if (names.size !== cases.length) throw new Error('duplicate case names');
if (only >= 0) {
  const c = cases.find((x) => x.name === process.argv[only + 1]);
  if (!c) throw new Error(`no case ${process.argv[only + 1]}`);
  run(c);
} else {
  mkdirSync(CASES, { recursive: true });
  for (const d of readdirSync(CASES)) if (!names.has(d)) rmSync(join(CASES, d), { recursive: true, force: true });
  for (const c of cases) run(c);
}
