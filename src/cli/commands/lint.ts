/// <reference types="node" />
/**
 * `kustomize-ts lint ROOT [--cluster DIR]... [--format text|json|sarif] [--rule ID=SEVERITY]...`: lints a
 * Flux repository (every cluster found under ROOT and the kustomization directories no cluster reaches,
 * or the named clusters) and prints the findings.
 */
import { helmFlagOptions, helmFlags, helmFlagsHelp, helmRenderOptions, type HelmFlags } from '../helm-flags.js';
import { parseArgs } from 'node:util';
import { lint } from '../../api/lint.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import { printDiagnostics, UsageError, type Io } from '../io.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { writeOutputFile } from '../output.js';
import { progressReporter } from '../progress.js';
import { checkArgHelp, checkArgOptions, checkSettings, formatReport, type CheckSettings } from '../check-options.js';
import type { LoadedConfig } from '../../config/load.js';
import { kustomizeVersionFlag } from './build.js';
import { FLUX_KUSTOMIZE_VERSION } from '../../kustomization/versions.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes } from '../remote.js';
import type { RemoteLoader } from '../../build/options.js';
import type { LintOptions, LintResult } from '../../api/lint.js';

export { parseRuleSettings } from '../check-options.js';

export const lintHelp = `Usage: kustomize-ts lint [ROOT] [options]

Lints the Flux repository at ROOT (default: the current directory): renders every cluster the way
kustomize-controller would and checks the Flux dependency graph, apply-side rules, overlay hygiene,
images, sources and schemas. Without --cluster, every cluster found under ROOT is linted (a folder
holding the Flux Kustomization that syncs it, as flux bootstrap lays out, or a FluxInstance sync path),
plus the kustomization directories no cluster reaches. Custom resources are validated against the CRDs
the repository contains and those of --schema-location. Plain manifests that no kustomization lists:
\`kustomize-ts validate\`.

Options:
  --cluster DIR           lint this cluster folder (relative to ROOT; repeatable)
  --source NAME=DIR       map a Flux source (NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME) to a local
                          folder (repeatable; default: flux-system is ROOT)
  --no-schema             skip the schema rules (schema/*)
  --no-strict-substitute  undefined \${VAR} become "" (Flux < 2.9) instead of failing
  --kustomize-version 5.8|5.6
                          the kustomize version builds reproduce (default: 5.8, Flux 2.9's v5.8.1)
  --no-remote-bases       refuse remote git bases, as kustomize-controller --no-remote-bases does
                          (default: allowed, as in the controller; http(s) files still load)
${checkArgHelp}
  -h, --help              show this help

${remoteFlagsHelp}

${helmFlagsHelp}

Findings are printed as FILE:LINE:COLUMN: severity: message [rule], paths relative to ROOT.
A finding is suppressed by a comment on the line before it:
  # kustomize-ts-disable-next-line flux/prune-disabled

Exit status: 0 no errors, 1 errors found (or ROOT missing, the configuration invalid), 2 bad usage.`;

/** The lint options the HelmRelease flags give (the chart Kubernetes version is lint's `kubernetesVersion`). */
function lintHelmOptions(h: HelmFlags): Pick<LintOptions, 'chartLoader' | 'schemaLoader' | 'kubernetesVersion'> {
  const { chartLoader, schemaLoader, kubeVersion } = helmRenderOptions(h);
  return {
    ...(chartLoader ? { chartLoader } : {}),
    ...(schemaLoader ? { schemaLoader } : {}),
    ...(kubeVersion !== undefined ? { kubernetesVersion: kubeVersion } : {}),
  };
}

