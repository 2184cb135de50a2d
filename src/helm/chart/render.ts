/**
 * A chart rendered as `helm template` renders it (Helm's install action in client-only dry-run mode):
 * dependency checks, subchart selection and imports, values coalescing and schema validation, the
 * engine, NOTES.txt set apart, manifests and hooks split and sorted, CRDs from crds/ on request.
 * `renderChart` returns structured manifests for library callers (Flux HelmReleases); `helmTemplate`
 * prints them exactly as the `helm template` command does.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { GoStruct } from '../template/index.js';
import {
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  capabilitiesValue,
  parseKubeVersion,
  type KubeVersion,
} from './capabilities.js';
import { CoalesceError, coalesceValues } from './coalesce.js';
import { processDependencies } from './dependencies.js';
import { renderTemplates, TemplateRenderError } from './engine.js';
import { ManifestError, sortManifests, type HookInfo } from './manifests.js';
import { validateAgainstSchema, type SchemaLoader } from './schema.js';
import { isCompatibleRange } from './version-range.js';
import type { Chart } from './types.js';
import type { HelmMap } from './values-model.js';

/** Options of {@link renderChart}. */
export interface RenderChartOptions {
  /** `.Release.Name`. */
  releaseName: string;
  /** `.Release.Namespace`. Default `default`. */
  namespace?: string;
  /** `.Release.Revision`. Default 1. */
  revision?: number;
  /** `.Release.IsUpgrade` instead of `.Release.IsInstall` (`helm template --is-upgrade`). Default false. */
  isUpgrade?: boolean;
  /** User-supplied values (what `-f`/`--set` give), coalesced over the chart's defaults. */
  values?: HelmMap;
  /** `.Capabilities.KubeVersion` (`--kube-version`, e.g. `1.33.1` or `v1.33.1`). Default v1.36.0. */
  kubeVersion?: string;
  /** Group versions added to `.Capabilities.APIVersions` (`--api-versions`). */
  apiVersions?: readonly string[];
  /** Render the CRDs of crds/ before the manifests (`--include-crds`). Default false. */
  includeCrds?: boolean;
  /** Skip values.schema.json validation (`--skip-schema-validation`). Default false. */
  skipSchemaValidation?: boolean;
  /** Reads remote schemas that values.schema.json files reference (offline cache). */
  schemaLoader?: SchemaLoader;
}

/** One manifest of a rendered chart. */
export interface RenderedManifest {
  /** Template path (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`, `chart/crds/z.yaml`). */
  sourcePath: string;
  /** The YAML document (no `---`, no `# Source` line). */
  text: string;
  /** Set for hooks (`helm.sh/hook`). */
  hook?: HookInfo;
}

/** The result of {@link renderChart}. */
export interface RenderedChart {
  /** Whether the chart rendered; when false, `error` says why in Helm's words. */
  ok: boolean;
  /** CRDs (with includeCrds) then manifests, in Helm's install order. */
  manifests: RenderedManifest[];
  /** Hooks (tests included), in Helm's order. */
  hooks: RenderedManifest[];
  /** The rendered NOTES.txt of the chart (not its subcharts). */
  notes: string;
  /** Warnings (deprecated chart, coalescing conflicts) and, on failure, the error. */
  diagnostics: Diagnostic[];
  /** Helm's error text when rendering failed. */
  error?: string;
  /** Whether `helm template` would add `Use --debug flag to render out invalid YAML` to the error. */
  debugHint?: boolean;
}

/** What a chart is asked for: a chart name, a version range and where the chart comes from. */
export interface ChartReference {
  /** The chart name (`spec.chart.spec.chart`, a HelmChart's chart, the last path segment of an OCI URL). */
  name: string;
  /**
   * A semver range the version must satisfy (Masterminds/semver syntax as Flux uses it: `1.x`, `>=4.10.0-0`,
   * `4.1.1`); absent or `*` for the highest available version.
   */
  version?: string;
  /** The repository URL (a HelmRepository's `spec.url`, an OCIRepository's `spec.url`), when known. */
  repository?: string;
  /** The Flux source the chart comes from (`HelmRepository`, `OCIRepository`, ...), when there is one. */
  source?: { kind: string; name: string; namespace: string };
}

/**
 * Loads a chart on demand, for charts that live outside a chart directory (a HelmRepository or
 * OCIRepository source of a Flux HelmRelease). Implementations read a local cache folder, e.g.
 * `CACHE/NAME/VERSION/` (a chart directory) or `CACHE/NAME-VERSION.tgz`, through the FileSystem
 * (see `loadChart`); `undefined` when no version of the chart satisfying the range is there. A chart
 * that is there but cannot be loaded throws `ChartLoadError`.
 */
export type ChartLoader = (ref: ChartReference) => Chart | undefined;

function fail(result: RenderedChart, message: string, code: DiagnosticCode, debugHint = false): RenderedChart {
  result.ok = false;
  result.error = message;
  result.debugHint = debugHint;
  result.diagnostics.push(diagnostic(code, 'error', message, { source: 'helm' }));
  return result;
}

/** Why rendering stopped: Helm's message, its diagnostic code and whether Helm adds the `--debug` hint. */
class RenderFailure extends Error {
  constructor(
    message: string,
    readonly code: DiagnosticCode,
    readonly debugHint = false,
  ) {
    super(message);
  }
}

type Warn = (message: string) => void;

