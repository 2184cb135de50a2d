/**
 * Round-trip check of the YAML emitter: every `expected*.yaml` of the conformance corpus is kustomize's
 * own output, so parsing it and emitting it again must give the same bytes.
 * `npx tsx test/scripts/yaml-roundtrip.ts [folder]` prints each mismatch with its first differing line.
 */
/// <reference types="node" />
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { emitDocuments } from '../../src/yaml/emit.js';
import { sharedDir } from './shared.js';

const root = process.argv[2] ?? join(sharedDir, 'conformance');
const files: string[] = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (/^expected.*\.yaml$/.test(e)) files.push(p);
  }
};
walk(root);
let ok = 0;
let bad = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const s = parseYamlStream(text, { file: f });
  let out: string;
  try {
    out = s.errors.length > 0 ? `ERROR ${s.errors[0]?.message}` : emitDocuments(s.documents.map((d) => d.value));
  } catch (e) {
    out = `ERROR ${(e as Error).message}`;
  }
  if (out === text) ok++;
  else {
    bad++;
    const a = text.split('\n');
    const b = out.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    console.log(`MISMATCH ${f}\n  line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`);
  }
}
console.log(`${ok} identical, ${bad} different (of ${files.length})`);
