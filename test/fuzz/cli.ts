/**
 * The differential fuzzer: `npm run fuzz -- --cases N --seed S [--version 5.6|5.8|both]`.
 *
 * Generates N cases (generators/), builds each with the engine and with the reference binary of each
 * version (at most `--jobs` reference processes at once, default 2), classifies every pair (identical,
 * both-fail, differ, ours-only-fail, reference-only-fail, crash, hang), minimizes the first case of each
 * class, deduplicates the minimized cases by class (outcome + the features they use) and prints the table.
 *
 * Options: `--generator NAME` (tree, yaml, conformance, known), `--case ID` (run one case again, printing
 * both outputs), `--minimize-budget N` (trials per class, default 250; 0 to skip), `--save` (write each
 * minimized class as a regression case under test/fuzz/cases; with `--generator known`, every known class
 * whatever its outcome), `--out DIR` (report folder, default .tmp/fuzz), `--timeout MS`. Stopped with SIGINT or
 * SIGTERM, it prints the table of the cases done so far.
 */
/// <reference types="node" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/shared.js';
import { OUTCOMES, REF_VERSIONS, type FuzzCase, type Outcome, type RefVersion, type SideResult } from './case.js';
import { features } from './features.js';
import { caseFromId, makeCase } from './generators/index.js';
import { KNOWN_NAMES } from './generators/known.js';
import { minimize } from './minimize.js';
import { OursRunner } from './ours.js';
import { Limiter, referenceCommand, referenceVersionText } from './reference.js';
import { saveRegression } from './regression.js';
import { compareCase, type Comparison, type RunContext } from './runner.js';

interface Args {
  cases: number;
  seed: number;
  versions: RefVersion[];
  jobs: number;
  generator?: string;
  caseId?: string;
  budget: number;
  save: boolean;
  out: string;
  timeout: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const v = get('--version') ?? 'both';
  const args: Args = {
    cases: Number(get('--cases') ?? 100),
    seed: Number(get('--seed') ?? 1),
    versions: v === 'both' ? [...REF_VERSIONS] : [v as RefVersion],
    jobs: Number(get('--jobs') ?? 2),
    budget: Number(get('--minimize-budget') ?? 250),
    save: argv.includes('--save'),
    out: get('--out') ?? join(repoRoot, '.tmp', 'fuzz'),
    timeout: Number(get('--timeout') ?? 60_000),
  };
  const g = get('--generator');
  if (g !== undefined) args.generator = g;
  const c = get('--case');
  if (c !== undefined) args.caseId = c;
  for (const x of args.versions) {
    if (!REF_VERSIONS.includes(x)) throw new Error(`--version must be 5.6, 5.8 or both, not ${x}`);
    if (!referenceCommand(x)) throw new Error(`the reference binary of kustomize ${x} is not installed`);
  }
  return args;
}

interface Finding {
  case: FuzzCase;
  version: RefVersion;
  cmp: Comparison;
}

/** The class a comparison is filed under before minimization. */
function preClass(c: FuzzCase, cmp: Comparison): string {
  return `${cmp.outcome}|${cmp.note ?? ''}|${c.generator}|${c.tags.join(',')}`;
}

