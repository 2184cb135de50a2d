/**
 * A {@link ChartLoader} over a local chart folder, browser-safe (read through the FileSystem). For a chart
 * NAME it looks at `NAME/` (a chart directory: its Chart.yaml version), `NAME/VERSION/`, `NAME-VERSION/`
 * and `NAME-VERSION.tgz`, and loads the highest version that satisfies the requested range (Masterminds/
 * semver constraints, as Flux's source-controller matches chart versions). Loaded charts are kept, so
 * many releases of one chart load it once.
 */
import type { FileSystem } from '../../fs/types.js';
import { join } from '../../fs/path.js';
import { compareVersions, newVersion, type Version } from '../funcs/semver.js';
import { GoYamlError, unmarshalYamlMap } from './go-yaml.js';
import { loadChart } from './load.js';
import type { ChartLoader, ChartReference } from './render.js';
import type { Chart } from './types.js';
import { isCompatibleRange } from './version-range.js';

/** A chart version found in the folder. */
export interface ChartCandidate {
  version: string;
  path: string;
}

function parse(v: string): Version | undefined {
  try {
    return newVersion(v);
  } catch {
    return undefined;
  }
}

function listDir(fs: FileSystem, dir: string): string[] {
  return fs.stat(dir)?.type === 'dir' ? fs.readDir(dir).sort() : [];
}

/** The `version` of a chart directory's Chart.yaml, when it has one. */
function chartYamlVersion(fs: FileSystem, dir: string): string | undefined {
  const file = join(dir, 'Chart.yaml');
  if (fs.stat(file)?.type !== 'file') return undefined;
  try {
    const v = unmarshalYamlMap(new TextDecoder('utf-8').decode(fs.readFile(file)))['version'];
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  } catch (e) {
    if (e instanceof GoYamlError) return undefined;
    throw e;
  }
}

/** Every version of chart `name` in `dir`. */
export function chartCandidates(fs: FileSystem, dir: string, name: string): ChartCandidate[] {
  const out: ChartCandidate[] = [];
  const own = join(dir, name);
  const ownVersion = chartYamlVersion(fs, own);
  if (ownVersion !== undefined) out.push({ version: ownVersion, path: own });
  else for (const v of listDir(fs, own)) if (parse(v)) out.push({ version: v, path: join(own, v) });
  for (const entry of listDir(fs, dir)) {
    if (!entry.startsWith(`${name}-`)) continue;
    const rest = entry.slice(name.length + 1);
    const isTgz = rest.endsWith('.tgz');
    const version = isTgz ? rest.slice(0, -4) : rest;
    const path = join(dir, entry);
    if (!parse(version)) continue;
    if (isTgz ? fs.stat(path)?.type === 'file' : fs.stat(join(path, 'Chart.yaml'))?.type === 'file')
      out.push({ version, path });
  }
  return out;
}

/** The highest candidate satisfying `range` (`*` or empty: any release version). */
export function pickChartVersion(candidates: readonly ChartCandidate[], range: string): ChartCandidate | undefined {
  const wanted = range.trim() === '' ? '*' : range;
  let best: { c: ChartCandidate; v: Version } | undefined;
  for (const c of candidates) {
    const v = parse(c.version);
    if (!v || !isCompatibleRange(wanted, c.version)) continue;
    if (!best || compareVersions(v, best.v) > 0) best = { c, v };
  }
  return best?.c;
}

/**
 * A chart loader over the chart folder `dir` of `fs` (`NAME/`, `NAME/VERSION/`, `NAME-VERSION/`,
 * `NAME-VERSION.tgz`): the highest version satisfying the requested range, each chart loaded once. Throws
 * `ChartLoadError` for a chart that is there but cannot be loaded.
 */
export function chartFolderLoader(fs: FileSystem, dir: string): ChartLoader {
  const loaded = new Map<string, Chart>();
  return (ref: ChartReference): Chart | undefined => {
    if (ref.name === '' || ref.name.includes('/')) return undefined;
    const pick = pickChartVersion(chartCandidates(fs, dir, ref.name), ref.version ?? '*');
    if (!pick) return undefined;
    let chart = loaded.get(pick.path);
    if (!chart) {
      chart = loadChart(fs, pick.path);
      loaded.set(pick.path, chart);
    }
    return chart;
  };
}
