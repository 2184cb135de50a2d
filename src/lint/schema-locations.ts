/**
 * Schema locations (`--schema-location`, `schemaLocations` in the configuration file): where schemas of
 * custom resources come from besides the CRDs being validated. A location is
 *  - a CRD file (YAML or JSON, several documents allowed) or a folder searched for them (`*.yaml`, `*.yml`);
 *  - a folder of JSON schemas named as CRD catalogues name them: `GROUP/KIND_VERSION.json` (datreeio's
 *    CRDs-catalog) or `KIND_VERSION.json` (kubeconform's openapi2jsonschema), kind in lower case;
 *  - a path template in kubeconform's syntax: `{{.Group}}`, `{{.ResourceKind}}`, `{{.ResourceAPIVersion}}`,
 *    `{{.KindSuffix}}`, `{{.NormalizedKubernetesVersion}}`, `{{.StrictSuffix}}`.
 * Remote (http) locations are not fetched: a location that cannot be used is a `config/schema-location` warning.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { join } from '../fs/path.js';
import { FsError, readText, type FileSystem } from '../fs/types.js';
import { listYamlFiles } from './repo.js';
import { parseYamlStream } from '../yaml/parse.js';
import { isMap, type YamlMap } from '../yaml/values.js';
import type { JsonSchema } from '../validate/convert.js';
import { CrdIndex } from '../validate/registry.js';

/** The schemas a set of locations provides. */
export interface SchemaLocationSet {
  /** CustomResourceDefinitions found in the locations, in location order. */
  readonly crds: readonly YamlMap[];
  /** The JSON schema of apiVersion/kind from the locations' JSON files, if one has it (memoised). */
  readonly jsonSchema: (apiVersion: string, kind: string) => JsonSchema | undefined;
  /** Locations that could not be used. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link readSchemaLocations}. */
export interface SchemaLocationOptions {
  /** For templates: `{{.NormalizedKubernetesVersion}}` (`v1.33.0`). Default `master`. */
  kubernetesVersion?: string;
  /** For templates: `{{.StrictSuffix}}` is `-strict` when true. */
  strict?: boolean;
}

const TEMPLATE = /\{\{\s*\.(\w+)\s*\}\}/g;

function gvkParts(apiVersion: string, kind: string): Record<string, string> {
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  return {
    Group: group,
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: version,
    KindSuffix: group === '' ? '' : `-${group.split('.')[0] ?? ''}`,
  };
}

function crdsIn(fs: FileSystem, file: string, out: YamlMap[]): void {
  const stream = parseYamlStream(readText(fs, file), { file });
  for (const d of stream.documents) if (isMap(d.value) && CrdIndex.isCrd(d.value)) out.push(d.value);
}

function readJsonSchema(fs: FileSystem, path: string): JsonSchema | undefined {
  if (fs.stat(path)?.type !== 'file') return undefined;
  const parsed = JSON.parse(readText(fs, path)) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  // Catalogue files name their draft and id: the validator's ajv is draft-07 and keys schemas itself.
  const { $schema: _s, $id: _i, id: _id, ...schema } = parsed as Record<string, unknown>;
  return schema as JsonSchema;
}

/** Paths where the JSON schema of apiVersion/kind may be, by one location. */
type SchemaCandidates = (apiVersion: string, kind: string) => string[];

/** What reading the locations collects. */
interface LocationReading {
  crds: YamlMap[];
  candidates: SchemaCandidates[];
  /** Reports a location (or a schema file) that cannot be used. */
  problem(location: string, why: string): void;
}

/** The template variables that do not depend on the object: `NormalizedKubernetesVersion`, `StrictSuffix`. */
function fixedTemplateValues(options: SchemaLocationOptions): Record<string, string> {
  return {
    NormalizedKubernetesVersion: options.kubernetesVersion
      ? `v${options.kubernetesVersion.replace(/^v/, '')}`
      : 'master',
    StrictSuffix: options.strict ? '-strict' : '',
  };
}

/** Catalogue paths in a folder: `GROUP/KIND_VERSION.json`, then `KIND_VERSION.json`. */
function catalogueCandidates(folder: string): SchemaCandidates {
  return (av, kind) => {
    const p = gvkParts(av, kind);
    const name = `${p.ResourceKind ?? ''}_${p.ResourceAPIVersion ?? ''}.json`;
    return [...(p.Group ? [join(folder, p.Group, name)] : []), join(folder, name)];
  };
}

/** Reads one location: a remote one (refused), a template, a CRD file, or a folder of CRDs and catalogue files. */
function readLocation(fs: FileSystem, location: string, fixed: Record<string, string>, reading: LocationReading): void {
  if (/^https?:\/\//.test(location)) {
    reading.problem(location, 'remote locations are not fetched: download the catalogue and pass its folder');
    return;
  }
  if (TEMPLATE.test(location)) {
    TEMPLATE.lastIndex = 0;
    reading.candidates.push((av, kind) => {
      const parts = { ...fixed, ...gvkParts(av, kind) };
      return [location.replace(TEMPLATE, (m, name: string) => parts[name] ?? m)];
    });
    return;
  }
  const st = fs.stat(location);
  try {
    if (st?.type === 'file') crdsIn(fs, location, reading.crds);
    else if (st?.type === 'dir') {
      for (const f of listYamlFiles(fs, location)) crdsIn(fs, f, reading.crds);
      reading.candidates.push(catalogueCandidates(location));
    } else reading.problem(location, 'no such file or directory');
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
    reading.problem(location, err.message);
  }
}

/** The JSON schema lookup over the candidates, first found wins (memoised; unreadable files are problems). */
function jsonSchemaLookup(
  fs: FileSystem,
  reading: LocationReading,
): (apiVersion: string, kind: string) => JsonSchema | undefined {
  const memo = new Map<string, JsonSchema | undefined>();
  const firstFound = (apiVersion: string, kind: string): JsonSchema | undefined => {
    for (const paths of reading.candidates) {
      for (const path of paths(apiVersion, kind)) {
        try {
          const found = readJsonSchema(fs, path);
          if (found) return found;
        } catch (err) {
          if (!(err instanceof FsError) && !(err instanceof SyntaxError)) throw err;
          reading.problem(path, err.message);
        }
      }
    }
    return undefined;
  };
  return (apiVersion, kind) => {
    const key = `${apiVersion}/${kind}`;
    if (memo.has(key)) return memo.get(key);
    const found = firstFound(apiVersion, kind);
    memo.set(key, found);
    return found;
  };
}

/** Reads the CRDs of the locations and prepares the JSON schema lookup. Never throws. */
export function readSchemaLocations(
  fs: FileSystem,
  locations: readonly string[],
  options: SchemaLocationOptions = {},
): SchemaLocationSet {
  const diagnostics: Diagnostic[] = [];
  const reading: LocationReading = {
    crds: [],
    candidates: [],
    problem(location, why) {
      diagnostics.push(
        diagnostic('config/schema-location', 'warning', `schema location ${location}: ${why}`, { file: location }),
      );
    },
  };
  const fixed = fixedTemplateValues(options);
  for (const location of locations) readLocation(fs, location, fixed, reading);
  return { crds: reading.crds, jsonSchema: jsonSchemaLookup(fs, reading), diagnostics };
}
