/**
 * What a Flux source artifact contains: source-controller leaves out files matching its default
 * exclusions (VCS files, images and archives, CI configs, `.sops.yaml`, …) or `spec.ignore` when set, plus
 * the patterns of every `.sourceignore` file (scoped to its directory). Patterns follow Flux's gitignore
 * port: the last matching pattern wins, `!` re-includes, a trailing `/` matches directories only, a
 * pattern without `/` matches any path element, `**` spans directories. Files are judged one by one, so
 * a file re-included below an excluded directory is kept.
 */
import type { FileSystem } from '../fs/types.js';
import { readText } from '../fs/types.js';
import { join } from '../fs/path.js';
import { globMatch } from '../fs/glob.js';

const EXCLUDE_VCS = '.git/,.gitignore,.gitmodules,.gitattributes';
const EXCLUDE_EXT = '*.jpg,*.jpeg,*.gif,*.png,*.wmv,*.flv,*.tar.gz,*.zip';
const EXCLUDE_CI =
  '.github/,.circleci/,.travis.yml,.gitlab-ci.yml,appveyor.yml,.drone.yml,cloudbuild.yaml,codeship-services.yml,codeship-steps.yml';
const EXCLUDE_EXTRA = '**/.goreleaser.yml,**/.sops.yaml,**/.flux.yaml';

/** One parsed ignore pattern. */
export interface IgnorePattern {
  domain: readonly string[];
  parts: readonly string[];
  inclusion: boolean;
  dirOnly: boolean;
  isGlob: boolean;
}

/** Parses one pattern line, scoped to `domain` (path elements of the directory holding it). */
export function parseIgnorePattern(line: string, domain: readonly string[] = []): IgnorePattern {
  let p = line;
  let inclusion = false;
  if (p.startsWith('!')) {
    inclusion = true;
    p = p.slice(1);
  }
  if (!p.endsWith('\\ ')) p = p.replace(/ +$/, '');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  return { domain: [...domain], parts: p.split('/'), inclusion, dirOnly, isGlob: p.includes('/') };
}

/** Parses the lines of an ignore file (comments and blank lines skipped). */
export function readIgnorePatterns(text: string, domain: readonly string[] = []): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    out.push(parseIgnorePattern(raw, domain));
  }
  return out;
}

/** source-controller's default exclusions (used when a GitRepository has no `spec.ignore`). */
export function defaultIgnorePatterns(): IgnorePattern[] {
  return [EXCLUDE_VCS, EXCLUDE_EXT, EXCLUDE_CI, EXCLUDE_EXTRA].flatMap((s) =>
    s.split(',').map((p) => parseIgnorePattern(p)),
  );
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return globMatch(pattern, name);
  } catch {
    return false;
  }
}

function simpleNameMatch(p: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  for (let i = 0; i < path.length; i++) {
    if (!safeMatch(p.parts[0] as string, path[i] as string)) continue;
    if (p.dirOnly && !isDir && i === path.length - 1) return false;
    return true;
  }
  return false;
}

function globPatternMatch(p: IgnorePattern, input: readonly string[], isDir: boolean): boolean {
  let path = input;
  let matched = false;
  let canTraverse = false;
  for (let i = 0; i < p.parts.length; i++) {
    const part = p.parts[i] as string;
    if (part === '') {
      canTraverse = false;
      continue;
    }
    if (part === '**') {
      if (i === p.parts.length - 1) break;
      canTraverse = true;
      continue;
    }
    if (part.includes('**')) return false;
    if (path.length === 0) return false;
    if (canTraverse) {
      canTraverse = false;
      while (path.length > 0) {
        const e = path[0] as string;
        path = path.slice(1);
        if (safeMatch(part, e)) {
          matched = true;
          break;
        } else if (path.length === 0) matched = false;
      }
    } else {
      if (!safeMatch(part, path[0] as string)) return false;
      matched = true;
      path = path.slice(1);
    }
  }
  if (matched && p.dirOnly && !isDir && path.length === 0) matched = false;
  return matched;
}

/** 0 no match, 1 exclude, 2 include. */
function matchOne(p: IgnorePattern, path: readonly string[], isDir: boolean): 0 | 1 | 2 {
  if (path.length <= p.domain.length) return 0;
  for (let i = 0; i < p.domain.length; i++) if (path[i] !== p.domain[i]) return 0;
  const rest = path.slice(p.domain.length);
  const ok = p.isGlob ? globPatternMatch(p, rest, isDir) : simpleNameMatch(p, rest, isDir);
  if (!ok) return 0;
  return p.inclusion ? 2 : 1;
}

/** True when `path` (elements relative to the artifact root) is excluded; later patterns win. */
export function isIgnored(patterns: readonly IgnorePattern[], path: readonly string[], isDir: boolean): boolean {
  for (let i = patterns.length - 1; i >= 0; i--) {
    const m = matchOne(patterns[i] as IgnorePattern, path, isDir);
    if (m !== 0) return m === 1;
  }
  return false;
}

/** Loads every `.sourceignore` below `root` (recursively, skipping `.git`), scoped to its directory. */
export function loadSourceIgnore(fs: FileSystem, root: string, domain: string[] = []): IgnorePattern[] {
  const dir = domain.length ? join(root, ...domain) : root;
  const out: IgnorePattern[] = [];
  const file = join(dir, '.sourceignore');
  if (fs.stat(file)?.type === 'file') out.push(...readIgnorePatterns(readText(fs, file), domain));
  let entries: string[];
  try {
    entries = fs.readDir(dir).sort();
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === '.git') continue;
    if (fs.stat(join(dir, e))?.type === 'dir') out.push(...loadSourceIgnore(fs, root, [...domain, e]));
  }
  return out;
}
