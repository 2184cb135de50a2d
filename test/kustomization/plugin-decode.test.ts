/**
 * The two decoders of builtin plugin configs (src/kustomization/plugin-decode.ts). Expected values and
 * messages are what kustomize v5.8.1 and v5.6.0 print for the same configs (the end-to-end cases under
 * test/fuzz/cases/*-config-* hold the reference outputs).
 */
import { describe, expect, it } from 'vitest';
import { embedding, goBool, goString, listOf, mapOf, struct, type GoStruct } from '../../src/kustomization/gotype.js';
import { convertForStrings, decodeGoYamlV3, decodeSigsYaml } from '../../src/kustomization/plugin-decode.js';
import { fieldSpecType } from '../../src/kustomization/schema.js';
import type { YamlMap, YamlValue } from '../../src/yaml/values.js';

const labelsPlugin: GoStruct<{ labels?: Record<string, string> }> = struct('LabelTransformerPlugin', {
  labels: mapOf(goString),
  fieldSpecs: listOf(fieldSpecType),
});

describe('sigs.k8s.io/yaml: numbers and booleans bound for strings become text', () => {
  const cases: [string, YamlValue, string][] = [
    ['an int', 5, '5'],
    ['a float, through float32', 3.14159265, '3.1415927'],
    ['a small float', 1e-7, '1e-07'],
    ['a float beyond float32', 1e300, '+Inf'],
    ['an integer beyond int64', 12345678901234567890n, '12345678901234567890'],
    ['a float written with an exponent', 1e21, '1e+21'],
    ['a bool', true, 'true'],
  ];
  for (const [name, value, text] of cases) {
    it(name, () => {
      expect(decodeSigsYaml({ labels: { a: value } }, labelsPlugin).labels).toEqual({ a: text });
    });
  }
});

describe('sigs.k8s.io/yaml: promoted fields are not converted', () => {
  it('a number FieldSpec path is text, a number kind (from the embedded resid.Gvk) fails', () => {
    expect(convertForStrings({ fieldSpecs: [{ path: 1.5, kind: 5 }] }, labelsPlugin)).toEqual({
      fieldSpecs: [{ path: '1.5', kind: 5 }],
    });
    expect(() => decodeSigsYaml({ fieldSpecs: [{ kind: 5 }] }, labelsPlugin)).toThrow(
      'json: cannot unmarshal number into Go struct field FieldSpec.fieldSpecs.Gvk.kind of type string',
    );
  });
  it('nothing under a promoted field is converted either', () => {
    const args = struct('Args', { name: goString, options: struct('Options', { labels: mapOf(goString) }) });
    const plugin = embedding('Plugin', { metadata: struct('ObjectMeta', { name: goString }) }, { Args: args });
    expect(convertForStrings({ metadata: { name: 5 }, name: 5, options: { labels: { x: 5 } } }, plugin)).toEqual({
      metadata: { name: '5' },
      name: 5,
      options: { labels: { x: 5 } },
    });
  });
});

describe('sigs.k8s.io/yaml: errors', () => {
  it('reports the first error in the order of the JSON text (sorted keys)', () => {
    const t = struct('NamespaceTransformerPlugin', { unsetOnly: goBool, fieldSpecs: listOf(fieldSpecType) });
    expect(() => decodeSigsYaml({ unsetOnly: 5, fieldSpecs: [{ path: ['a'] }] }, t)).toThrow(
      'json: cannot unmarshal array into Go struct field FieldSpec.fieldSpecs.path of type string',
    );
  });
  it('matches keys case-insensitively and ignores unknown ones', () => {
    expect(decodeSigsYaml({ LABELS: { a: 5 }, other: [1] }, labelsPlugin)).toEqual({ labels: { a: '5' } });
  });
});

describe('go-yaml v3 (PrefixTransformer)', () => {
  const prefixPlugin: GoStruct<{ prefix?: string; fieldSpecs?: YamlMap[] }> = struct('PrefixTransformerPlugin', {
    prefix: goString,
    fieldSpecs: listOf(fieldSpecType, 'types.FsSlice'),
  });
  const config = (body: YamlMap): YamlMap => ({
    apiVersion: 'builtin',
    kind: 'PrefixTransformer',
    metadata: { name: 'cfg' },
    ...body,
  });

  it('lists every type error with its line in the YAML kustomize writes of the config', () => {
    const c = config({
      prefix: ['a'],
      fieldSpecs: [{ path: 'metadata/name', create: 5 }, { path: ['metadata', 'name'] }],
    });
    expect(() => decodeGoYamlV3(c, prefixPlugin)).toThrow(
      'yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `5` into bool\n' +
        '  line 6: cannot unmarshal !!seq into string\n  line 12: cannot unmarshal !!seq into string',
    );
  });
  it('shortens long values to seven bytes', () => {
    expect(() => decodeGoYamlV3(config({ fieldSpecs: 'abcdefghijklmno' }), prefixPlugin)).toThrow(
      'line 2: cannot unmarshal !!str `abcdefg...` into types.FsSlice',
    );
  });
  it('takes scalars as their text, YAML 1.1 words as bools, drops null items, and matches keys exactly', () => {
    const c = config({ Prefix: ['x'], prefix: 16, fieldSpecs: [null, { path: 'metadata/name', create: 'yes' }] });
    expect(decodeGoYamlV3(c, prefixPlugin)).toEqual({
      prefix: '16',
      fieldSpecs: [{ path: 'metadata/name', create: true }],
    });
  });
});
