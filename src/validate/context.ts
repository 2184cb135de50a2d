/**
 * The objects to validate, each with its origin and a memoised schema result (shared by the schema rules of
 * src/lint/rules/schema/), and a way to locate a field of an object in its source.
 */
import type { FieldOrigin, Origin } from '../resources/origin.js';
import { getField, isMap, scalarString, type YamlMap } from '../yaml/values.js';
import { locateField, type Location } from './position.js';
import type { ProblemAnchor, ProblemOptions } from './problems.js';
import type { CrdIndex } from './registry.js';
import type { ObjectSchemaResult, SchemaValidator } from './validator.js';

/** One object being validated. */
export interface ValidationSubject {
  /** Position in the input. */
  readonly index: number;
  readonly object: YamlMap;
  readonly origin: Origin | undefined;
  readonly fieldOrigins: ReadonlyMap<string, FieldOrigin> | undefined;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** `Kind name` or `Kind namespace/name`, for messages. */
  readonly label: string;
  /** The Flux Kustomization or kustomization directory that rendered it, when known: its findings carry it. */
  readonly kustomization: string | undefined;
  /** The schema outcome, computed on first call. */
  schema(): ObjectSchemaResult;
}

/** Builds the subject for one object; its schema is validated lazily with `validator` and `crds`. */
export function makeSubject(
  index: number,
  object: YamlMap,
  origin: Origin | undefined,
  fieldOrigins: ReadonlyMap<string, FieldOrigin> | undefined,
  validator: SchemaValidator,
  crds: CrdIndex,
  problemOptions: ProblemOptions = {},
  kustomization?: string,
): ValidationSubject {
  const meta = getField(object, 'metadata');
  const name = isMap(meta) ? scalarString(getField(meta, 'name')) : '';
  const namespace = isMap(meta) ? scalarString(getField(meta, 'namespace')) : '';
  const kind = scalarString(getField(object, 'kind'));
  let result: ObjectSchemaResult | undefined;
  return {
    index,
    object,
    origin,
    fieldOrigins,
    apiVersion: scalarString(getField(object, 'apiVersion')),
    kind,
    name,
    namespace,
    label: `${kind || 'object'} ${namespace ? `${namespace}/` : ''}${name || '(no name)'}`,
    kustomization,
    schema: () => (result ??= validator.validateObject(object, crds, problemOptions)),
  };
}

/** The default `locate` of an object context. */
export function locateSubjectField(
  subject: ValidationSubject,
  pointer: string,
  anchor: ProblemAnchor = 'value',
): Location | undefined {
  return locateField(subject.origin, pointer, anchor, subject.fieldOrigins);
}
