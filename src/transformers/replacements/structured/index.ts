/**
 * structured: replacement targets inside JSON or YAML held in a string field (kustomize v5.8.0+,
 * kubernetes-sigs/kustomize#5679). `writeStructured` is kustomize's setValueInStructuredData: the first
 * prefix of the field path that is a scalar parsing as YAML holds the data; the rest of the path is
 * matched in it (creating when asked), the matches take the value, and the data is written back — as
 * Go's JSON when the text starts with `{` or `[` (indented when the text was), else as YAML through
 * go-yaml v3's encoder. When that fails kustomize falls back to its ordinary matcher, which also descends
 * into such scalars but edits a parsed copy (`matchInScalarCopy`).
 */
import type { YamlValue } from '../../../yaml/values.js';
import { isMap } from '../../../yaml/values.js';
import { resolvePlainScalar } from '../../../yaml/scalars.js';
import { scalarText } from '../../node-kind.js';
import { lookupSlot } from '../field-path.js';
import { encodeNode } from './emit.js';
import { JsonWriteError, toJsonText } from './json.js';
import { matchNodes, setScalarMatcher, type V3CreateKind } from './match.js';
import { parseNode, v3Node, type V3Node } from './node.js';
import { goTrimSpace } from '../../../yaml/go-text.js';

export { v3WrongKind } from './match.js';

/** The replacement value: a scalar's text, or a map / list (written as block YAML). */
export type StructuredValue = { kind: 'scalar'; text: string } | { kind: 'map' | 'seq'; node: YamlValue };

/** A scalar's text as kyaml holds it (null as `null`). */
function textOf(v: YamlValue): string {
  return v === null ? 'null' : scalarText(v);
}

/** A value tree as a node (block style; scalars tagged as their text resolves). */
function toNode(v: YamlValue): V3Node {
  if (Array.isArray(v)) return v3Node('sequence', { tag: '!!seq', content: v.map(toNode) });
  if (isMap(v)) {
    const content: V3Node[] = [];
    for (const [k, x] of Object.entries(v)) content.push(v3Node('scalar', { tag: '!!str', value: k }), toNode(x));
    return v3Node('mapping', { tag: '!!map', content });
  }
  if (v === null) return v3Node('scalar', { tag: '!!null', value: 'null' });
  const tag =
    typeof v === 'string'
      ? '!!str'
      : typeof v === 'boolean'
        ? '!!bool'
        : Number.isInteger(v) || typeof v === 'bigint'
          ? '!!int'
          : '!!float';
  return v3Node('scalar', { tag, value: textOf(v) });
}

function createKind(value: StructuredValue): V3CreateKind {
  return value.kind === 'scalar' ? 'scalar' : value.kind === 'map' ? 'mapping' : 'sequence';
}

function setNode(target: V3Node, value: StructuredValue): void {
  if (target.kind === 'scalar') {
    target.value = value.kind === 'scalar' ? value.text : '';
    return;
  }
  const src = value.kind === 'scalar' ? v3Node('scalar', { value: value.text }) : toNode(value.node);
  Object.assign(target, src);
}

/** serializeStructuredData: JSON when the text starts with `{` or `[`, else trimmed YAML. Undefined on failure. */
function serialize(doc: V3Node, original: string): string | undefined {
  const first = goTrimSpace(original)[0];
  try {
    if (first === '{' || first === '[') return toJsonText(doc, original);
    return goTrimSpace(encodeNode(doc));
  } catch (err) {
    if (err instanceof JsonWriteError) return undefined;
    throw err;
  }
}

/**
 * setValueInStructuredData: writes `value` at `parts` when a proper prefix of it is a scalar holding
 * structured data. Returns false when kustomize would fall back to its ordinary matcher.
 */
export function writeStructured(
  root: YamlValue,
  parts: readonly string[],
  value: StructuredValue,
  create: boolean,
): boolean {
  if (parts.length < 2) return false;
  for (let i = 1; i < parts.length; i++) {
    let slot;
    try {
      slot = lookupSlot(root, parts.slice(0, i));
    } catch {
      continue;
    }
    if (slot === undefined || (slot.value !== null && typeof slot.value === 'object')) continue;
    const original = textOf(slot.value);
    const parsed = parseNode(original);
    if (!parsed.ok) continue;
    const doc = parsed.node;
    let matches: V3Node[];
    try {
      const top = doc.kind === 'document' && doc.content[0] ? doc.content[0] : doc;
      matches = matchNodes(top, parts.slice(i), create ? createKind(value) : undefined);
    } catch {
      return false;
    }
    if (matches.length === 0) return false;
    for (const m of matches) setNode(m, value);
    const text = serialize(doc, original);
    if (text === undefined || slot.parent === undefined) return false;
    // Only the node's text changes: a field that was not a string keeps its type.
    const next = typeof slot.value === 'string' ? text : resolvePlainScalar(text, 'kyaml');
    if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = next;
    else slot.parent[slot.key as string] = next;
    return true;
  }
  return false;
}

/** A node matched in a parsed copy: what the matcher reports about it. */
export interface CopyMatch {
  /** The node as a value (scalars as their text; collections empty). */
  value: YamlValue;
}

/**
 * handleStructuredDataInScalar: the rest of the path matched inside the data a scalar holds, in a copy.
 * Throws the YAML error when the text does not parse, or kyaml's matcher errors.
 */
export function matchInScalarCopy(
  scalar: YamlValue,
  rest: readonly string[],
  create: StructuredValue['kind'] | undefined,
): CopyMatch[] {
  const kind: V3CreateKind | undefined =
    create === undefined ? undefined : create === 'scalar' ? 'scalar' : create === 'map' ? 'mapping' : 'sequence';
  return matchParsed(textOf(scalar), rest, kind).map((n) => ({
    value: n.kind === 'scalar' ? n.value : n.kind === 'sequence' ? [] : {},
  }));
}

function matchParsed(text: string, rest: readonly string[], create: V3CreateKind | undefined): V3Node[] {
  const parsed = parseNode(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchNodes(parsed.node, rest, create);
}

setScalarMatcher((field, rest, create) => matchParsed(field.value, rest, create));
