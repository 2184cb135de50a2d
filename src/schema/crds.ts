/**
 * The `crds:` field (spec §4.6): OpenAPI definitions of custom types turned into transformer config.
 */
import type { KustTarget } from '../build/context.js';
import type { TransformerConfig } from '../fieldspecs/types.js';

export function loadCrdConfig(kt: KustTarget, files: readonly string[]): Partial<TransformerConfig> {
  for (const f of files) kt.loader.read(f);
  return {};
}
