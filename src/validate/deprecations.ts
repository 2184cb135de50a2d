/**
 * Deprecated and removed apiVersions (Pluto's table for Kubernetes, cert-manager and istio; the Flux CRD
 * version table for Flux), judged against a Kubernetes version.
 */
import { deprecations, type Deprecation } from './schemas/deprecations.generated.js';
import { fluxVersions, type FluxVersion } from './schemas/flux.generated.js';

export type { Deprecation, FluxVersion };

const byGvk = new Map<string, Deprecation>();
for (const d of deprecations) byGvk.set(`${d.apiVersion}/${d.kind}`, d);
const fluxByGvk = new Map<string, FluxVersion>();
for (const v of fluxVersions) fluxByGvk.set(`${v.apiVersion}/${v.kind}`, v);

/** `v1.22.0`, `1.22` → [1, 22, 0]; undefined when not a version. */
export function parseVersion(v: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function atLeast(v: number[], min: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = v[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** A deprecation finding for one apiVersion/kind. */
export interface DeprecationStatus {
  /** `removed`: no longer served by the target version; `deprecated`: still served, to be removed. */
  readonly status: 'deprecated' | 'removed';
  readonly entry: Deprecation;
  /** e.g. `extensions/v1beta1 Ingress was removed in Kubernetes v1.22.0: use networking.k8s.io/v1`. */
  readonly message: string;
}

/**
 * The deprecation status of apiVersion/kind for a Kubernetes version (`1.36`, `v1.29.3`); undefined when
 * not deprecated there. Entries of other components (cert-manager, istio) are judged deprecated whatever
 * the Kubernetes version, removed when the table gives a removal version.
 */
export function deprecationOf(
  apiVersion: string,
  kind: string,
  kubernetesVersion: string,
): DeprecationStatus | undefined {
  const e = byGvk.get(`${apiVersion}/${kind}`);
  if (e === undefined) return undefined;
  const k8s = e.component === 'k8s';
  const target = parseVersion(kubernetesVersion);
  let status: 'deprecated' | 'removed' | undefined;
  if (!k8s) status = e.removedIn !== '' ? 'removed' : 'deprecated';
  else if (target !== undefined) {
    const removed = parseVersion(e.removedIn);
    const deprecated = parseVersion(e.deprecatedIn);
    if (removed !== undefined && atLeast(target, removed)) status = 'removed';
    else if (deprecated !== undefined && atLeast(target, deprecated)) status = 'deprecated';
  }
  if (status === undefined) return undefined;
  const who = k8s ? 'Kubernetes ' : `${e.component} `;
  let message = `${apiVersion} ${kind} `;
  if (status === 'removed') message += `was removed in ${who}${e.removedIn}`;
  else
    message += `is deprecated since ${who}${e.deprecatedIn}${e.removedIn !== '' ? ` and removed in ${e.removedIn}` : ''}`;
  if (e.replacement !== '') {
    message += `: use ${e.replacement}`;
    if (e.replacementAvailableIn !== '') message += ` (available since ${e.replacementAvailableIn})`;
  }
  return { status, entry: e, message };
}

/** The Flux version table entry of apiVersion/kind (for Flux deprecation rules), if it is a Flux kind. */
export function fluxVersionOf(apiVersion: string, kind: string): FluxVersion | undefined {
  return fluxByGvk.get(`${apiVersion}/${kind}`);
}
