/** Running the CLI in-process for tests, and the reference binaries when this machine has them. */
/// <reference types="node" />
import { execFileSync, spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `kustomize-ts ARGS` in-process (stderr not a terminal unless `io.errIsTty`). */
export async function runCli(args: string[], io: Partial<Io> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTty: false,
    color: false,
    ...io,
  });
  return { code, out, err };
}

function found(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', env: referenceEnv() }).status === 0;
}

/** PATH with the Google Cloud SDK folder where kubectl.1.33 lives. */
export function referenceEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/lib/google-cloud-sdk/bin` };
}

/** The reference kustomize binaries present on this machine: name → argv prefix of a build. */
export function referenceBuilders(): [string, string[]][] {
  const out: [string, string[]][] = [];
  if (found('kubectl.1.33', ['version', '--client']))
    out.push(['kubectl.1.33 kustomize', ['kubectl.1.33', 'kustomize']]);
  if (found('kustomize-5.8.1', ['version'])) out.push(['kustomize-5.8.1 build', ['kustomize-5.8.1', 'build']]);
  return out;
}

/** Runs a reference build command; throws with its stderr on failure. */
export function runReference(argv: readonly string[]): string {
  const [cmd, ...args] = argv;
  return execFileSync(cmd ?? '', args, { encoding: 'utf8', env: referenceEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}
