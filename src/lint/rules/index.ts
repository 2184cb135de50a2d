/**
 * The rule registry: every rule module, listed once, in documentation order. Schema rules run over objects
 * (`validate`); lint rules run over the rendered repository (`lint`: clusters, their Flux Kustomization
 * graph, standalone builds, the files). Presets and the `RuleId` union are generated from `meta`.
 */
import type { ObjectRule } from '../types.js';
import type { LintRule } from '../context.js';
import type { RuleMeta, RuleSetting } from '../types.js';
import { schemaDeprecatedApi } from './schema/deprecated-api.js';
import { schemaInvalid } from './schema/invalid.js';
import { schemaUnknownKind } from './schema/unknown-kind.js';
import { fluxPruneDisabled } from './flux/prune-disabled.js';
import { fluxMissingDependsOn } from './flux/missing-depends-on.js';
import { fluxMissingDependsOnHelm } from './flux/missing-depends-on-helm.js';
import { fluxUnknownDependency } from './flux/unknown-dependency.js';
import { fluxDependencyCycle } from './flux/dependency-cycle.js';
import { fluxNoHealthChecks } from './flux/no-health-checks.js';
import { fluxHealthChecksIgnored } from './flux/health-checks-ignored.js';
import { fluxHealthCheckNotRendered } from './flux/health-check-not-rendered.js';
import { fluxPathNotFound } from './flux/path-not-found.js';
import { fluxUnknownSource } from './flux/unknown-source.js';
import { fluxSourceNotMapped } from './flux/source-not-mapped.js';
import { fluxResourceConflict } from './flux/resource-conflict.js';
import { fluxSharedNamespace } from './flux/shared-namespace.js';
import { fluxMissingNamespace } from './flux/missing-namespace.js';
import { fluxUnresolvedSubstitution } from './flux/unresolved-substitution.js';
import { fluxSopsWithoutDecryption } from './flux/sops-without-decryption.js';
import { fluxDeprecatedApi } from './flux/deprecated-api.js';
import { fluxRenderFailed } from './flux/render-failed.js';
import { fluxRenderWarning } from './flux/render-warning.js';
import { kustomizeBuildError } from './kustomize/build-error.js';
import { kustomizeDeprecatedField } from './kustomize/deprecated-field.js';
import { kustomizePatchNoMatch } from './kustomize/patch-no-match.js';
import { kustomizeDuplicatedManifest } from './kustomize/duplicated-manifest.js';
import { imageMutableTag } from './image/mutable-tag.js';
import { sourceProductionTracksBranch } from './source/production-tracks-branch.js';

/** The rules `validate()` runs over objects. */
export const objectRules = [
  schemaInvalid,
  schemaUnknownKind,
  schemaDeprecatedApi,
] as const satisfies readonly ObjectRule[];

/** The rules `lint()` runs over the rendered repository (the schema rules run too, through `validate`). */
export const lintRules = [
  fluxPruneDisabled,
  fluxMissingDependsOn,
  fluxMissingDependsOnHelm,
  fluxUnknownDependency,
  fluxDependencyCycle,
  fluxNoHealthChecks,
  fluxHealthChecksIgnored,
  fluxHealthCheckNotRendered,
  fluxPathNotFound,
  fluxUnknownSource,
  fluxSourceNotMapped,
  fluxResourceConflict,
  fluxSharedNamespace,
  fluxMissingNamespace,
  fluxUnresolvedSubstitution,
  fluxSopsWithoutDecryption,
  fluxDeprecatedApi,
  fluxRenderFailed,
  fluxRenderWarning,
  kustomizeBuildError,
  kustomizeDeprecatedField,
  kustomizePatchNoMatch,
  kustomizeDuplicatedManifest,
  imageMutableTag,
  sourceProductionTracksBranch,
] as const satisfies readonly LintRule[];

/**
 * Every rule id, a string-literal union (`'schema/invalid'`, `'flux/prune-disabled'`, ...; every rule is listed in
 * the Rules table of docs/lint.md): the codes of lint findings, a namespace apart from the engine's `DiagnosticCode`.
 */
export type RuleId = (typeof objectRules)[number]['meta']['id'] | (typeof lintRules)[number]['meta']['id'];

/**
 * Per-rule settings by rule id: `off` or a severity (`{ 'flux/prune-disabled': 'error' }`). The keys are the
 * `RuleId` union, so editors complete them; rules not listed keep their default severity.
 */
export type RuleSettings = Readonly<Partial<Record<RuleId, RuleSetting>>>;

/** The meta of every rule (for docs, presets and the CLI). */
export const ruleMetas: readonly RuleMeta<string, RuleId>[] = [
  ...objectRules.map((r): RuleMeta<string, RuleId> => r.meta),
  ...lintRules.map((r): RuleMeta<string, RuleId> => r.meta),
];

/**
 * Settings that turn the rules outside the recommended preset off (they run only when configured), merged
 * with `settings`.
 */
export function withDefaults(
  settings: Readonly<Record<string, RuleMeta['defaultSeverity'] | 'off'>> = {},
): Record<string, RuleMeta['defaultSeverity'] | 'off'> {
  const out: Record<string, RuleMeta['defaultSeverity'] | 'off'> = {};
  for (const m of ruleMetas) if (!m.recommended) out[m.id] = 'off';
  return { ...out, ...settings };
}

/** The recommended preset: every rule with `recommended`, at its default severity. */
export function recommendedSettings(): Record<string, RuleMeta['defaultSeverity']> {
  const out: Record<string, RuleMeta['defaultSeverity']> = {};
  for (const m of ruleMetas) if (m.recommended) out[m.id] = m.defaultSeverity;
  return out;
}

/** The strict preset: every rule on, infos raised to warnings. */
export function strictSettings(): Record<string, RuleMeta['defaultSeverity']> {
  const out: Record<string, RuleMeta['defaultSeverity']> = {};
  for (const m of ruleMetas) out[m.id] = m.defaultSeverity === 'info' ? 'warning' : m.defaultSeverity;
  return out;
}
