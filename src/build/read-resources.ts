/**
 * Turning a YAML stream into resources (spec §3.1): every document must be a mapping with a kind and,
 * unless it is a `...List`, a name; `...List` documents with `items` are flattened recursively; empty
 * documents are skipped.
 */
import { BuildError } from '../diagnostics/error.js';
import { parseYamlStream, type ParsedDocument } from '../yaml/parse.js';
import { cloneValue } from '../yaml/values.js';
import type { BuildCache } from './cache.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';
import { Resource } from '../resources/resource.js';
import type { Origin } from '../resources/origin.js';
import type { ScopeResolver } from '../resources/res-id.js';

function describe(v: YamlMap): string {
  const meta = getField(v, 'metadata');
  const name = isMap(meta) ? getField(meta, 'name') : undefined;
  return `{{${String(getField(v, 'apiVersion') ?? '')} ${String(getField(v, 'kind') ?? '')}} {{${name === undefined ? '' : String(name)} }}}`;
}

function toResources(v: YamlValue, origin: Origin, scope: ScopeResolver, out: Resource[]): void {
  if (!isMap(v)) {
    throw new BuildError('resource/invalid', 'missing Resource metadata', { file: origin.file, range: origin.range });
  }
  const kind = getField(v, 'kind');
  if (kind === undefined || kind === null || kind === '') {
    throw new BuildError('resource/invalid', `missing kind in object ${describe(v)}`, { file: origin.file, range: origin.range });
  }
  const kindStr = String(kind);
  if (kindStr.endsWith('List') && Object.prototype.hasOwnProperty.call(v, 'items')) {
    const items = getField(v, 'items');
    if (items === null || items === undefined) return;
    if (!Array.isArray(items)) {
      throw new BuildError('resource/invalid', `items in ${kindStr} is not a list`, { file: origin.file, range: origin.range });
    }
    for (const item of items) toResources(item, origin, scope, out);
    return;
  }
  const meta = getField(v, 'metadata');
  const name = isMap(meta) ? getField(meta, 'name') : undefined;
  if (!kindStr.endsWith('List') && (name === undefined || name === null || name === '')) {
    throw new BuildError('resource/invalid', `missing metadata.name in object ${describe(v)}`, {
      file: origin.file,
      range: origin.range,
    });
  }
  out.push(new Resource(v, origin, scope));
}

function originOf(file: string, doc: ParsedDocument, lineCounter: import('yaml').LineCounter, extra: Partial<Origin>): Origin {
  return { ...extra, file, range: doc.range, documentIndex: doc.index, node: doc.node, lineCounter };
}

/**
 * Parses resource text. `file` is the absolute path (for positions). Throws BuildError on malformed YAML
 * (code `yaml/syntax`) or a document that is not a resource.
 */
export function resourcesFromText(
  text: string,
  file: string,
  scope: ScopeResolver,
  extra: Partial<Origin> = {},
  cache?: BuildCache,
): Resource[] {
  const stream = cache ? cache.parse(file, text, 'kyaml', () => parseYamlStream(text, { file })) : parseYamlStream(text, { file });
  const err = stream.errors[0];
  if (err) {
    const e = new BuildError(err.code, `MalformedYAMLError: ${err.message} in File: ${file}`, { file, range: err.range });
    throw e;
  }
  const out: Resource[] = [];
  for (const doc of stream.documents) {
    // A cached parse is shared between builds: transformers must get their own copy.
    toResources(cache ? cloneValue(doc.value) : doc.value, originOf(file, doc, stream.lineCounter, extra), scope, out);
  }
  return out;
}
