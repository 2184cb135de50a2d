/**
 * From a rendered chart to the objects helm-controller applies: the chart's manifests go through each
 * `postRenderers[].kustomize` in order (a kustomize build of the manifests with the renderer's patches and
 * images, by the engine), then `commonMetadata` and the origin labels (`helm.toolkit.fluxcd.io/name`,
 * `/namespace`) on `metadata`. CRDs of crds/ are applied apart (origin labels only, no post-renderers).
 * Objects without a namespace get the release namespace unless their kind is cluster-scoped, as Helm's
 * client sets it when applying. Each object's origin is the HelmRelease, with the chart template in `path`.
 */
import { build } from '../../build/build.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { memoryFs } from '../../fs/memory.js';
import type { RenderedManifest } from '../../helm/chart/render.js';
import type { Origin } from '../../resources/origin.js';
import { defaultScope, splitApiVersion, type ResId } from '../../resources/res-id.js';
import { emitDocument } from '../../yaml/emit.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { getField, isMap, scalarString, setField, type YamlMap } from '../../yaml/values.js';
import type { FluxObject } from '../build.js';
import { FLUX_HELM_GROUP } from '../model.js';
import type { HelmReleaseSpec } from './spec.js';

/** One object on its way through the post-renderers, with the chart template it came from. */
interface Staged {
  object: YamlMap;
  sourcePath: string;
}

/** Where the HelmRelease is defined: the origin its objects get. */
export interface ReleaseOrigin {
  file: string;
  range?: Origin['range'];
}

/** The objects of a release, or why post-rendering failed. */
export interface ReleaseObjects {
  objects: FluxObject[];
  diagnostics: Diagnostic[];
  ok: boolean;
}

const DIR = '/helm-post-render';
const PATCH_FIELDS = ['patches', 'images', 'patchesStrategicMerge', 'patchesJson6902'] as const;

/** The renderer's kustomization fields; v2beta1's inline JSON 6902 operations become a JSON string. */
function rendererFields(renderer: YamlMap): YamlMap {
  const out: YamlMap = {};
  for (const f of PATCH_FIELDS) {
    const v = getField(renderer, f);
    if (v === undefined || v === null) continue;
    if (f === 'patchesJson6902' && Array.isArray(v)) {
      setField(
        out,
        f,
        v.map((p) =>
          isMap(p) && Array.isArray(getField(p, 'patch')) ? { ...p, patch: JSON.stringify(getField(p, 'patch')) } : p,
        ),
      );
    } else setField(out, f, v);
  }
  return out;
}

/** One post-renderer: a kustomize build of the objects (one file each, to keep track of their templates). */
function kustomizeStage(
  input: readonly Staged[],
  texts: readonly string[],
  renderer: YamlMap,
): { staged: Staged[]; diagnostics: Diagnostic[] } {
  const files: Record<string, string> = {};
  const resources = input.map((_, i) => `r${String(i)}.yaml`);
  resources.forEach((r, i) => (files[`${DIR}/${r}`] = texts[i] ?? ''));
  files[`${DIR}/kustomization.yaml`] = emitDocument({ resources, ...rendererFields(renderer) });
  const r = build(DIR, { fs: memoryFs(files) });
  if (!r.ok) return { staged: [], diagnostics: r.diagnostics.filter((d) => d.severity === 'error') };
  const staged = r.resources.map((res) => {
    const m = /\/r(\d+)\.yaml$/.exec(res.origin.file);
    return { object: res.object, sourcePath: input[Number(m?.[1] ?? -1)]?.sourcePath ?? '' };
  });
  return { staged, diagnostics: [] };
}

function mergeMetadata(obj: YamlMap, field: 'labels' | 'annotations', add: Readonly<Record<string, string>>): void {
  if (Object.keys(add).length === 0) return;
  let meta = getField(obj, 'metadata');
  if (!isMap(meta)) setField(obj, 'metadata', (meta = {}));
  let current = getField(meta, field);
  if (!isMap(current)) setField(meta, field, (current = {}));
  for (const [k, v] of Object.entries(add)) setField(current, k, v);
}

function resIdOf(obj: YamlMap): ResId {
  const meta = getField(obj, 'metadata');
  const { group, version } = splitApiVersion(scalarString(getField(obj, 'apiVersion')));
  const at = (k: string): string => (isMap(meta) ? scalarString(getField(meta, k)) : '');
  return { group, version, kind: scalarString(getField(obj, 'kind')), name: at('name'), namespace: at('namespace') };
}

/** Sets the release namespace on a namespaced object that has none (cluster-scoped: built-in or the chart's CRDs). */
function defaultNamespace(obj: YamlMap, namespace: string, clusterKinds: ReadonlySet<string>): void {
  const id = resIdOf(obj);
  if (id.namespace !== '' || defaultScope(id) || clusterKinds.has(`${id.group}/${id.kind}`)) return;
  const meta = getField(obj, 'metadata');
  if (isMap(meta)) setField(meta, 'namespace', namespace);
}

