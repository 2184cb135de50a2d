/// <reference types="node" />
/** `kustomize-ts graph ROOT --cluster DIR`: the dependsOn graph of a cluster's Flux Kustomizations. */
import { graphToDot, graphToMermaid } from '../../flux/graph.js';
import { UsageError, type Io } from '../io.js';
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
  -h, --help                 show this help

Exit status: 0 no cycle and every dependency found, 1 otherwise, 2 bad usage.`;

export async function runGraphCommand(argv: string[], io: Io): Promise<number> {
  const c = parseCommon(argv, false);
  if (c.help) {
    io.out(graphHelp + '\n');
    return 0;
  }
  const format = c.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot' && format !== 'json') {
    throw new UsageError(`illegal --format ${format}; legal values: mermaid, dot, json`);
  }
  const result = await render(c, io, false); // the graph needs no chart
  if (!result) return 1;
  const g = result.graph;
  printDiagnostics(result.root, fleetFindings(result, GRAPH_RULES), io);
  if (format === 'json')
    io.out(JSON.stringify({ nodes: g.nodes, edges: g.edges, cycles: g.cycles, order: g.order }, null, 2) + '\n');
  else if (format === 'dot') io.out(graphToDot(g));
  else io.out(graphToMermaid(g));
  return g.cycles.length > 0 || g.edges.some((e) => e.missing) ? 1 : 0;
}
