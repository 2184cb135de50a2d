/**
 * The YAML syntax tree our reader builds (the shape of go-yaml's `yaml.Node`): scalars with their text,
 * style and explicit tag, mappings as key/value pairs in source order, sequences, and aliases pointing
 * at their anchored node. Every node has its source offsets; {@link LineIndex} turns offsets into
 * 1-based lines and columns.
 */

export type ScalarStyleName = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface NodeBase {
  /** UTF-16 offsets of the node's source text, `[start, end)` (a collection's end is its last child's). */
  range: [number, number];
  anchor?: string;
  /** The explicit tag: `!!str` for `tag:yaml.org,2002:str`, else as resolved (`!custom`, `!`). */
  tag?: string;
}

export interface AstScalar extends NodeBase {
  kind: 'scalar';
  /** The scalar's content after quoting, escapes, folding and chomping. */
  value: string;
  style: ScalarStyleName;
}

export interface AstPair {
  key: AstNode;
  value: AstNode;
}

export interface AstMap extends NodeBase {
  kind: 'map';
  items: AstPair[];
  flow: boolean;
}

export interface AstSeq extends NodeBase {
  kind: 'seq';
  items: AstNode[];
  flow: boolean;
}

export interface AstAlias extends NodeBase {
  kind: 'alias';
  /** The anchor name. */
  name: string;
  /** The node the anchor was on (possibly an ancestor: go-yaml allows the cycle; readers refuse it). */
  target: AstNode;
}

export type AstNode = AstScalar | AstMap | AstSeq | AstAlias;

export function isAstMap(n: unknown): n is AstMap {
  return (n as AstNode | null)?.kind === 'map';
}
export function isAstSeq(n: unknown): n is AstSeq {
  return (n as AstNode | null)?.kind === 'seq';
}
export function isAstScalar(n: unknown): n is AstScalar {
  return (n as AstNode | null)?.kind === 'scalar';
}
export function isAstAlias(n: unknown): n is AstAlias {
  return (n as AstNode | null)?.kind === 'alias';
}

/** The pair of `map` whose key is the scalar `key`. */
export function astMapGet(map: AstMap, key: string): AstPair | undefined {
  return map.items.find((p) => isAstScalar(p.key) && p.key.value === key);
}

/** Offsets → 1-based line and column (columns count UTF-16 code units). */
export class LineIndex {
  /** Offsets where each line starts. */
  readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  linePos(offset: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
  }
}
