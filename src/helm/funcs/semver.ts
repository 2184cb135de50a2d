/**
 * Masterminds/semver v3 (the version Helm 3.21 links): NewVersion with coercion (`v1`, `1.2`,
 * leading zeros), precedence with prereleases, and constraints (`>=1.19-0`, `^1.2`, `~1.2.3`, `1.x`,
 * `1.2 - 1.4`, `,` for and, `||` for or) with the library's prerelease rules; `semver` returns a
 * `*semver.Version` struct value with its methods.
 */
import { GoError, GoStruct, type GoStructType } from '../template/index.js';

/** A parsed version. */
export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUM = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;
const MAX_UINT64 = (1n << 64n) - 1n;

function parseSegment(s: string): bigint {
  const n = BigInt(s);
  if (n > MAX_UINT64) {
    throw new GoError(`error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  }
  return n;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new GoError('invalid prerelease string');
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new GoError('version segment starts with 0');
    } else if (!ALLOWED.test(part)) throw new GoError('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) {
    if (part === '' || !ALLOWED.test(part)) throw new GoError('invalid metadata string');
  }
}

/** semver.NewVersion (with CoerceNewVersion). Throws GoError. */
export function newVersion(v: string): Version {
  const m = LOOSE.exec(v);
  if (!m) throw new GoError('invalid semantic version');
  const sv: Version = {
    major: parseSegment(m[1] ?? '0'),
    minor: m[2] ? parseSegment(m[2].slice(1)) : 0n,
    patch: m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (sv.pre !== '') validatePrerelease(sv.pre);
  if (sv.metadata !== '') validateMetadata(sv.metadata);
  return sv;
}

/** Version.String(). */
export function versionString(v: Version): string {
  return (
    `${v.major}.${v.minor}.${v.patch}` + (v.pre !== '' ? '-' + v.pre : '') + (v.metadata !== '' ? '+' + v.metadata : '')
  );
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sNum = NUM.test(s) && BigInt(s) <= MAX_UINT64;
  const oNum = NUM.test(o) && BigInt(o) <= MAX_UINT64;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare. */
export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

// ---------------------------------------------------------------------------------------------
// Constraints

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT_RE = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE_RE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND_RE = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID_RE = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

/** Parsed constraints: OR groups of AND constraints. */
export interface Constraints {
  groups: Constraint[][];
  containsPre: boolean[];
}

function isX(x: string): boolean {
  return x === 'x' || x === '*' || x === 'X';
}

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT_RE.exec(c);
  if (!m) throw new GoError(`improper constraint: ${JSON.stringify(c)}`);
  const [, op = '', orig = '', major = '', minor = '', patch = '', pre = ''] = m;
  let ver = orig;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new GoError('constraint parser error');
  }
  return { con, orig, op, minorDirty, patchDirty, dirty };
}

function rewriteRange(i: string): string {
  let o = i;
  for (const m of i.matchAll(RANGE_RE)) o = o.replace(m[0], `>= ${m[1] ?? ''}, <= ${m[11] ?? ''} `);
  return o;
}

/** semver.NewConstraint. Throws GoError. */
export function newConstraint(c: string): Constraints {
  const ors = rewriteRange(c).split('||');
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const v of ors) {
    if (!VALID_RE.test(v)) throw new GoError(`improper constraint: ${JSON.stringify(v)}`);
    const found = [...v.matchAll(FIND_RE)].map((m) => m[0]);
    const cs = found.length > 0 ? found : [v];
    const group = cs.map(parseConstraint);
    containsPre.push(group.some((g) => g.con.pre !== ''));
    groups.push(group);
  }
  return { groups, containsPre };
}

/** Constraints.Check. */
export function checkConstraints(cs: Constraints, v: Version): boolean {
  return cs.groups.some((group, i) => group.every((c) => checkOne(c, v, cs.containsPre[i] === true)));
}

function checkOne(c: Constraint, v: Version, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(c, v) : compareVersions(v, c.con) === 0;
    case '!=':
      return notEqual(c, v);
    case '>':
      return greaterThan(c, v);
    case '<':
      return compareVersions(v, c.con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      return lessThanEqual(c, v);
    case '~':
    case '~>':
      return tilde(c, v);
    case '^':
      return caret(c, v);
    default:
      return false;
  }
}

function notEqual(c: Constraint, v: Version): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(c: Constraint, v: Version): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(c: Constraint, v: Version): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

function tilde(c: Constraint, v: Version): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(c: Constraint, v: Version): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

// ---------------------------------------------------------------------------------------------
// *semver.Version as a template value

const versions = new WeakMap<GoStruct, Version>();

function versionOf(s: GoStruct): Version {
  const v = versions.get(s);
  if (!v) throw new GoError('not a semver.Version');
  return v;
}

/** The `*semver.Version` struct type (methods as the library's). */
export const VERSION_TYPE: GoStructType = {
  name: '*semver.Version',
  pointer: true,
  fields: [],
  methods: {
    String: { signature: 'func() string', fn: (s) => versionString(versionOf(s)) },
    Original: { signature: 'func() string', fn: (s) => versionOf(s).original },
    Major: { signature: 'func() uint64', fn: (s) => versionOf(s).major },
    Minor: { signature: 'func() uint64', fn: (s) => versionOf(s).minor },
    Patch: { signature: 'func() uint64', fn: (s) => versionOf(s).patch },
    Prerelease: { signature: 'func() string', fn: (s) => versionOf(s).pre },
    Metadata: { signature: 'func() string', fn: (s) => versionOf(s).metadata },
    Compare: {
      signature: 'func(*semver.Version) int',
      fn: (s, o) => BigInt(compareVersions(versionOf(s), versionOf(o as GoStruct))),
    },
    LessThan: {
      signature: 'func(*semver.Version) bool',
      fn: (s, o) => compareVersions(versionOf(s), versionOf(o as GoStruct)) < 0,
    },
    GreaterThan: {
      signature: 'func(*semver.Version) bool',
      fn: (s, o) => compareVersions(versionOf(s), versionOf(o as GoStruct)) > 0,
    },
    Equal: {
      signature: 'func(*semver.Version) bool',
      fn: (s, o) => compareVersions(versionOf(s), versionOf(o as GoStruct)) === 0,
    },
  },
  marshalJSON: (s) => versionString(versionOf(s)),
};

/** A `*semver.Version` value. */
export function versionValue(v: Version): GoStruct {
  const s = new GoStruct(VERSION_TYPE, {});
  versions.set(s, v);
  return s;
}
