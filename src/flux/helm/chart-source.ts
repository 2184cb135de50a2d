/**
 * Where a HelmRelease's chart comes from, as helm-controller and source-controller resolve it:
 * `spec.chart.spec` (a chart in a HelmRepository, or a chart path in a GitRepository or Bucket) or
 * `spec.chartRef` (an OCIRepository, a HelmChart, an ExternalArtifact). Charts of a mapped
 * GitRepository/Bucket/ExternalArtifact are read from its folder; the others through the chart loader.
 */
import type { FileSystem } from '../../fs/types.js';
import { resolve } from '../../fs/path.js';
import { ChartLoadError, loadChart } from '../../helm/chart/load.js';
import type { ChartLoader, ChartReference } from '../../helm/chart/render.js';
import type { Chart } from '../../helm/chart/types.js';
import { getField, optionalScalarString, type YamlMap } from '../../yaml/values.js';
import { field, strField, type FluxHelmRelease } from '../model.js';

/** What resolving a chart needs from the render. */
export interface ChartSourceContext {
  /** A Flux object the cluster renders (HelmRepository, OCIRepository, HelmChart), by kind, namespace, name. */
  object(kind: string, namespace: string, name: string): YamlMap | undefined;
  /** The local folder of a GitRepository, Bucket or ExternalArtifact, when mapped. */
  folder(kind: string, namespace: string, name: string): { fs: FileSystem; root: string } | undefined;
  loader: ChartLoader | undefined;
}

/** Reads a values file named relative to the chart's source (its text; undefined when absent). */
export type SourceFileReader = (path: string) => string | undefined;

/** A chart found, not found (`unavailable`, with the reason), or found but unreadable (`error`). */
export type ChartLookup =
  | { chart: Chart; from: string; readSourceFile: SourceFileReader }
  | { unavailable: string; ref?: ChartReference }
  | { error: string };

const decoder = new TextDecoder('utf-8');

/** Values files of a source folder: paths relative to its root. */
function folderReader(fs: FileSystem, root: string): SourceFileReader {
  return (path) => {
    const file = resolve(root, path);
    return fs.stat(file)?.type === 'file' ? decoder.decode(fs.readFile(file)) : undefined;
  };
}

/** Values files of a packaged chart: paths relative to the chart. */
function chartReader(chart: Chart): SourceFileReader {
  return (path) => {
    const name = path.replace(/^(\.\/)+/, '');
    const f = chart.raw.find((x) => x.name === name);
    return f ? decoder.decode(f.data) : undefined;
  };
}

function fromFolder(fs: FileSystem, dir: string, label: string, root: string): ChartLookup {
  if (fs.stat(dir) === undefined) return { unavailable: `${label} has no chart at ${dir}` };
  try {
    return { chart: loadChart(fs, dir), from: dir, readSourceFile: folderReader(fs, root) };
  } catch (e) {
    if (e instanceof ChartLoadError) return { error: `${label}: ${e.message}` };
    throw e;
  }
}

function fromLoader(ctx: ChartSourceContext, ref: ChartReference, label: string): ChartLookup {
  const range = ref.version ?? '*';
  if (!ctx.loader)
    return { unavailable: `no chart loader is configured for ${label} (give a chart folder, --charts DIR)`, ref };
  try {
    const chart = ctx.loader(ref);
    if (chart) return { chart, from: ref.repository ?? label, readSourceFile: chartReader(chart) };
  } catch (e) {
    if (e instanceof ChartLoadError) return { error: `chart ${ref.name} of ${label}: ${e.message}` };
    throw e;
  }
  return { unavailable: `the chart loader has no chart ${ref.name} version ${range} (${label})`, ref };
}