/** Renders a loaded chart as `helm template` would (the chart object is not modified). */
export function renderChart(loaded: Chart, options: RenderChartOptions): RenderedChart {
  const result: RenderedChart = { ok: true, manifests: [], hooks: [], notes: '', diagnostics: [] };
  const warn: Warn = (message) => {
    result.diagnostics.push(diagnostic('helm/warning', 'warning', message, { source: 'helm' }));
  };
  try {
    renderInto(result, cloneChart(loaded), options, warn);
  } catch (e) {
    if (e instanceof RenderFailure) return fail(result, e.message, e.code, e.debugHint);
    throw e;
  }
  return result;
}

/** The steps of {@link renderChart}, in Helm's order; a step that fails throws a RenderFailure. */
function renderInto(result: RenderedChart, chart: Chart, options: RenderChartOptions, warn: Warn): void {
  checkInstallable(chart, warn);
  const kube = requestedKubeVersion(options);
  const values = releaseValues(chart, options, warn);
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    throw new RenderFailure(
      `chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`,
      'helm/kube-version',
      true,
    );
  }
  const files = renderFiles(chart, values, kube, options);
  result.notes = takeNotes(files, chart.name);
  const sorted = failOn(ManifestError, 'helm/manifest', true, () => sortManifests(files));
  if (options.includeCrds === true) {
    for (const crd of chart.crdObjects()) {
      result.manifests.push({ sourcePath: crd.filename, text: decoder.decode(crd.file.data) });
    }
  }
  for (const m of sorted.manifests) result.manifests.push({ sourcePath: m.sourcePath, text: m.text });
  for (const h of sorted.hooks)
    result.hooks.push({ sourcePath: h.sourcePath, text: h.text, ...(h.hook ? { hook: h.hook } : {}) });
}

/** Runs `step`, turning an error of class `kind` into a RenderFailure with `code`. */
function failOn<T>(kind: new (message: string) => Error, code: DiagnosticCode, debugHint: boolean, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof kind) throw new RenderFailure(e.message, code, debugHint);
    throw e;
  }
}

/** Fails on a chart type that cannot be installed and on dependencies missing from charts/; warns if deprecated. */
function checkInstallable(chart: Chart, warn: Warn): void {
  if (chart.metadata.type !== '' && chart.metadata.type !== 'application') {
    throw new RenderFailure(`${chart.metadata.type} charts are not installable`, 'helm/chart');
  }
  if (chart.metadata.deprecated) warn('This chart is deprecated');
  const missing = (chart.metadata.dependencies ?? [])
    .filter((r) => r !== null && !chart.dependencies.some((d) => d.name === r.name))
    .map((r) => r?.name ?? '');
  if (missing.length > 0) {
    throw new RenderFailure(
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
        `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
      'helm/dependency',
    );
  }
}

/** The Kubernetes version of `--kube-version`, or Helm's default. */
function requestedKubeVersion(options: RenderChartOptions): KubeVersion {
  if (options.kubeVersion === undefined || options.kubeVersion === '') return DEFAULT_KUBE_VERSION;
  try {
    return parseKubeVersion(options.kubeVersion);
  } catch (e) {
    throw new RenderFailure(`invalid kube version '${options.kubeVersion}': ${(e as Error).message}`, 'helm/options');
  }
}

/** The chart's values coalesced with the user's (dependencies enabled and imported), checked against the schemas. */
function releaseValues(chart: Chart, options: RenderChartOptions, warn: Warn): HelmMap {
  const vals = options.values ?? {};
  const coalesced = failOn(CoalesceError, 'helm/values', false, () => {
    processDependencies(chart, vals, warn);
    return coalesceValues(chart, vals, warn);
  });
  if (options.skipSchemaValidation !== true) {
    const err = validateAgainstSchema(chart, coalesced, options.schemaLoader);
    if (err !== undefined) {
      throw new RenderFailure(
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${err}`,
        'helm/schema',
      );
    }
  }
  return coalesced;
}

/** Runs the template engine with `.Values`, `.Release` and `.Capabilities`: rendered text by template path. */
function renderFiles(
  chart: Chart,
  values: HelmMap,
  kube: KubeVersion,
  options: RenderChartOptions,
): Map<string, string> {
  const isUpgrade = options.isUpgrade === true;
  const release = {
    Name: options.releaseName,
    Namespace: options.namespace ?? 'default',
    IsUpgrade: isUpgrade,
    IsInstall: !isUpgrade,
    Revision: BigInt(options.revision ?? 1),
    Service: 'Helm',
  };
  const capabilities: GoStruct = capabilitiesValue(kube, [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])]);
  return failOn(TemplateRenderError, 'helm/template', true, () =>
    renderTemplates(chart, { Values: values, Release: release, Capabilities: capabilities }),
  );
}

/** Removes every NOTES.txt from `files`; returns the text of the chart's own (not its subcharts'), or ''. */
function takeNotes(files: Map<string, string>, chartName: string): string {
  const notesPath = `${chartName}/templates/NOTES.txt`;
  let notes = '';
  for (const k of [...files.keys()]) {
    if (!k.endsWith('NOTES.txt')) continue;
    if (k === notesPath) notes = files.get(k) ?? '';
    files.delete(k);
  }
  return notes;
}

const decoder = new TextDecoder('utf-8');

/** A deep copy of the chart tree's mutable parts (metadata, values, subchart list), files shared. */
function cloneChart(c: Chart): Chart {
  const copy = c.shallowCopy();
  copy.metadata = {
    ...c.metadata,
    dependencies: c.metadata.dependencies?.map((d) => (d === null ? null : { ...d, tags: [...d.tags] })) ?? null,
  };
  copy.parent = undefined;
  copy.dependencies = [];
  for (const d of c.dependencies) {
    const sub = cloneChart(d);
    sub.parent = copy;
    copy.dependencies.push(sub);
  }
  return copy;
}
