/**
 * Reading patch text the way kustomize does: as strategic-merge documents (the resource factory's
 * SliceFromBytes: a YAML stream of resources, empty documents skipped, `...List` items inlined, each
 * needing a kind and a name) and as a JSON 6902 operation list (jsonPatchFromBytes: JSON when the text
 * starts with `[`, else the first YAML document converted to JSON).
 */
import type { Range } from '../../diagnostics/diagnostic.js';
import { BuildError } from '../../diagnostics/error.js';
import { conditionalErrorsOf, type ConditionalOutputError } from '../../resources/resource.js';
import { parseYamlStream, toRange, type ParsedDocument, type ParsedStream } from '../../yaml/parse.js';
import { getField, isMap, scalarString, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import type { JsonPatchOp } from '../patch-json6902/json-patch.js';
import { astMapGet, isAstMap, isAstScalar, type AstNode, type LineIndex } from '../../yaml/ast.js';

/** A strategic-merge patch document and where it is. */
export interface PatchDoc {
  data: YamlMap;
  file: string;
  range?: Range | undefined;
  /** The document's AST (when the document is the patch itself, not an item of a List). */
  node?: AstNode | undefined;
  lineCounter?: LineIndex | undefined;
  /** Values go-yaml cannot decode: kustomize merges them and fails only when it writes the result out. */
  outputErrors?: PatchOutputErrors | undefined;
  /** Labels or annotations repeating a key, read as kyaml's GetLabels reads them (the last value wins). */
  metadataLastWins?: MetadataLastWins | undefined;
  /** The maps of the patch that repeat a key. */
  repeatedKeyMaps?: RepeatedKeyMap[] | undefined;
}

/**
 * A map of a patch that repeats a key. Where the patch adds the map whole (the object had none there),
 * kyaml copies the node with both keys and kustomize fails when it writes the object out.
 */
export interface RepeatedKeyMap {
  /** Where the map is in the patch (keys and list indexes). */
  path: (string | number)[];
  key: string;
  /** 1-based lines of the repeated key and of its first occurrence. */
  line: number;
  firstLine: number;
}

/** A patch's `metadata.labels`/`metadata.annotations` where a key repeats, the last value winning. */
export interface MetadataLastWins {
  labels?: YamlMap;
  annotations?: YamlMap;
}

/** The output errors a patch carries into the objects it is merged into (as a resource's own). */
export interface PatchOutputErrors {
  /** Errors that hold while the patch's value is still at its path. */
  conditional: ConditionalOutputError[];
  /** An error that holds whatever happens (a key go-yaml cannot decode). */
  otherwise?: BuildError | undefined;
  /** kyaml's merge walk refuses the patch when it is applied (a collection used as a mapping key). */
  walk?: BuildError | undefined;
}

/** Why text is not a strategic-merge patch (kustomize's message). */
export class PatchParseError extends Error {
  constructor(
    message: string,
    readonly range?: Range,
  ) {
    super(message);
  }
}

function isNilOrEmpty(v: YamlValue): boolean {
  return v === null || (isMap(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}

function describe(v: YamlMap): string {
  const md = getField(v, 'metadata');
  const name = isMap(md) ? scalarString(getField(md, 'name')) : '';
  return `{{${scalarString(getField(v, 'apiVersion'))} ${scalarString(getField(v, 'kind'))}} {{${name} }}}`;
}

/** GetValidatedMetadata + the List inlining of the resource factory. */
function collect(v: YamlValue, file: string, range: Range | undefined, out: PatchDoc[]): void {
  if (isNilOrEmpty(v)) return;
  if (!isMap(v)) throw new PatchParseError('missing Resource metadata', range);
  const md = getField(v, 'metadata');
  const hasMeta = getField(v, 'apiVersion') !== undefined || getField(v, 'kind') !== undefined || md !== undefined;
  if (!hasMeta) throw new PatchParseError('missing Resource metadata', range);
  const kind = scalarString(getField(v, 'kind'));
  if (kind === '') throw new PatchParseError(`missing kind in object ${describe(v)}`, range);
  if (kind.endsWith('List')) {
    if (!Object.prototype.hasOwnProperty.call(v, 'items')) {
      out.push({ data: v, file, range });
      return;
    }
    const items = getField(v, 'items');
    if (items === null || items === undefined) return;
    if (!Array.isArray(items))
      throw new PatchParseError(`expected array in ${kind}/items, but found ${typeof items}`, range);
    for (const it of items) collect(it, file, range, out);
    return;
  }
  const name = isMap(md) ? scalarString(getField(md, 'name')) : '';
  if (name === '') throw new PatchParseError(`missing metadata.name in object ${describe(v)}`, range);
  out.push({ data: v, file, range });
}

/** Parses strategic-merge patch documents. Throws {@link PatchParseError}. */
export function parseSmPatches(patchText: string, file: string, stream?: ParsedStream): PatchDoc[] {
  const s = stream ?? parseYamlStream(patchText.replace(/\r\n/g, '\n'), { file, deferOutputErrors: true });
  const err = s.errors[0];
  if (err) throw new PatchParseError(`MalformedYAMLError: ${err.message}`, err.range);
  const out: PatchDoc[] = [];
  for (const doc of s.documents) {
    const before = out.length;
    collect(doc.value, file, doc.range, out);
    const only = out[before];
    if (out.length === before + 1 && only && only.data === doc.value) {
      only.node = doc.node;
      only.lineCounter = s.lineCounter;
    }
    attachOutputErrors(doc, file, out.slice(before));
    if (only && only.data === doc.value && doc.duplicateKeys) {
      only.metadataLastWins = metadataLastWins(doc.node);
      only.repeatedKeyMaps = repeatedKeyMaps(doc.node, s.lineCounter);
    }
  }
  return out;
}

/** The maps of a document that repeat a key (merge keys and what aliases point at are not followed). */
function repeatedKeyMaps(root: AstNode, lines: LineIndex): RepeatedKeyMap[] {
  const out: RepeatedKeyMap[] = [];
  const lineOf = (n: AstNode): number => toRange(lines, n.range[0], n.range[0]).start.line;
  const stack: { n: AstNode; path: (string | number)[] }[] = [{ n: root, path: [] }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { n, path } = top;
    if (n.kind === 'seq') n.items.forEach((item, i) => stack.push({ n: item, path: [...path, i] }));
    if (n.kind !== 'map') continue;
    const seen = new Map<string, AstNode>();
    let reported = false;
    for (const pair of n.items) {
      if (!isAstScalar(pair.key) || pair.key.value === '<<') continue;
      const key = pair.key.value;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, pair.key);
        stack.push({ n: pair.value, path: [...path, key] });
      } else if (!reported) {
        out.push({ path, key, line: lineOf(pair.key), firstLine: lineOf(first) });
        reported = true;
      }
    }
  }
  return out;
}

/** The labels and annotations of a document that repeat a key, each key taking its last value's text. */
function metadataLastWins(root: AstNode): MetadataLastWins | undefined {
  const meta = isAstMap(root) ? astMapGet(root, 'metadata')?.value : undefined;
  if (!isAstMap(meta)) return undefined;
  let out: MetadataLastWins | undefined;
  for (const field of ['labels', 'annotations'] as const) {
    const m = astMapGet(meta, field)?.value;
    if (!isAstMap(m)) continue;
    const keys = m.items.map((p) => (isAstScalar(p.key) ? p.key.value : undefined));
    if (new Set(keys).size === keys.length) continue;
    const map: YamlMap = {};
    m.items.forEach((p, i) => {
      const k = keys[i];
      if (k !== undefined) setField(map, k, isAstScalar(p.value) ? p.value.value : '');
    });
    (out ??= {})[field] = map;
  }
  return out;
}

/** Gives the patches read from `doc` its output errors (items of a List: the first one, unconditionally). */
function attachOutputErrors(doc: ParsedDocument, file: string, patches: PatchDoc[]): void {
  const conditional = conditionalErrorsOf(doc, file);
  const o = doc.outputError;
  const otherwise = o ? new BuildError(o.code, o.message, { file, range: o.range }) : undefined;
  // A collection used as a key (the one error with a key condition).
  const key = conditional.find((c) => c.whileKey !== undefined);
  const walk = key
    ? new BuildError(
        'patch/failed',
        'wrong node kind: expected ScalarNode but got MappingNode (a collection used as a mapping key)',
        { file, range: key.error.range },
      )
    : undefined;
  if (conditional.length === 0 && !otherwise) return;
  for (const p of patches) {
    p.outputErrors =
      p.data === doc.value
        ? { conditional, otherwise, walk }
        : { conditional: [], otherwise: conditional[0]?.error ?? otherwise, walk };
  }
}

/** Parses a JSON 6902 patch (`undefined` ops for a null document). Throws an Error with Go's message. */
export function parseJsonPatch(patchText: string, file: string): JsonPatchOp[] | undefined {
  if (patchText === '') throw new Error('empty json patch operations');
  let value: unknown;
  if (patchText[0] === '[') {
    value = JSON.parse(patchText);
  } else {
    const s = parseYamlStream(patchText, { file, mode: 'yaml11' });
    const first = s.documents[0];
    const firstErr = s.errors[0];
    if (firstErr && (!first || (firstErr.range && first.range.start.offset > firstErr.range.start.offset))) {
      throw new Error(`yaml: ${firstErr.message}`);
    }
    value = first && first.index === 0 ? first.value : null;
  }
  if (value === null) return undefined;
  if (!Array.isArray(value)) throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  for (const op of value) {
    if (op !== null && !isMap(op))
      throw new Error('json: cannot unmarshal value into Go value of type jsonpatch.Operation');
  }
  return value as JsonPatchOp[];
}
