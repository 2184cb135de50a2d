/**
 * Flux's `postBuild` variable substitution (fluxcd/pkg kustomize_varsub.go, spec §4): variables from
 * `substituteFrom` (ConfigMaps and Secrets in the Kustomization's namespace, in list order, `optional`
 * ones may be missing) overridden by inline `substitute`, newlines removed from every value, every name
 * checked against `^[_[:alpha:]][_[:alpha:][:digit:]]*$`; each object not labelled or annotated
 * `kustomize.toolkit.fluxcd.io/substitute: disabled` is serialised, expanded with envsubst and read back
 * as YAML 1.1 — only when at least one variable exists, unless `substituteStrategy: Always`. Strict mode
 * (undefined variables fail, Flux 2.9's default) can be turned off for the older blank-on-undefined
 * behaviour.
 */
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { emitDocument } from '../yaml/emit.js';
import { parseYamlStream } from '../yaml/parse.js';
import { getField, isMap, optionalScalarString, type YamlMap } from '../yaml/values.js';
import { envsubst, EnvsubstError } from './envsubst.js';
import { fieldDiagnostic, objectMeta, type FluxKustomization, type ObjectLocation } from './model.js';

export const SUBSTITUTE_KEY = 'kustomize.toolkit.fluxcd.io/substitute';
const VAR_NAME = /^[_A-Za-z][_A-Za-z0-9]*$/;
const VAR_NAME_RULE = '^[_[:alpha:]][_[:alpha:][:digit:]]*$';

/** Finds a ConfigMap or Secret of the cluster (the objects the cluster's Kustomizations render). */
export type ClusterObjectLookup = (
  kind: 'ConfigMap' | 'Secret',
  namespace: string,
  name: string,
) => ClusterObject | undefined;

/** An object of the cluster, with where it was defined. */
export interface ClusterObject {
  object: YamlMap;
  where?: ObjectLocation;
  /** The Kustomization that renders it (`namespace/name`), when known. */
  renderedBy?: string;
}

/** Options of the substitution. */
export interface SubstituteOptions {
  /**
   * Fail on `${var}` (and operator forms other than the defaults) when `var` is undefined, as Flux ≥ 2.9
   * does by default. `false` replaces undefined variables with "" (Flux < 2.9, `flux build`). Default true.
   */
  strict?: boolean;
}

/** Where a variable came from. */
export interface VariableSource {
  /** `substitute` (inline) or `ConfigMap/<name>` / `Secret/<name>`. */
  from: string;
  where?: ObjectLocation;
  path?: (string | number)[];
}

/** The variables of a Kustomization, or the reasons they cannot be loaded. */
export interface LoadedVariables {
  vars: Map<string, string>;
  sources: Map<string, VariableSource>;
  diagnostics: Diagnostic[];
  /** False when the controller would fail (missing non-optional source, invalid names). */
  ok: boolean;
}

const decoder = new TextDecoder('utf-8');

