/**
 * Reference test cases: folders `<cases>/<name>/` with `input/`, an optional `case.json` and the
 * outputs of `kubectl kustomize` written by scripts/gen-expected.ts (`expected.yaml`,
 * `expected-error.txt`, `expected-warnings.txt`). `runReferenceCases` registers one vitest case per
 * folder that builds `input/<run>` through the Node file system and compares byte for byte.
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import type { Reorder, LoadRestrictor } from '../../src/build/options.js';
import { nodeFs } from '../../src/node/node-fs.js';

export interface ReferenceCaseConfig {
  /** Directory to build, relative to `input/` (default `.`). */
  run?: string;
  /** kubectl flags: `--reorder`, `--load-restrictor`, `--enable-managedby-label`. */
  flags?: string[];
  /** Remote bases: folder under `input/` → the `file://` URL kustomization files use for it. */
  remotes?: Record<string, string>;
  /** How to compare an error: `exact` (default) or `contains` (the reference's text contains ours). */
  errorMatch?: 'exact' | 'contains';
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
    const read = (f: string): string | undefined => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined);
    const cfgText = read('case.json');
    const c: ReferenceCase = {
      name,
      dir,
      config: cfgText ? (JSON.parse(cfgText) as ReferenceCaseConfig) : {},
      // kubectl's own flag deprecation notice is not the engine's.
      expectedWarnings: (read('expected-warnings.txt') ?? '').split('\n').filter((l) => l !== '' && !l.startsWith('Flag --')),
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
  // scripts/gen-expected.ts keeps the reference's stderr without its empty lines.
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

/** Registers the cases of `casesDir` as a vitest suite. */
export function runReferenceCases(title: string, casesDir: string): void {
  const cases = loadReferenceCases(casesDir);
  describe(title, () => {
    it('has cases with reference outputs', () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) expect(c.expected !== undefined || c.expectedError !== undefined, c.name).toBe(true);
    });
    for (const c of cases) {
      it(c.name, () => {
        const got = buildReferenceCase(c);
        if (c.expected !== undefined) {
          expect(got.error).toBe('');
          expect(got.yaml).toBe(c.expected);
        } else {
          expect(got.ok).toBe(false);
          if ((c.config.errorMatch ?? 'exact') === 'exact') expect(got.error).toBe(c.expectedError);
          else expect(c.expectedError).toContain(got.error);
        }
        for (const w of c.expectedWarnings) expect(got.warnings).toContain(w);
      });
    }
  });
}
