/**
 * Workspace settings: the lint configuration file of the workspace folder (`kustomize-ts.config.yaml` or
 * `.kustomize-ts.yaml`), read through the session's file system so that an unsaved edit of it counts, with the
 * loader and option mapping of `kustomize-ts lint` (`src/config/`): a setting means what it means on the command line.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolve } from '../fs/path.js';
import type { FileSystem } from '../fs/types.js';
import { CONFIG_FILE_NAMES, loadConfigFile } from '../config/load.js';
import { configOptions } from '../config/options.js';
import type { WorkspaceSettings } from './workspace.js';

/** Names of the configuration file, in the order they are looked for. */
export const SETTINGS_FILES: readonly string[] = CONFIG_FILE_NAMES;

/** The workspace settings and the file they came from. */
export interface LoadedSettings {
  readonly settings: WorkspaceSettings;
  /** The configuration file read, when there is one. */
  readonly file?: string;
  /** Problems of the configuration file (a setting with a problem is left out of the settings). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads the settings of the workspace folder `root` from its configuration file. */
export function loadWorkspaceSettings(fs: FileSystem, root: string): LoadedSettings {
  const file = SETTINGS_FILES.map((n) => resolve(root, n)).find((f) => fs.stat(f)?.type === 'file');
  if (file === undefined) return { settings: {}, diagnostics: [] };
  const loaded = loadConfigFile(fs, file);
  return { settings: configOptions(loaded, resolve('/', root)), file, diagnostics: loaded.diagnostics };
}
