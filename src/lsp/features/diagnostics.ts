/**
 * Findings as LSP diagnostics: 0-based ranges, severity, the code with a link to its page (a rule's page,
 * or the table of engine codes), the values a fix needs in `data`, and the related locations. Open
 * buffers also get their YAML syntax errors at once, where the parser found them.
 */
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { ruleMetas } from '../../lint/rules/index.js';
import { fileUri } from '../uri.js';
import { lspRange } from '../positions.js';
import type { ParsedText } from '../yaml-cursor.js';

/** Base of the documentation links (a repository path is appended). */
export const DOCS_BASE_URL = 'https://github.com/kustomize-ts/kustomize-ts/blob/main/';

const ruleDocs = new Map<string, string>(ruleMetas.map((m) => [m.id, m.docs]));

/** The page explaining a code: the rule's page, else the table of engine codes. */
export function codeUrl(code: string): string {
  return DOCS_BASE_URL + (ruleDocs.get(code) ?? 'docs/diagnostics.md');
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

/** What a code action needs back from a diagnostic. */
export interface DiagnosticData {
  readonly code: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly path?: string;
  readonly kustomization?: string;
  readonly cluster?: string;
}

/** Converts one finding; `abs` makes related files absolute. */
export function toLsp(d: Diagnostic, abs: (file: string) => string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: lspRange(d),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: codeUrl(d.code) },
    source: 'kustomize-ts',
    message: d.cluster !== undefined ? `${d.message} (${d.cluster})` : d.message,
  };
  const data: DiagnosticData = {
    code: d.code,
    ...(d.data !== undefined ? { data: d.data } : {}),
    ...(d.path !== undefined ? { path: d.path } : {}),
    ...(d.kustomization !== undefined ? { kustomization: d.kustomization } : {}),
    ...(d.cluster !== undefined ? { cluster: d.cluster } : {}),
  };
  out.data = data;
  const related: DiagnosticRelatedInformation[] = (d.related ?? []).map((r) => ({
    location: { uri: fileUri(abs(r.file)), range: lspRange(r.range ? { range: r.range } : {}) },
    message: r.message ?? 'related',
  }));
  if (related.length > 0) out.relatedInformation = related;
  return out;
}

/** The YAML syntax errors of an open buffer, at the parser's positions. */
export function syntaxDiagnostics(parsed: ParsedText): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const doc of parsed.docs) {
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      const s = parsed.lineCounter.linePos(start);
      const t = parsed.lineCounter.linePos(Math.max(end, start + 1));
      out.push({
        range: { start: { line: s.line - 1, character: s.col - 1 }, end: { line: t.line - 1, character: t.col - 1 } },
        severity: DiagnosticSeverity.Error,
        code: 'yaml/syntax',
        codeDescription: { href: codeUrl('yaml/syntax') },
        source: 'kustomize-ts',
        message: e.message.split('\n')[0] ?? e.message,
      });
    }
  }
  return out;
}
