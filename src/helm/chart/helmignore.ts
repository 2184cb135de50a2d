/**
 * `.helmignore` rules as Helm's pkg/ignore applies them when it loads a chart directory: one pattern a
 * line (`#` comments, `!` negation, trailing `/` for directories, a leading `/` or any `/` matches the
 * whole path, otherwise the base name), plus the default `templates/.?*`.
 */
import { BadPattern, goPathMatch } from '../../fs/glob.js';
import { basename } from '../../fs/path.js';

interface IgnorePattern {
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly match: (path: string) => boolean;
}

/** A parsed `.helmignore`. */
export class HelmIgnore {
  private readonly patterns: IgnorePattern[] = [];

  /** Parses the file's text; throws with Helm's message for a rule it refuses. */
  static parse(text: string): HelmIgnore {
    const rules = new HelmIgnore();
    const t = text.startsWith('\ufeff') ? text.slice(1) : text;
    for (const line of t.split(/\r?\n/)) rules.add(line);
    return rules;
  }

  /** Adds Helm's default rule (`templates/.?*`: hidden files under templates/). */
  addDefaults(): this {
    this.add('templates/.?*');
    return this;
  }

  /** Whether a path (relative to the chart, `/`-separated) is ignored. */
  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const p of this.patterns) {
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.match(path)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.match(path)) return true;
    }
    return false;
  }

  private add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    try {
      goPathMatch(rule, 'abc');
    } catch (e) {
      if (e instanceof BadPattern) throw new Error('syntax error in pattern');
      throw e;
    }
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    const pattern = rule.startsWith('/') ? rule.slice(1) : rule;
    const whole = rule.startsWith('/') || rule.includes('/');
    const match = (n: string): boolean => safeMatch(pattern, whole ? n : basename(n));
    this.patterns.push({ negate, mustDir, match });
  }
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return goPathMatch(pattern, name);
  } catch {
    return false;
  }
}
