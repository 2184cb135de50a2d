/**
 * Every `expected*.yaml` of the conformance corpus is kustomize's own output: parsing it and emitting it
 * again must give the same bytes (438 files). Skipped when ../shared is absent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitDocuments } from '../../src/yaml/emit.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { hasShared, sharedDir } from '../scripts/shared.js';

const root = join(sharedDir, 'conformance');

function expectedFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^expected.*\.yaml$/.test(e)) out.push(p);
    }
  };
  walk(root);
  return out;
}

describe.skipIf(!hasShared)('kustomize outputs re-emit byte for byte', () => {
  if (!hasShared) {
    it.skip(`skipped: ${sharedDir} is absent`, () => undefined);
    return;
  }
  const files = expectedFiles();
  it('finds the conformance outputs', () => expect(files.length).toBeGreaterThan(400));
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const s = parseYamlStream(text, { file });
    expect(s.errors).toEqual([]);
    expect(emitDocuments(s.documents.map((d) => d.value))).toBe(text);
  });
});
