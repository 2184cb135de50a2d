/**
 * Every rule module under src/lint/rules/<family>/ is registered once (objectRules or lintRules), has its
 * doc page (checked in rules.test.ts) and its own test file
 * test/lint/rules/<id>.test.ts (schema rules: test/validate/).
 */
/// <reference types="node" />
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as registry from '../../src/lint/rules/index.js';
import type { RuleMeta } from '../../src/lint/types.js';
import { repoRoot } from '../helpers/shared.js';

const rulesDir = join(repoRoot, 'src/lint/rules');
const modules = readdirSync(rulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(rulesDir, d.name))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `${d.name}/${f}`),
  );

function isRule(v: unknown): v is { meta: RuleMeta; check: unknown } {
  return typeof v === 'object' && v !== null && 'meta' in v && 'check' in v;
}

describe('lint rule registry', () => {
  const registered = new Set<unknown>([...registry.objectRules, ...registry.lintRules]);
  for (const file of modules) {
    it(`${file}: every rule it exports is registered (once) in the registry`, async () => {
      const mod = (await import(join(rulesDir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!isRule(value)) continue;
        expect(registered.has(value), `${name} (${value.meta.id}) is not in objectRules/lintRules`).toBe(true);
        expect(value.meta.id.split('/')[0], 'the rule lives in its family folder').toBe(file.split('/')[0]);
      }
    });
  }
  for (const rule of registry.lintRules) {
    it(`${rule.meta.id}: has its test file`, () => {
      expect(
        existsSync(join(repoRoot, 'test/lint/rules', `${rule.meta.id}.test.ts`)),
        `test/lint/rules/${rule.meta.id}.test.ts`,
      ).toBe(true);
    });
  }
  it('ruleMetas lists every registered rule once, schema rules first', () => {
    const ids = registry.ruleMetas.map((m) => m.id);
    expect(ids).toEqual([...registry.objectRules, ...registry.lintRules].map((r) => r.meta.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('the strict preset turns every rule on, infos raised to warnings', () => {
    const strict = registry.strictSettings();
    for (const m of registry.ruleMetas)
      expect(strict[m.id]).toBe(m.defaultSeverity === 'info' ? 'warning' : m.defaultSeverity);
  });
});
