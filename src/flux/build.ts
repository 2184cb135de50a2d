/**
 * Building one Flux Kustomization the way kustomize-controller does (spec §3): resolve `spec.path`
 * inside the source artifact (it cannot escape it), generate or edit the root kustomization (generate.ts),
 * run kustomize with `LoadRestrictionsNone` confined to the artifact root, check every object has
 * apiVersion, kind and name, flag SOPS-encrypted Secrets (never decrypted), then post-build: variable
 * substitution (substitute.ts), Flux's owner labels and `commonMetadata`.
 *
 * The work is split in two phases so a fleet can look up `substituteFrom` objects among everything its
 * cluster renders before substituting: {@link kustomizeFluxKustomization} then {@link postBuildFluxKustomization}.
 */
import { build, type BuildResult } from '../build/build.js';
import type { RemoteLoader } from '../build/options.js';
import { FLUX_KUSTOMIZE_VERSION, type KustomizeVersionInput } from '../kustomization/versions.js';
import type { BuildCache } from '../build/cache.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { FsError, readText } from '../fs/types.js';
import { join, normalize, relative } from '../fs/path.js';
import type { FieldOrigin, Origin } from '../resources/origin.js';
import type { UnmatchedPatchTarget } from '../build/context.js';
import type { ResId } from '../resources/res-id.js';
import { getField, isMap, scalarString, setField, type YamlMap } from '../yaml/values.js';
import { generateKustomization, type GenerateAction, type GeneratedKustomization } from './generate.js';
import {
  fieldDiagnostic,
  FLUX_KUSTOMIZE_GROUP,
  objectMeta,
  type FluxKustomization,
  type ObjectLocation,
} from './model.js';
import {
  checkVariableNames,
  hasSopsMetadata,
  loadVariables,
  substituteObject,
  type ClusterObjectLookup,
  type SubstitutionTarget,
} from './substitute.js';

/** The owner labels kustomize-controller puts on every object it applies. */
export const OWNER_NAME_LABEL = `${FLUX_KUSTOMIZE_GROUP}/name`;
export const OWNER_NAMESPACE_LABEL = `${FLUX_KUSTOMIZE_GROUP}/namespace`;

/** One object rendered by a Flux Kustomization. */
export interface FluxObject {
  /** The object as the controller would apply it (after substitution, owner labels, commonMetadata). */
  object: YamlMap;
  /** Its id after the kustomize build. */
  id: ResId;
  /** Where kustomize read it from (file, document range, AST). */
  origin: Origin;
  /** Its id before any rename by the build (prefix, suffix, namespace, hash). */
  originalId?: ResId;
  /** Fields a patch or transformer wrote, by JSON pointer (for positions of findings on patched values). */
  fieldOrigins?: ReadonlyMap<string, FieldOrigin>;
}

/** Inputs of a Flux Kustomization build. */
export interface FluxBuildInput {
  /** The file system holding the source artifact (as source-controller would serve it). */
  fs: FileSystem;
  /** Absolute path of the artifact root in `fs`: `spec.path` is relative to it and the build is confined to it. */
  sourceRoot: string;
  /** Where the Flux Kustomization object was defined, to position diagnostics on its fields. */
  where?: ObjectLocation;
  /** Resolves remote kustomize resources; default: none (remote entries fail with a diagnostic). */
  remoteLoader?: RemoteLoader;
  /** Reuse parsed files and built sub-kustomizations across builds (a fleet shares one). */
  cache?: BuildCache;
  /** The kustomize version to reproduce. Default: Flux 2.9's, `5.8` (kustomize v5.8.1). */
  kustomizeVersion?: KustomizeVersionInput;
}

/** The result of the kustomize phase. */
export interface KustomizePhase {
  ok: boolean;
  /** Absolute directory built (spec.path in the artifact). */
  dir: string;
  /** What the controller's generator did: created, edited or left the kustomization unchanged. */
  action?: GenerateAction;
  /** The kustomization file the build reads (absolute; generated files do not exist on disk). */
  kustomizationFile?: string;
  /** The generated or edited kustomization text, when the controller would rewrite the file. */
  kustomizationText?: string;
  /** kustomize's output, in its order, before any Flux post-processing. */
  objects: FluxObject[];
  diagnostics: Diagnostic[];
  /** Patch targets (kustomize's and Flux's) that selected nothing. */
  unmatchedPatchTargets: UnmatchedPatchTarget[];
}

