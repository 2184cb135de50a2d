/** The one finding type of the library and its builders. */
import type { DiagnosticCode } from './codes.js';

/** How serious a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line/column position with the 0-based character offset it stands for. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 0-based offset in the file's text. */
  offset: number;
}

/** A source range: start inclusive, end exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** A place in a source file, used for related locations. */
export interface SourceLocation {
  /** File path (absolute in the build's file system, or relative to the root given to lint). */
  file: string;
  range?: Range;
  message?: string;
}

/**
 * The one finding type of the library: engine errors and warnings, schema results and lint rules.
 * `line` and `column` repeat `range.start` for consumers that want flat fields.
 */
export interface Diagnostic {
  /**
   * A stable code: an engine `DiagnosticCode` (`load/missing-file`) or, for a lint finding, a `RuleId`
   * (`flux/prune-disabled`). The two namespaces are distinct.
   */
  code: string;
  severity: Severity;
  message: string;
  /** File the finding is about, when known. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  range?: Range;
  /** JSON pointer into the object the finding is about, when it concerns a field. */
  path?: string;
  /** What produced it: `loader`, a transformer id, `schema`, or a lint rule id. */
  source?: string;
  related?: SourceLocation[];
  /** Lint: the Flux Kustomization the finding concerns (`namespace/name`), or the kustomization directory. */
  kustomization?: string;
  /** Lint: the cluster (folder relative to the lint root) the finding was made in. */
  cluster?: string;
  /** Lint: the values the rule filled its message with (names, ids), for fixes that act on them. */
  data?: Readonly<Record<string, string | number>>;
  /**
   * How many objects the finding stands for, when one finding sums up several (`schema/unknown-kind`: the
   * objects of its kind that were not validated, in its cluster or build).
   */
  count?: number;
}

/** A diagnostic of the engine (parser, build, renderer): its code is in the table of codes.ts. */
export interface EngineDiagnostic extends Diagnostic {
  code: DiagnosticCode;
}

/** Builds an engine diagnostic, filling `line`/`column` from the range. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  where: DiagnosticWhere = {},
): EngineDiagnostic {
  return { ...makeDiagnostic(code, severity, message, where), code };
}

/** Where a diagnostic points. */
export interface DiagnosticWhere {
  file?: string | undefined;
  range?: Range | undefined;
  path?: string | undefined;
  source?: string | undefined;
}

/** Builds a diagnostic with any code (lint findings use their rule id), filling `line`/`column` from the range. */
export function makeDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  where: DiagnosticWhere = {},
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (where.file !== undefined) d.file = where.file;
  if (where.range !== undefined) {
    d.range = where.range;
    d.line = where.range.start.line;
    d.column = where.range.start.column;
  }
  if (where.path !== undefined) d.path = where.path;
  if (where.source !== undefined) d.source = where.source;
  return d;
}
