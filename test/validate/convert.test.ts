/** CRD schema conversion and the strict variant, on small named cases. */
import { describe, expect, it } from 'vitest';
import { crdSchemaToJsonSchema, strictSchema, type JsonSchema } from '../../src/validate/convert.js';

const convertCases: Record<string, { input: unknown; options?: { metadataRef?: string }; expect: JsonSchema }> = {
  'descriptions, defaults, CEL rules and formats are dropped; optional fields accept null': {
    input: {
      type: 'object',
      description: 'root',
      properties: {
        spec: {
          type: 'object',
          required: ['a'],
          'x-kubernetes-validations': [{ rule: 'self.a > 0' }],
          properties: {
            a: { type: 'integer', format: 'int32', default: 1 },
            b: { type: 'string', description: 'b', format: 'date-time' },
          },
        },
      },
    },
    expect: {
      type: 'object',
      properties: {
        spec: {
          type: ['object', 'null'],
          properties: { a: { type: 'integer' }, b: { type: ['string', 'null'] } },
          required: ['a'],
        },
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
    },
  },
  'int-or-string becomes a type union; its anyOf is dropped; enums get null when optional': {
    input: {
      type: 'object',
      properties: {
        port: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
          pattern: '^\\d+%?$',
        },
        mode: { type: 'string', enum: ['a', 'b'] },
      },
    },
    expect: {
      type: 'object',
      properties: {
        port: { type: ['integer', 'string', 'null'], pattern: '^\\d+%?$' },
        mode: { type: ['string', 'null'], enum: ['a', 'b', null] },
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
    },
  },
  'nullable, preserve-unknown-fields, boolean exclusive bounds, list items and the status root field': {
    input: {
      type: 'object',
      required: ['spec'],
      properties: {
        spec: {
          type: 'object',
          required: ['n', 'x'],
          properties: {
            n: { type: 'number', minimum: 0, exclusiveMinimum: true, nullable: true },
            x: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { k: { type: 'string' } } },
            l: { type: 'array', items: { type: 'string' } },
          },
        },
        status: { type: 'object', properties: { ready: { type: 'boolean' } } },
      },
    },
    expect: {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            n: { type: ['number', 'null'], exclusiveMinimum: 0 },
            x: { type: 'object', properties: { k: { type: ['string', 'null'] } }, additionalProperties: true },
            l: { type: ['array', 'null'], items: { type: 'string' } },
          },
          required: ['n', 'x'],
        },
        status: {},
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
      required: ['spec'],
    },
  },
  "metadata refers to ObjectMeta, keeping the CRD's own metadata constraints": {
    input: {
      type: 'object',
      properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } } },
    },
    options: { metadataRef: 'meta.v1.ObjectMeta' },
    expect: {
      type: 'object',
      properties: {
        metadata: {
          $ref: 'meta.v1.ObjectMeta',
          properties: { name: { type: ['string', 'null'], maxLength: 10 } },
          additionalProperties: true,
        },
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
      },
    },
  },
  'a pattern JavaScript cannot compile is dropped': {
    input: { type: 'object', properties: { a: { type: 'string', pattern: '(?P<name>x)' } } },
    expect: {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      },
    },
  },
};

describe('crdSchemaToJsonSchema', () => {
  for (const [name, c] of Object.entries(convertCases)) {
    it(name, () => {
      expect(crdSchemaToJsonSchema(c.input, c.options)).toEqual(c.expect);
    });
  }
});

describe('strictSchema', () => {
  it('closes every object that lists properties and says nothing about others', () => {
    const input: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } } },
        open: { type: 'object', properties: { c: { type: 'string' } }, additionalProperties: true },
        map: { type: 'object', additionalProperties: { type: 'object', properties: { d: {} } } },
        list: { type: 'array', items: { properties: { e: {} } } },
        any: { anyOf: [{ properties: { f: {} } }] },
        ref: { $ref: 'x' },
      },
    };
    expect(strictSchema(input)).toEqual({
      type: 'object',
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false },
        open: { type: 'object', properties: { c: { type: 'string' } }, additionalProperties: true },
        map: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { d: {} }, additionalProperties: false },
        },
        list: { type: 'array', items: { properties: { e: {} }, additionalProperties: false } },
        any: { anyOf: [{ properties: { f: {} }, additionalProperties: false }] },
        ref: { $ref: 'x' },
      },
      additionalProperties: false,
    });
    // The input is not modified.
    expect((input.properties as Record<string, JsonSchema>).a).toEqual({
      type: 'object',
      properties: { b: { type: 'string' } },
    });
  });
});
