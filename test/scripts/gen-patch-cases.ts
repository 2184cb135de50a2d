/**
 * `npx tsx test/scripts/gen-patch-cases.ts [name...]`: runs the reference binary of every kustomize
 * version (test/scripts/reference-binaries.ts) over the cases of test/patches/cases.yaml (each case: a
 * name and its files) and writes the expected results to test/patches/expected/<name>.yaml (stdout of a
 * successful build) or <name>.error.txt (the message without the `error: ` prefix, the case's root replaced
 * by `$ROOT`; a Go panic keeps only its first line), from kustomize v5.8.1; where kustomize v5.6.0 gives
 * something else, its result as <name>.v5.6.yaml or <name>.error.v5.6.txt (test/helpers/versions.ts).
 * Commit the results with the inputs.
 */
/// <reference types="node" />
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './shared.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import {
  referenceDeviations,
  referenceMissing,
  runReference,
  type ReferenceDeviation,
  type ReferenceRun,
} from './reference-binaries.js';
import { testedVersions, versionedName } from '../helpers/versions.js';
import { DEFAULT_KUSTOMIZE_VERSION } from '../../src/build/versions.js';

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
  /** The default version's reference binary does not print upstream's result here (see reference-binaries.ts). */
  referenceDeviation?: ReferenceDeviation;
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
  for (const v of testedVersions) {
    const missing = referenceMissing(v);
    if (missing) {
      console.error(missing);
      process.exit(2);
    }
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
    const outputs = /^((v[\d.]+|debian)\.)?(yaml|error\.((v[\d.]+|debian)\.)?txt)$/;
    for (const f of readdirSync(EXPECTED_DIR))
      if (f.startsWith(`${c.name}.`) && outputs.test(f.slice(c.name.length + 1))) rmSync(join(EXPECTED_DIR, f));
    const output = (r: ReferenceRun): { file: string; text: string } =>
      r.ok
        ? { file: `${c.name}.yaml`, text: r.stdout }
        : { file: `${c.name}.error.txt`, text: `${r.error.split(root).join('$ROOT')}\n` };
    let first: { file: string; text: string } | undefined;
    const summary: string[] = [];
    for (const version of testedVersions) {
      const deviation = version === DEFAULT_KUSTOMIZE_VERSION ? c.referenceDeviation : undefined;
      const from = deviation ? referenceDeviations[deviation].asVersion : version;
      if (deviation) {
        // The binary's own output, kept to show the deviation.
        const own = output(runReference(version, dir));
        writeFileSync(join(EXPECTED_DIR, own.file.replace(/\.(yaml|txt)$/, '.debian.$1')), own.text);
      }
      const r = runReference(from, dir);
      const out = output(r);
      summary.push(
        `${version}: ${r.ok ? 'ok' : 'error'}${deviation ? ` (from ${from}'s reference: ${deviation})` : ''}`,
      );
      if (first && first.file === out.file && first.text === out.text) continue;
      first ??= out;
      writeFileSync(join(EXPECTED_DIR, versionedName(out.file, version)), out.text);
    }
    rmSync(root, { recursive: true, force: true });
    console.log(`${c.name}: ${summary.join(', ')}`);
  }
}

if (process.argv[1] && process.argv[1].endsWith('gen-patch-cases.ts')) main();
