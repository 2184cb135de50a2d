/**
 * Running rule modules: each enabled rule's `check` gets a reporter that turns its reports into
 * diagnostics (severity from the settings or the rule's default, message from its template, file
 * relative to the root when one is given).
 */
import { makeDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isWithin, relative } from '../fs/path.js';
import type { RuleModule, RuleReport, RuleSetting } from './types.js';

/** Options of {@link runRules}. */
export interface RunRulesOptions {
  /** Per-rule settings by rule id (`off` or a severity); rules not listed use their default severity. */
  rules?: Readonly<Record<string, RuleSetting>> | undefined;
  /** Report files relative to this directory (absolute paths in the file system the objects came from). */
  root?: string | undefined;
  /** The diagnostics' `source`. */
  source: string;
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => {
    const v = data?.[name];
    return v === undefined ? m : String(v);
  });
}

function displayFile(file: string, root: string | undefined): string {
  if (root === undefined || root === '') return file;
  return isWithin(root, file) ? relative(root, file) : file;
}

/** Runs rules over one context and returns their findings in report order. */
export function runRules<C>(rules: readonly RuleModule<C>[], context: C, options: RunRulesOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    const report = (r: RuleReport): void => {
      const template = rule.meta.messages[r.messageId] ?? r.messageId;
      const loc = r.location;
      const d = makeDiagnostic(rule.meta.id, setting, formatMessage(template, r.data), {
        file: loc ? displayFile(loc.file, options.root) : undefined,
        range: loc?.range,
        path: r.path,
        source: options.source,
      });
      if (loc?.related) d.related = [{ ...loc.related, file: displayFile(loc.related.file, options.root) }];
      if (r.kustomization !== undefined) d.kustomization = r.kustomization;
      if (r.cluster !== undefined) d.cluster = r.cluster;
      if (r.data !== undefined) d.data = r.data;
      if (r.count !== undefined) d.count = r.count;
      out.push(d);
    };
    rule.check(context, report);
  }
  return out;
}
