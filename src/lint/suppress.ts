/**
 * Suppression comments. A finding is dropped when the line before it (in the file it points at) holds
 *
 *     # kustomize-ts-disable-next-line flux/prune-disabled
 *
 * naming its rule (several ids separated by spaces or commas; text after ` -- ` is a reason), or when the
 * file holds `# kustomize-ts-disable-file <rule ids>` on a line of its own. A comment naming no rule
 * suppresses every rule there.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

const NEXT_LINE = /#\s*kustomize-ts-disable-next-line\b([^\n]*)$/;
const FILE = /^\s*#\s*kustomize-ts-disable-file\b([^\n]*)$/;

/** The rule ids named by a directive (`undefined`: every rule). */
function ruleList(rest: string): Set<string> | undefined {
  const text = (rest.split(' -- ')[0] ?? '').trim();
  if (text === '') return undefined;
  return new Set(text.split(/[\s,]+/).filter((s) => s !== ''));
}

/** The suppression directives of one file. */
export interface FileSuppressions {
  /** 1-based line → rules suppressed on it (`undefined`: all). */
  readonly lines: ReadonlyMap<number, Set<string> | undefined>;
  /** Rules suppressed in the whole file (`null`: none; `undefined`: all). */
  readonly file: Set<string> | undefined | null;
}

/** Reads the directives of a file's text. */
export function parseSuppressions(text: string): FileSuppressions {
  const lines = new Map<number, Set<string> | undefined>();
  let file: Set<string> | undefined | null = null;
  if (!text.includes('kustomize-ts-disable')) return { lines, file };
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as string;
    if (!line.includes('kustomize-ts-disable')) continue;
    const next = NEXT_LINE.exec(line);
    if (next) {
      lines.set(i + 2, ruleList(next[1] ?? ''));
      continue;
    }
    const f = FILE.exec(line);
    if (f) {
      const rules = ruleList(f[1] ?? '');
      if (rules === undefined) file = undefined;
      else if (file !== undefined) file = new Set([...(file ?? []), ...rules]);
    }
  }
  return { lines, file };
}

function covers(rules: Set<string> | undefined, code: string): boolean {
  return rules === undefined || rules.has(code);
}

/** True when `d` is suppressed by the directives of its file. */
export function isSuppressed(d: Diagnostic, s: FileSuppressions): boolean {
  if (s.file !== null && covers(s.file, d.code)) return true;
  if (d.line === undefined || !s.lines.has(d.line)) return false;
  return covers(s.lines.get(d.line), d.code);
}

/**
 * Splits findings into kept and suppressed. `textOf` returns the text of a finding's file (undefined when
 * it cannot be read: nothing is suppressed there).
 */
export function applySuppressions<D extends Diagnostic>(
  diagnostics: readonly D[],
  textOf: (file: string) => string | undefined,
): { kept: D[]; suppressed: D[] } {
  const cache = new Map<string, FileSuppressions | undefined>();
  const kept: D[] = [];
  const suppressed: D[] = [];
  for (const d of diagnostics) {
    if (d.file === undefined) {
      kept.push(d);
      continue;
    }
    let s = cache.get(d.file);
    if (!cache.has(d.file)) {
      const text = textOf(d.file);
      s = text === undefined ? undefined : parseSuppressions(text);
      cache.set(d.file, s);
    }
    if (s !== undefined && isSuppressed(d, s)) suppressed.push(d);
    else kept.push(d);
  }
  return { kept, suppressed };
}
