/**
 * Chart.yaml (and a v1 chart's requirements.yaml) decoded into the metadata record as sigs.k8s.io/yaml
 * and encoding/json fill Helm's `chart.Metadata`, then checked as `Metadata.Validate` checks it (with
 * its messages, `validation: chart.metadata.name is required`...).
 */
import { jsonTypeName, scalarToGoString, GoYamlError } from './go-yaml.js';
import { isValidSemver } from './version-range.js';
import type { ChartDependency, ChartMaintainer, ChartMetadata } from './types.js';
import { isTable, type HelmMap, type HelmValue } from './values-model.js';

/** A metadata record Helm refuses (`validation: ...`). */
export class ChartValidationError extends Error {
  constructor(message: string) {
    super(`validation: ${message}`);
  }
}

type Decoder<T> = (v: HelmValue, field: string) => T;

function typeError(v: HelmValue, struct: string, field: string, type: string): GoYamlError {
  return new GoYamlError(
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeName(v)} into Go struct field ${struct}.${field} of type ${type}`,
  );
}

const str =
  (struct: string): Decoder<string> =>
  (v, field) => {
    if (v === null) return '';
    const s = scalarToGoString(v);
    if (s === undefined) throw typeError(v, struct, field, 'string');
    return s;
  };

const strList =
  (struct: string): Decoder<string[]> =>
  (v, field) => {
    if (v === null) return [];
    if (!Array.isArray(v)) throw typeError(v, struct, field, '[]string');
    return v.map((x) => str(struct)(x, field));
  };

/** Sets each present JSON field through its setter (encoding/json leaves absent fields as they are). */
function decodeFields(m: HelmMap, fields: Record<string, (v: HelmValue, field: string) => void>, prefix: string): void {
  for (const [json, set] of Object.entries(fields)) {
    if (Object.prototype.hasOwnProperty.call(m, json)) set(m[json] as HelmValue, prefix + json);
  }
}

const bool =
  (struct: string): Decoder<boolean> =>
  (v, field) => {
    if (v === null) return false;
    if (typeof v !== 'boolean') throw typeError(v, struct, field, 'bool');
    return v;
  };

const anyList =
  (struct: string): Decoder<HelmValue[]> =>
  (v, field) => {
    if (v === null) return [];
    if (!Array.isArray(v)) throw typeError(v, struct, field, '[]interface {}');
    return v;
  };

function decodeMaintainer(v: HelmValue, field: string): ChartMaintainer | null {
  if (v === null) return null;
  if (!isTable(v)) throw typeError(v, 'Metadata', field, 'chart.Maintainer');
  const s = str('Maintainer');
  const m: ChartMaintainer = { name: '', email: '', url: '' };
  decodeFields(
    v,
    {
      name: (x, f) => (m.name = s(x, f)),
      email: (x, f) => (m.email = s(x, f)),
      url: (x, f) => (m.url = s(x, f)),
    },
    field + '.',
  );
  return m;
}

function decodeDependency(v: HelmValue, field: string): ChartDependency | null {
  if (v === null) return null;
  if (!isTable(v)) throw typeError(v, 'Metadata', field, 'chart.Dependency');
  const s = str('Dependency');
  const d: ChartDependency = {
    name: '',
    version: '',
    repository: '',
    condition: '',
    tags: [],
    enabled: false,
    importValues: [],
    alias: '',
  };
  decodeFields(
    v,
    {
      name: (x, f) => (d.name = s(x, f)),
      version: (x, f) => (d.version = s(x, f)),
      repository: (x, f) => (d.repository = s(x, f)),
      condition: (x, f) => (d.condition = s(x, f)),
      tags: (x, f) => (d.tags = strList('Dependency')(x, f)),
      enabled: (x, f) => (d.enabled = bool('Dependency')(x, f)),
      'import-values': (x, f) => (d.importValues = anyList('Dependency')(x, f)),
      alias: (x, f) => (d.alias = s(x, f)),
    },
    field + '.',
  );
  return d;
}

function list<T>(item: (v: HelmValue, field: string) => T, type: string): Decoder<T[] | null> {
  return (v, field) => {
    if (v === null) return null;
    if (!Array.isArray(v)) throw typeError(v, 'Metadata', field, type);
    return v.map((x) => item(x, field));
  };
}

function stringMap(v: HelmValue, field: string): Record<string, string> {
  if (v === null) return {};
  if (!isTable(v)) throw typeError(v, 'Metadata', field, 'map[string]string');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = str('Metadata')(x, `${field}.${k}`);
  return out;
}

/** Fills `md` from a decoded Chart.yaml (or requirements.yaml) map: present fields overwrite. */
export function decodeMetadata(m: HelmMap, md: ChartMetadata): ChartMetadata {
  const s = str('Metadata');
  const sl = strList('Metadata');
  decodeFields(
    m,
    {
      name: (x, f) => (md.name = s(x, f)),
      home: (x, f) => (md.home = s(x, f)),
      sources: (x, f) => (md.sources = sl(x, f)),
      version: (x, f) => (md.version = s(x, f)),
      description: (x, f) => (md.description = s(x, f)),
      keywords: (x, f) => (md.keywords = sl(x, f)),
      maintainers: (x, f) => (md.maintainers = list(decodeMaintainer, '[]*chart.Maintainer')(x, f) ?? []),
      icon: (x, f) => (md.icon = s(x, f)),
      apiVersion: (x, f) => (md.apiVersion = s(x, f)),
      condition: (x, f) => (md.condition = s(x, f)),
      tags: (x, f) => (md.tags = s(x, f)),
      appVersion: (x, f) => (md.appVersion = s(x, f)),
      deprecated: (x, f) => (md.deprecated = bool('Metadata')(x, f)),
      annotations: (x, f) => (md.annotations = stringMap(x, f)),
      kubeVersion: (x, f) => (md.kubeVersion = s(x, f)),
      dependencies: (x, f) => (md.dependencies = list(decodeDependency, '[]*chart.Dependency')(x, f)),
      type: (x, f) => (md.type = s(x, f)),
    },
    '',
  );
  return md;
}

/** Go's sanitizeString: whitespace becomes a space, other unprintable characters are dropped. */
function sanitize(s: string): string {
  return (
    s
      .replace(/\s/gu, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu, '')
  );
}

const ALIAS_FORMAT = /^[a-zA-Z0-9_-]+$/;

/** Helm's Metadata.Validate: sanitises the text fields and checks the required ones. */
export function validateMetadata(md: ChartMetadata): void {
  md.name = sanitize(md.name);
  md.description = sanitize(md.description);
  md.home = sanitize(md.home);
  md.icon = sanitize(md.icon);
  md.condition = sanitize(md.condition);
  md.tags = sanitize(md.tags);
  md.appVersion = sanitize(md.appVersion);
  md.kubeVersion = sanitize(md.kubeVersion);
  md.sources = md.sources.map(sanitize);
  md.keywords = md.keywords.map(sanitize);
  if (md.apiVersion === '') throw new ChartValidationError('chart.metadata.apiVersion is required');
  if (md.name === '') throw new ChartValidationError('chart.metadata.name is required');
  if (md.name === '.' || md.name === '..') {
    throw new ChartValidationError(`chart.metadata.name ${JSON.stringify(md.name)} is not allowed`);
  }
  if (md.name.includes('/'))
    throw new ChartValidationError(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  if (md.version === '') throw new ChartValidationError('chart.metadata.version is required');
  if (!isValidSemver(md.version)) {
    throw new ChartValidationError(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  }
  if (md.type !== '' && md.type !== 'application' && md.type !== 'library') {
    throw new ChartValidationError('chart.metadata.type must be application or library');
  }
  for (const m of md.maintainers) {
    if (m === null) throw new ChartValidationError('maintainers must not contain empty or null nodes');
    m.name = sanitize(m.name);
    m.email = sanitize(m.email);
    m.url = sanitize(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies ?? []) {
    if (d === null) throw new ChartValidationError('dependencies must not contain empty or null nodes');
    d.name = sanitize(d.name);
    d.version = sanitize(d.version);
    d.repository = sanitize(d.repository);
    d.condition = sanitize(d.condition);
    d.tags = d.tags.map(sanitize);
    if (d.alias !== '' && !ALIAS_FORMAT.test(d.alias)) {
      throw new ChartValidationError(`dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`);
    }
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key))
      throw new ChartValidationError(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
}
