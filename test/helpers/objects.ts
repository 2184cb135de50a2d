/** Objects with origins from inline YAML, for validation and lint tests. */
import { parseYamlStream } from '../../src/yaml/parse.js';
import type { ValidateObject } from '../../src/api/validate.js';
import type { YamlMap } from '../../src/yaml/values.js';

/** Removes the common leading indentation of a template literal and its first newline. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

/** Parses a YAML stream into objects whose origin is `file` (documents, AST and line counter). */
export function objectsFromYaml(text: string, file = '/repo/objects.yaml'): ValidateObject[] {
  const stream = parseYamlStream(text, { file });
  if (stream.errors.length > 0) throw new Error(stream.errors.map((e) => e.message).join('; '));
  return stream.documents
    .filter((d) => d.value !== null)
    .map((d) => ({
      object: d.value as YamlMap,
      origin: { file, range: d.range, documentIndex: d.index, node: d.node, lineCounter: stream.lineCounter },
    }));
}
