/**
 * Writes a reference case's expected files with the reference binaries of every kustomize version
 * (test/scripts/reference-binaries.ts): from kustomize v5.8.1 `expected.yaml` (stdout) when the build
 * succeeds, else `expected-error.txt`, and `expected-warnings.txt` when it warned; where kustomize v5.6.0
 * printed something else, its files as `expected.v5.6.yaml` etc. (test/helpers/versions.ts). Used by
 * test/scripts/gen-expected.ts and the fuzzer's regression writer (test/fuzz/regression.ts).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testedVersions, versionedName } from '../helpers/versions.js';
import { runReference, type ReferenceRun } from './reference-binaries.js';

interface CaseConfig {
  run?: string;
  flags?: string[];
  remotes?: Record<string, string>;
}

/** Publishes `input/<folder>` as a git repo at the path of a `file://` URL. */
function publishRemote(src: string, url: string): void {
  const dest = url.replace(/^file:\/\//, '');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(src, dest, { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dest, stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'remote');
}

/** What one reference printed, as the case files hold it (file name → text). */
function outputFiles(run: ReferenceRun, input: string): Map<string, string> {
  const norm = (t: string): string => t.split(input).join('<input>');
  const files = new Map<string, string>();
  if (run.ok) files.set('expected.yaml', run.stdout);
  else files.set('expected-error.txt', `${norm(run.error)}\n`);
  if (run.warnings.length > 0) files.set('expected-warnings.txt', `${run.warnings.map(norm).join('\n')}\n`);
  return files;
}

/** Go pointers (`&{0xc000123 <nil>}`) differ from run to run: they are not a difference between versions. */
const unpointer = (t: string | undefined): string | undefined => t?.replace(/&\{0x[0-9a-f]+ <nil>\}/g, '&{}');

function sameFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => unpointer(b.get(k)) === unpointer(v));
}

/**
 * Runs the references on the case folder `dir` (`input/`, optional `case.json`) and writes its expected
 * files, replacing the old ones. Returns a one-line summary per version.
 */
export function writeReferenceOutputs(dir: string): string {
  const cfgFile = join(dir, 'case.json');
  const cfg: CaseConfig = existsSync(cfgFile) ? (JSON.parse(readFileSync(cfgFile, 'utf8')) as CaseConfig) : {};
  const input = join(dir, 'input');
  for (const [folder, url] of Object.entries(cfg.remotes ?? {})) publishRemote(join(input, folder), url);
  const target = join(input, cfg.run ?? '.');
  for (const f of readdirSync(dir)) if (/^expected/.test(f)) rmSync(join(dir, f), { force: true });
  let base: Map<string, string> | undefined;
  const summary: string[] = [];
  for (const version of testedVersions) {
    const run = runReference(version, target, cfg.flags ?? []);
    const files = outputFiles(run, input);
    summary.push(
      `${version}: ${run.ok ? 'ok' : 'error'}${run.warnings.length > 0 ? ` (${run.warnings.length} warnings)` : ''}`,
    );
    if (base && sameFiles(base, files)) continue;
    base ??= files;
    for (const [f, text] of files) writeFileSync(join(dir, versionedName(f, version)), text);
  }
  return summary.join(', ');
}
