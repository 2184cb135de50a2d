/**
 * kustomize's strategic merge: a port of kyaml's schema-driven two-way merge (`kyaml/yaml/merge2` over
 * `kyaml/yaml/walk`, list "prepend" mode) onto the plain value model, including its quirks (spec §4):
 * list elements mentioned by the patch come first, lists without a schema are replaced, `$patch`
 * directives are honoured on maps and lists, other `$...` keys are ordinary fields, elements without their
 * merge key make kyaml's element setter drop elements.
 *
 * Values are mutated in place as kyaml mutates its nodes: the destination object passed in is the merge
 * result (unless the whole object is deleted), and parts of the patch become parts of the result, so
 * callers hand in a patch they do not reuse.
 */
import { resolvePlainScalar } from '../../yaml/scalars.js';
import { deleteField, getField, hasField, isMap, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import type { OpenApiSchema, SchemaNode } from '../../schema/types.js';

/** kyaml's "persistent null": a null in the destination that a merge keeps. */
const KEEP_NULL: unique symbol = Symbol('keep-null');
type KeepNull = typeof KEEP_NULL;

/** A node: a value, `undefined` for a missing node (kyaml's nil RNode), or a kept null. */
type N = YamlValue | undefined | KeepNull;

/** A merge failure with kyaml's message. */
export class MergeError extends Error {}

function isMissingOrNull(n: N): boolean {
  return n === undefined || n === null || n === KEEP_NULL;
}

function isEmptyMap(n: N): boolean {
  return isMissingOrNull(n) || (isMap(n) && Object.keys(n).length === 0);
}

type Kind = 'map' | 'seq' | 'scalar';

function kindOf(n: YamlValue | KeepNull): Kind {
  if (Array.isArray(n)) return 'seq';
  if (isMap(n)) return 'map';
  return 'scalar';
}

const KIND_NAMES: Record<Kind, string> = { map: 'MappingNode', seq: 'SequenceNode', scalar: 'ScalarNode' };

function wrongKind(expected: Kind, got: Kind): MergeError {
  return new MergeError(`wrong node kind: expected ${KIND_NAMES[expected]} but got ${KIND_NAMES[got]}`);
}

/** A scalar node's `Value` as kyaml sees it (maps and lists have none). */
export function nodeText(n: N): string {
  if (n === undefined) return '';
  if (n === null || n === KEEP_NULL) return 'null';
  if (typeof n === 'object') return '';
  return String(n);
}

/** `Field(key)` of a node: the value when the node is a map with that key. */
function fieldOf(n: N, key: string): N {
  if (!isMap(n)) return undefined;
  return hasField(n, key) ? n[key] : undefined;
}

/** kyaml's IsNilOrEmpty on a field value: missing, null, `{}`, `[]`. */
function isNilOrEmpty(n: N): boolean {
  return isMissingOrNull(n) || (isMap(n) && Object.keys(n).length === 0) || (Array.isArray(n) && n.length === 0);
}

// --- directives (merge2/smpdirective.go) ---

type Directive = 'merge' | 'replace' | 'delete' | 'unknown';
const PATCH = '$patch';

function directive(patch: N): { d: Directive; err?: MergeError } {
  if (patch === undefined) return { d: 'merge' };
  if (Array.isArray(patch)) return sequenceDirective(patch);
  if (isMap(patch)) return mappingDirective(patch);
  const tag =
    patch === null || patch === KEEP_NULL
      ? 'null'
      : typeof patch === 'string'
        ? 'str'
        : typeof patch === 'boolean'
          ? 'bool'
          : Number.isInteger(patch) || typeof patch === 'bigint'
            ? 'int'
            : 'float';
  return {
    d: 'unknown',
    err: new MergeError(`no implemented strategic merge patch strategy for '!!${tag}' ('${nodeText(patch)}')`),
  };
}

/**
 * Both present (Merger.VisitMap / VisitList on an associative list): a null origin clears the field,
 * then origin's `$patch` decides — `delete` clears, `replace` takes origin, otherwise dest is kept
 * (its fields are merged next).
 */
function mergeDirective(origin: N, dest: N): N {
  if (origin === null || origin === KEEP_NULL) return undefined;
  const { d, err } = directive(origin);
  if (err) throw err;
  if (d === 'delete') return undefined;
  if (d === 'replace') return origin;
  return dest;
}

function mappingDirective(patch: YamlMap): { d: Directive; err?: MergeError } {
  if (!hasField(patch, PATCH)) return { d: 'merge' };
  const v = nodeText(patch[PATCH]);
  if (v === 'delete' || v === 'replace' || v === 'merge') {
    deleteField(patch, PATCH);
    return { d: v };
  }
  return { d: 'unknown', err: new MergeError(`unknown patch strategy '${v}'`) };
}

function sequenceDirective(patch: YamlValue[]): { d: Directive; err?: MergeError } {
  const el = patch.find((e) => isMap(e) && hasField(e, PATCH)) as YamlMap | undefined;
  if (el === undefined || Object.keys(el).length > 1) return { d: 'merge' };
  const v = nodeText(el[PATCH]);
  if (v === 'delete' || v === 'replace' || v === 'merge') {
    elementSetter(patch, undefined, [PATCH], [v]);
    return { d: v };
  }
  return { d: 'unknown', err: new MergeError(`unknown patch strategy '${v}'`) };
}

// --- kyaml/yaml element helpers (fns.go) ---

/**
 * The text kyaml reads from an element's key node. The value model has no text for a null: a null the
 * destination wrote as `key:` has the text "" (see Walker.keyText), any other reads "null".
 */
type KeyText = (elem: YamlMap, key: string) => string;

const valueText: KeyText = (elem, key) => nodeText(elem[key]);

/** FieldMatcher{Name, StringValue} on a list element: whether it matches (may throw like kyaml). */
function fieldMatches(elem: YamlValue, name: string, stringValue: string, keyText: KeyText): boolean {
  if (elem === null) return false;
  if (name === '') {
    if (Array.isArray(elem) || isMap(elem)) throw wrongKind('scalar', kindOf(elem));
    return nodeText(elem) === stringValue;
  }
  if (!isMap(elem)) throw wrongKind('map', kindOf(elem));
  if (!hasField(elem, name)) return false;
  if (stringValue === '') return true;
  return keyText(elem, name) === stringValue;
}

/**
 * kyaml's ElementSetter on `list` (mutated): drops null and `{}` elements, replaces every element matching
 * all key/value pairs with `element` (removes them when `element` is undefined), appends `element` when
 * nothing matched.
 */
function elementSetter(
  list: YamlValue[],
  element: N,
  keysIn: readonly string[],
  values: readonly string[],
  keyText: KeyText = valueText,
): void {
  const keys = keysIn.length === 0 ? [''] : keysIn;
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: YamlValue[] = [];
  let matched = false;
  for (const elem of list) {
    if (elem === null || (isMap(elem) && Object.keys(elem).length === 0)) continue;
    if (!isMap(elem) && mappingSetter) {
      out.push(elem);
      continue;
    }
    let found = true;
    let val = false;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) val = fieldMatches(elem, keys[j] as string, values[j] as string, keyText);
      if (!val) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (values.length > 0) out.push(elem);
      continue;
    }
    matched = true;
    if (element === undefined) continue;
    out.push(element === KEEP_NULL ? null : element);
  }
  list.length = 0;
  for (const e of out) list.push(e);
  if (isMissingOrNull(element)) return;
  if (!matched) list.push(element as YamlValue);
}

