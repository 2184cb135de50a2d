/**
 * The `openapi:` field (spec §4.5): a builtin version id or a custom schema file replacing the builtin
 * schema for the whole build. The top kustomization sets it first (reset); below, the first one set wins.
 * A custom schema set below the top after the schema was already consulted adds to the builtin one (kyaml's
 * global schema is never cleared), see state.ts.
 */
import { BuildError } from '../diagnostics/error.js';
import { parseYamlStream } from '../yaml/parse.js';
import { normalizeSwagger } from './normalize.js';
import type { CustomSchema } from './state.js';

/** Parses a custom schema file (JSON, or YAML converted to JSON as kyaml does). */
export function parseCustomSchema(text: string, file: string): CustomSchema {
  try {
    let doc: unknown;
    if (text.length > 0 && text[0] === '{') {
      doc = JSON.parse(text);
    } else {
      const stream = parseYamlStream(text, { file, mode: 'yaml11' });
      const err = stream.errors[0];
      if (err) throw new Error(`yaml: ${err.message}`);
      doc = stream.documents[0]?.value ?? null;
    }
    return { ok: true, swagger: normalizeSwagger(doc, true), file };
  } catch (err) {
    return {
      ok: false,
      error: new BuildError('kustomization/invalid-value', `invalid schema file: ${(err as Error).message}`, { file }),
    };
  }
}
