/** Helpers of the lint tests: in-memory repositories with a bootstrapped cluster, and findings as tuples. */
import { lint, type LintOptions, type LintResult } from '../../src/api/lint.js';
import { memoryFs } from '../../src/fs/memory.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Repository root of the in-memory repositories. */
export const ROOT = '/repo';

/**
 * The files `flux bootstrap --path=clusters/<name>` writes (without gotk-components): a GitRepository
 * `flux-system` tracking tag v1 and the Kustomization that syncs the cluster folder.
 */
export function bootstrap(name = 'c1'): Record<string, string> {
  return {
    [`clusters/${name}/flux-system/kustomization.yaml`]:
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n',
    [`clusters/${name}/flux-system/gotk-sync.yaml`]: `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    tag: v1.0.0
  url: https://example.com/fleet.git
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./clusters/${name}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
  };
}

/** A Flux Kustomization in flux-system: `spec` lines (indented by 2) follow `interval`, `sourceRef`. */
export function fluxKs(name: string, spec: string): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  sourceRef:
    kind: GitRepository
    name: flux-system
${spec}`;
}

/** Lints an in-memory repository (paths relative to {@link ROOT}). */
export function lintFiles(files: Record<string, string>, options: Omit<LintOptions, 'fs'> = {}): LintResult {
  const fs = memoryFs(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${ROOT}/${p}`, t])));
  return lint(ROOT, { schema: false, ...options, fs });
}

/** Findings of one rule as `file:line:column` strings. */
export function positions(diagnostics: readonly Diagnostic[], rule: string): string[] {
  return diagnostics.filter((d) => d.code === rule).map((d) => `${d.file}:${d.line}:${d.column}`);
}

/** A named lint case: files, and the expected `file:line:column` findings of the rule. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  expected: string[];
  options?: Omit<LintOptions, 'fs'>;
}

/** A kustomization directory with one ConfigMap (`name`) in `namespace` (none when empty). */
export function app(dir: string, name = 'settings', namespace = 'default', extra = ''): Record<string, string> {
  return {
    [`${dir}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n${extra}`,
    [`${dir}/cm.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n  a: "1"\n`,
  };
}

/** A CRD of `example.com/v1` `kind` (plural `plural`) whose schema accepts anything. */
export function anyCrd(kind: string, plural: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.example.com
spec:
  group: example.com
  names: {kind: ${kind}, plural: ${plural}}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
}
