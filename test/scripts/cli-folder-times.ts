/**
 * One folder, one process per command (not a test): `node -e 0`, `kustomize-ts build` (dist/cli.cjs),
 * `kustomize-5.8.1 build` and `kubectl.1.33 kustomize` (v5.6.0), interleaved N rounds, medians and ratios of
 * wall time and, on Linux, of CPU time (user + system of the child, from /proc: steadier on a loaded machine).
 * BEFORE_CLI=/other/worktree/dist/cli.cjs adds that build of the CLI, to compare before and after a change.
 *
 *   npx tsx test/scripts/cli-folder-times.ts DIR [N]
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, rounds = '7'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: cli-folder-times.ts DIR [N]');
const cli = join(import.meta.dirname, '../../dist/cli.cjs');
const before = process.env.BEFORE_CLI;
const commands: [string, string, string[]][] = [
  ['node -e 0', 'node', ['-e', '0']],
  ...(before ? [['kustomize-ts build (before)', 'node', [before, 'build', dir]] as [string, string, string[]]] : []),
  ['kustomize-ts build', 'node', [cli, 'build', dir]],
  ['kustomize-5.8.1 build', '/usr/local/bin/kustomize-5.8.1', ['build', dir]],
  ['kubectl.1.33 kustomize', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', ['kustomize', dir]],
];

/** CPU milliseconds of the waited-for children so far (cutime + cstime), or NaN off Linux. */
function childrenCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // clock ticks of 10 ms
}

const wall = new Map<string, number[]>(commands.map(([name]) => [name, []]));
const cpu = new Map<string, number[]>(commands.map(([name]) => [name, []]));
for (let i = 0; i < Number(rounds); i++)
  for (const [name, command, argv] of commands) {
    const cpu0 = childrenCpuMs();
    const start = process.hrtime.bigint();
    const r = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${name}: ${String(r.stderr)}`);
    wall.get(name)?.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.get(name)?.push(childrenCpuMs() - cpu0);
  }
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const oursWall = median(wall.get('kustomize-ts build') ?? []);
const oursCpu = median(cpu.get('kustomize-ts build') ?? []);
for (const [name] of commands) {
  const w = median(wall.get(name) ?? []);
  const c = median(cpu.get(name) ?? []);
  console.log(
    `${name}\t${w.toFixed(0)} ms\tours/this ${(oursWall / w).toFixed(2)}\tcpu ${c.toFixed(0)} ms\tours/this ${(oursCpu / c).toFixed(2)}`,
  );
}
