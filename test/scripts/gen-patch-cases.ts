/**
 * `npx tsx test/scripts/gen-patch-cases.ts [name...]`: runs the reference kustomize (v5.6.0, embedded in
 * kubectl 1.33) over the cases of test/patches/cases.yaml (each case: a name and its files) and writes the
 * expected results to test/patches/expected/<name>.yaml (stdout of a successful build) or
 * <name>.error.txt (the message without kubectl's `error: ` prefix, the case's root replaced by `$ROOT`;
 * a Go panic keeps only its first line). Commit the results with the inputs.
 *
 * The reference binary is taken from $KUSTOMIZE_REFERENCE, else /usr/lib/google-cloud-sdk/bin/kubectl.1.33.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './shared.js';
import { parseYamlStream } from '../../src/yaml/parse.js';

export interface PatchCase {
  name: string;
  /** Files by path relative to the case root. */
  files: Record<string, string>;
  /** Directory to build, relative to the case root (default: the root). */
  build?: string;
  /** Why only the failure (not the message) is compared. */
  errorDiffers?: string;
  /** A known difference from kustomize (the reason); the test checks that it still differs. */
  knownDifference?: string;
}

export const CASES_FILE = join(repoRoot, 'test', 'patches', 'cases.yaml');
export const EXPECTED_DIR = join(repoRoot, 'test', 'patches', 'expected');

/** The case table. */
export function loadCases(): PatchCase[] {
  const s = parseYamlStream(readFileSync(CASES_FILE, 'utf8'), {
    file: CASES_FILE,
    mode: 'yaml11',
    annotationsAsText: false,
  });
  if (s.errors.length > 0) throw new Error(`${CASES_FILE}: ${s.errors[0]?.message}`);
  return (s.documents[0]?.value ?? []) as unknown as PatchCase[];
}

function main(): void {
  const reference = process.env.KUSTOMIZE_REFERENCE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
  if (!existsSync(reference)) {
    console.error(`reference binary not found: ${reference}`);
    process.exit(2);
  }
  const only = process.argv.slice(2);
  mkdirSync(EXPECTED_DIR, { recursive: true });
  for (const c of loadCases()) {
    if (c.name.startsWith('x-')) continue;
    if (only.length > 0 && !only.includes(c.name)) continue;
    const root = mkdtempSync(join(tmpdir(), 'patch-case-'));
    for (const [p, text] of Object.entries(c.files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    const dir = join(root, c.build ?? '.');
    const r = spawnSync(reference, ['kustomize', dir], { encoding: 'utf8' });
    const out = join(EXPECTED_DIR, `${c.name}.yaml`);
    const errFile = join(EXPECTED_DIR, `${c.name}.error.txt`);
    rmSync(out, { force: true });
    rmSync(errFile, { force: true });
    if (r.status === 0) writeFileSync(out, r.stdout);
    else {
      const lines = r.stderr.split('\n').filter((l) => !l.startsWith('# Warning:'));
      const stderr = lines[0]?.startsWith('panic:') ? lines[0] : lines.join('\n');
      const msg = stderr
        .replace(/^error: /, '')
        .replace(/\n$/, '')
        .split(root)
        .join('$ROOT');
      writeFileSync(errFile, msg + '\n');
    }
    rmSync(root, { recursive: true, force: true });
    console.log(`${r.status === 0 ? 'ok   ' : 'error'} ${c.name}`);
  }
}

if (process.argv[1] && process.argv[1].endsWith('gen-patch-cases.ts')) main();
