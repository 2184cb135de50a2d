/**
 * Vitest matchers for overlay tests. Register with `expect.extend(kustomizeMatchers)` (done on import of
 * `kustomize-ts/vitest`).
 */
/// <reference types="node" />
import { readFileSync, existsSync } from 'node:fs';
import type { RenderedResource } from '../api/build.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { RuleId } from '../lint/rules/index.js';
import { getField, isMap, type YamlValue } from '../yaml/values.js';
import {
  buildOf,
  buildPath,
  describeSubject,
  diagnosticLine,
  diagnosticsOf,
  relativeToCwd,
  isBuildResult,
  resourcesOf,
  type Subject,
} from './subject.js';

/** Selects resources by kind, name and namespace (each optional). */
export interface ResourceQuery {
  kind?: string;
  name?: string;
  namespace?: string;
  apiVersion?: string;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

function matches(r: RenderedResource, q: ResourceQuery): boolean {
  if (q.kind !== undefined && r.id.kind !== q.kind) return false;
  if (q.name !== undefined && r.id.name !== q.name) return false;
  if (q.namespace !== undefined && r.id.namespace !== q.namespace) return false;
  if (q.apiVersion !== undefined && getField(r.object, 'apiVersion') !== q.apiVersion) return false;
  return true;
}

function list(rs: readonly RenderedResource[]): string {
  return rs.map((r) => `${r.id.kind}/${r.id.namespace ? r.id.namespace + '/' : ''}${r.id.name}`).join(', ') || '(none)';
}

function containerImages(v: YamlValue, out: string[]): void {
  if (Array.isArray(v)) {
    for (const x of v) containerImages(x, out);
    return;
  }
  if (!isMap(v)) return;
  for (const [k, val] of Object.entries(v)) {
    if ((k === 'containers' || k === 'initContainers' || k === 'ephemeralContainers') && Array.isArray(val)) {
      for (const c of val) if (isMap(c) && typeof c.image === 'string') out.push(c.image);
    }
    containerImages(val, out);
  }
}

/**
 * The resources of a subject that must have built: a path or build result that failed throws its errors,
 * so the test fails with the build's error (with or without `.not`) instead of "found (none)".
 */
function builtResources(subject: Subject, matcher: string): readonly RenderedResource[] {
  const result = buildOf(subject);
  if (result && !result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(diagnosticLine);
    throw new Error(`${matcher}: ${describeSubject(subject)} does not build:\n${errors.join('\n')}`);
  }
  return resourcesOf(subject);
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * The matchers (`toBuild`, `toContainResource`, `toHaveImage`, `toHaveReplicas`, `toMatchKustomize`,
 * `toHaveDiagnostic`) for `expect.extend`; importing `kustomize-ts/vitest` registers them.
 */
export const kustomizeMatchers = {
  /** The subject (a directory) builds without errors. */
  toBuild(subject: Subject): MatcherResult {
    const result = typeof subject === 'string' ? buildPath(subject) : subject;
    const errors = diagnosticsOf(result).filter((d) => d.severity === 'error');
    const ok = isBuildResult(result) ? result.ok : errors.length === 0;
    return {
      pass: ok,
      message: () =>
        ok
          ? `expected ${describeSubject(subject)} not to build, but it built ${resourcesOf(result).length} objects`
          : `expected ${describeSubject(subject)} to build, but:\n${errors.map(diagnosticLine).join('\n')}`,
    };
  },

  /** The build contains a resource matching the query. */
  toContainResource(subject: Subject, query: ResourceQuery): MatcherResult {
    const rs = builtResources(subject, 'toContainResource');
    const pass = rs.some((r) => matches(r, query));
    return {
      pass,
      message: () =>
        `expected ${describeSubject(subject)} ${pass ? 'not ' : ''}to contain ${JSON.stringify(query)}; it has ${list(rs)}`,
    };
  },

  /** Some container (or the selected resources' containers) runs exactly this image. */
  toHaveImage(subject: Subject, image: string, query: ResourceQuery = {}): MatcherResult {
    const images: string[] = [];
    for (const r of builtResources(subject, 'toHaveImage')) if (matches(r, query)) containerImages(r.object, images);
    const pass = images.includes(image);
    return {
      pass,
      message: () =>
        `expected ${describeSubject(subject)} ${pass ? 'not ' : ''}to run image ${image}; images: ${images.join(', ') || '(none)'}`,
      actual: images,
      expected: image,
    };
  },

  /** Every selected workload (Deployment, StatefulSet, ...) has this replica count. */
  toHaveReplicas(subject: Subject, count: number, query: ResourceQuery = {}): MatcherResult {
    const all = builtResources(subject, 'toHaveReplicas');
    const ws = all.filter((r) => WORKLOADS.has(r.id.kind) && matches(r, query));
    const counts = ws.map((r) => {
      const spec = getField(r.object, 'spec');
      return isMap(spec) ? getField(spec, 'replicas') : undefined;
    });
    const pass = ws.length > 0 && counts.every((c) => c === count);
    return {
      pass,
      message: () =>
        ws.length === 0
          ? `expected a workload matching ${JSON.stringify(query)} in ${describeSubject(subject)}; found ${list(all)}`
          : `expected ${list(ws)} ${pass ? 'not ' : ''}to have ${count} replicas; they have ${counts.map(String).join(', ')}`,
      actual: counts,
      expected: count,
    };
  },

  /** The build output is byte-identical to a committed golden file (e.g. made by `kubectl kustomize`). */
  toMatchKustomize(subject: Subject, goldenFile: string): MatcherResult {
    const result = typeof subject === 'string' ? buildPath(subject) : subject;
    if (!isBuildResult(result))
      return { pass: false, message: () => 'toMatchKustomize needs a directory or a build result' };
    if (!existsSync(goldenFile)) {
      return {
        pass: false,
        message: () =>
          `golden file ${relativeToCwd(goldenFile)} does not exist (make it with: kubectl kustomize DIR > ${relativeToCwd(goldenFile)})`,
      };
    }
    const expected = readFileSync(goldenFile, 'utf8');
    const actual = result.ok ? result.toYaml() : result.diagnostics.map(diagnosticLine).join('\n');
    const pass = actual === expected;
    return {
      pass,
      message: () => `expected ${describeSubject(subject)} ${pass ? 'not ' : ''}to match ${relativeToCwd(goldenFile)}`,
      actual,
      expected,
    };
  },

  /** A diagnostic with this code (lint rule id or engine code) is present. */
  toHaveDiagnostic(
    subject: Subject,
    code: DiagnosticCode | RuleId,
    where: { file?: string; line?: number } = {},
  ): MatcherResult {
    const ds = diagnosticsOf(subject);
    const hit = ds.filter(
      (d) =>
        d.code === code &&
        (where.file === undefined || (d.file ?? '').endsWith(where.file)) &&
        (where.line === undefined || d.line === where.line),
    );
    const pass = hit.length > 0;
    return {
      pass,
      message: () =>
        `expected ${pass ? 'no ' : 'a '}diagnostic ${code}${where.file ? ` in ${where.file}` : ''}${where.line ? ` at line ${where.line}` : ''}; got:\n${ds.map(diagnosticLine).join('\n') || '(none)'}`,
    };
  },
};

/** Type augmentation: the matchers on vitest's `expect(...)`. */
export interface KustomizeMatchers<R = unknown> {
  toBuild(): R;
  toContainResource(query: ResourceQuery): R;
  toHaveImage(image: string, query?: ResourceQuery): R;
  toHaveReplicas(count: number, query?: ResourceQuery): R;
  toMatchKustomize(goldenFile: string): R;
  toHaveDiagnostic(code: DiagnosticCode | RuleId, where?: { file?: string; line?: number }): R;
}
