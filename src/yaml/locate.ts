/**
 * Mapping a path inside a parsed document back to its source range: used for diagnostics on kustomization
 * fields and, by the linter, for fields of rendered objects.
 */
import type { Range } from '../diagnostics/diagnostic.js';
import type { AstNode, AstPair, LineIndex } from './ast.js';
import { toRange } from './parse.js';
import { pointerSegments } from './pointer.js';

function keyMatches(key: AstNode, name: string, caseInsensitive: boolean): boolean {
  const k = key.kind === 'alias' ? key.target : key;
  if (k.kind !== 'scalar') return false;
  return caseInsensitive ? k.value.toLowerCase() === name.toLowerCase() : k.value === name;
}

function rangeOf(n: AstNode | undefined, lc: LineIndex): Range | undefined {
  return n ? toRange(lc, n.range[0], n.range[1]) : undefined;
}

function findPair(node: AstNode, seg: string, caseInsensitive: boolean): AstPair | undefined {
  return node.kind === 'map' ? node.items.find((p) => keyMatches(p.key, seg, caseInsensitive)) : undefined;
}

/**
 * The range of the key (for the last path element) or value at `path` (map keys and sequence indexes
 * as strings). Returns the deepest range found when the path does not exist completely.
 */
export function locateKey(
  root: AstNode | null | undefined,
  path: readonly string[],
  lc: LineIndex,
  caseInsensitive = false,
): Range | undefined {
  if (!root) return undefined;
  let node: AstNode = root;
  let best = rangeOf(node, lc);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    if (node.kind === 'map') {
      const pair = findPair(node, seg, caseInsensitive);
      if (!pair) return best;
      const last = i === path.length - 1;
      best = rangeOf(last ? pair.key : pair.value, lc) ?? best;
      node = pair.value;
    } else if (node.kind === 'seq') {
      const idx = Number(seg);
      const item = Number.isInteger(idx) ? node.items[idx] : undefined;
      if (item === undefined) return best;
      best = rangeOf(item, lc) ?? best;
      node = item;
    } else return best;
  }
  return best;
}

/** True when every key and index of `path` exists in the document (aliases are not followed). */
export function hasKeyPath(root: AstNode | null | undefined, path: readonly string[]): boolean {
  let node: AstNode | undefined = root ?? undefined;
  for (const seg of path) {
    if (node?.kind === 'map') node = findPair(node, seg, false)?.value;
    else if (node?.kind === 'seq') node = node.items[Number(seg)];
    else return false;
  }
  return node !== undefined;
}

/** The range of the value at a JSON pointer (`/spec/replicas`) inside a document node. */
export function locatePointer(root: AstNode | null | undefined, pointer: string, lc: LineIndex): Range | undefined {
  if (!root) return undefined;
  const path = pointerSegments(pointer);
  let node: AstNode = root;
  let best: Range | undefined;
  for (const seg of path) {
    best = rangeOf(node, lc);
    if (node.kind === 'map') {
      const pair = findPair(node, seg, false);
      if (!pair) return best;
      node = pair.value;
      best = rangeOf(pair.key, lc);
    } else if (node.kind === 'seq') {
      const item = node.items[Number(seg)];
      if (item === undefined) return best;
      node = item;
    } else return best;
  }
  return rangeOf(node, lc) ?? best;
}