/** Resolves `spec.path` as Flux's secure join does: `..` and absolute paths stay inside the root. */
export function resolveSpecPath(sourceRoot: string, path: string): string {
  const inner = normalize('/' + path);
  return inner === '/' ? normalize(sourceRoot) : join(sourceRoot, inner);
}

function missingIdentity(obj: YamlMap): string | undefined {
  const m = objectMeta(obj);
  if (m.apiVersion === '' || m.kind === '' || m.name === '') {
    return `failed to decode Kubernetes apiVersion, kind and name from: ${m.apiVersion || '<no apiVersion>'} ${m.kind || '<no kind>'} ${m.name || '<no name>'}`;
  }
  return undefined;
}

/** `flux/spec-path-not-found` when `dir` (spec.path in the artifact) is not a directory. */
function specPathProblem(ks: FluxKustomization, input: FluxBuildInput, dir: string): Diagnostic | undefined {
  const st = input.fs.stat(dir);
  if (st?.type === 'dir') return undefined;
  return fieldDiagnostic(
    'flux/spec-path-not-found',
    'error',
    `Kustomization ${ks.namespace}/${ks.name}: kustomization path not found: ${st ? 'not a directory' : 'no such file or directory'}: ${dir}`,
    input.where,
    ks.path === '' ? ['spec'] : ['spec', 'path'],
  );
}

/** The real path of `dir`, when the file system resolves links. */
function realDir(fs: FileSystem, dir: string): string {
  if (!fs.realPath) return dir;
  try {
    return fs.realPath(dir);
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
    return dir;
  }
}

/** `flux/patch-no-match` for the Flux `spec.patches` whose target selects nothing (kustomize skips them silently). */
function unmatchedFluxPatches(
  ks: FluxKustomization,
  gen: GeneratedKustomization,
  unmatched: readonly UnmatchedPatchTarget[],
  where: ObjectLocation | undefined,
): Diagnostic[] {
  const firstFlux = gen.appendedAfter.get('patches');
  if (firstFlux === undefined) return [];
  const out: Diagnostic[] = [];
  for (const u of unmatched) {
    if (u.file !== gen.file || u.field !== 'patches' || u.index < firstFlux) continue;
    const i = u.index - firstFlux;
    const target = ks.patches[i]?.target;
    const quirk =
      target?.namespace !== undefined && ks.targetNamespace !== undefined && target.namespace === ks.targetNamespace
        ? `; patch targets are matched before targetNamespace is applied, so objects without a namespace in their manifests do not match namespace ${target.namespace}`
        : '';
    out.push(
      fieldDiagnostic(
        'flux/patch-no-match',
        quirk ? 'warning' : 'info',
        `Kustomization ${ks.namespace}/${ks.name}: spec.patches[${i}] selects no object and is skipped${quirk}`,
        where,
        ['spec', 'patches', i],
      ),
    );
  }
  return out;
}

/** kustomize's output as Flux objects; `flux/invalid-object` for those without apiVersion, kind or name. */
function fluxObjects(
  resources: BuildResult['resources'],
  gen: GeneratedKustomization,
  diags: Diagnostic[],
): { objects: FluxObject[]; ok: boolean } {
  let ok = true;
  const objects = resources.map((r) => {
    const why = missingIdentity(r.object);
    if (why) {
      diags.push(
        diagnostic('flux/invalid-object', 'error', why, { file: r.origin.file, range: r.origin.range, source: 'flux' }),
      );
      ok = false;
    }
    const o: FluxObject = { object: r.object, id: r.id, origin: r.origin, originalId: r.originalId };
    if (r.fieldOrigins) {
      // Fields an inline patch of the generated kustomization wrote were set in the user's files.
      o.fieldOrigins =
        gen.action === 'unchanged'
          ? r.fieldOrigins
          : new Map([...r.fieldOrigins].map(([p, w]) => [p, gen.remapFieldOrigin(w)]));
    }
    return o;
  });
  return { objects, ok };
}

/** True for a SOPS-encrypted v1 Secret not annotated `kustomize.toolkit.fluxcd.io/decrypt: disabled`. */
function needsDecryption(obj: YamlMap): boolean {
  const m = objectMeta(obj);
  if (m.kind !== 'Secret' || m.apiVersion !== 'v1' || !hasSopsMetadata(obj)) return false;
  const ann = getField(getField(obj, 'metadata') as YamlMap, 'annotations');
  return !(isMap(ann) && scalarString(getField(ann, `${FLUX_KUSTOMIZE_GROUP}/decrypt`)).toLowerCase() === 'disabled');
}

