/**
 * The `dependsOn` graph of the Flux Kustomizations of one cluster (spec §5): edges from a dependent to
 * each dependency (`namespace/name`, namespace defaulted to the dependent's), dependencies that exist
 * nowhere, and cycles (strongly connected components, self-loops included) — the controller detects
 * neither and waits forever. Renderers for Mermaid and Graphviz dot.
 */

/** One node: a Flux Kustomization (`namespace/name`) and what it depends on. */
export interface GraphInput {
  id: string;
  dependsOn: readonly string[];
}

/** An edge from a dependent to a dependency. */
export interface DependencyEdge {
  from: string;
  to: string;
  /** True when no Kustomization `to` exists in the cluster. */
  missing: boolean;
}

/** The dependency graph. */
export interface DependencyGraph {
  /** Node ids in input order. */
  nodes: string[];
  edges: DependencyEdge[];
  /** Each cycle as the ids along it, starting and ending at the same node (`[a, b, a]`). */
  cycles: string[][];
  /** Ids in an order where dependencies come first (nodes in cycles last, in input order). */
  order: string[];
}

/** Builds the graph; duplicate ids and duplicate edges are merged. */
export function buildDependencyGraph(items: readonly GraphInput[]): DependencyGraph {
  const nodes: string[] = [];
  const adj = new Map<string, string[]>();
  for (const it of items) {
    if (!adj.has(it.id)) {
      adj.set(it.id, []);
      nodes.push(it.id);
    }
  }
  const edges: DependencyEdge[] = [];
  const seen = new Set<string>();
  for (const it of items) {
    for (const to of it.dependsOn) {
      const key = `${it.id}\u0000${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const missing = !adj.has(to);
      edges.push({ from: it.id, to, missing });
      if (!missing) (adj.get(it.id) as string[]).push(to);
    }
  }
  const cycles = findCycles(nodes, adj);
  const order = topoOrder(nodes, adj);
  return { nodes, edges, cycles, order };
}

function findCycles(nodes: readonly string[], adj: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components (iterative).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  for (const start of nodes) {
    if (idx.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    idx.set(start, index);
    low.set(start, index);
    index++;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { v: string; i: number };
      const succ = adj.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++] as string;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index);
          index++;
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v) as number, idx.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(top.v) as number));
      if (low.get(top.v) === idx.get(top.v)) {
        const comp: string[] = [];
        for (;;) {
          const w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
          if (w === top.v) break;
        }
        const selfLoop = comp.length === 1 && (adj.get(top.v) ?? []).includes(top.v);
        if (comp.length > 1 || selfLoop) sccs.push(comp);
      }
    }
  }
  const position = new Map(nodes.map((n, i) => [n, i]));
  return sccs
    .map((comp) => cycleThrough(comp, adj, position))
    .sort((a, b) => (position.get(a[0] as string) as number) - (position.get(b[0] as string) as number));
}

/** A concrete cycle inside a strongly connected component, starting at its first node in input order. */
function cycleThrough(
  comp: readonly string[],
  adj: ReadonlyMap<string, readonly string[]>,
  position: ReadonlyMap<string, number>,
): string[] {
  const members = new Set(comp);
  const start = [...comp].sort((a, b) => (position.get(a) as number) - (position.get(b) as number))[0] as string;
  // Breadth-first search back to `start` inside the component.
  const prev = new Map<string, string>();
  const queue: string[] = [start];
  const visited = new Set<string>([start]);
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of adj.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let c: string | undefined = v; c !== undefined && c !== start; c = prev.get(c)) path.splice(1, 0, c);
        path.push(start);
        return path;
      }
      if (!visited.has(w)) {
        visited.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function topoOrder(nodes: readonly string[], adj: ReadonlyMap<string, readonly string[]>): string[] {
  // Depth-first post-order (iterative): every node after the nodes it depends on.
  const out: string[] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    if (seen.has(start)) continue;
    seen.add(start);
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    while (work.length > 0) {
      const top = work[work.length - 1] as { v: string; i: number };
      const succ = adj.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++] as string;
        if (!seen.has(w)) {
          seen.add(w);
          work.push({ v: w, i: 0 });
        }
        continue;
      }
      work.pop();
      out.push(top.v);
    }
  }
  return out;
}

/** Node ids that lie on a cycle. */
export function nodesInCycles(graph: DependencyGraph): Set<string> {
  return new Set(graph.cycles.flat());
}

function mermaidId(id: string, ids: Map<string, string>): string {
  let v = ids.get(id);
  if (!v) {
    v = `n${ids.size}`;
    ids.set(id, v);
  }
  return v;
}

/** Mermaid flowchart: dependencies point to their dependents; cycle edges and missing nodes are marked. */
export function graphToMermaid(graph: DependencyGraph): string {
  const ids = new Map<string, string>();
  const inCycle = nodesInCycles(graph);
  const cycleEdges = cycleEdgeSet(graph);
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) lines.push(`  ${mermaidId(n, ids)}["${n}"]`);
  const missing = [...new Set(graph.edges.filter((e) => e.missing).map((e) => e.to))];
  for (const m of missing) lines.push(`  ${mermaidId(m, ids)}["${m} (not found)"]`);
  graph.edges.forEach((e) => {
    const arrow = cycleEdges.has(`${e.from}\u0000${e.to}`) ? '-. cycle .->' : e.missing ? '-.->' : '-->';
    lines.push(`  ${mermaidId(e.to, ids)} ${arrow} ${mermaidId(e.from, ids)}`);
  });
  lines.push('  classDef cycle stroke:#d00,stroke-width:3px;');
  lines.push('  classDef missing stroke-dasharray: 5 5,stroke:#d00;');
  for (const n of inCycle) lines.push(`  class ${mermaidId(n, ids)} cycle;`);
  for (const m of missing) lines.push(`  class ${mermaidId(m, ids)} missing;`);
  return lines.join('\n') + '\n';
}

function cycleEdgeSet(graph: DependencyGraph): Set<string> {
  const s = new Set<string>();
  for (const c of graph.cycles) for (let i = 0; i + 1 < c.length; i++) s.add(`${c[i]}\u0000${c[i + 1]}`);
  return s;
}

function dotQuote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Graphviz dot: dependencies point to their dependents; cycles in red, missing nodes dashed. */
export function graphToDot(graph: DependencyGraph): string {
  const inCycle = nodesInCycles(graph);
  const cycleEdges = cycleEdgeSet(graph);
  const lines = ['digraph dependsOn {', '  rankdir=LR;', '  node [shape=box];'];
  for (const n of graph.nodes) lines.push(`  ${dotQuote(n)}${inCycle.has(n) ? ' [color=red, penwidth=2]' : ''};`);
  const missing = [...new Set(graph.edges.filter((e) => e.missing).map((e) => e.to))];
  for (const m of missing)
    lines.push(`  ${dotQuote(m)} [style=dashed, color=red, label=${dotQuote(m + '\n(not found)')}];`);
  for (const e of graph.edges) {
    const attrs = cycleEdges.has(`${e.from}\u0000${e.to}`)
      ? ' [color=red, label="cycle"]'
      : e.missing
        ? ' [style=dashed]'
        : '';
    lines.push(`  ${dotQuote(e.to)} -> ${dotQuote(e.from)}${attrs};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
