/** The clusters of the shared fleet corpus and how to render them (entry points from its README). */
/** Entry points per fleet (README of the corpus: "entry point(s)" column). */
export const corpusClusters: readonly {
  fleet: string;
  clusters: readonly string[];
  sources?: Record<string, string>;
  /** A file holding the FluxInstance (or flux-instance chart values) that syncs the cluster. */
  fluxInstance?: string;
  note?: string;
}[] = [
  {
    fleet: 'fluxcd__flux2-kustomize-helm-example',
    clusters: ['clusters/staging', 'clusters/production'],
    note: 'Kustomizations use ExternalArtifacts made by an ArtifactGenerator',
  },
  { fleet: 'fluxcd__flux2-kustomize-helm-example__v1-2025', clusters: ['clusters/staging', 'clusters/production'] },
  {
    fleet: 'fluxcd__flux2-kustomize-helm-example__v1beta1-2021',
    clusters: ['clusters/staging', 'clusters/production'],
  },
  {
    fleet: 'fluxcd__flux2-multi-tenancy',
    clusters: ['clusters/staging', 'clusters/production'],
    sources: { 'apps/dev-team': '../fluxcd__flux2-multi-tenancy__dev-team' },
    note: 'tenant source dev-team mapped to the dev-team branch snapshot',
  },
  { fleet: 'fluxcd__flux2-multi-tenancy__dev-team', clusters: ['staging', 'production'] },
  { fleet: 'fluxcd__flux2-hub-spoke-example', clusters: ['hub'] },
  { fleet: 'onedr0p__home-ops', clusters: ['kubernetes/flux/cluster'] },
  { fleet: 'bjw-s-labs__home-ops', clusters: ['kubernetes/flux/cluster'] },
  {
    fleet: 'joryirving__home-ops',
    clusters: ['kubernetes/clusters/main', 'kubernetes/clusters/test', 'kubernetes/clusters/utility'],
  },
  {
    fleet: 'xunholy__k8s-gitops',
    clusters: ['kubernetes/clusters/cluster-00'],
    sources: { 'flux-system': 'kubernetes' },
    fluxInstance: 'kubernetes/clusters/cluster-00/flux-system/flux-instance/app/values.yaml',
    note: 'OCIRepository flux-system: artifact root is kubernetes/; the FluxInstance values patch decryption and substituteFrom into flux-system',
  },
  { fleet: 'k8s-at-home__flux-cluster-template', clusters: ['cluster/flux'] },
  { fleet: 'billimek__k8s-gitops', clusters: ['setup/flux/cluster'] },
];
