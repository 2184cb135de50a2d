/**
 * values.schema.json validation as Helm does it (santhosh-tekuri/jsonschema v6 behind
 * `chartutil.ValidateAgainstSchema`): each chart's schema checks its own part of the values, subcharts
 * included. The validator interprets the schema the way jsonschema v6 does (its keyword order, its
 * draft rules: `$ref` alone before 2019-09, formats asserted before 2019-09) and writes Helm's error
 * tree (`- at '/path': message`, nested causes indented). Why not ajv: compiling app-template's schemas
 * (Kubernetes definitions) takes ajv seconds, more than rendering the chart, and its errors would
 * still have to be rebuilt into jsonschema v6's tree and wording.
 * Remote `$ref`s (http, https) are read through a {@link SchemaLoader} (an offline cache folder): the
 * core never goes to the network.
 */
import { toPointer, unescapePointerSegment } from '../../yaml/pointer.js';
import { goFormatFloatG } from '../../yaml/scalars.js';
import type { Chart } from './types.js';
import { hasKey, isTable, type HelmMap, type HelmValue } from './values-model.js';

/**
 * Reads a remote schema document by absolute URL (`https://host/path.json`), as parsed JSON, or
 * `undefined` when it is not available. Helm fetches these over the network; kustomize-ts reads them
 * from a local cache folder instead (`--schema-cache DIR`, laid out as `HOST/PATH`).
 */
export type SchemaLoader = (url: string) => unknown;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type SchemaNode = boolean | { [k: string]: Json };

const ROOT_URL = 'file:///values.schema.json';

/** Helm's ValidateAgainstSchema: the error text (chart by chart), or undefined when valid. */
export function validateAgainstSchema(chart: Chart, values: HelmMap, loader?: SchemaLoader): string | undefined {
  let out = '';
  if (chart.schema) {
    const err = validateSingle(values, chart.schema, loader);
    if (err !== undefined) out += `${chart.name}:\n${err}`;
  }
  for (const sub of chart.dependencies) {
    if (!hasKey(values, sub.name)) continue;
    const raw = values[sub.name] as HelmValue;
    if (raw === null) continue;
    if (!isTable(raw)) {
      out += `${sub.name}:\ninvalid type for values: expected object (map), got ${goTypeName(raw)}\n`;
      continue;
    }
    const err = validateAgainstSchema(sub, raw, loader);
    if (err !== undefined) out += err;
  }
  return out === '' ? undefined : out;
}

function goTypeName(v: HelmValue): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  return typeof v;
}

const decoder = new TextDecoder('utf-8');

/** One schema and the documents it references, read once. */
interface CompiledSchema {
  docs: Map<string, SchemaNode>;
}

const compiled = new WeakMap<Uint8Array, Map<SchemaLoader | undefined, CompiledSchema | string>>();

function compile(schemaJson: Uint8Array, loader: SchemaLoader | undefined): CompiledSchema | string {
  let byLoader = compiled.get(schemaJson);
  if (!byLoader) {
    byLoader = new Map<SchemaLoader | undefined, CompiledSchema | string>();
    compiled.set(schemaJson, byLoader);
  }
  let c = byLoader.get(loader);
  if (c === undefined) {
    c = compileNow(schemaJson, loader);
    byLoader.set(loader, c);
  }
  return c;
}

function compileNow(schemaJson: Uint8Array, loader: SchemaLoader | undefined): CompiledSchema | string {
  let root: SchemaNode;
  try {
    root = JSON.parse(decoder.decode(schemaJson)) as SchemaNode;
  } catch (e) {
    return (e as Error).message;
  }
  const docs = new Map<string, SchemaNode>([[ROOT_URL, root]]);
  const missing = collectDocuments(docs, loader);
  if (missing) return missing;
  return { docs };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isDateTime(s: string): boolean {
  return DATE_TIME.test(s);
}

/** Loads every remote document the schemas reference (transitively). An error text when one is missing. */
function collectDocuments(docs: Map<string, SchemaNode>, loader: SchemaLoader | undefined): string | undefined {
  const queue = [...docs.keys()];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    for (const ref of referencedDocuments(docs.get(url) as SchemaNode, url)) {
      if (docs.has(ref)) continue;
      const doc = /^https?:/.test(ref) && loader ? loader(ref) : undefined;
      if (doc === undefined)
        return `failing loading "${ref}": not in the schema cache (kustomize-ts does not fetch schemas)`;
      docs.set(ref, doc as SchemaNode);
      queue.push(ref);
    }
  }
  return undefined;
}

