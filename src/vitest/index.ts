/**
 * kustomize-ts/vitest: helpers for testing kustomize overlays with vitest — matchers (registered on
 * import), an in-memory fixture builder and a YAML snapshot serializer. vitest is an optional peer
 * dependency that only this entry imports.
 */
/// <reference types="node" />
import { expect } from 'vitest';
import { kustomizeMatchers, type KustomizeMatchers } from './matchers.js';
import { yamlSnapshotSerializer } from './serializer.js';

expect.extend(kustomizeMatchers);
expect.addSnapshotSerializer(yamlSnapshotSerializer);

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any -- merges with vitest's own `Assertion<T = any>`, whose parameters it must repeat
  interface Assertion<T = any> extends KustomizeMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends KustomizeMatchers {}
}

export { kustomizeMatchers, yamlSnapshotSerializer };
export type { KustomizeMatchers, ResourceQuery } from './matchers.js';
export { kustomizeFixture, type KustomizeFixture } from './harness.js';
export { buildPath } from './subject.js';
