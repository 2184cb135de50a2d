/**
 * Worker thread of the fuzzer: builds one directory at a time with the engine, through the Node file
 * system, and answers with the output or the first error. Runs in a worker so that a hang or a runaway
 * allocation can be stopped (the main thread terminates it).
 */
/// <reference types="node" />
import { parentPort } from 'node:worker_threads';
import { build } from '../../src/api/build.js';
import type { BuildApiOptions } from '../../src/api/build.js';
import type { LoadRestrictor, Reorder } from '../../src/build/options.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { SideResult } from './case.js';

export interface OursRequest {
  dir: string;
  flags: string[];
  version: string;
}

function flagValue(flags: readonly string[], name: string): string | undefined {
  const i = flags.indexOf(name);
  if (i >= 0) return flags[i + 1];
  const eq = flags.find((f) => f.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/** Our build of a request, never throwing. */
export function buildOurs(req: OursRequest): SideResult {
  const options = {
    fs: nodeFs(),
    loadRestrictor: (flagValue(req.flags, '--load-restrictor') ?? 'LoadRestrictionsRootOnly') as LoadRestrictor,
    reorder: (flagValue(req.flags, '--reorder') ?? 'legacy') as Reorder,
    kustomizeVersion: req.version,
  } as BuildApiOptions;
  try {
    const r = build(req.dir, options);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    const codes = errors.map((d) => d.code);
    if (r.ok) return { ok: true, stdout: r.toYaml(), error: '', codes };
    const first = errors[0];
    const crashed = codes.includes('internal/error');
    return { ok: false, stdout: '', error: first ? `${first.code}: ${first.message}` : 'failed', codes, crashed };
  } catch (err) {
    return { ok: false, stdout: '', error: `threw: ${(err as Error).stack ?? String(err)}`, crashed: true };
  }
}

parentPort?.on('message', (req: OursRequest) => {
  parentPort?.postMessage(buildOurs(req));
});
