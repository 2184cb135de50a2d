/**
 * What the matchers accept: a kustomization directory (string, relative to the working directory or
 * absolute), a build result, a rendered resource, a list of those, or diagnostics.
 */
/// <reference types="node" />
import { build, type BuildResult, type RenderedResource } from '../api/build.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
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
  if (typeof subject === 'string') return `'${subject}'`;
  if (isBuildResult(subject)) return 'the build result';
  if (isRendered(subject)) return `${subject.id.kind} ${subject.id.name}`;
  return 'the subject';
}
