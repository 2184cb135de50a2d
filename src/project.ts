/**
 * Where the project lives, for messages and reports that point a user somewhere: the repository, its issue
 * tracker and the documentation pages (rule pages are `docs/rules/<id>.md` there and in the npm package).
 * A test keeps these equal to package.json.
 */

/** The package version. */
export const PACKAGE_VERSION = '0.1.0';

/** The project's home. */
export const PROJECT_URL = 'https://github.com/kustomize-ts/kustomize-ts';

/** Where users report bugs. */
export const ISSUES_URL = `${PROJECT_URL}/issues`;

/** The base of documentation URLs: a repository path such as `docs/rules/flux/prune-disabled.md` is appended. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/`;

/** The URL of a documentation page given by its repository path (`docs/lint.md`). */
export function docsUrl(path: string): string {
  return DOCS_BASE_URL + path.replace(/^\.?\//, '');
}
