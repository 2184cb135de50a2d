/**
 * Hostile YAML: alias bombs, prototype keys, deep nesting, huge scalars, malformed input and duplicate
 * keys end in diagnostics (quickly, with positions) or round-trip as ordinary data — never a hang, a
 * crash or a polluted prototype.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { EmitError, emitDocument } from '../../src/yaml/emit.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import type { YamlMap, YamlValue } from '../../src/yaml/values.js';

function parse(
  text: string,
  opts: Partial<Parameters<typeof parseYamlStream>[1]> = {},
): ReturnType<typeof parseYamlStream> {
  return parseYamlStream(text, { file: '/x.yaml', ...opts });
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

function billionLaughs(levels: number, fanout: number): string {
  let s = 'a0: &a0 "lol"\n';
  for (let i = 1; i <= levels; i++) {
    s += `a${i}: &a${i} [${Array.from({ length: fanout }, () => `*a${i - 1}`).join(', ')}]\n`;
  }
  return s;
}

describe('alias bombs end in yaml/alias-limit, quickly', () => {
  const cases: { name: string; text: string }[] = [
    { name: 'billion laughs (9 levels of 10)', text: billionLaughs(9, 10) },
    {
      name: 'billion laughs in a resource',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${billionLaughs(12, 8).replace(/^/gm, '  ')}`,
    },
    {
      name: 'wide fan-out of one big anchor',
      text: `big: &b [${Array.from({ length: 2000 }, (_, i) => i).join(', ')}]\nuse: [${Array.from({ length: 2000 }, () => '*b').join(', ')}]\n`,
    },
    {
      name: 'maps merged into maps',
      text: billionLaughs(6, 10).replace(
        /\[(\*a\d+(, )?)+\]/g,
        (m) =>
          `{${m
            .slice(1, -1)
            .split(', ')
            .map((a, i) => `k${i}: ${a}`)
            .join(', ')}}`,
      ),
    },
    {
      name: 'aliases as keys of big values',
      text: `k: &k key\nv: &v [${'x, '.repeat(999)}x]\nm: &m {${Array.from({ length: 300 }, (_, i) => `k${i}: *v`).join(', ')}}\nn: [${Array.from({ length: 300 }, () => '*m').join(', ')}]\n`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { value: s, ms } = timed(() => parse(c.text));
      expect(s.documents).toEqual([]);
      expect(s.errors.map((e) => e.code)).toEqual(['yaml/alias-limit']);
      expect(s.errors[0]?.line).toBeGreaterThan(0);
      expect(ms).toBeLessThan(2000);
    });
  }
  it('is a build diagnostic with file and line', () => {
    const r = build('/k', {
      fs: memoryFs({
        '/k/kustomization.yaml': 'resources:\n- r.yaml\n',
        '/k/r.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${billionLaughs(9, 10).replace(/^/gm, '  ')}`,
      }),
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml/alias-limit', file: '/k/r.yaml' });
    expect(r.diagnostics[0]?.line).toBeGreaterThan(5);
  });
  it('a moderate use of aliases is expanded', () => {
    const s = parse(billionLaughs(3, 10));
    expect(s.errors).toEqual([]);
    const v = s.documents[0]?.value as YamlMap;
    expect((v.a3 as YamlValue[][][]).flat(2)).toHaveLength(1000);
  });
  it('the limit is an option', () => {
    expect(parse(billionLaughs(3, 10), { maxAliasNodes: 500 }).errors.map((e) => e.code)).toEqual(['yaml/alias-limit']);
  });
  it('expanded aliases are copies, not shared objects', () => {
    const v = parse('a: &a {x: 1}\nb: *a\n').documents[0]?.value as YamlMap;
    (v.b as YamlMap).x = 2;
    expect(v.a).toEqual({ x: 1 });
  });
});

describe('__proto__, constructor and friends are ordinary keys', () => {
  const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
  for (const mode of ['kyaml', 'yaml11'] as const) {
    for (const k of keys) {
      it(`${mode}: ${k}`, () => {
        const text = `${k}:\n  polluted: "yes"\nnested:\n  ${k}: {polluted: "yes"}\n  list:\n  - ${k}: 1\nmerged:\n  <<: {${k}: {polluted: "yes"}}\n`;
        const s = parse(text, { mode });
        expect(s.errors).toEqual([]);
        const v = s.documents[0]?.value as YamlMap;
        expect(Object.prototype.hasOwnProperty.call(v, k)).toBe(true);
        expect(Object.keys(v)).toContain(k);
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        expect(Object.prototype.hasOwnProperty.call(v.nested, k)).toBe(true);
        expect(Object.prototype.hasOwnProperty.call(v.merged, k)).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const out = emitDocument(v);
        expect(out).toContain(`${k}:\n  polluted: "yes"\n`);
        // and back again
        expect(parse(out, { mode }).documents[0]?.value).toEqual(v);
      });
    }
  }
  it('survives a build (labels, annotations and data keys)', () => {
    const r = build('/k', {
      fs: memoryFs({
        '/k/kustomization.yaml': 'resources:\n- r.yaml\ncommonLabels:\n  __proto__: x\n',
        '/k/r.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    __proto__: "1"\ndata:\n  __proto__: a\n  constructor: b\n',
      }),
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.toYaml()).toBe(
      'apiVersion: v1\ndata:\n  __proto__: a\n  constructor: b\nkind: ConfigMap\nmetadata:\n  annotations:\n    __proto__: "1"\n  labels:\n    __proto__: x\n  name: x\n',
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('deep nesting', () => {
  const cases: { name: string; text: string }[] = [
    { name: 'flow sequences 100 000 deep', text: '['.repeat(100_000) + ']'.repeat(100_000) },
    { name: 'flow maps 50 000 deep', text: '{a: '.repeat(50_000) + '1' + '}'.repeat(50_000) },
    {
      // go-yaml's limit: 10 000 indentation levels.
      name: 'block maps 10 001 deep',
      text: Array.from({ length: 10_001 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n',
    },
    {
      // Deeper than kustomize can write out (its output step reads the JSON text with go-yaml v2).
      name: 'aliases nesting anchors deeper than 10 000',
      text:
        Array.from(
          { length: 12 },
          (_, i) => `l${i}: &l${i} ${'['.repeat(1000)}${i === 0 ? 'x' : `*l${i - 1}`}${']'.repeat(1000)}`,
        ).join('\n') + '\n',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: yaml/syntax with a position, no crash`, () => {
      const { value: s, ms } = timed(() => parse(c.text));
      expect(s.documents).toEqual([]);
      expect(s.errors[0]?.code).toBe('yaml/syntax');
      expect(s.errors[0]?.line).toBeGreaterThan(0);
      expect(s.errors[0]?.column).toBeGreaterThan(0);
      expect(ms).toBeLessThan(10_000);
    });
  }
  it('block maps 9 000 deep are read (go-yaml allows 10 000 levels)', () => {
    const s = parse(Array.from({ length: 9000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n');
    expect(s.errors).toEqual([]);
    let v = s.documents[0]?.value;
    let depth = 0;
    while (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      v = v.a;
      depth++;
    }
    expect([depth, v]).toEqual([9000, 1]);
  });
  it('a document 200 deep is fine', () => {
    const s = parse('['.repeat(200) + 'x' + ']'.repeat(200));
    expect(s.errors).toEqual([]);
    expect(emitDocument(s.documents[0]?.value as YamlValue).split('\n')[0]).toBe('- '.repeat(200) + 'x');
  });
  it('a cyclic value is an EmitError, not a stack overflow', () => {
    const cyclic: YamlMap = { a: 1 };
    cyclic.self = cyclic;
    expect(() => emitDocument(cyclic)).toThrow(EmitError);
  });
});

describe('huge scalars are handled in linear time', () => {
  const big = 'word '.repeat(400_000).trim(); // 2 MB with 400 000 spaces
  const cases: { name: string; value: string; check: (out: string) => void }[] = [
    {
      name: 'a 2 MB plain string folds at 80 columns',
      value: big,
      check: (o) => expect(o.split('\n').every((l) => l.length <= 90)).toBe(true),
    },
    {
      name: 'a 2 MB single-quoted string',
      value: '#' + big,
      check: (o) => expect(o.startsWith("v: '#word word")).toBe(true),
    },
    {
      name: 'a 2 MB double-quoted string',
      value: '\t' + big,
      check: (o) => expect(o.startsWith('v: "\\tword word')).toBe(true),
    },
    {
      name: 'a 2 MB literal block',
      value: 'line\n'.repeat(400_000),
      check: (o) => expect(o.startsWith('v: |\n  line\n  line\n')).toBe(true),
    },
    {
      name: '1 MB of digits (not an int, a float that overflows)',
      value: '1'.repeat(1_000_000),
      check: (o) => expect(o.length).toBe(1_000_004),
    },
    {
      name: '1 MB of zeros then 1 (an octal int for go-yaml)',
      value: '0'.repeat(1_000_000) + '1',
      check: (o) => expect(o.startsWith('v: "000')).toBe(true),
    },
    {
      name: 'a 4 MB key-less string without spaces',
      value: 'x'.repeat(4_000_000),
      check: (o) => expect(o.length).toBe(4_000_004),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { value: out, ms } = timed(() => emitDocument({ v: c.value }));
      c.check(out);
      expect(ms).toBeLessThan(3000);
      const back = timed(() => parse(out));
      expect(back.value.documents[0]?.value).toEqual({ v: c.value });
      expect(back.ms).toBeLessThan(5000);
    });
  }
  it('1 MB of digits as a plain scalar is a string (ParseFloat overflows)', () => {
    const { value: s, ms } = timed(() => parse(`v: ${'9'.repeat(1_000_000)}\n`));
    expect(typeof (s.documents[0]?.value as YamlMap).v).toBe('string');
    expect(ms).toBeLessThan(3000);
  });
  it('a map of 100 000 keys sorts quickly', () => {
    const m: YamlMap = {};
    for (let i = 100_000; i > 0; i--) m[`key-${i}-x`] = i;
    const { value: out, ms } = timed(() => emitDocument(m));
    expect(out.split('\n')[0]).toBe('key-1-x: 1');
    expect(ms).toBeLessThan(3000);
  });
});

describe('malformed YAML gives yaml/syntax with line and column', () => {
  const cases: { name: string; text: string; line: number }[] = [
    { name: 'unclosed flow sequence', text: 'a: 1\nb: [1, 2\nc: 3\n', line: 3 },
    { name: 'unclosed double quote (reported at the end of the input)', text: 'a: 1\nb: "abc\n', line: 3 },
    { name: 'bad indentation', text: 'a:\n  b: 1\n c: 2\n', line: 3 },
    { name: 'tab indentation', text: 'a:\n\tb: 1\n', line: 2 },
    { name: 'mapping value in a plain scalar', text: 'a: b: c\n', line: 1 },
    { name: 'unknown alias', text: 'a: *nope\n', line: 1 },
    { name: 'invalid kyaml document separator', text: 'a: 1\n---x\nb: 2\n', line: 2 },
    { name: 'bad escape', text: 'a: "\\q"\n', line: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = parse(c.text);
      expect(s.errors.length).toBeGreaterThan(0);
      expect(s.errors[0]).toMatchObject({ code: 'yaml/syntax', file: '/x.yaml', line: c.line });
      expect(s.errors[0]?.column).toBeGreaterThan(0);
    });
  }
  it('is a build diagnostic with the file', () => {
    const r = build('/k', {
      fs: memoryFs({
        '/k/kustomization.yaml': 'resources:\n- r.yaml\n',
        '/k/r.yaml': 'kind: ConfigMap\nmetadata:\n  name: [x\n',
      }),
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml/syntax', file: '/k/r.yaml' });
    expect(r.diagnostics[0]?.line).toBeGreaterThan(0);
  });
  it('a kustomization syntax error points into the kustomization', () => {
    const r = build('/k', { fs: memoryFs({ '/k/kustomization.yaml': 'resources:\n- r.yaml\n  x: y\n' }) });
    // go-yaml (and so kustomize): "yaml: line 3: mapping values are not allowed in this context".
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml/syntax', file: '/k/kustomization.yaml', line: 3 });
  });
});

describe('duplicate keys', () => {
  it('kyaml: the first value wins (kyaml field lookups find it), the duplicate is reported', () => {
    const s = parse('a: 1\nb: {x: 1, x: 2}\na: 3\n');
    expect(s.errors).toEqual([]);
    expect(s.documents[0]?.value).toEqual({ a: 1, b: { x: 1 } });
    expect(s.documents[0]?.duplicateKeys?.map((d) => [d.key, d.range.start.line, d.firstLine])).toEqual([
      ['x', 2, 2],
      ['a', 3, 1],
    ]);
  });
  it('kyaml with duplicateKeys: error', () => {
    const s = parse('a: 1\na: 2\n', { duplicateKeys: 'error' });
    expect(s.errors[0]).toMatchObject({
      code: 'yaml/duplicate-key',
      line: 2,
      message: 'mapping key "a" already defined at line 1',
    });
  });
  it('yaml11 (kustomization): the last one wins, in JSON key order', () => {
    const s = parse('b: 1\na: 1\nb: 2\n', { mode: 'yaml11' });
    expect(s.errors).toEqual([]);
    expect(s.documents[0]?.value).toEqual({ a: 1, b: 2 });
    expect(Object.keys(s.documents[0]?.value as YamlMap)).toEqual(['a', 'b']);
  });
  it('a resource with a duplicate key fails the build with the position of the second key', () => {
    const r = build('/k', {
      fs: memoryFs({
        '/k/kustomization.yaml': 'resources:\n- r.yaml\n',
        '/k/r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n',
      }),
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml/duplicate-key', file: '/k/r.yaml', line: 7 });
  });
  it('a duplicate key in a resource that is not written out does not fail the build', () => {
    const r = build('/k', {
      fs: memoryFs({
        '/k/kustomization.yaml': 'resources:\n- r.yaml\n',
        '/k/r.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    config.kubernetes.io/local-config: "true"\ndata:\n  a: 1\n  a: 2\n',
      }),
    });
    expect(r.ok).toBe(true);
    expect(r.toYaml()).toBe('');
  });
});
