/**
 * What the fleet stages read from a rendered object, read once per object: rendered objects are never
 * mutated and keep their identity while the Kustomization that renders them is reused from the build
 * cache, so an editor session's next render reads only the objects an edit changed.
 */
import { readArtifactGenerator } from '../artifacts.js';
import type { FluxObject } from '../build.js';
import { isFluxKustomization, objectMeta, readFluxKustomization, readFluxSource, readHelmRelease } from '../model.js';
import { locationOf } from './entries.js';

/** A Flux Kustomization as read from its object, with the problems of its definition. */
export type KustomizationRead = ReturnType<typeof readFluxKustomization>;

/** `read`, once per object. */
function perObject<T>(read: (o: FluxObject) => T): (o: FluxObject) => T {
  const kept = new WeakMap<FluxObject, { value: T }>();
  return (o) => {
    let k = kept.get(o);
    if (!k) kept.set(o, (k = { value: read(o) }));
    return k.value;
  };
}

/** Name, namespace, apiVersion and kind. */
export const metaOf = perObject((o) => objectMeta(o.object));

/** The Flux source the object is, if it is one. */
export const sourceOf = perObject((o) => readFluxSource(o.object));

/** The HelmRelease the object is, if it is one. */
export const helmReleaseOf = perObject((o) => readHelmRelease(o.object));

/** The ArtifactGenerator the object is, if it is one. */
export const generatorOf = perObject((o) => readArtifactGenerator(o.object, locationOf(o)));

/** The Flux Kustomization the object is (read with positions in its source), if it is one. */
export const kustomizationOf = perObject((o): KustomizationRead | undefined =>
  isFluxKustomization(o.object) ? readFluxKustomization(o.object, locationOf(o)) : undefined,
);
