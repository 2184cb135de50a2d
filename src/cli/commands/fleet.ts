/// <reference types="node" />
/**
 * `kustomize-ts fleet ROOT --cluster DIR`: renders every Flux Kustomization a cluster reconciles. The
 * option parsing and rendering are shared with `graph` (graph.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join as hostJoin } from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { emitDocuments } from '../../yaml/emit.js';
import {
  renderFleet,
  type FleetHelmRelease,
  type FleetKustomization,
  type FleetResult,
} from '../../flux/fleet/index.js';
import type { RemoteLoader } from '../../build/options.js';
import { lintFleet } from '../../lint/engine.js';
import type { RuleId } from '../../lint/rules/index.js';
import { readFluxInstanceSync } from '../../flux/model.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { isMap, type YamlMap } from '../../yaml/values.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import { printDiagnostics as printDiagnosticLines, UsageError, type Io } from '../io.js';
import { JSON_FORMAT_VERSION, toJsonDiagnostic } from '../../lint/format.js';
import { progressReporter } from '../progress.js';
import { sourceHints } from '../source-hints.js';
import { CliError } from '../errors.js';
import { isDirectory } from '../output.js';
import { FLUX_KUSTOMIZE_VERSION, type KustomizeVersion } from '../../kustomization/versions.js';
import { kustomizeVersionFlag } from './build.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes, type RemoteFlags } from '../remote.js';
import { fluxRemoteFlagOptions, fluxRemoteHelp, wantedSources } from '../flux-sources.js';
import { helmFlagOptions, helmFlags, helmFlagsHelp, helmRenderOptions, type HelmFlags } from '../helm-flags.js';

export const fleetHelp = `Usage: kustomize-ts fleet ROOT --cluster DIR [options]

Renders every Flux Kustomization the cluster folder DIR (relative to ROOT) reconciles, the way
kustomize-controller builds them (generated kustomizations, Flux patches/images/components, postBuild
substitution, owner labels, commonMetadata), following the Kustomizations found in each output. The
HelmReleases they apply are rendered as helm-controller installs them (values, valuesFrom, postRenderers)
when their chart is local: in a mapped Git source, or in the --charts folder; each follows its Kustomization.

Options:
  --cluster DIR              the cluster folder (e.g. clusters/staging), or a folder with a FluxInstance
  --flux-instance FILE       start from this FluxInstance (or flux-instance HelmRelease, or chart values)
                             instead of --cluster; its kustomize.patches apply to the sync Kustomization
  --source NAME=DIR          map a Flux source (NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME) to a local
                             folder (repeatable; default: flux-system is ROOT)
  --cluster-objects FILE     YAML objects that exist in the cluster without being in the repository
                             (ConfigMaps/Secrets for substituteFrom; repeatable)
  --format yaml|json         output format (default: yaml)
  --output DIR               write one file per Kustomization (DIR/<namespace>/<name>.yaml; with json:
                             DIR/fleet.json) instead of stdout
  --no-strict-substitute     undefined \${VAR} become "" (Flux < 2.9) instead of failing
  --kustomize-version 5.8|5.6
                             the kustomize version builds reproduce (default: 5.8, Flux 2.9's v5.8.1)
  -q, --quiet                no progress lines on stderr
  -h, --help                 show this help

${helmFlagsHelp}

${fluxRemoteHelp}

${remoteFlagsHelp}

Findings go to stderr as FILE:LINE:COLUMN: severity: message [code], paths relative to ROOT. When a
Kustomization's path is missing in its source's folder but exists near it, a hint names the --source to pass.

Exit status: 0 everything rendered, 1 some Kustomization failed (the others still render) or ROOT is missing,
2 bad usage.`;

export interface Common {
  root: string;
  cluster: string | undefined;
  fluxInstance: YamlMap | undefined;
  clusterObjects: YamlMap[];
  sources: Record<string, string>;
  strict: boolean;
  kustomizeVersion: KustomizeVersion;
  format: string | undefined;
  output: string | undefined;
  quiet: boolean;
  help: boolean;
  remote: RemoteFlags;
  noRemoteBases: boolean;
  fetchSources: boolean;
  helm: HelmFlags;
}

function parseFleetArgs(argv: string[], withOutput: boolean) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      cluster: { type: 'string' },
      'flux-instance': { type: 'string' },
      'cluster-objects': { type: 'string', multiple: true },
      source: { type: 'string', multiple: true },
      format: { type: 'string' },
      ...(withOutput ? { output: { type: 'string', short: 'o' } } : {}),
      'no-strict-substitute': { type: 'boolean' },
      'kustomize-version': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
      ...fluxRemoteFlagOptions,
      ...helmFlagOptions,
    },
  });
}

/** The options of `--help`: nothing else is read or checked. */
function helpOnly(remote: RemoteFlags, noRemoteBases: boolean, fetchSources: boolean): Common {
  return {
    root: '',
    cluster: undefined,
    fluxInstance: undefined,
    clusterObjects: [],
    sources: {},
    strict: true,
    kustomizeVersion: FLUX_KUSTOMIZE_VERSION,
    format: undefined,
    output: undefined,
    quiet: false,
    help: true,
    remote,
    noRemoteBases,
    fetchSources,
    helm: {},
  };
}

