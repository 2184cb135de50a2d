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
