/**
 * The workspace settings of the language server, read from the lint configuration file of the folder with the
 * loader of `kustomize-ts lint`: the same settings, the same problems (with positions), and only settings
 * `lint()` accepts.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
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
    const fs = memoryFs({
      '/ws/kustomize-ts.config.yaml': CONFIG,
      '/ws/clusters/production/.keep': '',
      '/podinfo/.keep': '',
    });
    const loaded = loadWorkspaceSettings(fs, '/ws');
    expect(loaded.file).toBe('/ws/kustomize-ts.config.yaml');
    expect(loaded.settings).toEqual({
      rules: { 'flux/health-checks-ignored': 'off', 'flux/prune-disabled': 'error' },
      clusters: ['/ws/clusters/production'],
      sources: { 'flux-system': '/ws', podinfo: '/podinfo' },
      kubernetesVersion: '1.30',
      strictSubstitute: false,
    });
    expect(loaded.diagnostics.map((d) => [d.code, d.severity, d.message, d.file, d.line, d.column])).toEqual([
      ['config/invalid', 'error', 'rules: unknown rule "flux/bogus"', loaded.file, 4, 3],
    ]);
  });

  it('an unknown rule or setting is reported and left out: lint() accepts the settings', () => {
    const fs = memoryFs({
      '/ws/kustomize-ts.config.yaml': 'rules:\n  flux/prune-disabeld: off\n  image/mutable-tag: warn\n',
      '/ws/app/kustomization.yaml': 'resources: []\n',
    });
    const loaded = loadWorkspaceSettings(fs, '/ws');
    expect(loaded.settings).toEqual({ rules: {} });
    expect(loaded.diagnostics.map((d) => d.message)).toEqual([
      'rules: unknown rule "flux/prune-disabeld" (did you mean "flux/prune-disabled"?)',
      'rules.image/mutable-tag: "warn" is not one of off, info, warning, error (did you mean "warning"?)',
    ]);
    expect(lint('/ws', { fs, ...loaded.settings }).ok).toBe(true);
  });

  it('ignore, schema locations, strict, skipped kinds and minimum severity are read too', () => {
    const fs = memoryFs({
      '/ws/.kustomize-ts.yaml':
        'ignore: [archive]\nschemaLocations: [crds]\nstrict: true\nskipKinds: [SealedSecret]\nminSeverity: warning\n',
    });
    expect(loadWorkspaceSettings(fs, '/ws').settings).toEqual({
      ignore: ['archive'],
      schemaLocations: ['/ws/crds'],
      strict: true,
      skipKinds: ['SealedSecret'],
      minSeverity: 'warning',
    });
  });

  it('falls back to .kustomize-ts.yaml', () => {
    const loaded = loadWorkspaceSettings(
      memoryFs({ '/ws/.kustomize-ts.yaml': 'rules: {image/mutable-tag: info}\n' }),
      '/ws',
    );
    expect([loaded.file, loaded.settings]).toEqual([
      '/ws/.kustomize-ts.yaml',
      { rules: { 'image/mutable-tag': 'info' } },
    ]);
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