/** The absolute document URLs (no fragment) that a schema document's `$ref`s point to. */
function referencedDocuments(doc: SchemaNode, base: string): Set<string> {
  const out = new Set<string>();
  const walk = (n: Json, b: string): void => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x, b);
      return;
    }
    if (n === null || typeof n !== 'object') return;
    const id = typeof n.$id === 'string' ? resolveUrl(b, n.$id) : b;
    if (typeof n.$ref === 'string') {
      const target = stripFragment(resolveUrl(id, n.$ref));
      if (target !== stripFragment(id) && target !== ROOT_URL) out.add(target);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== 'const') walk(v, id);
  };
  walk(doc, base);
  return out;
}

function resolveUrl(base: string, ref: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function stripFragment(u: string): string {
  const i = u.indexOf('#');
  return i < 0 ? u : u.slice(0, i);
}

/** Helm's ValidateAgainstSingleSchema: error lines (`- at ...`), or undefined when valid. */
function validateSingle(values: HelmMap, schemaJson: Uint8Array, loader: SchemaLoader | undefined): string | undefined {
  const c = compile(schemaJson, loader);
  if (typeof c === 'string') return `${c}\n`;
  const root = c.docs.get(ROOT_URL) as SchemaNode;
  const errors = new Validator(c.docs).validate(root, ROOT_URL, toJson(values), []);
  if (!errors) return undefined;
  const causes = errors.kind === 'group' ? errors.causes : [errors];
  let out = '';
  for (const e of causes) out += display(e, 1);
  return out.slice(1) + '\n';
}

/** Values as JSON data for ajv (int64 become numbers). */
function toJson(v: HelmValue): Json {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJson);
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(v)) {
    Object.defineProperty(out, k, {
      value: toJson(v[k] as HelmValue),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A node of jsonschema v6's error tree. */
interface VError {
  kind: 'group' | 'reference' | 'leaf';
  at: string[];
  message: string;
  causes: VError[];
}

function display(e: VError, indent: number): string {
  if (e.kind === 'reference' && e.causes.length === 1) return display(e.causes[0] as VError, indent);
  let s = '\n' + '  '.repeat(indent - 1) + '- ' + `at ${quote(pointer(e.at))}: ${e.message}`;
  for (const c of e.causes) s += display(c, indent + 1);
  return s;
}

function pointer(tokens: string[]): string {
  return toPointer(tokens);
}

/** jsonschema v6's quote: Go's %q with single quotes. */
function quote(s: string): string {
  const q = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${q}'`;
}

function display1(v: Json): string {
  if (typeof v === 'string') return quote(v);
  if (v !== null && typeof v === 'object') return 'value';
  if (typeof v === 'number') return goFormatFloatG(v);
  return v === null ? '<nil>' : String(v);
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i] as Json));
  const ak = Object.keys(a);
  const bo = b as { [k: string]: Json };
  return (
    ak.length === Object.keys(bo).length &&
    ak.every((k) => k in bo && jsonEqual((a as { [k: string]: Json })[k] as Json, bo[k] as Json))
  );
}

function dialectYear(schema: SchemaNode, inherited: number): number {
  if (typeof schema !== 'object' || typeof schema.$schema !== 'string') return inherited;
  if (schema.$schema.includes('2020-12')) return 2020;
  if (schema.$schema.includes('2019-09')) return 2019;
  if (schema.$schema.includes('draft-07')) return 7;
  if (schema.$schema.includes('draft-06')) return 6;
  if (schema.$schema.includes('draft-04')) return 4;
  return inherited;
}

/** jsonschema v6's validator: the error tree of a value, or undefined when it is valid. */
class Validator {
  constructor(private readonly docs: Map<string, SchemaNode>) {}

