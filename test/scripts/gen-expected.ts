/**
 * Regenerates the expected outputs of the reference test cases with the reference binaries of every
 * kustomize version (test/scripts/reference-binaries.ts: `kustomize-5.8.1 build`, `kubectl.1.33 kustomize`):
 *
 *   npx tsx test/scripts/gen-expected.ts [CASES_DIR...]     (default: every reference-case folder of test/)
 *
 * A case is a folder `<CASES_DIR>/<name>/` with `input/` (the kustomization tree) and an optional
 * `case.json` (`{"run": "overlay", "flags": ["--reorder", "none"], "remotes": {...}}`: the directory to
 * build relative to `input/`, extra kubectl flags, and for remote bases a map from a repo folder under
 * `input/` to the `file://` URL it is published at — the script turns that folder into a git repo at
 * that path before running the reference). It writes, from kustomize v5.8.1, `expected.yaml` (stdout)
 * when the build succeeds, else `expected-error.txt` (the error line; for a Go panic only its first line,
 * `panic: ...`), and `expected-warnings.txt` (stderr lines other than the error, log headers removed)
 * when there are any; where kustomize v5.6.0 prints something else, its files as `expected.v5.6.yaml`,
 * `expected-error.v5.6.txt`, `expected-warnings.v5.6.txt` (test/helpers/versions.ts). Absolute paths of
 * the case's input read `<input>`. test/helpers/reference-cases.ts runs the cases.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './shared.js';
import { runReference, type ReferenceRun } from './reference-binaries.js';
import { testedVersions, versionedName } from '../helpers/versions.js';
const dirs = process.argv.slice(2);
/** Every reference-case folder of the tests (test/helpers/reference-cases.ts runs them). */
function allCaseFolders(): string[] {
  const test = join(repoRoot, 'test');
  const areas = ['vars', 'build-metadata', 'sort', 'generators', 'loader', 'versions'].map((a) => join(test, a, 'cases'));
  const transformers = readdirSync(join(test, 'transformers'))
    .filter((n) => n.endsWith('-cases'))
    .sort()
    .map((n) => join(test, 'transformers', n));
  return [...areas, join(test, 'build', 'accumulation-cases'), ...transformers];
}
const roots = dirs.length > 0 ? dirs.map((d) => resolve(d)) : allCaseFolders();

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

for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
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
    console.log(`${name}: ${summary.join(', ')}`);
  }
}