/** `group/kind` of the cluster-scoped kinds the chart's CRDs define. */
function clusterScopedCrdKinds(crds: readonly Staged[]): Set<string> {
  const out = new Set<string>();
  for (const { object } of crds) {
    const spec = getField(object, 'spec');
    if (!isMap(spec) || getField(spec, 'scope') !== 'Cluster') continue;
    const names = getField(spec, 'names');
    out.add(`${scalarString(getField(spec, 'group'))}/${isMap(names) ? scalarString(getField(names, 'kind')) : ''}`);
  }
  return out;
}

function isCrdPath(sourcePath: string): boolean {
  return /^[^/]+(\/charts\/[^/]+)*\/crds\//.test(sourcePath);
}

/** A manifest parsed as one plain object with kind and name (undefined for anything else: a List, an error). */
function plainObject(text: string): YamlMap | undefined {
  const parsed = parseYamlStream(text, { file: '' });
  const doc = parsed.documents.length === 1 ? parsed.documents[0]?.value : undefined;
  if (parsed.errors.length > 0 || !isMap(doc)) return undefined;
  const id = resIdOf(doc);
  return id.kind !== '' && !id.kind.endsWith('List') && id.name !== '' && id.version !== '' ? doc : undefined;
}

/**
 * Parses the chart's manifests: each one a plain object (fast path, Helm's order kept), or else through a
 * kustomize build without transformers (the engine's parser and checks: Lists expanded, errors reported).
 */
function parseManifests(manifests: readonly RenderedManifest[]): { staged: Staged[]; diagnostics: Diagnostic[] } {
  const staged: Staged[] = [];
  for (const m of manifests) {
    const object = plainObject(m.text);
    if (!object) {
      const input = manifests.map((x) => ({ object: {}, sourcePath: x.sourcePath }));
      return kustomizeStage(
        input,
        manifests.map((x) => x.text),
        {},
      );
    }
    staged.push({ object, sourcePath: m.sourcePath });
  }
  return { staged, diagnostics: [] };
}

/** The objects a release applies, from its rendered manifests (CRDs included or not by the caller). */
export function releaseObjects(
  manifests: readonly RenderedManifest[],
  spec: HelmReleaseSpec,
  origin: ReleaseOrigin,
): ReleaseObjects {
  const out: ReleaseObjects = { objects: [], diagnostics: [], ok: true };
  const fail = (diags: Diagnostic[], what: string): ReleaseObjects => {
    out.ok = false;
    out.diagnostics.push(
      ...diags.map((d) =>
        diagnostic('helm/post-render', 'error', `HelmRelease ${spec.namespace}/${spec.name}: ${what}: ${d.message}`, {
          file: origin.file,
          range: origin.range,
          source: 'flux',
        }),
      ),
    );
    return out;
  };
  const crds = parseManifests(manifests.filter((m) => isCrdPath(m.sourcePath)));
  if (crds.diagnostics.length > 0) return fail(crds.diagnostics, 'the chart CRDs cannot be read');
  let stage = parseManifests(manifests.filter((m) => !isCrdPath(m.sourcePath)));
  if (stage.diagnostics.length > 0) return fail(stage.diagnostics, 'the chart manifests cannot be read');
  for (const [i, renderer] of spec.postRenderers.entries()) {
    stage = kustomizeStage(
      stage.staged,
      stage.staged.map((s) => emitDocument(s.object)),
      renderer,
    );
    if (stage.diagnostics.length > 0) return fail(stage.diagnostics, `postRenderers[${String(i)}] failed`);
  }
  const labels = { [`${FLUX_HELM_GROUP}/name`]: spec.name, [`${FLUX_HELM_GROUP}/namespace`]: spec.namespace };
  const clusterKinds = clusterScopedCrdKinds(crds.staged);
  for (const s of crds.staged) mergeMetadata(s.object, 'labels', labels);
  for (const s of stage.staged) {
    if (spec.commonMetadata) {
      mergeMetadata(s.object, 'labels', spec.commonMetadata.labels);
      mergeMetadata(s.object, 'annotations', spec.commonMetadata.annotations);
    }
    mergeMetadata(s.object, 'labels', labels);
    defaultNamespace(s.object, spec.releaseNamespace, clusterKinds);
  }
  const configuredBy = {
    apiVersion: `${FLUX_HELM_GROUP}/v2`,
    kind: 'HelmRelease',
    name: spec.name,
    namespace: spec.namespace,
  };
  for (const s of [...crds.staged, ...stage.staged]) {
    const o: Origin = { file: origin.file, path: s.sourcePath, configuredBy };
    if (origin.range) o.range = origin.range;
    out.objects.push({ object: s.object, id: resIdOf(s.object), origin: o });
  }
  return out;
}
