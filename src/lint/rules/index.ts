/**
 * The rule registry: every rule module, in documentation order. Schema rules run over objects (`validate`);
 * Flux and kustomize lint rules (issue 6) join as their own lists with their own context.
 */
import type { ObjectRule } from '../../validate/context.js';
import type { RuleMeta } from '../types.js';
import { schemaDeprecatedApi } from './schema/deprecated-api.js';
import { schemaInvalid } from './schema/invalid.js';
import { schemaUnknownKind } from './schema/unknown-kind.js';

export { schemaDeprecatedApi, schemaInvalid, schemaUnknownKind };

/** The rules `validate()` runs over objects. */
export const objectRules: readonly ObjectRule[] = [schemaInvalid, schemaUnknownKind, schemaDeprecatedApi];

/** The meta of every rule (for docs, presets and the CLI). */
export const ruleMetas: readonly RuleMeta[] = [...objectRules.map((r) => r.meta)];

/** The recommended preset: every rule with `recommended`, at its default severity. */
export function recommendedSettings(): Record<string, RuleMeta['defaultSeverity']> {
  const out: Record<string, RuleMeta['defaultSeverity']> = {};
  for (const m of ruleMetas) if (m.recommended) out[m.id] = m.defaultSeverity;
  return out;
}
