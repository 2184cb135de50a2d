/// <reference types="node" />
/** `kustomize-ts diff A B`: what changes between two renderings. */
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { diff, formatDiffText } from '../../diff/index.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import type { LoadRestrictor } from '../../build/options.js';
import { printDiagnostic, UsageError, type Io } from '../io.js';

export const diffHelp = `Usage: kustomize-ts diff A B [options]

Compares what two kustomization directories render: two environments of one repository
(apps/staging apps/production), or the same path in two checkouts (what a pull request changes).
Prints each added, removed and changed object with its field-level changes and a unified YAML diff.
Secret values are masked.

Options:
  --format text|json      output format (default text)
  --normalize-names       match objects by their names before prefixes/suffixes, and treat each side's
                          namespace as the same (compare environments)
  --ignore LABEL          leave this label key out of the comparison (repeatable)
  --load-restrictor LoadRestrictionsRootOnly|LoadRestrictionsNone
  -h, --help              show this help

Exit status: 0 no differences, 1 differences, 2 bad usage or a build failed.`;

export function runDiffCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'normalize-names': { type: 'boolean' },
      ignore: { type: 'string', multiple: true },
      'load-restrictor': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(diffHelp + '\n');
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('diff needs two directories: kustomize-ts diff A B');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`illegal --format ${format}; legal values: text, json`);
  const restrictor = (values['load-restrictor'] ?? 'LoadRestrictionsRootOnly') as LoadRestrictor;
  const fs = nodeFs();
  const [a, b] = positionals.map((p) => build(hostPath(p), { fs, loadRestrictor: restrictor }));
  if (!a || !b) return 2;
  let failed = false;
  for (const r of [a, b]) {
    for (const d of r.diagnostics) if (d.severity === 'error') printDiagnostic(d, io);
    if (!r.ok) failed = true;
  }
  if (failed) return 2;
  const result = diff(a, b, { normalizeNames: values['normalize-names'] === true, ignoreLabels: values.ignore ?? [] });
  if (format === 'json') io.out(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  else io.out(formatDiffText(result));
  return result.resources.length === 0 ? 0 : 1;
}
