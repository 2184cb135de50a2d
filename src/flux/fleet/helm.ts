/**
 * Stage "helm": once every Kustomization is rendered, each HelmRelease they apply is rendered as
 * helm-controller installs it — its chart found (chart-source.ts), its values composed from `values` and
 * `valuesFrom` (the cluster's ConfigMaps and Secrets), the chart rendered by the Helm engine for the
 * release name and namespace, CRDs kept unless `install.crds: Skip`, then post-rendered (post-render.ts).
 * A release whose chart is not available locally is reported (info) and skipped; the rest still render.
 */
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderChart } from '../../helm/chart/render.js';
import type { YamlMap } from '../../yaml/values.js';
import { chartValuesFiles, findChart, type ChartSourceContext, type SourceFileReader } from '../helm/chart-source.js';
import { mergeMaps } from '../helm/values.js';
import { GoYamlError, unmarshalYamlMap } from '../../helm/chart/go-yaml.js';
import type { Chart } from '../../helm/chart/types.js';
import { releaseObjects } from '../helm/post-render.js';
import { readHelmReleaseSpec } from '../helm/spec.js';
import { composeValues } from '../helm/values.js';
import type { ObjectLocation } from '../model.js';
import type { FleetContext } from './context.js';
import { locationOf } from './entries.js';
import { metaOf } from './facts.js';
import type { FleetHelmRelease } from './types.js';

const CHART_KINDS = new Set(['HelmRepository', 'OCIRepository', 'HelmChart']);

/** The Flux objects charts are found through, by `Kind/namespace/name` (the first rendering wins). */
function chartObjects(ctx: FleetContext): Map<string, YamlMap> {
  const out = new Map<string, YamlMap>();
  for (const k of ctx.result.kustomizations) {
    for (const o of k.objects) {
      const m = metaOf(o);
      if (!CHART_KINDS.has(m.kind)) continue;
      const key = `${m.kind}/${m.namespace}/${m.name}`;
      if (!out.has(key)) out.set(key, o.object);
    }
  }
  return out;
}

function sourceContext(ctx: FleetContext): ChartSourceContext {
  const objects = chartObjects(ctx);
  return {
    object: (kind, namespace, name) => objects.get(`${kind}/${namespace}/${name}`),
    folder: (kind, namespace, name) => {
      const v = ctx.sources.view(kind, namespace, name);
      return typeof v === 'string' || v.ok === false ? undefined : { fs: v.fs, root: v.root };
    },
    loader: ctx.options.chartLoader,
  };
}

/** Where the HelmRelease object is, to put positions on its diagnostics. */
function releaseLocation(ctx: FleetContext, hr: FleetHelmRelease): ObjectLocation | undefined {
  const k = ctx.result.kustomizations.find((x) => x.id === hr.renderedBy);
  const o = k?.objects.find((x) => x.object === hr.object);
  return o ? locationOf(o) : undefined;
}

function note(hr: FleetHelmRelease, code: DiagnosticCode, severity: Diagnostic['severity'], message: string): void {
  const where = hr.definedIn;
  hr.diagnostics.push(
    diagnostic(code, severity, `HelmRelease ${hr.id}: ${message}`, {
      file: where?.file,
      range: where?.range,
      source: 'flux',
    }),
  );
}

/**
 * The chart with its default values replaced by the merged `valuesFiles`, as source-controller packages a
 * HelmChart (values.yaml counts only when listed); undefined (with a diagnostic) when one cannot be read.
 */
function withValuesFiles(
  hr: FleetHelmRelease,
  chart: Chart,
  spec: { files: string[]; ignoreMissing: boolean },
  read: SourceFileReader,
): Chart | undefined {
  if (spec.files.length === 0) return chart;
  let merged = {};
  for (const file of spec.files) {
    const text = read(file);
    if (text === undefined) {
      if (spec.ignoreMissing) continue;
      note(hr, 'helm/chart', 'error', `values file '${file}' of the chart is not found in its source`);
      return undefined;
    }
    try {
      merged = mergeMaps(merged, unmarshalYamlMap(text));
    } catch (e) {
      if (!(e instanceof GoYamlError)) throw e;
      note(hr, 'helm/chart', 'error', `values file '${file}' of the chart cannot be read: ${e.message}`);
      return undefined;
    }
  }
  const copy = chart.shallowCopy();
  copy.values = merged;
  return copy;
}

/** Renders one HelmRelease into its objects. */
function renderRelease(ctx: FleetContext, sources: ChartSourceContext, hr: FleetHelmRelease): void {
  const found = findChart(sources, hr);
  if ('unavailable' in found) {
    hr.status = 'chart-unavailable';
    note(hr, 'helm/chart-unavailable', 'info', `chart not rendered: ${found.unavailable}`);
    return;
  }
  hr.status = 'failed';
  if ('error' in found) {
    note(hr, 'helm/chart', 'error', `the chart cannot be loaded: ${found.error}`);
    return;
  }
  const chart = withValuesFiles(hr, found.chart, chartValuesFiles(sources, hr), found.readSourceFile);
  if (!chart) return;
  hr.renderedChart = { name: chart.metadata.name, version: chart.metadata.version, from: found.from };
  const spec = readHelmReleaseSpec(hr.object);
  const values = composeValues(spec, (kind, ns, name) => ctx.objects.get(kind, ns, name), releaseLocation(ctx, hr));
  hr.diagnostics.push(...values.diagnostics);
  if (!values.ok) return;
  const rendered = renderChart(chart, {
    releaseName: spec.releaseName,
    namespace: spec.releaseNamespace,
    values: values.values,
    includeCrds: spec.crds !== 'Skip',
    skipSchemaValidation: spec.skipSchemaValidation,
    ...(ctx.options.kubeVersion !== undefined ? { kubeVersion: ctx.options.kubeVersion } : {}),
    ...(ctx.options.schemaLoader ? { schemaLoader: ctx.options.schemaLoader } : {}),
  });
  const at = hr.definedIn;
  for (const d of rendered.diagnostics) {
    const message = `HelmRelease ${hr.id}: chart ${chart.metadata.name} ${chart.metadata.version}: ${d.message}`;
    hr.diagnostics.push({ ...d, message, ...(at ? { file: at.file } : {}), ...(at?.range ? { range: at.range } : {}) });
  }
  if (!rendered.ok) return;
  const origin = hr.definedIn ?? { file: '' };
  const objects = releaseObjects(rendered.manifests, spec, origin);
  hr.diagnostics.push(...objects.diagnostics);
  if (!objects.ok) return;
  hr.objects = objects.objects;
  hr.status = 'rendered';
}

/** Renders every HelmRelease of the cluster (unless turned off). */
export function renderHelmReleases(ctx: FleetContext): void {
  if (ctx.options.renderHelmReleases === false || ctx.result.helmReleases.length === 0) return;
  const sources = sourceContext(ctx);
  for (const hr of ctx.result.helmReleases) renderRelease(ctx, sources, hr);
}
