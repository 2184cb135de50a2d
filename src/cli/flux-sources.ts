/** The remote flags of the Flux commands (fleet, graph, lint): kustomize-controller's --no-remote-bases, --fetch-sources. */
export { wantedSources } from '../flux/remote-sources.js';

export const fluxRemoteFlagOptions = {
  'no-remote-bases': { type: 'boolean' },
  'fetch-sources': { type: 'boolean' },
} as const;

export const fluxRemoteHelp = `Flux sources and remote bases:
  --no-remote-bases          refuse remote git bases, as kustomize-controller --no-remote-bases does
                             (default: allowed, as in the controller; http(s) files still load)
  --fetch-sources            fetch GitRepository and OCIRepository sources that are not mapped to a folder
                             (into the cache, honouring --offline/--lock) and render their Kustomizations`;
