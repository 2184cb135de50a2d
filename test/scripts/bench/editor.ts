/**
 * Editor scenarios: a session re-renders after a one-line edit (the seed's overlay), and an editor session
 * over joryirving's repository (changes reported, as the language server's workspace does) re-renders and
 * re-lints the affected cluster after a one-line edit of one app, after a one-line edit of a component 39
 * folders share, and with no edit (a change reported for a file outside the repository: everything is
 * rendered and linted again from the session's caches). Medians, wall clock and CPU (the machine is shared).
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSession, type Session } from '../../../src/api/session.js';
import { nodeFs } from '../../../src/node/node-fs.js';
import { repoRoot } from '../shared.js';
import { fmtMs, median, type Row } from './common.js';

/** Wall clock and CPU time of one call, in ms. */
function timed(f: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const used = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

function row(scenario: string, times: readonly { wall: number; cpu: number }[], target: number): Row {
  const wall = median(times.map((t) => t.wall));
  const cpu = median(times.map((t) => t.cpu));
  return {
    scenario: `${scenario} (median of ${String(times.length)})`,
    ours: `${fmtMs(wall)} (cpu ${fmtMs(cpu)})`,
    reference: '–',
    ratio: '–',
    peak: '–',
    target: `≤ ${String(target)} ms`,
    met: wall <= target,
  };
}

/** Re-render of the seed's `apps/production` after a one-line edit of its patch: ≤ 5 ms median. */
export function editorSeed(runs: number): Row {
  const overlay = join(repoRoot, 'fixtures/fleet-infra/apps/production');
  const patchFile = join(overlay, 'my-app-patch.yaml');
  const session = createSession({ base: nodeFs() });
  session.build(overlay);
  const original = readFileSync(patchFile, 'utf8');
  const times: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < Math.max(runs, 1) * 20; i++) {
    session.update(patchFile, original.replace(/replicas: \d+/, `replicas: ${6 + (i % 5)}`));
    times.push(timed(() => session.build(overlay)));
  }
  return row('editor: seed overlay, re-render after a one-line edit', times, 5);
}

/** One edit scenario of {@link editorFleet}: the file, and its text at step `i`. */
interface FleetEdit {
  name: string;
  file: string;
  edit: (original: string, i: number) => string;
  target: number;
}

/**
 * joryirving's repository in an editor session: re-render and re-lint of the cluster `main` after a
 * one-line edit of one app (≤ 50 ms), of the namespace component 39 folders share (≤ 150 ms), and with no
 * edit (≤ 10 ms).
 */
export function editorFleet(root: string, runs: number): Row[] {
  const session = createSession({ base: nodeFs(), changes: 'report' });
  const cluster = 'kubernetes/clusters/main';
  const short = 'cluster main';
  const lint = (s: Session): void => void s.lint(root, { clusters: [cluster] });
  lint(session);
  const edits: FleetEdit[] = [
    {
      name: 'one app (dragonfly HelmRelease)',
      file: join(root, 'kubernetes/apps/base/database/dragonfly/helmrelease.yaml'),
      edit: (t, i) => t.replace(/interval: (\S+)/, `interval: ${String(i + 1)}m`),
      target: 50,
    },
    {
      name: 'a component 39 folders share',
      file: join(root, 'kubernetes/components/namespace/namespace.yaml'),
      edit: (t, i) => t.replace(/admin-access: "true"/, `admin-access: "true-${String(i)}"`),
      target: 150,
    },
  ];
  const rows: Row[] = [];
  const n = Math.max(runs, 1) * 7;
  for (const e of edits) {
    const original = readFileSync(e.file, 'utf8');
    if (e.edit(original, 0) === original) throw new Error(`the edit of ${e.file} changes nothing`);
    const times: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < n; i++) {
      session.update(e.file, e.edit(original, i));
      times.push(timed(() => lint(session)));
    }
    session.revert(e.file);
    lint(session);
    rows.push(row(`editor: joryirving ${short}, re-render + re-lint after editing ${e.name}`, times, e.target));
  }
  // A change outside the repository: nothing kept read it, so the lint runs again from the caches.
  const unread = join(tmpdir(), 'kustomize-ts-bench-unread', 'file.yaml');
  const still: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < n; i++) {
    session.changed(unread);
    still.push(timed(() => lint(session)));
  }
  rows.push(row(`editor: joryirving ${short}, re-render + re-lint with no edit`, still, 10));
  return rows;
}