/** A chart from a source: a chart path inside a mapped folder, or a chart of a Helm repository by name. */
function chartInSource(
  ctx: ChartSourceContext,
  chart: string,
  version: string,
  source: { kind: string; name: string; namespace: string },
): ChartLookup {
  const label = `${source.kind} ${source.namespace}/${source.name}`;
  if (source.kind === 'GitRepository' || source.kind === 'Bucket') {
    const folder = ctx.folder(source.kind, source.namespace, source.name);
    if (folder) return fromFolder(folder.fs, resolve(folder.root, chart), label, folder.root);
    return { unavailable: `${label} is not mapped to a local folder (--source ${source.name}=DIR)` };
  }
  if (source.kind !== 'HelmRepository') return { unavailable: `${label} is not a chart source` };
  const ref: ChartReference = { name: chart, version, source };
  const url = strField(ctx.object('HelmRepository', source.namespace, source.name), 'spec', 'url');
  if (url) ref.repository = url;
  return fromLoader(ctx, ref, label);
}

/** The chart an OCIRepository holds: named after the last segment of its URL, at its tag or semver range. */
function chartInOci(ctx: ChartSourceContext, namespace: string, name: string): ChartLookup {
  const label = `OCIRepository ${namespace}/${name}`;
  const repo = ctx.object('OCIRepository', namespace, name);
  if (!repo) return { unavailable: `${label} is not rendered in this cluster` };
  const url = strField(repo, 'spec', 'url') ?? '';
  const chart = url.replace(/\/+$/, '').split('/').pop() ?? '';
  const version = strField(repo, 'spec', 'ref', 'semver') || strField(repo, 'spec', 'ref', 'tag') || '*';
  return fromLoader(
    ctx,
    { name: chart, version, repository: url, source: { kind: 'OCIRepository', namespace, name } },
    label,
  );
}

/** The chart of a HelmChart object: its chart, version and source. */
function chartOfHelmChart(ctx: ChartSourceContext, namespace: string, name: string): ChartLookup {
  const hc = ctx.object('HelmChart', namespace, name);
  if (!hc) return { unavailable: `HelmChart ${namespace}/${name} is not rendered in this cluster` };
  const source = {
    kind: strField(hc, 'spec', 'sourceRef', 'kind') ?? '',
    name: strField(hc, 'spec', 'sourceRef', 'name') ?? '',
    namespace,
  };
  return chartInSource(ctx, strField(hc, 'spec', 'chart') ?? '', strField(hc, 'spec', 'version') || '*', source);
}

/**
 * `valuesFiles` (after the deprecated `valuesFile`) and `ignoreMissingValuesFiles` of the HelmChart a
 * HelmRelease makes (`spec.chart.spec`) or refers to (`chartRef` HelmChart).
 */
export function chartValuesFiles(
  ctx: ChartSourceContext,
  hr: FluxHelmRelease,
): { files: string[]; ignoreMissing: boolean } {
  const spec =
    hr.chartRef?.kind === 'HelmChart'
      ? getField(ctx.object('HelmChart', hr.chartRef.namespace, hr.chartRef.name) ?? {}, 'spec')
      : field(hr.object, 'spec', 'chart', 'spec');
  const list = field(spec, 'valuesFiles');
  const files = [
    strField(spec, 'valuesFile') ?? '',
    ...(Array.isArray(list) ? list.map((x) => optionalScalarString(x) ?? '') : []),
  ];
  return { files: files.filter((f) => f !== ''), ignoreMissing: field(spec, 'ignoreMissingValuesFiles') === true };
}

/** Finds the chart a HelmRelease installs. */
export function findChart(ctx: ChartSourceContext, hr: FluxHelmRelease): ChartLookup {
  if (hr.chartRef) {
    const { kind, namespace, name } = hr.chartRef;
    if (kind === 'OCIRepository') return chartInOci(ctx, namespace, name);
    if (kind === 'HelmChart') return chartOfHelmChart(ctx, namespace, name);
    if (kind === 'ExternalArtifact') {
      const folder = ctx.folder(kind, namespace, name);
      if (folder) return fromFolder(folder.fs, folder.root, `${kind} ${namespace}/${name}`, folder.root);
      return { unavailable: `${kind} ${namespace}/${name} is not mapped to a local folder` };
    }
    return { unavailable: `chartRef kind ${kind || '(none)'} is not supported` };
  }
  if (hr.chart) return chartInSource(ctx, hr.chart.chart, hr.chart.version, hr.chart.sourceRef);
  return { unavailable: 'the HelmRelease has neither spec.chart nor spec.chartRef' };
}
