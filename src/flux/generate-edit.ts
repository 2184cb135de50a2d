/**
 * The edit kustomize-controller makes to the root kustomization with the Flux Kustomization's fields:
 * `targetNamespace`, `namePrefix`, `nameSuffix` replace; `patches`, `components` and the v1beta fields
 * append; `images` merge by name; `buildMetadata` replaces. It records where each entry it adds came from,
 * to map diagnostics on the generated text back to the Flux Kustomization.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { resolve } from '../fs/path.js';
import { getField, isMap, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import {
  fieldDiagnostic,
  type FluxImage,
  type FluxKustomization,
  type FluxSelector,
  type ObjectLocation,
} from './model.js';

/** Where each entry appended by Flux came from, to map diagnostics back. */
export interface Provenance {
  /** kustomization field → number of entries that came from the original file. */
  originalCounts: Map<string, number>;
  /** kustomization field → the Flux spec field its appended entries came from. */
  fluxField: Map<string, string>;
  /** kustomization scalar fields set by Flux → Flux spec field. */
  scalarFromFlux: Map<string, string>;
}

/** The inputs of the edit: the Flux Kustomization, where it is defined, and the directory it builds. */
export interface FluxEditInput {
  ks: FluxKustomization;
  fs: FileSystem;
  dir: string;
  where: ObjectLocation | undefined;
}

/** kustomize-controller's IsLocalRelativePath: components must not be remote or absolute. */
export function isLocalRelativePath(path: string): boolean {
  const lower = path.toLowerCase();
  for (const p of ['git::', 'gh:', 'ssh://', 'https://', 'http://', 'git@', 'github.com:', 'github.com/']) {
    if (p.length < path.length && lower.startsWith(p)) return false;
  }
  if (path.startsWith('/') || lower.replace(/^file:\/\//, '').startsWith('/')) return false;
  return true;
}

/** The entries of a list field of a kustomization map ([] when absent or not a list). */
export function listField(k: YamlMap, key: string): YamlValue[] {
  const v = getField(k, key);
  return Array.isArray(v) ? v : [];
}

function selectorValue(s: FluxSelector | undefined): YamlMap | undefined {
  if (!s) return undefined;
  const out: YamlMap = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'annotationSelector', 'labelSelector'] as const) {
    const v = s[k];
    if (v) out[k] = v;
  }
  return out;
}

/** A patch entry of the kustomization: the patch text and its target, when it has one. */
function patchEntry(patch: string, target: FluxSelector | undefined): YamlMap {
  const m: YamlMap = { patch };
  const t = selectorValue(target);
  if (t) m.target = t;
  return m;
}

/** The kustomization being edited, with what Flux changed in it. */
class KustomizationEdit {
  changed = false;
  readonly prov: Provenance = { originalCounts: new Map(), fluxField: new Map(), scalarFromFlux: new Map() };

  constructor(readonly kus: YamlMap) {}

  /** Replaces a field with a value of the Flux spec field `from` (nothing when the value is unset). */
  replace(key: string, value: YamlValue | undefined, from: string): void {
    if (value === undefined) return;
    setField(this.kus, key, value);
    this.prov.scalarFromFlux.set(key, from);
    this.changed = true;
  }

  /** Appends the entries of the Flux spec field of the same name to a list field. */
  append(key: string, items: YamlValue[]): void {
    if (items.length === 0) return;
    const cur = listField(this.kus, key);
    this.prov.originalCounts.set(key, cur.length);
    this.prov.fluxField.set(key, key);
    setField(this.kus, key, [...cur, ...items]);
    this.changed = true;
  }

  /** Merges `spec.images` into `images` by name. */
  mergeImages(fluxImages: readonly FluxImage[]): void {
    if (fluxImages.length === 0) return;
    const images = listField(this.kus, 'images').map((x) => (isMap(x) ? { ...x } : x));
    this.prov.originalCounts.set('images', images.length);
    this.prov.fluxField.set('images', 'images');
    for (const img of fluxImages) mergeImage(images, img);
    setField(this.kus, 'images', images);
    this.changed = true;
  }
}

/** Sets a Flux image on the entry of the same name (newName; newTag and digest together), else appends it. */
function mergeImage(images: YamlValue[], img: FluxImage): void {
  const cur = images.find((x): x is YamlMap => isMap(x) && getField(x, 'name') === img.name);
  if (cur === undefined) {
    const m: YamlMap = { name: img.name };
    if (img.newName) m.newName = img.newName;
    if (img.newTag) m.newTag = img.newTag;
    if (img.digest) m.digest = img.digest;
    images.push(m);
    return;
  }
  if (img.newName) cur.newName = img.newName;
  if (!img.newTag && !img.digest) return;
  if (img.newTag) cur.newTag = img.newTag;
  else delete cur.newTag;
  if (img.digest) cur.digest = img.digest;
  else delete cur.digest;
}

/**
 * The components to append: undefined when one is remote or absolute (`flux/invalid-component`, the
 * controller fails); with `ignoreMissingComponents`, the missing ones are left out.
 */
function componentsToAppend(input: FluxEditInput, diags: Diagnostic[]): string[] | undefined {
  const { ks, fs, dir, where } = input;
  const components: string[] = [];
  let invalid = false;
  for (const [i, c] of ks.components.entries()) {
    if (!isLocalRelativePath(c)) {
      const message = `Kustomization ${ks.namespace}/${ks.name}: component path '${c}' must be local and relative`;
      diags.push(fieldDiagnostic('flux/invalid-component', 'error', message, where, ['spec', 'components', i]));
      invalid = true;
    } else if (!ks.ignoreMissingComponents || fs.stat(resolve(dir, c)) !== undefined) components.push(c);
  }
  return invalid ? undefined : components;
}

/** The kustomization fields Flux's scalar fields replace. */
const REPLACED_FIELDS = [
  ['namespace', 'targetNamespace'],
  ['namePrefix', 'namePrefix'],
  ['nameSuffix', 'nameSuffix'],
] as const;

/**
 * Applies the Flux Kustomization's fields to a kustomization map (the generator's merge), recording their
 * provenance in `prov`. Returns whether the map changed (false, with an error in `diags`, when a component
 * path is invalid).
 */
export function applyFluxFields(
  kus: YamlMap,
  input: FluxEditInput,
  diags: Diagnostic[],
): { changed: boolean; prov: Provenance } {
  const { ks } = input;
  const edit = new KustomizationEdit(kus);
  for (const [key, from] of REPLACED_FIELDS) edit.replace(key, ks[from], from);
  edit.append(
    'patches',
    ks.patches.map((p) => patchEntry(p.patch, p.target)),
  );
  const components = componentsToAppend(input, diags);
  if (components === undefined) return { changed: false, prov: edit.prov };
  edit.append('components', components);
  edit.append(
    'patchesStrategicMerge',
    ks.patchesStrategicMerge.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))),
  );
  edit.append(
    'patchesJson6902',
    ks.patchesJson6902.map((p) => patchEntry(JSON.stringify(p.patch), p.target)),
  );
  edit.mergeImages(ks.images);
  if (ks.buildMetadata && ks.buildMetadata.length > 0) {
    edit.replace('buildMetadata', [...ks.buildMetadata], 'buildMetadata');
  }
  return { changed: edit.changed, prov: edit.prov };
}
