/**
 * Finding and reading the configuration file: `kustomize-ts.config.yaml` or `.kustomize-ts.yaml` in the
 * root or the nearest folder above it (or the file `--config` names). The file is checked against the
 * configuration schema (schema.ts); each problem is an error diagnostic at its line and column. Paths in
 * the file are relative to its folder and come out absolute, except `ignore` globs (see ignore.ts).
 */
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { dirname, join, resolve } from '../fs/path.js';
import { FsError, readText, type FileSystem } from '../fs/types.js';
import type { RuleSettings } from '../lint/rules/index.js';
import { closest } from '../validate/problems.js';
import { suggestion } from '../lint/settings.js';
import { locateKey, locatePointer } from '../yaml/locate.js';
import { escapePointerSegment, pointerSegments } from '../yaml/pointer.js';
import { parseYamlStream } from '../yaml/parse.js';
import { isMap, type YamlValue } from '../yaml/values.js';
import { configSchema, type ConfigSchema, type ConfigSchemaNode } from './schema.js';

/** The names of the configuration file, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ['kustomize-ts.config.yaml', '.kustomize-ts.yaml'] as const;

/** The settings of a configuration file (paths absolute, `ignore` globs as written). */
export interface KustomizeTsConfig {
  /** Rule settings by rule id. */
  rules?: RuleSettings;
  /** Globs, relative to {@link LoadedConfig.dir}, of paths to leave out. */
  ignore?: string[];
  /** Cluster folders to lint. */
  clusters?: string[];
  /** Local folders of Flux sources by source reference. */
  sources?: Record<string, string>;
  /** The Kubernetes version deprecations are judged against. */
  kubernetesVersion?: string;
  /** CRD files and folders, JSON schema folders and schema path templates. */
  schemaLocations?: string[];
  /** Report fields the schema does not know. */
  strict?: boolean;
  /** Kinds (KIND or APIVERSION/KIND) not validated against schemas. */
  skipKinds?: string[];
  /** Findings below this severity are left out of reports. */
  minSeverity?: Severity;
  /** Undefined variables in postBuild substitution fail the Kustomization. */
  strictSubstitute?: boolean;
}

/** A configuration file read and checked. */
export interface LoadedConfig {
  /** The file (absolute). */
  readonly file: string;
  /** Its folder: the base of the paths in it. */
  readonly dir: string;
  /** The settings that passed the check (a setting with a problem is left out). */
  readonly config: KustomizeTsConfig;
  /** Problems of the file (`config/invalid`, `yaml/syntax`), errors with positions. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The configuration file in `startDir` or the nearest folder above it, if any. */
export function findConfigFile(fs: FileSystem, startDir: string): string | undefined {
  for (let dir = resolve('/', startDir); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if (fs.stat(file)?.type === 'file') return file;
    }
    if (dir === '/' || dir === dirname(dir)) return undefined;
  }
}

interface Problem {
  pointer: string;
  message: string;
  /** An unknown key: the message names it, so it is shown under its parent's path. */
  key?: true;
}

/** The path a message is shown under: `rules`, `sources.infra`, `ignore.0`, or `the file`. */
function displayPath(p: Problem): string {
  const segments = pointerSegments(p.pointer);
  if (p.key) segments.pop();
  return segments.length === 0 ? 'the file' : segments.join('.');
}

function typeName(v: YamlValue): string {
  if (Array.isArray(v)) return 'a list';
  if (isMap(v)) return 'a mapping';
  if (v === null) return 'null';
  return typeof v === 'bigint' ? 'a number' : `a ${typeof v}`;
}

function resolveRef(node: ConfigSchemaNode, root: ConfigSchema): ConfigSchemaNode {
  if (node.$ref === undefined) return node;
  const { $ref, ...rest } = node;
  return { ...root.definitions[$ref.replace('#/definitions/', '')], ...rest };
}

const EXPECTED: Record<string, (v: YamlValue) => boolean> = {
  object: isMap,
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
};

/** Checks a value against a node of the configuration schema (the keywords the schema uses). */
function check(value: YamlValue, node0: ConfigSchemaNode, root: ConfigSchema, pointer: string, out: Problem[]): void {
  const node = resolveRef(node0, root);
  if (node.type !== undefined && !(EXPECTED[node.type] ?? (() => true))(value)) {
    const want = node.type === 'object' ? 'a mapping' : node.type === 'array' ? 'a list' : `a ${node.type}`;
    out.push({ pointer, message: `must be ${want}, not ${typeName(value)}` });
    return;
  }
  if (node.enum !== undefined && !node.enum.includes(value as string)) {
    const hint = typeof value === 'string' ? suggestion(value, node.enum) : undefined;
    const got = typeof value === 'string' ? `"${value}"` : typeName(value);
    out.push({
      pointer,
      message: `${got} is not one of ${node.enum.join(', ')}${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`,
    });
  }
  if (node.pattern !== undefined && typeof value === 'string' && !new RegExp(node.pattern).test(value))
    out.push({ pointer, message: `"${value}" does not have the form ${node.pattern}` });
  if (Array.isArray(value) && node.items !== undefined)
    value.forEach((v, i) => check(v, node.items as ConfigSchemaNode, root, `${pointer}/${i}`, out));
  if (isMap(value)) checkMap(value, node, root, pointer, out);
}

