/**
 * Checking rule settings (`rules` of `lint()`/`validate()`, `--rule`, the configuration file): every id a
 * known rule, every setting `off` or a severity. The API, the CLI and the configuration file share these
 * checks so that a setting like `'warn'` never reaches a report (it is not a SARIF level).
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import { closest } from '../validate/problems.js';
import { ruleMetas } from './rules/index.js';
import type { RuleSetting } from './types.js';

/** The settings a rule takes. */
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/** The severities, least serious first. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** Why a rule setting is not valid, or undefined when it is. */
export function ruleSettingProblem(id: string, setting: unknown): string | undefined {
  const known = ruleMetas.map((m) => m.id);
  if (!known.includes(id)) {
    const hint = closest(id, known);
    return `unknown rule "${id}"${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`;
  }
  if (typeof setting !== 'string' || !(RULE_SETTINGS as readonly string[]).includes(setting)) {
    const hint = typeof setting === 'string' ? closest(setting, RULE_SETTINGS) : undefined;
    return `rule ${id}: ${JSON.stringify(setting)} is not one of ${RULE_SETTINGS.join(', ')}${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`;
  }
  return undefined;
}

/** An invalid option passed to `lint()` or `validate()`. */
export class InvalidOptionError extends TypeError {}

/** Throws {@link InvalidOptionError} when a rule id or setting is not valid. */
export function checkRuleSettings(rules: Readonly<Record<string, unknown>> | undefined): void {
  for (const [id, setting] of Object.entries(rules ?? {})) {
    const problem = ruleSettingProblem(id, setting);
    if (problem !== undefined) throw new InvalidOptionError(`rules: ${problem}`);
  }
}

/** Throws {@link InvalidOptionError} when `severity` is not a severity. */
export function checkSeverity(option: string, severity: unknown): void {
  if (severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(severity))
    throw new InvalidOptionError(`${option}: ${JSON.stringify(severity)} is not one of ${SEVERITIES.join(', ')}`);
}

/** Whether a finding of `severity` is at least `min`. */
export function atLeast(severity: Severity, min: Severity | undefined): boolean {
  return min === undefined || SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);
}
