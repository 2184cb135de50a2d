/**
 * Go text functions kustomize's behaviour depends on: strings.TrimSpace, strconv.Quote (`%q`), and `%#v`
 * of the value go-yaml v3 decodes a YAML node into (what kustomize prints when a collection is used as a
 * mapping key: `yaml: invalid map key: []interface {}{"a", "b"}`).
 */
import { isAstMap, isAstSeq, type AstNode } from './ast.js';
import { goFormatFloatG, resolveScalar, type TypedScalar } from './scalars.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const ESCAPES: Readonly<Record<number, string>> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' };

const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE_START = new RegExp(`^[${GO_SPACE}]+`);
const GO_SPACE_END = new RegExp(`[${GO_SPACE}]+$`);

/** Go's strings.TrimSpace (unicode.IsSpace: ASCII blanks, NEL, NBSP and the Z categories; a BOM stays). */
export function goTrimSpace(s: string): string {
  return s.replace(GO_SPACE_START, '').replace(GO_SPACE_END, '');
}

/** Go's strconv.Quote (`%q`). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const esc = ESCAPES[c];
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (esc !== undefined) out += '\\' + esc;
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** `%#v` of a decoded scalar inside an `interface{}` container. */
function scalarText(s: TypedScalar): string {
  switch (s.tag) {
    case 'null':
      return 'interface {}(nil)';
    case 'bool':
      return String(s.value);
    case 'int': {
      // go-yaml decodes an int past int64 into a uint64, which `%#v` prints in hex.
      const big = BigInt(s.value);
      return big > 9223372036854775807n ? '0x' + big.toString(16) : big.toString();
    }
    case 'float':
      return goFormatFloatG(s.value);
    default:
      return goQuote(s.value);
  }
}

function scalarOf(node: AstNode & { kind: 'scalar' }): TypedScalar {
  const tag = node.tag === '!' ? undefined : node.tag;
  if (tag === undefined && node.style === 'plain') {
    return resolveScalar(node.value, 'kyaml') ?? { tag: 'str', value: node.value };
  }
  const t = tag?.startsWith('!!') ? tag.slice(2) : undefined;
  if (t === 'int' || t === 'float' || t === 'bool' || t === 'null') {
    return resolveScalar(node.value, 'kyaml', t) ?? { tag: 'str', value: node.value };
  }
  return { tag: 'str', value: node.value };
}

function deref(n: AstNode): AstNode {
  return n.kind === 'alias' ? n.target : n;
}

const TYPE_RANK: Readonly<Record<TypedScalar['tag'], number>> = {
  str: 0,
  int: 1,
  float: 2,
  bool: 3,
  null: 4,
  timestamp: 5,
};

/** A map key's place in fmt's sorted order: its type, then its value. */
function sortKey(k: AstNode): [number, string | number | bigint | boolean] {
  if (k.kind !== 'scalar') return [6, ''];
  const s = scalarOf(k);
  return [TYPE_RANK[s.tag], s.value ?? ''];
}

function compareKeys(a: [number, unknown], b: [number, unknown]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const [x, y] = [a[1] as string, b[1] as string];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `%#v` of the value of a node (aliases followed), as go-yaml v3 decodes it into `interface{}`. */
export function goSharpV(node: AstNode, depth = 0): string {
  if (depth > 100) return '...';
  if (node.kind === 'alias') return goSharpV(node.target, depth + 1);
  if (node.kind === 'scalar') return scalarText(scalarOf(node));
  if (isAstSeq(node)) return `[]interface {}{${node.items.map((n) => goSharpV(n, depth + 1)).join(', ')}}`;
  if (!isAstMap(node)) return '';
  const keys = node.items.map((p) => deref(p.key));
  const stringKeys = keys.every((k) => k.kind === 'scalar' && scalarOf(k).tag === 'str');
  // fmt sorts map keys; keys of different types by their type (an address in Go: here strings first).
  const entries = node.items
    .map((p, i) => ({
      order: sortKey(keys[i] as AstNode),
      text: `${goSharpV(p.key, depth + 1)}:${goSharpV(p.value, depth + 1)}`,
    }))
    .sort((a, b) => compareKeys(a.order, b.order))
    .map((e) => e.text);
  const type = stringKeys ? 'map[string]interface {}' : 'map[interface {}]interface {}';
  return `${type}{${entries.join(', ')}}`;
}
