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
import {
  fieldDiagnostic,
  objectMeta,
  type FluxKustomization,
  type FluxSubstituteReference,
  type ObjectLocation,
} from './model.js';

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

/** Decodes base64 (whitespace ignored) as UTF-8 text, as a Secret's `data` value; undefined when invalid. */
export function base64Decode(s: string): string | undefined {
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

/** Sets a variable (newlines removed from its value, as the controller does) and where it came from. */
function setVariable(loaded: LoadedVariables, key: string, value: string, source: VariableSource): void {
  loaded.vars.set(key, value.replace(/\n/g, ''));
  loaded.sources.set(key, source);
}

/**
 * The key-value pairs a substituteFrom object provides: a ConfigMap's `data`; a Secret's `data` (base64
 * decoded) then `stringData` (the API server merges it into data, stringData wins), with placeholder values
 * when the Secret is SOPS-encrypted.
 */
function referenceData(kind: FluxSubstituteReference['kind'], obj: YamlMap): [string, string][] {
  const entries = (key: string, value: (text: string, k: string) => string): [string, string][] => {
    const data = getField(obj, key);
    return isMap(data)
      ? Object.keys(data).map((k) => [k, value(optionalScalarString(getField(data, k)) ?? '', k)])
      : [];
  };
  if (kind === 'ConfigMap') return entries('data', (text) => text);
  const encrypted = hasSopsMetadata(obj);
  return [
    ...entries('data', (text, k) => (encrypted ? sopsPlaceholder(k) : (base64Decode(text) ?? text))),
    ...entries('stringData', (text, k) => (encrypted ? sopsPlaceholder(k) : text)),
  ];
}

/** Adds the variables of the `index`th substituteFrom reference of `ks`, or reports it missing. */
function loadReference(
  ks: FluxKustomization,
  ref: FluxSubstituteReference,
  index: number,
  lookup: ClusterObjectLookup,
  where: ObjectLocation | undefined,
  loaded: LoadedVariables,
): void {
  const path = ['spec', 'postBuild', 'substituteFrom', index];
  const found = lookup(ref.kind, ks.namespace, ref.name);
  if (!found) {
    if (ref.optional) return;
    loaded.ok = false;
    loaded.diagnostics.push(
      fieldDiagnostic(
        'flux/substitute-from-missing',
        'error',
        `Kustomization ${ks.namespace}/${ks.name}: substitute from '${ref.kind}/${ref.name}' error: ${ref.kind === 'ConfigMap' ? 'configmaps' : 'secrets'} "${ref.name}" not found (no Kustomization of this cluster renders it in namespace ${ks.namespace}; mark it optional if it is created another way)`,
        where,
        path,
      ),
    );
    return;
  }
  if (ref.kind === 'Secret' && hasSopsMetadata(found.object)) {
    loaded.diagnostics.push(
      fieldDiagnostic(
        'flux/substitute-from-encrypted',
        'warning',
        `Kustomization ${ks.namespace}/${ks.name}: Secret ${ks.namespace}/${ref.name} used by substituteFrom is SOPS-encrypted; its values are not decrypted and render as ${sopsPlaceholder('<key>')}`,
        where,
        path,
      ),
    );
  }
  for (const [k, v] of referenceData(ref.kind, found.object)) {
    const source: VariableSource = { from: `${ref.kind}/${ref.name}`, path: ['data', k] };
    if (found.where) source.where = found.where;
    setVariable(loaded, k, v, source);
  }
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
  const loaded: LoadedVariables = { vars: new Map(), sources: new Map(), diagnostics: [], ok: true };
  const pb = ks.postBuild;
  if (!pb) return loaded;
  pb.substituteFrom.forEach((ref, i) => {
    loadReference(ks, ref, i, lookup, where, loaded);
  });
  for (const [k, v] of Object.entries(pb.substitute)) {
    const source: VariableSource = { from: 'substitute', path: ['spec', 'postBuild', 'substitute', k] };
    if (where) source.where = where;
    setVariable(loaded, k, v, source);
  }
  return loaded;
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

function unchanged(obj: YamlMap): SubstitutionResult {
  return { object: obj, changed: false, diagnostics: [], ok: true };
}

function failed(obj: YamlMap, diagnostics: Diagnostic[]): SubstitutionResult {
  return { object: obj, changed: false, diagnostics, ok: false };
}

/** `flux/substitute-syntax`: the text envsubst could not parse, positioned on the `${…}` it stopped in. */
function syntaxDiagnostic(target: SubstitutionTarget, text: string, err: EnvsubstError): Diagnostic {
  // The expression the parser stopped in, to find it in the source file.
  const at = err.offset ?? 0;
  const start = text.lastIndexOf('${', Math.max(0, at - 1));
  const expr = start >= 0 ? (text.slice(start, Math.max(at, start + 2)).split('\n')[0] ?? '${') : '${';
  return diagnostic(
    'flux/substitute-syntax',
    'error',
    `post build failed for ${describeObject(target.object)}: envsubst error: variable substitution failed: ${err.message} (in "${expr}")`,
    { file: target.file, range: locateExpression(target, expr) ?? target.range, source: 'flux' },
  );
}

/** `flux/substitute-undefined` for each variable strict mode found undefined. */
function undefinedDiagnostics(target: SubstitutionTarget, missing: readonly string[]): Diagnostic[] {
  return missing.map((n) =>
    diagnostic(
      'flux/substitute-undefined',
      'error',
      `post build failed for ${describeObject(target.object)}: envsubst error: variable substitution failed: variable not set (strict mode): "${n}"`,
      { file: target.file, range: locateExpression(target, '${' + n) ?? target.range, source: 'flux' },
    ),
  );
}

/** The substituted text read back as YAML 1.1: it must be one mapping (`flux/substitute-invalid-yaml`). */
function readBack(target: SubstitutionTarget, out: string): SubstitutionResult {
  const obj = target.object;
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
    return failed(obj, [d]);
  }
  return { object: doc.value, changed: true, diagnostics: [], ok: true };
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
  if (substitutionDisabled(obj)) return unchanged(obj);
  const text = emitDocument(obj);
  if (!text.includes('$')) return unchanged(obj);
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
    return failed(obj, [syntaxDiagnostic(target, text, err)]);
  }
  if (missing.length > 0) return failed(obj, undefinedDiagnostics(target, missing));
  if (out === text) return unchanged(obj);
  return readBack(target, out);
}
