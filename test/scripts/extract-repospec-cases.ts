/**
 * Extracts the test tables of kustomize's repo-spec parser (api/internal/git/repospec_test.go) into
 * test/build/data/repospec-cases.json, which test/build/repo-spec.test.ts runs against src/build/repo-spec.ts:
 *
 *   npx tsx test/scripts/extract-repospec-cases.ts KUSTOMIZE_GIT_DIR
 *
 * KUSTOMIZE_GIT_DIR is a clone (or bare mirror) of kubernetes-sigs/kustomize holding the tags
 * `kustomize/v5.6.0` and `kustomize/v5.8.1`. Only the tables (inputs and expected results) are taken — the
 * permutation lists of TestNewRepoSpecFromUrl_Permute, the cases of TestNewRepoSpecFromUrlErrors,
 * TestNewRepoSpecFromUrl_Smoke and TestParseQuery — and the script fails if the two tags' tables differ.
 * The tables are kustomize's, under the Apache License 2.0 (Copyright The Kubernetes Authors).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { repoRoot } from './shared.js';

const TAGS = ['kustomize/v5.6.0', 'kustomize/v5.8.1'] as const;
const FILE = 'api/internal/git/repospec_test.go';

/** A Go interpreted string literal's value (the tables use only simple escapes). */
function goString(lit: string): string {
  return JSON.parse(lit) as string;
}

const STR = /"(?:[^"\\]|\\.)*"/g;

/** The body of `name := []...{ ... }` or `name := map...{ ... }` (up to the matching brace). */
function block(src: string, start: RegExp): string {
  const m = start.exec(src);
  if (!m) throw new Error(`not found: ${start}`);
  let depth = 0;
  for (let i = m.index + m[0].length - 1; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return src.slice(m.index + m[0].length, i);
  }
  throw new Error(`unbalanced: ${start}`);
}

/** Splits a composite literal body into its top-level `{ ... }` elements. */
function elements(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      i += (/^"(?:[^"\\]|\\.)*"/.exec(body.slice(i))?.[0].length ?? 1) - 1;
      continue;
    }
    if (c === '{' && depth++ === 0) from = i;
    else if (c === '}' && --depth === 0) out.push(body.slice(from + 1, i));
  }
  return out;
}

function field(el: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}:\\s*([^\\n]*?),?\\s*$`, 'm').exec(el);
  return m?.[1];
}

function strField(el: string, name: string): string {
  const v = field(el, name);
  return v === undefined ? '' : goString(v);
}

/** `notCloned.Join("x")` (filepath.Join: cleaned) / `notCloned.String()` → the path kustomize's test expects. */
function absPath(expr: string): string {
  if (expr === 'notCloned.String()') return '/notCloned';
  const m = /^notCloned\.Join\(("(?:[^"\\]|\\.)*")\)$/.exec(expr);
  if (!m) throw new Error(`unknown absPath expression ${expr}`);
  return posix.join('/notCloned', goString(m[1] as string));
}

function timeoutMs(expr: string): number | 'default' {
  if (expr === 'defaultTimeout') return 'default';
  const m = /^(\d+) \* time\.Second$/.exec(expr);
  if (!m) throw new Error(`unknown timeout expression ${expr}`);
  return Number(m[1]) * 1000;
}

function extract(src: string): unknown {
  const strings = (name: string): string[] =>
    (block(src, new RegExp(`var ${name} = \\[\\]string\\{`)).match(STR) ?? []).map(goString);
  const schemeAuthority = elements(block(src, /var schemeAuthority = \[\]struct\{ raw, normalized string \}\{/)).map(
    (el) => (el.match(STR) ?? []).map(goString),
  );
  const errorsBody = block(src, /badData := map\[string\]struct \{\n\s*url, error string\n\s*\}\{/);
  const errors = [...errorsBody.matchAll(/("(?:[^"\\]|\\.)*"):\s*\{([^}]*)\}/g)].map((m) => {
    const [url, error] = (m[2]?.match(STR) ?? []).map(goString);
    return { name: goString(m[1] as string), url, error };
  });
  const smoke = elements(block(src, /testcases := \[\]struct \{[^}]*absPath\s+string\n\s*\}\{/)).map((el) => ({
    name: strField(el, 'name'),
    input: strField(el, 'input'),
    cloneSpec: strField(el, 'cloneSpec'),
    absPath: absPath(field(el, 'absPath') ?? ''),
    host: strField(el, 'Host'),
    repoPath: strField(el, 'RepoPath'),
    kustRootPath: strField(el, 'KustRootPath'),
    ref: strField(el, 'Ref'),
  }));
  const parseQuery = elements(block(src, /testcases := \[\]struct \{[^}]*timeout\s+time\.Duration\n\s*\}\{/)).map(
    (el) => ({
      name: strField(el, 'name'),
      input: strField(el, 'input'),
      ref: strField(el, 'ref'),
      submodules: field(el, 'submodules') === 'defaultSubmodules' ? 'default' : field(el, 'submodules') === 'true',
      timeoutMs: timeoutMs(field(el, 'timeout') ?? ''),
    }),
  );
  const permute = {
    schemeAuthority,
    repoPaths: strings('repoPaths'),
    pathNames: strings('pathNames'),
    refArgs: strings('refArgs'),
  };
  return { permute, errors, smoke, parseQuery };
}

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: extract-repospec-cases.ts KUSTOMIZE_GIT_DIR');
  process.exit(2);
}
const tables = TAGS.map((tag) =>
  extract(execFileSync('git', ['--git-dir', gitDir, 'show', `${tag}:${FILE}`], { encoding: 'utf8' })),
);
if (JSON.stringify(tables[0]) !== JSON.stringify(tables[1]))
  throw new Error(`the tables of ${TAGS.join(' and ')} differ`);
const blob = (tag: string): string =>
  execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${tag}:${FILE}`], { encoding: 'utf8' }).trim();
const out = {
  source: `kubernetes-sigs/kustomize ${FILE} (tables identical at ${TAGS.map((t) => `${t} blob ${blob(t)}`).join(', ')})`,
  license: 'Apache-2.0, Copyright The Kubernetes Authors; extracted by test/scripts/extract-repospec-cases.ts',
  ...(tables[1] as object),
};
const target = join(repoRoot, 'test', 'build', 'data', 'repospec-cases.json');
writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
const t = tables[1] as { errors: unknown[]; smoke: unknown[]; parseQuery: unknown[] };
console.log(
  `${target}: ${t.errors.length} error cases, ${t.smoke.length} smoke cases, ${t.parseQuery.length} query cases`,
);
