/**
 * Remote forms compared with the reference: each case is a kustomization (or a URL given to `build` directly) that
 * refers to the repos of repos.ts by `file://$ROOT/...` or over HTTP (`$HTTP/git/...` smart HTTP, `$HTTP/files/...`
 * plain files). test/scripts/gen-remote-goldens.ts runs kustomize v5.6.0 (kubectl 1.33) and v5.8.1 on them and
 * writes expected/<name>.* ; test/remote/reference.test.ts builds them with kustomize-ts and compares.
 */
export interface RemoteCase {
  name: string;
  /** The kustomization.yaml of the build directory. */
  kustomization?: string;
  /** Build this URL instead of a directory. */
  target?: string;
}

export const CASES: RemoteCase[] = [
  { name: 'file-simple', kustomization: 'resources:\n- file://$ROOT/simple.git\n' },
  { name: 'file-no-suffix', kustomization: 'resources:\n- file://$ROOT/nosuffix\n' },
  { name: 'file-path', kustomization: 'resources:\n- file://$ROOT/multibase.git/dev\n' },
  { name: 'file-double-slash', kustomization: 'resources:\n- file://$ROOT/multibase//dev\n' },
  { name: 'file-ref-branch', kustomization: 'resources:\n- file://$ROOT/simple.git?ref=change-image\n' },
  { name: 'file-version', kustomization: 'resources:\n- file://$ROOT/simple.git?version=change-image\n' },
  { name: 'file-ref-tag', kustomization: 'resources:\n- file://$ROOT/simple.git?ref=v1\n' },
  {
    name: 'file-ref-commit',
    kustomization: 'resources:\n- file://$ROOT/simple.git?ref=c411c05a09046abda7e9b09914f067162a637dae\n',
  },
  { name: 'file-timeout', kustomization: 'resources:\n- file://$ROOT/simple.git?timeout=500\n' },
  { name: 'file-submodule', kustomization: 'resources:\n- file://$ROOT/with-submodule.git/submodule\n' },
  {
    name: 'file-submodules-off',
    kustomization: 'resources:\n- file://$ROOT/with-submodule.git/submodule?submodules=0\n',
  },
  { name: 'file-git-prefix', kustomization: 'resources:\n- git::file://$ROOT/simple.git\n' },
  {
    name: 'file-component',
    kustomization: 'resources:\n- file://$ROOT/simple.git\ncomponents:\n- file://$ROOT/comp.git/c\n',
  },
  {
    name: 'file-nested-origins',
    kustomization:
      'resources:\n- file://$ROOT/nest.git/app\nbuildMetadata: [originAnnotations, transformerAnnotations]\n',
  },
  {
    name: 'file-origin-repo-root',
    kustomization: 'resources:\n- file://$ROOT/simple.git\nbuildMetadata: [originAnnotations]\n',
  },
  {
    name: 'file-origin-path-ref',
    kustomization:
      'resources:\n- file://$ROOT/multibase.git/dev?version=main&timeout=500\nbuildMetadata: [originAnnotations]\n',
  },
  { name: 'file-not-a-repo', kustomization: 'resources:\n- file://$ROOT/no/such\n' },
  { name: 'file-bad-ref', kustomization: 'resources:\n- file://$ROOT/simple.git?ref=nosuchref\n' },
  { name: 'file-path-is-file', kustomization: 'resources:\n- file://$ROOT/simple.git/pod.yaml\n' },
  { name: 'file-path-missing', kustomization: 'resources:\n- file://$ROOT/multibase.git/nodir\n' },
  { name: 'file-repo-cycle', kustomization: 'resources:\n- file://$ROOT/cyc.git/a\n' },
  { name: 'file-component-missing', kustomization: 'components:\n- file://$ROOT/nope.git\n' },
  { name: 'file-build-argument', target: 'file://$ROOT/multibase.git/dev' },
  { name: 'http-repo', kustomization: 'resources:\n- $HTTP/git/simple.git\n' },
  {
    name: 'http-repo-path-ref-origins',
    kustomization: 'resources:\n- $HTTP/git/multibase.git//dev?ref=main\nbuildMetadata: [originAnnotations]\n',
  },
  { name: 'http-file', kustomization: 'namePrefix: web-\nresources:\n- $HTTP/files/pod.yaml\n' },
  {
    name: 'http-file-origins',
    kustomization: 'resources:\n- $HTTP/files/pod.yaml\nbuildMetadata: [originAnnotations]\n',
  },
  {
    name: 'http-file-in-patch',
    kustomization: 'resources:\n- $HTTP/files/pod.yaml\npatches:\n- path: $HTTP/files/patch.yaml\n',
  },
  {
    name: 'http-generator-file',
    kustomization: 'configMapGenerator:\n- name: c\n  files:\n  - $HTTP/files/patch.yaml\n',
  },
  { name: 'http-not-found', kustomization: 'resources:\n- $HTTP/nope.yaml\n' },
  { name: 'http-not-found-repo-like', kustomization: 'resources:\n- $HTTP/files/nope.yaml\n' },
  { name: 'http-server-error', kustomization: 'resources:\n- $HTTP/status/500\n' },
  { name: 'http-redirect', kustomization: 'resources:\n- $HTTP/redirect/same\n' },
];
