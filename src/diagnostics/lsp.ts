/**
 * Converting diagnostics to the Language Server Protocol's shape: 0-based lines and characters, numeric
 * severities (1 error, 2 warning, 3 information), `source` and `code` kept.
 */
import type { Diagnostic } from './diagnostic.js';

/** LSP `Diagnostic` (the subset kustomize-ts fills). */
export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 1 | 2 | 3;
  code: string;
  source: string;
  message: string;
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/**
 * Converts a diagnostic to the LSP shape. Without a position it points at the start of the file; without
 * an end it spans to the end of its start line's first token (`character + 1`).
 */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const startLine = (d.range?.start.line ?? d.line ?? 1) - 1;
  const startChar = (d.range?.start.column ?? d.column ?? 1) - 1;
  const end = d.range?.end;
  return {
    range: {
      start: { line: Math.max(0, startLine), character: Math.max(0, startChar) },
      end: end
        ? { line: Math.max(0, end.line - 1), character: Math.max(0, end.column - 1) }
        : { line: Math.max(0, startLine), character: Math.max(0, startChar) + 1 },
    },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: d.source ?? 'kustomize-ts',
    message: d.message,
  };
}
