/** Output plumbing shared by the CLI commands. */
/// <reference types="node" />
import { isAbsolute, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines, colours). */
  readonly errIsTty: boolean;
  readonly color: boolean;
  /** The clock progress lines are timed with (milliseconds). Default `Date.now`. */
  readonly now?: () => number;
  /** Print the stack of an internal error (set by `KUSTOMIZE_TS_DEBUG`). */
  readonly debug?: boolean;
  /** The directory file paths in messages are relative to. Default: the process's working directory. */
  readonly cwd?: string;
}

/** A command-line mistake: exit status 2. */
export class UsageError extends Error {}

/** `file` relative to `base` (default: the working directory) when it lies under it, else as it is. */
export function displayPath(file: string, base: string = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(base, file);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/**
 * Prints a diagnostic on stderr in the one line format of every command, as compilers print them:
 * `FILE:LINE:COLUMN: severity: message [code]` (file relative to `base`, default the working directory).
 */
export function printDiagnostic(d: Diagnostic, io: Io, base: string = io.cwd ?? process.cwd()): void {
  const file = d.file !== undefined ? displayPath(d.file, base) : undefined;
  const line = formatDiagnostic(file !== undefined ? { ...d, file } : d);
  const label = `${d.severity}:`;
  const color = d.severity === 'error' ? RED : d.severity === 'warning' ? YELLOW : CYAN;
  io.err(line.replace(label, paint(io, color, label)) + '\n');
}

/** Prints diagnostics with {@link printDiagnostic}. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io, base?: string): void {
  for (const d of diagnostics) printDiagnostic(d, io, base);
}

const RED = '\u001b[1;31m';
const YELLOW = '\u001b[33m';
const CYAN = '\u001b[36m';

/** Wraps text in an ANSI colour when colours are on (a terminal, and NO_COLOR unset). */
export function paint(io: Io, color: string, text: string): string {
  return io.color ? `${color}${text}\u001b[0m` : text;
}
