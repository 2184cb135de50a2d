/**
 * `kustomize/patch-no-match`: a patch `target` selects no resource, so kustomize skips the patch
 * silently. Judged over every build that includes the kustomization file (a component's patch may match
 * in one includer and not another): reported only when it matches nothing in all of them. The
 * `spec.patches` of Flux Kustomizations are matched against what kustomize built for them.
 */
import { locateKey } from '../../../yaml/locate.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../../yaml/values.js';
import { dirname, relative } from '../../../fs/path.js';
import type { FluxSelector } from '../../../flux/model.js';
import { compileAnchored, parseLabelSelector } from '../../../selector/index.js';
import type { LintCluster, LintContext, LintRule } from '../../context.js';
import { objectKey } from '../../context.js';
import type { FleetKustomization } from '../../../flux/fleet/index.js';
import type { Reporter } from '../../types.js';

function selectorText(v: YamlValue | undefined): string {
  if (!isMap(v)) return '(no target)';
  const parts: string[] = [];
  for (const k of ['group', 'version', 'kind', 'namespace', 'name', 'labelSelector', 'annotationSelector']) {
    const x = getField(v, k);
    if (typeof x === 'string' && x !== '') parts.push(`${k}=${x}`);
  }
  return parts.length > 0 ? parts.join(' ') : '(empty target)';
}

function stringMap(v: YamlValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!isMap(v)) return out;
  for (const k of Object.keys(v)) {
    const x = v[k];
    out.set(k, x === null ? 'null' : x === undefined || typeof x === 'object' ? '' : String(x));
  }
  return out;
}

function anchored(p: string | undefined): RegExp | undefined {
  return p ? compileAnchored(p) : undefined;
}

/**
 * Whether a Flux `spec.patches` target selects one of the objects kustomize built (before Flux's
 * post-processing). Names are tried as built and without the Kustomization's namePrefix/nameSuffix (the
 * patch may select the name before they apply); true when the selector cannot be read (no finding).
 */
function fluxTargetSelects(
  target: FluxSelector,
  objects: readonly { object: YamlMap }[],
  prefix: string,
  suffix: string,
): boolean {
  try {
    const g = anchored(target.group);
    const v = anchored(target.version);
    const k = anchored(target.kind);
    const n = anchored(target.name);
    const ns = anchored(target.namespace);
    const labels = target.labelSelector ? parseLabelSelector(target.labelSelector) : undefined;
    const annotations = target.annotationSelector ? parseLabelSelector(target.annotationSelector) : undefined;
    for (const o of objects) {
      const key = objectKey(o.object);
      const slash = key.apiVersion.indexOf('/');
      const version = slash < 0 ? key.apiVersion : key.apiVersion.slice(slash + 1);
      if (g && !g.test(key.group)) continue;
      if (v && !v.test(version)) continue;
      if (k && !k.test(key.kind)) continue;
      if (n) {
        let bare = key.name;
        if (prefix && bare.startsWith(prefix)) bare = bare.slice(prefix.length);
        if (suffix && bare.endsWith(suffix)) bare = bare.slice(0, bare.length - suffix.length);
        if (!n.test(key.name) && !n.test(bare)) continue;
      }
      if (ns && !ns.test(key.namespace) && !ns.test(key.namespace === '' ? 'default' : key.namespace)) continue;
      const meta = getField(o.object, 'metadata');
      if (labels && !labels.matches(stringMap(isMap(meta) ? getField(meta, 'labels') : undefined))) continue;
      if (annotations && !annotations.matches(stringMap(isMap(meta) ? getField(meta, 'annotations') : undefined)))
        continue;
      return true;
    }
    return false;
  } catch {
    return true;
  }
}

type MessageId = 'noMatch' | 'fluxNoMatch';

/** A patch of a kustomization file whose target selected nothing, and the builds where it did not. */
interface UnmatchedEntry {
  file: string;
  field: string;
  index: number;
  builds: Set<string>;
}

/**
 * The unmatched patch targets of the successful builds, and for each kustomization directory the builds
 * that include it.
 */
function unmatchedTargets(context: LintContext): { unmatched: UnmatchedEntry[]; including: Map<string, Set<string>> } {
  const unmatched = new Map<string, UnmatchedEntry>();
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
  return { unmatched: [...unmatched.values()], including };
}

