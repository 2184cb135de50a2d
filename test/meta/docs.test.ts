/** Generated documentation and data stay in step with the code. */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDoc, compatibilityDoc, diagnosticsDoc } from '../scripts/gen-docs.js';
import { apiDoc, apiItems } from '../scripts/gen-api-docs.js';
import { loadKnownDifferences } from '../scripts/conformance-lib.js';
import { repoRoot } from '../helpers/shared.js';

describe('docs', () => {
  it('docs/diagnostics.md lists every diagnostic code (regenerate with test/scripts/gen-docs.ts)', () => {
    expect(readFileSync(join(repoRoot, 'docs/diagnostics.md'), 'utf8')).toBe(diagnosticsDoc());
  });
  it('docs/cli.md is the CLI help of every command (regenerate with test/scripts/gen-docs.ts)', async () => {
    expect(readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8')).toBe(await cliDoc());
  });
  it('docs/compatibility.md lists the version feature table of src/kustomization/versions.ts (regenerate with test/scripts/gen-docs.ts)', () => {
    const doc = readFileSync(join(repoRoot, 'docs/compatibility.md'), 'utf8');
    expect(doc).toBe(compatibilityDoc(doc));
  });
  it('docs/api.md documents the published API (regenerate with test/scripts/gen-api-docs.ts)', () => {
    expect(readFileSync(join(repoRoot, 'docs/api.md'), 'utf8')).toBe(apiDoc());
  });
  it('docs/api.md has a description for every export', () => {
    expect(
      apiItems()
        .filter((i) => i.doc === '')
        .map((i) => `${i.entry}: ${i.name}`),
    ).toEqual([]);
  });
  it('every known conformance difference has a reason and is in docs/compatibility.md', () => {
    const known = loadKnownDifferences(join(repoRoot, 'test/conformance/known-differences.json'));
    const doc = readFileSync(join(repoRoot, 'docs/compatibility.md'), 'utf8');
    for (const [name, reason] of known) {
      expect(reason.length, name).toBeGreaterThan(10);
      expect(doc.includes(name), `${name} missing from docs/compatibility.md`).toBe(true);
    }
  });
});