function base64Decode(s: string): string | undefined {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** True when an object carries SOPS metadata (a top-level `sops` field). */
export function hasSopsMetadata(obj: YamlMap): boolean {
  return isMap(getField(obj, 'sops'));
}

/** The placeholder used for values of SOPS-encrypted Secrets, which kustomize-ts never decrypts. */
export function sopsPlaceholder(key: string): string {
  return `SOPS[${key}]`;
}

/**
 * Loads the variables of `ks` (substituteFrom, then substitute), as the controller does. Diagnostics:
 * `flux/substitute-from-missing` (error, or nothing when `optional`), `flux/substitute-from-encrypted`
 * (warning: the Secret is SOPS-encrypted; its keys get placeholder values), `flux/substitute-var-name`.
 */
export function loadVariables(
  ks: FluxKustomization,
  lookup: ClusterObjectLookup,
  where?: ObjectLocation,
): LoadedVariables {
  const vars = new Map<string, string>();
  const sources = new Map<string, VariableSource>();
  const diags: Diagnostic[] = [];
  let ok = true;
  const pb = ks.postBuild;
  if (!pb) return { vars, sources, diagnostics: diags, ok };
  pb.substituteFrom.forEach((ref, i) => {
    const found = lookup(ref.kind, ks.namespace, ref.name);
    if (!found) {
      if (ref.optional) return;
      ok = false;
      diags.push(
        fieldDiagnostic(
          'flux/substitute-from-missing',
          'error',
          `Kustomization ${ks.namespace}/${ks.name}: substitute from '${ref.kind}/${ref.name}' error: ${ref.kind === 'ConfigMap' ? 'configmaps' : 'secrets'} "${ref.name}" not found (no Kustomization of this cluster renders it in namespace ${ks.namespace}; mark it optional if it is created another way)`,
          where,
          ['spec', 'postBuild', 'substituteFrom', i],
        ),
      );
      return;
    }
    const from = `${ref.kind}/${ref.name}`;
    const add = (k: string, v: string): void => {
      vars.set(k, v.replace(/\n/g, ''));
      const src: VariableSource = { from, path: [ref.kind === 'ConfigMap' ? 'data' : 'data', k] };
      if (found.where) src.where = found.where;
      sources.set(k, src);
    };
    if (ref.kind === 'ConfigMap') {
      const data = getField(found.object, 'data');
      if (isMap(data)) for (const k of Object.keys(data)) add(k, optionalScalarString(getField(data, k)) ?? '');
      return;
    }
    const encrypted = hasSopsMetadata(found.object);
    if (encrypted) {
      diags.push(
        fieldDiagnostic(
          'flux/substitute-from-encrypted',
          'warning',
          `Kustomization ${ks.namespace}/${ks.name}: Secret ${ks.namespace}/${ref.name} used by substituteFrom is SOPS-encrypted; its values are not decrypted and render as ${sopsPlaceholder('<key>')}`,
          where,
          ['spec', 'postBuild', 'substituteFrom', i],
        ),
      );
    }
    const data = getField(found.object, 'data');
    if (isMap(data)) {
      for (const k of Object.keys(data)) {
        const raw = optionalScalarString(getField(data, k)) ?? '';
        add(k, encrypted ? sopsPlaceholder(k) : (base64Decode(raw) ?? raw));
      }
    }
    // The API server merges stringData into data (stringData wins).
    const stringData = getField(found.object, 'stringData');
    if (isMap(stringData)) {
      for (const k of Object.keys(stringData))
        add(k, encrypted ? sopsPlaceholder(k) : (optionalScalarString(getField(stringData, k)) ?? ''));
    }
  });
  for (const k of Object.keys(pb.substitute)) {
    vars.set(k, (pb.substitute[k] as string).replace(/\n/g, ''));
    const src: VariableSource = { from: 'substitute', path: ['spec', 'postBuild', 'substitute', k] };
    if (where) src.where = where;
    sources.set(k, src);
  }
  return { vars, sources, diagnostics: diags, ok };
}

/** Checks every variable name (the controller rejects the whole Kustomization for one bad key). */
export function checkVariableNames(ks: FluxKustomization, loaded: LoadedVariables): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const k of loaded.vars.keys()) {
    if (VAR_NAME.test(k)) continue;
    const src = loaded.sources.get(k);
    out.push(
      fieldDiagnostic(
        'flux/substitute-var-name',
        'error',
        `Kustomization ${ks.namespace}/${ks.name}: '${k}' var name is invalid, must match '${VAR_NAME_RULE}' (from ${src?.from ?? 'substitute'}; every key of every substituteFrom object counts, used or not)`,
        src?.where,
        src?.path ?? [],
      ),
    );
  }
  return out;
}

/** True when the object opts out with `kustomize.toolkit.fluxcd.io/substitute: disabled`. */
export function substitutionDisabled(obj: YamlMap): boolean {
  const meta = getField(obj, 'metadata');
  if (!isMap(meta)) return false;
  for (const k of ['labels', 'annotations']) {
    const m = getField(meta, k);
    if (isMap(m) && getField(m, SUBSTITUTE_KEY) === 'disabled') return true;
  }
  return false;
}

/** One object to substitute, with where it came from (for positions). */
export interface SubstitutionTarget {
  object: YamlMap;
  /** Absolute path of the file the object was read from. */
  file?: string;
  /** Range of its document in that file. */
  range?: Range;
  /** Reads the file text (to position diagnostics on the `${…}` expression). */
  readText?: () => string | undefined;
}

