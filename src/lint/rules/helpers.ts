/**
 * Small helpers shared by the lint rules: iterating the Flux Kustomizations of every cluster, turning a
 * render diagnostic into a rule location, walking string values of an object with their JSON pointers.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FleetKustomization } from '../../flux/fleet/index.js';
import type { Location } from '../../validate/position.js';
import { isMap, type YamlValue } from '../../yaml/values.js';
import type { LintCluster, LintContext } from '../context.js';

/** Every Flux Kustomization of every cluster, with its cluster (synthetic entry points left out). */
export function* fluxKustomizations(context: LintContext): Generator<{ cluster: LintCluster; k: FleetKustomization }> {
  for (const cluster of context.clusters) {
    for (const k of cluster.fleet.kustomizations) if (!k.synthetic) yield { cluster, k };
  }
}

/** The location a render or build diagnostic points at. */
export function diagnosticLocation(d: Diagnostic): Location | undefined {
  if (d.file === undefined) return undefined;
  return d.range !== undefined ? { file: d.file, range: d.range } : { file: d.file };
}

/** Escapes a JSON pointer segment. */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Calls `visit(value, pointer)` for every string in `v` (depth first). */
export function walkStrings(v: YamlValue, visit: (value: string, pointer: string) => void, pointer = ''): void {
  if (typeof v === 'string') visit(v, pointer);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, visit, `${pointer}/${i}`));
  else if (isMap(v))
    for (const k of Object.keys(v)) walkStrings(v[k] as YamlValue, visit, `${pointer}/${pointerSegment(k)}`);
}

/** `namespace/name` list for messages (at most `max`, then "and N more"). */
export function listIds(ids: readonly string[], max = 3): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/** A message with the absolute paths under the lint root made relative to it. */
export function relativeMessage(root: string, message: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return message.split(prefix).join('');
}