/**
 * The encrypted Secrets among the objects: `flux/sops-no-decryption` (error) without `spec.decryption`,
 * else `flux/sops-encrypted` (info: kustomize-ts keeps them encrypted).
 */
function sopsDiagnostics(ks: FluxKustomization, objects: readonly FluxObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const o of objects) {
    if (!needsDecryption(o.object)) continue;
    const m = objectMeta(o.object);
    const secret = `Secret/${m.namespace ? m.namespace + '/' : ''}${m.name}`;
    const where = { file: o.origin.file, range: o.origin.range, source: 'flux' };
    out.push(
      ks.decryption
        ? diagnostic(
            'flux/sops-encrypted',
            'info',
            `${secret} is SOPS encrypted; kustomize-ts keeps it encrypted (the controller decrypts it with ${ks.decryption.provider || 'sops'})`,
            where,
          )
        : diagnostic(
            'flux/sops-no-decryption',
            'error',
            `${secret} is SOPS encrypted, configuring decryption is required for this secret to be reconciled (Kustomization ${ks.namespace}/${ks.name} has no spec.decryption)`,
            where,
          ),
    );
  }
  return out;
}

/**
 * Phase 1: generation and kustomize build of `ks`, plus the checks the controller makes on the output
 * (apiVersion/kind/name, SOPS-encrypted Secrets without `spec.decryption`).
 */
export function kustomizeFluxKustomization(ks: FluxKustomization, input: FluxBuildInput): KustomizePhase {
  const diags: Diagnostic[] = [];
  const specDir = resolveSpecPath(input.sourceRoot, ks.path);
  const fail = (dir: string): KustomizePhase => ({
    ok: false,
    dir,
    objects: [],
    diagnostics: diags,
    unmatchedPatchTargets: [],
  });
  const notFound = specPathProblem(ks, input, specDir);
  if (notFound) {
    diags.push(notFound);
    return fail(specDir);
  }
  const dir = realDir(input.fs, specDir);
  const gen = generateKustomization(input.fs, dir, ks, input.where);
  diags.push(...gen.diagnostics);
  if (!gen.ok) return fail(dir);
  if (input.cache && gen.fs !== input.fs) input.cache.viewOver(gen.fs, input.fs);
  const res = build(dir, {
    fs: gen.fs,
    loadRestrictor: 'LoadRestrictionsNone',
    // The controller's krusty options leave Reorder unset: no legacy sort, objects in kustomize's order.
    reorder: 'none',
    kustomizeVersion: input.kustomizeVersion ?? FLUX_KUSTOMIZE_VERSION,
    confineTo: input.sourceRoot,
    ...(input.remoteLoader ? { remoteLoader: input.remoteLoader } : {}),
    ...(input.cache ? { cache: input.cache } : {}),
  });
  for (const d of res.diagnostics) diags.push(gen.remap(d));
  diags.push(...unmatchedFluxPatches(ks, gen, res.unmatchedPatchTargets, input.where));
  const phase: KustomizePhase = {
    ok: res.ok,
    dir,
    action: gen.action,
    objects: [],
    diagnostics: diags,
    unmatchedPatchTargets: [...res.unmatchedPatchTargets],
  };
  if (gen.file !== undefined) phase.kustomizationFile = gen.file;
  if (gen.text !== undefined) phase.kustomizationText = gen.text;
  if (!res.ok) return phase;
  const { objects, ok } = fluxObjects(res.resources, gen, diags);
  phase.objects = objects;
  const sops = sopsDiagnostics(ks, objects);
  diags.push(...sops);
  phase.ok = ok && !sops.some((d) => d.severity === 'error');
  return phase;
}

/** Options of the post-build phase. */
export interface PostBuildOptions {
  /** ConfigMaps and Secrets of the cluster for `substituteFrom` (default: none exist). */
  lookup?: ClusterObjectLookup;
  /** Strict substitution (Flux ≥ 2.9, default true); false: undefined variables become "". */
  strictSubstitute?: boolean;
  /** Where the Flux Kustomization was defined. */
  where?: ObjectLocation;
  /** File system to read source texts from (positions of `${…}` in diagnostics). */
  fs?: FileSystem;
}

/** The result of the post-build phase. */
export interface PostBuildPhase {
  ok: boolean;
  objects: FluxObject[];
  diagnostics: Diagnostic[];
}

