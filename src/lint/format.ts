/**
 * Output formats of lint findings: `text` (one `FILE:LINE:COLUMN: severity: message [rule]` line per
 * finding, grouped by file, then a summary line), `json` (`{"version": 1, "diagnostics": [...]}`) and `sarif` (SARIF 2.1.0 with
 * rule metadata and regions, as GitHub code scanning accepts it). Browser-safe: hosts other than the
 * CLI can produce the same reports.
 */
import countBy from 'lodash-es/countBy.js';
import sortBy from 'lodash-es/sortBy.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { isWithin, relative } from '../fs/path.js';
import type { RuleMeta } from './types.js';
import { DOCS_BASE_URL, PROJECT_URL } from '../diagnostics/project.js';
import { formatDiagnostic } from '../diagnostics/format.js';

/** The output formats. */
export type LintFormat = 'text' | 'json' | 'sarif';

/**
 * One finding in the JSON formats (`lint`, `validate`, `fleet`, `graph`: the same fields everywhere). File
 * paths are relative to the root; line and column are 1-based, `endLine`/`endColumn` exclusive.
 */
export interface JsonDiagnostic {
  /** The rule id or engine code (`flux/prune-disabled`, `load/missing-file`). */
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** `namespace/name` of the Flux Kustomization (or the kustomization directory) concerned. */
  kustomization?: string;
  /** The cluster folder the finding was made in. */
  cluster?: string;
  /** How many objects the finding stands for, when it sums up several (`schema/unknown-kind`). */
  count?: number;
}

/** The version of the JSON output shapes: raised when a field changes meaning or goes away. */
export const JSON_FORMAT_VERSION = 1;

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders findings by file, line, column, then rule; findings without a file come last. */
export function sortDiagnostics<D extends Diagnostic>(diagnostics: readonly D[]): D[] {
  return sortBy(diagnostics, [
    (d) => (d.file === undefined ? 1 : 0),
    (d) => d.file ?? '',
    (d) => d.line ?? 0,
    (d) => d.column ?? 0,
    (d) => d.code,
    (d) => severityRank[d.severity],
  ]);
}

/** Counts by severity. */
export function countSeverities(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  return { error: 0, warning: 0, info: 0, ...countBy(diagnostics, (d) => d.severity) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary line of the text format. */
export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const c = countSeverities(diagnostics);
  const total = diagnostics.length;
  if (total === 0) return 'no problems';
  return `${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')})`;
}

/**
 * One finding as a text line, in the format of every command (as compilers print them, so editors and CI
 * problem matchers need one pattern): `FILE:LINE:COLUMN: severity: message (cluster kustomization) [rule]`.
 */
export function formatTextLine(d: Diagnostic): string {
  const ctx =
    d.kustomization !== undefined || d.cluster !== undefined
      ? ` (${[d.cluster, d.kustomization].filter((x) => x !== undefined).join(' ')})`
      : '';
  return formatDiagnostic({ ...d, message: d.message + ctx });
}

/** The text format: findings grouped by file (a blank line between files), then the summary line. */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  const sorted = sortDiagnostics(diagnostics);
  const lines: string[] = [];
  let current: string | undefined | null = null;
  for (const d of sorted) {
    if (current !== null && d.file !== current) lines.push('');
    current = d.file;
    lines.push(formatTextLine(d));
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(diagnostics));
  return lines.join('\n') + '\n';
}

/** A finding in the JSON formats. `file` is made relative to `root` when given and it lies under it. */
export function toJsonDiagnostic(d: Diagnostic, root?: string): JsonDiagnostic {
  const out: JsonDiagnostic = { code: d.code, severity: d.severity, message: d.message };
  if (d.file !== undefined) out.file = root !== undefined && isWithin(root, d.file) ? relative(root, d.file) : d.file;
  if (d.line !== undefined) out.line = d.line;
  if (d.column !== undefined) out.column = d.column;
  if (d.range !== undefined) {
    out.endLine = d.range.end.line;
    out.endColumn = d.range.end.column;
  }
  if (d.kustomization !== undefined) out.kustomization = d.kustomization;
  if (d.cluster !== undefined) out.cluster = d.cluster;
  if (d.count !== undefined) out.count = d.count;
  return out;
}

/** The JSON format of `lint`: `{"version": 1, "diagnostics": [...]}` in file order. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const doc = {
    version: JSON_FORMAT_VERSION,
    diagnostics: sortDiagnostics(diagnostics).map((d) => toJsonDiagnostic(d)),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** Every rule that may appear (the driver's rule metadata); rules of findings not listed are added bare. */
  rules: readonly RuleMeta[];
  /** Tool version. */
  version?: string;
  /** Base URL of the rule pages (`<base><rule.docs>`). Default: the project's documentation on GitHub. */
  docsBaseUrl?: string;
  /** The tool's home page. Default: the project's repository. */
  informationUri?: string;
  /** The absolute URI (ending in `/`) file paths are relative to, recorded as `%SRCROOT%`. Default: not recorded. */
  srcRoot?: string;
}

