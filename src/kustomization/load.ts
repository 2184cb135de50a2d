/**
 * Reading a kustomization file (spec §1.1): locate it in a directory, parse it as YAML 1.1, decode it
 * strictly into the Kustomization type, print the deprecation warnings kustomize prints, apply the
 * load-time conversions (`bases`, `imageTags`, generator `env`, `helmChartInflationGenerator`) and check
 * kind, apiVersion and emptiness.
 */
import { isAstMap, isAstScalar, type LineIndex } from '../yaml/ast.js';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { BuildError } from '../diagnostics/error.js';
import type { FileSystem } from '../fs/types.js';
import { readTextKeepingBom } from '../fs/types.js';
import { join } from '../fs/path.js';
import { parseYamlStream, toRange, type ParsedDocument } from '../yaml/parse.js';
import type { YamlValue } from '../yaml/values.js';
import { decodeGo, GoDecodeError } from './gotype.js';
import { schemaFor } from './schema.js';
import { DEFAULT_KUSTOMIZE_VERSION, type KustomizeVersion } from './versions.js';
import type { HelmChart, Kustomization } from './types.js';
import { locateKey } from '../yaml/locate.js';

/** The file names kustomize recognises, in the order it tries them. */
export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/** A deprecated kustomization field: kustomize's warning and what replaces it. */
export interface DeprecatedField {
  readonly field: keyof Kustomization;
  /** The warning kustomize prints, word for word. */
  readonly message: string;
  /** What replaces the field (for lint messages and editor fixes). */
  readonly successor: string;
}

/** Deprecated fields and their warnings, in the order kustomize prints them (spec §1.5). */
export const deprecatedFields: readonly DeprecatedField[] = [
  {
    field: 'bases',
    message:
      "'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'resources',
  },
  {
    field: 'commonLabels',
    message:
      "'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'labels (with includeSelectors: true to keep selectors)',
  },
  {
    field: 'imageTags',
    message:
      "'imageTags' is deprecated. Please use 'images' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'images',
  },
  {
    field: 'patchesJson6902',
    message:
      "'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'patches',
  },
  {
    field: 'patchesStrategicMerge',
    message:
      "'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'patches',
  },
  {
    field: 'vars',
    message:
      "'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.",
    successor: 'replacements',
  },
];

/** A loaded kustomization file. */
export interface LoadedKustomization {
  /** The decoded and fixed-up content. */
  kustomization: Kustomization;
  /** Absolute path of the file. */
  file: string;
  /** Absolute path of its directory. */
  dir: string;
  /** Deprecation warnings (one per deprecated field present), positioned on the field's key. */
  warnings: Diagnostic[];
  /** The raw parse, to locate fields for diagnostics. */
  locate: (field: string) => { line: number; column: number } | undefined;
  /** The source range of a field's key, or of entry `index` of a list field (for diagnostics). */
  range: (field: string, index?: number) => Range | undefined;
}

