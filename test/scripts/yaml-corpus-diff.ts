/**
 * Differential check of YAML in/out against the reference on real files: every YAML file of the fleet
 * corpus is built as the only resource of a kustomization, by the reference (`kubectl.1.33 kustomize`,
 * outputs cached under $TMPDIR/kustomize-ts-yaml-ref) and by us through the library API; the outputs
 * (or the fact that both fail) must agree. `npx tsx test/scripts/yaml-corpus-diff.ts [folder]`.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { sharedDir } from './shared.js';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const root = process.argv[2] ?? join(sharedDir, 'corpus', 'fleets');
const cache = join(tmpdir(), 'kustomize-ts-yaml-ref');
mkdirSync(cache, { recursive: true });

const files: string[] = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    const st = statSync(p);
    if (st.isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(e) && !/^kustomization\.ya?ml$/.test(e)) files.push(p);
  }
};
walk(root);

function reference(text: string): { ok: boolean; out: string } {
  const key = createHash('sha1').update(text).digest('hex');
  const f = join(cache, key);
  if (existsSync(f)) return JSON.parse(readFileSync(f, 'utf8')) as { ok: boolean; out: string };
  const dir = mkdtempSync(join(tmpdir(), 'kts-ref-'));
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n- r.yaml\n');
  writeFileSync(join(dir, 'r.yaml'), text);
  let res: { ok: boolean; out: string };
  try {
    res = {
      ok: true,
      out: execFileSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    };
  } catch (e) {
    res = { ok: false, out: String((e as { stderr?: string }).stderr ?? e) };
  }
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(f, JSON.stringify(res));
  return res;
}

let same = 0;
let bothFail = 0;
const diffs: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const ref = reference(text);
  const r = build('/k', { fs: memoryFs({ '/k/kustomization.yaml': 'resources:\n- r.yaml\n', '/k/r.yaml': text }) });
  if (!ref.ok && !r.ok) {
    bothFail++;
    continue;
  }
  if (ref.ok && r.ok) {
    const ours = r.toYaml();
    if (ours === ref.out) {
      same++;
      continue;
    }
    const a = ref.out.split('\n');
    const b = ours.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    diffs.push(`${file}\n  line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`);
  } else if (ref.ok) {
    diffs.push(`${file}\n  we fail: ${r.diagnostics.find((d) => d.severity === 'error')?.message ?? '?'}`);
  } else {
    diffs.push(`${file}\n  reference fails (${ref.out.split('\n')[0]}), we succeed`);
  }
}
for (const d of diffs) console.log(d);
console.log(
  `${files.length} files (${basename(root)}): ${same} identical, ${bothFail} both fail, ${diffs.length} differ`,
);
