/**
 * One Flux Kustomization of the render as the stages pass it along: its spec, where it was defined, and the
 * result being filled in (`FleetKustomization`), with the kustomize phase and source view once rendered.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FluxObject, KustomizePhase } from '../build.js';
import { locateField, type FluxKustomization, type ObjectLocation } from '../model.js';
import type { SourceView } from './sources.js';
import type { FleetKustomization } from './types.js';

/** A Kustomization being rendered. */
export interface FleetEntry {
  ks: FluxKustomization;
  where?: ObjectLocation;
  parent?: string;
  synthetic: boolean;
  result: FleetKustomization;
  phase?: KustomizePhase;
  view?: SourceView;
  /** The key its kustomize phase is kept under in the build cache (when kept). */
  memoKey?: string;
}

/** Where a rendered object was read from, for positions on diagnostics about it. */
export function locationOf(o: FluxObject): ObjectLocation {
  const w: ObjectLocation = { file: o.origin.file };
  if (o.origin.node) w.node = o.origin.node;
  if (o.origin.lineCounter) w.lineCounter = o.origin.lineCounter;
  if (o.fieldOrigins) w.fieldOrigins = o.fieldOrigins;
  return w;
}

function newResult(ks: FluxKustomization, synthetic: boolean, diagnostics: readonly Diagnostic[]): FleetKustomization {
  return {
    id: `${ks.namespace}/${ks.name}`,
    name: ks.name,
    namespace: ks.namespace,
    path: ks.path,
    source: { kind: ks.sourceRef.kind, name: ks.sourceRef.name, namespace: ks.sourceRef.namespace },
    dependsOn: ks.dependsOn.map((d) => `${d.namespace}/${d.name}`),
    spec: ks,
    synthetic,
    status: 'rendered',
    objects: [],
    kustomizeObjects: [],
    unmatchedPatchTargets: [],
    diagnostics: [...diagnostics],
  };
}

/** A new entry for `ks` (defined at `where`, found in `parent`'s output, or made up when `synthetic`). */
export function newEntry(
  ks: FluxKustomization,
  where: ObjectLocation | undefined,
  parent: string | undefined,
  synthetic: boolean,
  diagnostics: readonly Diagnostic[],
): FleetEntry {
  const result = newResult(ks, synthetic, diagnostics);
  if (where?.file) {
    result.definedIn = { file: where.file };
    const range = locateField(where, []);
    if (range) result.definedIn.range = range;
  }
  const entry: FleetEntry = { ks, synthetic, result };
  if (where) entry.where = where;
  if (parent !== undefined) {
    result.parent = parent;
    entry.parent = parent;
  }
  return entry;
}

/** True when the entry has a kustomize phase whose objects can be post-built. */
export function hasObjects(e: FleetEntry): boolean {
  return e.phase !== undefined && (e.phase.objects.length > 0 || e.phase.ok);
}