/** The outcome for one object. */
export interface SubstitutionResult {
  /** The substituted object, or the input when nothing changed or substitution failed. */
  object: YamlMap;
  changed: boolean;
  diagnostics: Diagnostic[];
  ok: boolean;
}

function locateExpression(target: SubstitutionTarget, needle: string): Range | undefined {
  const text = target.readText?.();
  if (text === undefined) return target.range;
  const from = target.range?.start.offset ?? 0;
  const to = target.range?.end.offset ?? text.length;
  // The first occurrence in the object's document that is not in a comment.
  let i = text.indexOf(needle, from);
  while (i >= 0 && i <= to) {
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    if (!/(^|\s)#/.test(text.slice(lineStart, i))) break;
    i = text.indexOf(needle, i + 1);
  }
  if (i < 0 || i > to) return target.range;
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j >= 0 && j < i; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  const start = { line, column: i - lineStart + 1, offset: i };
  return { start, end: { line, column: start.column + needle.length, offset: i + needle.length } };
}

function describeObject(obj: YamlMap): string {
  const m = objectMeta(obj);
  return `'${m.apiVersion}, Kind=${m.kind}/${m.name}'`;
}

/**
 * Substitutes one object with `vars`. `strict` reports every undefined variable (one diagnostic per
 * object, listing them all; the controller stops at the first).
 */
export function substituteObject(
  target: SubstitutionTarget,
  vars: ReadonlyMap<string, string>,
  strict: boolean,
): SubstitutionResult {
  const obj = target.object;
  if (substitutionDisabled(obj)) return { object: obj, changed: false, diagnostics: [], ok: true };
  const text = emitDocument(obj);
  if (!text.includes('$')) return { object: obj, changed: false, diagnostics: [], ok: true };
  const missing: string[] = [];
  let out: string;
  try {
    out = envsubst(
      text,
      (name) => {
        const v = vars.get(name);
        return v !== undefined ? { value: v, exists: true } : { value: '', exists: !strict };
      },
      (name) => {
        if (!missing.includes(name)) missing.push(name);
      },
    );
  } catch (err) {
    if (!(err instanceof EnvsubstError)) throw err;
    // The expression the parser stopped in, to find it in the source file.
    const at = err.offset ?? 0;
    const start = text.lastIndexOf('${', Math.max(0, at - 1));
    const expr = start >= 0 ? (text.slice(start, Math.max(at, start + 2)).split('\n')[0] ?? '${') : '${';
    const d = diagnostic(
      'flux/substitute-syntax',
      'error',
      `post build failed for ${describeObject(obj)}: envsubst error: variable substitution failed: ${err.message} (in "${expr}")`,
      { file: target.file, range: locateExpression(target, expr) ?? target.range, source: 'flux' },
    );
    return { object: obj, changed: false, diagnostics: [d], ok: false };
  }
  if (missing.length > 0) {
    const diags = missing.map((n) =>
      diagnostic(
        'flux/substitute-undefined',
        'error',
        `post build failed for ${describeObject(obj)}: envsubst error: variable substitution failed: variable not set (strict mode): "${n}"`,
        { file: target.file, range: locateExpression(target, '${' + n) ?? target.range, source: 'flux' },
      ),
    );
    return { object: obj, changed: false, diagnostics: diags, ok: false };
  }
  if (out === text) return { object: obj, changed: false, diagnostics: [], ok: true };
  const stream = parseYamlStream(out, {
    file: target.file ?? '<substituted>',
    mode: 'yaml11',
    annotationsAsText: false,
  });
  const err = stream.errors[0];
  const doc = stream.documents[0];
  if (err || stream.documents.length !== 1 || !doc || !isMap(doc.value)) {
    const d = diagnostic(
      'flux/substitute-invalid-yaml',
      'error',
      `post build failed for ${describeObject(obj)}: YAMLToJSON: ${err ? err.message : 'the substituted text is not one YAML mapping'}`,
      { file: target.file, range: target.range, source: 'flux' },
    );
    return { object: obj, changed: false, diagnostics: [d], ok: false };
  }
  return { object: doc.value, changed: true, diagnostics: [], ok: true };
}