function checkMap(
  value: Record<string, YamlValue>,
  node: ConfigSchemaNode,
  root: ConfigSchema,
  pointer: string,
  out: Problem[],
): void {
  const known = node.properties ?? {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${pointer}/${escapePointerSegment(key)}`;
    const prop = Object.prototype.hasOwnProperty.call(known, key) ? known[key] : undefined;
    if (prop !== undefined) check(v, prop, root, at, out);
    else if (node.additionalProperties === false) {
      const hint = closest(key, Object.keys(known));
      const what = pointer === '/rules' ? 'unknown rule' : 'unknown field';
      const message = `${what} "${key}"${hint !== undefined ? ` (did you mean "${hint}"?)` : ''}`;
      out.push({ pointer: at, message, key: true });
    } else if (typeof node.additionalProperties === 'object') check(v, node.additionalProperties, root, at, out);
  }
}

/**
 * The folders the file maps that do not exist: a Flux source or a cluster mapped to nothing would leave those
 * clusters unlinted (a false "no problems"), so they are errors, as `--source` and `--cluster` are.
 */
function missingFolders(value: YamlValue, fs: FileSystem, dir: string): Problem[] {
  if (!isMap(value)) return [];
  const missing = (p: YamlValue): p is string => typeof p === 'string' && fs.stat(resolve(dir, p))?.type !== 'dir';
  const out: Problem[] = [];
  const sources = value.sources;
  if (isMap(sources))
    for (const [name, p] of Object.entries(sources))
      if (missing(p))
        out.push({ pointer: `/sources/${escapePointerSegment(name)}`, message: `${p}: no such directory` });
  const clusters = value.clusters;
  if (Array.isArray(clusters))
    clusters.forEach((p, i) => {
      if (missing(p)) out.push({ pointer: `/clusters/${i}`, message: `${p}: no such directory` });
    });
  return out;
}

function resolvePaths(config: KustomizeTsConfig, dir: string): KustomizeTsConfig {
  const abs = (p: string): string => resolve(dir, p);
  const out: KustomizeTsConfig = { ...config };
  if (config.clusters) out.clusters = config.clusters.map(abs);
  if (config.schemaLocations)
    out.schemaLocations = config.schemaLocations.map((l) => (/^[a-z]+:\/\//.test(l) ? l : abs(l)));
  if (config.sources) out.sources = Object.fromEntries(Object.entries(config.sources).map(([k, v]) => [k, abs(v)]));
  return out;
}

/** Reads and checks a configuration file. Never throws: problems are diagnostics. */
export function loadConfigFile(fs: FileSystem, file: string): LoadedConfig {
  const dir = dirname(file);
  let text: string;
  try {
    text = readText(fs, file);
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
    const d = diagnostic('config/invalid', 'error', `cannot read the configuration file: ${err.message}`, { file });
    return { file, dir, config: {}, diagnostics: [d] };
  }
  const stream = parseYamlStream(text, { file, duplicateKeys: 'error', annotationsAsText: false });
  if (stream.errors.length > 0) return { file, dir, config: {}, diagnostics: stream.errors };
  const doc = stream.documents[0];
  if (doc === undefined || doc.value === null) return { file, dir, config: {}, diagnostics: [] };
  const schema = configSchema();
  const problems: Problem[] = [];
  check(doc.value, schema, schema, '', problems);
  problems.push(...missingFolders(doc.value, fs, dir));
  const diagnostics = problems.map((p) =>
    diagnostic('config/invalid', 'error', `${displayPath(p)}: ${p.message}`, {
      file,
      range: p.key
        ? locateKey(doc.node, pointerSegments(p.pointer), stream.lineCounter)
        : locatePointer(doc.node, p.pointer, stream.lineCounter),
      path: p.pointer,
    }),
  );
  return { file, dir, config: resolvePaths(keepValid(doc.value, problems), dir), diagnostics };
}

/**
 * The settings without problems: a typo in one rule or source does not discard the others; any other
 * setting with a problem is left out whole.
 */
function keepValid(value: YamlValue, problems: readonly Problem[]): KustomizeTsConfig {
  if (!isMap(value)) return {};
  const segments = problems.map((p) => p.pointer.split('/').slice(1));
  // The checked value has the shape of KustomizeTsConfig, minus what had problems.
  const config: KustomizeTsConfig & Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const mine = segments.filter((s) => s[0] === escapePointerSegment(key));
    if (mine.length === 0) config[key] = v;
    else if (isMap(v) && mine.every((s) => s.length >= 2)) {
      const badEntries = new Set(mine.map((s) => s[1]));
      config[key] = Object.fromEntries(Object.entries(v).filter(([k]) => !badEntries.has(escapePointerSegment(k))));
    }
  }
  return config;
}

/**
 * The configuration for a run rooted at `root`: the file `explicit` names (relative to `root` when not
 * absolute), or the one found from `root` upward; `undefined` when there is none.
 */
export function loadConfig(fs: FileSystem, root: string, explicit?: string): LoadedConfig | undefined {
  const file = explicit !== undefined ? resolve(root, explicit) : findConfigFile(fs, root);
  return file === undefined ? undefined : loadConfigFile(fs, file);
}
