/**
 * Reference test cases, the one format and runner of the end-to-end tables (transformers, generators,
 * vars, sort, build metadata, accumulation, loader): folders `<cases>/<name>/` with `input/`, an optional
 * `case.json` and the outputs of `kubectl kustomize` written by test/scripts/gen-expected.ts (`expected.yaml`,
 * `expected-error.txt`, `expected-warnings.txt`). `runReferenceCases` registers one vitest case per
 * folder that builds `input/<run>` through the Node file system and compares byte for byte
 * (`checkReferenceCase` is that check, for tables registered differently).
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { build } from '../../src/api/build.js';
import type { Reorder, LoadRestrictor } from '../../src/build/options.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { transformerPlugins } from '../../src/transformers/registry.js';

export interface ReferenceCaseConfig {
  /** Directory to build, relative to `input/` (default `.`). */
  run?: string;
  /** kubectl flags: `--reorder`, `--load-restrictor`, `--enable-managedby-label`. */
  flags?: string[];
  /** Remote bases: folder under `input/` → the `file://` URL kustomization files use for it. */
  remotes?: Record<string, string>;
  /** How to compare an error: `exact` (default) or `contains` (the reference's text contains ours). */
  errorMatch?: 'exact' | 'contains';
  /** Our error must contain this text (instead of equalling the reference's, which cannot be reproduced). */
  errorContains?: string;
  /** `names`: compare only the kinds and names of the output objects (the reason in `note`). */
  compare?: 'names';
  /** A builtin transformer kind the case needs: skipped while kustomize-ts does not have it. */
  needs?: string;
  /** Why this case is compared loosely or skipped (documented difference). */
  note?: string;
}

export interface ReferenceCase {
  name: string;
  dir: string;
  config: ReferenceCaseConfig;
  expected?: string;
  expectedError?: string;
  expectedWarnings: string[];
}

