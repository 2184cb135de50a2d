/**
 * What the matchers accept: a kustomization directory (string, relative to the directory vitest runs in,
 * or absolute), a build result, a rendered resource, a list of those, or diagnostics. Paths in what the
 * helpers print (snapshots, failure messages) are relative to that directory, so snapshots do not depend
 * on the machine.
 */
/// <reference types="node" />
import { readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { build, type BuildResult, type RenderedResource } from '../api/build.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { hostPath, nodeFs } from '../node/node-fs.js';
import type { BuildOptions } from '../build/options.js';

export type Subject =
  | string
  | BuildResult
  | RenderedResource
  | readonly RenderedResource[]
  | { diagnostics: readonly Diagnostic[] }
  | readonly Diagnostic[];

const cache = new Map<string, BuildResult>();

/** Builds a directory (cached per path within a test run). */
export function buildPath(path: string, options: Partial<BuildOptions> = {}): BuildResult {
  const abs = hostPath(path);
  const key = `${abs}\0${options.loadRestrictor ?? ''}\0${options.reorder ?? ''}`;
  const hit = options.fs ? undefined : cache.get(key);
  if (hit) return hit;
  const r = build(abs, { fs: nodeFs(), ...options });
  if (!options.fs) cache.set(key, r);
  return r;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // ENOTDIR and the like: nothing there
  }
}

/**
 * What a string names on disk: `directory` (an overlay path), `missing` (a path-shaped string, `apps/prodution`,
 * whose folder exists but not itself: a mistyped overlay path), or undefined (text that is no path).
 */
export function overlayPathKind(v: unknown): 'directory' | 'missing' | undefined {
  if (typeof v !== 'string' || v === '' || v.length > 4096 || /[\n\0]/.test(v)) return undefined;
  const stat = statOf(resolve(v));
  if (stat !== undefined) return stat.isDirectory() ? 'directory' : undefined;
  if (!v.replace(/\/+$/, '').includes('/')) return undefined;
  return statOf(dirname(resolve(v)))?.isDirectory() === true ? 'missing' : undefined;
}

/** Why a mistyped overlay path cannot be snapshotted: what its folder holds instead. */
export function missingOverlayMessage(path: string): string {
  const parent = dirname(resolve(path));
  const folders = readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const shown = folders.length > 12 ? [...folders.slice(0, 12), '...'] : folders;
  const holds = shown.length > 0 ? `its folder holds ${shown.join(', ')}` : 'its folder holds no folder';
  return `'${path}' is not a directory (${holds}): a path is snapshotted as the build of that overlay, so a mistyped one fails instead of snapshotting the string`;
}

/** `text` with absolute paths under the working directory made relative to it. */
export function relativeToCwd(text: string): string {
  const cwd = process.cwd();
  return text
    .split(cwd + sep)
    .join('')
    .split(cwd)
    .join('.');
}

/** A diagnostic as one line, its file relative to the working directory. */
export function diagnosticLine(d: Diagnostic): string {
  const file = d.file !== undefined && isAbsolute(d.file) ? relative(process.cwd(), d.file) : d.file;
  return relativeToCwd(formatDiagnostic(file !== undefined ? { ...d, file } : d));
}

/** The build a subject stands for when it is a path or a build result. */
export function buildOf(subject: Subject): BuildResult | undefined {
  if (typeof subject === 'string') return buildPath(subject);
  return isBuildResult(subject) ? subject : undefined;
}

export function isBuildResult(v: unknown): v is BuildResult {
  return typeof v === 'object' && v !== null && 'toYaml' in v && 'resources' in v;
}

export function isRendered(v: unknown): v is RenderedResource {
  return typeof v === 'object' && v !== null && 'object' in v && 'id' in v;
}

/** The resources a subject stands for. */
export function resourcesOf(subject: Subject): readonly RenderedResource[] {
  if (typeof subject === 'string') return buildPath(subject).resources;
  if (isBuildResult(subject)) return subject.resources;
  if (isRendered(subject)) return [subject];
  if (Array.isArray(subject)) return (subject as unknown[]).filter(isRendered);
  return [];
}

/** The diagnostics a subject carries. */
export function diagnosticsOf(subject: Subject): readonly Diagnostic[] {
  if (typeof subject === 'string') return buildPath(subject).diagnostics;
  if (Array.isArray(subject))
    return (subject as unknown[]).filter(
      (d): d is Diagnostic => typeof d === 'object' && d !== null && 'code' in d && 'severity' in d,
    );
  return 'diagnostics' in subject ? subject.diagnostics : [];
}

export function describeSubject(subject: Subject): string {
  if (typeof subject === 'string') return `'${relativeToCwd(subject)}'`;
  if (isBuildResult(subject)) return 'the build result';
  if (isRendered(subject)) return `${subject.id.kind} ${subject.id.name}`;
  return 'the subject';
}
