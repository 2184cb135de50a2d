/**
 * `validate(objects, options)`: schema validation of rendered objects (from `build()` or any host that
 * renders itself) with the schema rules — `schema/invalid`, `schema/unknown-kind`, `schema/deprecated-api`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { runRules } from './run.js';
import { objectRules, type RuleSettings } from './rules/index.js';
import type { ObjectRuleContext } from './types.js';
import { checkRuleSettings } from './settings.js';
import type { FieldOrigin, Origin } from '../resources/origin.js';
import type { PrecompiledValidators } from '../validate/ajv.js';
import { locateSubjectField, makeSubject, type ValidationSubject } from '../validate/context.js';
import { CrdIndex, type JsonSchemaLookup } from '../validate/registry.js';
import { kubernetesSchemaVersion } from '../validate/schemas/kubernetes.generated.js';
import { sharedSchemaValidator, type SchemaValidator } from '../validate/validator.js';
import type { ProblemOptions } from '../validate/problems.js';
import { getField, isMap, type YamlMap } from '../yaml/values.js';

/** An object with where it came from (a `RenderedResource` of `build()` is one). */
export interface ValidateObject {
  readonly object: YamlMap;
  /** The file and document it came from: positions of findings are computed through it. */
  readonly origin?: Origin | undefined;
  /** Fields a patch or transformer wrote (JSON pointer → where): findings on them point there. */
  readonly fieldOrigins?: ReadonlyMap<string, FieldOrigin> | undefined;
  /**
   * The Flux Kustomization (`namespace/name`) or kustomization directory that rendered it: findings about it
   * carry it as their `kustomization`. Default none.
   */
  readonly kustomization?: string | undefined;
}

/** What {@link validate} accepts: rendered resources, `{ object, origin }` pairs or plain objects. */
export type ValidateInput = ValidateObject | YamlMap;

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** Flag fields the schema does not know, like kubeconform `-strict`. Default `false`. */
  strict?: boolean;
  /** Kubernetes version deprecated and removed apiVersions are judged against. Default `'1.36'`. */
  kubernetesVersion?: string;
  /** Rule settings by id: `'off'` or a severity. Default: each rule's default severity. */
  rules?: RuleSettings;
  /**
   * More CustomResourceDefinitions whose schemas validate custom resources (CRDs among `objects` are always
   * used, and win over these). Default none.
   */
  crds?: readonly YamlMap[];
  /**
   * Report values that still hold a Flux post-build variable (`${VAR}`) and fail their schema. Default
   * `false`: Flux substitutes them before applying (lint reports unresolved ones as
   * `flux/unresolved-substitution`); validate substituted output to check the values.
   */
  reportUnsubstituted?: boolean;
  /** Report files relative to this directory. Default: the paths as the origins hold them. */
  root?: string;
  /**
   * JSON schemas for kinds no CRD declares, by apiVersion and kind (a CRD catalogue: see
   * `readSchemaLocations`). They win over the built-in schemas. Default none.
   */
  jsonSchemas?: (apiVersion: string, kind: string) => Readonly<Record<string, unknown>> | undefined;
  /** Kinds left unvalidated: `Kind` or `apiVersion/Kind` (kubeconform's `-skip`). Default none. */
  skipKinds?: readonly string[];
  /**
   * Validators compiled ahead of time (test/scripts/gen-standalone.ts) so that built-in kinds validate without
   * `new Function` (pages with a strict CSP). Their mode wins over `strict`. Default none.
   */
  precompiled?: PrecompiledValidators;
}

/** Counts of a {@link validate} run. */
export interface ValidateStats {
  readonly objects: number;
  readonly valid: number;
  readonly invalid: number;
  readonly unknown: number;
  readonly skipped: number;
}

/** What {@link validate} returns. */
export interface ValidateResult {
  /** True when no finding is an error. */
  readonly ok: boolean;
  /** Findings, by file and position (objects without a file keep their order). */
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: ValidateStats;
}

