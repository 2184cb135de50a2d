/**
 * The kustomize versions kustomize-ts reproduces, and what changed between them, as data. One engine
 * serves every version: each behaviour that differs is a row of {@link versionFeatures} (the release that
 * first has it), and the few code paths that differ ask {@link hasFeature} with the build's version.
 * Adding a version is a row of {@link kustomizeVersions} plus a row per new behaviour and its guarded path.
 * docs/compatibility.md lists the same table for readers.
 */

/** The versions a build can reproduce: `5.8` is kustomize v5.8.1 (Flux 2.9), `5.6` is v5.6.0 (kubectl 1.33). */
export type KustomizeVersion = '5.6' | '5.8';

/** What the `kustomizeVersion` option accepts: a version, or its release name with or without `v`. */
export type KustomizeVersionInput = KustomizeVersion | 'v5.6.0' | 'v5.8.1' | '5.6.0' | '5.8.1' | 'v5.6' | 'v5.8';

/** A supported version: the release it reproduces and where that release's reference output comes from. */
export interface KustomizeRelease {
  /** The kustomize release, e.g. `v5.8.1`. */
  readonly release: string;
  /** Its `sigs.k8s.io/kustomize/api` module version. */
  readonly api: string;
  /** The reference binary the project's golden files come from. */
  readonly reference: string;
}

/** The supported versions, oldest first. */
export const kustomizeVersions: Readonly<Record<KustomizeVersion, KustomizeRelease>> = {
  '5.6': { release: 'v5.6.0', api: 'v0.19.0', reference: 'kubectl 1.33 kustomize (kustomize v5.6.0)' },
  '5.8': { release: 'v5.8.1', api: 'v0.21.1', reference: 'kustomize-5.8.1 build (kustomize v5.8.1)' },
};

/** The version a build reproduces when none is given: the newest release (the one Flux 2.9 embeds). */
export const DEFAULT_KUSTOMIZE_VERSION: KustomizeVersion = '5.8';

/**
 * The kustomize version of the Flux release kustomize-ts emulates: Flux 2.9's kustomize-controller and
 * `flux build` embed kustomize API v0.21.1, i.e. kustomize v5.8.1.
 */
export const FLUX_KUSTOMIZE_VERSION: KustomizeVersion = '5.8';

/** One behaviour that differs between versions. */
export interface VersionFeature {
  /** The first kustomize release with the behaviour. */
  readonly since: string;
  /** What the behaviour is (older versions do not have it). */
  readonly summary: string;
  /** The upstream change (kubernetes-sigs/kustomize pull request). */
  readonly change: string;
}

/** Every behaviour that differs between the supported versions, by id. */
export const versionFeatures = {
  replacementSourceValue: {
    since: 'v5.7.0',
    summary: 'replacements take a literal `sourceValue` instead of a `source` (older: unknown field)',
    change: 'kubernetes-sigs/kustomize#5630',
  },
  replacementOmitemptyIgnored: {
    since: 'v5.7.0',
    summary:
      'a ReplacementTransformer config ignores a key `omitempty` (older: read, in any case, as more replacements: the JSON name of an exported field)',
    change: 'kubernetes-sigs/kustomize#5877',
  },
  multiplePatchDeletes: {
    since: 'v5.7.0',
    summary:
      'a patch file may hold several `$patch: delete` documents: a deleted resource no longer matches ids (older: Go panic)',
    change: 'kubernetes-sigs/kustomize#5859',
  },
  imageVolumes: {
    since: 'v5.7.0',
    summary: '`images` also rewrite image volumes (`spec/volumes[]/image/reference`, and under `spec/template`)',
    change: 'kubernetes-sigs/kustomize#5921',
  },
  helmChartDevel: {
    since: 'v5.7.0',
    summary: '`helmCharts` entries accept `devel` (older: unknown field)',
    change: 'kubernetes-sigs/kustomize#5865',
  },
  typedPatchOptions: {
    since: 'v5.8.0',
    summary:
      'patch `options` is a struct: unknown keys fail, keys match case-insensitively (older: any key, exact spelling)',
    change: 'kubernetes-sigs/kustomize#5930',
  },
  replacementTargetRegex: {
    since: 'v5.8.0',
    summary:
      'replacement target `select`/`reject` ids are anchored regexps matched against the literal namespace (older: equal strings, "" = `default`)',
    change: 'kubernetes-sigs/kustomize#5863',
  },
  replacementStructuredData: {
    since: 'v5.8.0',
    summary:
      'replacement target paths reach into JSON or YAML held in a string field and write it back (older: error, a string has no fields)',
    change: 'kubernetes-sigs/kustomize#5679',
  },
  behaviorConflictWording: {
    since: 'v5.8.0',
    summary:
      'a generated object that collides with an existing id names the behavior in the error (`can not use behavior: ...`)',
    change: 'kubernetes-sigs/kustomize#5958',
  },
  helmGeneratedAnnotation: {
    since: 'v5.8.0',
    summary:
      'the namespace transformer skips objects annotated `internal.config.kubernetes.io/helm-generated: "true"`, and the annotation is a build annotation (removed from the output)',
    change: 'kubernetes-sigs/kustomize#5971',
  },
  emptyPatchFiles: {
    since: 'v5.8.1',
    summary:
      'a `patches` entry whose file is empty or only comments is skipped (older: "illegally qualifies as both an SM and JSON patch")',
    change: 'kubernetes-sigs/kustomize#5771, kubernetes-sigs/kustomize#5990',
  },
  helmChartNamespace: {
    since: 'v5.8.1',
    summary:
      'a `helmCharts` entry without `namespace` renders with its kustomization `namespace`, or the nearest ancestor one',
    change: 'kubernetes-sigs/kustomize#5940, kubernetes-sigs/kustomize#6044',
  },
} as const satisfies Record<string, VersionFeature>;

/** The id of a behaviour that differs between versions. */
export type VersionFeatureId = keyof typeof versionFeatures;

/** Compares two `vX.Y.Z` releases. */
function compareReleases(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` has the behaviour `feature`. */
export function hasFeature(version: KustomizeVersion, feature: VersionFeatureId): boolean {
  return compareReleases(kustomizeVersions[version].release, versionFeatures[feature].since) >= 0;
}

/** Reads a version as users write it (`5.8`, `v5.8`, `5.8.1`, `v5.8.1`); undefined when unsupported. */
export function parseKustomizeVersion(input: string): KustomizeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(input.trim());
  if (!m) return undefined;
  const short = `${m[1] ?? ''}.${m[2] ?? ''}`;
  if (!Object.prototype.hasOwnProperty.call(kustomizeVersions, short)) return undefined;
  const version = short as KustomizeVersion;
  if (m[3] !== undefined && `v${short}.${m[3]}` !== kustomizeVersions[version].release) return undefined;
  return version;
}

/** The supported versions as a user-facing list (`5.8 (v5.8.1), 5.6 (v5.6.0)`), newest first. */
export function describeKustomizeVersions(): string {
  return (Object.keys(kustomizeVersions) as KustomizeVersion[])
    .reverse()
    .map((v) => `${v} (${kustomizeVersions[v].release})`)
    .join(', ');
}
