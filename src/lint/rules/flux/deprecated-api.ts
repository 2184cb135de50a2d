/**
 * `flux/deprecated-api`: a Flux object uses a deprecated or removed apiVersion (`v1beta1`, `v1beta2`,
 * `v2beta*`): Kustomization v1beta1/v1beta2 (removed from the CRD in Flux 2.7/2.8), HelmRelease
 * v2beta1/v2beta2, source v1beta*, notification v1beta1/v1beta2, image automation v1beta*. The table of
 * current versions comes from the Flux CRDs (validate/schemas/flux.generated.ts).
 */
import { fluxVersions } from '../../../validate/schemas/flux.generated.js';
import type { LintObject, LintRule } from '../../context.js';
import { objectKey, objectLabel } from '../../context.js';
import { perObject } from '../once.js';

const current = new Map<string, string>();
for (const v of fluxVersions)
  if (v.current) current.set(`${v.apiVersion.slice(0, v.apiVersion.indexOf('/'))}/${v.kind}`, v.apiVersion);
const warnings = new Map(
  fluxVersions
    .filter((v) => v.deprecationWarning)
    .map((v) => [`${v.apiVersion}/${v.kind}`, v.deprecationWarning as string]),
);

/** The apiVersion to use instead, when `apiVersion` of `kind` is a deprecated Flux version. */
export function fluxReplacement(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return undefined;
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (!group.endsWith('.fluxcd.io') || !/^v\d+beta\d+$/.test(version)) return undefined;
  const cur = current.get(`${group}/${kind}`);
  if (cur !== undefined) return cur === apiVersion ? undefined : cur;
  if (group === 'image.toolkit.fluxcd.io') return `${group}/v1`;
  return undefined;
}

/** {@link fluxReplacement} of an object's apiVersion and kind, once per object. */
const replacementOf = perObject((object) => {
  const key = objectKey(object);
  return fluxReplacement(key.apiVersion, key.kind);
});

export const fluxDeprecatedApi: LintRule<'deprecated', 'flux/deprecated-api'> = {
  meta: {
    id: 'flux/deprecated-api',
    description: 'A Flux object uses a deprecated or removed apiVersion (v1beta1, v1beta2, v2beta*).',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      deprecated:
        '{{object}} uses {{apiVersion}}, deprecated or removed in current Flux: use {{replacement}}{{detail}}',
    },
    docs: 'docs/rules/flux/deprecated-api.md',
  },
  check(context, report) {
    const seen = new Set<string>(); // one finding per source position (a base rendered several times)
    const check = (o: LintObject, kustomization: string | undefined, cluster: string | undefined): void => {
      const replacement = replacementOf(o.object);
      if (replacement === undefined) return;
      const key = objectKey(o.object);
      const w = warnings.get(`${key.apiVersion}/${key.kind}`);
      const location = context.locateObject(o, '/apiVersion', 'value');
      const at = `${location?.file ?? ''}:${location?.range?.start.offset ?? ''}`;
      if (location && seen.has(at)) return;
      seen.add(at);
      report({
        messageId: 'deprecated',
        data: { object: objectLabel(o.object), apiVersion: key.apiVersion, replacement, detail: w ? ` (${w})` : '' },
        location,
        path: '/apiVersion',
        kustomization,
        cluster,
      });
    };
    for (const c of context.clusters) for (const u of c.units) for (const o of u.objects) check(o, u.id, c.name);
    for (const u of context.standalone) for (const o of u.objects) check(o, u.id, undefined);
  },
};
