/**
 * One line format for a diagnostic in every command, as compilers print them: `FILE:LINE:COLUMN: severity: message
 * [code]` (`FILE: severity: ...` when the finding has no position), so one problem matcher reads every command. Each
 * command runs on input that makes it report findings, and every finding line of its stdout and stderr must match.
 */
/// <reference types="node" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

/** The pattern of the VS Code problem matcher in docs/recipes.md, the position optional. */
const ONE_LINE = /^(.+?)(?::(\d+):(\d+))?: (error|warning|info): (.*) \[([a-z0-9-]+\/[a-z0-9-]+)\]$/;
/** A line that reports a finding: it names a severity after a colon. */
const FINDING = /: (error|warning|info): /;

const broken = join(repoRoot, 'test/fixtures/broken-overlay');
const mistakes = join(repoRoot, 'fixtures/fleet-infra-mistakes');
const generated = join(repoRoot, 'fixtures/flux-generated');
const graph = join(repoRoot, 'fixtures/flux-graph');
const manifests = mkdtempSync(join(tmpdir(), 'kts-line-'));
writeFileSync(
  join(manifests, 'deploy.yaml'),
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n',
);

const runs: [string, string[]][] = [
  ['build', ['build', broken]],
  ['fleet', ['fleet', generated, '--cluster', 'clusters/dev']],
  ['graph', ['graph', graph, '--cluster', 'clusters/dev']],
  ['diff', ['diff', broken, join(repoRoot, 'fixtures/fleet-infra/apps/production')]],
  ['diff --cluster', ['diff', '--cluster', 'clusters/dev', 'clusters/dev', '--root', generated]],
  ['lint', ['lint', mistakes, '--no-config']],
  ['validate', ['validate', manifests, '--no-config']],
];

describe('every command prints findings in the one line format', () => {
  for (const [name, argv] of runs) {
    it(name, async () => {
      const r = await runCli(argv, { cwd: repoRoot });
      const lines = `${r.out}\n${r.err}`.split('\n').filter((l) => FINDING.test(l));
      expect(lines.length, `${name} reported nothing:\n${r.out}${r.err}`).toBeGreaterThan(0);
      for (const line of lines) expect(line, name).toMatch(ONE_LINE);
      // Most findings have a position.
      expect(lines.some((l) => ONE_LINE.exec(l)?.[2] !== undefined)).toBe(true);
    });
  }
});