function table(counts: Map<RefVersion, Map<string, number>>, versions: RefVersion[]): string {
  const rows = [...OUTCOMES, 'reference-panic', 'reference-hang'];
  const head = `| outcome | ${versions.map((v) => `kustomize ${v}`).join(' | ')} |`;
  const sep = `|---|${versions.map(() => '---:').join('|')}|`;
  const body = rows.map((r) => `| ${r} | ${versions.map((v) => counts.get(v)?.get(r) ?? 0).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
}

async function runOne(args: Args, ctx: RunContext): Promise<void> {
  const c = caseFromId(args.caseId as string);
  for (const cmp of await compareCase(c, args.versions, ctx)) {
    console.log(`== kustomize ${cmp.version}: ${cmp.outcome}${cmp.note ? ` (${cmp.note})` : ''}`);
    console.log(`-- ours (${cmp.ours.ok ? 'ok' : cmp.ours.error}):\n${cmp.ours.stdout}`);
    console.log(`-- reference (${cmp.ref.ok ? 'ok' : cmp.ref.error}):\n${cmp.ref.stdout}`);
  }
  console.log(JSON.stringify(c.files, null, 2));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ctx: RunContext = {
    ours: new OursRunner(Math.min(args.timeout, 20_000)),
    refLimiter: new Limiter(args.jobs),
    timeoutMs: args.timeout,
  };
  try {
    if (args.caseId !== undefined) {
      await runOne(args, ctx);
      return;
    }
    const started = Date.now();
    const counts = new Map<RefVersion, Map<string, number>>(args.versions.map((v) => [v, new Map()]));
    const firstOfClass = new Map<string, Finding>();
    const bump = (v: RefVersion, k: string): void => {
      const m = counts.get(v) as Map<string, number>;
      m.set(k, (m.get(k) ?? 0) + 1);
    };
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < args.cases) {
        const i = next++;
        const c = makeCase(args.seed, i, args.generator);
        const cmps = await compareCase(c, args.versions, ctx);
        if (args.save && args.generator === 'known' && i < KNOWN_NAMES.length) saveKnown(c, cmps);
        for (const cmp of cmps) {
          bump(cmp.version, cmp.outcome);
          if (cmp.note) bump(cmp.version, cmp.note);
          const notable = (cmp.outcome !== 'identical' && cmp.outcome !== 'both-fail') || cmp.note !== undefined;
          const k = preClass(c, cmp);
          if (notable && !firstOfClass.has(k)) {
            firstOfClass.set(k, { case: c, version: cmp.version, cmp });
            process.stderr.write(`new class [${cmp.version}] ${k}: --case ${c.id}\n`);
          }
        }
        done++;
        if (done % 100 === 0) {
          const rate = (done / ((Date.now() - started) / 1000)).toFixed(1);
          process.stderr.write(`${done}/${args.cases} cases (${rate}/s), ${firstOfClass.size} classes to look at\n`);
        }
      }
    };
    // Stopped early (SIGINT/SIGTERM): the table of the cases done so far, then exit.
    const stopEarly = (): void => {
      console.log(`stopped after ${done} of ${args.cases} cases (${Math.round((Date.now() - started) / 1000)} s)\n`);
      console.log(table(counts, args.versions));
      process.exit(130);
    };
    process.once('SIGINT', stopEarly);
    process.once('SIGTERM', stopEarly);
    await Promise.all(Array.from({ length: args.jobs }, worker));
    const classes = await minimizeClasses([...firstOfClass.values()], args, ctx);
    const report = {
      command: `npm run fuzz -- --cases ${args.cases} --seed ${args.seed} --version ${args.versions.length > 1 ? 'both' : args.versions[0]}${args.generator ? ` --generator ${args.generator}` : ''}`,
      references: Object.fromEntries(args.versions.map((v) => [v, referenceVersionText(v)])),
      seconds: Math.round((Date.now() - started) / 1000),
      counts: Object.fromEntries([...counts].map(([v, m]) => [v, Object.fromEntries(m)])),
      classes,
    };
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, `report-${args.seed}-${args.cases}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    console.log(`${report.command}  (${report.seconds} s)\n`);
    console.log(table(counts, args.versions));
    console.log(`\n${classes.length} distinct classes after minimization:`);
    for (const c of classes)
      console.log(
        `- [${c.versions.join(', ')}] ${c.outcome}${c.note ? ` (${c.note})` : ''}: ${c.class}  (${c.id}; ${c.example})`,
      );
    console.log(`\nreport: ${file}`);
  } finally {
    await ctx.ours.close();
  }
}

interface ClassReport {
  outcome: Outcome;
  note?: string;
  class: string;
  id: string;
  versions: RefVersion[];
  example: string;
  minimized: Record<string, string>;
  ours: string;
  reference: string;
  saved?: string;
}

/** Files a known class (generator `known`) as a regression case whatever it does today: each stays checked. */
function saveKnown(c: FuzzCase, cmps: Comparison[]): void {
  const name = c.tags.find((t) => t.startsWith('known:')) ?? c.id;
  const outcome = cmps.find((x) => x.outcome !== 'identical')?.outcome ?? 'identical';
  saveRegression(join(repoRoot, 'test', 'fuzz', 'cases'), c, { class: name, foundAs: outcome, features: [name] });
}

function describe(r: SideResult): string {
  return r.ok ? r.stdout : `FAIL ${r.error}`;
}

/** Minimizes one case per pre-class and deduplicates by the class of the minimized case. */
async function minimizeClasses(findings: Finding[], args: Args, ctx: RunContext): Promise<ClassReport[]> {
  const seen = new Map<string, ClassReport>();
  for (const f of findings) {
    const want = f.cmp.outcome;
    const note = f.cmp.note;
    const small =
      args.budget > 0
        ? await minimize(
            f.case,
            async (cand) => {
              const [cmp] = await compareCase(cand, [f.version], ctx);
              return cmp !== undefined && cmp.outcome === want && cmp.note === note;
            },
            args.budget,
          )
        : f.case;
    const feats = features(small);
    const key = `${want}${note ? `(${note})` : ''}: ${feats.join(' ') || 'plain'}`;
    const cmps = await compareCase(small, args.versions, ctx);
    const versions = cmps.filter((c) => c.outcome === want).map((c) => c.version);
    const prev = seen.get(key);
    if (prev) {
      for (const v of versions) if (!prev.versions.includes(v)) prev.versions.push(v);
      continue;
    }
    const main = cmps.find((c) => c.version === f.version) ?? cmps[0];
    if (main === undefined) continue;
    const report: ClassReport = {
      outcome: want,
      class: feats.join(' ') || 'plain',
      id: f.case.id,
      versions,
      example: Object.entries(small.files)
        .map(([p, t]) => `${p}: ${JSON.stringify(t)}`)
        .join('; ')
        .slice(0, 300),
      minimized: small.files,
      ours: describe(main.ours).slice(0, 2000),
      reference: describe(main.ref).slice(0, 2000),
    };
    if (note) report.note = note;
    if (args.save) {
      report.saved = saveRegression(
        join(repoRoot, 'test', 'fuzz', 'cases'),
        { ...small, id: f.case.id },
        { class: key, foundAs: want, features: feats },
      );
    }
    seen.set(key, report);
  }
  return [...seen.values()];
}

await main();
