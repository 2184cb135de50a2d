/// <reference types="node" />
/** `kustomize-ts diff A B`: what changes between two renderings. */
import { parseArgs } from 'node:util';
import { build } from '../../api/build.js';
import { diff, fleetResources, formatDiffText } from '../../diff/index.js';
import { renderFleet } from '../../flux/fleet/index.js';
import type { RenderedResource } from '../../api/build.js';
import { hostPath, nodeFs } from '../../node/node-fs.js';
import type { LoadRestrictor, RemoteLoader } from '../../build/options.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { printDiagnostic, UsageError, type Io } from '../io.js';
import { checkRemoteFlags, remoteFlagOptions, remoteFlagsHelp, withRemotes } from '../remote.js';
import { helmFlagOptions, helmFlags, helmFlagsHelp, helmRenderOptions } from '../helm-flags.js';

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
  -h, --help              show this help

${helmFlagsHelp}

${remoteFlagsHelp}

Exit status: 0 no differences, 1 differences, 2 bad usage or a build failed.`;

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
      cluster: { type: 'boolean' },
      root: { type: 'string' },
      'root-a': { type: 'string' },
      'root-b': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...remoteFlagOptions,
      ...helmFlagOptions,
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
  checkRemoteFlags(values);
  const fs = nodeFs();
  const helmOptions = helmRenderOptions(helmFlags(values));
  const renderSides = (
    remoteLoader: RemoteLoader,
  ): { sides: RenderedResource[][]; errors: Diagnostic[]; failed: boolean } => {
    const sides: RenderedResource[][] = [];
    const errors: Diagnostic[] = [];
    let failed = false;
    const keep = (ds: readonly Diagnostic[]): void => {
      for (const d of ds) if (d.severity === 'error') errors.push(d);
    };
    if (values.cluster) {
      const roots = [values['root-a'] ?? values.root ?? '.', values['root-b'] ?? values.root ?? '.'];
      positionals.forEach((cluster, i) => {
        const fleet = renderFleet(hostPath(roots[i] ?? '.'), { fs, cluster, remoteLoader, ...helmOptions });
        keep(fleet.diagnostics);
        for (const k of fleet.kustomizations) keep(k.diagnostics);
        for (const h of fleet.helmReleases) keep(h.diagnostics);
        if (!fleet.ok) failed = true;
        sides.push(fleetResources(fleet));
      });
    } else {
      for (const p of positionals) {
        const r = build(hostPath(p), { fs, loadRestrictor: restrictor, remoteLoader });
        keep(r.diagnostics);
        if (!r.ok) failed = true;
        sides.push([...r.resources]);
      }
    }
    return { sides, errors, failed };
  };
  const rendered = await withRemotes(values, io, renderSides);
  if (!rendered) return 2;
  for (const d of rendered.errors) printDiagnostic(d, io);
  const { sides } = rendered;
  const failed = rendered.failed;
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