/** The patches of kustomization files that match nothing in every build including them. */
function checkKustomizationPatches(context: LintContext, report: Reporter<MessageId>): void {
  const { unmatched, including } = unmatchedTargets(context);
  for (const e of unmatched) {
    const dir = dirname(e.file);
    const all = including.get(dir);
    if (!all || [...all].some((b) => !e.builds.has(b))) continue;
    const k = context.repo.kustomizations.get(dir);
    const list = k ? getField(k.value, e.field) : undefined;
    const item = Array.isArray(list) ? list[e.index] : undefined;
    const range = k?.document
      ? locateKey(k.document.node, [e.field, String(e.index), 'target'], k.repoFile.lineCounter)
      : undefined;
    const builds = [...all].map((b) => relative(context.root, b) || '.');
    report({
      messageId: 'noMatch',
      data: {
        field: e.field,
        index: e.index,
        selector: selectorText(isMap(item) ? getField(item, 'target') : undefined),
        builds:
          builds.length === 1 ? `the build of ${builds[0]}` : `any of the ${builds.length} builds that include it`,
      },
      location: range ? { file: e.file, range } : { file: e.file },
      path: `/${e.field}/${e.index}/target`,
      kustomization: relative(context.root, dir) || '.',
    });
  }
}

/**
 * Whether the `i`th entry of `spec.<field>` has a target written in the Kustomization's own file: defaults
 * a parent patch injects into every child (home-ops layouts) are meant to match in some children only.
 */
function ownPatchTarget(
  context: LintContext,
  cluster: LintCluster,
  k: FleetKustomization,
): (field: string, i: number) => boolean {
  const def = cluster.definitionOf(k);
  const doc =
    def?.origin.documentIndex !== undefined
      ? context.repo.byPath.get(def.origin.file)?.documents.find((d) => d.index === def.origin.documentIndex)
      : undefined;
  return (field, i) => {
    let v: YamlValue | undefined = doc?.value;
    for (const seg of def?.origin.pointer ? def.origin.pointer.slice(1).split('/') : [])
      v = isMap(v) ? getField(v, seg) : Array.isArray(v) ? v[Number(seg)] : undefined;
    const spec = isMap(v) ? getField(v, 'spec') : undefined;
    const list = isMap(spec) ? getField(spec, field) : undefined;
    return Array.isArray(list) && isMap(list[i]) && isMap(getField(list[i], 'target'));
  };
}

/** The patches Flux Kustomizations carry themselves, matched against what kustomize built for them. */
function checkFluxPatches(context: LintContext, report: Reporter<MessageId>): void {
  for (const cluster of context.clusters) {
    for (const k of cluster.fleet.kustomizations) {
      if (k.synthetic || k.status !== 'rendered' || k.kustomizeObjects.length === 0) continue;
      const lists: [string, { target?: FluxSelector | undefined }[]][] = [
        ['patches', k.spec.patches],
        ['patchesJson6902', k.spec.patchesJson6902],
      ];
      const own = ownPatchTarget(context, cluster, k);
      for (const [field, list] of lists) {
        list.forEach((p, i) => {
          if (
            !p.target ||
            !own(field, i) ||
            fluxTargetSelects(p.target, k.kustomizeObjects, k.spec.namePrefix ?? '', k.spec.nameSuffix ?? '')
          )
            return;
          report({
            messageId: 'fluxNoMatch',
            data: { id: k.id, field, index: i, selector: selectorText(p.target as unknown as YamlValue) },
            location: context.locateKustomization(cluster, k, `/spec/${field}/${i}/target`, 'key'),
            path: `/spec/${field}/${i}/target`,
            kustomization: k.id,
            cluster: cluster.name,
          });
        });
      }
    }
  }
}

export const kustomizePatchNoMatch: LintRule<MessageId, 'kustomize/patch-no-match'> = {
  meta: {
    id: 'kustomize/patch-no-match',
    description: 'A patch target selects no resource, so kustomize skips the patch silently.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      noMatch:
        '{{field}}[{{index}}] targets {{selector}}, which selects no resource in {{builds}}: the patch is skipped silently',
      fluxNoMatch:
        'Kustomization {{id}}: spec.{{field}}[{{index}}] targets {{selector}}, which selects nothing it renders: the patch is skipped silently',
    },
    docs: 'docs/rules/kustomize/patch-no-match.md',
  },
  check(context, report) {
    checkKustomizationPatches(context, report);
    checkFluxPatches(context, report);
  },
};
