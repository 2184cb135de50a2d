/**
 * config: the configuration file of `kustomize-ts lint` and `validate` (`kustomize-ts.config.yaml` or
 * `.kustomize-ts.yaml`): its schema, finding and reading it, and its `ignore` globs.
 */
export {
  CONFIG_FILE_NAMES,
  findConfigFile,
  loadConfig,
  loadConfigFile,
  type KustomizeTsConfig,
  type LoadedConfig,
} from './load.js';
export { configOptions, type ConfigOptions } from './options.js';
export { configSchema, CONFIG_SCHEMA_URL, type ConfigSchema, type ConfigSchemaNode } from './schema.js';
