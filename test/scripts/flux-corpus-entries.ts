/** The clusters of the shared fleet corpus and how to render them (entry points from its README). */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readFluxInstanceSync } from '../../src/flux/index.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { isMap, type YamlMap } from '../../src/yaml/values.js';

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

/** The FluxInstance (or flux-instance chart values) document of a file, when it has one. */
export function readCorpusInstance(file: string): YamlMap | undefined {
  const stream = parseYamlStream(readFileSync(file, 'utf8'), { file });
  return stream.documents
    .map((d) => d.value)
    .find((v): v is YamlMap => isMap(v) && readFluxInstanceSync(v) !== undefined);
}

/** The `renderFleet` options a corpus fleet needs (its source mappings and FluxInstance), by its folder. */
export function corpusFleetOptions(root: string): { sources?: Record<string, string>; fluxInstance?: YamlMap } {
  const f = corpusClusters.find((c) => c.fleet === basename(root));
  const instance = f?.fluxInstance ? readCorpusInstance(join(root, f.fluxInstance)) : undefined;
  return { ...(f?.sources ? { sources: f.sources } : {}), ...(instance ? { fluxInstance: instance } : {}) };
}
