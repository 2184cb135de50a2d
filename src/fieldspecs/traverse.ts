/**
 * Walking a field spec's path through an object, as kustomize's fieldspec.Filter does (spec §7.1):
 * sequences are descended into element by element; `key[]` insists on a sequence, never creates, and turns
 * an existing `null` into `[]`; with `create` (and a create kind) missing intermediates become maps and
 * the final field a value of the transformer's kind, and an existing `null` along the way is converted
 * the same way. A missing field, or a null in the middle, ends the walk silently; a scalar in the middle
 * is an error.
 */
import { BuildError } from '../diagnostics/error.js';
import type { YamlMap, YamlValue } from '../yaml/values.js';
import { getField, hasField, isMap, scalarString, setField } from '../yaml/values.js';
import { resolvePlainScalar } from '../yaml/scalars.js';
import { emitDocument } from '../yaml/emit.js';
import type { Gvk } from '../resources/res-id.js';
import type { FieldSpec } from './types.js';
import { pathSplitter } from './path-splitter.js';
import { goTrimSpace } from '../yaml/go-text.js';

/** The field a visitor is handed: read `value`, write with `set`. */
export interface FieldRef {
  readonly parent: YamlMap;
  readonly key: string;
  readonly value: YamlValue;
  /** True when the field did not exist and was created for this visit. */
  readonly created: boolean;
  readonly set: (v: YamlValue) => void;
}

/**
 * What to create at the end of the path when it is missing and the spec says `create` (kustomize's
 * CreateKind): a mapping (labels, annotations), a scalar (names, namespaces), or nothing (never create).
 */
export type CreateKind = 'map' | 'scalar' | undefined;

const pathCache = new Map<string, string[]>();

/** Splits a field-spec path on `/` (kyaml's PathSplitter: `\/` is a literal `/`, a leading `/` is dropped). */
export function splitFieldPath(path: string): string[] {
  let out = pathCache.get(path);
  if (!out) {
    out = pathSplitter(path, '/');
    pathCache.set(path, out);
  }
  return out;
}

/** Whether a field spec's GVK filter selects `gvk` (empty parts match anything; kustomize's Gvk.IsSelected). */
export function fieldSpecSelects(spec: FieldSpec, gvk: Gvk): boolean {
  if (spec.kind && spec.kind !== gvk.kind) return false;
  if (spec.group && spec.group !== gvk.group) return false;
  if (spec.version && spec.version !== gvk.version) return false;
  return true;
}

class WalkError extends Error {
  /** kyaml's InvalidNodeKindError: a map or a sequence where the path wanted another kind. */
  invalidKind = false;
}

/** A field spec walk that reached a map or a sequence of the wrong kind (kyaml's InvalidNodeKindError). */
export class InvalidNodeKindError extends BuildError {}

/**
 * What kyaml's PathGetter makes of a path segment that is not a plain field name (fieldspec.Filter looks
 * each field up with it): an index (Go's Atoi), `-`, or `[name=value]` want a sequence, `*` is refused.
 * Returns the error for a segment met on a map, or undefined for a field name.
 */
function segmentError(key: string, node: YamlMap): WalkError | undefined {
  let message: string | undefined;
  const wrongKind = (): string => wrongNodeKind('SequenceNode', node);
  if (key === '*') message = 'wildcard is not supported in PathGetter';
  else if (key === '-') message = wrongKind();
  else if (/^[+-]?[0-9]+$/.test(key) && BigInt.asIntN(64, BigInt(key)) === BigInt(key)) {
    const n = BigInt(key);
    message = n < 0n ? `array index ${n} cannot be negative` : wrongKind();
  } else if (key.startsWith('[') && key.endsWith(']')) {
    message = key.includes('=')
      ? wrongKind()
      : 'list path element must contain fieldName=fieldValue for element to match';
  }
  if (message === undefined) return undefined;
  const err = new WalkError(`fieldName: ${key}: ${message}`);
  err.invalidKind = message.startsWith('wrong node kind');
  return err;
}

/** Walks each element of a sequence; kustomize's fieldspec filter names the rest of the path when one fails. */
function walkSequence(
  node: readonly YamlValue[],
  path: readonly string[],
  i: number,
  create: boolean,
  createKind: CreateKind,
  visit: (ref: FieldRef) => void,
): void {
  for (const el of node) {
    try {
      walk(el, path, i, create, createKind, visit);
    } catch (err) {
      const prefix = `visit traversal on path: [${path.slice(i).join(' ')}]: `;
      if (err instanceof WalkError) {
        err.message = `${prefix}${err.message}`;
        throw err;
      }
      if (err instanceof BuildError) throw err.wrap(prefix);
      if (err instanceof Error) err.message = `${prefix}${err.message}`;
      throw err;
    }
  }
}

/**
 * What kind of node a step may create or convert a null into (kustomize's `kind`): `key[]` a sequence;
 * with `create` (and a create kind) the final field the create kind and intermediates a map; else nothing.
 */
function stepKind(
  create: boolean,
  createKind: CreateKind,
  isSeq: boolean,
  last: boolean,
): 'map' | 'scalar' | 'seq' | undefined {
  if (!create || createKind === undefined || isSeq) return isSeq ? 'seq' : undefined;
  return last ? createKind : 'map';
}

