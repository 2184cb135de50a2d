/// <reference types="node" />
/** `kustomize-ts build DIR`: prints what `kustomize build DIR` prints. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import type { BuildApiOptions, BuildResult } from '../../api/build.js';
import { parseRepoSpec } from '../../build/repo-spec.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { printDiagnostic, UsageError, type Io } from '../io.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes } from '../remote.js';

export const buildHelp = `Usage: kustomize-ts build [DIR|REPO_URL] [options]

Builds the kustomization in DIR (default: the current directory), or in a git repo URL as kustomize accepts
one, and prints the result exactly as \`kustomize build\` (v5.6.0) prints it.

Options:
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
                          file access outside a kustomization's directory (default: RootOnly)
  --reorder legacy|none   output order when the kustomization has no sortOptions (default: legacy)
  --enable-managedby-label  add app.kubernetes.io/managed-by
  -o, --output FILE       write to FILE instead of stdout
  -h, --help              show this help

${remoteFlagsHelp}

Exit status: 0 built, 1 the build failed, 2 bad usage.`;

export async function runBuildCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'load-restrictor': { type: 'string' },
      reorder: { type: 'string' },
      'enable-managedby-label': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
    },
  });
  if (values.help) {
    io.out(buildHelp + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('specify one path to kustomization.yaml');
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
    loadRestrictor: restrictor,
    // Only an explicit --reorder competes with sortOptions (kustomize warns then).
    ...(values.reorder !== undefined ? { reorder } : {}),
    enableManagedByLabel: values['enable-managedby-label'] === true,
  };
  // kustomize builds a repo URL argument from a clone (its NewLoader tries the repo spec first).
  const remoteTop = parseRepoSpec(target) !== undefined;
  const result = await withRemotes(values, io, (remoteLoader): BuildResult => {
    if (!remoteTop) return build(hostPath(target), { ...options, fs, remoteLoader });
    const got = remoteLoader(target, 'repo');
    if (got && 'error' in got) return failedBuild(got.code ?? 'load/remote', got.error);
    return build(got?.path ?? '/', { ...options, fs: got?.fs ?? fs, remoteLoader });
  });
  if (!result) return 1;
  for (const d of result.diagnostics) printDiagnostic(d, io);
  if (!result.ok) return 1;
  const yaml = result.toYaml();
  if (values.output) writeFileSync(values.output, yaml);
  else io.out(yaml);
  return 0;
}

/** A build that failed before it started (the repo URL argument could not be fetched). */
function failedBuild(code: string, message: string): BuildResult {
  return {
    ok: false,
    resources: [],
    diagnostics: [diagnostic(code, 'error', message, { source: 'kustomize' })],
    unmatchedPatchTargets: [],
    toYaml: () => '',
  };
}
