/**
 * Regression cases written by the fuzzer, in the conformance corpus's layout: `<dir>/<name>/input/` (the
 * minimized files), `case.json` (how to build it, where it came from, which kustomize versions the
 * expectation is for) and the reference's `expected.yaml` or `expected-error.txt`. Versions whose
 * reference outputs differ get a folder each (`-v5.6`, `-v5.8`). test/fuzz/regressions.test.ts runs them.
 */
/// <reference types="node" />
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FuzzCase, Outcome, RefVersion, SideResult } from './case.js';

export interface RegressionCaseJson {
  run: string;
  flags: string[];
  /** The kustomize versions whose reference output the expected files are. */
  kustomizeVersions: RefVersion[];
  /** The case id the fuzzer found it as, and the class it was filed under. */
  origin: string;
  class: string;
  /** How our build compared when it was found. */
  foundAs: Outcome;
  features: string[];
  referenceExitCode: number;
  /** The reference itself panicked or hung (a kustomize bug): our build must fail cleanly. */
  referenceBug?: 'reference-panic' | 'reference-hang';
}

export interface RegressionCase {
  name: string;
  dir: string;
  json: RegressionCaseJson;
  expected?: string;
  expectedError?: string;
}

function slug(s: string): string {
  return s
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Writes the case (one folder per group of versions with the same reference output); returns the folders. */
export function writeRegression(
  root: string,
  c: FuzzCase,
  meta: { class: string; foundAs: Outcome; features: string[] },
  refs: Map<RefVersion, SideResult>,
): string[] {
  const groups = new Map<string, RefVersion[]>();
  for (const [v, r] of refs) {
    const key = r.ok ? `ok:${r.stdout}` : 'fail';
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const base = slug(`${meta.foundAs}-${meta.class}`);
  const out: string[] = [];
  for (const versions of groups.values()) {
    const name = groups.size > 1 ? `${base}-v${versions.join('-v')}` : base;
    const dir = join(root, name);
    rmSync(dir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(c.files)) {
      const p = join(dir, 'input', path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    const ref = refs.get(versions[0] as RefVersion) as SideResult;
    const json: RegressionCaseJson = {
      run: c.run,
      flags: c.flags,
      kustomizeVersions: versions,
      origin: c.id,
      class: meta.class,
      foundAs: meta.foundAs,
      features: meta.features,
      referenceExitCode: ref.ok ? 0 : 1,
    };
    if (ref.timedOut) json.referenceBug = 'reference-hang';
    else if (ref.crashed) json.referenceBug = 'reference-panic';
    writeFileSync(join(dir, 'case.json'), JSON.stringify(json, null, 2) + '\n');
    if (ref.ok) writeFileSync(join(dir, 'expected.yaml'), ref.stdout);
    else writeFileSync(join(dir, 'expected-error.txt'), ref.error.replaceAll(dir, '') + '\n');
    out.push(dir);
  }
  return out;
}

/** The committed regression cases under `root`. */
export function loadRegressions(root: string): RegressionCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .filter((n) => statSync(join(root, n)).isDirectory() && existsSync(join(root, n, 'case.json')))
    .map((name) => {
      const dir = join(root, name);
      const c: RegressionCase = {
        name,
        dir,
        json: JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as RegressionCaseJson,
      };
      if (existsSync(join(dir, 'expected.yaml'))) c.expected = readFileSync(join(dir, 'expected.yaml'), 'utf8');
      if (existsSync(join(dir, 'expected-error.txt')))
        c.expectedError = readFileSync(join(dir, 'expected-error.txt'), 'utf8');
      return c;
    });
}
