/**
 * helm/chart: Helm's chart engine, browser-safe (files are read through the FileSystem). Load a chart
 * (`loadChart`: a directory or a `.tgz`), render it (`renderChart`: structured manifests and hooks, for
 * library callers such as Flux HelmReleases), or print it as `helm template` does (`helmTemplate`).
 * Values are coalesced, validated (values.schema.json, remote `$ref`s through a `SchemaLoader`) and
 * passed to Go templates exactly as Helm v3 does; see docs/helm.md for the differences.
 */
export { Chart, type BufferedFile, type ChartDependency, type ChartMaintainer, type ChartMetadata } from './types.js';
export { ChartLoadError, loadArchive, loadChart, loadFiles, readChartDir } from './load.js';
export {
  renderChart,
  type ChartLoader,
  type ChartReference,
  type RenderChartOptions,
  type RenderedChart,
  type RenderedManifest,
} from './render.js';
export { helmTemplate, type HelmTemplateOptions, type HelmTemplateOutput } from './template-command.js';
export { mergeValueOptions, ValueOptionsError, type ValueOptions } from './values-options.js';
export type { SchemaLoader } from './schema.js';
export type { HookInfo } from './manifests.js';
export type { HelmMap, HelmValue, HelmScalar } from './values-model.js';
export { DEFAULT_KUBE_VERSION, DEFAULT_API_VERSIONS, HELM_VERSION, type KubeVersion } from './capabilities.js';
export { chartFolderLoader, chartCandidates, pickChartVersion, type ChartCandidate } from './chart-folder.js';
export { schemaCacheLoader } from './schema-cache.js';
