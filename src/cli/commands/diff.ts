/// <reference types="node" />
/** `kustomize-ts diff A B`: what changes between two renderings. */
import { helmFlagOptions, helmFlags, helmFlagsHelp, helmRenderOptions } from '../helm-flags.js';
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { diff, fleetResources, formatDiffText } from '../../diff/index.js';
import { renderFleet } from '../../flux/fleet/index.js';
import type { RenderedResource } from '../../api/build.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import type { LoadRestrictor, RemoteLoader } from '../../build/options.js';
import type { KustomizeVersionInput } from '../../kustomization/versions.js';
import { kustomizeVersionFlag } from './build.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes, type RemoteFlags } from '../remote.js';
import { printDiagnostics, UsageError, type Io } from '../io.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FileSystem } from '../../fs/types.js';
import { JSON_FORMAT_VERSION, toJsonDiagnostic, type JsonDiagnostic } from '../../lint/format.js';
import { ExitCode } from '../exit-codes.js';
import { progressReporter } from '../progress.js';
import { CliError } from '../errors.js';
import { isDirectory } from '../output.js';
import { parseRepoSpec } from '../../build/repo-spec.js';
import { join } from 'node:path';

/** The options of `diff` that reach the cluster rendering. */
interface DiffValues {
  root?: string | undefined;
  'root-a'?: string | undefined;
  'root-b'?: string | undefined;
  quiet?: boolean | undefined;
}

/** What both sides are rendered with. */
interface RenderWith {
  remoteLoader: RemoteLoader;
  kustomizeVersion: KustomizeVersionInput;
  /** HelmRelease rendering (`--charts`, `--kube-version`, `--schema-cache`), for clusters. */
  helm: ReturnType<typeof helmRenderOptions>;
}

export const diffHelp = `Usage: kustomize-ts diff A B [options]
       kustomize-ts diff --cluster A B [--root DIR | --root-a DIR --root-b DIR] [options]

Compares what two kustomization directories render: two environments of one repository
(apps/staging apps/production), or the same path in two checkouts (what a pull request changes).
With --cluster, A and B are Flux cluster folders (relative to their roots) and every object the
clusters' Kustomizations apply is compared. Prints each added, removed and changed object with its
field-level changes and a unified YAML diff. Secret values are masked.

Options:
  --cluster               A and B are cluster folders, rendered as Flux renders them
  --root DIR              repository root of both clusters (default: the current directory)
  --root-a DIR, --root-b DIR
                          repository roots of A and B (two checkouts)
  --format text|json      output format (default text)
  --normalize-names       compare environments: match objects by their names before prefixes/suffixes,
                          treat each side's namespace as the same, and read each side's folder name
                          (staging, production) as the same word <env> in names and values
  --ignore LABEL          leave this label key out of the comparison (repeatable)
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
  --kustomize-version 5.8|5.6
                          the kustomize version builds reproduce (default: 5.8)
  -q, --quiet             no progress lines on stderr (--cluster)
  -h, --help              show this help

${helmFlagsHelp}

${remoteFlagsHelp}

With --cluster, a Flux Kustomization that fails on either side is left out of the comparison on both
sides and listed after the differences ("not compared"); the others are compared.

Exit status: 0 no differences, 1 differences (or a folder given does not exist), 2 bad usage, 3 some side
(or Kustomization) could not be rendered: what rendered is still compared.`;

export async function runDiffCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'normalize-names': { type: 'boolean' },
      ignore: { type: 'string', multiple: true },
      'load-restrictor': { type: 'string' },
      'kustomize-version': { type: 'string' },
      cluster: { type: 'boolean' },
      root: { type: 'string' },
      'root-a': { type: 'string' },
      'root-b': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
      ...helmFlagOptions,
    },
  });
  if (values.help) {
    io.out(diffHelp + '\n');
    return ExitCode.ok;
  }
  const format = checkArguments(positionals, values);
  const restrictor = (values['load-restrictor'] ?? 'LoadRestrictionsRootOnly') as LoadRestrictor;
  const fs = nodeFs();
  const kustomizeVersion = kustomizeVersionFlag(values['kustomize-version']);
  const helmOptions = helmRenderOptions(helmFlags(values));
  const sides = await withRemotes(values, io, (remoteLoader) => {
    const using: RenderWith = { remoteLoader, kustomizeVersion, helm: helmOptions };
    return values.cluster
      ? renderClusters(positionals, values, using, io)
      : positionals.map((p) => buildSide(p, restrictor, fs, using, io));
  });
  if (!sides) return ExitCode.usage;
  const failed = sides.flatMap((side, i) => side.failed.map((f) => ({ side: i === 0 ? 'A' : 'B', ...f })));
  // Without --cluster a failed side rendered nothing: there is nothing to compare.
  const comparable = values.cluster === true || failed.length === 0;
  const base = (p: string): string => p.replace(/\/+$/, '').split('/').pop() ?? p;
  const result = diff(comparable ? (sides[0]?.resources ?? []) : [], comparable ? (sides[1]?.resources ?? []) : [], {
    normalizeNames: values['normalize-names'] === true,
    ignoreLabels: values.ignore ?? [],
    environments: [base(positionals[0] ?? ''), base(positionals[1] ?? '')],
  });
  if (format === 'json') {
    const doc = { version: JSON_FORMAT_VERSION, ...result, failed };
    io.out(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  } else {
    io.out(formatDiffText(result));
    for (const f of failed) io.out(`not compared (failed in ${f.side}): ${f.what}\n`);
  }
  if (failed.length > 0) return ExitCode.incomplete;
  return result.resources.length === 0 ? ExitCode.ok : ExitCode.failed;
}

