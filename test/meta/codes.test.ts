/**
 * Engine diagnostic codes (`DiagnosticCode`, the renderers' and the build's facts) and lint rule ids
 * (`RuleId`, the judges' findings) are two string-literal unions with no string in common.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { diagnosticCodes, type DiagnosticCode } from '../../src/diagnostics/codes.js';
import { ruleMetas, type RuleId } from '../../src/lint/rules/index.js';

describe('code namespaces', () => {
  it('no rule id is an engine code (types)', () => {
    expectTypeOf<Extract<RuleId, DiagnosticCode>>().toBeNever();
    expectTypeOf<'flux/render-failed'>().toExtend<RuleId>();
    expectTypeOf<'load/missing-file'>().toExtend<DiagnosticCode>();
  });
  it('no rule id is an engine code (values)', () => {
    const engine = new Set<string>(Object.keys(diagnosticCodes));
    expect(ruleMetas.map((m) => m.id).filter((id) => engine.has(id))).toEqual([]);
  });
  it('every code a rule judges is an engine code', () => {
    for (const m of ruleMetas) for (const code of m.judges ?? []) expect(code in diagnosticCodes, code).toBe(true);
  });
});
