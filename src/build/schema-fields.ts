/**
 * The `openapi:` and `crds:` fields of a kustomization: the schema in force for the build (spec §4.5) and
 * the transformer config CRD files add (spec §4.6). The schema module parses and holds; this applies.
 */
import { BuildError } from '../diagnostics/error.js';
import { emptyTransformerConfig, mergeTransformerConfig } from '../fieldspecs/config.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import { configFromCrdDefinitions, parseCrdFile, type ApiMap } from '../schema/crds.js';
import { parseCustomSchema } from '../schema/custom.js';
import { BuildSchema, type CustomSchema } from '../schema/state.js';
import type { BuildTarget } from './context.js';

/** kustomize's `openapi.SetSchema` for one kustomization (`reset` at the top level). */
export function setSchemaFromKustomization(kt: BuildTarget, reset: boolean): void {
  const build = kt.build;
  const schema = !reset && build.schema instanceof BuildSchema ? build.schema : new BuildSchema();
  build.schema = schema;
  const field = kt.kustomization.openapi ?? {};
  let custom: CustomSchema | undefined;
  if (Object.prototype.hasOwnProperty.call(field, 'path')) {
    const { path, text } = kt.loader.readText(field.path ?? '');
    custom = parseCustomSchema(text, path);
  }
  const state = schema.state;
  const wasSet = state.isSet;
  state.set(field, custom, reset, { file: kt.file });
  const nowSet: boolean = state.isSet;
  build.schemaSet = nowSet;
  // A sub-kustomization that changed the schema: a new view on the same state (see BuildSchema).
  if (!reset && !wasSet && nowSet) build.schema = new BuildSchema(state);
}

/** The `crds:` field of a kustomization, as transformer config. Throws BuildError. */
export function loadCrdConfig(kt: BuildTarget, files: readonly string[]): Partial<TransformerConfig> {
  let config = emptyTransformerConfig();
  const prefix = `loading CRDs [${files.join(' ')}]: `;
  for (const f of files) {
    let loaded: { path: string; text: string };
    try {
      loaded = kt.loader.readText(f);
    } catch (err) {
      if (err instanceof BuildError) throw err.wrap(prefix);
      throw err;
    }
    let m: ApiMap;
    try {
      m = parseCrdFile(loaded.text, loaded.path);
    } catch (err) {
      throw new BuildError(
        'kustomization/invalid-value',
        `${prefix}unable to parse open API definition from '${f}': ${(err as Error).message}`,
        {
          file: loaded.path,
        },
      );
    }
    config = mergeTransformerConfig(config, configFromCrdDefinitions(m));
  }
  return config;
}