function withLabels(obj: YamlMap, labels: Record<string, string>, annotations: Record<string, string>): YamlMap {
  const meta = getField(obj, 'metadata');
  const m: YamlMap = isMap(meta) ? { ...meta } : {};
  const lk = Object.keys(labels);
  if (lk.length > 0) {
    const cur = getField(m, 'labels');
    const l: YamlMap = isMap(cur) ? { ...cur } : {};
    for (const k of lk) setField(l, k, labels[k] as string);
    setField(m, 'labels', l);
  }
  const ak = Object.keys(annotations);
  if (ak.length > 0) {
    const cur = getField(m, 'annotations');
    const a: YamlMap = isMap(cur) ? { ...cur } : {};
    for (const k of ak) setField(a, k, annotations[k] as string);
    setField(m, 'annotations', a);
  }
  const out: YamlMap = { ...obj };
  setField(out, 'metadata', m);
  return out;
}

/**
 * Phase 2: `postBuild` substitution, then owner labels, then `commonMetadata` (never substituted). The
 * input objects are not modified. When substitution fails for an object, it is kept as built and the
 * phase is not ok (the controller would fail the whole Kustomization).
 */
export function postBuildFluxKustomization(
  ks: FluxKustomization,
  objects: readonly FluxObject[],
  options: PostBuildOptions = {},
): PostBuildPhase {
  const diags: Diagnostic[] = [];
  let ok = true;
  let current = objects.map((o) => ({ ...o }));
  if (ks.postBuild) {
    const loaded = loadVariables(ks, options.lookup ?? (() => undefined), options.where);
    diags.push(...loaded.diagnostics);
    if (!loaded.ok) ok = false;
    else if (loaded.vars.size > 0 || ks.postBuild.substituteStrategy === 'Always') {
      const nameErrors = checkVariableNames(ks, loaded);
      if (nameErrors.length > 0) {
        diags.push(...nameErrors);
        ok = false;
      } else {
        const strict = options.strictSubstitute ?? true;
        const texts = new Map<string, string | undefined>();
        const readSource = (file: string): string | undefined => {
          if (!options.fs) return undefined;
          if (!texts.has(file)) {
            try {
              texts.set(file, readText(options.fs, file));
            } catch {
              texts.set(file, undefined);
            }
          }
          return texts.get(file);
        };
        current = current.map((o) => {
          const target: SubstitutionTarget = {
            object: o.object,
            file: o.origin.file,
            readText: () => readSource(o.origin.file),
          };
          if (o.origin.range) target.range = o.origin.range;
          const r = substituteObject(target, loaded.vars, strict);
          diags.push(...r.diagnostics);
          if (!r.ok) ok = false;
          return r.changed ? { ...o, object: r.object } : o;
        });
      }
    }
  }
  const owner = { [OWNER_NAME_LABEL]: ks.name, [OWNER_NAMESPACE_LABEL]: ks.namespace };
  current = current.map((o) => ({ ...o, object: withLabels(o.object, owner, {}) }));
  const cm = ks.commonMetadata;
  if (cm && (Object.keys(cm.labels).length > 0 || Object.keys(cm.annotations).length > 0)) {
    current = current.map((o) => ({ ...o, object: withLabels(o.object, cm.labels, cm.annotations) }));
  }
  return { ok, objects: current, diagnostics: diags };
}

/** Everything about one built Flux Kustomization. */
export interface FluxBuildResult extends KustomizePhase {
  /** kustomize's output before post-processing (same order as `objects`). */
  kustomizeObjects: FluxObject[];
}

/** Both phases at once (for a single Kustomization; a fleet interleaves them). */
export function buildFluxKustomization(
  ks: FluxKustomization,
  input: FluxBuildInput & Omit<PostBuildOptions, 'where' | 'fs'>,
): FluxBuildResult {
  const phase = kustomizeFluxKustomization(ks, input);
  if (phase.objects.length === 0 && !phase.ok) return { ...phase, kustomizeObjects: [] };
  const post = postBuildFluxKustomization(ks, phase.objects, {
    ...(input.lookup ? { lookup: input.lookup } : {}),
    ...(input.strictSubstitute !== undefined ? { strictSubstitute: input.strictSubstitute } : {}),
    ...(input.where ? { where: input.where } : {}),
    fs: input.fs,
  });
  return {
    ...phase,
    ok: phase.ok && post.ok,
    objects: post.objects,
    kustomizeObjects: phase.objects,
    diagnostics: [...phase.diagnostics, ...post.diagnostics],
  };
}

/** Relative path of `dir` from `root` as Flux writes `spec.path` (`./x/y`, or `./` for the root). */
export function toSpecPath(root: string, dir: string): string {
  const rel = relative(root, dir);
  return rel === '.' ? './' : './' + rel;
}
