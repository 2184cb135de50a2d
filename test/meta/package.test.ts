/**
 * The package as published: only dist/ and the documents ship, every export has types, and each built
 * entry loads both as ESM and as CommonJS. Needs `npm run build` first (`npm test` does it).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

type Cond = { types: string; default: string };
type Entry = { import: Cond; require: Cond } | { types: string; import: string };
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Entry>;
  bin: Record<string, string>;
};
const entries = Object.entries(pkg.exports).filter((e): e is [string, Entry] => typeof e[1] !== 'string');
const dual = entries.filter((e): e is [string, { import: Cond; require: Cond }] => typeof e[1].import !== 'string');
const esmOnly = entries.filter(
  (e): e is [string, { types: string; import: string }] => typeof e[1].import === 'string',
);
const built = existsSync(join(repoRoot, 'dist/index.js'));

describe.skipIf(!built)('published package', () => {
  it('npm pack ships dist/, the docs, the configuration schema and the documents only', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files.length).toBeGreaterThan(5);
    const unexpected = files.filter(
      (f) =>
        !f.startsWith('dist/') &&
        !f.startsWith('docs/') &&
        f !== 'schemas/config.schema.json' &&
        !['README.md', 'LICENSE', 'NOTICE', 'package.json'].includes(f),
    );
    expect(unexpected).toEqual([]);
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('fixtures/') || f.startsWith('src/'))).toBe(false);
  });

  for (const [name, cond] of esmOnly) {
    // kustomize-ts/vitest is ESM only, like vitest itself.
    it(`"${name}" has types and loads as ESM`, async () => {
      expect(existsSync(join(repoRoot, cond.types)), cond.types).toBe(true);
      const esm = (await import(pathToFileURL(join(repoRoot, cond.import)).href)) as Record<string, unknown>;
      expect(Object.keys(esm).length).toBeGreaterThan(0);
    });
  }

  for (const [name, cond] of dual) {
    it(`"${name}" has types for import and require`, () => {
      expect(existsSync(join(repoRoot, cond.import.types)), cond.import.types).toBe(true);
      expect(existsSync(join(repoRoot, cond.require.types)), cond.require.types).toBe(true);
    });
    it(`"${name}" loads as ESM and as CommonJS`, async () => {
      const esm = (await import(pathToFileURL(join(repoRoot, cond.import.default)).href)) as Record<string, unknown>;
      const cjs = createRequire(import.meta.url)(join(repoRoot, cond.require.default)) as Record<string, unknown>;
      expect(Object.keys(esm).length).toBeGreaterThan(0);
      expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    });
  }

  it('the core entries expose build, and the CLI runs', () => {
    const core = createRequire(import.meta.url)(join(repoRoot, 'dist/index.cjs')) as { build: unknown };
    expect(typeof core.build).toBe('function');
    const out = execFileSync(process.execPath, [join(repoRoot, pkg.bin['kustomize-ts'] ?? ''), '--version'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/^kustomize-ts \d+\.\d+\.\d+/);
  });
});
