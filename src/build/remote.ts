/**
 * Opening a git repository entry as a base or component (kustomize's FileLoader.New for a repo URL and
 * newLoaderAtGitClone): the repo-cycle check, the checkout from the host's `remoteLoader`, and kustomize's
 * checks on the path inside it. The loader it returns is always root-only and keeps the repo on its chain,
 * so that bases inside the checkout cannot leave it.
 */
import { goQuote } from '../generators/go-format.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { BuildError } from '../diagnostics/error.js';
import { basename, isWithin } from '../fs/path.js';
import { realPathOrSelf } from '../fs/types.js';
import type { BuildTarget } from './context.js';
import { Loader, evalSymlinkFailure, notDownloadedMessage } from './loader.js';
import { GIT_PREFIX_WARNING, type RepoSpec } from './repo-spec.js';

/** kustomize's errIfRepoCycle: a repo URL that prefixes one already on the chain of referrers. */
function checkRepoCycle(loader: Loader, spec: RepoSpec): void {
  for (const frame of [...loader.repos].reverse()) {
    if (frame.raw.startsWith(spec.raw)) {
      throw new BuildError('load/cycle', `cycle detected: URI '${spec.raw}' referenced by previous URI '${frame.raw}'`);
    }
  }
}

/**
 * The loader of a repo entry of `kt`: asks the remote loader for the checkout, then checks, as kustomize
 * does after cloning, that the path exists, is a directory and stays in the repo (symlinks included).
 */
export function openRemoteRepo(kt: BuildTarget, entry: string, spec: RepoSpec): Loader {
  const parent = kt.loader;
  checkRepoCycle(parent, spec);
  if (spec.gitPrefix) {
    kt.build.warnings.push(diagnostic('load/git-prefix', 'warning', GIT_PREFIX_WARNING, { file: kt.file }));
  }
  const got = parent.remote?.(entry, 'repo');
  if (!got) throw new BuildError('load/remote', notDownloadedMessage(entry));
  if ('error' in got) throw new BuildError(got.code ?? 'load/remote', got.error);
  const { fs, path } = got;
  const st = fs.stat(path);
  if (!st) throw new BuildError('load/missing-file', evalSymlinkFailure(fs, path), { file: path });
  if (st.type !== 'dir') {
    throw new BuildError('load/not-a-directory', `'${path}' refers to file '${basename(path)}'; expecting directory`, {
      file: path,
    });
  }
  const root = realPathOrSelf(fs, path);
  const repoRoot = realPathOrSelf(fs, got.repoRoot ?? path);
  if (!isWithin(repoRoot, root)) {
    throw new BuildError(
      'load/outside-root',
      `${goQuote(path)} refers to directory outside of repo ${goQuote(got.repoRoot ?? path)}`,
      { file: path },
    );
  }
  const repos = [...parent.repos, { raw: spec.raw, root: repoRoot }];
  return new Loader(
    fs,
    root,
    'LoadRestrictionsRootOnly',
    [...parent.chain, parent.root],
    undefined,
    repos,
    parent.remote,
  );
}
