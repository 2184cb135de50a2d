/// <reference types="node" />
/** `kustomize-ts diff A B`: what changes between two renderings. */
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { diff, fleetResources, formatDiffText } from '../../diff/index.js';
import { renderFleet } from '../../flux/fleet.js';
import type { RenderedResource } from '../../api/build.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import type { LoadRestrictor } from '../../build/options.js';
import { kustomizeVersionFlag } from './build.js';
import { printDiagnostic, UsageError, type Io } from '../io.js';

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
      'kustomize-version': { type: 'string' },
      cluster: { type: 'boolean' },
      root: { type: 'string' },
      'root-a': { type: 'string' },
      'root-b': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(diffHelp + '\n');
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('diff needs two directories: kustomize-ts diff A B');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`illegal --format ${format}; legal values: text, json`);
  const restrictor = (values['load-restrictor'] ?? 'LoadRestrictionsRootOnly') as LoadRestrictor;
  const fs = nodeFs();
  const kustomizeVersion = kustomizeVersionFlag(values['kustomize-version']);
  const sides: RenderedResource[][] = [];
  let failed = false;
  if (values.cluster) {
    const roots = [values['root-a'] ?? values.root ?? '.', values['root-b'] ?? values.root ?? '.'];
    positionals.forEach((cluster, i) => {
      const fleet = renderFleet(hostPath(roots[i] ?? '.'), { fs, cluster, kustomizeVersion });
      for (const d of fleet.diagnostics) if (d.severity === 'error') printDiagnostic(d, io);
      for (const k of fleet.kustomizations)
        for (const d of k.diagnostics) if (d.severity === 'error') printDiagnostic(d, io);
      if (!fleet.ok) failed = true;
      sides.push(fleetResources(fleet));
    });
  } else {
    for (const p of positionals) {
      const r = build(hostPath(p), { fs, loadRestrictor: restrictor, kustomizeVersion });
      for (const d of r.diagnostics) if (d.severity === 'error') printDiagnostic(d, io);
      if (!r.ok) failed = true;
      sides.push([...r.resources]);
    }
  }
  if (failed) return 2;
  const base = (p: string): string => p.replace(/\/+$/, '').split('/').pop() ?? p;
  const result = diff(sides[0] ?? [], sides[1] ?? [], {
    normalizeNames: values['normalize-names'] === true,
    ignoreLabels: values.ignore ?? [],
    environments: [base(positionals[0] ?? ''), base(positionals[1] ?? '')],
  });
  if (format === 'json')
    io.out(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  else io.out(formatDiffText(result));
  return result.resources.length === 0 ? 0 : 1;
}
