/**
 * Every engine diagnostic code with a one-line summary. `docs/diagnostics.md` has one row per code (a
 * test keeps the two in step). Lint rule ids (`RuleId`, listed by the rule registry) are a namespace apart:
 * no rule id is an engine code (a test checks it). The renderers report facts with these codes; the lint
 * rules judge them.
 */
export const diagnosticCodes = {
  'yaml/syntax': 'A YAML file could not be parsed.',
  'yaml/duplicate-key': 'A resource repeats a mapping key (kustomize fails when it writes the object out).',
  'yaml/alias-limit': 'A YAML file expands aliases beyond the allowed count (alias bomb).',
  'yaml/merge-key': 'A `<<` merge key whose value is not a mapping, an alias to one, or a list of those.',
  'yaml/unsupported-value': 'A value kustomize cannot serialise (non-string map key, .inf, .nan).',
  'resource/invalid': 'A document is not a Kubernetes resource (no kind, no metadata.name, not a mapping).',
  'resource/id-conflict': 'Two resources have the same id.',
  'build/unsupported-version': 'The kustomizeVersion option names a kustomize version kustomize-ts does not reproduce.',
  'load/missing-file': 'A referenced file or directory does not exist.',
  'load/no-kustomization': 'A directory has no kustomization file.',
  'load/multiple-kustomizations': 'A directory has more than one kustomization file.',
  'load/not-a-directory': 'The build target or a base is not a directory.',
  'load/not-a-file': 'A path that must name a file names a directory.',
  'load/outside-root': 'A file lies outside the kustomization root and the load restrictor forbids it.',
  'load/cycle': 'A kustomization references itself or an ancestor directory.',
  'load/absolute-path': 'A base or component path is absolute.',
  'load/remote':
    'A remote (git or http) resource could not be loaded (no remote loader, or what it returned is unusable).',
  'load/git-prefix': 'A remote URL starts with git::, which kustomize strips with a warning.',
  'remote/fetch-failed':
    'Fetching a remote resource failed: git failed, the server answered an error status, or the network.',
  'remote/timeout': 'A git command or HTTP request for a remote resource exceeded its time limit.',
  'remote/too-large': 'A downloaded file exceeded the size limit.',
  'remote/not-allowed':
    'A remote URL (or a redirect) uses a scheme or host that is not allowed, or remote bases are disabled (--no-remote-bases).',
  'remote/offline': 'Offline mode: a remote resource (or the commit the lock file pins) is not in the cache.',
  'remote/frozen':
    'Frozen mode: the lock file does not list a remote resource, or what it pins differs from what was fetched.',
  'remote/lock': 'The lock file cannot be read or written.',
  'load/component-kind': 'A Component was listed under resources, or a Kustomization under components.',
  'kustomization/empty': 'The kustomization file is empty.',
  'kustomization/unknown-field': 'The kustomization has a field kustomize does not know.',
  'kustomization/invalid-type': 'A kustomization field has the wrong type.',
  'kustomization/invalid-kind': 'The kustomization kind or apiVersion is wrong.',
  'kustomization/invalid-value': 'A kustomization field has a value kustomize rejects.',
  'kustomization/sort-order-conflict':
    'sortOptions and the reorder option are both set; sortOptions wins (kustomize prints a warning).',
  'kustomization/deprecated-field': 'The kustomization uses a deprecated field (kustomize prints a warning).',
  'kustomization/unsupported':
    'The kustomization needs something kustomize-ts does not run (helm, exec or KRM-function plugins).',
  'patch/invalid': 'A patch could not be parsed or has the wrong shape.',
  'patch/no-match': 'A patch without a target matches no resource, or several.',
  'patch/target-no-match': 'A patch target selects no resource (kustomize skips it silently).',
  'patch/failed': 'Applying a patch failed.',
  'transformer/failed': 'A transformer failed.',
  'transformer/config': 'A transformer or generator is misconfigured.',
  'generator/failed': 'A generator failed.',
  'nameref/ambiguous': 'A name reference matches several resources.',
  'nameref/invalid': 'A name-reference field has the wrong shape (a mapping without name, a nested sequence).',
  'var/unresolved': 'A var cannot be resolved.',
  'var/duplicate': 'A var name is declared twice in the build.',
  'var/ambiguous': 'A var objref matches several resources.',
  'var/invalid-field': 'A varReference field holds a value vars cannot substitute into (non-string list item or key).',
  'var/not-substitutable':
    'A var value is a map or list, which kustomize cannot substitute (it logs a line and leaves $(VAR)).',
  'var/unused': 'Vars were defined but never used (kustomize logs a line).',
  'flux/invalid-kustomization':
    'A Flux Kustomization misses a required field or has a malformed one (sourceRef, interval, durations, patches, postBuild).',
  'flux/invalid-component': 'A Flux Kustomization lists a component that is not a local relative path.',
  'flux/generate-failed':
    'A spec.path without a kustomization file holds a .yaml/.yml file that is not Kubernetes objects.',
  'flux/kustomization-field-dropped':
    'kustomize-controller drops an unknown field of the kustomization file (kustomize would reject it).',
  'flux/spec-path-not-found': 'The spec.path of a Flux Kustomization does not exist in its source.',
  'flux/invalid-object': 'A rendered object lacks apiVersion, kind or metadata.name.',
  'flux/sops-no-decryption': 'A SOPS-encrypted Secret is rendered by a Flux Kustomization without spec.decryption.',
  'flux/sops-encrypted': 'A SOPS-encrypted Secret is kept encrypted (kustomize-ts never decrypts).',
  'flux/substitute-from-missing':
    'A non-optional substituteFrom ConfigMap or Secret is not rendered anywhere in the cluster.',
  'flux/substitute-from-encrypted': 'A substituteFrom Secret is SOPS-encrypted; its values render as placeholders.',
  'flux/substitute-var-name': 'A postBuild variable name does not match ^[_[:alpha:]][_[:alpha:][:digit:]]*$.',
  'flux/substitute-syntax': 'A ${...} expression cannot be parsed (bad substitution, missing closing brace).',
  'flux/substitute-undefined': 'A ${var} without a default is undefined (strict substitution, Flux 2.9).',
  'flux/substitute-invalid-yaml': 'An object is no longer valid YAML after substitution.',
  'flux/unmapped-source': "A Flux Kustomization's source is not mapped to a local folder; it is not rendered.",
  'flux/suspended': 'A Flux Kustomization is suspended.',
  'flux/duplicate-kustomization': 'Two different definitions of one Flux Kustomization (namespace/name) are rendered.',
  'flux/cluster-not-found': 'The cluster folder does not exist or lies outside the flux-system source.',
  'flux/artifact-failed':
    'An ExternalArtifact cannot be emulated from its ArtifactGenerator (bad copy operation, missing source).',
  'flux/artifact-unsupported': 'An ArtifactGenerator feature is not emulated (Merge/Extract strategies, pathPattern).',
  'flux/patch-no-match':
    'A Flux Kustomization patch selects no object (often a target namespace matched before targetNamespace applies).',
  'flux/source-namespace':
    'A Flux Kustomization refers to the flux-system source in its own namespace (sourceRef.namespace defaulted), where none exists.',
  'flux/entry-point': 'Where rendering of the cluster started (a FluxInstance sync path).',
  'helm/chart': 'A Helm chart cannot be installed (a library chart rendered on its own).',
  'helm/dependency': "A dependency declared in Chart.yaml is missing from the chart's charts/ folder.",
  'helm/options': 'A Helm render option is invalid (an unparsable Kubernetes version).',
  'helm/values': "Chart values cannot be coalesced (a subchart's values are not a map).",
  'helm/schema': "Values do not meet a chart's values.schema.json (Helm's message lists each failure).",
  'helm/kube-version': "The chart's kubeVersion constraint excludes the Kubernetes version rendered for.",
  'helm/template': 'A chart template fails to parse or execute (`required`, `fail`, a nil pointer...).',
  'helm/manifest': 'A rendered chart template is not valid YAML.',
  'helm/warning': 'A warning Helm prints while rendering (deprecated chart, values that cannot be merged).',
  'config/invalid':
    'The configuration file (kustomize-ts.config.yaml) has a setting kustomize-ts does not know or a wrong value.',
  'config/schema-location':
    'A schema location (--schema-location, schemaLocations) cannot be read, or a JSON schema in it is not valid JSON.',
  'helm/chart-unavailable':
    "A HelmRelease's chart is not available locally (no chart loader, no matching version, unmapped source); it is not rendered.",
  'helm/values-from':
    "A HelmRelease's valuesFrom reference cannot be resolved (missing ConfigMap/Secret or key, bad data).",
  'helm/post-render': "A HelmRelease's postRenderers cannot be applied to the chart's manifests.",
  'internal/error': 'An unexpected internal error (a bug in kustomize-ts).',
} as const;

/** An engine diagnostic code (`load/missing-file`, ...): a key of {@link diagnosticCodes}. */
export type DiagnosticCode = keyof typeof diagnosticCodes;
