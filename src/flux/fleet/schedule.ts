/**
 * Stage "schedule": the order Kustomizations render in, with its state in one object (as eemeli/yaml's
 * Composer holds its state). Breadth-first from the entry point: each Kustomization is kustomized, then
 * post-built, its facts collected, and the Flux Kustomizations among its objects discovered and queued.
 * Two kinds of waiting:
 * - a Kustomization on an `ExternalArtifact` that no ArtifactGenerator rendered so far waits (one may come
 *   later); once nothing else can run, the waiting ones run anyway and report the source as unmapped;
 * - a Kustomization whose `substituteFrom` objects are not rendered yet is deferred after its kustomize
 *   phase; deferred ones post-build once everything else ran, the satisfied ones first.
 * A stage for HelmReleases (rendering charts into objects) would be scheduled the same way: queued when
 * collected, deferred until its chart source and `valuesFrom` objects are available.
 */
import { getField, valuesEqual } from '../../yaml/values.js';
import type { FluxObject } from '../build.js';
import { fieldDiagnostic } from '../model.js';
import { kustomizationOf, type KustomizationRead } from './facts.js';
import { collectFacts } from './collect.js';
import type { FleetContext } from './context.js';
import { hasObjects, locationOf, newEntry, type FleetEntry } from './entries.js';
import { kustomizeEntry, postBuildEntry, substitutionsReady, waitsForSubstitutions } from './render.js';

/** The render queue of one cluster. */
export class FleetSchedule {
  /** Every Kustomization found, by `namespace/name`. */
  readonly byId = new Map<string, FleetEntry>();
  private readonly queue: FleetEntry[] = [];
  /** Kustomized, waiting for `substituteFrom` objects. */
  private readonly deferred: FleetEntry[] = [];
  /** Waiting for an ExternalArtifact. */
  private readonly waiting: FleetEntry[] = [];
  /** Set once no ArtifactGenerator can appear any more. */
  private artifactsFinal = false;
  private done = 0;

  constructor(private readonly ctx: FleetContext) {}

  /** Renders the entry point (already kustomized) and everything it leads to. */
  run(entry: FleetEntry): void {
    this.add(entry);
    if (hasObjects(entry) && waitsForSubstitutions(this.ctx, entry)) this.deferred.push(entry);
    else this.finish(entry, hasObjects(entry));
    this.drain();
  }

  private add(e: FleetEntry): void {
    this.byId.set(e.result.id, e);
    this.ctx.result.kustomizations.push(e.result);
  }

  private drain(): void {
    while (this.step()) {
      // each step renders or releases one Kustomization
    }
  }

  /** Does the next thing; false when nothing is left. */
  private step(): boolean {
    const next = this.queue.shift();
    if (next) {
      this.process(next);
      return true;
    }
    const ready = this.waiting.findIndex((e) => !this.waitsForArtifact(e));
    if (ready >= 0) {
      this.process(this.waiting.splice(ready, 1)[0] as FleetEntry);
      return true;
    }
    if (this.deferred.length === 0 && this.waiting.length > 0) {
      this.artifactsFinal = true;
      this.queue.push(...this.waiting.splice(0));
      return true;
    }
    if (this.deferred.length === 0) return false;
    const i = Math.max(
      0,
      this.deferred.findIndex((e) => substitutionsReady(this.ctx, e)),
    );
    const [e] = this.deferred.splice(i, 1);
    if (e) this.finish(e, true);
    return true;
  }

  /** An ExternalArtifact no ArtifactGenerator rendered so far provides: wait (it may come later). */
  private waitsForArtifact(e: FleetEntry): boolean {
    const { kind, namespace, name } = e.ks.sourceRef;
    return kind === 'ExternalArtifact' && this.ctx.sources.view(kind, namespace, name) === 'unmapped';
  }

  private process(e: FleetEntry): void {
    if (!this.artifactsFinal && this.waitsForArtifact(e)) {
      this.waiting.push(e);
      return;
    }
    const rendered = kustomizeEntry(this.ctx, e);
    if (rendered && waitsForSubstitutions(this.ctx, e)) {
      this.deferred.push(e);
      return;
    }
    this.finish(e, rendered);
  }

  /** Phase 2, facts and discovery; then progress. */
  private finish(e: FleetEntry, rendered: boolean): void {
    if (rendered && e.phase) {
      postBuildEntry(this.ctx, e, e.phase);
      collectFacts(this.ctx, e);
      for (const o of e.result.objects) {
        const read = kustomizationOf(o);
        if (read) this.discover(o, read, e);
      }
    }
    this.done++;
    this.ctx.options.onProgress?.({
      done: this.done,
      pending: this.queue.length + this.deferred.length,
      current: e.result.id,
    });
  }

  /** Adds a Kustomization found in a parent's output (or reports a conflicting definition). */
  private discover(obj: FluxObject, { kustomization: ks, diagnostics }: KustomizationRead, parent: FleetEntry): void {
    const where = locationOf(obj);
    const id = `${ks.namespace}/${ks.name}`;
    if (id === parent.result.id) return; // a Kustomization that manages its own definition
    const existing = this.byId.get(id);
    if (existing) {
      if (!valuesEqual(getField(existing.ks.object, 'spec'), getField(obj.object, 'spec')))
        this.reportDuplicate(existing, obj, parent);
      return;
    }
    const e = newEntry(ks, where, parent.result.id, false, diagnostics);
    this.add(e);
    this.queue.push(e);
  }

  private reportDuplicate(existing: FleetEntry, obj: FluxObject, parent: FleetEntry): void {
    const id = existing.result.id;
    const d = fieldDiagnostic(
      'flux/duplicate-kustomization',
      'error',
      `Kustomization ${id} is defined twice with different specs (rendered by ${existing.parent ?? 'the entry'} and by ${parent.result.id}); the one rendered first is used`,
      locationOf(obj),
      ['spec'],
    );
    const first = existing.result.definedIn;
    if (first)
      d.related = [{ file: first.file, ...(first.range ? { range: first.range } : {}), message: 'first definition' }];
    this.ctx.result.diagnostics.push(d);
  }
}