  /** Validates `v` at `at` against `schema` (with its base URL); one error, a group, or undefined. */
  validate(schema: SchemaNode, base: string, v: Json, at: string[], draft = 2020): VError | undefined {
    const leaf = (message: string): VError => ({ kind: 'leaf', at, message, causes: [] });
    if (typeof schema === 'boolean') return schema ? undefined : leaf('false schema');
    const s = schema;
    const d = dialectYear(s, draft);
    const b = typeof s.$id === 'string' ? resolveUrl(base, s.$id) : base;
    const t = typeOf(v);
    const immediate = this.immediate(s, v, t);
    if (immediate !== undefined) return leaf(immediate);
    const errors: VError[] = [];
    if (typeof s.$ref === 'string') {
      const ref = this.validateRef(s.$ref, b, v, at, d);
      if (d < 2019) return ref;
      if (ref) errors.push(ref);
    }
    if (t === 'object') this.object(s, b, v as { [k: string]: Json }, at, d, errors);
    else if (t === 'array') this.array(s, b, v as Json[], at, d, errors);
    else if (t === 'string') this.string(s, v as string, at, errors);
    else if (t === 'number') this.number(s, v as number, at, errors);
    this.conditions(s, b, v, at, d, errors);
    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    return { kind: 'group', at, message: 'validation failed', causes: errors };
  }

