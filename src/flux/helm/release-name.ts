/** The Helm release name helm-controller installs a HelmRelease under. */
import { sha256Hex } from '../../generators/sha256.js';

/**
 * helm-controller's `ShortenName`: a name longer than 53 characters becomes its first 40 characters, a
 * hyphen and the first 12 hex digits of the SHA-256 of the whole name.
 */
export function shortenReleaseName(name: string): string {
  if (name.length <= 53) return name;
  const hash = sha256Hex(new TextEncoder().encode(name));
  return `${name.slice(0, 40)}-${hash.slice(0, 12)}`;
}

/** `spec.releaseName`, or `[targetNamespace-]name`, shortened as helm-controller does. */
export function helmReleaseName(name: string, targetNamespace: string, releaseName: string): string {
  return shortenReleaseName(releaseName || (targetNamespace ? `${targetNamespace}-${name}` : name));
}
