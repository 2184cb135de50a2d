/** The help of `kustomize-ts helm` (kept apart from helm.ts so that printing it loads no Helm code). */

export const helmHelp = `Usage: kustomize-ts helm template [NAME] CHART [options]

Renders a Helm chart (a directory or a .tgz file) and prints exactly what \`helm template\` (Helm v3.21)
prints: manifests in Helm's install order with their "# Source:" lines, then hooks and tests.

Options:
  -f, --values FILE          values file (repeatable; comma-separated lists allowed)
      --set K=V              set values (repeatable; K1=V1,K2=V2)
      --set-string K=V       set STRING values
      --set-json K=JSON      set JSON values
      --set-file K=PATH      set values from files
  -n, --namespace NS         .Release.Namespace (default: default)
      --kube-version V       .Capabilities.KubeVersion (default: v1.36.0)
  -a, --api-versions GV      add to .Capabilities.APIVersions (repeatable; comma-separated)
      --include-crds         print the CRDs of crds/ first
      --skip-tests           leave out test hooks
      --no-hooks             leave out all hooks
  -s, --show-only PATH       only the manifests of these templates (repeatable; globs allowed)
      --is-upgrade           .Release.IsUpgrade instead of .Release.IsInstall
      --skip-schema-validation  do not check values against values.schema.json
      --schema-cache DIR     where remote values.schema.json references are read from (DIR/HOST/PATH;
                             default: $HELM_OFFLINE_SCHEMA_CACHE). Nothing is fetched from the network.
      --release-name         accepted for compatibility (Helm uses it with --output-dir only)
  -h, --help                 show this help

Exit status: 0 rendered, 1 Helm's error (printed as "Error: ..."), 2 bad usage.`;
