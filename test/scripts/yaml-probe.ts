/**
 * Dev tool: builds a resource file (or stdin) as the only resource of a kustomization with the reference
 * (`kubectl.1.33 kustomize`) and with us, and prints both outputs when they differ.
 * `npx tsx test/scripts/yaml-probe.ts [file] [--kustomization]` (`--kustomization`: the input is the
 * kustomization file itself, with no resources).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

const args = process.argv.slice(2);
const asKust = args.includes('--kustomization');
const file = args.find((a) => !a.startsWith('--'));
const text = readFileSync(file ?? 0, 'utf8');
const files: Record<string, string> = asKust
  ? { 'kustomization.yaml': text }
  : { 'kustomization.yaml': 'resources:\n- r.yaml\n', 'r.yaml': text };

const dir = mkdtempSync(join(tmpdir(), 'kts-probe-'));
for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
let ref: string;
try {
  ref = execFileSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.33', ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (e) {
  ref = 'ERROR ' + String((e as { stderr?: string }).stderr ?? e).trim();
}
rmSync(dir, { recursive: true, force: true });
const mem: Record<string, string> = {};
for (const [k, v] of Object.entries(files)) mem['/k/' + k] = v;
let ours: string;
try {
  const r = build('/k', { fs: memoryFs(mem) });
  ours = r.ok
    ? r.toYaml()
    : 'ERROR ' +
      r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code}: ${d.message}`)
        .join('; ');
} catch (e) {
  ours = 'CRASH ' + ((e as Error).stack ?? String(e));
}
if (ref === ours || (ref.startsWith('ERROR') && ours.startsWith('ERROR'))) {
  console.log('SAME' + (ref.startsWith('ERROR') ? ` (both fail)\n  ref: ${ref}\n  ours: ${ours}` : ''));
  if (args.includes('--show')) console.log(ref);
} else {
  const a = ref.split('\n');
  const b = ours.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const mark = a[i] === b[i] ? ' ' : '!';
    console.log(`${mark} ${JSON.stringify(a[i] ?? null)}${mark === '!' ? `\n  >${JSON.stringify(b[i] ?? null)}` : ''}`);
  }
}
