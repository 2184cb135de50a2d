/**
 * Generates the schema data of src/validate/schemas/ from ../shared/schemas (dev time only):
 *
 * - kubernetes.generated.ts: the Kubernetes 1.36 OpenAPI v2 definitions as compact JSON Schemas (one JSON
 *   text per shared definition, descriptions and vendor extensions stripped, identical definitions merged,
 *   unreachable ones dropped), the apiVersion/kind → definition index and the cluster-scoped kinds;
 * - flux.generated.ts: the Flux CRD schemas (jsonschema-current + jsonschema-legacy), converted with the
 *   same function as CRDs met at run time, and their version table (served, deprecated);
 * - deprecations.generated.ts: Pluto's deprecated/removed apiVersion table.
 *
 * Run `npx tsx test/scripts/gen-schemas.ts [--check]`. test/validate/generated.test.ts checks the committed files
 * are what this script produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  addNull,
  BASE64_PATTERN,
  crdSchemaToJsonSchema,
  QUANTITY_PATTERN,
  type Json,
  type JsonObject,
  type JsonSchema,
} from '../../src/validate/convert.js';
import { repoRoot, sharedDir } from './shared.js';

const OUT_DIR = resolve(repoRoot, 'src/validate/schemas');
const SWAGGER = 'schemas/kubernetes/kubernetes-release-1.36-swagger.json';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** Prefixes removed from definition names (the result must stay unique). */
const NAME_PREFIXES = [
  'io.k8s.api.',
  'io.k8s.apimachinery.pkg.apis.',
  'io.k8s.apimachinery.pkg.',
  'io.k8s.apiextensions-apiserver.pkg.apis.',
  'io.k8s.kube-aggregator.pkg.apis.',
  'io.k8s.',
];
/** A definition whose converted text is at most this long is inlined where it is used. */
const INLINE_MAX = 40;

