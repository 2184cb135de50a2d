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
import { renderFleet, type FleetResult } from '../../flux/fleet.js';
import type { RemoteLoader } from '../../build/options.js';
import { readFluxInstanceSync } from '../../flux/model.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { isMap, type YamlMap } from '../../yaml/values.js';
import { relative, isWithin } from '../../fs/path.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import { UsageError, type Io } from '../io.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes, type RemoteFlags } from '../remote.js';
import { fluxRemoteFlagOptions, fluxRemoteHelp, wantedSources } from '../flux-sources.js';

export const fleetHelp = `Usage: kustomize-ts fleet ROOT --cluster DIR [options]

Renders every Flux Kustomization the cluster folder DIR (relative to ROOT) reconciles, the way
kustomize-controller builds them (generated kustomizations, Flux patches/images/components, postBuild
substitution, owner labels, commonMetadata), following the Kustomizations found in each output.

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
  -h, --help                 show this help

${fluxRemoteHelp}

${remoteFlagsHelp}

Exit status: 0 everything rendered, 1 some Kustomization failed (the others still render), 2 bad usage.`;

export interface Common {
  root: string;
  cluster: string | undefined;
  fluxInstance: YamlMap | undefined;
  clusterObjects: YamlMap[];
  sources: Record<string, string>;
  strict: boolean;
  format: string | undefined;
  output: string | undefined;
  help: boolean;
  remote: RemoteFlags;
  noRemoteBases: boolean;
  fetchSources: boolean;
}

export function parseCommon(argv: string[], withOutput: boolean): Common {
  const { values, positionals } = parseArgs({
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
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
      ...fluxRemoteFlagOptions,
    },
  });
  const help = values.help === true;
  const remote: RemoteFlags = values;
  const noRemoteBases = values['no-remote-bases'] === true;
  const fetchSources = values['fetch-sources'] === true;
  if (help)
    return {
      root: '',
      cluster: undefined,
      fluxInstance: undefined,
      clusterObjects: [],
      sources: {},
      strict: true,
      format: undefined,
      output: undefined,
      help,
      remote,
      noRemoteBases,
      fetchSources,
    };
  checkRemoteFlags(remote);
  if (positionals.length !== 1) throw new UsageError('specify the repository ROOT (one path)');
  const cluster = values.cluster;
  const instanceFile = values['flux-instance'];
  if (!cluster && !instanceFile) throw new UsageError('--cluster DIR (or --flux-instance FILE) is required');
  let fluxInstance: YamlMap | undefined;
  if (instanceFile) {
    fluxInstance = readObjects(instanceFile).find((o) => readFluxInstanceSync(o) !== undefined);
    if (!fluxInstance)
      throw new UsageError(
        `${instanceFile} holds no FluxInstance, flux-instance HelmRelease or chart values with instance.sync.path`,
      );
  }
  const clusterObjects = (values['cluster-objects'] ?? []).flatMap(readObjects);
  const sources: Record<string, string> = {};
  for (const s of values.source ?? []) {
    const i = s.indexOf('=');
    if (i <= 0 || i === s.length - 1) throw new UsageError(`--source expects NAME=DIR, got "${s}"`);
    sources[s.slice(0, i)] = hostPath(s.slice(i + 1));
  }
  return {
    root: hostPath(positionals[0] as string),
    cluster,
    fluxInstance,
    clusterObjects,
    sources,
    strict: values['no-strict-substitute'] !== true,
    format: values.format,
    output: (values as { output?: string }).output,
    help,
    remote,
    noRemoteBases,
    fetchSources,
  };
}

/** Renders the fleet with remote bases (and, with --fetch-sources, Flux sources) resolved; undefined on failure. */
export async function render(c: Common, io: Io): Promise<FleetResult | undefined> {
  const result = await withRemotes(
    c.remote,
    io,
    (remoteLoader, resolver) => renderOnce(c, io, { ...c.sources, ...(resolver?.sourceMapping() ?? {}) }, remoteLoader),
    {
      noRemoteBases: c.noRemoteBases,
      ...(c.fetchSources ? { afterRun: (r: FleetResult, resolver) => resolver.requestSources(wantedSources(r)) } : {}),
    },
  );
  return result;
}

