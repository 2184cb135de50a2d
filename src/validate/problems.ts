/**
 * ajv errors → schema problems: one plain message per offending field, the JSON pointer of that field
 * and where to point in the source (the value, its key, or the key of the object missing a field).
 */
import type { ErrorObject } from 'ajv';
import { BASE64_PATTERN, QUANTITY_PATTERN } from './convert.js';
import { escapePointerSegment, unescapePointerSegment } from '../yaml/pointer.js';

/** Where in the source a problem is best shown. */
export type ProblemAnchor = 'value' | 'key' | 'parent';

/** One schema violation of an object. */
export interface SchemaProblem {
  /** JSON pointer of the offending field (for a missing field: where it should be). */
  readonly pointer: string;
  /** `value`: the field's value; `key`: the field's key; `parent`: the key of the object that lacks it. */
  readonly anchor: ProblemAnchor;
  /** The ajv keyword that failed (`type`, `required`, `additionalProperties`, `enum`, ...). */
  readonly keyword: string;
  /** What is wrong, without the path (e.g. `must be integer, got string "three"`). */
  readonly message: string;
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let v: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = unescapePointerSegment(raw);
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, seg)) {
      v = (v as Record<string, unknown>)[seg];
    } else return undefined;
  }
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
    case 'number':
      return Number.isInteger(v) ? `integer ${v}` : `number ${v}`;
    case 'bigint':
      return `integer ${v}`;
    case 'boolean':
      return `boolean ${v}`;
    case 'object':
      return 'a map';
    default:
      return typeof v;
  }
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
};

function typeList(t: unknown): string[] {
  const list = Array.isArray(t) ? t : typeof t === 'string' ? t.split(',') : [];
  return list.filter((x): x is string => typeof x === 'string' && x !== 'null');
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

/** Levenshtein distance, stopping early past `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      const d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The closest candidate to `name` (a likely typo), if one is close enough. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const max = name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3;
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = distance(name, c, max);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const props = (schema as { properties?: unknown }).properties;
  return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

function patternMessage(pattern: string, value: unknown): string {
  if (pattern === QUANTITY_PATTERN) return `must be a quantity such as 100m, 1.5 or 2Gi, got ${describeValue(value)}`;
  if (pattern === BASE64_PATTERN)
    return `must be base64-encoded (use stringData for plain text), got ${describeValue(value)}`;
  return `must match the pattern ${pattern}, got ${describeValue(value)}`;
}

/** Options of {@link problemsFromErrors}. */
export interface ProblemOptions {
  /**
   * Drop problems of values that still hold a Flux post-build variable (`${VAR}`): Flux substitutes them
   * before applying. Default false.
   */
  ignorePlaceholders?: boolean;
}

/** Keywords about a field's value (not about which fields exist). */
const VALUE_KEYWORDS = new Set(['required', 'additionalProperties']);

type Params = Record<string, unknown>;

/** A wrong type; none for a big integer where an integer or number is wanted (JSON Schema cannot type it). */
function typeProblem(path: string, params: Params, value: unknown): SchemaProblem | undefined {
  const want = typeList(params.type);
  if (typeof value === 'bigint' && (want.includes('integer') || want.includes('number'))) return undefined;
  return {
    pointer: path,
    anchor: 'value',
    keyword: 'type',
    message: `must be ${joinOr(want.map((t) => TYPE_NAMES[t] ?? t))}, got ${describeValue(value)}`,
  };
}

/** A missing field, with the likely typo among the object's unknown keys. */
function requiredProblem(e: ErrorObject, params: Params, value: unknown): SchemaProblem {
  const missing = String(params.missingProperty);
  let msg = `missing required field "${missing}"`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const known = new Set(propertyNames(e.parentSchema));
    const typo = closest(
      missing,
      Object.keys(value).filter((k) => !known.has(k)),
    );
    if (typo !== undefined) msg += ` (found "${typo}": a typo?)`;
  }
  return {
    pointer: `${e.instancePath}/${escapePointerSegment(missing)}`,
    anchor: 'parent',
    keyword: 'required',
    message: msg,
  };
}

/** An unknown field, with the closest known one. */
function additionalPropertyProblem(e: ErrorObject, params: Params): SchemaProblem {
  const extra = String(params.additionalProperty);
  const hint = closest(extra, propertyNames(e.parentSchema));
  return {
    pointer: `${e.instancePath}/${escapePointerSegment(extra)}`,
    anchor: 'key',
    keyword: 'additionalProperties',
    message: `unknown field "${extra}"${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`,
  };
}

/** What is wrong with a value, for the keywords shown at the value (all but type, required and additionalProperties). */
function valueMessage(keyword: string, params: Params, value: unknown): string {
  switch (keyword) {
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.filter((v) => v !== null) : [];
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    }
    case 'pattern':
      return patternMessage(String(params.pattern), value);
    case 'not':
      return value === null ? 'must not be null (the field is required)' : 'must not match the excluded schema';
    case 'anyOf':
      return `must match one of the allowed forms, got ${describeValue(value)}`;
    case 'oneOf':
      return params.passingSchemas === null
        ? `must match one of the allowed forms, got ${describeValue(value)}`
        : 'must match exactly one of the allowed forms, but matches several';
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)}, got ${describeValue(value)}`;
    case 'minLength':
    case 'maxLength':
      return `must be ${keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters long`;
    case 'minItems':
    case 'maxItems':
      return `must have ${keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items`;
    case 'minProperties':
    case 'maxProperties':
      return `must have ${keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params.limit)} fields`;
    case 'multipleOf':
      return `must be a multiple of ${String(params.multipleOf)}`;
    default:
      return `fails the schema keyword "${keyword}"`;
  }
}

/** The problem one ajv error reports about `value` (the value at its instance path), if any. */
function problemOf(e: ErrorObject, value: unknown): SchemaProblem | undefined {
  const params = e.params as Params;
  switch (e.keyword) {
    case 'type':
      return typeProblem(e.instancePath, params, value);
    case 'required':
      return requiredProblem(e, params, value);
    case 'additionalProperties':
      return additionalPropertyProblem(e, params);
    default:
      return {
        pointer: e.instancePath,
        anchor: 'value',
        keyword: e.keyword,
        message: valueMessage(e.keyword, params, value),
      };
  }
}

/** Turns one object's ajv errors into problems. `data` is the object validated. */
export function problemsFromErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  options: ProblemOptions = {},
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // Errors of anyOf/oneOf branches: the combinator's own error says it once.
    if (/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath)) continue;
    const value = valueAt(data, e.instancePath);
    if (
      options.ignorePlaceholders &&
      !VALUE_KEYWORDS.has(e.keyword) &&
      typeof value === 'string' &&
      value.includes('${')
    )
      continue;
    const p = problemOf(e, value);
    if (!p) continue;
    const k = `${p.pointer}\u0000${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}