interface SwaggerDef {
  [key: string]: unknown;
}
interface Swagger {
  definitions: Record<string, SwaggerDef>;
  paths: Record<string, Record<string, unknown>>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stable(v: Json): string {
  return JSON.stringify(v);
}

// ---------------------------------------------------------------- Kubernetes

export interface KubernetesData {
  definitions: Map<string, JsonSchema>;
  kinds: Map<string, string>;
  clusterScoped: string[];
}

export function convertKubernetes(swagger: Swagger): KubernetesData {
  const defs = swagger.definitions;
  const shortName = new Map<string, string>();
  const used = new Set<string>();
  for (const full of Object.keys(defs)) {
    const prefix = NAME_PREFIXES.find((p) => full.startsWith(p));
    const short = prefix ? full.slice(prefix.length) : full;
    if (used.has(short)) throw new Error(`definition name clash after shortening: ${short}`);
    used.add(short);
    shortName.set(full, short);
  }
  const refName = (ref: string): string => {
    const full = ref.replace(/^#\/definitions\//, '');
    const s = shortName.get(full);
    if (s === undefined) throw new Error(`unknown $ref ${ref}`);
    return s;
  };
  const fullOf = (ref: string): string => ref.replace(/^#\/definitions\//, '');

  // First pass: which definitions are small enough to inline (no refs inside, short text).
  const inline = new Set<string>();
  const convert = (node: unknown, nullable: boolean, defName?: string): JsonSchema => {
    if (!isObj(node)) return {};
    if (typeof node.$ref === 'string') {
      const full = fullOf(node.$ref);
      if (inline.has(full)) return convert(defs[full], nullable, full);
      const out: JsonSchema = { $ref: refName(node.$ref) };
      if (!nullable) out.not = { type: 'null' };
      return out;
    }
    const out: JsonSchema = {};
    if (defName === QUANTITY) {
      out.type = ['string', 'number'];
      out.pattern = QUANTITY_PATTERN;
    } else if (node.format === 'int-or-string') {
      out.type = ['integer', 'string'];
    } else if (typeof node.type === 'string') {
      out.type = node.type;
      if (node.format === 'byte') out.pattern = BASE64_PATTERN;
    }
    if (Array.isArray(node.enum)) out.enum = node.enum as Json[];
    if (isObj(node.properties)) {
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      const props: JsonObject = {};
      for (const key of Object.keys(node.properties).sort()) {
        props[key] = convert(node.properties[key], !required.includes(key));
      }
      out.properties = props;
      if (required.length > 0) out.required = [...required].sort();
    }
    // Go decodes null list items and map values to zero values: accept them.
    if (node.items !== undefined) out.items = convert(node.items, true);
    if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
    else if (isObj(node.additionalProperties)) out.additionalProperties = convert(node.additionalProperties, true);
    if (nullable) addNull(out);
    return out;
  };
  for (const full of Object.keys(defs)) {
    const def = defs[full] as SwaggerDef;
    if (JSON.stringify(def).includes('"$ref"')) continue;
    if (stable(convert(def, true, full)).length <= INLINE_MAX) inline.add(full);
  }

  // GVK roots (DeleteOptions and WatchEvent carry one GVK per group: they are not manifests).
  const kinds = new Map<string, string>();
  const roots = new Set<string>();
  for (const full of Object.keys(defs)) {
    const gvks = (defs[full] as SwaggerDef)['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || gvks.length !== 1) continue;
    const g = gvks[0] as { group: string; version: string; kind: string };
    const apiVersion = g.group === '' ? g.version : `${g.group}/${g.version}`;
    kinds.set(`${apiVersion}/${g.kind}`, full);
    roots.add(full);
  }

  // Convert every definition, dropping status subtrees of the roots (the API server ignores them).
  const converted = new Map<string, JsonSchema>();
  for (const full of Object.keys(defs)) {
    if (inline.has(full)) continue;
    const s = convert(defs[full], true, full);
    if (roots.has(full)) {
      delete s.type;
      s.type = 'object';
      const props = s.properties;
      if (
        isObj(props) &&
        isObj(props.status) &&
        typeof props.status.$ref === 'string' &&
        props.status.$ref.endsWith('Status')
      ) {
        props.status = {};
      }
    }
    converted.set(shortName.get(full) as string, s);
  }

  // Merge identical definitions until nothing changes (merging can make referrers identical too).
  const alias = new Map<string, string>();
  const resolveAlias = (n: string): string => {
    let x = n;
    while (alias.has(x)) x = alias.get(x) as string;
    return x;
  };
  const rootShort = new Set([...roots].map((r) => shortName.get(r) as string));
  for (;;) {
    const byText = new Map<string, string>();
    let merged = 0;
    for (const name of [...converted.keys()].sort()) {
      if (rootShort.has(name)) continue; // roots keep their own name
      const text = stable(converted.get(name) as JsonSchema);
      const first = byText.get(text);
      if (first === undefined) byText.set(text, name);
      else {
        alias.set(name, first);
        converted.delete(name);
        merged++;
      }
    }
    if (merged === 0) break;
    for (const [name, s] of converted) converted.set(name, rewriteRefs(s, resolveAlias) as JsonSchema);
  }

  // Keep what the roots reach.
  const reachable = new Set<string>();
  const stack = [...rootShort];
  while (stack.length > 0) {
    const n = stack.pop() as string;
    if (reachable.has(n)) continue;
    reachable.add(n);
    const s = converted.get(n);
    if (s === undefined) throw new Error(`dangling definition ${n}`);
    for (const r of refsOf(s)) stack.push(r);
  }
  const definitions = new Map<string, JsonSchema>();
  for (const name of [...reachable].sort()) definitions.set(name, converted.get(name) as JsonSchema);

  const kindIndex = new Map<string, string>();
  for (const key of [...kinds.keys()].sort()) kindIndex.set(key, shortName.get(kinds.get(key) as string) as string);

  // Scope from the paths, as kustomize derives it: namespaced when served under namespaces/{namespace}.
  const namespaced = new Set<string>();
  const seen = new Set<string>();
  for (const [path, ops] of Object.entries(swagger.paths)) {
    for (const op of Object.values(ops)) {
      if (!isObj(op)) continue;
      const g = op['x-kubernetes-group-version-kind'];
      if (!isObj(g)) continue;
      const key = `${g.group === '' ? String(g.version) : `${String(g.group)}/${String(g.version)}`}/${String(g.kind)}`;
      seen.add(key);
      if (path.includes('/namespaces/{namespace}/')) namespaced.add(key);
    }
  }
  const clusterScoped = [...seen].filter((k) => !namespaced.has(k) && kindIndex.has(k)).sort();
  return { definitions, kinds: kindIndex, clusterScoped };
}

function rewriteRefs(node: Json, f: (name: string) => string): Json {
  if (Array.isArray(node)) return node.map((v) => rewriteRefs(v, f));
  if (!isObj(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) {
    const v = node[key] as Json;
    out[key] = key === '$ref' && typeof v === 'string' ? f(v) : key === 'enum' ? v : rewriteRefs(v, f);
  }
  return out;
}

function refsOf(node: Json, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) refsOf(v, into);
  else if (isObj(node)) {
    for (const key of Object.keys(node)) {
      const v = node[key] as Json;
      if (key === '$ref' && typeof v === 'string') into.push(v);
      else if (key !== 'enum') refsOf(v, into);
    }
  }
  return into;
}

// ---------------------------------------------------------------- Flux

export interface FluxVersion {
  apiVersion: string;
  kind: string;
  /** Served by the current Flux release (jsonschema-current). */
  current: boolean;
  deprecated: boolean;
  deprecationWarning: string | null;
}

interface FluxIndexEntry {
  file: string;
  group: string;
  version: string;
  kind: string;
  served: boolean;
  deprecated: boolean;
  deprecationWarning: string | null;
}

/** Undoes the derivation of jsonschema-*: drops `$schema`, the added `additionalProperties: false` and the root enum pins. */
function fluxToCrdSchema(node: Json, root = true): Json {
  if (Array.isArray(node)) return node.map((v) => fluxToCrdSchema(v, false));
  if (!isObj(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) {
    if (key === '$schema') continue;
    if (key === 'additionalProperties' && node[key] === false) continue;
    out[key] = key === 'enum' ? (node[key] as Json) : fluxToCrdSchema(node[key] as Json, false);
  }
  if (root && isObj(out.properties)) {
    for (const k of ['apiVersion', 'kind']) {
      const p = out.properties[k];
      if (isObj(p)) delete p.enum;
    }
  }
  return out;
}

/**
 * Enums of the Flux CRDs that clusters routinely extend, so that the built-in schema must not close them:
 * the kinds an Alert or a Receiver may watch (Flux documents patching the CRD for third-party controllers,
 * and the Flux Operator adds its own kinds such as FluxInstance). A CRD rendered with the objects still
 * validates them exactly.
 */
const OPEN_ENUMS: Record<string, string[][]> = {
  Alert: [['spec', 'eventSources', '[]', 'kind']],
  Receiver: [['spec', 'resources', '[]', 'kind']],
};

function openEnum(schema: JsonSchema, path: string[]): void {
  let node: Json | undefined = schema;
  for (const seg of path) {
    if (!isObj(node)) return;
    node = seg === '[]' ? node.items : isObj(node.properties) ? node.properties[seg] : undefined;
  }
  if (isObj(node)) delete node.enum;
}

export function convertFlux(dir: string): { schemas: Map<string, JsonSchema>; versions: FluxVersion[] } {
  const schemas = new Map<string, JsonSchema>();
  const versions: FluxVersion[] = [];
  for (const sub of ['jsonschema-current', 'jsonschema-legacy']) {
    const index = JSON.parse(readFileSync(join(dir, sub, 'index.json'), 'utf8')) as FluxIndexEntry[];
    for (const e of index) {
      const apiVersion = `${e.group}/${e.version}`;
      const raw = JSON.parse(readFileSync(join(dir, sub, e.file), 'utf8')) as Json;
      const schema = crdSchemaToJsonSchema(fluxToCrdSchema(raw), { metadataRef: 'meta.v1.ObjectMeta' });
      for (const path of OPEN_ENUMS[e.kind] ?? []) openEnum(schema, path);
      schemas.set(`${apiVersion}/${e.kind}`, schema);
      versions.push({
        apiVersion,
        kind: e.kind,
        current: sub === 'jsonschema-current',
        deprecated: e.deprecated,
        deprecationWarning: e.deprecationWarning,
      });
    }
  }
  versions.sort((a, b) => `${a.apiVersion}/${a.kind}`.localeCompare(`${b.apiVersion}/${b.kind}`));
  const sorted = new Map([...schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return { schemas: sorted, versions };
}

// ---------------------------------------------------------------- Deprecations

export interface Deprecation {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn: string;
  replacement: string;
  replacementAvailableIn: string;
  component: string;
}

export function convertDeprecations(file: string): Deprecation[] {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { 'deprecated-versions': Record<string, string>[] };
  return doc['deprecated-versions']
    .map((e) => ({
      apiVersion: e.version ?? '',
      kind: e.kind ?? '',
      deprecatedIn: e['deprecated-in'] ?? '',
      removedIn: e['removed-in'] ?? '',
      replacement: e['replacement-api'] ?? '',
      replacementAvailableIn: e['replacement-available-in'] ?? '',
      component: e.component ?? '',
    }))
    .sort((a, b) => `${a.apiVersion}/${a.kind}`.localeCompare(`${b.apiVersion}/${b.kind}`));
}

// ---------------------------------------------------------------- Output

/** A single-quoted JS string literal holding `text`. */
function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

const HEADER = (from: string): string =>
  `// Generated by test/scripts/gen-schemas.ts from ../shared/schemas/${from}. Do not edit.\n` +
  `// Upstream data is Apache-2.0; see the notice in src/validate/schemas/README.md.\n`;

export function generate(shared: string): Map<string, string> {
  const files = new Map<string, string>();
  const swagger = JSON.parse(readFileSync(join(shared, SWAGGER), 'utf8')) as Swagger;
  const k8s = convertKubernetes(swagger);
  files.set(
    'kubernetes.generated.ts',
    HEADER('kubernetes/kubernetes-release-1.36-swagger.json') +
      `\n/** Kubernetes version of these schemas. */\nexport const kubernetesSchemaVersion = '1.36';\n` +
      `\n/**\n * Shared definitions as compact JSON Schema text (draft-07), parsed on first use. A \`$ref\` names another\n * entry of this table.\n */\nexport const kubernetesDefinitions: Readonly<Record<string, string>> = {\n` +
      [...k8s.definitions].map(([n, s]) => `  ${quote(n)}: ${quote(stable(s))},\n`).join('') +
      `};\n\n/** \`apiVersion/kind\` → the definition of that kind. */\nexport const kubernetesKinds: Readonly<Record<string, string>> = {\n` +
      [...k8s.kinds].map(([k, n]) => `  ${quote(k)}: ${quote(n)},\n`).join('') +
      `};\n\n/** \`apiVersion/kind\` of the cluster-scoped kinds (every other kind of the index is namespaced). */\nexport const kubernetesClusterScoped: readonly string[] = [\n` +
      k8s.clusterScoped.map((k) => `  ${quote(k)},\n`).join('') +
      `];\n`,
  );
  const flux = convertFlux(join(shared, 'schemas/flux'));
  files.set(
    'flux.generated.ts',
    HEADER('flux/jsonschema-current and jsonschema-legacy') +
      `\n/** Flux CRD schemas as compact JSON Schema text by \`apiVersion/kind\`; \`meta.v1.ObjectMeta\` refers to the Kubernetes table. */\nexport const fluxSchemas: Readonly<Record<string, string>> = {\n` +
      [...flux.schemas].map(([k, s]) => `  ${quote(k)}: ${quote(stable(s))},\n`).join('') +
      `};\n\n/** One Flux API version: whether the current Flux release serves it, and its deprecation. */\nexport interface FluxVersion {\n  apiVersion: string;\n  kind: string;\n  current: boolean;\n  deprecated: boolean;\n  deprecationWarning: string | null;\n}\n\n/** Every Flux apiVersion/kind with a schema. */\nexport const fluxVersions: readonly FluxVersion[] = [\n` +
      flux.versions.map((v) => `  ${JSON.stringify(v)},\n`).join('') +
      `];\n`,
  );
  const deps = convertDeprecations(join(shared, 'schemas/deprecations/pluto-versions.yaml'));
  files.set(
    'deprecations.generated.ts',
    HEADER('deprecations/pluto-versions.yaml (FairwindsOps/pluto v5.24.0)') +
      `\n/** One deprecated or removed apiVersion of a kind (versions as Pluto writes them, e.g. \`v1.22.0\`). */\nexport interface Deprecation {\n  apiVersion: string;\n  kind: string;\n  deprecatedIn: string;\n  removedIn: string;\n  replacement: string;\n  replacementAvailableIn: string;\n  /** \`k8s\`, or the project whose versions these are (\`cert-manager\`, \`istio\`). */\n  component: string;\n}\n\nexport const deprecations: readonly Deprecation[] = [\n` +
      deps.map((d) => `  ${JSON.stringify(d)},\n`).join('') +
      `];\n`,
  );
  return files;
}

if (process.argv[1]?.endsWith('gen-schemas.ts')) {
  const files = generate(sharedDir);
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [name, text] of files) {
    const path = join(OUT_DIR, name);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        /* missing */
      }
      if (current !== text) {
        console.error(`${path} is stale: run npx tsx test/scripts/gen-schemas.ts`);
        stale++;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path} (${text.length} bytes)`);
    }
  }
  if (stale > 0) process.exit(1);
}