function walk(
  node: YamlValue,
  path: readonly string[],
  i: number,
  create: boolean,
  createKind: CreateKind,
  visit: (ref: FieldRef) => void,
): void {
  if (node === null) return;
  if (Array.isArray(node)) {
    walkSequence(node, path, i, create, createKind, visit);
    return;
  }
  if (!isMap(node)) throw new WalkError('expected sequence or mapping node');
  const raw = path[i] as string;
  const isSeq = raw.endsWith('[]');
  const fieldName = isSeq ? raw.slice(0, -2) : raw;
  if (fieldName === '') throw new WalkError('cannot set or create an empty field name');
  // kyaml's Lookup trims the name (a blank one, skipped by withoutBlankSteps, is the node itself).
  const key = goTrimSpace(fieldName);
  const segErr = segmentError(key, node);
  if (segErr) throw segErr;
  const last = i === path.length - 1;
  const kind = stepKind(create, createKind, isSeq, last);
  let value = getField(node, key);
  let created = false;
  if (value === undefined) {
    // Only a step that may create (with `create`, a create kind, and not `key[]`) does.
    if (!create || createKind === undefined || isSeq) return;
    value = kind === 'map' ? {} : null;
    setField(node, key, value);
    created = true;
  } else if (value === null && kind !== undefined) {
    if (kind === 'map') value = {};
    else if (kind === 'seq') value = [];
    setField(node, key, value);
  }
  if (last) {
    const parent = node;
    visit({
      parent,
      key,
      value,
      created,
      set(v: YamlValue) {
        setField(parent, key, v);
      },
    });
    return;
  }
  walk(value, path, i + 1, create, createKind, visit);
}

/**
 * Visits the field(s) `spec.path` names in `obj` (several when the path crosses sequences). Does not check
 * the GVK filter: callers decide which id (current or original) to match. Errors (the walk's and the
 * visitor's) are prefixed `considering field '<path>' of object <describe()>: ` as kustomize does.
 */
export function visitFieldSpec(
  obj: YamlMap,
  spec: FieldSpec,
  createKind: CreateKind,
  visit: (ref: FieldRef) => void,
  describe?: () => string,
): void {
  const path = withoutBlankSteps(splitFieldPath(spec.path));
  try {
    walk(obj, path, 0, spec.create === true, createKind, visit);
  } catch (err) {
    const prefix = `considering field '${spec.path}' of object ${describe ? describe() : '?'}: `;
    if (err instanceof BuildError) throw err.wrap(prefix);
    const msg = err instanceof Error ? err.message : String(err);
    if (err instanceof WalkError && err.invalidKind)
      throw new InvalidNodeKindError('transformer/failed', `${prefix}${msg}`);
    throw new BuildError('transformer/failed', `${prefix}${msg}`);
  }
}

/**
 * kyaml's Lookup of a name that is blank once trimmed returns the node it starts from: such a step (not an
 * empty one, which fails) moves nowhere.
 */
function withoutBlankSteps(path: string[]): string[] {
  const kept = path.filter((seg) => {
    const name = seg.endsWith('[]') ? seg.slice(0, -2) : seg;
    return name === '' || goTrimSpace(name) !== '';
  });
  return kept.length > 0 ? kept : path;
}

/** True when `obj` has every key of `path` (no sequence descent). */
export function hasPath(obj: YamlMap, path: string[]): boolean {
  let cur: YamlValue = obj;
  for (const k of path) {
    if (!isMap(cur) || !hasField(cur, k)) return false;
    cur = cur[k] as YamlValue;
  }
  return true;
}

/**
 * The value kustomize ends up with when it writes `text` as an untagged scalar over `old` (prefix, suffix,
 * name references): the node keeps its style, so a plain scalar (an original number or boolean, or a
 * field just created) is read back by YAML rules (`1` + `23` → 123), a string stays a string.
 */
export function untaggedScalar(old: YamlValue, text: string): YamlValue {
  if (typeof old === 'string') return text;
  return resolvePlainScalar(text, 'kyaml');
}

/** The text of a scalar as kustomize sees it (`node.Value`). */
export const scalarText: (v: YamlValue) => string = scalarString;

/** The kyaml node kind of a value. */
export function nodeKind(v: YamlValue): 'MappingNode' | 'SequenceNode' | 'ScalarNode' {
  return Array.isArray(v) ? 'SequenceNode' : isMap(v) ? 'MappingNode' : 'ScalarNode';
}

/**
 * kyaml's InvalidNodeKindError text: `wrong node kind: expected <K> but got <K>: node contents:\n<yaml>`
 * (what a transformer reports when a field spec reaches the wrong kind of node).
 */
export function wrongNodeKind(expected: 'MappingNode' | 'ScalarNode' | 'SequenceNode', got: YamlValue): string {
  let contents: string;
  try {
    contents = emitDocument(got);
  } catch {
    contents = scalarString(got);
  }
  return `wrong node kind: expected ${expected} but got ${nodeKind(got)}: node contents:\n${contents}`;
}
