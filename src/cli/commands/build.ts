/// <reference types="node" />
/**
 * `kustomize-ts build DIR`: prints what `kustomize build DIR` prints. With several folders (or
 * `--recursive`), renders them all in one process (build-many.ts).
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import {
  DEFAULT_KUSTOMIZE_VERSION,
  describeKustomizeVersions,
  parseKustomizeVersion,
  type KustomizeVersion,
} from '../../kustomization/versions.js';
import type { BuildApiOptions, BuildResult } from '../../api/build.js';
import { parseRepoSpec } from '../../build/repo-spec.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { resourceFiles } from '../../build/output-files.js';
import { printDiagnostics, UsageError, type Io } from '../io.js';
import { ExitCode } from '../exit-codes.js';
import { isDirectory, writeOutputFile, writeOutputFiles } from '../output.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes } from '../remote.js';
import { buildMany } from './build-many.js';

export const buildHelp = `Usage: kustomize-ts build [DIR...|REPO_URL] [options]

Builds the kustomization in DIR (default: the current directory), or in a git repo URL as kustomize accepts
one, and prints the result exactly as \`kustomize build\` prints it: kustomize v5.8.1 by default, v5.6.0 with
--kustomize-version 5.6.

With several DIRs, or --recursive (every kustomization folder under each DIR, hidden folders skipped),
builds them all in one process, which is much faster than one process per folder: files and shared
bases are read and parsed once. Each folder's output is printed after a "# build DIR" line (documents
of successive folders separated by ---), or with -o OUT written to OUT/<path>.yaml, where <path> is the
folder's path from the parent of the DIRs' common ancestor (kustomize-ts build -r apps -o out writes
out/apps.yaml when apps is itself a kustomization, out/apps/web.yaml, ...). A folder that fails does
not stop the others.

Options:
  --kustomize-version 5.8|5.6
                          the kustomize version to reproduce (also v5.8.1, v5.6.0; default: 5.8)
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
                          file access outside a kustomization's directory (default: RootOnly)
  --reorder legacy|none   output order when the kustomization has no sortOptions (default: legacy)
  --enable-managedby-label  add app.kubernetes.io/managed-by
  -o, --output PATH       write to PATH instead of stdout; when PATH is an existing directory, one file
                          per resource, named as \`kustomize build -o DIR\` names them
                          ([NAMESPACE_]GROUP_VERSION_KIND_NAME.yaml); several folders: a directory
  -r, --recursive         build every kustomization folder under each DIR
  -h, --help              show this help

${remoteFlagsHelp}

Warnings and errors go to stderr as FILE:LINE:COLUMN: severity: message [code].

Exit status: 0 built, 1 the build (of some folder) failed or the output could not be written, 2 bad usage.`;

/** Reads `--kustomize-version` (default 5.8). Throws UsageError for a version kustomize-ts does not reproduce. */
export function kustomizeVersionFlag(
  value: string | undefined,
  fallback: KustomizeVersion = DEFAULT_KUSTOMIZE_VERSION,
): KustomizeVersion {
  if (value === undefined) return fallback;
  const v = parseKustomizeVersion(value);
  if (v === undefined) {
    throw new UsageError(
      `illegal flag value --kustomize-version ${value}; legal values: ${describeKustomizeVersions()}`,
    );
  }
  return v;
}

export async function runBuildCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'load-restrictor': { type: 'string' },
      'kustomize-version': { type: 'string' },
      reorder: { type: 'string' },
      'enable-managedby-label': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      recursive: { type: 'boolean', short: 'r' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
    },
  });
  if (values.help) {
    io.out(buildHelp + '\n');
    return ExitCode.ok;
  }
  const restrictor = values['load-restrictor'] ?? 'LoadRestrictionsRootOnly';
  if (restrictor !== 'LoadRestrictionsRootOnly' && restrictor !== 'LoadRestrictionsNone') {
    throw new UsageError(
      `illegal flag value --load-restrictor ${restrictor}; legal values: LoadRestrictionsRootOnly, LoadRestrictionsNone`,
    );
  }
  const reorder = values.reorder ?? 'legacy';
  if (reorder !== 'legacy' && reorder !== 'none') {
    throw new UsageError(`illegal flag value --reorder ${reorder}; legal values: legacy, none`);
  }
  checkRemoteFlags(values);
  const target = positionals[0] ?? '.';
  const fs = nodeFs();
  const options: Omit<BuildApiOptions, 'fs'> = {
    kustomizeVersion: kustomizeVersionFlag(values['kustomize-version']),
    loadRestrictor: restrictor,
    // Only an explicit --reorder competes with sortOptions (kustomize warns then).
    ...(values.reorder !== undefined ? { reorder } : {}),
    enableManagedByLabel: values['enable-managedby-label'] === true,
  };
  if (positionals.length > 1 || values.recursive) {
    const dirs = (positionals.length > 0 ? positionals : ['.']).map(hostPath);
    return buildMany(dirs, { recursive: values.recursive === true, output: values.output, build: options }, io);
  }
  // kustomize builds a repo URL argument from a clone (its NewLoader tries the repo spec first).
  const remoteTop = parseRepoSpec(target) !== undefined;
  const result = await withRemotes(values, io, (remoteLoader): BuildResult => {
    if (!remoteTop) return build(hostPath(target), { ...options, fs, remoteLoader });
    const got = remoteLoader(target, 'repo');
    if (got && 'error' in got) return failedBuild(got.code ?? 'load/remote', got.error);
    return build(got?.path ?? '/', { ...options, fs: got?.fs ?? fs, remoteLoader });
  });
  if (!result) return ExitCode.failed;
  printDiagnostics(result.diagnostics, io);
  if (!result.ok) return ExitCode.failed;
  if (values.output === undefined) io.out(result.toYaml());
  else if (isDirectory(values.output)) writeOutputFiles(values.output, resourceFiles(result.resources));
  else writeOutputFile(values.output, result.toYaml());
  return ExitCode.ok;
}

/** A build that failed before it started (the repo URL argument could not be fetched). */
function failedBuild(code: DiagnosticCode, message: string): BuildResult {
  return {
    ok: false,
    resources: [],
    diagnostics: [diagnostic(code, 'error', message, { source: 'kustomize' })],
    unmatchedPatchTargets: [],
    toYaml: () => '',
  };
}