function renderOnce(c: Common, io: Io, sources: Record<string, string>, remoteLoader: RemoteLoader): FleetResult {
  const progress = io.errIsTty;
  const result = renderFleet(c.root, {
    fs: nodeFs(),
    remoteLoader,
    ...(c.cluster !== undefined ? { cluster: c.cluster } : {}),
    ...(c.fluxInstance !== undefined ? { fluxInstance: c.fluxInstance } : {}),
    ...(c.clusterObjects.length > 0 ? { clusterObjects: c.clusterObjects } : {}),
    sources,
    strictSubstitute: c.strict,
    ...(progress
      ? {
          onProgress: (p: { done: number; pending: number; current: string }) =>
            io.err(`\r\x1b[2K[${p.done}/${p.done + p.pending}] ${p.current}`),
        }
      : {}),
  });
  if (progress) io.err('\r\x1b[2K');
  return result;
}

/** The mapping documents of a YAML file (usage error when unreadable or malformed). */
function readObjects(file: string): YamlMap[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const stream = parseYamlStream(text, { file });
  const e = stream.errors[0];
  if (e) throw new UsageError(`${file}:${e.line ?? 1}:${e.column ?? 1}: ${e.message}`);
  return stream.documents.map((d) => d.value).filter((v): v is YamlMap => isMap(v));
}

function relFile(root: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  return isWithin(root, file) ? relative(root, file) : file;
}

/** A diagnostic as the CLI prints it in JSON: code, severity, message, file (relative to ROOT), line, column. */
function jsonDiagnostic(root: string, d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message };
  const f = relFile(root, d.file);
  if (f !== undefined) out.file = f;
  if (d.line !== undefined) out.line = d.line;
  if (d.column !== undefined) out.column = d.column;
  return out;
}

export function printDiagnostics(root: string, diags: readonly Diagnostic[], io: Io): void {
  for (const d of diags) {
    const f = relFile(root, d.file);
    const where = f !== undefined ? `${f}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
    io.err(`${where}${d.severity}: ${d.message} [${d.code}]\n`);
  }
}

/** JSON-safe copy of a value tree (bigints become numbers when safe, else strings). */
function jsonSafe(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? (Number.isSafeInteger(Number(x)) ? Number(x) : x.toString()) : x,
    ),
  ) as unknown;
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
  const allDiags = [...result.kustomizations.flatMap((k) => k.diagnostics), ...result.diagnostics];
  if (format === 'json') {
    const doc = {
      kustomizations: result.kustomizations.map((k) => ({
        name: k.name,
        namespace: k.namespace,
        path: k.path,
        source: `${k.source.kind}/${k.source.namespace}/${k.source.name}`,
        status: k.status,
        dependsOn: k.dependsOn,
        objects: k.objects.map((o) => jsonSafe(o.object)),
        diagnostics: k.diagnostics.map((d) => jsonDiagnostic(result.root, d)),
      })),
      diagnostics: result.diagnostics.map((d) => jsonDiagnostic(result.root, d)),
    };
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (c.output) {
      mkdirSync(c.output, { recursive: true });
      writeFileSync(hostJoin(c.output, 'fleet.json'), text);
    } else io.out(text);
  } else {
    printDiagnostics(result.root, allDiags, io);
    if (c.output) {
      for (const k of result.kustomizations) {
        const dir = hostJoin(c.output, k.namespace);
        mkdirSync(dir, { recursive: true });
        writeFileSync(hostJoin(dir, `${k.name}.yaml`), kustomizationYaml(k));
      }
    } else {
      io.out(result.kustomizations.map(kustomizationYaml).join('---\n'));
    }
  }
  const failed =
    result.kustomizations.some((k) => k.status !== 'rendered') || allDiags.some((d) => d.severity === 'error');
  return failed ? 1 : 0;
}

function kustomizationYaml(k: FleetResult['kustomizations'][number]): string {
  const head = `# Kustomization ${k.id} (${k.path || './'})${k.status !== 'rendered' ? ` [${k.status}]` : ''}\n`;
  return head + emitDocuments(k.objects.map((o) => o.object));
}