  /** type, const, enum and format: the first failure ends the schema's validation. */
  private immediate(s: { [k: string]: Json }, v: Json, t: string): string | undefined {
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((x): x is string => typeof x === 'string');
      const ok =
        types.length === 0 || types.includes(t) || (types.includes('integer') && t === 'number' && Number.isInteger(v));
      if (!ok) return `got ${t}, want ${TYPE_ORDER.filter((x) => types.includes(x)).join(' or ')}`;
    }
    if (s.const !== undefined && !jsonEqual(v, s.const)) {
      return typeof s.const === 'object' && s.const !== null ? 'const failed' : `value must be ${display1(s.const)}`;
    }
    if (Array.isArray(s.enum) && !s.enum.some((x) => jsonEqual(v, x))) {
      if (s.enum.some((x) => x !== null && typeof x === 'object')) return 'enum failed';
      if (s.enum.length === 1) return `value must be ${display1(s.enum[0] as Json)}`;
      return `value must be one of ${s.enum.map(display1).join(', ')}`;
    }
    if (s.format === 'date-time' && typeof v === 'string' && !isDateTime(v)) {
      return `${quote(v)} is not valid date-time`;
    }
    return undefined;
  }

  private validateRef(ref: string, base: string, v: Json, at: string[], draft: number): VError | undefined {
    const target = this.resolve(ref, base);
    if (!target) return undefined;
    const err = this.validate(target.schema, target.base, v, at, draft);
    if (!err) return undefined;
    return { kind: 'reference', at, message: 'validation failed', causes: err.kind === 'group' ? err.causes : [err] };
  }

  private readonly resolved = new Map<string, { schema: SchemaNode; base: string } | undefined>();

  private resolve(ref: string, base: string): { schema: SchemaNode; base: string } | undefined {
    const key = `${base} ${ref}`;
    if (!this.resolved.has(key)) this.resolved.set(key, this.resolveNow(ref, base));
    return this.resolved.get(key);
  }

  private resolveNow(ref: string, base: string): { schema: SchemaNode; base: string } | undefined {
    const url = resolveUrl(base, ref);
    const docUrl = stripFragment(url);
    const frag = url.includes('#') ? decodeURIComponent(url.slice(url.indexOf('#') + 1)) : '';
    const doc = this.docs.get(docUrl) ?? this.findById(docUrl);
    if (doc === undefined) return undefined;
    let node: Json = doc;
    if (frag !== '') {
      for (const tok of frag.split('/').slice(1)) {
        const key = unescapePointerSegment(tok);
        if (node === null || typeof node !== 'object') return undefined;
        const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : node[key];
        if (next === undefined) return undefined;
        node = next;
      }
    }
    return { schema: node as SchemaNode, base: docUrl };
  }

  private findById(url: string): SchemaNode | undefined {
    for (const doc of this.docs.values()) if (typeof doc === 'object' && doc.$id === url) return doc;
    return undefined;
  }

  private object(
    s: { [k: string]: Json },
    b: string,
    obj: { [k: string]: Json },
    at: string[],
    d: number,
    errors: VError[],
  ): void {
    const keys = Object.keys(obj);
    const leaf = (message: string): VError => ({ kind: 'leaf', at, message, causes: [] });
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
      errors.push(leaf(`minProperties: got ${keys.length}, want ${s.minProperties}`));
    }
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) {
      errors.push(leaf(`maxProperties: got ${keys.length}, want ${s.maxProperties}`));
    }
    if (Array.isArray(s.required)) {
      const missing = s.required.filter((r): r is string => typeof r === 'string' && !(r in obj));
      if (missing.length === 1) errors.push(leaf(`missing property ${quote(missing[0] as string)}`));
      else if (missing.length > 1) errors.push(leaf(`missing properties ${missing.map(quote).join(', ')}`));
    }
    if (isObj(s.dependencies)) {
      for (const [pname, dep] of Object.entries(s.dependencies)) {
        if (!(pname in obj)) continue;
        if (Array.isArray(dep)) {
          const missing = dep.filter((r): r is string => typeof r === 'string' && !(r in obj));
          if (missing.length > 0) {
            errors.push(leaf(`properties ${missing.map(quote).join(', ')} required, if ${quote(pname)} exists`));
          }
        } else this.push(errors, this.validate(dep as SchemaNode, b, obj, at, d));
      }
    }
    const props = isObj(s.properties) ? s.properties : {};
    const patterns = isObj(s.patternProperties) ? Object.entries(s.patternProperties) : [];
    const additional: string[] = [];
    for (const k of keys) {
      let evaluated = false;
      if (Object.prototype.hasOwnProperty.call(props, k)) {
        evaluated = true;
        this.push(errors, this.validate(props[k] as SchemaNode, b, obj[k] as Json, [...at, k], d));
      }
      for (const [re, sch] of patterns) {
        if (safeRegExp(re)?.test(k) === true) {
          evaluated = true;
          this.push(errors, this.validate(sch as SchemaNode, b, obj[k] as Json, [...at, k], d));
        }
      }
      if (!evaluated && s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) additional.push(k);
        else if (isObj(s.additionalProperties)) {
          this.push(errors, this.validate(s.additionalProperties, b, obj[k] as Json, [...at, k], d));
        }
      }
    }
    if (additional.length > 0)
      errors.push(leaf(`additional properties ${additional.map(quote).join(', ')} not allowed`));
  }

  private array(s: { [k: string]: Json }, b: string, arr: Json[], at: string[], d: number, errors: VError[]): void {
    const leaf = (message: string): VError => ({ kind: 'leaf', at, message, causes: [] });
    if (typeof s.minItems === 'number' && arr.length < s.minItems)
      errors.push(leaf(`minItems: got ${arr.length}, want ${s.minItems}`));
    if (typeof s.maxItems === 'number' && arr.length > s.maxItems)
      errors.push(leaf(`maxItems: got ${arr.length}, want ${s.maxItems}`));
    if (s.uniqueItems === true) {
      outer: for (let i = 0; i < arr.length; i++) {
        for (let j = i + 1; j < arr.length; j++) {
          if (jsonEqual(arr[i] as Json, arr[j] as Json)) {
            errors.push(leaf(`items at ${i} and ${j} are equal`));
            break outer;
          }
        }
      }
    }
    const prefix = d >= 2020 ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
    const rest = d >= 2020 ? s.items : Array.isArray(s.items) ? s.additionalItems : s.items;
    const n = Array.isArray(prefix) ? prefix.length : 0;
    arr.forEach((item, i) => {
      const sch = i < n ? (prefix as Json[])[i] : rest;
      if (sch === undefined || (i >= n && rest === false && d < 2020 && Array.isArray(s.items))) return;
      this.push(errors, this.validate(sch as SchemaNode, b, item, [...at, String(i)], d));
    });
    if (s.contains !== undefined && d > 4) {
      const matched = arr
        .map((x, i) => (this.validate(s.contains as SchemaNode, b, x, [...at, String(i)], d) ? -1 : i))
        .filter((i) => i >= 0);
      const min = typeof s.minContains === 'number' && d >= 2019 ? s.minContains : 1;
      if (matched.length < min) {
        errors.push(
          min === 1 && !(typeof s.minContains === 'number' && d >= 2019)
            ? leaf('no items match contains schema')
            : matched.length === 0
              ? leaf(`min ${min} items required to match contains schema, but none matched`)
              : leaf(
                  `min ${min} items required to match contains schema, but matched ${matched.length} items at ${matched.join(' ')}`,
                ),
        );
      }
      if (typeof s.maxContains === 'number' && d >= 2019 && matched.length > s.maxContains) {
        errors.push(
          leaf(
            `max ${s.maxContains} items required to match contains schema, but matched ${matched.length} items at ${matched.join(' ')}`,
          ),
        );
      }
    }
  }

  private string(s: { [k: string]: Json }, str: string, at: string[], errors: VError[]): void {
    const leaf = (message: string): VError => ({ kind: 'leaf', at, message, causes: [] });
    const len = Array.from(str).length;
    if (typeof s.minLength === 'number' && len < s.minLength)
      errors.push(leaf(`minLength: got ${len}, want ${s.minLength}`));
    if (typeof s.maxLength === 'number' && len > s.maxLength)
      errors.push(leaf(`maxLength: got ${len}, want ${s.maxLength}`));
    if (typeof s.pattern === 'string' && safeRegExp(s.pattern)?.test(str) === false) {
      errors.push(leaf(`${quote(str)} does not match pattern ${quote(s.pattern)}`));
    }
  }

  private number(s: { [k: string]: Json }, n: number, at: string[], errors: VError[]): void {
    const leaf = (message: string): VError => ({ kind: 'leaf', at, message, causes: [] });
    const g = goFormatFloatG;
    if (typeof s.minimum === 'number' && n < s.minimum) errors.push(leaf(`minimum: got ${g(n)}, want ${g(s.minimum)}`));
    if (typeof s.maximum === 'number' && n > s.maximum) errors.push(leaf(`maximum: got ${g(n)}, want ${g(s.maximum)}`));
    if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) {
      errors.push(leaf(`exclusiveMinimum: got ${g(n)}, want ${g(s.exclusiveMinimum)}`));
    }
    if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) {
      errors.push(leaf(`exclusiveMaximum: got ${g(n)}, want ${g(s.exclusiveMaximum)}`));
    }
    if (typeof s.multipleOf === 'number' && !Number.isInteger(n / s.multipleOf)) {
      errors.push(leaf(`multipleOf: got ${g(n)}, want ${g(s.multipleOf)}`));
    }
  }

  private conditions(s: { [k: string]: Json }, b: string, v: Json, at: string[], d: number, errors: VError[]): void {
    const group = (message: string, causes: VError[]): VError => ({ kind: 'leaf', at, message, causes });
    if (s.not !== undefined && !this.validate(s.not as SchemaNode, b, v, at, d)) errors.push(group('not failed', []));
    if (Array.isArray(s.allOf)) {
      const errs = s.allOf.map((x) => this.validate(x as SchemaNode, b, v, at, d)).filter((e): e is VError => !!e);
      if (errs.length > 0) errors.push(group('allOf failed', errs));
    }
    if (Array.isArray(s.anyOf)) {
      const errs: VError[] = [];
      let matched = false;
      for (const x of s.anyOf) {
        const e = this.validate(x as SchemaNode, b, v, at, d);
        if (e) errs.push(e);
        else {
          matched = true;
          break;
        }
      }
      if (!matched) errors.push(group('anyOf failed', errs));
    }
    if (Array.isArray(s.oneOf)) {
      const errs: VError[] = [];
      let matched = -1;
      for (let i = 0; i < s.oneOf.length; i++) {
        const e = this.validate(s.oneOf[i] as SchemaNode, b, v, at, d);
        if (e) {
          if (matched === -1) errs.push(e);
        } else if (matched === -1) matched = i;
        else {
          errors.push(group(`oneOf failed, subschemas ${matched}, ${i} matched`, []));
          break;
        }
      }
      if (matched === -1) errors.push(group('oneOf failed, none matched', errs));
    }
    if (s.if !== undefined && d >= 7) {
      const branch = this.validate(s.if as SchemaNode, b, v, at, d) ? s.else : s.then;
      if (branch !== undefined) this.push(errors, this.validate(branch as SchemaNode, b, v, at, d));
    }
  }

  private push(errors: VError[], e: VError | undefined): void {
    if (e) errors.push(e);
  }
}

const regexps = new Map<string, RegExp | undefined>();

/** A schema pattern as a RegExp (cached); undefined when JavaScript cannot compile it. */
function safeRegExp(pattern: string): RegExp | undefined {
  if (!regexps.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = undefined;
    }
    regexps.set(pattern, re);
  }
  return regexps.get(pattern);
}

function isObj(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
