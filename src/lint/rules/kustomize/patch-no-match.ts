/**
 * `kustomize/patch-no-match`: a patch `target` selects no resource, so kustomize skips the patch
 * silently. Judged over every build that includes the kustomization file (a component's patch may match
 * in one includer and not another): reported only when it matches nothing in all of them.
 */
import { locateKey } from '../../../yaml/locate.js';
import { getField, isMap, type YamlValue } from '../../../yaml/values.js';
import { dirname, relative } from '../../../fs/path.js';
import type { LintRule } from '../../context.js';

function selectorText(v: YamlValue | undefined): string {
  if (!isMap(v)) return '(no target)';
  const parts: string[] = [];
  for (const k of ['group', 'version', 'kind', 'namespace', 'name', 'labelSelector', 'annotationSelector']) {
    const x = getField(v, k);
    if (typeof x === 'string' && x !== '') parts.push(`${k}=${x}`);
  }
  return parts.length > 0 ? parts.join(' ') : '(empty target)';
}

export const kustomizePatchNoMatch: LintRule<'noMatch'> = {
  meta: {
    id: 'kustomize/patch-no-match',
    description: 'A patch target selects no resource, so kustomize skips the patch silently.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: { noMatch: '{{field}}[{{index}}] targets {{selector}}, which selects no resource in {{builds}}: the patch is skipped silently' },
    docs: 'docs/rules/kustomize/patch-no-match.md',
  },
  check(context, report) {
    const unmatched = new Map<string, { file: string; field: string; index: number; builds: Set<string> }>();
    const including = new Map<string, Set<string>>();
    for (const b of context.builds) {
      if (!b.result.ok) continue;
      for (const d of b.closure) {
        let s = including.get(d);
        if (!s) including.set(d, (s = new Set()));
        s.add(b.dir);
      }
      for (const u of b.result.unmatchedPatchTargets) {
        if (u.field === 'transformers') continue;
        const key = `${u.file}\u0000${u.field}\u0000${u.index}`;
        let e = unmatched.get(key);
        if (!e) unmatched.set(key, (e = { file: u.file, field: u.field, index: u.index, builds: new Set() }));
        e.builds.add(b.dir);
      }
    }
    for (const e of unmatched.values()) {
      const dir = dirname(e.file);
      const all = including.get(dir);
      if (!all || [...all].some((b) => !e.builds.has(b))) continue;
      const k = context.repo.kustomizations.get(dir);
      const list = k ? getField(k.value, e.field) : undefined;
      const item = Array.isArray(list) ? list[e.index] : undefined;
      const range = k?.document ? locateKey(k.document.node, [e.field, String(e.index), 'target'], k.repoFile.lineCounter) : undefined;
      const builds = [...all].map((b) => relative(context.root, b) || '.');
      report({
        messageId: 'noMatch',
        data: {
          field: e.field,
          index: e.index,
          selector: selectorText(isMap(item) ? getField(item, 'target') : undefined),
          builds: builds.length === 1 ? `the build of ${builds[0]}` : `any of the ${builds.length} builds that include it`,
        },
        location: range ? { file: e.file, range } : { file: e.file },
        path: `/${e.field}/${e.index}/target`,
        kustomization: relative(context.root, dir) || '.',
      });
    }
  },
};
