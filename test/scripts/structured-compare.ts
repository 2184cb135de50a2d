/**
 * Replacements into structured data (kustomize v5.8.0+) against the reference, over real files: every
 * Helm values file of ../shared/helm-conformance and every JSON file of the fleet corpus becomes a
 * ConfigMap entry, and a `sourceValue` replacement writes into it — at the first scalar leaf (the file is
 * re-emitted as kustomize re-emits it) and, with `create`, at a new key — through kustomize-ts and through
 * `kustomize-5.8.1 build`. Prints the files whose output differs and the totals.
 *
 *   npx tsx test/scripts/structured-compare.ts [--verbose] [--limit N]
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { referenceCommand, referenceMissing } from './reference-binaries.js';
import { sharedDir } from './shared.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const limitIdx = args.indexOf('--limit');
const limit = limitIdx >= 0 ? Number(args[limitIdx + 1]) : Infinity;

function files(dir: string, pick: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    const st = statSync(p);
    if (st.isDirectory()) files(p, pick, out);
    else if (pick(e) && st.size < 200_000) out.push(p);
  }
  return out;
}

/** A path (kustomize field path parts) to the first scalar leaf whose keys need no escaping. */
function firstLeaf(n: Node | null | undefined, path: string[] = []): string[] | undefined {
  if (isScalar(n)) return path.length > 0 ? path : undefined;
  if (isMap(n)) {
    for (const p of n.items) {
      const k = isScalar(p.key) ? String(p.key.value) : undefined;
      if (k === undefined || !/^[A-Za-z0-9_-]+$/.test(k)) continue;
      const found = firstLeaf(p.value as Node | null, [...path, k]);
      if (found) return found;
    }
  }
  if (isSeq(n) && n.items.length > 0) return firstLeaf(n.items[0] as Node, [...path, '0']);
  return undefined;
}

interface Probe {
  label: string;
  fieldPath: string;
  create: boolean;
}

function probes(text: string): Probe[] {
  const doc = parseDocument(text);
  const leaf = doc.errors.length === 0 ? firstLeaf(doc.contents) : undefined;
  const out: Probe[] = [];
  if (leaf) out.push({ label: 'leaf', fieldPath: `data.file.${leaf.join('.')}`, create: false });
  if (doc.errors.length === 0 && isMap(doc.contents))
    out.push({ label: 'create', fieldPath: 'data.file.kustomizeTsProbe.added', create: true });
  return out;
}

function run(dir: string, text: string, p: Probe): { ours: string; ref: string } {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe' }, data: { file: text } };
  writeFileSync(join(dir, 'cm.yaml'), JSON.stringify(cm));
  const target = {
    select: { kind: 'ConfigMap' },
    fieldPaths: [p.fieldPath],
    ...(p.create ? { options: { create: true } } : {}),
  };
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    JSON.stringify({ resources: ['cm.yaml'], replacements: [{ sourceValue: 'probe-value', targets: [target] }] }),
  );
  const { program, args: pre } = referenceCommand('5.8');
  const r = spawnSync(program, [...pre, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ref = r.status === 0 ? r.stdout : `ERROR ${r.stderr.replace(/^Error: /, '').trim()}`;
  const b = build(dir, { fs: nodeFs() });
  const ours = b.ok ? b.toYaml() : `ERROR ${b.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}`;
  return { ours, ref };
}

function main(): number {
  const missing = referenceMissing('5.8');
  if (missing) {
    console.log(`skipped: ${missing}`);
    return 0;
  }
  const inputs = [
    ...files(join(sharedDir, 'helm-conformance'), (n) => n === 'values.yaml'),
    ...files(join(sharedDir, 'corpus', 'fleets'), (n) => n.endsWith('.json')),
  ].slice(0, limit);
  const dir = mkdtempSync(join(tmpdir(), 'structured-compare-'));
  mkdirSync(dir, { recursive: true });
  let total = 0;
  let same = 0;
  try {
    for (const f of inputs) {
      const text = readFileSync(f, 'utf8');
      for (const p of probes(text)) {
        total++;
        const { ours, ref } = run(dir, text, p);
        if (ours === ref) {
          same++;
          continue;
        }
        const a = ref.split('\n');
        const b = ours.split('\n');
        let i = 0;
        while (a[i] === b[i]) i++;
        console.log(
          `DIFF ${relative(sharedDir, f)} [${p.label}] line ${i + 1}: reference ${JSON.stringify(a[i])}, ours ${JSON.stringify(b[i])}`,
        );
        if (verbose) console.log(`  reference:\n${ref}\n  ours:\n${ours}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${same} identical, ${total - same} different (of ${total} replacements into ${inputs.length} files)`);
  return 0;
}

process.exit(main());
