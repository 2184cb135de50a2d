/**
 * Validating one object against its schema: pick the schema (CRD of the set, Flux, Kubernetes), run the
 * cached validator, turn its errors into problems. Shared, cached validators per mode live here so repeated
 * calls (an editor re-validating on every keystroke) compile each schema once.
 */
import { AjvAdapter, type PrecompiledValidators } from './ajv.js';
import { problemsFromErrors, type ProblemOptions, type SchemaProblem } from './problems.js';
import { builtinSchemaRef, type CrdIndex, type SchemaRef } from './registry.js';
import { getField, isMap, type YamlMap } from '../yaml/values.js';

/** The schema outcome for one object. */
export type ObjectSchemaResult =
  | { readonly status: 'valid'; readonly schema: SchemaRef }
  | { readonly status: 'invalid'; readonly schema: SchemaRef | undefined; readonly problems: readonly SchemaProblem[] }
  /** No schema: `reason` says why (no schema for the kind, or it failed to compile). */
  | { readonly status: 'unknown'; readonly reason: 'no-schema' | 'not-compiled'; readonly detail?: string }
  /** Not validated on purpose: SOPS-encrypted, or its CRD declares no schema (anything goes). */
  | { readonly status: 'skipped'; readonly reason: 'sops' | 'schemaless-crd'; readonly detail?: string };

/** Options of a {@link SchemaValidator}. */
export interface SchemaValidatorOptions {
  /** Unknown fields are errors (kubeconform `-strict`). Default false. */
  strict?: boolean;
  /** Validators compiled ahead of time for the built-in schemas (for pages whose CSP forbids `new Function`). */
  precompiled?: PrecompiledValidators;
}

/** Whether an object still carries SOPS metadata (Flux decrypts it before applying). */
export function isSopsEncrypted(obj: YamlMap): boolean {
  const sops = getField(obj, 'sops');
  return isMap(sops) && (getField(sops, 'mac') !== undefined || getField(sops, 'version') !== undefined);
}

/** Validates objects against their schemas, compiling each schema once. */
export class SchemaValidator {
  private readonly adapter: AjvAdapter;
  /**
   * Outcomes by object, then schema key and options: objects are never mutated after rendering and keep
   * their identity across an editor session's renders, so an unchanged object is not validated again.
   */
  private readonly outcomes = new WeakMap<YamlMap, Map<string, ObjectSchemaResult>>();

  constructor(options: SchemaValidatorOptions = {}) {
    this.adapter = new AjvAdapter({
      strict: options.strict ?? false,
      ...(options.precompiled !== undefined ? { precompiled: options.precompiled } : {}),
    });
  }

  get strict(): boolean {
    return this.adapter.strict;
  }

  /** The schema for apiVersion/kind: a CRD of `crds` first, then the built-in ones. */
  schemaFor(apiVersion: string, kind: string, crds?: CrdIndex): SchemaRef | undefined {
    return crds?.lookup(apiVersion, kind) ?? builtinSchemaRef(apiVersion, kind);
  }

  /** Validates one object. */
  validateObject(obj: YamlMap, crds?: CrdIndex, options: ProblemOptions = {}): ObjectSchemaResult {
    const apiVersion = getField(obj, 'apiVersion');
    const kind = getField(obj, 'kind');
    if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
      const problems: SchemaProblem[] = [];
      for (const [field, v] of [
        ['apiVersion', apiVersion],
        ['kind', kind],
      ] as const) {
        if (v === undefined || v === null || v === '') {
          problems.push({
            pointer: `/${field}`,
            anchor: 'parent',
            keyword: 'required',
            message: `missing required field "${field}"`,
          });
        } else if (typeof v !== 'string') {
          problems.push({ pointer: `/${field}`, anchor: 'value', keyword: 'type', message: 'must be a string' });
        }
      }
      return { status: 'invalid', schema: undefined, problems };
    }
    if (isSopsEncrypted(obj)) return { status: 'skipped', reason: 'sops' };
    const ref = this.schemaFor(apiVersion, kind, crds);
    if (ref === undefined) {
      const crd = crds?.schemaless(apiVersion, kind);
      if (crd !== undefined) return { status: 'skipped', reason: 'schemaless-crd', detail: crd };
      return { status: 'unknown', reason: 'no-schema' };
    }
    let byKey = this.outcomes.get(obj);
    if (!byKey) this.outcomes.set(obj, (byKey = new Map<string, ObjectSchemaResult>()));
    const key = `${ref.key}\0${options.ignorePlaceholders === true ? 'p' : ''}`;
    let outcome = byKey.get(key);
    if (!outcome) byKey.set(key, (outcome = this.validateWith(obj, ref, options)));
    return outcome;
  }

  private validateWith(obj: YamlMap, ref: SchemaRef, options: ProblemOptions): ObjectSchemaResult {
    const lookup = this.adapter.get(ref.key);
    if (!lookup.ok) return { status: 'unknown', reason: 'not-compiled', detail: lookup.reason };
    const fn = lookup.validate;
    if (fn(obj)) return { status: 'valid', schema: ref };
    const problems = problemsFromErrors(fn.errors ?? [], obj, options);
    // Errors that were all filtered (bigints in integer fields, placeholders) leave the object valid.
    if (problems.length === 0) return { status: 'valid', schema: ref };
    return { status: 'invalid', schema: ref, problems };
  }
}

const shared = new Map<string, SchemaValidator>();
const sharedPrecompiled = new WeakMap<PrecompiledValidators, SchemaValidator>();

/** The process-wide validator of a mode (or of a precompiled set), created on first use. */
export function sharedSchemaValidator(options: SchemaValidatorOptions = {}): SchemaValidator {
  const pre = options.precompiled;
  if (pre !== undefined) {
    let v = sharedPrecompiled.get(pre);
    if (v === undefined) {
      v = new SchemaValidator({ strict: pre.strict, precompiled: pre });
      sharedPrecompiled.set(pre, v);
    }
    return v;
  }
  const key = options.strict ? 'strict' : 'plain';
  let v = shared.get(key);
  if (v === undefined) {
    v = new SchemaValidator({ strict: options.strict ?? false });
    shared.set(key, v);
  }
  return v;
}
