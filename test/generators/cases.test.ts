/**
 * Generator cases (test/generators/cases/<name>/): each input builds byte-identical to the output of the
 * reference (`kubectl kustomize`, kustomize v5.6.0; regenerate with scripts/gen-generator-cases.ts), or
 * fails like it. Error texts are compared after dropping what kustomize prints that cannot be
 * reproduced (the Go pointer in `merging from generator &{0x...}`), unless case.json names a stable
 * part (`errorContains`). A case whose `needs` names a builtin transformer kustomize-ts does not have
 * yet is skipped with that reason. A case with `compare: names` (given with its `reason`: a known
 * difference of the output writer, not of the generators) compares the kinds and names of the objects,
 * which carry the hash of their content.
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { transformerPlugins } from '../../src/transformers/registry.js';
import type { Reorder } from '../../src/build/options.js';

interface CaseSpec {
  run?: string;
  flags?: string[];
  /** The error must contain this text (instead of equal the reference's error). */
  errorContains?: string;
  /** A builtin transformer kind the case needs. */
  needs?: string;
  /** `names`: compare kinds and names (and parsed values) only, for the `reason` given. */
  compare?: 'names';
  reason?: string;
}

/** `kind/name` of every document of an output. */
function kindsAndNames(yaml: string): string[] {
  return parseAllDocuments(yaml).map((d) => {
    const v = d.toJS() as { kind?: string; metadata?: { name?: string } };
    return `${v.kind ?? ''}/${v.metadata?.name ?? ''}`;
  });
}

const root = join(import.meta.dirname, 'cases');
const names = readdirSync(root).filter((n) => existsSync(join(root, n, 'input'))).sort();

function spec(dir: string): CaseSpec {
  const f = join(dir, 'case.json');
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as CaseSpec) : {};
}

function flag(flags: readonly string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : undefined;
}

/** kustomize's error text without `error: ` and the unreproducible generator pointer. */
function referenceError(text: string, input: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/\n$/, '')
    .split('<case>')
    .join(input)
    .replace(/merging from generator &\{0x[0-9a-f]+ <nil>\}: /, '');
}

function ourError(message: string): string {
  return message.replace(/merging from generator \S+: /, '');
}

describe('generator cases (expected output from kubectl kustomize)', () => {
  it('has cases', () => expect(names.length).toBeGreaterThan(40));
  for (const name of names) {
    const dir = join(root, name);
    const c = spec(dir);
    const missing = c.needs !== undefined && !transformerPlugins.has(c.needs);
    it.skipIf(missing)(missing ? `${name} (skipped: needs the ${c.needs ?? ''} transformer)` : name, () => {
      const input = join(dir, 'input');
      const flags = c.flags ?? [];
      const r = build(join(input, c.run ?? '.'), {
        fs: nodeFs(),
        reorder: (flag(flags, '--reorder') ?? 'legacy') as Reorder,
      });
      const expectedFile = join(dir, 'expected.yaml');
      if (existsSync(expectedFile)) {
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const expected = readFileSync(expectedFile, 'utf8');
        if (c.compare === 'names') {
          expect(c.reason).toBeTruthy();
          expect(kindsAndNames(r.toYaml())).toEqual(kindsAndNames(expected));
        } else expect(r.toYaml()).toBe(expected);
        return;
      }
      expect(r.ok).toBe(false);
      const err = r.diagnostics.find((d) => d.severity === 'error');
      expect(err).toBeDefined();
      const message = ourError(err?.message ?? '');
      if (c.errorContains !== undefined) expect(message).toContain(c.errorContains);
      else expect(message).toBe(referenceError(readFileSync(join(dir, 'expected-error.txt'), 'utf8'), input));
    });
  }
});
