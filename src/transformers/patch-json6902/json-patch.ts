/**
 * RFC 6902 JSON patches with the semantics of evanphx/json-patch v4.12.0 (what kustomize v5.6.0 applies),
 * carried out with fast-json-patch: each operation's pointer is first resolved the way evanphx resolves it
 * (negative array indexes count from the end, `replace` of a missing map key adds it, a missing parent is
 * an error with evanphx's text), then the normalised operation is applied.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';

import { cloneValue, hasField, isMap, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { unescapePointerSegment } from '../../yaml/pointer.js';

/** One decoded operation (kustomize decodes each into a map of raw JSON values). */
export type JsonPatchOp = Readonly<Record<string, YamlValue>> | null;

/** A failed operation, with evanphx's message. */
export class JsonPatchError extends Error {}

const MISSING = 'missing value';

const ATOI = /^[+-]?[0-9]+$/;

/** strconv.Atoi: an int, or an error text. */
function atoi(s: string): number | string {
  if (!ATOI.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

type Container =
  | { kind: 'map'; value: YamlMap; pointer: string }
  | { kind: 'array'; value: YamlValue[]; pointer: string };

/** evanphx's findObject: the container holding the last path segment, and that segment (decoded). */
function findObject(doc: YamlValue, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  const parts = split.slice(1, -1);
  const key = unescapePointerSegment(split[split.length - 1] as string);
  let cur: YamlValue = doc;
  let pointer = '';
  for (const raw of parts) {
    const part = unescapePointerSegment(raw);
    let next: YamlValue | undefined;
    if (Array.isArray(cur)) {
      const idx = arrayIndex(cur, part, cur.length);
      if (typeof idx !== 'number') return undefined;
      next = cur[idx];
      pointer += `/${idx}`;
    } else if (isMap(cur)) {
      next = hasField(cur, part) ? cur[part] : undefined;
      pointer += `/${jsonpatch.escapePathComponent(part)}`;
    } else return undefined;
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    cur = next;
  }
  if (Array.isArray(cur)) return { con: { kind: 'array', value: cur, pointer }, key };
  if (isMap(cur)) return { con: { kind: 'map', value: cur, pointer }, key };
  return undefined;
}

/** partialArray.get's index rule: negative counts from the end; out of range is an error text. */
function arrayIndex(ary: readonly YamlValue[], key: string, size: number): number | string {
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  let i = idx;
  if (i < 0) {
    if (i < -size) return `Unable to access invalid index: ${idx}: invalid index referenced`;
    i += size;
  }
  if (i >= ary.length) return `Unable to access invalid index: ${idx}: invalid index referenced`;
  return i;
}

function apply(doc: YamlValue, op: Operation): void {
  jsonpatch.applyOperation(doc, op, false, true, true);
}

function get(con: Container, key: string): { value: YamlValue | undefined } | string {
  if (con.kind === 'map') return { value: hasField(con.value, key) ? con.value[key] : undefined };
  const idx = arrayIndex(con.value, key, con.value.length);
  if (typeof idx === 'string') return idx;
  return { value: con.value[idx] };
}

function add(doc: YamlValue, con: Container, key: string, value: YamlValue): string | undefined {
  if (con.kind === 'map') {
    apply(doc, { op: 'add', path: `${con.pointer}/${jsonpatch.escapePathComponent(key)}`, value });
    return undefined;
  }
  if (key === '-') {
    apply(doc, { op: 'add', path: `${con.pointer}/-`, value });
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return `value was not a proper array index: '${key}': ${idx}`;
  const size = con.value.length + 1;
  let i = idx;
  if (i >= size) return `Unable to access invalid index: ${idx}: invalid index referenced`;
  if (i < 0) {
    if (i < -size) return `Unable to access invalid index: ${idx}: invalid index referenced`;
    i += size;
  }
  apply(doc, { op: 'add', path: `${con.pointer}/${i}`, value });
  return undefined;
}

function remove(doc: YamlValue, con: Container, key: string): string | undefined {
  if (con.kind === 'map') {
    if (!hasField(con.value, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    apply(doc, { op: 'remove', path: `${con.pointer}/${jsonpatch.escapePathComponent(key)}` });
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  let i = idx;
  if (i >= con.value.length) return `Unable to access invalid index: ${idx}: invalid index referenced`;
  if (i < 0) {
    if (i < -con.value.length) return `Unable to access invalid index: ${idx}: invalid index referenced`;
    i += con.value.length;
  }
  apply(doc, { op: 'remove', path: `${con.pointer}/${i}` });
  return undefined;
}

function str(op: Readonly<Record<string, YamlValue>>, field: string): string | undefined {
  if (!hasField(op, field)) return undefined;
  const v = op[field];
  return typeof v === 'string' ? v : undefined;
}

/** The value of an operation (`null` when absent, as evanphx's nil node). */
function valueOf(op: Readonly<Record<string, YamlValue>>): YamlValue {
  return hasField(op, 'value') ? cloneValue(op.value as YamlValue) : null;
}

/** Fails the patch with evanphx's message. */
function fail(msg: string): never {
  throw new JsonPatchError(msg);
}

type DecodedOp = Readonly<Record<string, YamlValue>>;

function addOperation(doc: YamlValue, o: DecodedOp, path: string | undefined): void {
  if (path === undefined) fail(`add operation failed to decode path: ${MISSING}`);
  const found = findObject(doc, path);
  if (!found) fail(`add operation does not apply: doc is missing path: ${JSON.stringify(path)}: ${MISSING}`);
  const err = add(doc, found.con, found.key, valueOf(o));
  if (err) fail(`error in add for path: '${path}': ${err}`);
}

function removeOperation(doc: YamlValue, path: string | undefined): void {
  if (path === undefined) fail(`remove operation failed to decode path: ${MISSING}`);
  const found = findObject(doc, path);
  if (!found) fail(`remove operation does not apply: doc is missing path: ${JSON.stringify(path)}: ${MISSING}`);
  const err = remove(doc, found.con, found.key);
  if (err) fail(`error in remove for path: '${path}': ${err}`);
}

/** `replace`; returns the document (a new root when the path is the whole document). */
function replaceOperation(doc: YamlValue, o: DecodedOp, path: string | undefined): YamlValue {
  if (path === undefined) fail(`replace operation failed to decode path: ${MISSING}`);
  if (path === '') {
    const v = valueOf(o);
    // json-patch wraps a nil error here ("value must be object or array"): the operation does nothing.
    if (v === null || typeof v !== 'object') return doc;
    return v;
  }
  const found = findObject(doc, path);
  if (!found) fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  const { con, key } = found;
  const cur = get(con, key);
  if (typeof cur === 'string') fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  if (con.kind === 'map') {
    apply(doc, { op: 'add', path: `${con.pointer}/${jsonpatch.escapePathComponent(key)}`, value: valueOf(o) });
  } else {
    const i = arrayIndex(con.value, key, con.value.length) as number;
    apply(doc, { op: 'replace', path: `${con.pointer}/${i}`, value: valueOf(o) });
  }
  return doc;
}

function moveOperation(doc: YamlValue, o: DecodedOp, path: string | undefined): void {
  const from = str(o, 'from');
  if (from === undefined) fail(`move operation failed to decode from: ${MISSING}`);
  const src = findObject(doc, from);
  if (!src) fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const got = get(src.con, src.key);
  if (typeof got === 'string') fail(`error in move for path: '${src.key}': ${got}`);
  const val = got.value ?? null;
  const rerr = remove(doc, src.con, src.key);
  if (rerr) fail(`error in move for path: '${src.key}': ${rerr}`);
  if (path === undefined) fail(`move operation failed to decode path: ${MISSING}`);
  const dst = findObject(doc, path);
  if (!dst) fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const aerr = add(doc, dst.con, dst.key, val);
  if (aerr) fail(`error in move for path: '${path}': ${aerr}`);
}

function copyOperation(doc: YamlValue, o: DecodedOp, path: string | undefined): void {
  const from = str(o, 'from');
  if (from === undefined) fail(`copy operation failed to decode from: ${MISSING}`);
  const src = findObject(doc, from);
  if (!src) fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const got = get(src.con, src.key);
  if (typeof got === 'string') fail(`error in copy for from: '${from}': ${got}`);
  if (path === undefined) fail(`copy operation failed to decode path: ${MISSING}`);
  const dst = findObject(doc, path);
  if (!dst) fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const val = got.value;
  const aerr = add(doc, dst.con, dst.key, val === undefined ? null : cloneValue(val));
  if (aerr) fail(`error while adding value during copy: ${aerr}`);
}

function testOperation(doc: YamlValue, o: DecodedOp, path: string | undefined): void {
  if (path === undefined) fail(`test operation failed to decode path: ${MISSING}`);
  const want = hasField(o, 'value') ? (o.value as YamlValue) : undefined;
  if (path === '') {
    if (want !== undefined && jsonpatch._areEquals(doc, want)) return;
    fail(`testing value ${path} failed: test failed`);
  }
  const found = findObject(doc, path);
  if (!found) fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const got = get(found.con, found.key);
  if (typeof got === 'string') fail(`error in test for path: '${path}': ${got}`);
  const val = got.value;
  if (val === undefined || val === null) {
    if (want === null) return;
    if (want === undefined) fail('test operation has no value (kustomize v5.6.0 crashes on this)');
    fail(`testing value ${path} failed: test failed`);
  }
  if (want === undefined || want === null || !jsonpatch._areEquals(val, want))
    fail(`testing value ${path} failed: test failed`);
}

/** Applies one operation; returns the document (a new root after a whole-document `replace`). */
function applyOperation(doc: YamlValue, o: DecodedOp): YamlValue {
  const kind = str(o, 'op') ?? 'unknown';
  const path = str(o, 'path');
  switch (kind) {
    case 'add':
      addOperation(doc, o, path);
      return doc;
    case 'remove':
      removeOperation(doc, path);
      return doc;
    case 'replace':
      return replaceOperation(doc, o, path);
    case 'move':
      moveOperation(doc, o, path);
      return doc;
    case 'copy':
      copyOperation(doc, o, path);
      return doc;
    case 'test':
      testOperation(doc, o, path);
      return doc;
    default:
      return fail(`Unexpected kind: ${kind}`);
  }
}

/**
 * Applies `ops` to `doc` (mutated; a whole-document `replace` returns the new root). Throws
 * {@link JsonPatchError} at the first failing operation.
 */
export function applyJsonPatch(docIn: YamlValue, ops: readonly JsonPatchOp[]): YamlValue {
  let doc = docIn;
  for (const op of ops) doc = applyOperation(doc, op ?? {});
  return doc;
}