/** The command line checked (usage errors, exit 2; missing folders, exit 1); the output format. */
function checkArguments(
  positionals: readonly string[],
  values: DiffValues & RemoteFlags & { cluster?: boolean | undefined; format?: string | undefined },
): 'text' | 'json' {
  if (positionals.length !== 2) throw new UsageError('diff needs two directories: kustomize-ts diff A B');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`illegal --format ${format}; legal values: text, json`);
  checkRemoteFlags(values);
  checkDirectories(positionals, values);
  return format;
}

/**
 * A folder named on the command line that does not exist is exit 1, as in every command (a folder that renders
 * on one side only is a comparison: exit 3). With --cluster: the roots, and a cluster folder missing on both sides.
 */
function checkDirectories(
  positionals: readonly string[],
  values: DiffValues & { cluster?: boolean | undefined },
): void {
  if (!values.cluster) {
    for (const p of positionals)
      if (parseRepoSpec(p) === undefined && !isDirectory(p)) throw new CliError(`${p}: no such directory`);
    return;
  }
  const flags = [
    values['root-a'] !== undefined ? '--root-a' : '--root',
    values['root-b'] !== undefined ? '--root-b' : '--root',
  ];
  const roots = [values['root-a'] ?? values.root ?? '.', values['root-b'] ?? values.root ?? '.'];
  roots.forEach((root, i) => {
    if (!isDirectory(root)) throw new CliError(`${flags[i] ?? '--root'} ${root}: no such directory`);
  });
  const [a = '', b = ''] = positionals;
  if (!isDirectory(join(roots[0] ?? '.', a)) && !isDirectory(join(roots[1] ?? '.', b)))
    throw new CliError(
      `--cluster ${a === b ? a : `${a} and ${b}`}: no such directory under ${[...new Set(roots)].join(' or ')}`,
    );
}

/** One side of the comparison: what rendered, and what failed (left out of both sides). */
interface Side {
  resources: RenderedResource[];
  failed: { what: string; diagnostics: JsonDiagnostic[] }[];
}

function buildSide(path: string, loadRestrictor: LoadRestrictor, fs: FileSystem, using: RenderWith, io: Io): Side {
  const r = build(hostPath(path), {
    fs,
    loadRestrictor,
    remoteLoader: using.remoteLoader,
    kustomizeVersion: using.kustomizeVersion,
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  printDiagnostics(errors, io);
  const failed = r.ok ? [] : [{ what: path, diagnostics: errors.map((d) => toJsonDiagnostic(d)) }];
  return { resources: [...r.resources], failed };
}

/**
 * Renders both cluster folders; the Kustomizations that failed on either side are left out of both (their
 * objects would show as added or removed) and listed, the others compared.
 */
function renderClusters(clusters: readonly string[], values: DiffValues, using: RenderWith, io: Io): Side[] {
  const roots = [values['root-a'] ?? values.root ?? '.', values['root-b'] ?? values.root ?? '.'];
  const progress = progressReporter(io, values.quiet === true);
  const fleets = clusters.map((cluster, i) =>
    renderFleet(hostPath(roots[i] ?? '.'), {
      fs: nodeFs(),
      cluster,
      remoteLoader: using.remoteLoader,
      kustomizeVersion: using.kustomizeVersion,
      ...using.helm,
      onProgress: (p) => progress.update(`${cluster}: [${p.done}/${p.done + p.pending}] ${p.current}`),
    }),
  );
  progress.done();
  const failedIds = new Set(
    fleets.flatMap((f) => f.kustomizations.filter((k) => k.status === 'failed').map((k) => k.id)),
  );
  return fleets.map((fleet) => {
    const errors = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');
    printDiagnostics(
      [...errors(fleet.diagnostics), ...fleet.kustomizations.flatMap((k) => errors(k.diagnostics))],
      io,
      fleet.root,
    );
    const failed: Side['failed'] = fleet.kustomizations
      .filter((k) => k.status === 'failed')
      .map((k) => ({
        what: `Kustomization ${k.id}`,
        diagnostics: errors(k.diagnostics).map((d) => toJsonDiagnostic(d, fleet.root)),
      }));
    if (fleet.kustomizations.length === 0 && errors(fleet.diagnostics).length > 0)
      failed.push({
        what: `cluster ${fleet.cluster}`,
        diagnostics: errors(fleet.diagnostics).map((d) => toJsonDiagnostic(d, fleet.root)),
      });
    const kept = { ...fleet, kustomizations: fleet.kustomizations.filter((k) => !failedIds.has(k.id)) };
    return { resources: fleetResources(kept), failed };
  });
}
