/**
 * The schema state of one build, following kyaml's global OpenAPI state (openapi.go): `SetSchema` from
 * `openapi:` fields, lazy initialisation on first use, the precomputed scope table consulted first, and
 * the "delayed" builtin parse that makes a custom schema set by a sub-kustomization *add to* the builtin
 * one instead of replacing it when the schema was already consulted.
 */
import { BuildError } from '../diagnostics/error.js';
import { apiVersionOf, type Gvk } from '../resources/res-id.js';
import { BUILTIN_VERSION, builtinRegistry, precomputedNamespaced } from './builtin.js';
import { typeKey, type NRef, type NormalizedSwagger } from './normalize.js';
import { Layered, SchemaRegistry, type Lookup } from './registry.js';
import type { OpenApiSchema, SchemaNode } from './types.js';

/** A parsed custom schema, or the error kyaml would panic with when it is first used. */
export type CustomSchema = { ok: true; swagger: NormalizedSwagger; file: string } | { ok: false; error: BuildError };

interface Layer {
  definitions: Lookup<NRef>;
  byType: Lookup<NRef>;
  namespaced: Lookup<boolean>;
}

let builtinLayer: Layer | undefined;
function builtin(): Layer {
  if (!builtinLayer) {
    const reg = builtinRegistry();
    builtinLayer = {
      definitions: reg.definitions,
      byType: reg.byType,
      // The builtin schema's namespaceability equals the precomputed table.
      namespaced: { get: (k) => precomputedByKey(k) },
    };
  }
  return builtinLayer;
}

function precomputedByKey(key: string): boolean | undefined {
  const i = key.indexOf('\u0000');
  const apiVersion = key.slice(0, i);
  const kind = key.slice(i + 1);
  const slash = apiVersion.indexOf('/');
  const gvk =
    slash < 0
      ? { group: '', version: apiVersion, kind }
      : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
  return precomputedNamespaced(gvk);
}

/** kyaml's global OpenAPI state, for one build. */
export class SchemaState {
  /** kyaml's kubernetesOpenAPIVersion: '', a builtin version, or 'custom'. */
  private version = '';
  private custom: CustomSchema | undefined;
  /** Layers added so far (kyaml's global maps), oldest first. */
  private layers: Layer[] = [];
  private initialized = false;
  private builtinStatus: 'notParsed' | 'delayed' | 'parsed' = 'notParsed';
  private registry: SchemaRegistry | undefined;
  private namespaced: Layered<boolean> | undefined;

  /** Whether an `openapi:` field has set the schema (kyaml's schemaIsSet). */
  get isSet(): boolean {
    return this.version !== '' || this.custom !== undefined;
  }

  /** kyaml's SetSchema. `custom` is the parsed `openapi.path` file, when given. */
  set(
    field: Readonly<Record<string, string>>,
    custom: CustomSchema | undefined,
    reset: boolean,
    where: { file: string },
  ): void {
    if (this.isSet && !reset) return;
    const versionProvided = Object.prototype.hasOwnProperty.call(field, 'version');
    if (custom !== undefined) {
      if (versionProvided) {
        throw new BuildError(
          'kustomization/invalid-value',
          'builtin version and custom schema provided, cannot use both',
          where,
        );
      }
      this.custom = custom;
      this.version = 'custom';
      this.initialized = false;
      return;
    }
    this.version = field.version ?? '';
    if (this.version === '') return;
    if (this.version !== BUILTIN_VERSION) {
      throw new BuildError('kustomization/invalid-value', 'the specified OpenAPI version is not built in', where);
    }
    this.custom = undefined;
    this.initialized = false;
  }

  private addLayer(l: Layer): void {
    this.layers.push(l);
    this.registry = undefined;
    this.namespaced = undefined;
  }

  /** kyaml's initSchema. */
  private init(): void {
    if (this.initialized) return;
    this.initialized = true;
    if (this.custom !== undefined) {
      if (!this.custom.ok) throw this.custom.error;
      const sw = this.custom.swagger;
      this.addLayer({ definitions: sw.definitions, byType: byTypeOf(sw), namespaced: sw.namespaced });
    } else {
      this.addLayer(builtin());
      this.builtinStatus = 'parsed';
    }
    if (this.builtinStatus === 'delayed') {
      this.addLayer(builtin());
      this.builtinStatus = 'parsed';
    }
  }

  private reg(): SchemaRegistry {
    this.init();
    if (!this.registry) {
      const ls = this.layers;
      this.registry =
        ls.length === 1
          ? new SchemaRegistry((ls[0] as Layer).definitions, (ls[0] as Layer).byType)
          : new SchemaRegistry(new Layered(ls.map((l) => l.definitions)), new Layered(ls.map((l) => l.byType)));
    }
    return this.registry;
  }

  lookup(apiVersion: string, kind: string): SchemaNode | undefined {
    return this.reg().lookup(apiVersion, kind);
  }

  /** kyaml's IsCertainlyClusterScoped (through IsNamespaceScoped). */
  isClusterScoped(gvk: Gvk): boolean {
    const pre = precomputedNamespaced(gvk);
    if (pre !== undefined) return !pre;
    if (this.initNeededForScope()) this.init();
    if (!this.namespaced) this.namespaced = new Layered(this.layers.map((l) => l.namespaced));
    return this.namespaced.get(typeKey(apiVersionOf(gvk), gvk.kind)) === false;
  }

  private initNeededForScope(): boolean {
    if (this.initialized) return false;
    if (this.custom !== undefined) return true;
    if (this.version === '' || this.version === BUILTIN_VERSION) {
      if (this.builtinStatus === 'notParsed') this.builtinStatus = 'delayed';
      return false;
    }
    return true;
  }
}

function byTypeOf(sw: NormalizedSwagger): Map<string, NRef> {
  const m = new Map<string, NRef>();
  for (const r of sw.resources) m.set(typeKey(r.apiVersion, r.kind), r.def);
  return m;
}

/**
 * The schema a build uses: a view on its {@link SchemaState}. When an `openapi:` field changes the state,
 * the build gets a new view on the same state (so caches can tell), while resources made earlier keep
 * resolving scopes against the current state, as kyaml's global does.
 */
export class BuildSchema implements OpenApiSchema {
  constructor(readonly state: SchemaState = new SchemaState()) {}
  lookup(apiVersion: string, kind: string): SchemaNode | undefined {
    return this.state.lookup(apiVersion, kind);
  }
  readonly isClusterScoped = (gvk: Gvk): boolean => this.state.isClusterScoped(gvk);
}
