/**
 * Runs one case on both sides: writes its files to a fresh temporary folder, builds it with the engine
 * (worker thread) and with the reference binary of each version, and classifies the pair.
 */
/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { classify, refNote, type FuzzCase, type Outcome, type RefVersion, type SideResult } from './case.js';
import type { OursRunner } from './ours.js';
import { runReference, type Limiter } from './reference.js';

export interface Comparison {
  version: RefVersion;
  outcome: Outcome;
  note: ReturnType<typeof refNote>;
  ours: SideResult;
  ref: SideResult;
}

export interface RunContext {
  ours: OursRunner;
  refLimiter: Limiter;
  timeoutMs: number;
  tmpRoot?: string;
}

/** Writes a case's files under a new temporary folder; returns the folder. */
export function writeCase(c: FuzzCase, root = tmpdir()): string {
  const dir = mkdtempSync(join(root, 'kts-fuzz-'));
  for (const [path, text] of Object.entries(c.files)) {
    const p = join(dir, path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

/** Compares one case against each version. */
export async function compareCase(
  c: FuzzCase,
  versions: readonly RefVersion[],
  ctx: RunContext,
): Promise<Comparison[]> {
  const dir = writeCase(c, ctx.tmpRoot);
  try {
    const runDir = join(dir, c.run);
    return await Promise.all(
      versions.map(async (version) => {
        const [ours, ref] = await Promise.all([
          ctx.ours.run(runDir, c.flags, version),
          ctx.refLimiter.run(() => runReference(version, runDir, c.flags, ctx.timeoutMs)),
        ]);
        return { version, outcome: classify(ours, ref), note: refNote(ref), ours, ref };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
