/**
 * The rule registry stays honest: every rule has a unique id, messages, a doc page with the required
 * sections, and the doc's examples behave as documented (the failing example reports exactly the text
 * shown, the passing example reports nothing from that rule).
 */
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { validate } from '../../src/api/validate.js';
import { objectRules, recommendedSettings, ruleMetas } from '../../src/lint/rules/index.js';
import { objectsFromYaml } from '../helpers/objects.js';
import { repoRoot } from '../helpers/shared.js';

const REQUIRED_SECTIONS = ['## Failing example', '## Passing example', '## Options', '## When not to use it'];

/** The fenced blocks of a section (until the next `## `), as [language, text]. */
function blocks(doc: string, heading: string): [string, string][] {
  const start = doc.indexOf(`${heading}\n`);
  if (start < 0) return [];
  const rest = doc.slice(start + heading.length + 1);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => [m[1] as string, m[2] as string]);
}

describe('rule registry', () => {
  it('ids are unique and name their doc page', () => {
    const ids = ruleMetas.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of ruleMetas) {
      expect(m.id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(m.docs).toBe(`docs/rules/${m.id}.md`);
      expect(Object.keys(m.messages).length, m.id).toBeGreaterThan(0);
      expect(m.description.length, m.id).toBeGreaterThan(20);
    }
  });

  it('the recommended preset is generated from meta', () => {
    expect(recommendedSettings()).toEqual(
      Object.fromEntries(ruleMetas.filter((m) => m.recommended).map((m) => [m.id, m.defaultSeverity])),
    );
  });

  for (const m of ruleMetas) {
    it(`${m.id}: doc page with title, severity and the required sections`, () => {
      const file = join(repoRoot, m.docs);
      expect(existsSync(file), `${m.docs} missing`).toBe(true);
      const doc = readFileSync(file, 'utf8');
      expect(doc.startsWith(`# ${m.id}\n`)).toBe(true);
      expect(doc).toContain(`Default severity: \`${m.defaultSeverity}\``);
      for (const s of REQUIRED_SECTIONS) expect(doc, `${m.docs}: ${s}`).toContain(`\n${s}\n`);
    });
  }
});

describe('object rule doc examples', () => {
  for (const rule of objectRules) {
    const id = rule.meta.id;
    const doc = existsSync(join(repoRoot, rule.meta.docs)) ? readFileSync(join(repoRoot, rule.meta.docs), 'utf8') : '';

    it(`${id}: the failing example reports what the page shows`, () => {
      const failing = blocks(doc, '## Failing example');
      const yaml = failing.find(([lang]) => lang === 'yaml')?.[1];
      const text = failing.find(([lang]) => lang === 'text')?.[1];
      expect(yaml, 'a yaml block').toBeDefined();
      expect(text, 'a text block with the expected output').toBeDefined();
      const lines = (text as string).trimEnd().split('\n');
      const fileName = (lines[0] as string).split(':')[0] as string;
      const r = validate(objectsFromYaml(yaml as string, `/docs/${fileName}`), { root: '/docs' });
      const shown = r.diagnostics.map((d) => formatDiagnostic(d));
      expect(shown).toEqual(lines);
      expect(r.diagnostics.every((d) => d.code === id)).toBe(true);
    });

    it(`${id}: the passing example does not report it`, () => {
      const yaml = blocks(doc, '## Passing example').find(([lang]) => lang === 'yaml')?.[1];
      expect(yaml, 'a yaml block').toBeDefined();
      const r = validate(objectsFromYaml(yaml as string, '/docs/example.yaml'));
      expect(r.diagnostics.filter((d) => d.code === id)).toEqual([]);
    });
  }
});
