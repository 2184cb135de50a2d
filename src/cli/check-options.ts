/**
 * The options `lint` and `validate` share — the configuration file, rule settings, the kubeconform-style
 * schema flags, the report format — and how flags and the configuration file combine: flags win, lists
 * (schema locations, skipped kinds, ignore globs) add up, rule settings merge by rule id.
 */
/// <reference types="node" />
import { pathToFileURL } from 'node:url';
import sumBy from 'lodash-es/sumBy.js';
import { ignoreMatcher, ignoreNothing, type IgnoreMatcher } from '../fs/ignore.js';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { formatJson, formatSarif, formatText } from '../lint/format.js';
import { ruleMetas } from '../lint/rules/index.js';
import { ruleSettingProblem, RULE_SETTINGS, SEVERITIES } from '../lint/settings.js';
import type { RuleSetting } from '../lint/types.js';
import { hostPath } from '../node/node-fs.js';
import { docsUrl, PACKAGE_VERSION } from '../diagnostics/project.js';
import { UsageError } from './io.js';

/** The parseArgs options of the shared flags. */
export const checkArgOptions = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  'kubernetes-version': { type: 'string' },
  'schema-location': { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The help lines of the shared flags. */
export const checkArgHelp = `  --config FILE           the configuration file (default: kustomize-ts.config.yaml or .kustomize-ts.yaml
                          in ROOT or the nearest folder above it)
  --no-config             do not look for a configuration file
  --rule ID=SEVERITY      set a rule to off, info, warning or error (repeatable)
  --strict                report fields the schemas do not know (kubeconform's -strict)
  --kubernetes-version V  judge deprecated and removed apiVersions against Kubernetes V (default: 1.36)
  --schema-location LOC   more schemas for custom resources (repeatable): a CRD file or a folder of them, a
                          folder of JSON schemas (GROUP/KIND_VERSION.json, as CRD catalogues lay them out),
                          or a kubeconform path template ({{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json)
  --skip KIND[,KIND]      do not validate these kinds against schemas (KIND or APIVERSION/KIND; repeatable)
  --min-severity LEVEL    leave findings below info, warning or error out of the report (default: info)
  --ignore GLOB           leave these paths out (repeatable; relative to ROOT, e.g. 'archive/**')
  --format text|json|sarif
                          report format (default: text)
  -o, --output FILE       write the report to FILE instead of stdout
  -q, --quiet             no progress lines on stderr`;

/** The shared flags as parseArgs returns them. */
export interface CheckArgValues {
  config?: string | undefined;
  'no-config'?: boolean | undefined;
  rule?: string[] | undefined;
  strict?: boolean | undefined;
  'kubernetes-version'?: string | undefined;
  'schema-location'?: string[] | undefined;
  skip?: string[] | undefined;
  'min-severity'?: string | undefined;
  ignore?: string[] | undefined;
  format?: string | undefined;
}

/** The shared settings, flags and configuration file combined. */
export interface CheckSettings {
  readonly config: LoadedConfig | undefined;
  readonly format: 'text' | 'json' | 'sarif';
  readonly rules: Record<string, RuleSetting>;
  readonly strict: boolean | undefined;
  readonly kubernetesVersion: string | undefined;
  readonly schemaLocations: string[];
  readonly skipKinds: string[];
  readonly minSeverity: Severity | undefined;
  /** Whether a path is ignored (the configuration's globs, relative to its folder, and --ignore's, to ROOT). */
  readonly ignore: IgnoreMatcher;
}

/** Parses `--rule ID=SEVERITY` values (usage error on an unknown rule or severity). */
export function parseRuleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const v of values) {
    const i = v.lastIndexOf('=');
    if (i <= 0) throw new UsageError(`--rule expects ID=${RULE_SETTINGS.join('|')}, got "${v}"`);
    const id = v.slice(0, i);
    const setting = v.slice(i + 1);
    const problem = ruleSettingProblem(id, setting);
    if (problem !== undefined) throw new UsageError(`--rule: ${problem}; the rules: ${docsUrl('docs/lint.md#rules')}`);
    out[id] = setting as RuleSetting;
  }
  return out;
}

