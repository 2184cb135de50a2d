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
    io.err(`error: ${where}${d.message}\n`);
  } else {
    io.err(`${d.message}\n`);
  }
}
