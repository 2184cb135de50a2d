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

/** What the stages read from one object. */
interface Facts {
  readonly meta: ReturnType<typeof objectMeta>;
  readonly source: ReturnType<typeof readFluxSource>;
  readonly helmRelease: ReturnType<typeof readHelmRelease>;
  readonly generator: ReturnType<typeof readArtifactGenerator>;
  readonly kustomization: KustomizationRead | undefined;
}

const factsByObject = new WeakMap<FluxObject, Facts>();

/** The facts of an object, read on first use. */
function factsOf(o: FluxObject): Facts {
  let f = factsByObject.get(o);
  if (!f) {
    f = {
      meta: objectMeta(o.object),
      source: readFluxSource(o.object),
      helmRelease: readHelmRelease(o.object),
      generator: readArtifactGenerator(o.object, locationOf(o)),
      kustomization: isFluxKustomization(o.object) ? readFluxKustomization(o.object, locationOf(o)) : undefined,
    };
    factsByObject.set(o, f);
  }
  return f;
}

/** Name, namespace, apiVersion and kind. */
export const metaOf = (o: FluxObject): Facts['meta'] => factsOf(o).meta;

/** The Flux source the object is, if it is one. */
export const sourceOf = (o: FluxObject): Facts['source'] => factsOf(o).source;

/** The HelmRelease the object is, if it is one. */
export const helmReleaseOf = (o: FluxObject): Facts['helmRelease'] => factsOf(o).helmRelease;

/** The ArtifactGenerator the object is, if it is one. */
export const generatorOf = (o: FluxObject): Facts['generator'] => factsOf(o).generator;

/** The Flux Kustomization the object is (read with positions in its source), if it is one. */
export const kustomizationOf = (o: FluxObject): Facts['kustomization'] => factsOf(o).kustomization;
