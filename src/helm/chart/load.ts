/**
 * Loading a chart as Helm's pkg/chart/loader does: a directory (walked in lexical order, `.helmignore`
 * applied) or a `.tgz` archive becomes a list of files, which `loadFiles` sorts into Chart.yaml, values,
 * the schema, templates, subcharts (directories and archives under charts/) and the other files. Errors
 * carry Helm's messages (`cannot load Chart.yaml: ...`, `error unpacking subchart X in Y: ...`).
 */
import { FsError, type FileSystem } from '../../fs/types.js';
import { join } from '../../fs/path.js';
import { ArchiveError, dropBom, readChartArchive } from './archive.js';
import { GoYamlError, unmarshalYamlMap } from './go-yaml.js';
import { HelmIgnore } from './helmignore.js';
import { decodeMetadata, validateMetadata } from './metadata.js';
import { Chart, emptyMetadata, type BufferedFile, type ChartMetadata } from './types.js';

/** A chart Helm would refuse to load; the message is Helm's. */
export class ChartLoadError extends Error {}

const decoder = new TextDecoder('utf-8');

/** Loads a chart from a directory or a `.tgz` file. Throws {@link ChartLoadError}. */
export function loadChart(fs: FileSystem, path: string): Chart {
  const st = fs.stat(path);
  if (!st) throw new ChartLoadError(`stat ${path}: no such file or directory`);
  if (st.type === 'dir') return loadFiles(readChartDir(fs, path));
  const data = fs.readFile(path);
  if (!(data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08)) {
    if (/\.ya?ml$/.test(path))
      throw new ChartLoadError(`file '${path}' seems to be a YAML file, but expected a gzipped archive`);
    throw new ChartLoadError(`file '${path}' does not appear to be a gzipped archive; got 'application/octet-stream'`);
  }
  return loadArchive(data);
}

/** Loads a chart from the bytes of a `.tgz` archive. Throws {@link ChartLoadError}. */
export function loadArchive(data: Uint8Array): Chart {
  try {
    return loadFiles(readChartArchive(data));
  } catch (e) {
    if (e instanceof ArchiveError) throw new ChartLoadError(e.message);
    throw e;
  }
}

/** The files of a chart directory, `.helmignore` applied, as Helm's LoadDir collects them. */
export function readChartDir(fs: FileSystem, dir: string): BufferedFile[] {
  let rules: HelmIgnore;
  const ignoreFile = join(dir, '.helmignore');
  try {
    rules =
      fs.stat(ignoreFile)?.type === 'file'
        ? HelmIgnore.parse(decoder.decode(fs.readFile(ignoreFile)))
        : new HelmIgnore();
  } catch (e) {
    if (e instanceof FsError) throw e;
    throw new ChartLoadError((e as Error).message);
  }
  rules.addDefaults();
  const files: BufferedFile[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readDir(abs).sort(byteOrder)) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = fs.stat(childAbs);
      if (!st) continue;
      if (st.type === 'dir') {
        if (!rules.ignores(childRel, true)) walk(childAbs, childRel);
        continue;
      }
      if (rules.ignores(childRel, false)) continue;
      files.push({ name: childRel, data: dropBom(fs.readFile(childAbs)) });
    }
  };
  walk(dir, '');
  return files;
}

/** Go's sort.Strings order (UTF-16 code units agree with bytes for the BMP). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function yamlMap(f: BufferedFile, what: string): ReturnType<typeof unmarshalYamlMap> {
  try {
    return unmarshalYamlMap(decoder.decode(f.data));
  } catch (e) {
    if (e instanceof GoYamlError) throw new ChartLoadError(`cannot load ${what}: ${e.message}`);
    throw e;
  }
}

/** What {@link loadFiles} gathers: the chart, its metadata once a file gives it, and the subcharts' files by name. */
interface LoadState {
  chart: Chart;
  md: ChartMetadata | undefined;
  subcharts: Map<string, BufferedFile[]>;
}

/** Helm's LoadFiles: sorts the files of one chart into a Chart and loads its subcharts. */
export function loadFiles(files: readonly BufferedFile[]): Chart {
  const chart = new Chart(emptyMetadata());
  const state: LoadState = { chart, md: undefined, subcharts: new Map() };
  for (const f of files) {
    chart.raw.push(f);
    if (f.name === 'Chart.yaml') {
      state.md ??= emptyMetadata();
      decodeMetadata(yamlMap(f, 'Chart.yaml'), state.md);
      if (state.md.apiVersion === '') state.md.apiVersion = 'v1';
    }
  }
  for (const f of files) {
    if (f.name !== 'Chart.yaml') placeFile(state, f);
  }
  const md = state.md;
  if (!md) throw new ChartLoadError('Chart.yaml file is missing');
  chart.metadata = md;
  try {
    validateMetadata(md);
  } catch (e) {
    throw new ChartLoadError((e as Error).message);
  }
  for (const [n, list] of state.subcharts) {
    // Helm skips charts/_* and charts/.* entries.
    if (n.startsWith('_') || n.startsWith('.')) continue;
    const sub = loadSubchart(chart, n, list);
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

/** Puts one file of a chart (not Chart.yaml) where Helm's LoadFiles puts it. */
function placeFile(state: LoadState, f: BufferedFile): void {
  const { chart } = state;
  const n = f.name;
  if (n === 'Chart.lock' || n === 'requirements.lock') {
    yamlMap(f, n);
    chart.hasLock = true;
    if (n === 'requirements.lock') {
      state.md ??= emptyMetadata();
      if (state.md.apiVersion === 'v1') chart.files.push(f);
    }
  } else if (n === 'values.yaml') {
    chart.values = yamlMap(f, 'values.yaml');
  } else if (n === 'values.schema.json') {
    chart.schema = f.data;
  } else if (n === 'requirements.yaml') {
    state.md ??= emptyMetadata();
    decodeMetadata(yamlMap(f, 'requirements.yaml'), state.md);
    if (state.md.apiVersion === 'v1') chart.files.push(f);
  } else if (n.startsWith('templates/')) {
    chart.templates.push(f);
  } else if (n.startsWith('charts/') && !n.endsWith('.prov')) {
    const rest = n.slice('charts/'.length);
    const cname = rest.split('/')[0] as string;
    const list = state.subcharts.get(cname) ?? [];
    list.push({ name: rest, data: f.data });
    state.subcharts.set(cname, list);
  } else {
    chart.files.push(f);
  }
}

function loadSubchart(parent: Chart, n: string, files: BufferedFile[]): Chart {
  try {
    if (n.endsWith('.tgz')) {
      const file = files[0] as BufferedFile;
      if (file.name !== n) {
        throw new ChartLoadError(`error unpacking subchart tar in ${parent.name}: expected ${n}, got ${file.name}`);
      }
      return loadFiles(readChartArchive(file.data));
    }
    const inner: BufferedFile[] = [];
    for (const f of files) {
      const i = f.name.indexOf('/');
      if (i >= 0) inner.push({ name: f.name.slice(i + 1), data: f.data });
    }
    return loadFiles(inner);
  } catch (e) {
    if (e instanceof ChartLoadError && e.message.startsWith('error unpacking subchart tar')) throw e;
    if (e instanceof ChartLoadError || e instanceof ArchiveError) {
      throw new ChartLoadError(`error unpacking subchart ${n} in ${parent.name}: ${e.message}`);
    }
    throw e;
  }
}
