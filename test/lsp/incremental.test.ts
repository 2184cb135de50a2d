/// <reference types="node" />
/**
 * The editor loop is incremental (kept renders, cluster indexes, rule and schema findings), and must
 * answer exactly what a cold start answers: for sequences of edits on fixture fleets (buffers typed,
 * closed, files changed, created and deleted on disk), the workspace's analysis after each edit equals a
 * fresh workspace's over the same files — findings, rendered objects, every Kustomization's status and
 * facts. The same for an editing session without reported changes (kept results checked by re-reading).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/api/session.js';
import { memoryFs, type MutableMemoryFs } from '../../src/fs/memory.js';
import type { FileSystem } from '../../src/fs/types.js';
import type { LintContext } from '../../src/lint/context.js';
import { Workspace, type Analysis } from '../../src/lsp/workspace.js';
import { repoRoot } from '../helpers/shared.js';

const ROOT = '/repo';

/** A fixture's files under {@link ROOT}. */
function fixtureFiles(name: string): Record<string, string> {
  const dir = join(repoRoot, 'fixtures', name);
  const files: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      files[`${ROOT}/${relative(dir, join(e.parentPath, e.name))}`] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return files;
}

/** One edit: the file, its new text (undefined: deleted), and how it reaches the editor. */
interface Edit {
  file: string;
  text: (current: string | undefined) => string | undefined;
  /** `buffer`: typed in an open buffer; `close`: the buffer closed (the disk's text counts again); `disk`: changed on disk. */
  via: 'buffer' | 'close' | 'disk';
}

const edit = (file: string, from: string | RegExp, to: string, via: Edit['via'] = 'buffer'): Edit => ({
  file,
  via,
  text: (t) => {
    const next = (t ?? '').replace(from, to);
    if (next === t) throw new Error(`the edit of ${file} changes nothing`);
    return next;
  },
});
const write = (file: string, text: string, via: Edit['via'] = 'disk'): Edit => ({ file, via, text: () => text });
const remove = (file: string): Edit => ({ file, via: 'disk', text: () => undefined });
const close = (file: string): Edit => ({ file, via: 'close', text: () => undefined });

