/**
 * kustomize-ts: Kustomize and Flux rendering, validation and linting in pure TypeScript. This entry is the
 * browser-safe core: it reads only through the `FileSystem` it is given.
 */
export { build } from './api/build.js';
export type { BuildResult, BuildApiOptions, RenderedResource } from './api/build.js';
export type {
  BuildOptions,
  LoadRestrictor,
  Reorder,
  RemoteLoader,
  RemoteContent,
  RemoteErrorCode,
} from './build/options.js';
export { newRepoSpecFromUrl, parseRepoSpec, isRemoteFile } from './build/repo-spec.js';
export type { RepoSpec } from './build/repo-spec.js';
export type { UnmatchedPatchTarget } from './build/context.js';
export { HELM_GENERATED_ANNOTATION } from './build/output.js';
export {
  DEFAULT_KUSTOMIZE_VERSION,
  FLUX_KUSTOMIZE_VERSION,
  kustomizeVersions,
  versionFeatures,
  hasFeature,
  parseKustomizeVersion,
} from './kustomization/versions.js';
export type {
  KustomizeVersion,
  KustomizeVersionInput,
  KustomizeRelease,
  VersionFeature,
  VersionFeatureId,
} from './kustomization/versions.js';
export { memoryFs, FsError, readText } from './fs/index.js';
export type { FileSystem, FileStat, MemoryFiles, MutableMemoryFs, OverlayFs } from './fs/index.js';
export { posixPath } from './fs/index.js';
export { formatDiagnostic, KustomizeError, diagnosticCodes, toLspDiagnostic } from './diagnostics/index.js';
export type { LspDiagnostic } from './diagnostics/index.js';
export type { Diagnostic, Severity, Position, Range, SourceLocation, DiagnosticCode } from './diagnostics/index.js';
export type { ResId, Gvk, Origin } from './resources/index.js';
export { idString } from './resources/index.js';
export { parseYamlStream, emitDocument, emitDocuments } from './yaml/index.js';
export type { YamlValue, YamlMap, YamlScalar } from './yaml/index.js';
export { validate, validateFiles } from './api/validate.js';
export type { ValidateFilesOptions, ValidateFilesResult } from './api/validate.js';
export type { ValidateOptions, ValidateResult, ValidateStats, ValidateInput, ValidateObject } from './api/validate.js';
export type { PrecompiledValidators, CompiledValidator } from './validate/ajv.js';
export type { RuleSetting, RuleMeta, RuleModule, RuleReport, Reporter } from './lint/types.js';
export { ruleMetas, recommendedSettings, strictSettings } from './lint/rules/index.js';
export type { RuleId, RuleSettings } from './lint/rules/index.js';
export { lint } from './api/lint.js';
export type { LintOptions, LintResult, LintedCluster } from './api/lint.js';
export { formatText, formatJson, formatSarif, toSarif, sortDiagnostics } from './lint/format.js';
export type { LintFormat, JsonDiagnostic, SarifOptions, SarifLog } from './lint/format.js';
export { parseSuppressions, applySuppressions } from './lint/suppress.js';
export { diff, diffResources, formatDiffText, fleetResources } from './diff/index.js';
export type { DiffOptions, DiffResult, ResourceDiff, FieldChange } from './diff/index.js';
export { createSession } from './api/session.js';
export type { Session, SessionOptions } from './api/session.js';
export { BuildCache } from './build/cache.js';
export type { BuildCacheStats } from './build/cache.js';
export { overlayFs } from './fs/index.js';
export {
  renderFleet,
  buildFluxKustomization,
  kustomizeFluxKustomization,
  postBuildFluxKustomization,
} from './flux/index.js';
export type {
  RenderFleetOptions,
  FleetResult,
  FleetKustomization,
  FleetSource,
  FleetHelmRelease,
  FleetProgress,
  FleetSourceRef,
} from './flux/index.js';
export type {
  FluxBuildInput,
  FluxBuildResult,
  FluxObject,
  KustomizePhase,
  PostBuildOptions,
  PostBuildPhase,
} from './flux/index.js';
export {
  readFluxKustomization,
  readFluxSource,
  readHelmRelease,
  readHelmRepository,
  readFluxInstanceSync,
  isFluxKustomization,
  fluxKindOf,
} from './flux/index.js';
export type {
  FluxKustomization,
  FluxSourceRef,
  FluxDependency,
  FluxPatch,
  FluxImage,
  FluxPostBuild,
  FluxSource,
  FluxHelmRelease,
  FluxHelmRepository,
  FluxInstanceSync,
} from './flux/index.js';
export { generateKustomization, envsubst, EnvsubstError, substituteObject, loadVariables } from './flux/index.js';
export { wantedSources } from './flux/remote-sources.js';
export type { FetchableSource } from './flux/remote-sources.js';
export type {
  GeneratedKustomization,
  GenerateAction,
  VarLookup,
  ClusterObject,
  ClusterObjectLookup,
} from './flux/index.js';
export { buildDependencyGraph, graphToMermaid, graphToDot } from './flux/index.js';
export type { DependencyGraph, DependencyEdge } from './flux/index.js';
export {
  loadChart,
  loadArchive,
  ChartLoadError,
  renderChart,
  helmTemplate,
  mergeValueOptions,
  ValueOptionsError,
  chartFolderLoader,
  schemaCacheLoader,
} from './helm/chart/index.js';
export type {
  Chart,
  ChartMetadata,
  ChartDependency,
  ChartLoader,
  ChartReference,
  RenderChartOptions,
  RenderedChart,
  RenderedManifest,
  HelmTemplateOptions,
  HelmTemplateOutput,
  ValueOptions,
  SchemaLoader,
  HookInfo,
  HelmMap,
  HelmValue,
} from './helm/chart/index.js';
export {
  loadConfig,
  loadConfigFile,
  findConfigFile,
  configOptions,
  CONFIG_FILE_NAMES,
  configSchema,
} from './config/index.js';
export type { ConfigOptions } from './config/index.js';
export type { KustomizeTsConfig, LoadedConfig } from './config/index.js';
export { readSchemaLocations } from './lint/schema-locations.js';
export type { SchemaLocationSet, SchemaLocationOptions } from './lint/schema-locations.js';
export { InvalidOptionError } from './lint/settings.js';
export { toJsonDiagnostic, JSON_FORMAT_VERSION } from './lint/format.js';
export { resourceFiles } from './build/output-files.js';
export type { ResourceFile, OutputResource } from './build/output-files.js';
