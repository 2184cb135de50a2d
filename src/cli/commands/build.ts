/// <reference types="node" />
/** `kustomize-ts build DIR`: prints what `kustomize build DIR` prints. */
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import { resourceFiles } from '../../build/output-files.js';
import { printDiagnostics, UsageError, type Io } from '../io.js';
import { ExitCode } from '../exit-codes.js';
import { isDirectory, writeOutputFile, writeOutputFiles } from '../output.js';

export const buildHelp = `Usage: kustomize-ts build [DIR] [options]

Builds the kustomization in DIR (default: the current directory) and prints the result exactly as
\`kustomize build\` (v5.6.0) prints it.

Options:
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
                          file access outside a kustomization's directory (default: RootOnly)
  --reorder legacy|none   output order when the kustomization has no sortOptions (default: legacy)
  --enable-managedby-label  add app.kubernetes.io/managed-by
  -o, --output PATH       write to PATH instead of stdout; when PATH is an existing directory, one file
                          per resource, named as \`kustomize build -o DIR\` names them
                          ([NAMESPACE_]GROUP_VERSION_KIND_NAME.yaml)
  -h, --help              show this help

Warnings and errors go to stderr as FILE:LINE:COLUMN: severity: message [code].

Exit status: 0 built, 1 the build failed or the output could not be written, 2 bad usage.`;

export function runBuildCommand(argv: string[], io: Io): number {
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
    loadRestrictor: restrictor,
    // Only an explicit --reorder competes with sortOptions (kustomize warns then).
    ...(values.reorder !== undefined ? { reorder } : {}),
    enableManagedByLabel: values['enable-managedby-label'] === true,
  });
  printDiagnostics(result.diagnostics, io);
  if (!result.ok) return ExitCode.failed;
  if (values.output === undefined) io.out(result.toYaml());
  else if (isDirectory(values.output)) writeOutputFiles(values.output, resourceFiles(result.resources));
  else writeOutputFile(values.output, result.toYaml());
  return ExitCode.ok;
}
