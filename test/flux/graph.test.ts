/** The dependsOn graph: edges, missing dependencies, cycles, order, Mermaid and dot output. */
import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, graphToDot, graphToMermaid, nodesInCycles } from '../../src/flux/graph.js';

describe('buildDependencyGraph', () => {
  const cases: [name: string, input: { id: string; dependsOn: string[] }[], cycles: string[][], order: string[]][] = [
    [
      'a chain',
      [
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['c'] },
        { id: 'c', dependsOn: [] },
      ],
      [],
      ['c', 'b', 'a'],
    ],
    [
      'a diamond',
      [
        { id: 'top', dependsOn: ['l', 'r'] },
        { id: 'l', dependsOn: ['base'] },
        { id: 'r', dependsOn: ['base'] },
        { id: 'base', dependsOn: [] },
      ],
      [],
      ['base', 'l', 'r', 'top'],
    ],
    [
      'a cycle of three',
      [
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['c'] },
        { id: 'c', dependsOn: ['a'] },
      ],
      [['a', 'b', 'c', 'a']],
      ['c', 'b', 'a'],
    ],
    ['a self-loop', [{ id: 's', dependsOn: ['s'] }], [['s', 's']], ['s']],
    [
      'two cycles sharing nothing, reported in input order',
      [
        { id: 'x', dependsOn: ['y'] },
        { id: 'y', dependsOn: ['x'] },
        { id: 'p', dependsOn: ['q'] },
        { id: 'q', dependsOn: ['p'] },
      ],
      [
        ['x', 'y', 'x'],
        ['p', 'q', 'p'],
      ],
      ['y', 'x', 'q', 'p'],
    ],
    [
      'a cycle reached from outside',
      [
        { id: 'app', dependsOn: ['a'] },
        { id: 'a', dependsOn: ['b'] },
        { id: 'b', dependsOn: ['a'] },
      ],
      [['a', 'b', 'a']],
      ['b', 'a', 'app'],
    ],
  ];
  it.each(cases)('%s', (_name, input, cycles, order) => {
    const g = buildDependencyGraph(input);
    expect(g.cycles).toEqual(cycles);
    expect(g.order).toEqual(order);
  });
  it('marks edges to unknown nodes as missing and merges duplicates', () => {
    const g = buildDependencyGraph([
      { id: 'a', dependsOn: ['nope', 'b', 'b'] },
      { id: 'b', dependsOn: [] },
    ]);
    expect(g.edges).toEqual([
      { from: 'a', to: 'nope', missing: true },
      { from: 'a', to: 'b', missing: false },
    ]);
    expect(g.nodes).toEqual(['a', 'b']);
  });
  it('handles long chains without recursion limits', () => {
    const n = 200_000;
    const input = Array.from({ length: n }, (_, i) => ({ id: `k${i}`, dependsOn: i + 1 < n ? [`k${i + 1}`] : ['k0'] }));
    const g = buildDependencyGraph(input);
    expect(g.cycles).toHaveLength(1);
    expect(g.cycles[0]).toHaveLength(n + 1);
  });
});

describe('graph output', () => {
  const g = buildDependencyGraph([
    { id: 'flux-system/apps', dependsOn: ['flux-system/infra', 'flux-system/missing'] },
    { id: 'flux-system/infra', dependsOn: [] },
    { id: 'flux-system/a', dependsOn: ['flux-system/b'] },
    { id: 'flux-system/b', dependsOn: ['flux-system/a'] },
  ]);
  it('lists the nodes on cycles', () => {
    expect([...nodesInCycles(g)].sort()).toEqual(['flux-system/a', 'flux-system/b']);
  });
  it('renders Mermaid with dependencies pointing at dependents, cycles and missing nodes marked', () => {
    expect(graphToMermaid(g)).toBe(
      [
        'flowchart LR',
        '  n0["flux-system/apps"]',
        '  n1["flux-system/infra"]',
        '  n2["flux-system/a"]',
        '  n3["flux-system/b"]',
        '  n4["flux-system/missing (not found)"]',
        '  n1 --> n0',
        '  n4 -.-> n0',
        '  n3 -. cycle .-> n2',
        '  n2 -. cycle .-> n3',
        '  classDef cycle stroke:#d00,stroke-width:3px;',
        '  classDef missing stroke-dasharray: 5 5,stroke:#d00;',
        '  class n2 cycle;',
        '  class n3 cycle;',
        '  class n4 missing;',
        '',
      ].join('\n'),
    );
  });
  it('renders Graphviz dot', () => {
    const dot = graphToDot(g);
    expect(dot).toContain('"flux-system/infra" -> "flux-system/apps";');
    expect(dot).toContain('"flux-system/missing" -> "flux-system/apps" [style=dashed];');
    expect(dot).toContain('"flux-system/b" -> "flux-system/a" [color=red, label="cycle"];');
    expect(dot).toContain('"flux-system/a" [color=red, penwidth=2];');
    expect(dot.startsWith('digraph dependsOn {')).toBe(true);
  });
});