/** ElementMatcher{Keys, Values} (kyaml's ElementList): the first element matching every pair. */
function elementList(src: N, keys: readonly string[], values: readonly string[], keyText: KeyText): N {
  if (!Array.isArray(src)) return undefined;
  if (keys.length === 0 || keys[0] === '') {
    const want = values[0] ?? '';
    return src.find((e) => nodeText(e) === want);
  }
  for (const elem of src) {
    if (elem === null || !isMap(elem)) continue;
    let ok = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      if (!hasField(elem, k) || keyText(elem, k) !== values[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return elem;
  }
  return undefined;
}

// --- walk/associative_sequence.go helpers ---

function validateKeys(
  valuesList: readonly (readonly string[])[],
  values: readonly string[],
  keys: readonly string[],
): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i] as string));
  if (valid.size === 0) return [keys.slice(), values.slice()];
  const validKeys = keys.filter((k) => valid.has(k));
  const validValues: string[] = [];
  values.forEach((v, i) => {
    if (v !== '' || valid.has(keys[i] as string)) validValues.push(v);
  });
  return [validKeys, validValues];
}

function match(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) {
      common = true;
      res.push(x);
      continue;
    }
    if (x !== '' && y !== '') return undefined;
    res.push(x !== '' ? x : y);
  }
  return common ? res : undefined;
}

