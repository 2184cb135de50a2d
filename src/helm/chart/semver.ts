/**
 * Semantic versions and constraints as Masterminds/semver v3 reads them (Helm's `IsCompatibleRange`,
 * chart versions, `kubeVersion`): loose versions (`v1.2`, `1`), prerelease rules (a constraint without a
 * prerelease never matches a prerelease version), `||`, `,`/space conjunctions, hyphen ranges, wildcards,
 * `~`, `^`, `!=`.
 */

/** A parsed version. */
export interface SemVersion {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  metadata: string;
}

const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Masterminds' NewVersion (coercing mode, its default); `undefined` when invalid. */
export function parseSemver(v: string): SemVersion | undefined {
  const m = LOOSE.exec(v);
  if (!m) return undefined;
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '' && !validPrerelease(pre)) return undefined;
  if (metadata !== '' && metadata.split('.').some((p) => p === '')) return undefined;
  return {
    major: Number(m[1]),
    minor: m[2] ? Number(m[2].slice(1)) : 0,
    patch: m[3] ? Number(m[3].slice(1)) : 0,
    pre,
    metadata,
  };
}

function validPrerelease(p: string): boolean {
  return p.split('.').every((part) => part !== '' && !(/^[0-9]+$/.test(part) && part.length > 1 && part[0] === '0'));
}

/** Whether Masterminds accepts the version (Helm's isValidSemver). */
export function isValidSemver(v: string): boolean {
  return parseSemver(v) !== undefined;
}

/** Masterminds' Version.Compare: -1, 0 or 1 (metadata ignored). */
export function compareSemver(a: SemVersion, b: SemVersion): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

function comparePrerelease(a: string, b: string): number {
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const d = comparePrePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = /^[0-9]+$/.test(s);
  const on = /^[0-9]+$/.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

interface Constraint {
  op: string;
  orig: string;
  con: SemVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

/** A parsed constraint set: OR groups of AND-ed constraints. */
export class SemverConstraints {
  private constructor(private readonly groups: { cs: Constraint[]; pre: boolean }[]) {}

  /** Masterminds' NewConstraint; throws with its message when the text is not a constraint. */
  static parse(text: string): SemverConstraints {
    const rewritten = text.replace(RANGE, (_all, a: string, ...rest: unknown[]) => `>= ${a}, <= ${String(rest[9])} `);
    const groups = rewritten.split('||').map((part) => {
      if (!VALID.test(part)) throw new Error(`improper constraint: ${JSON.stringify(part)}`);
      const found = part.match(FIND) ?? [part];
      const cs = found.map(parseConstraint);
      return { cs, pre: cs.some((c) => c.con.pre !== '') };
    });
    return new SemverConstraints(groups);
  }

  /** Whether the version satisfies one of the OR groups. */
  check(v: SemVersion): boolean {
    return this.groups.some((g) => g.cs.every((c) => checkOne(v, c, g.pre)));
  }
}

function parseConstraint(text: string): Constraint {
  const m = CONSTRAINT.exec(text);
  if (!m) throw new Error(`improper constraint: ${JSON.stringify(text)}`);
  const [, op = '', orig = '', major = '', minorPart = '', patchPart = '', preAll = ''] = m;
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${preAll}`;
    dirty = true;
  } else if (isX(minorPart.slice(1)) || minorPart === '') {
    ver = `${major}.0.0${preAll}`;
    dirty = minorDirty = true;
  } else if (isX(patchPart.slice(1)) || patchPart === '') {
    ver = `${major}${minorPart}.0${preAll}`;
    dirty = patchDirty = true;
  }
  const con = parseSemver(ver);
  if (!con) throw new Error('constraint parser error');
  return { op, orig, con, dirty, minorDirty, patchDirty };
}

function checkOne(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const cmp = compareSemver(v, c.con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c, cmp) : cmp === 0;
    case '!=':
      return notEqual(v, c, cmp);
    case '>':
      if (!c.dirty || (!c.minorDirty && !c.patchDirty && v.major === c.con.major)) return cmp === 1;
      if (v.major !== c.con.major) return v.major > c.con.major;
      return c.minorDirty ? false : v.minor > c.con.minor;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c, cmp);
    default:
      return caret(v, c, cmp);
  }
}

function notEqual(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return (v.pre !== '' || c.con.pre !== '') && comparePrerelease(v.pre, c.con.pre) !== 0;
  }
  return cmp !== 0;
}

function tilde(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

function caret(v: SemVersion, c: Constraint, cmp: number): boolean {
  if (cmp < 0) return false;
  if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0) return false;
  if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0) return false;
  return c.con.patch === v.patch;
}

/** Helm's IsCompatibleRange: whether `version` satisfies `constraint` (false when either is invalid). */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseSemver(version);
  if (!v) return false;
  try {
    return SemverConstraints.parse(constraint).check(v);
  } catch {
    return false;
  }
}
