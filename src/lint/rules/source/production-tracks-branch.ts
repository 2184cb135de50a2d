/**
 * `source/production-tracks-branch`: a cluster whose name contains `prod` syncs from a source that tracks
 * a branch (a GitRepository with `ref.branch`, or no ref: branch `master`; a FluxInstance sync ref
 * `refs/heads/...`) rather than a tag, a semver range or a commit: every push to the branch reaches
 * production. Promotion by tag or semver range makes the promotion an explicit step (the seed's "use Git
 * tags or semver branches for production promotions").
 */
import { getField, isMap } from '../../../yaml/values.js';
import type { LintRule } from '../../context.js';

const PROD = /prod/i;

export const sourceProductionTracksBranch: LintRule<
  'branch' | 'defaultBranch' | 'instance',
  'source/production-tracks-branch'
> = {
  meta: {
    id: 'source/production-tracks-branch',
    description:
      'A production cluster syncs from a source that tracks a branch rather than a tag, semver range or commit.',
    defaultSeverity: 'info',
    recommended: true,
    messages: {
      branch:
        'cluster {{cluster}} (production) syncs {{source}} from branch {{branch}}: every push reaches production; promote with a tag, a semver range or a commit',
      defaultBranch:
        'cluster {{cluster}} (production) syncs {{source}}, which has no ref and tracks branch master: promote with a tag, a semver range or a commit',
      instance:
        'cluster {{cluster}} (production) is synced by its FluxInstance from {{ref}}, a branch: promote with a tag, a semver range or a commit',
    },
    docs: 'docs/rules/source/production-tracks-branch.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      if (!PROD.test(cluster.name)) continue;
      const used = new Set(
        cluster.fleet.kustomizations.map((k) => `${k.source.kind}/${k.source.namespace}/${k.source.name}`),
      );
      const done = new Set<string>();
      for (const s of cluster.fleet.sources) {
        const id = `${s.kind}/${s.namespace}/${s.name}`;
        if (s.kind !== 'GitRepository' || !used.has(id) || done.has(id) || s.ref?.type !== 'branch') continue;
        done.add(id);
        const o = cluster.objectOf(s.object);
        const spec = getField(s.object, 'spec');
        const ref = isMap(spec) ? getField(spec, 'ref') : undefined;
        const explicit = isMap(ref) && typeof getField(ref, 'branch') === 'string';
        report({
          messageId: explicit ? 'branch' : 'defaultBranch',
          data: { cluster: cluster.name, source: id, branch: s.ref.value },
          location: o
            ? context.locateObject(o, explicit ? '/spec/ref/branch' : '/spec', explicit ? 'value' : 'key')
            : undefined,
          path: explicit ? '/spec/ref/branch' : '/spec/ref',
          cluster: cluster.name,
        });
      }
      const sync = cluster.fleet.entry.instance;
      const inst = cluster.instance;
      if (
        sync?.ref !== undefined &&
        inst &&
        (sync.ref.startsWith('refs/heads/') || !/^(refs\/|[0-9a-f]{40}$|sha)/.test(sync.ref))
      ) {
        const kind = getField(inst.object, 'kind');
        const pointer =
          kind === 'FluxInstance'
            ? '/spec/sync/ref'
            : kind === 'HelmRelease'
              ? '/spec/values/instance/sync/ref'
              : '/instance/sync/ref';
        report({
          messageId: 'instance',
          data: { cluster: cluster.name, ref: sync.ref },
          location: context.locateObject(inst, pointer, 'value'),
          path: pointer,
          cluster: cluster.name,
        });
      }
    }
  },
};