function mergeValues(valuesList: string[][]): string[][] {
  for (let i = 0; i < valuesList.length; i++) {
    const v1 = valuesList[i] as string[];
    for (let j = 0; j < valuesList.length; j++) {
      const m = match(v1, valuesList[j] as string[]);
      if (m) {
        valuesList[i] = m;
        valuesList[j] = m;
      }
    }
  }
  return valuesList;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** kyaml's appendListNode: adds `src`'s elements to `dst` through the element setter. */
function appendListNode(dst: YamlValue[], src: N, keys: readonly string[], keyText: KeyText): YamlValue[] {
  if (!Array.isArray(src)) return dst;
  for (const elem of src.slice()) {
    if (keys[0] === '') {
      elementSetter(dst, elem, [''], [nodeText(elem)]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      if (elem === null) {
        dst.push(elem);
        continue;
      }
      if (!isMap(elem)) throw wrongKind('map', kindOf(elem));
      if (!hasField(elem, key)) {
        dst.push(elem);
        continue;
      }
      v.push(keyText(elem, key));
    }
    if (keys.length > 1) elementSetter(dst, undefined, keys, v, keyText);
    elementSetter(dst, elem, keys, v, keyText);
  }
  return dst;
}

// --- the walker (walk/*.go + merge2.Merger) ---

/** What a walk consults besides its sources. */
interface Ctx {
  readonly schema: OpenApiSchema;
  /** Whether the destination's null at `path` was written as an empty scalar (`key:`). */
  readonly emptyNullAt: ((path: readonly (string | number)[]) => boolean) | undefined;
}

class Walker {
  constructor(
    private readonly ctx: Ctx,
    private readonly sources: N[],
    private schema: SchemaNode | undefined,
    /** Where the destination node is in the destination's source document (undefined: not from it). */
    private readonly path: readonly (string | number)[] | undefined,
  ) {}

  private get dest(): N {
    return this.sources[0];
  }
  private get origin(): N {
    return this.sources[1];
  }

  walk(): N {
    this.schema = this.getSchema();
    const kind = this.kind();
    if (kind === undefined) return this.walkMap();
    this.checkKinds(kind);
    if (kind === 'map') return this.walkMap();
    if (kind === 'seq') {
      if (this.isAssociative()) return this.walkAssociativeSequence();
      return this.visitList(false);
    }
    return this.visitScalar();
  }

  private kind(): Kind | undefined {
    for (const s of this.sources) if (!isMissingOrNull(s)) return kindOf(s as YamlValue);
    return undefined;
  }

  private checkKinds(kind: Kind): void {
    for (const s of this.sources) {
      if (isMissingOrNull(s)) continue;
      const k = kindOf(s as YamlValue);
      if (k !== kind) throw wrongKind(kind, k);
    }
  }

  private getSchema(): SchemaNode | undefined {
    if (this.schema) return this.schema;
    for (const s of this.sources) {
      if (!isMap(s)) continue;
      const av = getField(s, 'apiVersion');
      const k = getField(s, 'kind');
      const apiVersion = isNilOrEmpty(av) ? '' : nodeText(av);
      const kind = isNilOrEmpty(k) ? '' : nodeText(k);
      if (apiVersion === '' || kind === '') continue;
      const found = this.ctx.schema.lookup(apiVersion, kind);
      if (found) return found;
    }
    return undefined;
  }

  private isAssociative(): boolean {
    if (!this.schema) return false;
    return this.schema.patchStrategy.split(',').includes('merge');
  }

  // Merger.VisitMap
  private visitMap(): N {
    const dest = this.dest;
    const origin = this.origin;
    if (isMissingOrNull(dest)) {
      const ps = directive(origin).d;
      if (ps === 'delete') return undefined;
      // A null kept only when written with a value (`null`, `~`); `key:` alone has none and is dropped.
      if (origin === undefined && dest !== undefined) {
        const empty = this.path !== undefined && this.ctx.emptyNullAt !== undefined && this.ctx.emptyNullAt(this.path);
        if (!empty) return KEEP_NULL;
      }
      return origin;
    }
    return mergeDirective(origin, dest);
  }

  // Merger.VisitScalar
  private visitScalar(): N {
    return this.origin !== undefined ? this.origin : this.dest;
  }

  // Merger.VisitList
  private visitList(associative: boolean): N {
    const dest = this.dest;
    const origin = this.origin;
    if (!associative) return origin !== undefined ? origin : dest;
    if (isMissingOrNull(dest)) return origin;
    return mergeDirective(origin, dest);
  }

  private walkMap(): N {
    const original = this.dest;
    const dest = this.visitMap();
    this.sources[0] = dest;
    if (dest === undefined) return undefined;
    const names = new Set<string>();
    for (const s of this.sources) if (isMap(s)) for (const k of Object.keys(s)) names.add(k);
    for (const key of [...names].sort()) {
      const s = this.schema?.field(key);
      const fv = this.sources.map((src) => fieldOf(src, key));
      const childPath = this.path !== undefined && dest === original ? [...this.path, key] : undefined;
      const val = new Walker(this.ctx, fv, s, childPath).walk();
      // FieldSetter: an empty name means "set this scalar's value", which a map refuses.
      if (key === '') throw wrongKind('scalar', 'map');
      const target = dest as YamlMap;
      if (val === undefined || val === null) {
        if (isMap(target)) deleteField(target, key);
      } else setField(target, key, val === KEEP_NULL ? null : val);
    }
    return dest;
  }

  private walkAssociativeSequence(): N {
    const original = this.dest;
    const dest = this.visitList(true);
    this.sources[0] = dest;
    if (dest === undefined) return undefined;
    const keys = this.schema ? this.schema.mergeKeys : [];
    const values = this.elementValues(keys);
    // Positions of the destination's own elements in its source document.
    const positions =
      this.path !== undefined && dest === original && Array.isArray(dest)
        ? new Map<YamlValue, number>(dest.map((e, i) => [e, i]))
        : undefined;
    if (values.length !== 0 || keys.length > 0)
      return this.setAssociativeSequenceElements(values, keys, dest, positions);
    return this.setAssociativeSequenceElements(this.elementPrimitiveValues(), [''], dest, positions);
  }

  /** Sources in prepend order: the patch first, then the destination. */
  private prependOrder(): N[] {
    return [this.sources[1], this.sources[0]];
  }

  private elementValues(keys: readonly string[]): string[][] {
    const out: string[][] = [];
    for (const src of this.prependOrder()) {
      if (!Array.isArray(src)) continue;
      for (const elem of src) {
        const vs = keys.map((k) => {
          const f = fieldOf(elem, k);
          return isNilOrEmpty(f) ? '' : nodeText(f);
        });
        if (vs.length === 0 || out.some((o) => sameList(o, vs))) continue;
        out.push(vs);
      }
    }
    return out;
  }

  private elementPrimitiveValues(): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of this.prependOrder()) {
      if (!Array.isArray(src)) continue;
      for (const item of src) {
        const v = nodeText(item);
        if (seen.has(v)) continue;
        out.push([v]);
        seen.add(v);
      }
    }
    return out;
  }

  private elementValueList(keysIn: readonly string[], valuesIn: readonly string[], keyText: KeyText): N[] {
    const [keys, values] = validateKeys([valuesIn], valuesIn, keysIn);
    return this.sources.map((s) => (s === undefined ? undefined : elementList(s, keys, values, keyText)));
  }

  /** The text of an element's key node: "" for a null the destination wrote as `key:`. */
  private keyText(elem: YamlMap, key: string, positions: Map<YamlValue, number> | undefined): string {
    const v = elem[key];
    if (v !== null) return nodeText(v);
    const at = positions?.get(elem);
    const emptyNullAt = this.ctx.emptyNullAt;
    if (at === undefined || this.path === undefined || emptyNullAt === undefined) return nodeText(v);
    return emptyNullAt([...this.path, at, key]) ? '' : nodeText(v);
  }

  private setAssociativeSequenceElements(
    valuesListIn: string[][],
    keys: readonly string[],
    destIn: N,
    positions: Map<YamlValue, number> | undefined,
  ): N {
    let dest = destIn;
    const keyText: KeyText = (elem, key) => this.keyText(elem, key, positions);
    const items: YamlValue[] = [];
    const elemSchema = this.schema?.elements();
    const valuesList = keys.length > 1 ? mergeValues(valuesListIn) : valuesListIn;
    let validKeys: string[] | undefined;
    let validValues: string[] = [];
    for (const values of valuesList) {
      if (values.length === 0) continue;
      [validKeys, validValues] = validateKeys(valuesList, values, keys);
      const elems = this.elementValueList(validKeys, validValues, keyText);
      const at = positions?.get(elems[0] as YamlValue);
      const elemPath = at !== undefined && this.path !== undefined ? [...this.path, at] : undefined;
      const val = new Walker(this.ctx, elems, elemSchema, elemPath).walk();
      let exit = false;
      for (let i = 0; i < validKeys.length; i++) {
        const key = validKeys[i] as string;
        if (isEmptyMap(val)) {
          if (Array.isArray(dest)) elementSetter(dest, undefined, validKeys, validValues, keyText);
          exit = true;
        } else if (fieldOf(val, key) === undefined && validValues[i] !== '') {
          setKeyField(val as YamlValue, key, validValues[i] as string);
        }
      }
      if (exit) continue;
      elementSetter(items, val, validKeys, validValues, keyText);
    }
    if (valuesList.length > 0 && validKeys !== undefined) dest = appendListNode(items, dest, validKeys, keyText);
    if (isMissingOrNull(dest)) return undefined;
    return dest;
  }
}

