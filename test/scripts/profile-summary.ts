/**
 * Sums the self time of a V8 CPU profile (`node --cpu-prof`) per function, and the inclusive time of
 * the functions whose name matches a filter, for finding what dominates a run:
 *
 *   npx tsx test/scripts/profile-summary.ts FILE.cpuprofile [--top 40] [--inclusive NAME_REGEX] [--under NAME_REGEX] [--raw]
 *
 * `--raw` keeps the sampled intervals whole (wall time; see selfTimes).
 * Prints one line per function (self ms, share of the sampled total, name and location), largest first.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(f: CallFrame): string {
  const file = f.url.split('/').slice(-2).join('/');
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

/**
 * Microseconds of self time per node id. On a loaded machine a sample taken after the thread was
 * descheduled carries the whole wait: unless `raw`, each interval is capped at twice the median interval,
 * so the figures estimate CPU time rather than wall time.
 */
function selfTimes(p: Profile, raw: boolean): Map<number, number> {
  const sorted = [...p.timeDeltas].sort((a, b) => a - b);
  const cap = raw ? Infinity : 2 * (sorted[Math.floor(sorted.length / 2)] ?? 0);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.min(cap, Math.max(0, p.timeDeltas[i] ?? 0))));
  return self;
}

/** Self microseconds per label of the nodes below the functions matching `re` (their subtrees). */
function under(p: Profile, self: Map<number, number>, re: RegExp): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const walk = (id: number, inside: boolean): void => {
    const n = byId.get(id);
    if (!n) return;
    const name = label(n.callFrame);
    const now = inside || re.test(name);
    if (now) out.set(name, (out.get(name) ?? 0) + (self.get(id) ?? 0));
    for (const c of n.children ?? []) walk(c, now);
  };
  const root = p.nodes[0];
  if (root) walk(root.id, false);
  return out;
}

/** Inclusive microseconds per label for functions matching `re` (counted once per stack). */
function inclusive(p: Profile, self: Map<number, number>, re: RegExp): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  const walk = (id: number, active: ReadonlySet<string>): number => {
    const n = byId.get(id);
    if (!n) return 0;
    const name = label(n.callFrame);
    const counted = re.test(name) && !active.has(name);
    const next = counted ? new Set([...active, name]) : active;
    let total = self.get(id) ?? 0;
    for (const c of n.children ?? []) total += walk(c, next);
    if (counted) out.set(name, (out.get(name) ?? 0) + total);
    return total;
  };
  const root = p.nodes[0];
  if (root) walk(root.id, new Set());
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top N] [--inclusive REGEX]');
  const top = Number(args[args.indexOf('--top') + 1] || 40) || 40;
  const incl = args.includes('--inclusive') ? args[args.indexOf('--inclusive') + 1] : undefined;
  const below = args.includes('--under') ? args[args.indexOf('--under') + 1] : undefined;
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const self = selfTimes(p, args.includes('--raw'));
  const byLabel = new Map<string, number>();
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us > 0) byLabel.set(label(n.callFrame), (byLabel.get(label(n.callFrame)) ?? 0) + us);
  }
  const total = [...byLabel.values()].reduce((a, b) => a + b, 0);
  const show = (m: Map<string, number>): void => {
    for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
  show(byLabel);
  if (incl) {
    console.log(`\ninclusive, /${incl}/:`);
    show(inclusive(p, self, new RegExp(incl)));
  }
  if (below) {
    console.log(`\nself time below /${below}/:`);
    show(under(p, self, new RegExp(below)));
  }
}

main();
