/** Output plumbing shared by the CLI commands. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines, colours). */
  readonly errIsTty: boolean;
  readonly color: boolean;
}

/** A command-line mistake: exit status 2. */
export class UsageError extends Error {}

/**
 * Prints a build diagnostic on stderr: warnings as kustomize prints them (its `# Warning: ...` lines),
 * errors as `error: <file:line:column: >message`.
 */
export function printDiagnostic(d: Diagnostic, io: Io): void {
  if (d.severity === 'error') {
    const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
    io.err(`${paint(io, RED, 'error:')} ${where}${d.message}\n`);
  } else {
    io.err(`${paint(io, YELLOW, d.message)}\n`);
  }
}

const RED = '\u001b[1;31m';
const YELLOW = '\u001b[33m';

/** Wraps text in an ANSI colour when colours are on (a terminal, and NO_COLOR unset). */
export function paint(io: Io, color: string, text: string): string {
  return io.color ? `${color}${text}\u001b[0m` : text;
}