export function loadReferenceCases(casesDir: string): ReferenceCase[] {
  if (!existsSync(casesDir)) return [];
  const out: ReferenceCase[] = [];
  for (const name of readdirSync(casesDir).sort()) {
    const dir = join(casesDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const read = (f: string): string | undefined =>
      existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined;
    const cfgText = read('case.json');
    const c: ReferenceCase = {
      name,
      dir,
      config: cfgText ? (JSON.parse(cfgText) as ReferenceCaseConfig) : {},
      // kubectl's own flag deprecation notice is not the engine's.
      // kustomize prints warnings as `# Warning: message` (or `Warning: message`); diagnostics hold the message.
      expectedWarnings: (read('expected-warnings.txt') ?? '')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('Flag --'))
        .map((l) => l.replace(/^(# )?Warning: /, '')),
    };
    const expected = read('expected.yaml');
    const expectedError = read('expected-error.txt');
    if (expected !== undefined) c.expected = expected;
    if (expectedError !== undefined) c.expectedError = expectedError.replace(/\n$/, '');
    out.push(c);
  }
  return out;
}

function flagValue(flags: readonly string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  if (i >= 0) return flags[i + 1];
  const eq = flags.find((f) => f.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/** Builds one case like kubectl would; returns the output or the error, with warnings. */
export function buildReferenceCase(c: ReferenceCase): { ok: boolean; yaml: string; error: string; warnings: string[] } {
  const input = join(c.dir, 'input');
  const flags = c.config.flags ?? [];
  const reorder = flagValue(flags, '--reorder') as Reorder | undefined;
  const restrictor = flagValue(flags, '--load-restrictor') as LoadRestrictor | undefined;
  const remotes = Object.entries(c.config.remotes ?? {});
  const fs = nodeFs();
  const res = build(join(input, c.config.run ?? '.'), {
    fs,
    ...(reorder ? { reorder } : {}),
    ...(restrictor ? { loadRestrictor: restrictor } : {}),
    ...(flags.includes('--enable-managedby-label') ? { enableManagedByLabel: true } : {}),
    ...(remotes.length > 0
      ? {
          remoteLoader: (url: string) => {
            for (const [folder, base] of remotes) {
              if (!url.startsWith(base)) continue;
              const sub = url.slice(base.length).replace(/\?.*$/, '').replace(/^\/+/, '');
              return { fs, path: join(input, folder, sub) };
            }
            return undefined;
          },
        }
      : {}),
  });
  const norm = (s: string): string => s.split(input).join('<input>');
  // test/scripts/gen-expected.ts keeps the reference's stderr without its empty lines.
  const errorText = (s: string): string =>
    norm(s)
      .split('\n')
      .filter((l) => l !== '')
      .join('\n');
  const error = res.diagnostics.find((d) => d.severity === 'error');
  return {
    ok: res.ok,
    yaml: res.ok ? res.toYaml() : '',
    error: error ? errorText(error.message) : '',
    warnings: res.diagnostics.filter((d) => d.severity === 'warning').map((d) => norm(d.message)),
  };
}

/** `kind/name` of every document of an output. */
function kindsAndNames(yaml: string): string[] {
  return parseAllDocuments(yaml).map((d) => {
    const v = d.toJS() as { kind?: string; metadata?: { name?: string } };
    return `${v.kind ?? ''}/${v.metadata?.name ?? ''}`;
  });
}

/** A Go pointer in the reference's text (`&{0xc000123 <nil>}`): no port prints the same, any word matches. */
const GO_POINTER = /&\{0x[0-9a-f]+ <nil>\}/;

function errorPattern(expected: string): RegExp {
  const parts = expected.split(GO_POINTER).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('\\S+')}$`);
}

/** Whether the case needs a builtin transformer kustomize-ts does not have (then it is skipped). */
export function referenceCaseMissing(c: ReferenceCase): string | undefined {
  const needs = c.config.needs;
  return needs !== undefined && !transformerPlugins.has(needs) ? `needs the ${needs} transformer` : undefined;
}

/** Builds a case and checks it against the reference: same output (and warnings), or the same error. */
export function checkReferenceCase(c: ReferenceCase): void {
  expect(
    c.expected !== undefined || c.expectedError !== undefined,
    'case has neither expected.yaml nor expected-error.txt',
  ).toBe(true);
  const got = buildReferenceCase(c);
  if (c.expected !== undefined) {
    expect(got.error).toBe('');
    if (c.config.compare === 'names') {
      expect(c.config.note, 'compare: names needs a note saying why').toBeTruthy();
      expect(kindsAndNames(got.yaml)).toEqual(kindsAndNames(c.expected));
    } else expect(got.yaml).toBe(c.expected);
  } else {
    const expected = c.expectedError as string;
    expect(got.ok).toBe(false);
    // A Go panic in the reference: kustomize-ts reports an error instead; only failure is checked.
    if (expected.startsWith('panic: ')) return;
    if (c.config.errorContains !== undefined) expect(got.error).toContain(c.config.errorContains);
    else if ((c.config.errorMatch ?? 'exact') === 'contains') expect(expected).toContain(got.error);
    else if (GO_POINTER.test(expected)) expect(got.error).toMatch(errorPattern(expected));
    else expect(got.error).toBe(expected);
  }
  for (const w of c.expectedWarnings) expect(got.warnings).toContain(w);
}

/** Registers the cases of `casesDir` as a vitest suite. */
export function runReferenceCases(title: string, casesDir: string): void {
  const cases = loadReferenceCases(casesDir);
  describe(title, () => {
    it('has cases with reference outputs', () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expect(c.expected !== undefined || c.expectedError !== undefined, c.name).toBe(true);
    });
    for (const c of cases) {
      const missing = referenceCaseMissing(c);
      it.skipIf(missing !== undefined)(missing ? `${c.name} (skipped: ${missing})` : c.name, () =>
        checkReferenceCase(c),
      );
    }
  });
}
