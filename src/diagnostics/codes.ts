/**
 * Every engine diagnostic code with a one-line summary. `docs/diagnostics.md` has one row per code (a
 * test keeps the two in step). Lint rule ids are listed by the rule registry, not here.
 */
export const diagnosticCodes = {
  'yaml/syntax': 'A YAML file could not be parsed.',
  'yaml/duplicate-key': 'A resource repeats a mapping key (kustomize fails when it writes the object out).',
  'yaml/alias-limit': 'A YAML file expands aliases beyond the allowed count (alias bomb).',
  'yaml/unsupported-value': 'A value kustomize cannot serialise (non-string map key, .inf, .nan).',
  'resource/invalid': 'A document is not a Kubernetes resource (no kind, no metadata.name, not a mapping).',
  'resource/id-conflict': 'Two resources have the same id.',
  'load/missing-file': 'A referenced file or directory does not exist.',
  'load/no-kustomization': 'A directory has no kustomization file.',
  'load/multiple-kustomizations': 'A directory has more than one kustomization file.',
  'load/not-a-directory': 'The build target or a base is not a directory.',
  'load/not-a-file': 'A path that must name a file names a directory.',
  'load/outside-root': 'A file lies outside the kustomization root and the load restrictor forbids it.',
  'load/cycle': 'A kustomization references itself or an ancestor directory.',
  'load/absolute-path': 'A base or component path is absolute.',
  'load/remote': 'A remote (git or http) resource could not be loaded.',
  'load/component-kind': 'A Component was listed under resources, or a Kustomization under components.',
  'kustomization/empty': 'The kustomization file is empty.',
  'kustomization/unknown-field': 'The kustomization has a field kustomize does not know.',
  'kustomization/invalid-type': 'A kustomization field has the wrong type.',
  'kustomization/invalid-kind': 'The kustomization kind or apiVersion is wrong.',
  'kustomization/invalid-value': 'A kustomization field has a value kustomize rejects.',
  'kustomization/deprecated-field': 'The kustomization uses a deprecated field (kustomize prints a warning).',
  'kustomization/unsupported': 'The kustomization needs something kustomize-ts does not run (helm, exec or KRM-function plugins).',
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
  'var/unused': 'Vars were defined but never used (kustomize logs a line).',
  'internal/error': 'An unexpected internal error (a bug in kustomize-ts).',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;
