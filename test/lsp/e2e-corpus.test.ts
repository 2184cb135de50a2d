/// <reference types="node" />
/**
 * The language server end to end on real Flux repositories of the fleet corpus, as an editor drives it (the
 * built CLI's `kustomize-ts lsp --stdio` and a vscode-jsonrpc client, on a temporary copy): every feature,
 * with the values read from the repositories' files. fluxcd/flux2-kustomize-helm-example (the 2025 layout:
 * two clusters, a GitRepository monorepo, Flux-level patches) and joryirving/home-ops (≈1,100 files, three
 * clusters, a parent patching every app, postBuild substitutions).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import {
  applyEdits,
  completionLabels,
  expectBuildErrorWhileTyped,
  hoverText,
  locations,
  lspOnCopy,
  type LspTestClient,
} from '../helpers/lsp-client.js';
import { hasShared, sharedDir, sharedSkipReason } from '../helpers/shared.js';

const TIMEOUT = 180_000;
const fleet = (name: string): string => join(sharedDir, 'corpus/fleets', name);

/** The rendered-value lines of a hover (`- place — object: value (set by file:line)`). */
const valueLines = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('- '));

/** Sets `prune: false` on the Kustomization at `needle`, takes the quick fix, and expects the finding gone. */
async function pruneFix(c: LspTestClient, file: string, from: string, to: string): Promise<void> {
  const original = c.text(file);
  await c.open(file);
  await c.change(file, original.replace(from, to));
  const d = await c.waitForDiagnostics(file, (l) => l.some((x) => x.code === 'flux/prune-disabled'));
  const finding = d.filter((x) => x.code === 'flux/prune-disabled');
  expect(finding.map((x) => [x.severity, x.range.start])).toEqual([[2, c.positionOf(file, 'prune: false')]]);
  const actions = ((await c.codeActions(file, finding)) ?? []) as CodeAction[];
  expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([['Set prune: true', 'quickfix', true]]);
  const edits = actions[0]?.edit?.changes?.[c.uri(file)] ?? [];
  const fixed = applyEdits(c.text(file), edits);
  expect(fixed).toBe(original);
  await c.change(file, fixed);
  await c.waitForDiagnostics(file, (l) => !l.some((x) => x.code === 'flux/prune-disabled'));
}

