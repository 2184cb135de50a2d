/**
 * The reference binaries: kustomize v5.6.0 as embedded in kubectl 1.33 (`kubectl.1.33 kustomize DIR`) and
 * kustomize v5.8.1 (`kustomize-5.8.1 build DIR`, installed by ../shared/tools/install-kustomize.sh). At most
 * `limit` reference processes run at once (the machine is shared).
 */
/// <reference types="node" />
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RefVersion, SideResult } from './case.js';

const KUBECTL_DIRS = ['/usr/lib/google-cloud-sdk/bin', '/usr/local/bin', '/usr/bin'];

function findBinary(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(':').concat(KUBECTL_DIRS)) {
    if (d && existsSync(`${d}/${name}`)) return `${d}/${name}`;
  }
  return undefined;
}

/** The command line of a reference version, or undefined when its binary is absent. */
export function referenceCommand(version: RefVersion): { bin: string; args: string[] } | undefined {
  const bin = findBinary(version === '5.6' ? 'kubectl.1.33' : 'kustomize-5.8.1');
  if (!bin) return undefined;
  return { bin, args: version === '5.6' ? ['kustomize'] : ['build'] };
}

/** The version string the reference binary reports (for reports). */
export function referenceVersionText(version: RefVersion): string {
  const cmd = referenceCommand(version);
  if (!cmd) return 'absent';
  try {
    const args = version === '5.6' ? ['version', '--client'] : ['version'];
    return execFileSync(cmd.bin, args, { encoding: 'utf8' }).split('\n').filter(Boolean).join('; ');
  } catch {
    return 'unknown';
  }
}

/** A counting semaphore. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await f();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Builds `dir` with the reference of `version`. */
export function runReference(
  version: RefVersion,
  dir: string,
  flags: readonly string[],
  timeoutMs: number,
): Promise<SideResult> {
  const cmd = referenceCommand(version);
  if (!cmd) return Promise.reject(new Error(`reference binary for kustomize ${version} not found`));
  return new Promise((resolve) => {
    execFile(
      cmd.bin,
      [...cmd.args, dir, ...flags],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err === null) {
          resolve({ ok: true, stdout, error: '' });
          return;
        }
        const e = err as { killed?: boolean; signal?: string | null; code?: number | string | null };
        const timedOut = e.killed === true || e.signal === 'SIGKILL';
        const crashed = /^panic: |^fatal error: |goroutine \d+ \[running\]/m.test(stderr);
        resolve({ ok: false, stdout, error: stderr.trim(), timedOut, crashed });
      },
    );
  });
}
