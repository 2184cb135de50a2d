/**
 * YAML in/out benchmark over every YAML file of the fleet corpus (../shared/corpus/fleets, ≈3 200
 * files): times of the `yaml` library's parse (AST only: the reader kustomize-ts used before its own),
 * our go-yaml-compatible reader alone (syntax tree) and with the conversion to values (parseYamlStream),
 * our emitter, `yaml.stringify` and `JSON.stringify` of the same values.
 * `node --expose-gc --import tsx test/scripts/bench-yaml.ts [folder] [--rounds N]` — prints the fastest of N
 * rounds (default 15) of each measurement in CPU time, each after a garbage collection (`npx tsx` works
 * too, noisier).
 */
/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import { emitDocument } from '../../src/yaml/emit.js';
import { DocumentReader } from '../../src/yaml/goyaml/compose.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import type { YamlValue } from '../../src/yaml/values.js';
import { sharedDir } from './shared.js';

const args = process.argv.slice(2);
const roundsIdx = args.indexOf('--rounds');
const rounds = roundsIdx >= 0 ? Number(args[roundsIdx + 1]) : 15;
const root = args.find((a, i) => !a.startsWith('--') && i !== roundsIdx + 1) ?? join(sharedDir, 'corpus', 'fleets');

const files: { path: string; text: string }[] = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e)) files.push({ path: p, text: readFileSync(p, 'utf8') });
  }
};
walk(root);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

// The values to emit: every document our parser accepts, and which our emitter can write.
const values: YamlValue[] = [];
let unemittable = 0;
for (const f of files) {
  for (const d of parseYamlStream(f.text, { file: f.path }).documents) {
    try {
      emitDocument(d.value);
      values.push(d.value);
    } catch {
      unemittable++;
    }
  }
}

/** CPU time (user + system) of `f`, in ms: steadier than wall time on a shared machine. */
function time(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

let sink = 0;
const gc = (globalThis as { gc?: () => void }).gc;
/** Fastest of `rounds` runs of `f` (after one warm-up run), each after a garbage collection when exposed. */
function bench(f: () => void): number {
  f();
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) {
    gc?.();
    ts.push(time(f));
  }
  return Math.min(...ts);
}
const results: Record<string, number> = {
  yamlParse: bench(() => {
    for (const f of files) {
      const lc = new LineCounter();
      sink += parseAllDocuments(f.text, {
        schema: 'failsafe',
        uniqueKeys: false,
        lineCounter: lc,
        prettyErrors: false,
        strict: false,
        keepSourceTokens: false,
      }).length;
    }
  }),
  reader: bench(() => {
    for (const f of files) {
      try {
        const r = new DocumentReader(f.text, { v3: true });
        while (r.next() !== undefined) sink++;
      } catch {
        sink--;
      }
    }
  }),
  ours: bench(() => {
    for (const f of files) sink += parseYamlStream(f.text, { file: f.path }).documents.length;
  }),
  emit: bench(() => {
    for (const v of values) sink += emitDocument(v).length;
  }),
  yamlStringify: bench(() => {
    for (const v of values) sink += stringify(v).length;
  }),
  json: bench(() => {
    for (const v of values)
      sink += JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)).length;
  }),
  jsonPlain: bench(() => {
    for (const v of values) sink += JSON.stringify(v).length;
  }),
};

const m = (k: string): number => results[k] as number;
const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;
console.log(
  `${files.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${values.length} documents (${unemittable} not writable), fastest of ${rounds} rounds, CPU time`,
);
console.log(`yaml parse (parseAllDocuments)    ${fmt(m('yamlParse'))}`);
console.log(`our reader (syntax tree only)     ${fmt(m('reader'))}`);
console.log(`parseYamlStream (tree + values)   ${fmt(m('ours'))}`);
console.log(`yaml parse / parseYamlStream      ${(m('yamlParse') / m('ours')).toFixed(2)}x`);
console.log(`our emit (emitDocument)           ${fmt(m('emit'))}`);
console.log(`yaml.stringify                    ${fmt(m('yamlStringify'))}`);
console.log(`JSON.stringify (bigint replacer) ${fmt(m('json'))}`);
console.log(`JSON.stringify (no replacer)     ${fmt(m('jsonPlain'))}`);
console.log(
  `emit / JSON.stringify            ${(m('emit') / m('jsonPlain')).toFixed(2)}x (no replacer), ${(m('emit') / m('json')).toFixed(2)}x (replacer)`,
);
if (sink === -1) console.log(sink);
