/// <reference types="node" />
/** `kustomize-ts build DIR`: prints what `kustomize build DIR` prints. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import type { LoadRestrictor, Reorder } from '../../build/options.js';
import {
  DEFAULT_KUSTOMIZE_VERSION,
  describeKustomizeVersions,
  parseKustomizeVersion,
  type KustomizeVersion,
} from '../../build/versions.js';
import { printDiagnostic, UsageError, type Io } from '../io.js';

export const buildHelp = `Usage: kustomize-ts build [DIR] [options]

Builds the kustomization in DIR (default: the current directory) and prints the result exactly as
\`kustomize build\` prints it: kustomize v5.8.1 by default, v5.6.0 with --kustomize-version 5.6.

Options:
  --kustomize-version 5.8|5.6
                          the kustomize version to reproduce (also v5.8.1, v5.6.0; default: 5.8)
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
                          file access outside a kustomization's directory (default: RootOnly)
  --reorder legacy|none   output order when the kustomization has no sortOptions (default: legacy)
  --enable-managedby-label  add app.kubernetes.io/managed-by
  -o, --output FILE       write to FILE instead of stdout
  -h, --help              show this help

Exit status: 0 built, 1 the build failed, 2 bad usage.`;

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

export function runBuildCommand(argv: string[], io: Io): number {
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
      help: { type: 'boolean', short: 'h' },
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
  const dir = hostPath(positionals[0] ?? '.');
  const result = build(dir, {
    fs: nodeFs(),
    kustomizeVersion: kustomizeVersionFlag(values['kustomize-version']),
    loadRestrictor: restrictor as LoadRestrictor,
    // Only an explicit --reorder competes with sortOptions (kustomize warns then).
    ...(values.reorder !== undefined ? { reorder: reorder as Reorder } : {}),
    enableManagedByLabel: values['enable-managedby-label'] === true,
  });
  for (const d of result.diagnostics) printDiagnostic(d, io);
  if (!result.ok) return 1;
  const yaml = result.toYaml();
  if (values.output) writeFileSync(values.output, yaml);
  else io.out(yaml);
  return 0;
}
