/**
 * schema: the OpenAPI data kustomize consults during a build (scopes, strategic-merge metadata), the
 * builtin Kubernetes 1.21.2 tables and custom `openapi:` schemas.
 */
export * from './types.js';
export { builtinSchema } from './builtin.js';
