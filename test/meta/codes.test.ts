/**
 * Engine diagnostic codes (`DiagnosticCode`, the renderers' and the build's facts) and lint rule ids
 * (`RuleId`, the judges' findings) are two string-literal unions with no string in common.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { diagnosticCodes, type DiagnosticCode } from '../../src/diagnostics/codes.js';
import { ruleMetas, type RuleId } from '../../src/lint/rules/index.js';
import type { KustomizeTsConfig } from '../../src/config/load.js';
import type { LintOptions } from '../../src/lint/engine.js';
import type { ValidateOptions } from '../../src/lint/validate.js';
import type { KustomizeMatchers } from '../../src/vitest/matchers.js';

describe('code namespaces', () => {
  it('no rule id is an engine code (types)', () => {
    expectTypeOf<Extract<RuleId, DiagnosticCode>>().toBeNever();
    expectTypeOf<'flux/render-failed'>().toExtend<RuleId>();
    expectTypeOf<'load/missing-file'>().toExtend<DiagnosticCode>();
  });
  it('the API takes rule ids and codes as the unions, so editors complete them (types)', () => {
    expectTypeOf<keyof NonNullable<LintOptions['rules']>>().toEqualTypeOf<RuleId>();
    expectTypeOf<keyof NonNullable<ValidateOptions['rules']>>().toEqualTypeOf<RuleId>();
    expectTypeOf<keyof NonNullable<KustomizeTsConfig['rules']>>().toEqualTypeOf<RuleId>();
    expectTypeOf<Parameters<KustomizeMatchers['toHaveDiagnostic']>[0]>().toEqualTypeOf<DiagnosticCode | RuleId>();
    expectTypeOf<'flux/prune-disabeld'>().not.toExtend<RuleId>();
  });
  it('no rule id is an engine code (values)', () => {
    const engine = new Set<string>(Object.keys(diagnosticCodes));
    expect(ruleMetas.map((m) => m.id).filter((id) => engine.has(id))).toEqual([]);
  });
  it('every code a rule judges is an engine code', () => {
    for (const m of ruleMetas) for (const code of m.judges ?? []) expect(code in diagnosticCodes, code).toBe(true);
  });
});
