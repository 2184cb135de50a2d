/**
 * validate: schema validation of Kubernetes objects. Kubernetes 1.36 and Flux schemas are generated at
 * development time into schemas/ (test/scripts/gen-schemas.ts) and compiled lazily, once per kind, by the ajv
 * adapter (ajv.ts); CRDs among the objects validate their custom resources (registry.ts, convert.ts);
 * ajv errors become problems (problems.ts) located in the source through each object's origin
 * (position.ts); deprecated apiVersions come from Pluto's table (deprecations.ts). The public entry is
 * `validate()` in lint/validate.ts; the rules that judge the problems are in lint/rules/schema/.
 */
export { AjvAdapter, AJV_OPTIONS } from './ajv.js';
export type { CompiledValidator, PrecompiledValidators, ValidatorLookup } from './ajv.js';
export { crdSchemaToJsonSchema, strictSchema } from './convert.js';
export type { JsonSchema } from './convert.js';
export { deprecationOf, fluxVersionOf } from './deprecations.js';
export type { Deprecation, DeprecationStatus, FluxVersion } from './deprecations.js';
export { locateField } from './position.js';
export type { Location } from './position.js';
export { problemsFromErrors } from './problems.js';
export type { SchemaProblem, ProblemAnchor } from './problems.js';
export { CrdIndex, builtinSchemaRef, kubernetesScope, schemaByKey } from './registry.js';
export type { SchemaOrigin, SchemaRef } from './registry.js';
export { SchemaValidator, sharedSchemaValidator, isSopsEncrypted } from './validator.js';
export type { ObjectSchemaResult, SchemaValidatorOptions } from './validator.js';
export { makeSubject, locateSubjectField } from './context.js';
export type { ValidationSubject } from './context.js';
