/**
 * The conformance runner's engine: discovers cases (folders holding `case.json`, layout in
 * ../shared/conformance/README.md), builds each through the library API and compares with the reference.
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { LoadRestrictor, Reorder } from '../../src/build/options.js';
import type { KustomizeVersion } from '../../src/build/versions.js';

export interface CaseResult {
  name: string;
  passed: boolean;
  /** Why it failed: first differing line, or the unexpected error. */
  detail?: string;
  expectsError: boolean;
}

interface CaseJson {
  run: string;
  flags?: string[];
}

/**
 * The kustomize version whose outputs a corpus holds: ../shared/conformance-v5.8 has v5.8.1's, and
 * ../shared/conformance (and any other folder) v5.6.0's.
 */
export function corpusKustomizeVersion(dir: string): KustomizeVersion {
  return basename(resolve(dir)) === 'conformance-v5.8' ? '5.8' : '5.6';
}

/** Every case folder under `dir`, sorted. */
export function findCases(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (existsSync(join(d, 'case.json'))) {
      out.push(d);
      return;
    }
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function flagValue(flags: string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  if (i >= 0) return flags[i + 1];
  const eq = flags.find((f) => f.startsWith(name + '='));
  return eq ? eq.slice(name.length + 1) : undefined;
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end>')}, got ${JSON.stringify(b[i] ?? '<end>')}`;
}

/** Runs one case folder with the given kustomize version (default: the engine's default, 5.8). */
export function runCase(caseDir: string, root: string, kustomizeVersion?: KustomizeVersion): CaseResult {
  const name = relative(root, caseDir) || caseDir;
  const c = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as CaseJson;
  const flags = c.flags ?? [];
  const expectedErrorFile = join(caseDir, 'expected-error.txt');
  const expectsError = existsSync(expectedErrorFile);
  const dir = resolve(caseDir, 'input', c.run);
  let result;
  try {
    result = build(dir, {
      fs: nodeFs(),
      loadRestrictor: (flagValue(flags, '--load-restrictor') ?? 'LoadRestrictionsRootOnly') as LoadRestrictor,
      reorder: (flagValue(flags, '--reorder') ?? 'legacy') as Reorder,
      enableManagedByLabel: flags.includes('--enable-managedby-label'),
      ...(kustomizeVersion ? { kustomizeVersion } : {}),
    });
  } catch (err) {
    return { name, passed: false, expectsError, detail: `crash: ${(err as Error).stack ?? String(err)}` };
  }
  if (expectsError) {
    if (!result.ok) return { name, passed: true, expectsError };
    return { name, passed: false, expectsError, detail: 'the reference fails, our build succeeded' };
  }
  if (!result.ok) {
    const e = result.diagnostics.find((d) => d.severity === 'error');
    return { name, passed: false, expectsError, detail: `build failed: ${e?.message ?? '?'}` };
  }
  const expected = readFileSync(join(caseDir, 'expected.yaml'), 'utf8');
  const actual = result.toYaml();
  if (actual === expected) return { name, passed: true, expectsError };
  return { name, passed: false, expectsError, detail: firstDifference(expected, actual) };
}

/** Known differences: case name → reason. */
export function loadKnownDifferences(file: string): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(file)) return m;
  const list = JSON.parse(readFileSync(file, 'utf8')) as { case: string; reason: string }[];
  for (const e of list) m.set(e.case, e.reason);
  return m;
}
