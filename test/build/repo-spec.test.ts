/**
 * The repo-spec parser against kustomize's own test tables (api/internal/git/repospec_test.go, extracted into
 * data/repospec-cases.json by test/scripts/extract-repospec-cases.ts), plus the http(s) file test.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GIT_TIMEOUT_MS,
  isRemoteFile,
  newRepoSpecFromUrl,
  parseRepoQuery,
  repoOriginPath,
} from '../../src/build/repo-spec.js';
import { normalize } from '../../src/fs/path.js';

interface Tables {
  permute: { schemeAuthority: [string, string][]; repoPaths: string[]; pathNames: string[]; refArgs: string[] };
  errors: { name: string; url: string; error: string }[];
  smoke: {
    name: string;
    input: string;
    cloneSpec: string;
    absPath: string;
    host: string;
    repoPath: string;
    kustRootPath: string;
    ref: string;
  }[];
  parseQuery: {
    name: string;
    input: string;
    ref: string;
    submodules: boolean | 'default';
    timeoutMs: number | 'default';
  }[];
}

const tables = JSON.parse(readFileSync(new URL('data/repospec-cases.json', import.meta.url), 'utf8')) as Tables;

describe('repo specs: kustomize TestNewRepoSpecFromUrl_Permute', () => {
  const { schemeAuthority, repoPaths, pathNames, refArgs } = tables.permute;
  const cases: { uri: string; host: string; repoPath: string; path: string; ref: string }[] = [];
  for (const [raw, host] of schemeAuthority)
    for (const repoPath of repoPaths)
      for (const path of pathNames)
        for (const ref of refArgs) {
          // makeURL: filepath.Join(repoPath, path), then ?ref=.
          const joined = path === '' ? repoPath : normalize(`${repoPath}/${path}`);
          cases.push({ uri: raw + joined + (ref === '' ? '' : `?ref=${ref}`), host, repoPath, path, ref });
        }
  it('has the 480 permutations of kustomize', () => expect(cases).toHaveLength(480));
  it.each(cases)('$uri', (c) => {
    const r = newRepoSpecFromUrl(c.uri);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.host, r.value.repoPath, r.value.kustRootPath, r.value.ref]).toEqual([
      c.host,
      c.repoPath,
      c.path,
      c.ref,
    ]);
  });
});

describe('repo specs: kustomize TestNewRepoSpecFromUrlErrors', () => {
  it.each(tables.errors)('$name: $url', (c) => {
    const r = newRepoSpecFromUrl(c.url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(c.error);
  });
});

describe('repo specs: kustomize TestNewRepoSpecFromUrl_Smoke', () => {
  it.each(tables.smoke)('$name', (c) => {
    const r = newRepoSpecFromUrl(c.input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    expect({
      cloneSpec: s.cloneSpec,
      absPath: normalize(`/notCloned/${s.kustRootPath}`),
      host: s.host,
      repoPath: s.repoPath,
      kustRootPath: s.kustRootPath,
      ref: s.ref,
    }).toEqual({
      cloneSpec: c.cloneSpec,
      absPath: c.absPath,
      host: c.host,
      repoPath: c.repoPath,
      kustRootPath: c.kustRootPath,
      ref: c.ref,
    });
  });
});

describe('repo specs: kustomize TestParseQuery', () => {
  it.each(tables.parseQuery)('$name: $input', (c) => {
    expect(parseRepoQuery(c.input)).toEqual({
      ref: c.ref,
      submodules: c.submodules === 'default' ? true : c.submodules,
      timeoutMs: c.timeoutMs === 'default' ? DEFAULT_GIT_TIMEOUT_MS : c.timeoutMs,
    });
  });
});

describe('repo specs: details kustomize tests elsewhere', () => {
  it('keeps the raw URL and notes the git:: prefix', () => {
    const r = newRepoSpecFromUrl('git::https://example.com/org/repo//app?ref=v1&timeout=2m&submodules=false');
    expect(r).toEqual({
      ok: true,
      value: {
        raw: 'git::https://example.com/org/repo//app?ref=v1&timeout=2m&submodules=false',
        host: 'https://example.com/',
        repoPath: 'org/repo',
        cloneSpec: 'https://example.com/org/repo',
        kustRootPath: 'app',
        ref: 'v1',
        timeoutMs: 120_000,
        submodules: false,
        gitPrefix: true,
      },
    });
  });
  it.each([
    ['a malformed query keeps every default', 'ref=v1&x=%zz', { ref: '', timeoutMs: 27_000, submodules: true }],
    ['a semicolon is malformed too', 'ref=v1;x', { ref: '', timeoutMs: 27_000, submodules: true }],
    ['an empty ref falls back to version', 'ref=&version=v2', { ref: 'v2', timeoutMs: 27_000, submodules: true }],
    ['the first of repeated keys wins', 'ref=a&ref=b', { ref: 'a', timeoutMs: 27_000, submodules: true }],
    [
      '+ and %-escapes are decoded',
      'ref=kustomize%2Fv4+x',
      { ref: 'kustomize/v4 x', timeoutMs: 27_000, submodules: true },
    ],
    ['fractional durations', 'timeout=1.5s', { ref: '', timeoutMs: 1500, submodules: true }],
    ['negative seconds keep the default', 'timeout=-3', { ref: '', timeoutMs: 27_000, submodules: true }],
    ['submodules=0 turns them off', 'submodules=0', { ref: '', timeoutMs: 27_000, submodules: false }],
  ])('%s', (_name, query, expected) => expect(parseRepoQuery(query)).toEqual(expected));

  it.each([
    ['a file:// repo root', 'file:///tmp/repo.git', 'notCloned'],
    ['a path inside', 'https://github.com/org/repo//apps/base?ref=v1', 'apps/base'],
    ['a path with ..', 'https://github.com/org/repo//apps/x/../base', 'apps/base'],
  ])('origin path of %s', (_name, url, path) => {
    const r = newRepoSpecFromUrl(url);
    expect(r.ok && repoOriginPath(r.value)).toBe(path);
  });
});

describe('http(s) files: kustomize IsRemoteFile (Go url.Parse with scheme http or https)', () => {
  it.each([
    ['https://raw.githubusercontent.com/org/repo/v1/deploy.yaml', true],
    ['http://127.0.0.1:8080/file.yaml?x=1#frag', true],
    ['HTTPS://example.com/a.yaml', true],
    ['https://github.com/org/repo//path?ref=v1', true],
    ['https://example.com/bad%zzescape.yaml', false],
    ['https://example.com:port/a.yaml', false],
    ['https://exa\u0007mple.com/a.yaml', false],
    ['ftp://example.com/a.yaml', false],
    ['file:///tmp/repo', false],
    ['github.com/org/repo', false],
    ['git::https://example.com/org/repo', false],
    ['deploy.yaml', false],
    ['./https://x', false],
  ])('%s → %s', (url, remote) => expect(isRemoteFile(url)).toBe(remote));
});
