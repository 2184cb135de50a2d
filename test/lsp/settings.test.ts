/**
 * The workspace settings of the language server, read from the lint configuration file of the folder.
 */
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.js';
import { loadWorkspaceSettings } from '../../src/lsp/settings.js';

const CONFIG = `rules:
  flux/health-checks-ignored: off
  flux/prune-disabled: error
  flux/bogus: loud
clusters: [clusters/production]
sources:
  flux-system: .
  podinfo: ../podinfo
kubernetesVersion: "1.30"
strictSubstitute: false
`;

describe('loadWorkspaceSettings', () => {
  it('reads rules, clusters, sources, Kubernetes version and strict substitution, paths from the root', () => {
    const loaded = loadWorkspaceSettings(memoryFs({ '/ws/kustomize-ts.config.yaml': CONFIG }), '/ws');
    expect(loaded.file).toBe('/ws/kustomize-ts.config.yaml');
    expect(loaded.settings).toEqual({
      rules: { 'flux/health-checks-ignored': 'off', 'flux/prune-disabled': 'error' },
      clusters: ['/ws/clusters/production'],
      sources: { 'flux-system': '/ws', podinfo: '/podinfo' },
      kubernetesVersion: '1.30',
      strictSubstitute: false,
    });
    expect(loaded.diagnostics.map((d) => [d.code, d.severity, d.message, d.file])).toEqual([
      ['config/invalid', 'error', 'rules.flux/bogus: expected off, info, warning or error', loaded.file],
    ]);
  });

  it('falls back to .kustomize-ts.yaml', () => {
    const loaded = loadWorkspaceSettings(memoryFs({ '/ws/.kustomize-ts.yaml': 'rules: {a/b: info}\n' }), '/ws');
    expect([loaded.file, loaded.settings]).toEqual(['/ws/.kustomize-ts.yaml', { rules: { 'a/b': 'info' } }]);
  });

  it('gives empty settings without a file, and the YAML errors of a broken one', () => {
    expect(loadWorkspaceSettings(memoryFs({ '/ws/x.yaml': 'a: 1\n' }), '/ws')).toEqual({
      settings: {},
      diagnostics: [],
    });
    const broken = loadWorkspaceSettings(memoryFs({ '/ws/kustomize-ts.config.yaml': 'rules: [\n' }), '/ws');
    expect(broken.settings).toEqual({});
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expect(broken.diagnostics[0]?.file).toBe('/ws/kustomize-ts.config.yaml');
  });
});
