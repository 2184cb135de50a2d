/**
 * A snapshot serializer that prints build results, rendered resources and overlay paths as kustomize YAML,
 * so `expect('overlays/staging').toMatchSnapshot()` snapshots read like `kustomize build` output. A string
 * naming an existing directory is built; a build that fails prints `build failed:` and its diagnostics.
 * Paths are relative to the directory vitest runs in.
 */
import type { BuildResult, RenderedResource } from '../api/build.js';
import { emitDocument } from '../yaml/emit.js';
import { buildPath, diagnosticLine, isBuildResult, isOverlayPath, isRendered } from './subject.js';

function buildText(result: BuildResult): string {
  return result.ok ? result.toYaml() : `build failed:\n${result.diagnostics.map(diagnosticLine).join('\n')}\n`;
}

export const yamlSnapshotSerializer = {
  test(val: unknown): boolean {
    return isBuildResult(val) || isRendered(val) || isOverlayPath(val);
  },
  serialize(val: unknown): string {
    if (typeof val === 'string') return buildText(buildPath(val));
    if (isBuildResult(val)) return buildText(val);
    return emitDocument((val as RenderedResource).object);
  },
};