interface Scenario {
  fixture: string;
  /** The clusters the session lints (the workspace finds them itself). */
  clusters: string[];
  edits: Edit[];
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  image: nginx:latest\n';

/** A Flux Kustomization syncing its own folder: the folder is a cluster. */
const DEV_SYNC =
  'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\n  namespace: flux-system\n' +
  'spec:\n  interval: 10m\n  path: ./clusters/dev\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';

const scenarios: Scenario[] = [
  {
    fixture: 'fleet-infra',
    clusters: ['clusters/production', 'clusters/staging'],
    edits: [
      edit('apps/base/my-app/deployment.yaml', /image: .*/, 'image: nginx:latest'),
      edit('apps/production/my-app-patch.yaml', /replicas: \d+/, 'replicas: 9'),
      edit('clusters/production/infrastructure.yaml', '  prune: true\n', '  prune: false\n', 'disk'),
      write('apps/base/redis/extra.yaml', CONFIGMAP),
      edit('apps/base/redis/kustomization.yaml', /resources:\n/, 'resources:\n  - extra.yaml\n', 'disk'),
      remove('apps/base/redis/service.yaml'),
      edit('apps/staging/namespace.yaml', /name: .*/, 'name: [broken'),
      close('apps/staging/namespace.yaml'),
      close('apps/base/my-app/deployment.yaml'),
      write('apps/base/redis/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: redis\n'),
      write('clusters/dev/sync.yaml', DEV_SYNC),
      edit('apps/base/redis/deployment.yaml', /^/, `${DEV_SYNC}---\n`, 'disk'),
      remove('clusters/dev/sync.yaml'),
    ],
  },
  {
    fixture: 'flux-substitute',
    clusters: ['clusters/dev'],
    edits: [
      edit('clusters/dev/vars.yaml', 'ENV: dev', 'ENV: prod'),
      edit('clusters/dev/vars.yaml', '  ZONE: zone-from-configmap\n', ''),
      edit('forms/deployment.yaml', 'image: nginx:1.27', 'image: nginx:${ENV}', 'disk'),
      close('clusters/dev/vars.yaml'),
    ],
  },
  {
    fixture: 'flux-artifacts',
    clusters: ['clusters/dev'],
    edits: [
      edit('apps/base/configmap.yaml', 'env: base', 'env: edited'),
      write('apps/base/extra.yaml', CONFIGMAP, 'disk'),
      edit('apps/base/kustomization.yaml', /resources:\n/, 'resources:\n  - extra.yaml\n', 'disk'),
      edit('infra/extra.yaml', /name: .*/, 'name: renamed', 'disk'),
      close('apps/base/configmap.yaml'),
    ],
  },
  {
    fixture: 'flux-generated',
    clusters: ['clusters/dev'],
    edits: [
      write('apps/web/new.yaml', CONFIGMAP),
      edit('apps/web/deployment.yaml', 'image: nginx:1.27', 'image: nginx:latest', 'disk'),
      write('.sourceignore', '# Flux ignore\napps/web/ignored-by-sourceignore.yaml\napps/web/new.yaml\n', 'disk'),
      remove('apps/db/kustomization.yaml'),
      write('empty/cm.yaml', CONFIGMAP, 'disk'),
    ],
  },
  {
    fixture: 'flux-parent-patch',
    clusters: ['clusters/dev'],
    edits: [
      // The parent injects a patch into its child; then a line above it moves where that patch is.
      edit(
        'clusters/dev/apps.yaml',
        '          timeout: 5m\n',
        '          timeout: 5m\n          patches:\n            - target: {kind: Ingress}\n              patch: |\n' +
          '                - {op: add, path: /metadata/annotations, value: {injected: "yes"}}\n',
      ),
      edit('clusters/dev/apps.yaml', /^/, '# a line above the patch\n'),
    ],
  },
  {
    fixture: 'flux-components',
    clusters: ['clusters/dev'],
    edits: [
      edit('components/base/kustomization.yaml', 'component: base', 'component: edited'),
      edit('app/configmap.yaml', /name: .*/, 'name: renamed', 'disk'),
      close('components/base/kustomization.yaml'),
    ],
  },
];

/** What an analysis shows, as plain data. */
function shown(a: Analysis): unknown {
  return {
    diagnostics: [...a.diagnostics].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    unplaced: a.unplaced,
    objects: a.objects.map((o) => [o.place, o.unit.id, o.origin.file, o.object, [...(o.fieldOrigins ?? [])]]),
    rendered: rendered(a.context),
  };
}

/** Every cluster's render: each Kustomization's status, facts and objects, the HelmReleases, the graph. */
function rendered(context: LintContext): unknown {
  return {
    clusters: context.clusters.map((c) => ({
      name: c.name,
      entry: c.fleet.entry,
      kustomizations: c.fleet.kustomizations.map((k) => ({
        ...k,
        objects: k.objects.map((o) => [o.object, o.origin.file, o.origin.range]),
        kustomizeObjects: k.kustomizeObjects.map((o) => [o.object, o.origin.file]),
        spec: k.spec.object,
      })),
      helmReleases: c.fleet.helmReleases.map((h) => ({ ...h, objects: h.objects.map((o) => o.object) })),
      sources: c.fleet.sources.map((s) => [s.kind, s.namespace, s.name, s.renderedBy, s.mappedTo ?? null]),
      graph: c.fleet.graph,
      diagnostics: c.fleet.diagnostics,
    })),
    standalone: context.standalone.map((u) => [u.id, u.objects.map((o) => o.object), u.diagnostics]),
    builds: context.builds.map((b) => [b.dir, b.result.resources.map((r) => r.object), [...b.closure]]),
  };
}

/** Applies an edit to the files as they are now (the disk's, and the buffers over them). */
class Files {
  readonly disk: MutableMemoryFs & FileSystem;
  private readonly buffers = new Map<string, string>();

