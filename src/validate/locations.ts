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
import { listYamlFiles } from '../lint/repo.js';
import { parseYamlStream } from '../yaml/parse.js';
import { isMap, type YamlMap } from '../yaml/values.js';
import type { JsonSchema } from './convert.js';
import { CrdIndex } from './registry.js';

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

/** Reads the CRDs of the locations and prepares the JSON schema lookup. Never throws. */
export function readSchemaLocations(
  fs: FileSystem,
  locations: readonly string[],
  options: SchemaLocationOptions = {},
): SchemaLocationSet {
  const crds: YamlMap[] = [];
  const diagnostics: Diagnostic[] = [];
  const candidates: ((apiVersion: string, kind: string) => string[])[] = [];
  const fixed: Record<string, string> = {
    NormalizedKubernetesVersion: options.kubernetesVersion
      ? `v${options.kubernetesVersion.replace(/^v/, '')}`
      : 'master',
    StrictSuffix: options.strict ? '-strict' : '',
  };
  const problem = (location: string, why: string): void => {
    diagnostics.push(
      diagnostic('config/schema-location', 'warning', `schema location ${location}: ${why}`, { file: location }),
    );
  };
  for (const location of locations) {
    if (/^https?:\/\//.test(location)) {
      problem(location, 'remote locations are not fetched: download the catalogue and pass its folder');
      continue;
    }
    if (TEMPLATE.test(location)) {
      TEMPLATE.lastIndex = 0;
      candidates.push((av, kind) => {
        const parts = { ...fixed, ...gvkParts(av, kind) };
        return [location.replace(TEMPLATE, (m, name: string) => parts[name] ?? m)];
      });
      continue;
    }
    const st = fs.stat(location);
    try {
      if (st?.type === 'file') crdsIn(fs, location, crds);
      else if (st?.type === 'dir') {
        for (const f of listYamlFiles(fs, location)) crdsIn(fs, f, crds);
        candidates.push((av, kind) => {
          const p = gvkParts(av, kind);
          const name = `${p.ResourceKind ?? ''}_${p.ResourceAPIVersion ?? ''}.json`;
          return [...(p.Group ? [join(location, p.Group, name)] : []), join(location, name)];
        });
      } else problem(location, 'no such file or directory');
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      problem(location, err.message);
    }
  }
  const memo = new Map<string, JsonSchema | undefined>();
  const jsonSchema = (apiVersion: string, kind: string): JsonSchema | undefined => {
    const key = `${apiVersion}/${kind}`;
    if (memo.has(key)) return memo.get(key);
    let found: JsonSchema | undefined;
    for (const paths of candidates) {
      for (const path of paths(apiVersion, kind)) {
        try {
          found = readJsonSchema(fs, path);
        } catch (err) {
          if (!(err instanceof FsError) && !(err instanceof SyntaxError)) throw err;
          problem(path, err.message);
        }
        if (found) break;
      }
      if (found) break;
    }
    memo.set(key, found);
    return found;
  };
  return { crds, jsonSchema, diagnostics };
}
