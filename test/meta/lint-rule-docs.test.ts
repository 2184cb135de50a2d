/**
 * The lint rules' doc pages are executable: each example is a small repository (```yaml PATH blocks),
 * linted in memory; the failing example must report exactly the ```text lines shown (for that rule), the
 * passing example nothing from that rule. Examples with files under `clusters/my-cluster/` get the
 * bootstrap files (`clusters/my-cluster/flux-system/`) unless they bring their own.
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintRules } from '../../src/lint/rules/index.js';
import { repoRoot } from '../helpers/shared.js';
import { lintFiles } from '../lint/helpers.js';
import { docExample } from '../lint/doc-examples.js';

describe('lint rule doc examples', () => {
  for (const rule of lintRules) {
    const id = rule.meta.id;
    const file = join(repoRoot, rule.meta.docs);
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : '';

    it(`${id}: the failing example reports what the page shows`, () => {
      const { files, text } = docExample(doc, '## Failing example');
      expect(Object.keys(files).length, 'yaml blocks with a path').toBeGreaterThan(0);
      expect(text, 'a text block with the expected output').toBeDefined();
      const r = lintFiles(files, { schema: false, rules: { [id]: rule.meta.defaultSeverity } });
      const shown = r.diagnostics.filter((d) => d.code === id).map((d) => formatDiagnostic(d));
      expect(shown).toEqual(text);
      expect(shown.length).toBeGreaterThan(0);
    });

    it(`${id}: the passing example does not report it`, () => {
      const { files } = docExample(doc, '## Passing example');
      expect(Object.keys(files).length, 'yaml blocks with a path').toBeGreaterThan(0);
      const r = lintFiles(files, { schema: false, rules: { [id]: rule.meta.defaultSeverity } });
      expect(
        r.diagnostics.filter((d) => d.code === id).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
      ).toEqual([]);
    });
  }
});
