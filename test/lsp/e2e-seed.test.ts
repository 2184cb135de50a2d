/// <reference types="node" />
/**
 * The language server end to end, as an editor drives it: the built CLI's `kustomize-ts lsp --stdio` in a
 * child process and a real LSP client (vscode-jsonrpc with the protocol's types) on the seed repository
 * (fixtures/fleet-infra): diagnostics as an error is typed and fixed, hover, definition, render, completion
 * and quick fixes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import {
  applyEdits,
  completionLabels as items,
  expectBuildErrorWhileTyped,
  hoverText,
  locations,
  lspOnCopy,
} from '../helpers/lsp-client.js';
import { repoRoot } from '../helpers/shared.js';

const TIMEOUT = 120_000;

describe('kustomize-ts lsp --stdio on the seed repository', () => {
  // A copy: the render command writes nothing here, but a test must not depend on the fixture staying put.
  const server = lspOnCopy(join(repoRoot, 'fixtures/fleet-infra'), 'kts-lsp-seed-', TIMEOUT);
  const c = server.c;

  it('initializes with the features', () => {
    const caps = c().initialized.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.completionProvider).toBeDefined();
    expect(caps.codeActionProvider).toBeDefined();
    expect(caps.executeCommandProvider?.commands).toEqual(['kustomize-ts.render']);
    expect(c().initialized.serverInfo?.name).toBe('kustomize-ts');
  });

  it(
    'publishes the lint findings of the workspace with code, severity and rule page',
    async () => {
      const d = await c().waitForDiagnostics('clusters/production/apps.yaml', (l) => l.length > 0);
      expect(d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character])).toEqual([
        ['flux/health-checks-ignored', 3, 15, 2],
      ]);
      expect(d[0]?.codeDescription?.href).toBe(
        'https://github.com/kustomize-ts/kustomize-ts/blob/main/docs/rules/flux/health-checks-ignored.md',
      );
      expect(d[0]?.source).toBe('kustomize-ts');
    },
    TIMEOUT,
  );

  it(
    'reports an error as it is typed, at its range, and the empty list once it is fixed',
    async () => {
      const file = 'apps/production/kustomization.yaml';
      const d = await expectBuildErrorWhileTyped(c(), file, '../base/redis', '../base/redis-typo');
      expect(d.message).toContain('redis-typo');
    },
    TIMEOUT,
  );

  it(
    'reports YAML syntax errors of an open buffer where the parser finds them, and keeps the rest',
    async () => {
      const file = 'apps/staging/my-app-patch.yaml';
      const original = c().text(file);
      await c().open(file);
      await c().change(file, original.replace('replicas: 2', 'replicas: [2'));
      const d = await c().waitForDiagnostics(file, (l) => l.some((x) => x.code === 'yaml/syntax'));
      expect(d.find((x) => x.code === 'yaml/syntax')?.range.start.line).toBeGreaterThanOrEqual(5);
      // The other cluster still has its findings.
      const other = await c().waitForDiagnostics('clusters/production/apps.yaml', (l) => l.length > 0);
      expect(other.map((x) => x.code)).toEqual(['flux/health-checks-ignored']);
      await c().change(file, original);
      expect(await c().waitForDiagnostics(file, (l) => l.length === 0)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'hovers replicas in apps/production: 5, set by the patch file and line',
    async () => {
      const file = 'apps/production/my-app-patch.yaml';
      await c().open(file);
      const h = await c().hover(file, c().positionOf(file, 'replicas', 2));
      const text = hoverText(h);
      expect(text).toContain('clusters/production · flux-system/apps — Deployment production/my-app: `5`');
      expect(text).toContain('set by apps/production/my-app-patch.yaml:6');
    },
    TIMEOUT,
  );

  it(
    'hovers replicas in the base: the value in every cluster and where each was set',
    async () => {
      const file = 'apps/base/my-app/deployment.yaml';
      await c().open(file);
      const text = hoverText(await c().hover(file, c().positionOf(file, 'replicas', 1)));
      expect(text.split('\n').filter((l) => l.startsWith('- '))).toEqual([
        '- clusters/production · flux-system/apps — Deployment production/my-app: `5` (set by apps/production/my-app-patch.yaml:6)',
        '- clusters/staging · flux-system/apps — Deployment staging/my-app: `2` (set by apps/staging/my-app-patch.yaml:6)',
      ]);
    },
    TIMEOUT,
  );

  it(
    'hovers a resources entry: what it contributes',
    async () => {
      const file = 'apps/production/kustomization.yaml';
      const text = hoverText(await c().hover(file, c().positionOf(file, '../base/redis', 3)));
      expect(text).toContain('**../base/redis** contributes 2 objects');
      expect(text).toContain('- Deployment production/redis (clusters/production)');
      expect(text).toContain('- Service production/redis (clusters/production)');
    },
    TIMEOUT,
  );

  it(
    'goes from a resources entry to the folder’s kustomization, and from a rendered field to the patch',
    async () => {
      const k = 'apps/production/kustomization.yaml';
      const toBase = locations(await c().definition(k, c().positionOf(k, '../base/my-app', 2)));
      expect(toBase.map((l) => l.uri)).toEqual([c().uri('apps/base/my-app/kustomization.yaml')]);
      const toPatch = locations(await c().definition(k, c().positionOf(k, 'my-app-patch.yaml', 1)));
      expect(toPatch.map((l) => l.uri)).toEqual([c().uri('apps/production/my-app-patch.yaml')]);
      const base = 'apps/base/my-app/deployment.yaml';
      const setters = locations(await c().definition(base, c().positionOf(base, 'replicas', 1)));
      expect(setters.map((l) => [l.uri, l.range.start.line])).toEqual([
        [c().uri('apps/production/my-app-patch.yaml'), 5],
        [c().uri('apps/staging/my-app-patch.yaml'), 5],
      ]);
    },
    TIMEOUT,
  );

  it(
    'goes from a Flux path to the kustomization and from a dependsOn name to that Kustomization',
    async () => {
      const file = 'clusters/production/apps.yaml';
      await c().open(file);
      const toPath = locations(await c().definition(file, c().positionOf(file, './apps/production', 3)));
      expect(toPath.map((l) => l.uri)).toEqual([c().uri('apps/production/kustomization.yaml')]);
      const toDep = locations(await c().definition(file, c().positionOf(file, 'name: infrastructure', 8)));
      expect(toDep.map((l) => [l.uri, l.range.start.line])).toEqual([
        [c().uri('clusters/production/infrastructure.yaml'), 0],
      ]);
    },
    TIMEOUT,
  );

  it(
    'renders the Flux Kustomization under the cursor, and opens it as a document',
    async () => {
      const file = 'clusters/production/apps.yaml';
      const pos = c().positionOf(file, 'prune', 1);
      const r = (await c().render(file, pos)) as { kind: string; title: string; yaml: string; uri: string };
      expect(r.kind).toBe('flux');
      expect(r.title).toBe('clusters/production · flux-system/apps');
      expect(r.uri).toBe('kustomize-ts:/render/clusters/production/flux-system/apps.yaml');
      expect(r.yaml).toContain('  replicas: 5\n');
      expect(r.yaml).toContain('kustomize.toolkit.fluxcd.io/name: apps');
      const opened = (await c().executeCommand('kustomize-ts.render', [c().uri(file), pos])) as {
        shown: string;
      };
      expect(c().shown).toEqual([opened.shown]);
      expect(readFileSync(fileURLToPath(opened.shown), 'utf8')).toBe(r.yaml);
    },
    TIMEOUT,
  );

  it(
    'renders the kustomization folder of a file as kustomize build does',
    async () => {
      const file = 'apps/production/my-app-patch.yaml';
      const r = (await c().render(file, { line: 0, character: 0 })) as { kind: string; title: string; yaml: string };
      expect(r.kind).toBe('kustomize');
      expect(r.title).toBe('apps/production');
      expect(r.yaml).toContain('  namespace: production\nspec:\n  replicas: 5\n');
    },
    TIMEOUT,
  );

  it(
    'completes kustomization fields, paths, dependsOn names and ${VAR} names',
    async () => {
      const k = 'apps/production/kustomization.yaml';
      const original = c().text(k);
      await c().change(k, original.replace('patches:', 'na\npatches:'));
      expect(items(await c().completion(k, c().positionOf(k, 'na\n', 2)))).toEqual(
        expect.arrayContaining(['namespace', 'namePrefix', 'nameSuffix']),
      );
      await c().change(k, original.replace('  - ../base/redis\n', '  - ../base/redis\n  - ../base/\n'));
      expect(items(await c().completion(k, c().positionOf(k, '../base/\n', 8)))).toEqual([
        '../base/my-app/',
        '../base/redis/',
      ]);
      await c().change(k, original);

      const apps = 'clusters/production/apps.yaml';
      const text = c().text(apps);
      await c().change(apps, text.replace('- name: infrastructure', '- name: '));
      expect(items(await c().completion(apps, c().positionOf(apps, '- name: ', 8)))).toEqual(
        expect.arrayContaining(['infrastructure', 'flux-system']),
      );
      await c().change(
        apps,
        text.replace('  prune: true', '  prune: true\n  postBuild:\n    substitute:\n      CLUSTER_NAME: production'),
      );
      const ns = 'apps/production/namespace.yaml';
      await c().open(ns, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${\n');
      expect(items(await c().completion(ns, { line: 3, character: 10 }))).toEqual(['CLUSTER_NAME']);
      await c().change(apps, text);
      await c().change(ns, readFileSync(join(server.root(), ns), 'utf8'));
    },
    TIMEOUT,
  );

  it(
    'offers prune: true for a Kustomization without prune, and the fix clears the finding',
    async () => {
      const file = 'clusters/production/infrastructure.yaml';
      const original = c().text(file);
      await c().open(file);
      await c().change(file, original.replace('  prune: true\n', ''));
      const d = await c().waitForDiagnostics(file, (l) => l.some((x) => x.code === 'flux/prune-disabled'));
      const actions = ((await c().codeActions(file, d)) ?? []) as CodeAction[];
      expect(actions.map((a) => a.title)).toEqual(['Add prune: true']);
      const edits = actions[0]?.edit?.changes?.[c().uri(file)] ?? [];
      expect(edits).toHaveLength(1);
      await c().change(file, applyEdits(c().text(file), edits));
      const after: Diagnostic[] = await c().waitForDiagnostics(
        file,
        (l) => !l.some((x) => x.code === 'flux/prune-disabled'),
      );
      expect(after).toEqual([]);
    },
    TIMEOUT,
  );
});