describe('kustomize-ts lsp --stdio on fluxcd/flux2-kustomize-helm-example', () => {
  if (!hasShared) {
    it.skip(sharedSkipReason('the fleet corpus'), () => {});
    return;
  }
  const server = lspOnCopy(fleet('fluxcd__flux2-kustomize-helm-example__v1-2025'), 'kts-lsp-helm-example-', TIMEOUT);
  const c = server.c;

  it(
    'publishes the findings of both clusters, each with code, severity, range and rule page',
    async () => {
      const summary = async (file: string): Promise<unknown[]> =>
        (await c().waitForDiagnostics(file, (l) => l.length > 0)).map((x) => [
          x.code,
          x.severity,
          x.range.start.line,
          x.range.start.character,
        ]);
      for (const cluster of ['production', 'staging']) {
        // infra-configs (its spec on line 23) is a dependency of apps without wait or health checks.
        expect(await summary(`clusters/${cluster}/infrastructure.yaml`)).toEqual([['flux/no-health-checks', 2, 22, 0]]);
        // flux-system's patch targets the controllers of gotk-components.yaml, a placeholder in this repository.
        expect(await summary(`clusters/${cluster}/flux-system/kustomization.yaml`)).toEqual([
          ['kustomize/patch-no-match', 2, 16, 4],
        ]);
      }
      expect(await summary('infrastructure/configs/cluster-issuers.yaml')).toEqual([['schema/unknown-kind', 3, 2, 6]]);
      const d = c().diagnostics.get(c().uri('clusters/production/infrastructure.yaml'))?.[0];
      expect(d?.message).toContain('flux-system/infra-configs is a dependency of flux-system/apps');
      expect(d?.codeDescription?.href).toBe(
        'https://github.com/kustomize-ts/kustomize-ts/blob/main/docs/rules/flux/no-health-checks.md',
      );
      expect(d?.source).toBe('kustomize-ts');
    },
    TIMEOUT,
  );

  it(
    'reports a resources entry that does not exist at its range, and the empty list once it is fixed',
    async () => {
      const file = 'apps/production/kustomization.yaml';
      const d = await expectBuildErrorWhileTyped(c(), file, '../base/podinfo', '../base/podinfo-typo');
      expect(d.message).toContain("accumulating resources from '../base/podinfo-typo'");
    },
    TIMEOUT,
  );

  it(
    'hovers the ClusterIssuer server: each cluster’s value, set by that cluster’s Flux patch',
    async () => {
      const file = 'infrastructure/configs/cluster-issuers.yaml';
      await c().open(file);
      const text = hoverText(await c().hover(file, c().positionOf(file, 'server:')));
      expect(valueLines(text)).toEqual([
        '- clusters/production · flux-system/infra-configs — ClusterIssuer letsencrypt: `https://acme-v02.api.letsencrypt.org/directory` (set by clusters/production/infrastructure.yaml:35)',
        '- clusters/staging · flux-system/infra-configs — ClusterIssuer letsencrypt: `https://acme-staging-v02.api.letsencrypt.org/directory` (set by clusters/staging/infrastructure.yaml:35)',
      ]);
    },
    TIMEOUT,
  );

  it(
    'hovers the chart version each overlay patches, and what the base contributes',
    async () => {
      for (const [env, version] of [
        ['production', '>=1.0.0'],
        ['staging', '>=1.0.0-alpha'],
      ] as const) {
        const file = `apps/${env}/podinfo-values.yaml`;
        await c().open(file);
        expect(valueLines(hoverText(await c().hover(file, c().positionOf(file, 'version'))))).toEqual([
          `- clusters/${env} · flux-system/apps — HelmRelease podinfo/podinfo: \`${version}\` (set by apps/${env}/podinfo-values.yaml:9)`,
        ]);
      }
      const k = 'apps/production/kustomization.yaml';
      const text = hoverText(await c().hover(k, c().positionOf(k, '../base/podinfo', 3)));
      expect(text).toContain('**../base/podinfo** contributes 3 objects');
      expect(valueLines(text)).toEqual([
        '- Namespace podinfo (clusters/production)',
        '- HelmRepository podinfo/podinfo (clusters/production)',
        '- HelmRelease podinfo/podinfo (clusters/production)',
      ]);
    },
    TIMEOUT,
  );

  it(
    'goes to the files of resources and patches, a Flux path’s kustomization, a dependsOn and a field’s setter',
    async () => {
      const k = 'apps/production/kustomization.yaml';
      const at = async (file: string, needle: string, shift: number): Promise<[string, number][]> =>
        locations(await c().definition(file, c().positionOf(file, needle, shift))).map((l) => [
          l.uri,
          l.range.start.line,
        ]);
      expect(await at(k, '../base/podinfo', 2)).toEqual([[c().uri('apps/base/podinfo/kustomization.yaml'), 0]]);
      expect(await at(k, 'podinfo-values.yaml', 2)).toEqual([[c().uri('apps/production/podinfo-values.yaml'), 0]]);
      const apps = 'clusters/production/apps.yaml';
      await c().open(apps);
      expect(await at(apps, './apps/production', 3)).toEqual([[c().uri('apps/production/kustomization.yaml'), 0]]);
      // infra-configs is the second document of infrastructure.yaml (its apiVersion on line 18).
      expect(await at(apps, 'infra-configs', 3)).toEqual([[c().uri('clusters/production/infrastructure.yaml'), 17]]);
      // The server of the base ClusterIssuer: set by each cluster's patch (`- patch: |`, line 35).
      expect(await at('infrastructure/configs/cluster-issuers.yaml', 'server:', 1)).toEqual([
        [c().uri('clusters/production/infrastructure.yaml'), 34],
        [c().uri('clusters/staging/infrastructure.yaml'), 34],
      ]);
    },
    TIMEOUT,
  );

  it(
    'renders a Flux Kustomization of each cluster, and a kustomization folder as kustomize build does',
    async () => {
      type Rendered = { kind: string; title: string; yaml: string };
      const apps = 'clusters/production/apps.yaml';
      const r = (await c().render(apps, c().positionOf(apps, 'prune'))) as Rendered;
      expect([r.kind, r.title]).toEqual(['flux', 'clusters/production · flux-system/apps']);
      expect(r.yaml).toContain("      version: '>=1.0.0'\n");
      expect(r.yaml).toContain('      - host: podinfo.production\n');
      expect(r.yaml).toContain('    kustomize.toolkit.fluxcd.io/name: apps\n');
      const infra = 'clusters/staging/infrastructure.yaml';
      await c().open(infra);
      const s = (await c().render(infra, c().positionOf(infra, 'path: ./infrastructure/configs'))) as Rendered;
      expect([s.kind, s.title]).toEqual(['flux', 'clusters/staging · flux-system/infra-configs']);
      expect(s.yaml).toContain('    server: https://acme-staging-v02.api.letsencrypt.org/directory\n');
      const values = 'apps/staging/podinfo-values.yaml';
      const k = (await c().render(values, { line: 0, character: 0 })) as Rendered;
      expect([k.kind, k.title]).toEqual(['kustomize', 'apps/staging']);
      expect(k.yaml).toContain("      version: '>=1.0.0-alpha'\n");
      expect(k.yaml).toContain('  test:\n    enable: false\n');
    },
    TIMEOUT,
  );

  it(
    'completes kustomization fields, resource paths, Flux paths and dependsOn names',
    async () => {
      const k = 'apps/production/kustomization.yaml';
      const original = c().text(k);
      const complete = async (file: string, text: string, needle: string, shift: number): Promise<string[]> => {
        await c().change(file, text);
        return completionLabels(await c().completion(file, c().positionOf(file, needle, shift)));
      };
      expect(await complete(k, original.replace('patches:', 'na\npatches:'), 'na\n', 2)).toEqual(
        expect.arrayContaining(['namespace', 'namePrefix', 'nameSuffix']),
      );
      const entry = (e: string): string => original.replace('  - ../base/podinfo\n', `  - ../base/podinfo\n  - ${e}\n`);
      expect(await complete(k, entry('../'), '../\n', 3)).toEqual(['../base/', '../production/', '../staging/']);
      expect(await complete(k, entry('../base/podinfo/'), 'podinfo/\n', 8)).toEqual([
        '../base/podinfo/kustomization.yaml',
        '../base/podinfo/namespace.yaml',
        '../base/podinfo/release.yaml',
        '../base/podinfo/repository.yaml',
      ]);
      await c().change(k, original);
      const apps = 'clusters/production/apps.yaml';
      const text = c().text(apps);
      const path = text.replace('path: ./apps/production', 'path: ./apps/');
      expect(await complete(apps, path, './apps/', 7)).toEqual([
        './apps/base/',
        './apps/production/',
        './apps/staging/',
      ]);
      // The other Kustomizations of the cluster (apps itself is not offered).
      const dep = text.replace('- name: infra-configs', '- name: ');
      expect(await complete(apps, dep, '- name: ', 8)).toEqual(['infra-controllers', 'infra-configs']);
      await c().change(apps, text);
    },
    TIMEOUT,
  );

  it(
    'offers prune: true for a Kustomization with prune: false, and the fix clears the finding',
    () => pruneFix(c(), 'clusters/production/apps.yaml', 'prune: true', 'prune: false'),
    TIMEOUT,
  );
});

