/**
 * A snapshot serializer that prints build results and rendered resources as kustomize YAML, so
 * `toMatchSnapshot()` snapshots read like `kustomize build` output.
 */
import type { RenderedResource } from '../api/build.js';
import { emitDocument } from '../yaml/emit.js';
import { isBuildResult, isRendered } from './subject.js';

export const yamlSnapshotSerializer = {
  test(val: unknown): boolean {
    return isBuildResult(val) || isRendered(val);
  },
  serialize(val: unknown): string {
    if (isBuildResult(val))
      return val.ok ? val.toYaml() : `build failed:\n${val.diagnostics.map((d) => d.message).join('\n')}`;
    return emitDocument((val as RenderedResource).object);
  },
};