/** `val.Pipe(SetField(key, NewScalarRNode(v)))`: restores a merge key on a merged element. */
function setKeyField(val: YamlValue, key: string, v: string): void {
  if (key === '') {
    // FieldSetter without a name on a scalar: the same text again (no change in the value model).
    if (Array.isArray(val) || isMap(val)) throw wrongKind('scalar', kindOf(val));
    return;
  }
  if (!isMap(val)) throw wrongKind('map', kindOf(val));
  // An untagged scalar: quoted (a string) when YAML 1.1 would read it as a non-string, else plain.
  setField(val, key, typeof resolvePlainScalar(v, 'yaml11') === 'string' ? resolvePlainScalar(v, 'kyaml') : v);
}

/**
 * Merges `patch` into `dest` (both resource maps) with the given schema. Returns `dest` (mutated) or
 * `undefined` when the patch deletes the object. Throws {@link MergeError}.
 */
export function strategicMerge(
  dest: YamlMap,
  patch: YamlMap,
  schema: OpenApiSchema,
  /**
   * Whether the destination's null at a path (map keys, list indexes) was written as an empty scalar in
   * its source: kyaml keeps `key: null` and `key: ~` through a merge but drops `key:`.
   */
  emptyNullAt?: (path: readonly (string | number)[]) => boolean,
): YamlMap | undefined {
  const result = new Walker({ schema, emptyNullAt }, [dest, patch], undefined, []).walk();
  if (result === undefined || result === null || result === KEEP_NULL) return undefined;
  return dest;
}
