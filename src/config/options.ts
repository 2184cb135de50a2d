/**
 * A configuration file as the options of `lint()` and `validate()`: the one mapping the CLI, the language
 * server and a user's script share, so a setting means the same thing everywhere.
 */
import { ignoreMatcher } from '../fs/ignore.js';
import type { LintOptions } from '../lint/engine.js';
import type { LoadedConfig } from './load.js';

/** The options of `lint()` a configuration file can set (`validate()` takes the schema ones among them). */
export type ConfigOptions = Pick<
  LintOptions,
  | 'rules'
  | 'ignore'
  | 'clusters'
  | 'sources'
  | 'kubernetesVersion'
  | 'schemaLocations'
  | 'strict'
  | 'skipKinds'
  | 'minSeverity'
  | 'strictSubstitute'
>;

/**
 * The options a loaded configuration file sets, for `lint(root, { fs, ...configOptions(loadConfig(fs, root), root) })`.
 * Paths are absolute already; `ignore` globs stay relative to the file's folder (kept as globs when that folder is
 * `root`, the folder `lint()` matches them against). Settings with problems were left out by the loader; report
 * `loaded.diagnostics` yourself. No file (`undefined`): no options.
 */
export function configOptions(loaded: LoadedConfig | undefined, root?: string): ConfigOptions {
  if (loaded === undefined) return {};
  const { ignore, kubernetesVersion, ...rest } = loaded.config;
  const options: ConfigOptions = { ...rest };
  if (kubernetesVersion !== undefined) options.kubernetesVersion = kubernetesVersion.replace(/^v/, '');
  if (ignore !== undefined && ignore.length > 0)
    options.ignore = root === loaded.dir ? ignore : ignoreMatcher(ignore, loaded.dir);
  return options;
}
