/**
 * One folder, one process per command (not a test): `node -e 0`, `kustomize-ts build` (dist/cli.cjs),
 * `kustomize-5.8.1 build` and `kubectl.1.33 kustomize` (v5.6.0), interleaved N rounds, medians and ratios.
 *
 *   npx tsx test/scripts/cli-folder-times.ts DIR [N]
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const [dir, rounds = '7'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: cli-folder-times.ts DIR [N]');
const cli = join(import.meta.dirname, '../../dist/cli.cjs');
const commands: [string, string, string[]][] = [
  ['node -e 0', 'node', ['-e', '0']],
  ['kustomize-ts build', 'node', [cli, 'build', dir]],
  ['kustomize-5.8.1 build', '/usr/local/bin/kustomize-5.8.1', ['build', dir]],
  ['kubectl.1.33 kustomize', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', ['kustomize', dir]],
];
const times = new Map<string, number[]>(commands.map(([name]) => [name, []]));
for (let i = 0; i < Number(rounds); i++)
  for (const [name, command, argv] of commands) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${name}: ${String(r.stderr)}`);
    times.get(name)?.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const ours = median(times.get('kustomize-ts build') ?? []);
for (const [name, xs] of times)
  console.log(`${name}\t${median(xs).toFixed(0)} ms\tours/this ${(ours / median(xs)).toFixed(2)}`);
