/**
 * Walking a field spec's path through an object (spec §7.1): sequences are descended into element by
 * element, `key[]` insists on a sequence and never creates, and with `create` missing intermediates
 * become maps and the final field a value of the transformer's kind.
 */
import { BuildError } from '../diagnostics/error.js';
import type { YamlMap, YamlValue } from '../yaml/values.js';
import { getField, hasField, isMap, setField } from '../yaml/values.js';
import type { Gvk } from '../resources/res-id.js';
import type { FieldSpec } from './types.js';

/** The field a visitor is handed: read `value`, write with `set`. */
export interface FieldRef {
  readonly parent: YamlMap;
  readonly key: string;
  readonly value: YamlValue;
  /** True when the field did not exist and was created for this visit. */
  readonly created: boolean;
  set(v: YamlValue): void;
}

/** What to create at the end of the path when it is missing and the spec says `create`. */
export type CreateKind = 'map' | 'scalar' | undefined;

const pathCache = new Map<string, string[]>();

/** Splits a field-spec path on `/`, honouring `\/` escapes; a leading `/` is ignored. */
export function splitFieldPath(path: string): string[] {
  const cached = pathCache.get(path);
  if (cached) return cached;
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  while (out.length > 1 && out[0] === '') out.shift();
  pathCache.set(path, out);
  return out;
}

/** Whether a field spec's GVK filter selects `gvk` (empty parts match anything). */
export function fieldSpecSelects(spec: FieldSpec, gvk: Gvk): boolean {
  if (spec.kind && spec.kind !== gvk.kind) return false;
  if (spec.group && spec.group !== gvk.group) return false;
  if (spec.version && spec.version !== gvk.version) return false;
  return true;
}

function walk(
  node: YamlValue,
  path: string[],
  i: number,
  create: boolean,
  createKind: CreateKind,
  visit: (ref: FieldRef) => void,
): void {
  if (Array.isArray(node)) {
    try {
      for (const el of node) walk(el, path, i, create, createKind, visit);
    } catch (err) {
      // kustomize's fieldspec filter names the rest of the path when a sequence element fails.
      if (err instanceof Error && !(err instanceof BuildError)) err.message = `visit traversal on path: [${path.slice(i).join(' ')}]: ${err.message}`;
      throw err;
    }
    return;
  }
  if (!isMap(node)) {
    if (node === null) return;
    throw new Error('expected sequence or mapping node');
  }
  const raw = path[i] as string;
  const isSeq = raw.endsWith('[]');
  const key = isSeq ? raw.slice(0, -2) : raw;
  const last = i === path.length - 1;
  let value = getField(node, key);
  let created = false;
  const mayCreate = create && createKind !== undefined && !isSeq;
  if (value === undefined) {
    if (!mayCreate) return;
    value = last ? (createKind === 'map' ? {} : null) : {};
    setField(node, key, value);
    created = true;
  } else if (value === null && mayCreate) {
    value = last ? (createKind === 'map' ? {} : null) : {};
    setField(node, key, value);
  } else if (value === null && isSeq) {
    // kustomize turns a null it reaches through `key[]` into an empty sequence (in the output too).
    value = [];
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
 * the GVK filter: callers decide which id (current or original) to match.
 */
export function visitFieldSpec(
  obj: YamlMap,
  spec: FieldSpec,
  createKind: CreateKind,
  visit: (ref: FieldRef) => void,
  describe?: () => string,
): void {
  const path = splitFieldPath(spec.path);
  try {
    walk(obj, path, 0, spec.create === true, createKind, visit);
  } catch (err) {
    if (err instanceof BuildError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new BuildError('transformer/failed', `considering field '${spec.path}' of object ${describe ? describe() : '?'}: ${msg}`);
  }
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
