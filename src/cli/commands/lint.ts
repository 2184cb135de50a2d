/// <reference types="node" />
/**
 * `kustomize-ts lint ROOT [--cluster DIR]... [--format text|json|sarif] [--rule ID=SEVERITY]...`: lints a
 * Flux repository (every cluster found under ROOT and the kustomization directories no cluster reaches,
 * or the named clusters) and prints the findings.
 */
import { helmFlagOptions, helmFlags, helmFlagsHelp, helmRenderOptions, type HelmFlags } from '../helm-flags.js';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lint } from '../../api/lint.js';
import { formatJson, formatSarif, formatText } from '../../lint/format.js';
import { ruleMetas } from '../../lint/rules/index.js';
import type { RuleSetting } from '../../lint/types.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import { UsageError, type Io } from '../io.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes } from '../remote.js';
import type { RemoteLoader } from '../../build/options.js';
import type { LintOptions, LintResult } from '../../api/lint.js';

export const lintHelp = `Usage: kustomize-ts lint [ROOT] [options]

Lints the Flux repository at ROOT (default: the current directory): renders every cluster the way
kustomize-controller would and checks the Flux dependency graph, apply-side rules, overlay hygiene,
images, sources and schemas. Without --cluster, every cluster found under ROOT is linted (a folder
holding the Flux Kustomization that syncs it, as flux bootstrap lays out, or a FluxInstance sync path),
plus the kustomization directories no cluster reaches.

Options:
  --cluster DIR           lint this cluster folder (relative to ROOT; repeatable)
  --format text|json|sarif
                          output format (default: text)
  --rule ID=SEVERITY      set a rule to off, info, warning or error (repeatable)
  --source NAME=DIR       map a Flux source (NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME) to a local
                          folder (repeatable; default: flux-system is ROOT)
  --no-schema             skip the schema rules (schema/*)
  --no-strict-substitute  undefined \${VAR} become "" (Flux < 2.9) instead of failing
  -o, --output FILE       write the report to FILE instead of stdout
  -h, --help              show this help

A finding is suppressed by a comment on the line before it:
  # kustomize-ts-disable-next-line flux/prune-disabled

${helmFlagsHelp}

  --no-remote-bases       refuse remote git bases, as kustomize-controller --no-remote-bases does
                          (default: allowed, as in the controller; http(s) files still load)

${remoteFlagsHelp}

Exit status: 0 no errors, 1 errors found, 2 bad usage.`;

/** The lint options the HelmRelease flags give (the chart Kubernetes version is lint's `kubernetesVersion`). */
function lintHelmOptions(h: HelmFlags): Pick<LintOptions, 'chartLoader' | 'schemaLoader' | 'kubernetesVersion'> {
  const { chartLoader, schemaLoader, kubeVersion } = helmRenderOptions(h);
  return {
    ...(chartLoader ? { chartLoader } : {}),
    ...(schemaLoader ? { schemaLoader } : {}),
    ...(kubeVersion !== undefined ? { kubernetesVersion: kubeVersion } : {}),
  };
}

const SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

/** Parses `--rule ID=SEVERITY` values (usage error on an unknown rule or severity). */
export function parseRuleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const known = new Set<string>(ruleMetas.map((m) => m.id));
  const out: Record<string, RuleSetting> = {};
  for (const v of values) {
    const i = v.lastIndexOf('=');
    if (i <= 0) throw new UsageError(`--rule expects ID=off|info|warning|error, got "${v}"`);
    const id = v.slice(0, i);
    const setting = v.slice(i + 1);
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule "${id}" (see docs/rules/)`);
    if (!(SETTINGS as readonly string[]).includes(setting))
      throw new UsageError(`--rule ${id}: "${setting}" is not one of off, info, warning, error`);
    out[id] = setting as RuleSetting;
  }
  return out;
}

export async function runLintCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      cluster: { type: 'string', multiple: true },
      format: { type: 'string' },
      rule: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      'no-schema': { type: 'boolean' },
      'no-strict-substitute': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
      ...helmFlagOptions,
      'no-remote-bases': { type: 'boolean' },
    },
  });
  if (values.help) {
    io.out(lintHelp + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('specify one repository ROOT');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`illegal --format ${format}; legal values: text, json, sarif`);
  const rules = parseRuleSettings(values.rule ?? []);
  const sources: Record<string, string> = {};
  for (const s of values.source ?? []) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--source expects NAME=DIR, got "${s}"`);
    sources[s.slice(0, i)] = hostPath(s.slice(i + 1));
  }
  const hostRoot = positionals[0] ?? '.';
  const root = hostPath(hostRoot);
  const fs = nodeFs();
  if (fs.stat(root)?.type !== 'dir') throw new UsageError(`${hostRoot} is not a directory`);
  const clusters = values.cluster;
  for (const c of clusters ?? []) {
    const abs = hostPath(c.startsWith('/') ? c : `${hostRoot}/${c}`);
    if (fs.stat(abs)?.type !== 'dir') throw new UsageError(`--cluster ${c}: not a directory under ${hostRoot}`);
  }
  checkRemoteFlags(values);
  const progress = io.errIsTty && format === 'text';
  const lintOnce = (remoteLoader: RemoteLoader): LintResult =>
    lint(root, {
      fs,
      remoteLoader,
      ...(clusters ? { clusters } : {}),
      rules,
      ...(Object.keys(sources).length > 0 ? { sources } : {}),
      ...(values['no-schema'] ? { schema: false } : {}),
      ...(values['no-strict-substitute'] ? { strictSubstitute: false } : {}),
      ...lintHelmOptions(helmFlags(values)),
      ...(progress ? { onProgress: (m: string) => io.err(`\r\x1b[2K${m}`) } : {}),
    });
  const result = await withRemotes(values, io, lintOnce, { noRemoteBases: values['no-remote-bases'] === true });
  if (!result) return 1;
  if (progress) io.err('\r\x1b[2K');
  let text: string;
  if (format === 'json') text = formatJson(result.diagnostics);
  else if (format === 'sarif') {
    text = formatSarif(result.diagnostics, {
      rules: ruleMetas,
      version: '0.1.0',
      srcRoot: pathToFileURL(root).href.replace(/\/?$/, '/'),
    });
  } else {
    text = formatText(result.diagnostics);
    if (result.clusters.length === 0 && (clusters === undefined || clusters.length === 0))
      text += 'no cluster found (no folder with a Flux Kustomization syncing it, no FluxInstance)\n';
  }
  if (values.output) writeFileSync(values.output, text);
  else io.out(text);
  return result.ok ? 0 : 1;
}
