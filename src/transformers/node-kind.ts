/** kyaml's node-kind error (`wrong node kind: expected X but got Y: node contents:\n<yaml>`), shared by transformers. */
import { emitDocument } from '../yaml/emit.js';
import { isMap, type YamlValue } from '../yaml/values.js';

/** The kyaml node kind of a value. */
export function nodeKind(v: YamlValue): 'MappingNode' | 'SequenceNode' | 'ScalarNode' {
  return Array.isArray(v) ? 'SequenceNode' : isMap(v) ? 'MappingNode' : 'ScalarNode';
}

/** kyaml's InvalidNodeKindError for value `v` where a node of kind `expected` was needed. */
export function wrongNodeKind(expected: 'MappingNode' | 'SequenceNode' | 'ScalarNode', v: YamlValue): Error {
  let contents = '';
  try {
    contents = emitDocument(v);
  } catch {
    contents = '';
  }
  return new Error(`wrong node kind: expected ${expected} but got ${nodeKind(v)}: node contents:\n${contents}`);
}
