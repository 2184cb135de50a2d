/**
 * Helm's chartutil.IsCompatibleRange and the chart version check, over the Masterminds/semver port of
 * the template function library.
 */
import { checkConstraints, newConstraint, newVersion } from '../funcs/semver.js';

/** Whether `version` satisfies `constraint` (false when either does not parse). */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return checkConstraints(newConstraint(constraint), newVersion(version));
  } catch {
    return false;
  }
}

/** Whether Masterminds/semver accepts the version (Helm's isValidSemver). */
export function isValidSemver(v: string): boolean {
  try {
    newVersion(v);
    return true;
  } catch {
    return false;
  }
}
