/**
 * Regenerates the expected outputs of the reference test cases with the reference implementation
 * (`kubectl kustomize`, kustomize v5.6.0):
 *
 *   npx tsx test/scripts/gen-expected.ts [CASES_DIR...]     (default: every reference-case folder of test/)
 *
 * A case is a folder `<CASES_DIR>/<name>/` with `input/` (the kustomization tree) and an optional
 * `case.json` (`{"run": "overlay", "flags": ["--reorder", "none"], "remotes": {...}}`: the directory to
 * build relative to `input/`, extra kubectl flags, and for remote bases a map from a repo folder under
 * `input/` to the `file://` URL it is published at — the script turns that folder into a git repo at
 * that path before running the reference). It writes `expected.yaml` (stdout) when the build succeeds,
 * else `expected-error.txt` (the error line; for a Go panic only its first line, `panic: ...`), and
 * `expected-warnings.txt` (stderr lines other than the error, klog headers removed) when there are any.
 * Absolute paths of the case's input read `<input>`. test/helpers/reference-cases.ts runs the cases.
 *
 * KUBECTL defaults to the kubectl 1.33 (kustomize v5.6.0) of this machine's Google Cloud SDK.
 */
/// <reference types="node" />
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './shared.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const dirs = process.argv.slice(2);
/** Every reference-case folder of the tests (test/helpers/reference-cases.ts runs them). */
function allCaseFolders(): string[] {
  const test = join(repoRoot, 'test');
  const areas = ['vars', 'build-metadata', 'sort', 'generators', 'loader'].map((a) => join(test, a, 'cases'));
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

const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^\]]+\] /;

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
    const res = spawnSync(kubectl, ['kustomize', ...(cfg.flags ?? []), target], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    for (const f of ['expected.yaml', 'expected-error.txt', 'expected-warnings.txt'])
      rmSync(join(dir, f), { force: true });
    const norm = (s: string): string => s.split(input).join('<input>');
    const lines = norm(res.stderr)
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(KLOG, ''));
    // A Go panic: its first line is the error (the goroutine dump is noise).
    const panicAt = res.status === 0 ? -1 : lines.findIndex((l) => l.startsWith('panic: '));
    const errAt = res.status === 0 ? -1 : panicAt >= 0 ? panicAt : lines.findIndex((l) => l.startsWith('error: '));
    const warnings = errAt < 0 ? lines : lines.slice(0, errAt);
    if (res.status === 0) writeFileSync(join(dir, 'expected.yaml'), res.stdout);
    else if (panicAt >= 0) writeFileSync(join(dir, 'expected-error.txt'), `${lines[panicAt] as string}\n`);
    else writeFileSync(join(dir, 'expected-error.txt'), lines.slice(errAt).join('\n').slice('error: '.length) + '\n');
    if (warnings.length > 0) writeFileSync(join(dir, 'expected-warnings.txt'), warnings.join('\n') + '\n');
    console.log(
      `${name}: ${res.status === 0 ? 'ok' : 'error'}${warnings.length > 0 ? ` (${warnings.length} warnings)` : ''}`,
    );
  }
}