/** Finds the kustomization file of `dir`. Throws kustomize's errors for none or several. */
export function findKustomizationFile(fs: FileSystem, dir: string): string {
  const found = kustomizationFileNames.filter((n) => fs.stat(join(dir, n))?.type === 'file');
  if (found.length === 0) {
    throw new BuildError(
      'load/no-kustomization',
      `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
      { file: dir },
    );
  }
  if (found.length > 1) {
    throw new BuildError('load/multiple-kustomizations', `Found multiple kustomization files under: ${dir}`, {
      file: dir,
    });
  }
  return join(dir, found[0] as string);
}

function splitHelmParameters(k: Kustomization): void {
  const args = k.helmChartInflationGenerator;
  if (args === undefined) return;
  const charts: HelmChart[] = [];
  let chartHome = '';
  let configHome = '';
  for (const a of args as Record<string, YamlValue>[]) {
    const s = (key: string): string => (typeof a[key] === 'string' ? a[key] : '');
    const c: HelmChart = {};
    if (s('chartName')) c.name = s('chartName');
    if (s('chartVersion')) c.version = s('chartVersion');
    if (s('chartRepoUrl')) c.repo = s('chartRepoUrl');
    if (s('releaseName')) c.releaseName = s('releaseName');
    if (s('values')) c.valuesFile = s('values');
    if (a.valuesLocal && typeof a.valuesLocal === 'object') c.valuesInline = a.valuesLocal as Record<string, unknown>;
    if (s('valuesMerge')) c.valuesMerge = s('valuesMerge');
    charts.push(c);
    if (s('chartHome')) chartHome = s('chartHome');
    if (s('helmHome')) configHome = s('helmHome');
  }
  if (k.helmGlobals === undefined && (chartHome || configHome)) {
    k.helmGlobals = {};
    if (chartHome) k.helmGlobals.chartHome = chartHome;
    if (configHome) k.helmGlobals.configHome = configHome;
  }
  if (charts.length > 0 || k.helmCharts !== undefined) k.helmCharts = [...(k.helmCharts ?? []), ...charts];
  delete k.helmChartInflationGenerator;
}

/** kustomize's FixKustomization: defaults for kind/apiVersion and the silent load-time conversions. */
export function fixKustomization(k: Kustomization): void {
  if (!k.kind) k.kind = 'Kustomization';
  if (!k.apiVersion) k.apiVersion = k.kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.bases !== undefined) {
    if (k.resources !== undefined || k.bases.length > 0) k.resources = [...(k.resources ?? []), ...k.bases];
    delete k.bases;
  }
  if (k.imageTags !== undefined) {
    if (k.images !== undefined || k.imageTags.length > 0) k.images = [...(k.images ?? []), ...k.imageTags];
    delete k.imageTags;
  }
  for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    if (g.env) {
      g.envs = [...(g.envs ?? []), g.env];
      delete g.env;
    }
  }
  splitHelmParameters(k);
}

/** Decodes the document strictly (Go's field table of `version`); unknown fields and wrong types are errors. */
function decodeKustomization(
  doc: ParsedDocument | undefined,
  lines: LineIndex,
  file: string,
  version: KustomizeVersion,
): Kustomization {
  const raw: YamlValue = doc ? doc.value : null;
  try {
    return raw === null ? {} : decodeGo(raw, schemaFor(version).kustomization);
  } catch (err) {
    if (err instanceof GoDecodeError) {
      const pos = doc ? locateKey(doc.node, err.path, lines) : undefined;
      const code = err.message.includes('unknown field') ? 'kustomization/unknown-field' : 'kustomization/invalid-type';
      throw new BuildError(code, `invalid Kustomization: ${err.message}`, { file, range: pos });
    }
    throw err;
  }
}

/** The `locate` and `range` lookups of a loaded kustomization over its document. */
function fieldLocators(
  doc: ParsedDocument | undefined,
  lines: LineIndex,
): Pick<LoadedKustomization, 'locate' | 'range'> {
  const locate = (field: string): { line: number; column: number } | undefined => {
    if (!doc) return undefined;
    const r = locateKey(doc.node, [field], lines, true);
    return r ? { line: r.start.line, column: r.start.column } : undefined;
  };
  const hasKey = (field: string): boolean => {
    const node = doc?.node;
    return (
      isAstMap(node) && node.items.some((p) => isAstScalar(p.key) && p.key.value.toLowerCase() === field.toLowerCase())
    );
  };
  const range = (field: string, index?: number): Range | undefined => {
    if (!doc || !hasKey(field)) return undefined;
    if (index === undefined) return locateKey(doc.node, [field], lines, true);
    return locateKey(doc.node, [field, String(index)], lines, true);
  };
  return { locate, range };
}

/** One warning per deprecated field present, on the field's key. */
function deprecationWarnings(
  k: Kustomization,
  doc: ParsedDocument | undefined,
  lines: LineIndex,
  file: string,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const d of deprecatedFields) {
    if (k[d.field] !== undefined) {
      const r = doc ? locateKey(doc.node, [d.field], lines, true) : undefined;
      warnings.push(
        diagnostic('kustomization/deprecated-field', 'warning', d.message, { file, range: r, source: 'kustomize' }),
      );
    }
  }
  return warnings;
}

/** The fixed-up kustomization must hold more than kind and apiVersion, and those must be right. */
function checkKustomization(
  k: Kustomization,
  doc: ParsedDocument | undefined,
  lines: LineIndex,
  file: string,
  dir: string,
): void {
  const rest = Object.keys(k).filter((key) => key !== 'apiVersion' && key !== 'kind');
  if (rest.length === 0) {
    throw new BuildError('kustomization/empty', 'kustomization.yaml is empty', {
      file,
      range: doc ? doc.range : toRange(lines, 0, 0),
    });
  }
  const errs: string[] = [];
  if (k.kind && k.kind !== 'Kustomization' && k.kind !== 'Component')
    errs.push('kind should be Kustomization or Component');
  const required = k.kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.apiVersion && k.apiVersion !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length > 0) {
    const r = doc ? locateKey(doc.node, [errs[0]?.startsWith('kind') ? 'kind' : 'apiVersion'], lines, true) : undefined;
    throw new BuildError(
      'kustomization/invalid-kind',
      `Failed to read kustomization file under ${dir}:\n${errs.join('\n')}`,
      { file, range: r },
    );
  }
}

/**
 * Parses and checks kustomization text as `version` reads it (default: the default version). `file` is its
 * absolute path. Throws BuildError.
 */
export function parseKustomization(
  text: string,
  file: string,
  dir: string,
  version: KustomizeVersion = DEFAULT_KUSTOMIZE_VERSION,
): LoadedKustomization {
  const stream = parseYamlStream(text, { file, mode: 'yaml11', annotationsAsText: false });
  const firstError = stream.errors[0];
  if (firstError) {
    throw new BuildError(firstError.code, `invalid Kustomization: ${firstError.message}`, {
      file,
      range: firstError.range,
    });
  }
  const doc = stream.documents[0];
  const lines = stream.lineCounter;
  const k = decodeKustomization(doc, lines, file, version);
  const { locate, range } = fieldLocators(doc, lines);
  const warnings = deprecationWarnings(k, doc, lines, file);
  fixKustomization(k);
  checkKustomization(k, doc, lines, file, dir);
  return { kustomization: k, file, dir, warnings, locate, range };
}

/** Finds, reads and parses the kustomization of `dir` as `version` reads it. */
export function loadKustomization(
  fs: FileSystem,
  dir: string,
  cache?: Map<string, { text: string; loaded: LoadedKustomization }>,
  version: KustomizeVersion = DEFAULT_KUSTOMIZE_VERSION,
): LoadedKustomization {
  const file = findKustomizationFile(fs, dir);
  const text = readTextKeepingBom(fs, file);
  const key = `${version}\0${file}`;
  const hit = cache?.get(key);
  if (hit && hit.text === text) return hit.loaded;
  const loaded = parseKustomization(text, file, dir, version);
  cache?.set(key, { text, loaded });
  return loaded;
}