function oneOf<T extends string>(flag: string, value: string | undefined, legal: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(legal as readonly string[]).includes(value))
    throw new UsageError(`illegal ${flag} ${value}; legal values: ${legal.join(', ')}`);
  return value as T;
}

function anyOf(matchers: readonly IgnoreMatcher[]): IgnoreMatcher {
  const used = matchers.filter((m) => m !== ignoreNothing);
  return used.length === 0 ? ignoreNothing : (path) => used.some((m) => m(path));
}

/** Flags and configuration combined; `root` is where the configuration file is looked for. */
export function checkSettings(values: CheckArgValues, fs: FileSystem, root: string): CheckSettings {
  const format = oneOf('--format', values.format, ['text', 'json', 'sarif'] as const) ?? 'text';
  const minSeverity = oneOf('--min-severity', values['min-severity'], SEVERITIES);
  const version = values['kubernetes-version'];
  if (version !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(version))
    throw new UsageError(`--kubernetes-version expects a version such as 1.33, got "${version}"`);
  const rules = parseRuleSettings(values.rule ?? []);
  const config = values['no-config'] ? undefined : loadConfig(fs, root, values.config && hostPath(values.config));
  const c = config?.config ?? {};
  return {
    config,
    format,
    rules: { ...c.rules, ...rules },
    strict: values.strict ?? c.strict,
    kubernetesVersion: version?.replace(/^v/, '') ?? c.kubernetesVersion?.replace(/^v/, ''),
    schemaLocations: [
      ...(c.schemaLocations ?? []),
      ...(values['schema-location'] ?? []).map((l) => (/^[a-z]+:\/\//.test(l) ? l : hostPath(l))),
    ],
    skipKinds: [
      ...(c.skipKinds ?? []),
      ...(values.skip ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()),
    ].filter((s) => s !== ''),
    minSeverity: minSeverity ?? c.minSeverity,
    ignore: anyOf([ignoreMatcher(c.ignore ?? [], config?.dir ?? root), ignoreMatcher(values.ignore ?? [], root)]),
  };
}

/** The report of findings in the chosen format (SARIF paths relative to `root`). */
export function formatReport(
  format: CheckSettings['format'],
  diagnostics: readonly Diagnostic[],
  root: string,
): string {
  if (format === 'json') return formatJson(diagnostics);
  if (format === 'sarif')
    return formatSarif(diagnostics, {
      rules: ruleMetas,
      version: PACKAGE_VERSION,
      srcRoot: pathToFileURL(root).href.replace(/\/?$/, '/'),
    });
  return formatText(diagnostics) + unknownKindHint(diagnostics) + rulePages(diagnostics);
}

/** The page of each rule the report names (what it checks, how to fix it), one link a line. */
function rulePages(diagnostics: readonly Diagnostic[]): string {
  const codes = new Set(diagnostics.map((d) => d.code));
  const documented = ruleMetas.filter((m) => codes.has(m.id));
  if (documented.length === 0) return '';
  const width = Math.max(...documented.map((m) => m.id.length));
  const lines = documented.map((m) => `  ${m.id.padEnd(width)}  ${docsUrl(m.docs)}`);
  return `What each rule checks, and how to fix it:\n${lines.join('\n')}\n`;
}

/**
 * How to validate the objects of kinds without a schema, or silence them: on a real repository these infos are
 * most of the report (their CRDs come from Helm charts the repository does not hold).
 */
function unknownKindHint(diagnostics: readonly Diagnostic[]): string {
  // One finding per kind: each counts the objects of its kind.
  const count = sumBy(
    diagnostics.filter((d) => d.code === 'schema/unknown-kind'),
    (d) => d.count ?? 1,
  );
  if (count === 0) return '';
  const objects = count === 1 ? '1 object was' : `${String(count)} objects were`;
  return (
    `${objects} not validated (no schema for their kind): pass their CRDs or JSON schemas with ` +
    `--schema-location, or silence them with --skip KIND or --rule schema/unknown-kind=off\n`
  );
}
