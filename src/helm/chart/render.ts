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
import { ManifestError, sortManifests, type HookInfo, type Manifest } from './manifests.js';
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

/** Renders a loaded chart as `helm template` would (the chart object is not modified). */
export function renderChart(loaded: Chart, options: RenderChartOptions): RenderedChart {
  const result: RenderedChart = { ok: true, manifests: [], hooks: [], notes: '', diagnostics: [] };
  const warn = (message: string): void => {
    result.diagnostics.push(diagnostic('helm/warning', 'warning', message, { source: 'helm' }));
  };
  const chart = cloneChart(loaded);
  if (chart.metadata.type !== '' && chart.metadata.type !== 'application') {
    return fail(result, `${chart.metadata.type} charts are not installable`, 'helm/chart');
  }
  if (chart.metadata.deprecated) warn('This chart is deprecated');
  const missing = (chart.metadata.dependencies ?? [])
    .filter((r) => r !== null && !chart.dependencies.some((d) => d.name === r.name))
    .map((r) => r?.name ?? '');
  if (missing.length > 0) {
    return fail(
      result,
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
        `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
      'helm/dependency',
    );
  }
  let kube: KubeVersion = DEFAULT_KUBE_VERSION;
  if (options.kubeVersion !== undefined && options.kubeVersion !== '') {
    try {
      kube = parseKubeVersion(options.kubeVersion);
    } catch (e) {
      return fail(result, `invalid kube version '${options.kubeVersion}': ${(e as Error).message}`, 'helm/options');
    }
  }
  const vals = options.values ?? {};
  let coalesced: HelmMap;
  try {
    processDependencies(chart, vals, warn);
    coalesced = coalesceValues(chart, vals, warn);
  } catch (e) {
    if (e instanceof CoalesceError) return fail(result, e.message, 'helm/values');
    throw e;
  }
  if (options.skipSchemaValidation !== true) {
    const err = validateAgainstSchema(chart, coalesced, options.schemaLoader);
    if (err !== undefined) {
      return fail(
        result,
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${err}`,
        'helm/schema',
      );
    }
  }
  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    return fail(
      result,
      `chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`,
      'helm/kube-version',
      true,
    );
  }
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
  let files: Map<string, string>;
  try {
    files = renderTemplates(chart, { Values: coalesced, Release: release, Capabilities: capabilities });
  } catch (e) {
    if (e instanceof TemplateRenderError) return fail(result, e.message, 'helm/template', true);
    throw e;
  }
  const notesPath = `${chart.name}/templates/NOTES.txt`;
  for (const k of [...files.keys()]) {
    if (!k.endsWith('NOTES.txt')) continue;
    if (k === notesPath) result.notes = files.get(k) ?? '';
    files.delete(k);
  }
  let sorted: { manifests: Manifest[]; hooks: Manifest[] };
  try {
    sorted = sortManifests(files);
  } catch (e) {
    if (e instanceof ManifestError) return fail(result, e.message, 'helm/manifest', true);
    throw e;
  }
  if (options.includeCrds === true) {
    for (const crd of chart.crdObjects()) {
      result.manifests.push({ sourcePath: crd.filename, text: decoder.decode(crd.file.data) });
    }
  }
  for (const m of sorted.manifests) result.manifests.push({ sourcePath: m.sourcePath, text: m.text });
  for (const h of sorted.hooks)
    result.hooks.push({ sourcePath: h.sourcePath, text: h.text, ...(h.hook ? { hook: h.hook } : {}) });
  return result;
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
