/** Editor sessions: correct invalidation, and reuse of everything an edit did not touch. */
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/api/session.js';
import { memoryFs } from '../../src/fs/memory.js';

const files = {
  '/repo/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
  '/repo/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: slow\n',
  '/repo/other/kustomization.yaml': 'resources:\n- x.yaml\n',
  '/repo/other/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  '/repo/overlay/kustomization.yaml': 'namePrefix: prod-\nresources:\n- ../base\n',
  '/repo/README.md': 'hello',
};

describe('session', () => {
  it('rebuilds the overlay when its base changes', () => {
    const s = createSession({ files });
    expect(s.build('/repo/overlay').toYaml()).toContain('mode: slow');
    s.update('/repo/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: fast\n');
    const again = s.build('/repo/overlay').toYaml();
    expect(again).toContain('mode: fast');
    expect(again).toContain('name: prod-cfg');
  });

  it('reuses the built base and parsed files after an unrelated edit', () => {
    const s = createSession({ files });
    s.build('/repo/overlay');
    const before = { ...s.stats };
    s.update('/repo/other/x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
    s.update('/repo/README.md', 'changed');
    s.build('/repo/overlay');
    expect(s.stats.dirBuilds).toBe(before.dirBuilds);
    expect(s.stats.parses).toBe(before.parses);
    expect(s.stats.dirHits).toBe(before.dirHits + 1);
  });

  it('rebuilds only the edited overlay, not its base, after an overlay edit', () => {
    const s = createSession({ files });
    s.build('/repo/overlay');
    const before = { ...s.stats };
    s.update('/repo/overlay/kustomization.yaml', 'namePrefix: staging-\nresources:\n- ../base\n');
    expect(s.build('/repo/overlay').toYaml()).toContain('name: staging-cfg');
    expect(s.stats.dirBuilds).toBe(before.dirBuilds);
    expect(s.stats.dirHits).toBe(before.dirHits + 1);
  });

  it('reuses a base built for one overlay in another overlay', () => {
    const s = createSession({
      files: { ...files, '/repo/second/kustomization.yaml': 'nameSuffix: -two\nresources:\n- ../base\n' },
    });
    s.build('/repo/overlay');
    const before = { ...s.stats };
    expect(s.build('/repo/second').toYaml()).toContain('name: cfg-two');
    expect(s.stats.dirHits).toBe(before.dirHits + 1);
  });

  it('does not reuse a base under a referrer one of its folders contains (the cycle is still reported)', () => {
    const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    const s = createSession({
      files: {
        '/repo/shared/kustomization.yaml': 'resources:\n- cm.yaml\n',
        '/repo/shared/cm.yaml': cm('shared'),
        '/repo/lib/kustomization.yaml': 'resources:\n- ../shared\n',
        '/repo/app/kustomization.yaml': 'resources:\n- ../lib\n',
        // lib opens shared, which contains this folder: a cycle when lib is reached from here.
        '/repo/shared/x/kustomization.yaml': 'resources:\n- ../../lib\n',
      },
    });
    expect(s.build('/repo/app').ok).toBe(true);
    const looped = s.build('/repo/shared/x');
    expect(looped.ok).toBe(false);
    expect(looped.diagnostics.map((d) => d.message).join('\n')).toContain('cycle detected');
  });

  it('sees a file appear and disappear', () => {
    const s = createSession({ files });
    s.remove('/repo/base/cm.yaml');
    expect(s.build('/repo/overlay').ok).toBe(false);
    s.update('/repo/base/cm.yaml', files['/repo/base/cm.yaml']);
    expect(s.build('/repo/overlay').ok).toBe(true);
  });

  it('layers edits over a base file system without changing it', () => {
    const base = memoryFs(files);
    const s = createSession({ base });
    s.update('/repo/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edited\n');
    expect(s.build('/repo/overlay').toYaml()).toContain('prod-edited');
    expect(new TextDecoder().decode(base.readFile('/repo/base/cm.yaml'))).toContain('name: cfg');
  });

  it('gives the same output as a fresh build after many edits', () => {
    const s = createSession({ files });
    for (let i = 0; i < 5; i++) {
      s.update('/repo/base/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  n: "${i}"\n`);
      const fresh = createSession({
        files: {
          ...files,
          '/repo/base/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  n: "${i}"\n`,
        },
      });
      expect(s.build('/repo/overlay').toYaml()).toBe(fresh.build('/repo/overlay').toYaml());
    }
  });
});

describe('session lint', () => {
  it('reuses the built bases across lint runs and sees edits', async () => {
    const { nodeFs } = await import('../../src/node/node-fs.js');
    const path = await import('node:path');
    const { repoRoot } = await import('../helpers/shared.js');
    const root = path.join(repoRoot, 'fixtures/fleet-infra');
    const s = createSession({ base: nodeFs() });
    const first = s.lint(root, { schema: false });
    const builds = s.stats.dirBuilds;
    const second = s.lint(root, { schema: false });
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect(s.stats.dirBuilds).toBe(builds);
    expect(s.stats.dirHits).toBeGreaterThan(0);
    // Forget prune on production's infrastructure: the finding appears, at the edited file.
    const file = path.join(root, 'clusters/production/infrastructure.yaml');
    const text = new TextDecoder().decode(nodeFs().readFile(file));
    s.update(file, text.replace('  prune: true\n', '  prune: false\n'));
    const third = s.lint(root, { schema: false });
    const prune = third.diagnostics.filter((d) => d.code === 'flux/prune-disabled');
    expect(prune.map((d) => [d.file, d.line])).toEqual([['clusters/production/infrastructure.yaml', 12]]); // the prune: false line
  });
});

describe('session with reported changes', () => {
  /** The fleet-infra fixture in memory (so that edits are reported: no base file system). */
  async function fixtureFiles(): Promise<Record<string, string>> {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { repoRoot } = await import('../helpers/shared.js');
    const dir = path.join(repoRoot, 'fixtures/fleet-infra');
    const files: Record<string, string> = {};
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (e.isFile())
        files[`/repo/${path.relative(dir, path.join(e.parentPath, e.name))}`] = readFileSync(
          path.join(e.parentPath, e.name),
          'utf8',
        );
    return files;
  }

  it('lints and renders as a fresh session does after each edit, reusing what the edits left alone', async () => {
    const files = await fixtureFiles();
    const s = createSession({ files });
    const edits: [string, (t: string) => string][] = [
      ['/repo/apps/base/my-app/deployment.yaml', (t) => t.replace(/image: .*/, 'image: nginx:latest')],
      ['/repo/clusters/production/infrastructure.yaml', (t) => t.replace('  prune: true\n', '  prune: false\n')],
      ['/repo/apps/production/my-app-patch.yaml', (t) => t.replace(/replicas: \d+/, 'replicas: 9')],
      ['/repo/apps/base/redis/extra.yaml', () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n'],
    ];
    const current = { ...files };
    const fleet = { cluster: 'clusters/production' };
    s.lint('/repo');
    s.renderFleet('/repo', fleet);
    for (const [file, edit] of edits) {
      current[file] = edit(current[file] ?? '');
      s.update(file, current[file]);
      const before = { ...s.stats };
      const fresh = createSession({ files: current });
      expect(s.lint('/repo').diagnostics).toEqual(fresh.lint('/repo').diagnostics);
      const rendered = (r: ReturnType<typeof s.renderFleet>): unknown =>
        r.kustomizations.map((k) => [k.id, k.status, k.objects.map((o) => o.object), k.diagnostics]);
      expect(rendered(s.renderFleet('/repo', fleet))).toEqual(rendered(fresh.renderFleet('/repo', fleet)));
      expect(s.stats.memoHits).toBeGreaterThan(before.memoHits);
    }
    // Nothing changed since: the same result object.
    expect(s.lint('/repo')).toBe(s.lint('/repo'));
  });
});