/** Whether an object's kind is one of `skipKinds` (`Kind` or `apiVersion/Kind`). */
export function skippedKind(skipKinds: readonly string[] | undefined): (object: YamlMap) => boolean {
  if (skipKinds === undefined || skipKinds.length === 0) return () => false;
  const set = new Set(skipKinds);
  return (o) => {
    const kind = getField(o, 'kind');
    const apiVersion = getField(o, 'apiVersion');
    return (
      typeof kind === 'string' &&
      (set.has(kind) || (typeof apiVersion === 'string' && set.has(`${apiVersion}/${kind}`)))
    );
  };
}

function isValidateObject(v: ValidateInput): v is ValidateObject {
  return isMap((v as { object?: unknown }).object) && !Object.prototype.hasOwnProperty.call(v, 'apiVersion');
}

/** The shared validator of the options' mode. */
export function validatorFor(options: ValidateOptions): SchemaValidator {
  return sharedSchemaValidator({
    strict: options.strict ?? false,
    ...(options.precompiled !== undefined ? { precompiled: options.precompiled } : {}),
  });
}

/** The CRDs of a run: those of the options, then those among the objects (later ones win). */
export function crdIndexFor(options: ValidateOptions, objects: readonly YamlMap[]): CrdIndex {
  const crds = new CrdIndex(options.jsonSchemas as JsonSchemaLookup | undefined);
  for (const crd of options.crds ?? []) if (CrdIndex.isCrd(crd)) crds.add(crd);
  for (const o of objects) if (CrdIndex.isCrd(o)) crds.add(o);
  return crds;
}

/** How schema problems are judged. */
export function problemOptionsFor(options: ValidateOptions): ProblemOptions {
  return { ignorePlaceholders: options.reportUnsubstituted !== true };
}

/** What the schema rules look at. */
export function objectRuleContext(
  subjects: readonly ValidationSubject[],
  options: ValidateOptions,
  validator: SchemaValidator,
  locate: ObjectRuleContext['locate'] = locateSubjectField,
): ObjectRuleContext {
  return {
    subjects,
    kubernetesVersion: options.kubernetesVersion ?? kubernetesSchemaVersion,
    strict: validator.strict,
    locate,
  };
}

/** Findings by file and position (stable), findings without a file last in their order. */
export function sortFindings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const located = diagnostics.filter((d) => d.file !== undefined);
  located.sort((a, b) => {
    const fa = a.file as string;
    const fb = b.file as string;
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  });
  return [...located, ...diagnostics.filter((d) => d.file === undefined)];
}

/**
 * Validates objects against the Kubernetes 1.36 schemas, the Flux CRD schemas and the CRDs among them,
 * and reports deprecated apiVersions. Schemas are compiled once per process and reused by later calls.
 */
export function validate(objects: readonly ValidateInput[], options: ValidateOptions = {}): ValidateResult {
  checkRuleSettings(options.rules);
  const validator = validatorFor(options);
  const all = objects.map((o) => (isValidateObject(o) ? o : { object: o }));
  const skip = skippedKind(options.skipKinds);
  const items = all.filter((it) => !skip(it.object));
  const crds = crdIndexFor(
    options,
    items.map((it) => it.object),
  );
  const problemOptions = problemOptionsFor(options);
  const subjects: ValidationSubject[] = items.map((it, i) =>
    makeSubject(i, it.object, it.origin, it.fieldOrigins, validator, crds, problemOptions, it.kustomization),
  );
  const context = objectRuleContext(subjects, options, validator);
  const sorted = sortFindings(
    runRules(objectRules, context, { rules: options.rules, root: options.root, source: 'schema' }),
  );
  const stats = { objects: all.length, valid: 0, invalid: 0, unknown: 0, skipped: all.length - items.length };
  for (const s of subjects) stats[s.schema().status]++;
  return { ok: !sorted.some((d) => d.severity === 'error'), diagnostics: sorted, stats };
}
