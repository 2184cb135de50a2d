/**
 * Editor scenarios: a session re-renders after a one-line edit (the seed's overlay), and the incremental
 * fleet path re-renders and re-lints the affected cluster of a real repository after an edit.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSession } from '../../../src/api/session.js';
import { nodeFs } from '../../../src/node/node-fs.js';
import { repoRoot } from '../shared.js';
import { fmtMs, median, type Row } from './common.js';

/** Re-render of the seed's `apps/production` after a one-line edit of its patch: ≤ 5 ms median. */
export function editorSeed(runs: number): Row {
  const overlay = join(repoRoot, 'fixtures/fleet-infra/apps/production');
  const patchFile = join(overlay, 'my-app-patch.yaml');
  const session = createSession({ base: nodeFs() });
  session.build(overlay);
  const original = readFileSync(patchFile, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < Math.max(runs, 1) * 20; i++) {
    session.update(patchFile, original.replace(/replicas: \d+/, `replicas: ${6 + (i % 5)}`));
    const t = performance.now();
    session.build(overlay);
    times.push(performance.now() - t);
  }
  const m = median(times);
  return {
    scenario: 'editor: re-render the seed overlay after a one-line edit (median)',
    ours: fmtMs(m),
    reference: '–',
    ratio: '–',
    peak: '–',
    target: '≤ 5 ms',
    met: m <= 5,
  };
}
