/**
 * Stage "sources": what each Flux source looks like to the controller. A source maps to a local folder (the
 * `sources` option, `flux-system` → the repository root by default), seen through its `spec.ignore` or the
 * default ignore patterns plus its `.sourceignore` files; an `ExternalArtifact` no folder is mapped to is
 * emulated from the `ArtifactGenerator` that produces it, once one has been rendered.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FileSystem } from '../../fs/types.js';
import { normalize, resolve } from '../../fs/path.js';
import { getField, isMap, type YamlMap } from '../../yaml/values.js';
import { buildExternalArtifact, type ArtifactGenerator } from '../artifacts.js';
import { artifactFs } from '../fs-views.js';
import type { FluxSource } from '../model.js';
import { defaultIgnorePatterns, loadSourceIgnore, readIgnorePatterns } from '../sourceignore.js';

/** A source's files as the controller sees them. */
export interface SourceView {
  root: string;
  fs: FileSystem;
  /** For emulated ExternalArtifacts: artifact file → the repository file it was copied from. */
  origins?: Map<string, string>;
  /** Diagnostics of building the view (ExternalArtifact emulation). */
  diagnostics?: Diagnostic[];
  ok?: boolean;
}

/** A source's view, or why there is none: not mapped (nor generated), or mapped to a non-directory. */
export type SourceLookup = SourceView | 'unmapped' | 'missing';

/** Where emulated ExternalArtifacts live in their in-memory file systems. */
const ARTIFACT_ROOT = '/external-artifacts';

/** The keys a source can be mapped by, most specific first. */
function mappingKeys(kind: string, namespace: string, name: string): string[] {
  return [`${kind}/${namespace}/${name}`, `${namespace}/${name}`, name];
}

/** The source views of one render, built on first use. */
export class SourceViews {
  /** Views of folders, by real path. */
  private readonly views = new Map<string, SourceView>();
  /** Emulated ExternalArtifacts, by `namespace/name`. */
  private readonly artifacts = new Map<string, SourceView>();
  /** ArtifactGenerators rendered so far, by the `namespace/name` of each artifact they produce. */
  private readonly generators = new Map<string, ArtifactGenerator>();
  /** Source objects rendered so far, by `Kind/namespace/name` (their `spec.ignore` shapes the view). */
  private readonly objects = new Map<string, YamlMap>();

  constructor(
    private readonly fs: FileSystem,
    private readonly rootDir: string,
    private readonly mapping: Readonly<Record<string, string>>,
  ) {}

  /** The folder a source is mapped to (absolute), or undefined. */
  mappedFolder(kind: string, namespace: string, name: string): string | undefined {
    const key = mappingKeys(kind, namespace, name).find((k) => this.mapping[k] !== undefined);
    const folder = key !== undefined ? this.mapping[key] : undefined;
    if (folder !== undefined) return resolve(this.rootDir, folder);
    return name === 'flux-system' ? this.rootDir : undefined;
  }

  /** True when the caller mapped the source explicitly. */
  isMappedExplicitly(kind: string, namespace: string, name: string): boolean {
    return mappingKeys(kind, namespace, name).some((k) => this.mapping[k] !== undefined);
  }

  /** The real path of a directory, or undefined when `path` is not one. */
  realDir(path: string): string | undefined {
    if (this.fs.stat(path)?.type !== 'dir') return undefined;
    if (!this.fs.realPath) return normalize(path);
    try {
      return this.fs.realPath(path);
    } catch {
      return undefined;
    }
  }

  /** The view of a source. */
  view(kind: string, namespace: string, name: string): SourceLookup {
    const folder = this.mappedFolder(kind, namespace, name);
    if (folder !== undefined) return this.folderView(kind, namespace, name, folder);
    return kind === 'ExternalArtifact' ? this.artifactView(namespace, name) : 'unmapped';
  }

  /** Records a rendered source object (its `spec.ignore` applies to its view). */
  addSource(object: YamlMap, source: FluxSource): void {
    this.objects.set(`${source.kind}/${source.namespace}/${source.name}`, object);
  }

  /** True when a source object of that kind and name was rendered. */
  hasSource(kind: string, namespace: string, name: string): boolean {
    return this.objects.has(`${kind}/${namespace}/${name}`);
  }

  /** Records a rendered ArtifactGenerator (the first one producing an artifact wins). */
  addGenerator(gen: ArtifactGenerator): void {
    for (const a of gen.artifacts) {
      const key = `${gen.namespace}/${a.name}`;
      if (!this.generators.has(key)) this.generators.set(key, gen);
    }
  }

  private folderView(kind: string, namespace: string, name: string, folder: string): SourceView | 'missing' {
    const real = this.realDir(folder);
    if (real === undefined) return 'missing';
    let v = this.views.get(real);
    if (!v) {
      const object = this.objects.get(`${kind}/${namespace}/${name}`);
      const spec = object ? getField(object, 'spec') : undefined;
      const ignore = isMap(spec) ? getField(spec, 'ignore') : undefined;
      const base = typeof ignore === 'string' ? readIgnorePatterns(ignore) : defaultIgnorePatterns();
      v = { root: real, fs: artifactFs(this.fs, real, [...base, ...loadSourceIgnore(this.fs, real)]) };
      this.views.set(real, v);
    }
    return v;
  }

  private artifactView(namespace: string, name: string): SourceView | 'unmapped' {
    const key = `${namespace}/${name}`;
    const cached = this.artifacts.get(key);
    if (cached) return cached;
    const gen = this.generators.get(key);
    if (!gen) return 'unmapped';
    const built = buildExternalArtifact(
      gen,
      name,
      (k, ns, n) => {
        const v = this.view(k, ns, n);
        return typeof v === 'string' ? undefined : { fs: v.fs, root: v.root };
      },
      `${ARTIFACT_ROOT}/${namespace}/${name}`,
    );
    const view: SourceView = {
      root: built.root,
      fs: built.fs,
      origins: built.origins,
      diagnostics: built.diagnostics,
      ok: built.ok,
    };
    this.artifacts.set(key, view);
    return view;
  }
}