  constructor(files: Record<string, string>) {
    this.disk = memoryFs(files);
  }

  /** The text a cold start sees. */
  current(): Record<string, string> {
    const out = new Map<string, string>();
    for (const f of this.disk.listFiles()) out.set(f, new TextDecoder().decode(this.disk.readFile(f)));
    for (const [f, t] of this.buffers) out.set(f, t);
    return Object.fromEntries(out);
  }

  text(file: string): string | undefined {
    return this.current()[file];
  }

  /** Applies `e`; `onDisk`/`onBuffer`/`onClose` tell the host. */
  apply(
    e: Edit,
    host: { onDisk(file: string): void; onBuffer(file: string, text: string): void; onClose(file: string): void },
  ): void {
    const file = `${ROOT}/${e.file}`;
    if (e.via === 'close') {
      this.buffers.delete(file);
      host.onClose(file);
      return;
    }
    const text = e.text(this.text(file));
    if (e.via === 'buffer' && text !== undefined) {
      this.buffers.set(file, text);
      host.onBuffer(file, text);
      return;
    }
    if (text === undefined) this.disk.removeFile(file);
    else this.disk.writeFile(file, text);
    host.onDisk(file);
  }
}

describe('the workspace after each edit answers what a fresh workspace answers', () => {
  for (const s of scenarios) {
    it(`${s.fixture}: ${s.edits.length} edits`, () => {
      const files = new Files(fixtureFiles(s.fixture));
      const ws = new Workspace({ root: ROOT, fs: files.disk });
      expect(shown(ws.analysis())).toEqual(
        shown(new Workspace({ root: ROOT, fs: memoryFs(files.current()) }).analysis()),
      );
      for (const [i, e] of s.edits.entries()) {
        files.apply(e, {
          onDisk: (f) => ws.fileChanged(f),
          onBuffer: (f, t) => ws.setBuffer(f, t),
          onClose: (f) => ws.closeBuffer(f),
        });
        const fresh = new Workspace({ root: ROOT, fs: memoryFs(files.current()) });
        expect(shown(ws.analysis()), `after edit ${i + 1} (${e.via} ${e.file})`).toEqual(shown(fresh.analysis()));
      }
    });
  }
});

for (const changes of ['detect', 'report'] as const) {
  describe(`a session (changes: ${changes}) lints after each edit what a fresh session lints`, () => {
    for (const s of scenarios) {
      it(`${s.fixture}: ${s.edits.length} edits`, () => {
        const files = new Files(fixtureFiles(s.fixture));
        // detect: changes on disk are not reported, the session finds them by re-reading what it kept.
        const session = createSession({ base: files.disk, changes });
        const lint = (x: ReturnType<typeof createSession>): unknown => {
          const r = x.lint(ROOT, { clusters: s.clusters });
          const fleets = s.clusters.map((c) => x.renderFleet(ROOT, { cluster: c }));
          return {
            result: r,
            fleets: fleets.map((f) =>
              f.kustomizations.map((k) => [k.id, k.status, k.diagnostics, k.objects.map((o) => o.object)]),
            ),
          };
        };
        lint(session);
        for (const [i, e] of s.edits.entries()) {
          files.apply(e, {
            onDisk: (f) => (changes === 'report' ? session.changed(f) : undefined),
            onBuffer: (f, t) => session.update(f, t),
            onClose: (f) => session.revert(f),
          });
          const fresh = createSession({ base: memoryFs(files.current()) });
          expect(lint(session), `after edit ${i + 1} (${e.via} ${e.file})`).toEqual(lint(fresh));
        }
      });
    }
  });
}
