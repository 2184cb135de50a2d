/**
 * The git repositories the remote-resource tests serve (made by test/helpers/remote-repos.ts): a base with a
 * branch and a tag, one without the .git suffix, a base with an overlay, a component, a repo whose base is
 * another repo, a repo that refers to itself, a repo with a submodule. `$ROOT` is the folder they live in.
 */

/** One step of building a repo: write files, branch, commit, tag, add a submodule. */
export interface RepoStep {
  branch?: string;
  checkout?: string;
  files?: Record<string, string>;
  submodule?: { url: string; path: string };
  commit?: string;
  tag?: string;
}

export interface RepoDef {
  name: string;
  steps: RepoStep[];
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app: myapp
spec:
  containers:
  - name: nginx
    image: nginx:1.7.9
`;

const simple: RepoStep[] = [
  { files: { 'kustomization.yaml': 'resources:\n- pod.yaml\n', 'pod.yaml': pod }, commit: 'import', tag: 'v1' },
  {
    branch: 'change-image',
    files: { 'kustomization.yaml': 'resources:\n- pod.yaml\nimages:\n- name: nginx\n  newTag: "2"\n' },
    commit: 'image change',
  },
  { checkout: 'main' },
];

export const REPOS: RepoDef[] = [
  { name: 'simple.git', steps: simple },
  { name: 'nosuffix', steps: simple },
  {
    name: 'multibase.git',
    steps: [
      {
        files: {
          'base/kustomization.yaml': 'resources:\n- pod.yaml\n',
          'base/pod.yaml': pod,
          'dev/kustomization.yaml': 'namePrefix: dev-\nresources:\n- ../base\n',
        },
        commit: 'import',
        tag: 'v2.0.0',
      },
    ],
  },
  {
    name: 'comp.git',
    steps: [
      {
        files: {
          'c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: comp-\n',
        },
        commit: 'import',
      },
    ],
  },
  {
    name: 'nest.git',
    steps: [
      {
        files: {
          'app/kustomization.yaml': 'namespace: nested\nresources:\n- file://$ROOT/multibase.git/dev?ref=main\n',
        },
        commit: 'import',
      },
    ],
  },
  {
    name: 'cyc.git',
    steps: [{ files: { 'a/kustomization.yaml': 'resources:\n- file://$ROOT/cyc.git/a\n' }, commit: 'import' }],
  },
  {
    name: 'with-submodule.git',
    steps: [
      { files: { 'README.md': 'a repo with a submodule\n' }, commit: 'import' },
      { submodule: { url: 'file://$ROOT/simple.git', path: 'submodule' }, commit: 'submodule' },
    ],
  },
];

/** Files served over plain HTTP (`/files/...`). */
export const FILES: Record<string, string> = {
  'pod.yaml': pod,
  'patch.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: myapp-pod\n  labels:\n    patched: "yes"\n',
};
