/**
 * The ajv adapter: one ajv instance per mode (plain, strict), each schema added on first use with the
 * definitions it references, compiled once and cached by key. Precompiled (standalone) validators, when
 * given, are used instead and need no `new Function` (see test/scripts/gen-standalone.ts).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { collectRefs, strictSchema, type JsonSchema } from './convert.js';
import { schemaByKey } from './registry.js';

/** A compiled validator: ajv's function shape (`errors` set after a failed call). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Validators compiled ahead of time (ajv standalone code), by schema key. Generate them with
 * `npx tsx test/scripts/gen-standalone.ts`; one set per mode.
 */
export interface PrecompiledValidators {
  /** Whether these validators were compiled from the strict schema variant. */
  readonly strict: boolean;
  readonly validators: Readonly<Record<string, CompiledValidator>>;
}

/** Options of every ajv instance: the schemas are ours, so schema strictness and meta-validation are off. */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  messages: false,
  validateSchema: false,
  validateFormats: false,
  unicodeRegExp: false,
  // Compilation failures are returned as results (schema/unknown-kind), not logged.
  logger: false,
  // Keep `properties` of failing objects for "did you mean" hints.
  verbose: true,
} as const;

/** The result of looking up a validator. */
export type ValidatorLookup =
  | { readonly ok: true; readonly validate: CompiledValidator }
  | { readonly ok: false; readonly reason: string };

const MAX_CRD_SCHEMAS = 500;

/** Compiles and caches validators for one mode (plain or strict). */
export class AjvAdapter {
  readonly strict: boolean;
  private ajv: Ajv | undefined;
  private readonly added = new Set<string>();
  private readonly compiled = new Map<string, ValidatorLookup>();
  private readonly crdKeys: string[] = [];
  private readonly precompiled: Readonly<Record<string, CompiledValidator>> | undefined;
  private readonly source: (key: string) => JsonSchema | undefined;

  constructor(
    options: {
      strict?: boolean;
      precompiled?: PrecompiledValidators;
      source?: (key: string) => JsonSchema | undefined;
    } = {},
  ) {
    this.strict = options.strict ?? false;
    const pre = options.precompiled;
    if (pre !== undefined && pre.strict !== this.strict) {
      throw new Error(
        `precompiled validators are ${pre.strict ? 'strict' : 'plain'}, the adapter is ${this.strict ? 'strict' : 'plain'}`,
      );
    }
    this.precompiled = pre?.validators;
    this.source = options.source ?? schemaByKey;
  }

  /** The ajv instance, created on first compile (never when every schema is precompiled). */
  private instance(): Ajv {
    this.ajv ??= new Ajv({ ...AJV_OPTIONS });
    return this.ajv;
  }

  /** Adds `key` and, transitively, the schemas it references. */
  private add(key: string): void {
    const stack = [key];
    while (stack.length > 0) {
      const k = stack.pop() as string;
      if (this.added.has(k)) continue;
      const schema = this.source(k);
      if (schema === undefined) throw new Error(`no schema "${k}"`);
      this.instance().addSchema(this.strict ? strictSchema(schema) : schema, k);
      this.added.add(k);
      for (const ref of collectRefs(schema)) if (!ref.startsWith('#')) stack.push(ref);
    }
  }

  /** The validator of a schema key, compiled on first use. */
  get(key: string): ValidatorLookup {
    const hit = this.compiled.get(key);
    if (hit !== undefined) return hit;
    const pre = this.precompiled?.[key];
    let result: ValidatorLookup;
    if (pre !== undefined) result = { ok: true, validate: pre };
    else {
      try {
        this.add(key);
        const fn: ValidateFunction | undefined = this.instance().getSchema(key);
        result = fn ? { ok: true, validate: fn } : { ok: false, reason: `schema "${key}" did not compile` };
      } catch (e) {
        result = { ok: false, reason: e instanceof Error ? e.message : String(e) };
      }
    }
    this.compiled.set(key, result);
    if (key.startsWith('crd.')) this.trackCrd(key);
    return result;
  }

  /** CRD schemas change as users edit: drop the oldest compiled ones beyond a bound. */
  private trackCrd(key: string): void {
    this.crdKeys.push(key);
    if (this.crdKeys.length <= MAX_CRD_SCHEMAS) return;
    const old = this.crdKeys.shift() as string;
    this.compiled.delete(old);
    if (this.added.delete(old)) this.ajv?.removeSchema(old);
  }
}
