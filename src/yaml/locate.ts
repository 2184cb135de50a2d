/**
 * Mapping a path inside a parsed document back to its source range: used for diagnostics on kustomization
 * fields and, by the linter, for fields of rendered objects.
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node as YamlNode } from 'yaml';
import type { Range } from '../diagnostics/diagnostic.js';
import { toRange } from './parse.js';
import { pointerSegments } from './pointer.js';

function keyMatches(key: unknown, name: string, caseInsensitive: boolean): boolean {
  if (!isScalar(key)) return false;
  const v = String(key.value);
  return caseInsensitive ? v.toLowerCase() === name.toLowerCase() : v === name;
}

/**
 * The range of the key (for the last path element) or value at `path` (map keys and sequence indexes
 * as strings). Returns the deepest range found when the path does not exist completely.
 */
export function locateKey(
  root: YamlNode | null | undefined,
  path: readonly string[],
  lc: LineCounter,
  caseInsensitive = false,
): Range | undefined {
  let node: unknown = root;
  let best: Range | undefined;
  const rangeOf = (n: unknown): Range | undefined => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? toRange(lc, r[0], r[1]) : undefined;
  };
  best = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, seg, caseInsensitive));
      if (!pair) return best;
      const last = i === path.length - 1;
      best = rangeOf(last ? pair.key : pair.value) ?? rangeOf(pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(node)) {
      const idx = Number(seg);
      const item = Number.isInteger(idx) ? node.items[idx] : undefined;
      if (item === undefined) return best;
      best = rangeOf(item) ?? best;
      node = item;
    } else return best;
  }
  return best;
}

/** The range of the value at a JSON pointer (`/spec/replicas`) inside a document node. */
export function locatePointer(root: YamlNode | null | undefined, pointer: string, lc: LineCounter): Range | undefined {
  const path = pointerSegments(pointer);
  let node: unknown = root;
  let best: Range | undefined;
  for (const seg of path) {
    const r0 = (node as { range?: [number, number, number] } | null)?.range;
    if (r0) best = toRange(lc, r0[0], r0[1]);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, seg, false));
      if (!pair) return best;
      node = pair.value;
      const kr = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (kr) best = toRange(lc, kr[0], kr[1]);
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return best;
      node = item;
    } else return best;
  }
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? toRange(lc, r[0], r[1]) : best;
}
