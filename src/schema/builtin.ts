import { defaultScope } from '../resources/res-id.js';
import type { OpenApiSchema } from './types.js';

/**
 * kustomize v5.6.0's builtin schema (Kubernetes 1.21.2). Until the strategic-merge tables are generated,
 * lookups know scopes only.
 */
export const builtinSchema: OpenApiSchema = {
  lookup: () => undefined,
  isClusterScoped: defaultScope,
};