describe('kustomize-ts lsp --stdio on joryirving/home-ops (≈1,100 files)', () => {
  if (!hasShared) {
    it.skip(sharedSkipReason('the fleet corpus'), () => {});
    return;
  }
  const server = lspOnCopy(fleet('joryirving__home-ops'), 'kts-lsp-home-ops-', TIMEOUT);
  const c = server.c;
  const plex = 'kubernetes/apps/main/media/plex.yaml';
  const rook = 'kubernetes/apps/base/rook-ceph/rook-ceph/app/helmrelease.yaml';

  it(
    'publishes a finding on an app’s Kustomization, then an error typed in its kustomization and its fix',
    async () => {
      await c().open(plex);
      const d = await c().waitForDiagnostics(plex, (l) => l.length > 0);
      // plex (its spec.wait on line 39 is false) has four dependents in media.
      expect(d.map((x) => [x.code, x.severity, x.range.start])).toEqual([
        ['flux/no-health-checks', 2, { line: 38, character: 2 }],
      ]);
      expect(d[0]?.message).toContain('Kustomization media/plex is a dependency of media/plex-auto-languages');
      const file = 'kubernetes/apps/base/media/plex/app/kustomization.yaml';
      const e = await expectBuildErrorWhileTyped(c(), file, './helmrelease.yaml', './helmrelease-typo.yaml');
      expect(e.message).toContain('helmrelease-typo.yaml: no such file or directory');
    },
    TIMEOUT,
  );

  it(
    'hovers a HelmRelease timeout the file sets to 15m: 10m in the cluster, from the patch the parent injects',
    async () => {
      await c().open(rook);
      expect(valueLines(hoverText(await c().hover(rook, c().positionOf(rook, 'timeout: 15m'))))).toEqual([
        '- kubernetes/clusters/main · rook-ceph/rook-ceph — HelmRelease rook-ceph/rook-ceph: `10m` (set by kubernetes/clusters/main/apps.yaml:23)',
      ]);
      const hr = 'kubernetes/apps/base/media/plex/app/helmrelease.yaml';
      await c().open(hr);
      expect(valueLines(hoverText(await c().hover(hr, c().positionOf(hr, 'tag:'))))).toEqual([
        '- kubernetes/clusters/main · media/plex — HelmRelease media/plex: `1.43.3.10896@sha256:be6f3416f2d15b606487f62d278fb3adfee7c05900684d7aae645082f5840b86` (set by kubernetes/apps/base/media/plex/app/helmrelease.yaml:32)',
      ]);
    },
    TIMEOUT,
  );

  it(
    'goes to a Flux path’s kustomization, a dependsOn’s Kustomization and the patch that set a field',
    async () => {
      const at = async (file: string, needle: string, shift: number, nth = 0): Promise<[string, number][]> =>
        locations(await c().definition(file, c().positionOf(file, needle, shift, nth))).map((l) => [
          l.uri,
          l.range.start.line,
        ]);
      expect(await at(plex, './kubernetes/apps/base/media/plex/app', 3)).toEqual([
        [c().uri('kubernetes/apps/base/media/plex/app/kustomization.yaml'), 0],
      ]);
      // plex-auto-languages depends on plex (the first `- name: plex` is in a commented-out document).
      expect(await at(plex, '- name: plex', 9, 1)).toEqual([[c().uri(plex), 22]]);
      // `- # Add Kustomization defaults …` / `patch: |-` of cluster-apps, line 23.
      expect(await at(rook, 'timeout: 15m', 1)).toEqual([[c().uri('kubernetes/clusters/main/apps.yaml'), 22]]);
    },
    TIMEOUT,
  );

  it(
    'renders an app’s Flux Kustomization with its components and variables substituted',
    async () => {
      await c().open(plex);
      const r = (await c().render(plex, c().positionOf(plex, 'path: ./kubernetes/apps/base/media/plex/app'))) as {
        kind: string;
        title: string;
        yaml: string;
      };
      expect([r.kind, r.title]).toEqual(['flux', 'kubernetes/clusters/main · media/plex']);
      expect(r.yaml).toContain(
        'tag: 1.43.3.10896@sha256:be6f3416f2d15b606487f62d278fb3adfee7c05900684d7aae645082f5840b86',
      );
      // The kopiur/backup component's SnapshotPolicy: `name: ${APP}` (APP: plex in plex.yaml), and
      // `runAsUser: ${KOPIUR_PUID:=1000}` (plex sets no KOPIUR_PUID).
      expect(r.yaml).toContain(
        '  labels:\n    kustomize.toolkit.fluxcd.io/name: plex\n    kustomize.toolkit.fluxcd.io/namespace: media\n' +
          '  name: plex\n  namespace: media\nspec:\n  compression:',
      );
      expect(r.yaml).toContain('    securityContext:\n      runAsGroup: 100\n      runAsUser: 1000\n  repository:');
      expect(r.yaml).not.toContain('${APP}');
    },
    TIMEOUT,
  );

  it(
    'completes ${VAR} names from the postBuild substitutions, and dependsOn names of the cluster',
    async () => {
      const restore = 'kubernetes/components/kopiur/backup/restore.yaml';
      const text = c().text(restore);
      await c().open(restore, text.replace('name: ${APP}', 'name: ${'));
      expect(completionLabels(await c().completion(restore, c().positionOf(restore, 'name: ${', 8))).sort()).toEqual([
        'APP',
        'CLUSTER',
        'KOPIUR_ACCESSMODES',
        'KOPIUR_CAPACITY',
        'KOPIUR_ON_MISSING_SNAPSHOT',
        'KOPIUR_PGID',
        'KOPIUR_PUID',
        'KOPIUR_SNAPSHOTCLASS',
        'KOPIUR_STORAGECLASS',
        'SSLMODE',
        'STORAGECLASS',
        'STORAGE_HR',
        'STORAGE_NS',
        'ZEROSCALER_JOB_NAME',
      ]);
      await c().change(restore, text);
      const original = c().text(plex);
      await c().change(plex, original.replace(/(plex-auto-languages\nspec:\n {2}dependsOn:\n {4}- name: )plex/, '$1'));
      const names = completionLabels(await c().completion(plex, c().positionOf(plex, '- name: \n', 8)));
      expect(names).toEqual(expect.arrayContaining(['plex', 'tautulli', 'rook-ceph-cluster', 'kopiur']));
      expect(names).not.toContain('plex-auto-languages');
      await c().change(plex, original);
    },
    TIMEOUT,
  );

  it(
    'offers prune: true for an app with prune: false, and the fix clears the finding',
    () => pruneFix(c(), plex, 'prune: true', 'prune: false'),
    TIMEOUT,
  );
});
