/**
 * The docs a user reads are the ones the package ships (README.md and docs/, as `npm pack` lists them): they speak
 * to users — no path outside the repository, no spec sections or issue numbers of the project's own work, no note
 * to contributors in the text —, show findings in the one line format of the CLI, and every link between them
 * reaches a shipped page and heading.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

const packed =
  (
    JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[]
  )[0]?.files.map((f) => f.path) ?? [];
const pages = packed.filter((p) => p.endsWith('.md')).sort();

/** Markdown without HTML comments (notes to whoever regenerates a page) and without fenced code. */
function prose(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').replace(/^```[\s\S]*?^```$/gm, '');
}

/** Internal wording a user has no use for, with why. */
const internal: [RegExp, string][] = [
  [/\.\.\/shared\b/, 'a folder outside the repository'],
  [/§\s*\d|\bspec section/i, 'a section of the project specification'],
  [/\b(?:our |the )?issue \d+\b/i, "an issue number of the project's own tracker"],
  [/do not edit by hand/i, 'a note to contributors (put it in an HTML comment)'],
  [/\bthe seed\b|\bseed fixture/i, 'an internal name for the example repository'],
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(page: string): Set<string> {
  const text = readFileSync(join(repoRoot, page), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1] ?? '')));
}

describe('the docs the package ships', () => {
  it('are the user docs: README.md, docs/ and every rule page', () => {
    expect(pages).toContain('README.md');
    expect(pages).toContain('docs/recipes.md');
    expect(pages.filter((p) => p.startsWith('docs/rules/')).length).toBeGreaterThan(20);
  });
  for (const page of pages) {
    it(`${page} speaks to users`, () => {
      const text = prose(readFileSync(join(repoRoot, page), 'utf8'));
      for (const [pattern, why] of internal) expect(pattern.exec(text)?.[0], `${page}: ${why}`).toBeUndefined();
    });
    it(`${page}: findings shown are in the one line format of every command`, () => {
      const text = readFileSync(join(repoRoot, page), 'utf8');
      for (const [line] of text.matchAll(/^.*[\w.-]+:\d+:\d+:? ?(?:error|warning|info)\b.*$/gm))
        expect(line, page).toMatch(/[\w./-]+:\d+:\d+: (error|warning|info): .* \[[a-z0-9-]+\/[a-z0-9-]+\]$/);
    });
    it(`${page}: every relative link reaches a shipped page and heading`, () => {
      const text = prose(readFileSync(join(repoRoot, page), 'utf8'));
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [path = '', anchor] = target.split('#');
        const file = path === '' ? page : normalize(join(dirname(page), path));
        const shipped = packed.includes(file) || packed.some((p) => p.startsWith(file.replace(/\/?$/, '/')));
        expect(shipped, `${page}: ${target} (${file}) is not in the package`).toBe(true);
        if (anchor !== undefined && file.endsWith('.md'))
          expect(anchors(file), `${page}: ${target}: no such heading`).toContain(anchor);
      }
    });
  }
});
