/**
 * `flux/unresolved-substitution`: a `${var}` without a value or default remains. Two cases: postBuild
 * substitution runs and the variable is undefined (strict substitution fails the Kustomization, Flux ≥
 * 2.9), or a Kustomization without postBuild renders `${VAR}` where VAR is a variable other
 * Kustomizations of the cluster substitute (the `${VAR}` reaches the cluster literally; the Kustomization
 * most likely lacks its `postBuild`). Objects with `kustomize.toolkit.fluxcd.io/substitute: disabled` are
 * left alone. The second case is reported once per variable and Kustomization, at its first occurrence.
 */
import { substitutionDisabled } from '../../../flux/substitute.js';
import type { FleetKustomization } from '../../../flux/fleet/index.js';
import type { Location } from '../../../validate/position.js';
import { getField, isMap, scalarString } from '../../../yaml/values.js';
import { fileText } from '../../repo.js';
import type { LintCluster, LintContext, LintObject, LintRule } from '../../context.js';
import { objectLabel } from '../../context.js';
import type { Reporter } from '../../types.js';
import { diagnosticLocation, walkStrings } from '../helpers.js';
import { perObject } from '../once.js';

/** `${NAME}` with no default operator. */
const BARE = /(?<!\$)\$\{([_A-Za-z][_A-Za-z0-9]*)\}/g;

function substitutionRuns(k: FleetKustomization): boolean {
  const pb = k.spec.postBuild;
  if (!pb) return false;
  return Object.keys(pb.substitute).length > 0 || pb.substituteFrom.length > 0 || pb.substituteStrategy === 'Always';
}

/** Variable names the cluster's Kustomizations substitute (inline, and keys of substituteFrom ConfigMaps/Secrets). */
function clusterVariables(cluster: LintCluster): Set<string> {
  const names = new Set<string>();
  const refs = new Set<string>();
  for (const k of cluster.fleet.kustomizations) {
    const pb = k.spec.postBuild;
    if (!pb) continue;
    for (const n of Object.keys(pb.substitute)) names.add(n);
    for (const r of pb.substituteFrom) refs.add(`${r.kind}/${k.namespace}/${r.name}`);
  }
  if (refs.size > 0) {
    for (const u of cluster.units) {
      for (const o of u.objects) {
        const v = variablesOf(o.object);
        if (v && refs.has(v.ref)) for (const n of v.names) names.add(n);
      }
    }
  }
  return names;
}

/** A ConfigMap's or Secret's `Kind/namespace/name` and the keys of its data (undefined for other objects). */
const variablesOf = perObject((object): { ref: string; names: string[] } | undefined => {
  const kind = getField(object, 'kind');
  const meta = getField(object, 'metadata');
  if ((kind !== 'ConfigMap' && kind !== 'Secret') || !isMap(meta)) return undefined;
  const names: string[] = [];
  for (const key of ['data', 'stringData']) {
    const d = getField(object, key);
    if (isMap(d)) names.push(...Object.keys(d));
  }
  return { ref: `${kind}/${scalarString(getField(meta, 'namespace'))}/${scalarString(getField(meta, 'name'))}`, names };
});

/** The `${NAME}` expressions (no default) in an object's strings, with their pointers, in walk order. */
const bareVariables = perObject((object): { name: string; pointer: string; expr: string }[] => {
  const out: { name: string; pointer: string; expr: string }[] = [];
  walkStrings(object, (value, pointer) => {
    if (!value.includes('${')) return;
    for (const m of value.matchAll(BARE)) out.push({ name: m[1] as string, pointer, expr: m[0] });
  });
  return out;
});

/** The location of `needle` inside the value at `pointer` (the value's location when not found). */
function locateInValue(context: LintContext, o: LintObject, pointer: string, needle: string): Location | undefined {
  const loc = context.locateObject(o, pointer, 'value');
  if (!loc?.range) return loc;
  const text = fileText(context.repo, loc.file);
  if (text === undefined) return loc;
  const i = text.indexOf(needle, loc.range.start.offset);
  if (i < 0 || i >= loc.range.end.offset) return loc;
  let line = loc.range.start.line;
  let lineStart = loc.range.start.offset - (loc.range.start.column - 1);
  for (let j = text.indexOf('\n', loc.range.start.offset); j >= 0 && j < i; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  const start = { line, column: i - lineStart + 1, offset: i };
  return {
    file: loc.file,
    range: { start, end: { line, column: start.column + needle.length, offset: i + needle.length } },
  };
}

type MessageId = 'undefined' | 'notSubstituted';

/** The first located occurrence of a variable in what a Kustomization renders, and how many there are. */
interface Occurrence {
  o: LintObject;
  pointer: string;
  expr: string;
  count: number;
  located: boolean;
}

/** `undefined` for each variable the strict substitution of `k` found undefined. */
function reportUndefined(cluster: LintCluster, k: FleetKustomization, report: Reporter<MessageId>): void {
  for (const d of k.diagnostics) {
    if (d.code !== 'flux/substitute-undefined') continue;
    const name = /"([^"]+)"\s*$/.exec(d.message)?.[1] ?? '?';
    report({
      messageId: 'undefined',
      data: { id: k.id, name },
      location: diagnosticLocation(d),
      kustomization: k.id,
      cluster: cluster.name,
    });
  }
}

/** The `${VAR}` of the `known` variables in the objects (not opted out): one per variable, the first located. */
function occurrences(objects: readonly LintObject[], known: ReadonlySet<string>): Map<string, Occurrence> {
  const found = new Map<string, Occurrence>();
  for (const o of objects) {
    if (substitutionDisabled(o.object)) continue;
    for (const { name, pointer, expr } of bareVariables(o.object)) {
      if (!known.has(name)) continue;
      const located = o.origin.node !== undefined;
      const hit = found.get(name);
      if (!hit) found.set(name, { o, pointer, expr, count: 1, located });
      else {
        hit.count++;
        if (!hit.located && located) Object.assign(hit, { o, pointer, expr, located });
      }
    }
  }
  return found;
}

export const fluxUnresolvedSubstitution: LintRule<MessageId, 'flux/unresolved-substitution'> = {
  meta: {
    id: 'flux/unresolved-substitution',
    description:
      'A ${var} without value or default remains after postBuild substitution, or reaches the cluster because the Kustomization has no postBuild.',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      undefined:
        'Kustomization {{id}}: variable {{name}} is not defined (no postBuild.substitute or substituteFrom value, no default): strict substitution fails the reconcile',
      notSubstituted:
        '{{object}} holds ${{{name}}}, a variable other Kustomizations of this cluster substitute, but Kustomization {{id}} has no postBuild substitution: the text reaches the cluster as is{{more}}',
    },
    docs: 'docs/rules/flux/unresolved-substitution.md',
    judges: ['flux/substitute-undefined'],
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      let vars: Set<string> | undefined;
      for (const u of cluster.units) {
        const k = u.kustomization;
        if (!k) continue;
        reportUndefined(cluster, k, report);
        if (substitutionRuns(k) || k.synthetic) continue;
        vars ??= clusterVariables(cluster);
        if (vars.size === 0) continue;
        // One finding per variable of this Kustomization: at its first located occurrence, with a count.
        for (const [name, f] of occurrences(u.objects, vars)) {
          report({
            messageId: 'notSubstituted',
            data: {
              object: objectLabel(f.o.object),
              name,
              id: k.id,
              more: f.count > 1 ? ` (${f.count} occurrences in what it renders)` : '',
            },
            location: locateInValue(context, f.o, f.pointer, f.expr),
            path: f.pointer,
            kustomization: k.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};
