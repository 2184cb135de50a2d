/// <reference types="node" />
/**
 * `kustomize-ts validate [PATH...]`: validates plain manifests (files, folders, or `-` for stdin) against
 * the Kubernetes, Flux and CRD schemas, as kubeconform does.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateFiles } from '../../api/validate-files.js';
import type { ValidateStats } from '../../api/validate.js';
import { overlayFs } from '../../fs/overlay.js';
import type { FileSystem } from '../../fs/types.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import { checkArgHelp, checkArgOptions, checkSettings, formatReport } from '../check-options.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { printDiagnostics, type Io } from '../io.js';
import { writeOutputFile } from '../output.js';

export const validateHelp = `Usage: kustomize-ts validate [PATH...] [options]

Validates Kubernetes manifests — files, folders (searched for *.yaml and *.yml, hidden folders left out)
or - for stdin (default: the current directory) — against the Kubernetes 1.36 and Flux schemas, the CRDs
among the files and those of --schema-location, as kubeconform does. For the manifests no kustomization
lists, or the output of another tool (kustomize-ts build . | kustomize-ts validate -). Kustomization files
and documents with neither apiVersion nor kind are skipped. The configuration file is looked for in the
current directory and above.

Options:
${checkArgHelp}
  -h, --help              show this help

Findings are printed as FILE:LINE:COLUMN: severity: message [rule], paths relative to the current directory.

Exit status: 0 no errors, 1 errors found (or a PATH missing, the configuration invalid), 2 bad usage.`;

const STDIN = '/dev/stdin/-';

/** The file system with stdin's text at {@link STDIN} when `-` is among the paths. */
function withStdin(paths: readonly string[]): FileSystem {
  const fs = nodeFs();
  if (!paths.includes('-')) return fs;
  const layered = overlayFs(fs);
  layered.writeFile(STDIN, readFileSync(0, 'utf8'));
  return layered;
}

function statsLine(s: ValidateStats, files: number): string {
  return `${s.objects} objects in ${files} file${files === 1 ? '' : 's'}: ${s.valid} valid, ${s.invalid} invalid, ${s.unknown} without schema, ${s.skipped} skipped\n`;
}

export function runValidateCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: checkArgOptions,
  });
  if (values.help) {
    io.out(validateHelp + '\n');
    return ExitCode.ok;
  }
  const cwd = hostPath('.');
  const paths = positionals.length > 0 ? positionals : ['.'];
  const fs = withStdin(paths);
  const settings = checkSettings(values, fs, cwd);
  if (settings.config && settings.config.diagnostics.length > 0) {
    printDiagnostics(settings.config.diagnostics, io);
    return ExitCode.failed;
  }
  const abs = paths.map((p) => (p === '-' ? STDIN : hostPath(p)));
  paths.forEach((p, i) => {
    if (fs.stat(abs[i] ?? '') === undefined) throw new CliError(`${p}: no such file or directory`);
  });
  const result = validateFiles(abs, {
    fs,
    root: cwd,
    rules: settings.rules,
    schemaLocations: settings.schemaLocations,
    skipKinds: settings.skipKinds,
    ignore: settings.ignore,
    ...(settings.strict !== undefined ? { strict: settings.strict } : {}),
    ...(settings.kubernetesVersion !== undefined ? { kubernetesVersion: settings.kubernetesVersion } : {}),
    ...(settings.minSeverity !== undefined ? { minSeverity: settings.minSeverity } : {}),
  });
  const diagnostics = result.diagnostics.map((d) => (d.file === STDIN ? { ...d, file: '-' } : d));
  let text = formatReport(settings.format, diagnostics, cwd);
  if (settings.format === 'text') text += statsLine(result.stats, result.files.length);
  if (values.output) writeOutputFile(values.output, text);
  else io.out(text);
  return result.ok ? ExitCode.ok : ExitCode.failed;
}
