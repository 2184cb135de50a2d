/**
 * A snapshot serializer that prints build results, rendered resources and overlay paths as kustomize YAML,
 * so `expect('overlays/staging').toMatchSnapshot()` snapshots read like `kustomize build` output. A string
 * naming an existing directory is built; a build that fails prints `build failed:` and its diagnostics; a mistyped
 * path fails the test.
 * Paths are relative to the directory vitest runs in.
 */
import type { BuildResult, RenderedResource } from '../api/build.js';
import { emitDocument } from '../yaml/emit.js';
import {
  buildPath,
  diagnosticLine,
  isBuildResult,
  isRendered,
  missingOverlayMessage,
  overlayPathKind,
} from './subject.js';

function buildText(result: BuildResult): string {
  return result.ok ? result.toYaml() : `build failed:\n${result.diagnostics.map(diagnosticLine).join('\n')}\n`;
}

/** A string as vitest prints it without a plugin (`"text"`, quotes and backslashes escaped when configured). */
function plainString(val: string, config: { readonly escapeString?: boolean } | undefined): string {
  return `"${config?.escapeString === true ? val.replace(/"|\\/g, '\\$&') : val}"`;
}

/**
 * The snapshot serializer (registered on import of `kustomize-ts/vitest`): builds, resources and overlay paths as
 * YAML. Only the value given to `expect()` is taken as a path: a string inside an object or a list stays a string.
 * A path-shaped string whose folder exists but not itself (`overlays/prodution`) throws, naming what is there.
 */
export const yamlSnapshotSerializer = {
  test(val: unknown): boolean {
    return isBuildResult(val) || isRendered(val) || overlayPathKind(val) !== undefined;
  },
  serialize(val: unknown, config?: { readonly escapeString?: boolean }, _indentation?: string, depth = 0): string {
    if (typeof val === 'string') {
      if (depth > 0) return plainString(val, config);
      if (overlayPathKind(val) === 'missing') throw new Error(missingOverlayMessage(val));
      return buildText(buildPath(val));
    }
    if (isBuildResult(val)) return buildText(val);
    return emitDocument((val as RenderedResource).object);
  },
};
