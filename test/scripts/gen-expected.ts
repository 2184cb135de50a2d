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
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './shared.js';
import { writeReferenceOutputs } from './reference-outputs.js';
const dirs = process.argv.slice(2);
/** Every reference-case folder of the tests (test/helpers/reference-cases.ts runs them). */
function allCaseFolders(): string[] {
  const test = join(repoRoot, 'test');
  const areas = ['vars', 'build-metadata', 'sort', 'generators', 'loader', 'versions'].map((a) =>
    join(test, a, 'cases'),
  );
  const transformers = readdirSync(join(test, 'transformers'))
    .filter((n) => n.endsWith('-cases'))
    .sort()
    .map((n) => join(test, 'transformers', n));
  return [...areas, join(test, 'build', 'accumulation-cases'), join(test, 'fuzz', 'cases'), ...transformers];
}
const roots = dirs.length > 0 ? dirs.map((d) => resolve(d)) : allCaseFolders();

for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    console.log(`${name}: ${writeReferenceOutputs(dir)}`);
  }
}
