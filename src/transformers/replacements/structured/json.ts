/**
 * The JSON half of kustomize's serializeStructuredData: the node tree decoded as go-yaml v3 decodes it
 * into `interface{}` (tags honoured, maps with non-string keys refused by encoding/json, duplicate keys
 * refused by the decoder, aliases expanded), then written by Go's json.Marshal or MarshalIndent.
 */
import { goJson, goJsonIndent } from '../../../generators/go-json.js';
import { resolveScalar } from '../../../yaml/scalars.js';
import { setField, type YamlMap, type YamlValue } from '../../../yaml/values.js';
import { DOUBLE_QUOTED_STYLE, FOLDED_STYLE, LITERAL_STYLE, SINGLE_QUOTED_STYLE, type V3Node } from './node.js';

const QUOTED = SINGLE_QUOTED_STYLE | DOUBLE_QUOTED_STYLE | LITERAL_STYLE | FOLDED_STYLE;
const STANDARD = new Set(['int', 'float', 'bool', 'null', 'timestamp']);

/** Why the data cannot be written back as JSON (kustomize then leaves the field alone). */
export class JsonWriteError extends Error {}

function decodeScalar(n: V3Node): YamlValue {
  if (n.tag === '!!str' || n.tag === '!!binary' || (n.tag === '' && (n.style & QUOTED) !== 0)) return n.value;
  if (n.tag === '') {
    const r = resolveScalar(n.value, 'kyaml');
    return r ? r.value : n.value;
  }
  const name = n.tag.slice(2);
  if (!n.tag.startsWith('!!') || !STANDARD.has(name)) return n.value;
  const r = resolveScalar(n.value, 'kyaml', name as 'int' | 'float' | 'bool' | 'null' | 'timestamp');
  if (r === undefined) throw new JsonWriteError(`cannot decode \`${n.value}\` as a ${n.tag}`);
  if (typeof r.value === 'number' && !Number.isFinite(r.value))
    throw new JsonWriteError(`json: unsupported value: ${String(r.value)}`);
  return r.value;
}

function decode(n: V3Node, anchors: Map<string, V3Node>, depth: number): YamlValue {
  if (depth > 1000) throw new JsonWriteError('document nested too deeply');
  if (n.anchor) anchors.set(n.anchor, n);
  switch (n.kind) {
    case 'none':
      return null;
    case 'document':
      return n.content[0] ? decode(n.content[0], anchors, depth + 1) : null;
    case 'alias': {
      const target = anchors.get(n.value);
      if (!target) throw new JsonWriteError(`unknown anchor '${n.value}' referenced`);
      return decode(target, anchors, depth + 1);
    }
    case 'scalar':
      return decodeScalar(n);
    case 'sequence':
      return n.content.map((c) => decode(c, anchors, depth + 1));
    case 'mapping': {
      const out: YamlMap = {};
      for (let i = 0; i + 1 < n.content.length; i += 2) {
        const k = decode(n.content[i] as V3Node, anchors, depth + 1);
        if (typeof k !== 'string') throw new JsonWriteError('json: unsupported type: map[interface {}]interface {}');
        if (Object.prototype.hasOwnProperty.call(out, k))
          throw new JsonWriteError(`mapping key "${k}" already defined`);
        setField(out, k, decode(n.content[i + 1] as V3Node, anchors, depth + 1));
      }
      return out;
    }
  }
}

/** serializeAsJSON: pretty-printed when the original text had a line break and two spaces, else compact. */
export function toJsonText(doc: V3Node, original: string): string {
  const value = decode(doc, new Map(), 0);
  return original.includes('\n') && original.includes('  ') ? goJsonIndent(value, '  ') : goJson(value);
}
