/**
 * The helm conformance runner's engine: each case of ../shared/helm-conformance (a folder with
 * `case.json`, layout in its README) runs its `helm template` command line through the CLI's argument
 * parser and the library, and is compared with `expected.txt` (stdout) or `expected-error.txt` (Helm's
 * error text): exactly, as a multiset of documents (`objectSetStable`), or by kinds and names (random
 * content by design).
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHelmTemplateArgs } from '../../src/cli/commands/helm.js';
import { firstDifference } from './conformance-lib.js';
import { helmTemplate } from '../../src/helm/chart/index.js';
import { splitManifests } from '../../src/helm/chart/manifests.js';
import { nodeFs, hostPath } from '../../src/node/node-fs.js';

export interface HelmCaseResult {
  name: string;
  passed: boolean;
  /** Why it failed: the first differing line, or the unexpected error. */
  detail?: string;
}

interface HelmCaseJson {
  command: string[];
  env?: Record<string, string>;
  deterministic?: boolean;
  objectSetStable?: boolean;
}

/** The case folders of a corpus (sorted). */
export function findHelmCases(root: string): string[] {
  const dir = join(root, 'cases');
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((d) => existsSync(join(d, 'case.json')));
}

/**
 * Kind and name of each document, sorted: how outputs that are random by design are compared. A name's
 * last `-` segment may be random (`randAlphaNum` test-hook names): only its length is kept.
 */
function kindsAndNames(text: string): string {
  return splitManifests(text)
    .map((d) => {
      const kind = /^kind:\s*(\S+)/m.exec(d)?.[1] ?? '';
      const name = /^metadata:\n(?:[ \t].*\n)*?\s+name:\s*(\S+)/m.exec(d)?.[1] ?? '';
      return `${kind} ${name.replace(/-([a-z0-9]+)$/, (_m, r: string) => '-' + '?'.repeat(r.length))}`;
    })
    .sort()
    .join('\n');
}

function documents(text: string): string {
  return splitManifests(text).sort().join('\n---\n');
}

/** Runs one case. */
export function runHelmCase(caseDir: string): HelmCaseResult {
  const name = caseDir.split('/').pop() as string;
  const c = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as HelmCaseJson;
  const cwd = hostPath(caseDir);
  let out;
  try {
    const { chart, options } = parseHelmTemplateArgs(c.command.slice(2), cwd, c.env ?? {});
    out = helmTemplate(nodeFs(), chart, options);
  } catch (e) {
    return { name, passed: false, detail: `crashed: ${(e as Error).stack ?? String(e)}`.slice(0, 2000) };
  }
  const errFile = join(caseDir, 'expected-error.txt');
  if (existsSync(errFile)) {
    const expected = readFileSync(errFile, 'utf8');
    if (out.error === undefined) return { name, passed: false, detail: 'expected an error, got output' };
    const actual = `Error: ${out.error}\n`;
    return actual === expected
      ? { name, passed: true }
      : { name, passed: false, detail: firstDifference(expected, actual) };
  }
  if (out.error !== undefined)
    return { name, passed: false, detail: `unexpected error: ${out.error.split('\n')[0] ?? ''}` };
  const expected = readFileSync(join(caseDir, 'expected.txt'), 'utf8');
  if (c.deterministic !== false) {
    return out.stdout === expected
      ? { name, passed: true }
      : { name, passed: false, detail: firstDifference(expected, out.stdout) };
  }
  const [e, a] =
    c.objectSetStable === true
      ? [documents(expected), documents(out.stdout)]
      : [kindsAndNames(expected), kindsAndNames(out.stdout)];
  return e === a ? { name, passed: true } : { name, passed: false, detail: firstDifference(e, a) };
}

/** The known-differences list: case name → reason (a JSON object; cases that differ from Helm, with why). */
export function loadKnownHelmDifferences(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}
