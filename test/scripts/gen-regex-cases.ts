/**
 * `npx tsx test/scripts/gen-regex-cases.ts`: runs the reference kustomize (v5.6.0, embedded in kubectl 1.33)
 * over test/selector/regex-cases.json (Go regexps and subject strings) and writes what Go's `regexp` made
 * of each pattern to test/selector/regex-expected.json: for each pattern, either the subjects it matches
 * as a patch target name (anchored as `^(?:p)$`, as kustomize anchors it) or the error message. Each
 * pattern is one build: ConfigMaps named after the subjects and a JSON patch whose target is the pattern.
 * Commit the results with the inputs.
 *
 * The reference binary is taken from $KUSTOMIZE_REFERENCE, else /usr/lib/google-cloud-sdk/bin/kubectl.1.33.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './shared.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { getField, isMap } from '../../src/yaml/values.js';

export const CASES_FILE = join(repoRoot, 'test', 'selector', 'regex-cases.json');
export const EXPECTED_FILE = join(repoRoot, 'test', 'selector', 'regex-expected.json');

/** The inputs: subjects are resource names (no commas: kustomize keeps name history comma-separated). */
export interface RegexCases {
  subjects: string[];
  patterns: string[];
}

/** Per pattern: the subjects it matches, in subject order, or the reference's error message. */
export type RegexExpected = { pattern: string; matches: string[] } | { pattern: string; error: string };

function main(): void {
  const reference = process.env.KUSTOMIZE_REFERENCE ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
  if (!existsSync(reference)) {
    console.error(`reference binary not found: ${reference}`);
    process.exit(2);
  }
  const cases = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as RegexCases;
  const resources = cases.subjects
    .map((s) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${JSON.stringify(s)}\n`)
    .join('---\n');
  const out: RegexExpected[] = [];
  for (const pattern of cases.patterns) {
    const root = mkdtempSync(join(tmpdir(), 'regex-case-'));
    writeFileSync(join(root, 'resources.yaml'), resources);
    writeFileSync(
      join(root, 'kustomization.yaml'),
      `resources: [resources.yaml]\npatches:\n- target:\n    name: ${JSON.stringify(pattern)}\n  patch: |-\n` +
        `    - op: add\n      path: /metadata/annotations\n      value: {hit: "y"}\n`,
    );
    const r = spawnSync(reference, ['kustomize', root], { encoding: 'utf8' });
    rmSync(root, { recursive: true, force: true });
    if (r.status !== 0) {
      out.push({ pattern, error: r.stderr.trim().replace(/^error: /, '') });
      continue;
    }
    const hit = new Set<string>();
    for (const d of parseYamlStream(r.stdout, { file: 'out.yaml', mode: 'yaml11', annotationsAsText: false })
      .documents) {
      const meta = isMap(d.value) ? getField(d.value, 'metadata') : undefined;
      const ann = isMap(meta) ? getField(meta, 'annotations') : undefined;
      const name = isMap(meta) ? getField(meta, 'name') : undefined;
      if (isMap(ann) && getField(ann, 'hit') !== undefined && typeof name === 'string') hit.add(name);
    }
    out.push({ pattern, matches: cases.subjects.filter((s) => hit.has(s)) });
  }
  writeFileSync(EXPECTED_FILE, `[\n${out.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
  console.log(`${out.length} patterns written to ${EXPECTED_FILE}`);
}

if (process.argv[1] && process.argv[1].endsWith('gen-regex-cases.ts')) main();
