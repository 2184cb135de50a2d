/**
 * Rendered preview (the `kustomize-ts/render` request and the `kustomize-ts.render` command): the YAML a
 * Flux Kustomization applies when the cursor is on its definition (after postBuild substitution, as the
 * controller applies it), else what `kustomize build` prints for the kustomization folder holding the file.
 */
import type { Position } from 'vscode-languageserver';
import { formatDiagnostic } from '../../diagnostics/format.js';
import { dirname, isWithin, relative } from '../../fs/path.js';
import { emitDocuments } from '../../yaml/emit.js';
import type { Workspace } from '../workspace.js';
import { offsetAt } from '../positions.js';
import { fluxKustomizationsAt, kustomizationFileIn } from './definition.js';

/** Parameters of `kustomize-ts/render`. */
export interface RenderParams {
  readonly textDocument: { readonly uri: string };
  readonly position?: Position;
}

/** What `kustomize-ts/render` returns. */
export interface RenderResult {
  /** What was rendered: `flux` (a Flux Kustomization, as applied) or `kustomize` (a folder, as kustomize builds it). */
  readonly kind: 'flux' | 'kustomize';
  /** `clusters/production · flux-system/apps`, or the folder relative to the workspace. */
  readonly title: string;
  /** A URI for a virtual document showing it (scheme `kustomize-ts`). */
  readonly uri: string;
  /** The rendered YAML (a comment with the errors when the build failed). */
  readonly yaml: string;
  /** False when the build failed. */
  readonly ok: boolean;
  /** The other places the same Flux Kustomization is rendered (other clusters). */
  readonly alsoIn: readonly string[];
}

/** The URI scheme of rendered previews. */
export const RENDER_SCHEME = 'kustomize-ts';

function virtualUri(title: string): string {
  const path = title.replace(/ · /g, '/').replace(/[^\w./-]/g, '_');
  return `${RENDER_SCHEME}:/render/${path}.yaml`;
}

function errorsAsComment(lines: readonly string[]): string {
  return lines.map((l) => `# ${l}`).join('\n') + '\n';
}

/** The nearest folder at or above `file`'s holding a kustomization file, within the workspace. */
function kustomizationDirOf(ws: Workspace, file: string): string | undefined {
  for (let dir = dirname(file); isWithin(ws.root, dir); dir = dirname(dir)) {
    if (kustomizationFileIn(ws.fs, dir)) return dir;
    if (dir === ws.root) break;
  }
  return undefined;
}

/** The rendered YAML for the position `offset` of `file` (undefined when nothing there renders). */
export function render(
  ws: Workspace,
  file: string,
  text: string,
  position: Position | undefined,
): RenderResult | undefined {
  const offset = position ? offsetAt(text, position) : 0;
  const a = ws.analysis();
  const [k, ...others] = fluxKustomizationsAt(a, file, offset);
  if (k) {
    const cluster = a.context.clusters.find((c) => c.fleet.kustomizations.includes(k));
    const title = `${cluster?.name ?? '.'} · ${k.id}`;
    const errors = k.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    const yaml = k.status === 'rendered' ? emitDocuments(k.objects.map((o) => o.object)) : errorsAsComment(errors);
    const alsoIn = others.map((o) => {
      const c = a.context.clusters.find((x) => x.fleet.kustomizations.includes(o));
      return `${c?.name ?? '.'} · ${o.id}`;
    });
    return { kind: 'flux', title, uri: virtualUri(title), yaml, ok: k.status === 'rendered', alsoIn };
  }
  const dir = kustomizationDirOf(ws, file);
  if (dir === undefined) return undefined;
  const result = ws.session.build(dir);
  const title = relative(ws.root, dir) || '.';
  const yaml = result.ok
    ? result.toYaml()
    : errorsAsComment(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
  return { kind: 'kustomize', title, uri: virtualUri(title), yaml, ok: result.ok, alsoIn: [] };
}
