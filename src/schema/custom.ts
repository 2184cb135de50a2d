/**
 * The `openapi:` field (spec §4.5): a builtin version id or a custom schema file replacing the builtin
 * schema for the whole build. The top kustomization sets it first; below, the first one set wins.
 */
import { BuildError } from '../diagnostics/error.js';
import type { KustTarget } from '../build/context.js';

export function setSchemaFromKustomization(kt: KustTarget, reset: boolean): void {
  const openapi = kt.kustomization.openapi;
  if (!openapi) return;
  if (!reset && kt.build.schemaSet) return;
  const version = openapi.version;
  const path = openapi.path;
  if (version !== undefined && path !== undefined) {
    throw new BuildError('kustomization/invalid-value', 'builtin version and custom schema provided, cannot use both', { file: kt.file });
  }
  if (version !== undefined && version !== 'v1.21.2') {
    throw new BuildError('kustomization/invalid-value', 'the specified OpenAPI version is not built in', { file: kt.file });
  }
  if (path !== undefined) kt.loader.read(path);
  kt.build.schemaSet = true;
}
