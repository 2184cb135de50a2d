/// <reference types="node" />
/** `kustomize-ts graph ROOT --cluster DIR`: the dependsOn graph of a cluster's Flux Kustomizations. */
import { graphToDot, graphToMermaid } from '../../flux/graph.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FleetKustomization, FleetResult } from '../../flux/fleet/index.js';
import { JSON_FORMAT_VERSION, toJsonDiagnostic } from '../../lint/format.js';
import { UsageError, type Io } from '../io.js';
import { ExitCode } from '../exit-codes.js';
import { fleetFindings, GRAPH_RULES, parseCommon, printDiagnostics, render } from './fleet.js';

export const graphHelp = `Usage: kustomize-ts graph ROOT --cluster DIR [options]

Prints the dependsOn graph of the Flux Kustomizations the cluster reconciles; cycles and dependencies that
do not exist are marked.

Options:
  --cluster DIR              the cluster folder (e.g. clusters/staging)
  --flux-instance FILE       start from this FluxInstance instead of --cluster
  --source NAME=DIR          map a Flux source to a local folder (repeatable)
  --cluster-objects FILE     YAML objects that exist in the cluster without being in the repository
  --format mermaid|dot|json  output format (default: mermaid)
  --no-strict-substitute     undefined \${VAR} become "" instead of failing
  --kustomize-version 5.8|5.6
                             the kustomize version builds reproduce (default: 5.8, Flux 2.9's v5.8.1)
  -q, --quiet                no progress lines on stderr
  -h, --help                 show this help

Exit status: 0 no cycle and every dependency found, 1 otherwise (or nothing rendered, ROOT missing), 2 bad usage.`;

/** A node of the JSON graph: a Kustomization of the cluster, or a dependency no Kustomization is (`missing`). */
interface JsonNode {
  id: string;
  status?: FleetKustomization['status'];
  missing?: true;
}

/** The JSON format: every node an edge names is a node (missing dependencies marked). */
function graphJson(result: FleetResult, diagnostics: readonly Diagnostic[]): object {
  const g = result.graph;
  const status = new Map(result.kustomizations.map((k) => [k.id, k.status]));
  const nodes: JsonNode[] = g.nodes.map((id) => {
    const s = status.get(id);
    return s !== undefined ? { id, status: s } : { id };
  });
  const known = new Set(g.nodes);
  for (const e of g.edges) {
    for (const id of [e.from, e.to]) {
      if (known.has(id)) continue;
      known.add(id);
      nodes.push({ id, missing: true });
    }
  }
  return {
    version: JSON_FORMAT_VERSION,
    nodes,
    edges: g.edges,
    cycles: g.cycles,
    order: g.order,
    diagnostics: diagnostics.map((d) => toJsonDiagnostic(d, result.root)),
  };
}

export async function runGraphCommand(argv: string[], io: Io): Promise<number> {
  const c = parseCommon(argv, false);
  if (c.help) {
    io.out(graphHelp + '\n');
    return ExitCode.ok;
  }
  const format = c.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot' && format !== 'json') {
    throw new UsageError(`illegal --format ${format}; legal values: mermaid, dot, json`);
  }
  const result = await render(c, io, false); // the graph needs no chart
  if (!result) return 1;
  const g = result.graph;
  const graphDiags = [
    ...fleetFindings(result, GRAPH_RULES),
    // The cluster could not be rendered at all (missing folder, no entry point): there is no graph.
    ...(result.kustomizations.length === 0 ? result.diagnostics.filter((d) => d.severity === 'error') : []),
  ];
  printDiagnostics(result.root, graphDiags, io);
  if (format === 'json') io.out(JSON.stringify(graphJson(result, graphDiags), null, 2) + '\n');
  else if (format === 'dot') io.out(graphToDot(g));
  else io.out(graphToMermaid(g));
  const broken = g.cycles.length > 0 || g.edges.some((e) => e.missing) || result.kustomizations.length === 0;
  return broken ? ExitCode.failed : ExitCode.ok;
}
