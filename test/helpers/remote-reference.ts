/**
 * Running the remote cases (test/remote/cases.ts) with the reference binaries and with kustomize-ts, and the
 * normalisation that makes their outputs comparable: the repos folder reads `$ROOT`, the server `$HTTP`, the build
 * folder `$TOP`, and a clone (kustomize's `/tmp/kustomize-NNN`, our cache's `.../v1/git/<commit>`) `$CLONE`.
 */
/// <reference types="node" />
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteCase } from '../remote/cases.js';
import { gitTestEnv } from './remote-repos.js';

export const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
export const KUSTOMIZE58 = process.env.KUSTOMIZE58 ?? '/usr/local/bin/kustomize-5.8.1';
export const EXPECTED_DIR = new URL('../remote/expected/', import.meta.url).pathname;

/** What a build printed, normalised. */
export interface Outcome {
  /** stdout of a successful build, '' on failure. */
  yaml: string;
  /** The error (without kubectl's `error: ` / kustomize's `Error: `), '' on success. */
  error: string;
  /** Warning lines (from `Warning:` on). */
  warnings: string[];
}

export interface Places {
  root: string;
  http: string;
  top: string;
  cache?: string;
}

export function normalize(text: string, p: Places): string {
  let t = text.replaceAll(p.top, '$TOP');
  if (p.cache !== undefined)
    t = t.replace(new RegExp(`${escape(p.cache)}/v1/git/[0-9a-f]{40}(-nosub)?`, 'g'), '$CLONE');
  t = t.replace(/\/tmp\/kustomize-\d+/g, '$CLONE');
  return t.replaceAll(p.root, '$ROOT').replaceAll(p.http, '$HTTP');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The case's build folder (with its kustomization written) and the argument to build. */
export function prepareCase(c: RemoteCase, p: Places): { dir: string; arg: string } {
  const fill = (s: string): string => s.replaceAll('$ROOT', p.root).replaceAll('$HTTP', p.http);
  mkdirSync(p.top, { recursive: true });
  if (c.kustomization !== undefined) writeFileSync(join(p.top, 'kustomization.yaml'), fill(c.kustomization));
  return { dir: p.top, arg: c.target !== undefined ? fill(c.target) : p.top };
}

/** Splits a reference binary's stderr into warnings and the error. */
export function referenceOutcome(code: number, stdout: string, stderr: string, p: Places): Outcome {
  const lines = stderr.split('\n');
  const warnings: string[] = [];
  let error = '';
  lines.forEach((line, i) => {
    const w = line.indexOf('Warning: ');
    if (error === '' && w >= 0) warnings.push(normalize(line.slice(w), p));
    const m = /^(?:error|Error): /.exec(line);
    if (m && error === '') error = normalize([line.slice(m[0].length), ...lines.slice(i + 1)].join('\n').trimEnd(), p);
  });
  return { yaml: code === 0 ? normalize(stdout, p) : '', error: code === 0 ? '' : error, warnings };
}

/** Runs a reference binary (asynchronously: the test server lives in this process). */
export function runReference(bin: string, args: string[], p: Places): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(bin, args, { env: gitTestEnv(), cwd: p.top, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve(referenceOutcome(typeof code === 'number' ? code : 1, stdout, stderr, p));
    });
  });
}

export function hasReferences(): boolean {
  return existsSync(KUBECTL) && existsSync(KUSTOMIZE58);
}

/** The committed golden of a case. */
export function readGolden(name: string): Outcome {
  const f = (ext: string): string | undefined => {
    const path = join(EXPECTED_DIR, `${name}.${ext}`);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  const warnings = f('warnings.txt');
  return {
    yaml: f('yaml') ?? '',
    error: (f('error.txt') ?? '').replace(/\n$/, ''),
    warnings: warnings === undefined ? [] : warnings.replace(/\n$/, '').split('\n'),
  };
}

export function writeGolden(name: string, o: Outcome): void {
  mkdirSync(EXPECTED_DIR, { recursive: true });
  const write = (ext: string, text: string | undefined): void => {
    const path = join(EXPECTED_DIR, `${name}.${ext}`);
    if (text !== undefined) writeFileSync(path, text);
    else if (existsSync(path)) writeFileSync(path, '');
  };
  if (o.error === '') write('yaml', o.yaml);
  else write('error.txt', `${o.error}\n`);
  if (o.warnings.length > 0) write('warnings.txt', `${o.warnings.join('\n')}\n`);
}
