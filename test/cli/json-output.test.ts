/**
 * `--format json` of every command: a `version` field, the same diagnostic object everywhere (lint, validate,
 * fleet, graph, diff), graph nodes for every node an edge names, and docs/json-output.md documenting every
 * field the outputs have.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

const doc = readFileSync(join(repoRoot, 'docs/json-output.md'), 'utf8');
const mistakes = join(repoRoot, 'fixtures/fleet-infra-mistakes');
const graph = join(repoRoot, 'fixtures/flux-graph');
const generated = join(repoRoot, 'fixtures/flux-generated');

/** The backticked field names of the tables in a section of the doc (until the next `## `). */
function documented(section: string): Set<string> {
  const start = doc.indexOf(`\n## ${section}\n`);
  expect(start, `section ${section}`).toBeGreaterThan(0);
  const end = doc.indexOf('\n## ', start + 4);
  const text = doc.slice(start, end < 0 ? undefined : end);
  return new Set([...text.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1] ?? ''));
}

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const r = await runCli(argv);
  return JSON.parse(r.out) as Record<string, unknown>;
}

function keysOf(items: unknown): string[] {
  return [...new Set((items as Record<string, unknown>[]).flatMap((x) => Object.keys(x)))].sort();
}

const diagnosticFields = documented('The diagnostic object');

const lint = await json(['lint', mistakes, '--format', 'json']);
const fleet = await json(['fleet', generated, '--cluster', 'clusters/dev', '--format', 'json']);
const graphDoc = await json(['graph', graph, '--cluster', 'clusters/dev', '--format', 'json']);
const validate = await json(['validate', join(mistakes, 'apps'), '--format', 'json']);
const diff = await json(['diff', '--cluster', 'clusters/dev', 'clusters/dev', '--root', generated, '--format', 'json']);

describe('JSON outputs', () => {
  const outputs: [string, Record<string, unknown>, string][] = [
    ['lint', lint, 'lint and validate'],
    ['validate', validate, 'lint and validate'],
    ['fleet', fleet, 'fleet'],
    ['graph', graphDoc, 'graph'],
    ['diff', diff, 'diff'],
  ];
  for (const [name, out, section] of outputs) {
    it(`${name}: version 1, and every top-level field documented`, () => {
      expect(out.version).toBe(1);
      for (const k of Object.keys(out)) expect(documented(section), `${name}.${k}`).toContain(k);
    });
  }

  it('lint, validate, fleet, graph and diff findings are the one diagnostic object', async () => {
    const findings: [string, unknown][] = [
      ['lint', lint.diagnostics],
      ['validate', validate.diagnostics],
      ['fleet', (await json(['fleet', graph, '--cluster', 'clusters/dev', '--format', 'json'])).diagnostics],
      ['fleet kustomizations', (fleet.kustomizations as { diagnostics: unknown[] }[]).flatMap((k) => k.diagnostics)],
      ['graph', graphDoc.diagnostics],
      ['diff failed', (diff.failed as { diagnostics: unknown[] }[]).flatMap((f) => f.diagnostics)],
    ];
    for (const [name, items] of findings) {
      expect((items as unknown[]).length, name).toBeGreaterThan(0);
      for (const k of keysOf(items)) expect(diagnosticFields, `${name}: ${k}`).toContain(k);
    }
    // lint's and validate's findings have every field a diagnostic can have (cluster and kustomization in lint's,
    // count in validate's schema/unknown-kind).
    const all = [...(lint.diagnostics as unknown[]), ...(validate.diagnostics as unknown[])];
    expect(keysOf(all)).toEqual([...diagnosticFields].sort());
  });

  it('fleet kustomizations, graph nodes and diff resources have documented fields', async () => {
    for (const k of keysOf(fleet.kustomizations)) expect(documented('fleet')).toContain(k);
    for (const k of keysOf(graphDoc.nodes)) expect(documented('graph')).toContain(k);
    const changed = await json([
      'diff',
      join(repoRoot, 'fixtures/fleet-infra/apps/staging'),
      join(repoRoot, 'fixtures/fleet-infra/apps/production'),
      '--format',
      'json',
      '--normalize-names',
    ]);
    for (const k of keysOf(changed.resources)) expect(documented('diff')).toContain(k);
  });

  it('a Flux Kustomization has the same id everywhere: fleet id, graph node, lint kustomization, dependsOn', async () => {
    const cluster = 'clusters/production';
    const fleetIds = (
      (await json(['fleet', mistakes, '--cluster', cluster, '--format', 'json'])).kustomizations as {
        id: string;
        name: string;
        namespace: string;
      }[]
    ).map((k) => {
      expect(k.id).toBe(`${k.namespace}/${k.name}`);
      return k.id;
    });
    const nodes = (await json(['graph', mistakes, '--cluster', cluster, '--format', 'json'])).nodes as {
      id: string;
      missing?: boolean;
    }[];
    expect(fleetIds.length).toBeGreaterThan(1);
    expect(nodes.filter((n) => n.missing !== true).map((n) => n.id)).toEqual(expect.arrayContaining(fleetIds));
    const named = (lint.diagnostics as { cluster?: string; kustomization?: string }[])
      .filter((d) => d.cluster === cluster && d.kustomization !== undefined && !d.kustomization.startsWith('./'))
      .map((d) => d.kustomization ?? '');
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(fleetIds, id).toContain(id);
  });

  it('graph lists every node an edge names (missing dependencies marked)', () => {
    const nodes = graphDoc.nodes as { id: string; missing?: boolean; status?: string }[];
    const edges = graphDoc.edges as { from: string; to: string; missing: boolean }[];
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.some((e) => e.missing)).toBe(true);
    for (const e of edges) {
      expect(ids, e.from).toContain(e.from);
      expect(ids, e.to).toContain(e.to);
    }
    for (const e of edges.filter((x) => x.missing))
      expect(nodes.find((n) => n.id === e.to)).toEqual({ id: e.to, missing: true });
  });
});
