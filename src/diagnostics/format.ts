/**
 * A diagnostic as one line of text: `FILE:LINE:COL: severity: message [code]`, the form the CLI prints
 * everywhere (and editors and CI annotations parse).
 */
import { isWithin, relative } from '../fs/path.js';
import type { Diagnostic } from './diagnostic.js';

/** Where a diagnostic is, as `FILE:LINE:COL` (`FILE` alone without a line; '' without a file). */
export function formatLocation(d: Diagnostic): string {
  if (d.file === undefined || d.file === '') return '';
  return d.line !== undefined ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
}

/** Formats a diagnostic as `FILE:LINE:COL: severity: message [code]` (no location part without a file). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d);
  return `${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.code}]`;
}

/** The diagnostic with its file relative to `root` when it lies in it (for display). */
export function relativeToRoot(d: Diagnostic, root: string): Diagnostic {
  if (d.file === undefined || !isWithin(root, d.file)) return d;
  return { ...d, file: relative(root, d.file) || '.' };
}
