/**
 * Workspace settings: the lint configuration file of the workspace folder (`kustomize-ts.config.yaml` or
 * `.kustomize-ts.yaml`: rules, clusters, sources, Kubernetes version, strict substitution), read through the
 * session's file system so that an unsaved edit of it counts.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolve } from '../fs/path.js';
import { readText, type FileSystem } from '../fs/types.js';
import type { RuleSetting } from '../lint/types.js';
import { parseYamlStream } from '../yaml/parse.js';
import { getField, isMap, type YamlValue } from '../yaml/values.js';
import type { WorkspaceSettings } from './workspace.js';

/** Names of the configuration file, in the order they are looked for. */
export const SETTINGS_FILES: readonly string[] = ['kustomize-ts.config.yaml', '.kustomize-ts.yaml'];

/** The workspace settings and the file they came from. */
export interface LoadedSettings {
  readonly settings: WorkspaceSettings;
  /** The configuration file read, when there is one. */
  readonly file?: string;
  /** Problems of the configuration file. */
  readonly diagnostics: readonly Diagnostic[];
}

const SETTINGS: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/** A rule's setting; `off` unquoted is YAML 1.1's false, so false means off too. */
function ruleSetting(v: YamlValue | undefined): RuleSetting | undefined {
  if (v === false) return 'off';
  return typeof v === 'string' && SETTINGS.has(v) ? (v as RuleSetting) : undefined;
}

function strings(v: YamlValue | undefined): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

/** Reads the settings of the workspace folder `root` from its configuration file. */
export function loadWorkspaceSettings(fs: FileSystem, root: string): LoadedSettings {
  const file = SETTINGS_FILES.map((n) => resolve(root, n)).find((f) => fs.stat(f)?.type === 'file');
  if (file === undefined) return { settings: {}, diagnostics: [] };
  const parsed = parseYamlStream(readText(fs, file), { file, mode: 'yaml11' });
  const value = parsed.documents[0]?.value;
  const diagnostics: Diagnostic[] = [...parsed.errors];
  const settings: WorkspaceSettings = {};
  if (!isMap(value)) return { settings, file, diagnostics };
  const rules = getField(value, 'rules');
  if (isMap(rules)) {
    const out: Record<string, RuleSetting> = {};
    for (const [id, setting] of Object.entries(rules)) {
      const known = ruleSetting(setting);
      if (known) out[id] = known;
      else
        diagnostics.push(
          diagnostic('config/invalid', 'error', `rules.${id}: expected off, info, warning or error`, { file }),
        );
    }
    settings.rules = out;
  }
  const clusters = strings(getField(value, 'clusters'));
  if (clusters) settings.clusters = clusters.map((c) => resolve(root, c));
  const sources = getField(value, 'sources');
  if (isMap(sources)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(sources)) if (typeof v === 'string') out[k] = resolve(root, v);
    settings.sources = out;
  }
  const version = getField(value, 'kubernetesVersion');
  if (typeof version === 'string') settings.kubernetesVersion = version;
  const strictSubstitute = getField(value, 'strictSubstitute');
  if (typeof strictSubstitute === 'boolean') settings.strictSubstitute = strictSubstitute;
  return { settings, file, diagnostics };
}
