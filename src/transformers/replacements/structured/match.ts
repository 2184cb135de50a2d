/**
 * kyaml's PathMatcher (v0.21) over go-yaml v3 nodes: the target matcher kustomize v5.8.0+ runs inside
 * structured data (`[k=v]` as an unanchored Go regexp over the element's YAML, `*`, indexes, optional
 * creation of missing fields and elements). Matches are the nodes themselves: writing to one edits the
 * tree it was found in.
 */
import { compileGoRegexp } from '../../../selector/regex.js';
import { encodeNode } from './emit.js';
import { isMissingOrNull, v3Node, type V3Kind, type V3Node } from './node.js';

/** What a created node becomes at the end of the path (the source value's kind). */
export type V3CreateKind = 'scalar' | 'mapping' | 'sequence';

const KIND_NAMES: Partial<Record<V3Kind, string>> = {
  sequence: 'SequenceNode',
  mapping: 'MappingNode',
  scalar: 'ScalarNode',
  document: 'DocumentNode',
  alias: 'AliasNode',
};

/** kyaml's InvalidNodeKindError. */
export function v3WrongKind(expected: 'MappingNode' | 'SequenceNode', n: V3Node): Error {
  let contents = '';
  try {
    contents = `: node contents:\n${encodeNode(n)}`;
  } catch {
    contents = '';
  }
  return new Error(`wrong node kind: expected ${expected} but got ${KIND_NAMES[n.kind] ?? ''}${contents}`);
}

function atoi(s: string): number | undefined {
  if (!/^[-+]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

const isListIndex = (p: string): boolean => p.startsWith('[') && p.endsWith(']');
const isIdxNumber = (p: string): boolean => (atoi(p) ?? -1) >= 0;

function splitIndexNameValue(p: string): { name: string; value: string } {
  const elem = p.replace(/\]$/, '').replace(/^\[/, '');
  const eq = elem.indexOf('=');
  if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
  return { name: elem.slice(0, eq), value: elem.slice(eq + 1) };
}

function pathPartKind(next: string, create: V3CreateKind): V3CreateKind {
  if (isListIndex(next) || isIdxNumber(next)) return 'sequence';
  if (next === '') return create;
  return 'mapping';
}

/** RNode.Pipe's view of a node: a document stands for its content. */
function piped(n: V3Node): V3Node {
  return n.kind === 'document' && n.content[0] ? n.content[0] : n;
}

/** FieldMatcher: the value of `name` (the last such key), undefined when missing or the node is null. */
export function getField(rn: V3Node, name: string): V3Node | undefined {
  const n = piped(rn);
  if (isMissingOrNull(n)) return undefined;
  if (n.kind !== 'mapping') throw v3WrongKind('MappingNode', n);
  let found: V3Node | undefined;
  for (let i = 0; i + 1 < n.content.length; i += 2)
    if ((n.content[i] as V3Node).value === name) found = n.content[i + 1];
  return found;
}

/** RNode.Elements(): the items of a sequence (none for a null node). */
function elements(n: V3Node): V3Node[] {
  if (isMissingOrNull(n)) return n.content;
  if (n.kind !== 'sequence') throw v3WrongKind('SequenceNode', n);
  return n.content;
}

function text(n: V3Node): string {
  try {
    return encodeNode(n).trim();
  } catch {
    return '';
  }
}

/** Runs kyaml's PathMatcher over `rn`: the matched nodes (empty when nothing matched). Throws kyaml's errors. */
export function matchNodes(rn: V3Node, path: readonly string[], create: V3CreateKind | undefined): V3Node[] {
  if (path.length === 0) return [rn];
  const part = path[0] as string;
  const rest = path.slice(1);
  if (isIdxNumber(part)) return doIndexSeq(rn, Number(part), rest, create);
  if (isListIndex(part)) return doSeq(rn, part, rest, create);
  if (part === '*') return elements(rn).flatMap((el) => matchNodes(el, rest, create));
  return doField(rn, part, rest, create);
}

function doField(rn: V3Node, name: string, rest: readonly string[], create: V3CreateKind | undefined): V3Node[] {
  let field = getField(rn, name);
  if (field === undefined) {
    if (!create) return [];
    field = v3Node(pathPartKind(rest[0] ?? '', create));
    // FieldSetter on the node (a null node gets the pair appended to its content, which changes nothing).
    piped(rn).content.push(v3Node('scalar', { value: name }), field);
  }
  if (field.kind === 'scalar' && rest.length > 0) return matchInScalar(field, rest, create);
  return matchNodes(field, rest, create);
}

/**
 * handleStructuredDataInScalar: the rest of the path inside the data a scalar holds — matched in a copy
 * parsed from its text, so writing to the matches leaves the scalar unchanged. Set by the caller, because
 * parsing lives in node.ts.
 */
let matchInScalar: (field: V3Node, rest: readonly string[], create: V3CreateKind | undefined) => V3Node[] = () => [];

/** Installs the parser used for scalars met on the way (avoids a module cycle). */
export function setScalarMatcher(fn: typeof matchInScalar): void {
  matchInScalar = fn;
}

function doIndexSeq(rn: V3Node, idx: number, rest: readonly string[], create: V3CreateKind | undefined): V3Node[] {
  const els = elements(rn);
  if (els.length === idx && create) els.push(v3Node(pathPartKind(rest[0] ?? '', create)));
  if (els.length < idx + 1) throw new Error(`index ${idx} specified but only ${els.length} elements found`);
  return matchNodes(els[idx] as V3Node, rest, create);
}

function doSeq(
  rn: V3Node,
  part: string,
  rest: readonly string[],
  create: V3CreateKind | undefined,
  retried = false,
): V3Node[] {
  const { name, value: pattern } = splitIndexNameValue(part);
  const out: V3Node[] = [];
  for (const el of elements(rn)) {
    const re = compileGoRegexp(pattern);
    if (name === '') {
      if (re.test(text(el))) out.push(el);
      continue;
    }
    const f = el.kind === 'mapping' ? getField(el, name) : undefined;
    if (f === undefined || !re.test(text(f))) continue;
    out.push(...matchNodes(el, rest, create));
  }
  if (out.length > 0 || !create || retried) return out;
  const valueNode = v3Node('scalar', { value: pattern });
  piped(rn).content.push(
    name === '' ? valueNode : v3Node('mapping', { content: [v3Node('scalar', { value: name }), valueNode] }),
  );
  return doSeq(rn, part, rest, create, true);
}
