/**
 * resources: the resource model. `ResId` (group, version, kind, name, namespace) with kustomize's
 * equality, `Resource` (data + origin + the id history kustomize keeps), and `ResourceList`, the ordered
 * set a kustomization accumulates.
 */
export * from './res-id.js';
export * from './origin.js';
export * from './resource.js';
export * from './resource-list.js';
export { clusterScopedKinds } from './cluster-scoped.generated.js';
