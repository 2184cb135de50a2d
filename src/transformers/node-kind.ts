/**
 * kyaml node helpers shared by transformers that read and write fields themselves (images, replacements,
 * ValueAdd): the node-kind error as a throwable Error (its text is fieldspecs/traverse.ts's
 * wrongNodeKind) and a scalar's text.
 */
import { wrongNodeKind } from '../fieldspecs/traverse.js';
import { formatNumber } from '../yaml/emit.js';
import type { YamlValue } from '../yaml/values.js';

/** kyaml's InvalidNodeKindError for value `v` where a node of kind `expected` was needed. */
export function nodeKindError(expected: 'MappingNode' | 'SequenceNode' | 'ScalarNode', v: YamlValue): Error {
  return new Error(wrongNodeKind(expected, v));
}

/** The text of a scalar node (kyaml's `YNode().Value`), numbers as kustomize writes them; empty for maps, lists and null. */
export function scalarText(v: YamlValue | undefined): string {
  if (v === undefined || v === null || typeof v === 'object') return '';
  if (typeof v === 'number' || typeof v === 'bigint') {
    try {
      return formatNumber(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}
