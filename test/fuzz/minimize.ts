/**
 * Automatic minimization of a failing case (delta debugging over its file tree): drop whole files, then
 * YAML documents, then blocks of lines (a line with the more-indented lines under it), then single lines,
 * then shorten long lines' scalar text, as long as the case keeps failing the same way. Works for every
 * generator, since it only needs the files.
 */
import type { FuzzCase } from './case.js';

export type StillFails = (c: FuzzCase) => Promise<boolean>;

interface Budget {
  tests: number;
}

function withFile(c: FuzzCase, path: string, text: string | undefined): FuzzCase {
  const files = Object.fromEntries(Object.entries(c.files).filter(([p]) => p !== path));
  if (text !== undefined) files[path] = text;
  return { ...c, files };
}

function isRunKustomization(c: FuzzCase, path: string): boolean {
  const dir = c.run === '.' ? '' : `${c.run}/`;
  return /^(kustomization\.ya?ml|Kustomization)$/.test(path.slice(dir.length)) && path.startsWith(dir);
}

async function tryCandidate(cand: FuzzCase, stillFails: StillFails, budget: Budget): Promise<boolean> {
  if (budget.tests <= 0) return false;
  budget.tests--;
  return stillFails(cand);
}

async function dropFiles(c: FuzzCase, stillFails: StillFails, budget: Budget): Promise<FuzzCase> {
  let cur = c;
  for (const path of Object.keys(cur.files).sort().reverse()) {
    if (isRunKustomization(cur, path)) continue;
    const cand = withFile(cur, path, undefined);
    if (await tryCandidate(cand, stillFails, budget)) cur = cand;
  }
  return cur;
}

/** Removes chunks of `units` (joined back with `join`) by delta debugging, for one file. */
async function ddminUnits(
  c: FuzzCase,
  path: string,
  units: string[],
  join: (u: string[]) => string,
  stillFails: StillFails,
  budget: Budget,
): Promise<FuzzCase> {
  let cur = c;
  let items = units;
  let chunk = Math.max(1, Math.floor(items.length / 2));
  while (chunk >= 1 && budget.tests > 0) {
    let removed = false;
    for (let start = 0; start < items.length && budget.tests > 0; ) {
      const next = [...items.slice(0, start), ...items.slice(start + chunk)];
      const cand = withFile(cur, path, join(next));
      if (next.length < items.length && (await tryCandidate(cand, stillFails, budget))) {
        items = next;
        cur = cand;
        removed = true;
      } else start += chunk;
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return cur;
}

/** Splits a YAML text into its documents (each keeps its separator line). */
function documents(text: string): string[] {
  const parts = text.split(/(?=^---)/m);
  return parts.length > 1 ? parts : [text];
}

/** Lines grouped so that a line carries the more-indented lines that follow it. */
function blocks(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  const out: string[] = [];
  let i = 0;
  const indent = (l: string): number => l.length - l.trimStart().length;
  while (i < lines.length) {
    const head = lines[i] as string;
    let j = i + 1;
    if (head.trim() !== '') {
      while (j < lines.length && ((lines[j] as string).trim() === '' || indent(lines[j] as string) > indent(head))) j++;
    }
    out.push(lines.slice(i, j).join(''));
    i = j;
  }
  return out;
}

const concat = (u: string[]): string => u.join('');

/** Minimizes `c` while `stillFails` holds, with at most `maxTests` trials. */
export async function minimize(c: FuzzCase, stillFails: StillFails, maxTests = 300): Promise<FuzzCase> {
  const budget: Budget = { tests: maxTests };
  let cur = c;
  for (let round = 0; round < 3 && budget.tests > 0; round++) {
    const before = JSON.stringify(cur.files);
    cur = await dropFiles(cur, stillFails, budget);
    for (const path of Object.keys(cur.files).sort()) {
      const text = cur.files[path] ?? '';
      cur = await ddminUnits(cur, path, documents(text), concat, stillFails, budget);
      cur = await ddminUnits(cur, path, blocks(cur.files[path] ?? ''), concat, stillFails, budget);
      cur = await ddminUnits(cur, path, (cur.files[path] ?? '').split(/(?<=\n)/), concat, stillFails, budget);
    }
    if (JSON.stringify(cur.files) === before) break;
  }
  return cur;
}