/** The subset of SARIF 2.1.0 kustomize-ts writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: SarifResult[];
  columnKind: 'unicodeCodePoints';
}

export interface SarifDriver {
  name: string;
  informationUri?: string;
  version?: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: SarifLevel; enabled: boolean };
  properties: { tags: string[] };
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
  };
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
  relatedLocations?: (SarifLocation & { id: number })[];
  /** How many objects the finding stands for, when it sums up several. */
  occurrenceCount?: number;
  partialFingerprints: Record<string, string>;
  properties?: { kustomization?: string; cluster?: string };
}

function sarifLevel(s: Severity): SarifLevel {
  return s === 'info' ? 'note' : s;
}

function uriOf(file: string): string {
  return file
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function pascal(id: string): string {
  return id
    .split(/[/-]/)
    .filter((s) => s !== '')
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');
}

/** A stable fingerprint of a finding that survives line moves (rule, file, message). */
function fingerprint(d: Diagnostic): string {
  let h = 0x811c9dc5;
  const s = `${d.code}\u0000${d.file ?? ''}\u0000${d.message}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function location(file: string, range: Diagnostic['range'], line?: number, column?: number): SarifLocation {
  const loc: SarifLocation = { physicalLocation: { artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' } } };
  if (range !== undefined) {
    const region: NonNullable<SarifLocation['physicalLocation']['region']> = {
      startLine: range.start.line,
      startColumn: range.start.column,
    };
    if (range.end.line >= range.start.line && range.end.column >= 1) {
      region.endLine = range.end.line;
      region.endColumn =
        range.end.line === range.start.line ? Math.max(range.end.column, range.start.column) : range.end.column;
    }
    loc.physicalLocation.region = region;
  } else if (line !== undefined) {
    loc.physicalLocation.region = { startLine: line, startColumn: column ?? 1 };
  }
  return loc;
}

/** Builds the SARIF 2.1.0 log of findings (file paths as given, relative to `%SRCROOT%`). */
export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): SarifLog {
  const metas = new Map<string, RuleMeta | undefined>();
  for (const m of options.rules) metas.set(m.id, m);
  for (const d of diagnostics) if (!metas.has(d.code)) metas.set(d.code, undefined);
  const ids = [...metas.keys()];
  const docsBase = options.docsBaseUrl ?? DOCS_BASE_URL;
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules: SarifRule[] = ids.map((id) => {
    const m = metas.get(id);
    const rule: SarifRule = {
      id,
      name: pascal(id),
      shortDescription: { text: m?.description ?? id },
      fullDescription: { text: m?.description ?? id },
      help: { text: m ? `${m.description} See ${docsBase + m.docs}.` : id },
      defaultConfiguration: { level: sarifLevel(m?.defaultSeverity ?? 'warning'), enabled: m?.recommended ?? true },
      properties: { tags: [id.split('/')[0] ?? id] },
    };
    if (m) rule.helpUri = docsBase + m.docs;
    return rule;
  });
  const results: SarifResult[] = sortDiagnostics(diagnostics).map((d) => {
    const r: SarifResult = {
      ruleId: d.code,
      ruleIndex: index.get(d.code) as number,
      level: sarifLevel(d.severity),
      message: { text: d.message },
      partialFingerprints: { 'kustomizeTs/v1': fingerprint(d) },
    };
    if (d.file !== undefined) r.locations = [location(d.file, d.range, d.line, d.column)];
    if (d.count !== undefined) r.occurrenceCount = d.count;
    const related = (d.related ?? []).filter((x) => x.file !== '');
    if (related.length > 0) {
      r.relatedLocations = related.map((x, i) => ({
        id: i + 1,
        ...location(x.file, x.range),
        ...(x.message ? { message: { text: x.message } } : {}),
      }));
    }
    if (d.kustomization !== undefined || d.cluster !== undefined) {
      r.properties = {};
      if (d.kustomization !== undefined) r.properties.kustomization = d.kustomization;
      if (d.cluster !== undefined) r.properties.cluster = d.cluster;
    }
    return r;
  });
  const driver: SarifDriver = { name: 'kustomize-ts', rules };
  driver.informationUri = options.informationUri ?? PROJECT_URL;
  if (options.version !== undefined) driver.version = options.version;
  const run: SarifRun = { tool: { driver }, results, columnKind: 'unicodeCodePoints' };
  if (options.srcRoot !== undefined) run.originalUriBaseIds = { '%SRCROOT%': { uri: options.srcRoot } };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

/** The SARIF format as text. */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  return JSON.stringify(toSarif(diagnostics, options), null, 2) + '\n';
}