function parseSources(values: readonly string[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const s of values) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--source expects NAME=DIR, got "${s}"`);
    const dir = s.slice(i + 1);
    if (!isDir(hostPath(dir))) throw new CliError(`--source ${s}: ${dir}: no such directory`);
    sources[s.slice(0, i)] = hostPath(dir);
  }
  return sources;
}

const isDir = (p: string): boolean => nodeFs().stat(p)?.type === 'dir';

function parseLintArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...checkArgOptions,
      cluster: { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      'no-schema': { type: 'boolean' },
      'no-strict-substitute': { type: 'boolean' },
      'kustomize-version': { type: 'string' },
      ...helmFlagOptions,
      'no-remote-bases': { type: 'boolean' },
      ...remoteFlagOptions,
    },
  });
}

type LintArgs = ReturnType<typeof parseLintArgs>['values'];

/** Each `--cluster` folder must exist under ROOT. */
function checkClusterFolders(clusters: readonly string[], hostRoot: string): void {
  for (const c of clusters) {
    const abs = hostPath(c.startsWith('/') ? c : `${hostRoot}/${c}`);
    if (!isDir(abs)) throw new CliError(`--cluster ${c}: no such directory under ${hostRoot}`);
  }
}

/**
 * The lint options the flags, the shared settings and the configuration file give (the flags win), but those of
 * the HelmRelease flags (made afresh for each run).
 */
function lintOptionsOf(
  values: LintArgs,
  settings: CheckSettings,
  config: LoadedConfig['config'],
  clusters: readonly string[] | undefined,
): Omit<LintOptions, 'fs' | 'remoteLoader' | 'onProgress'> {
  const sources = { ...config.sources, ...parseSources(values.source ?? []) };
  checkRemoteFlags(values);
  return {
    kustomizeVersion: kustomizeVersionFlag(values['kustomize-version'], FLUX_KUSTOMIZE_VERSION),
    ...(clusters ? { clusters } : {}),
    rules: settings.rules,
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
    ...(values['no-schema'] ? { schema: false } : {}),
    ...(values['no-strict-substitute']
      ? { strictSubstitute: false }
      : config.strictSubstitute !== undefined
        ? { strictSubstitute: config.strictSubstitute }
        : {}),
    ...(settings.strict !== undefined ? { strict: settings.strict } : {}),
    ...(settings.kubernetesVersion !== undefined ? { kubernetesVersion: settings.kubernetesVersion } : {}),
    schemaLocations: settings.schemaLocations,
    skipKinds: settings.skipKinds,
    ignore: settings.ignore,
    ...(settings.minSeverity !== undefined ? { minSeverity: settings.minSeverity } : {}),
  };
}

export async function runLintCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseLintArgs(argv);
  if (values.help) {
    io.out(lintHelp + '\n');
    return ExitCode.ok;
  }
  if (positionals.length > 1) throw new UsageError('specify one repository ROOT');
  const hostRoot = positionals[0] ?? '.';
  const root = hostPath(hostRoot);
  const fs = nodeFs();
  const settings = checkSettings(values, fs, root);
  if (!isDir(root)) throw new CliError(`${hostRoot}: no such directory`);
  if (settings.config && settings.config.diagnostics.length > 0) {
    printDiagnostics(settings.config.diagnostics, io);
    return ExitCode.failed;
  }
  const config = settings.config?.config ?? {};
  const clusters = values.cluster ?? config.clusters;
  checkClusterFolders(values.cluster ?? [], hostRoot);
  const options = lintOptionsOf(values, settings, config, clusters);
  const progress = progressReporter(io, values.quiet === true);
  const lintOnce = (remoteLoader: RemoteLoader): LintResult =>
    lint(root, {
      fs,
      remoteLoader,
      ...options,
      ...lintHelmOptions(helmFlags(values)),
      onProgress: (m: string) => progress.update(m),
    });
  const result = await withRemotes(values, io, lintOnce, { noRemoteBases: values['no-remote-bases'] === true });
  progress.done();
  if (!result) return ExitCode.failed;
  let text = formatReport(settings.format, result.diagnostics, root);
  if (settings.format === 'text' && result.clusters.length === 0 && result.standalone.length === 0 && !clusters)
    text += `nothing to lint: no cluster (no folder with a Flux Kustomization syncing it, no FluxInstance) and no kustomization under ${hostRoot}; to validate plain manifests, run: kustomize-ts validate ${hostRoot}\n`;
  if (values.output) writeOutputFile(values.output, text);
  else io.out(text);
  return result.ok ? ExitCode.ok : ExitCode.failed;
}