/** The FluxInstance (or flux-instance HelmRelease, or chart values) of `--flux-instance FILE`. */
function fluxInstanceIn(instanceFile: string): YamlMap {
  const fluxInstance = readObjects(instanceFile).find((o) => readFluxInstanceSync(o) !== undefined);
  if (!fluxInstance)
    throw new CliError(
      `${instanceFile} holds no FluxInstance, flux-instance HelmRelease or chart values with instance.sync.path`,
    );
  return fluxInstance;
}

/** The `--source NAME=DIR` mappings, each folder as a host path. */
function sourceMappings(entries: readonly string[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const s of entries) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--source expects NAME=DIR, got "${s}"`);
    const dir = s.slice(i + 1);
    if (!isDirectory(dir)) throw new CliError(`--source ${s}: ${dir}: no such directory`);
    sources[s.slice(0, i)] = hostPath(dir);
  }
  return sources;
}

export function parseCommon(argv: string[], withOutput: boolean): Common {
  const { values, positionals } = parseFleetArgs(argv, withOutput);
  const help = values.help === true;
  const remote: RemoteFlags = values;
  const noRemoteBases = values['no-remote-bases'] === true;
  const fetchSources = values['fetch-sources'] === true;
  if (help) return helpOnly(remote, noRemoteBases, fetchSources);
  checkRemoteFlags(remote);
  if (positionals.length !== 1) throw new UsageError('specify the repository ROOT (one path)');
  const root = positionals[0] as string;
  if (!isDirectory(root)) throw new CliError(`${root}: no such directory`);
  const cluster = values.cluster;
  const instanceFile = values['flux-instance'];
  if (!cluster && !instanceFile) throw new UsageError('--cluster DIR (or --flux-instance FILE) is required');
  const fluxInstance = instanceFile ? fluxInstanceIn(instanceFile) : undefined;
  const clusterObjects = (values['cluster-objects'] ?? []).flatMap(readObjects);
  const sources = sourceMappings(values.source ?? []);
  return {
    root: hostPath(root),
    cluster,
    fluxInstance,
    clusterObjects,
    sources,
    strict: values['no-strict-substitute'] !== true,
    kustomizeVersion: kustomizeVersionFlag(values['kustomize-version'], FLUX_KUSTOMIZE_VERSION),
    format: values.format,
    output: (values as { output?: string }).output,
    quiet: values.quiet === true,
    help,
    remote,
    noRemoteBases,
    fetchSources,
    helm: helmFlags(values),
  };
}

/** Renders the fleet with remote bases (and, with --fetch-sources, Flux sources) resolved; undefined on failure. */
export async function render(c: Common, io: Io, helmReleases = true): Promise<FleetResult | undefined> {
  const result = await withRemotes(
    c.remote,
    io,
    (remoteLoader, resolver) =>
      renderOnce(c, io, { ...c.sources, ...(resolver?.sourceMapping() ?? {}) }, remoteLoader, helmReleases),
    {
      noRemoteBases: c.noRemoteBases,
      ...(c.fetchSources ? { afterRun: (r: FleetResult, resolver) => resolver.requestSources(wantedSources(r)) } : {}),
    },
  );
  return result;
}

function renderOnce(
  c: Common,
  io: Io,
  sources: Record<string, string>,
  remoteLoader: RemoteLoader,
  helmReleases: boolean,
): FleetResult {
  const progress = progressReporter(io, c.quiet);
  const fs = nodeFs();
  const result = renderFleet(c.root, {
    fs,
    remoteLoader,
    ...(c.cluster !== undefined ? { cluster: c.cluster } : {}),
    ...(c.fluxInstance !== undefined ? { fluxInstance: c.fluxInstance } : {}),
    ...(c.clusterObjects.length > 0 ? { clusterObjects: c.clusterObjects } : {}),
    sources,
    strictSubstitute: c.strict,
    kustomizeVersion: c.kustomizeVersion,
    ...helmRenderOptions(c.helm),
    renderHelmReleases: helmReleases,
    onProgress: (p: { done: number; pending: number; current: string }) =>
      progress.update(`[${p.done}/${p.done + p.pending}] ${p.current}`),
  });
  progress.done();
  for (const hint of sourceHints(result, fs, hostPath('.'))) io.err(`hint: ${hint}\n`);
  return result;
}

/** The mapping documents of a YAML file (usage error when unreadable or malformed). */
function readObjects(file: string): YamlMap[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const stream = parseYamlStream(text, { file });
  const e = stream.errors[0];
  if (e) throw new CliError(`${file}:${e.line ?? 1}:${e.column ?? 1}: ${e.message}`);
  return stream.documents.map((d) => d.value).filter((v): v is YamlMap => isMap(v));
}

/** Prints diagnostics in the one line format, files relative to ROOT. */
export function printDiagnostics(root: string, diags: readonly Diagnostic[], io: Io): void {
  printDiagnosticLines(diags, io, root);
}

/** The rules whose findings `graph` prints (the dependency graph's). */
export const GRAPH_RULES = ['flux/unknown-dependency', 'flux/dependency-cycle'] as const satisfies readonly RuleId[];

/** The rules whose findings `fleet` prints besides the renderer's: the graph's and the Flux objects' own. */
export const FLEET_RULES = [
  ...GRAPH_RULES,
  'flux/deprecated-api',
  'flux/missing-namespace',
] as const satisfies readonly RuleId[];

/** Findings of `rules` over the rendered cluster, through the lint engine. */
export function fleetFindings(result: FleetResult, rules: readonly RuleId[]): Diagnostic[] {
  return lintFleet(result, { fs: nodeFs(), rules });
}

/** JSON-safe copy of a value tree (bigints become numbers when safe, else strings). */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? (Number.isSafeInteger(Number(x)) ? Number(x) : x.toString()) : x,
    ),
  ) as unknown;
}

/**
 * A Kustomization's diagnostics: its own, the findings about it and those of the HelmReleases it renders (a
 * chart that is not local is not reported without --charts).
 */
function kustomizationDiagnostics(
  index: FleetIndex,
  findings: ReadonlyMap<string, readonly Diagnostic[]>,
  quietCharts: boolean,
  k: FleetKustomization,
): Diagnostic[] {
  const ofRelease = (h: FleetHelmRelease): Diagnostic[] =>
    h.diagnostics.filter((d) => !(quietCharts && d.code === 'helm/chart-unavailable'));
  return [...k.diagnostics, ...(findings.get(k.id) ?? []), ...index.releasesOf(k).flatMap(ofRelease)];
}

/** Items grouped by the Kustomization id `idOf` gives, each group in the items' order. */
function groupById<T>(items: readonly T[], idOf: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const id = idOf(t);
    if (id === undefined) continue;
    const l = out.get(id);
    if (l) l.push(t);
    else out.set(id, [t]);
  }
  return out;
}

/** The HelmReleases each Kustomization renders, looked up once (no scan per Kustomization). */
interface FleetIndex {
  releasesOf(k: FleetKustomization): readonly FleetHelmRelease[];
}

function fleetIndex(result: FleetResult): FleetIndex {
  const releases = groupById(result.helmReleases, (h) => h.renderedBy);
  return { releasesOf: (k) => releases.get(k.id) ?? [] };
}

/** The `--format json` document of a rendered fleet. */
function fleetJson(
  result: FleetResult,
  index: FleetIndex,
  ofKustomization: (k: FleetKustomization) => Diagnostic[],
  fleetLevel: readonly Diagnostic[],
): string {
  const doc = {
    version: JSON_FORMAT_VERSION,
    kustomizations: result.kustomizations.map((k) => ({
      id: k.id,
      name: k.name,
      namespace: k.namespace,
      path: k.path,
      source: `${k.source.kind}/${k.source.namespace}/${k.source.name}`,
      status: k.status,
      dependsOn: k.dependsOn,
      objects: k.objects.map((o) => jsonSafe(o.object)),
      helmReleases: index.releasesOf(k).map((h) => ({
        name: h.name,
        namespace: h.namespace,
        releaseName: h.releaseName,
        targetNamespace: h.targetNamespace,
        status: h.status,
        ...(h.renderedChart ? { chart: h.renderedChart.name, version: h.renderedChart.version } : {}),
        objects: h.objects.map((o) => jsonSafe(o.object)),
      })),
      diagnostics: ofKustomization(k).map((d) => toJsonDiagnostic(d, result.root)),
    })),
    diagnostics: fleetLevel.map((d) => toJsonDiagnostic(d, result.root)),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The YAML output: the diagnostics on stderr, the objects on stdout or one file per Kustomization. */
function writeFleetYaml(
  c: Common,
  io: Io,
  result: FleetResult,
  index: FleetIndex,
  allDiags: readonly Diagnostic[],
  quietCharts: boolean,
): void {
  printDiagnostics(result.root, allDiags, io);
  if (c.output) {
    for (const k of result.kustomizations) {
      const dir = hostJoin(c.output, k.namespace);
      mkdirSync(dir, { recursive: true });
      writeFileSync(hostJoin(dir, `${k.name}.yaml`), withReleasesYaml(index, k));
    }
  } else {
    io.out(result.kustomizations.map((k) => withReleasesYaml(index, k)).join('---\n'));
  }
  const unrendered = result.helmReleases.filter((h) => h.status === 'chart-unavailable').length;
  if (quietCharts && unrendered > 0)
    io.err(
      `note: ${unrendered} HelmRelease(s) not rendered: their charts are not local (give a chart folder: --charts DIR)\n`,
    );
}

export async function runFleetCommand(argv: string[], io: Io): Promise<number> {
  const c = parseCommon(argv, true);
  if (c.help) {
    io.out(fleetHelp + '\n');
    return 0;
  }
  const format = c.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json')
    throw new UsageError(`illegal --format ${format}; legal values: yaml, json`);
  const result = await render(c, io);
  if (!result) return 1;
  const findings = fleetFindings(result, FLEET_RULES);
  const quietCharts = c.helm.charts === undefined;
  const index = fleetIndex(result);
  const findingsOf = groupById(findings, (d) => d.kustomization);
  const ofKustomization = (k: FleetKustomization): Diagnostic[] =>
    kustomizationDiagnostics(index, findingsOf, quietCharts, k);
  const fleetLevel = [...result.diagnostics, ...findings.filter((d) => d.kustomization === undefined)];
  const allDiags = [...result.kustomizations.flatMap(ofKustomization), ...fleetLevel];
  if (format === 'json') {
    const text = fleetJson(result, index, ofKustomization, fleetLevel);
    if (c.output) {
      mkdirSync(c.output, { recursive: true });
      writeFileSync(hostJoin(c.output, 'fleet.json'), text);
    } else io.out(text);
  } else {
    writeFleetYaml(c, io, result, index, allDiags, quietCharts);
  }
  const failed =
    result.kustomizations.some((k) => k.status !== 'rendered') || allDiags.some((d) => d.severity === 'error');
  return failed ? 1 : 0;
}

/** A Kustomization's objects, then the objects of each HelmRelease it renders that has any. */
function withReleasesYaml(index: FleetIndex, k: FleetKustomization): string {
  const parts = [kustomizationYaml(k)];
  for (const h of index.releasesOf(k)) {
    if (h.objects.length === 0) continue;
    const chart = h.renderedChart ? ` (chart ${h.renderedChart.name} ${h.renderedChart.version})` : '';
    parts.push(
      `# HelmRelease ${h.id} release ${h.releaseName}${chart}\n` + emitDocuments(h.objects.map((o) => o.object)),
    );
  }
  return parts.join('---\n');
}

function kustomizationYaml(k: FleetResult['kustomizations'][number]): string {
  const head = `# Kustomization ${k.id} (${k.path || './'})${k.status !== 'rendered' ? ` [${k.status}]` : ''}\n`;
  return head + emitDocuments(k.objects.map((o) => o.object));
}
