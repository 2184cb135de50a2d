/**
 * The rest of Sprig's map: dates (over gotime.ts), paths (Go's path package), URLs (net/url),
 * regular expressions, semver, base64/base32, JSON, UUIDs, `getHostByName` and `fail`.
 */
import {
  GoError,
  GoNumber,
  GoStruct,
  goFunc,
  mapGet,
  mapHas,
  typedSlice,
  type GoFunc,
  type GoMap,
  type GoValue,
} from '../template/index.js';
import {
  base32Decode,
  base32Encode,
  base64Decode,
  base64Encode,
  fromUtf8,
  jsonToGo,
  marshalJSON,
  utf8,
} from './encoding.js';
import {
  durationString,
  formatTime,
  inLocation,
  isTime,
  knownLocation,
  makeTime,
  now,
  parseDuration,
  parseTime,
  roundDuration,
  timeNanos,
  unixSeconds,
  unixTime,
  ZERO_TIME_NS,
  UTC,
} from './gotime.js';
import * as re from './regex.js';
import { checkConstraints, newConstraint, newVersion, versionValue } from './semver.js';
import { uuidv4 } from './random.js';
import { parseURL, urlString, type GoURL } from './url.js';

// ---------------------------------------------------------------------------------------------
// Dates

const NS_PER_SEC = 1_000_000_000n;

/** The time a date argument stands for: time.Time, or Unix seconds as int64/int/int32, else now. */
function dateArg(date: GoValue, ints: readonly string[]): GoStruct {
  if (isTime(date)) return date;
  if (typeof date === 'bigint' && ints.includes('int')) return unixTime(date);
  if (date instanceof GoNumber && typeof date.value === 'bigint' && ints.includes(date.type))
    return unixTime(date.value);
  return now();
}

function dateInZone(layout: string, date: GoValue, zone: string): string {
  const t = dateArg(date, ['int64', 'int', 'int32']);
  const loc = knownLocation(zone) ? zone : 'UTC';
  return formatTime(inLocation(t, loc), layout);
}

function dateAgo(date: GoValue): string {
  const t = dateArg(date, ['int64', 'int']);
  const since = timeNanos(now()) - timeNanos(t);
  return durationString(roundDuration(since, NS_PER_SEC));
}

function duration(sec: GoValue): string {
  let n = 0n;
  if (typeof sec === 'string') n = /^[+-]?\d+$/.test(sec) ? BigInt.asIntN(64, BigInt(sec)) : 0n;
  else if (sec instanceof GoNumber && sec.type === 'int64') n = sec.value as bigint;
  return durationString(BigInt.asIntN(64, n * NS_PER_SEC));
}

function durationRound(d0: GoValue): string {
  let d = 0n;
  if (typeof d0 === 'string') {
    try {
      d = parseDuration(d0);
    } catch {
      d = 0n;
    }
  } else if (d0 instanceof GoNumber && d0.type === 'int64') d = d0.value as bigint;
  else if (isTime(d0)) d = timeNanos(now()) - timeNanos(d0);
  const u = d < 0n ? -d : d;
  const hour = 3600n * NS_PER_SEC;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60n * NS_PER_SEC, 'm'],
    [NS_PER_SEC, 's'],
  ];
  for (const [size, name] of units) if (u > size) return (u / size).toString() + name;
  return '0s';
}

function dateModify(fmt: string, date: GoStruct): GoStruct {
  const d = parseDuration(fmt);
  return makeTime(timeNanos(date) + d, UTC);
}

function toDate(fmt: string, str: string): GoStruct {
  try {
    return parseTime(fmt, str);
  } catch {
    return makeTime(ZERO_TIME_NS, UTC);
  }
}

function dateFuncs(): Record<string, GoFunc> {
  const modify = goFunc('func(string, time.Time) time.Time', (f: string, d: GoStruct) => {
    try {
      return dateModify(f, d);
    } catch {
      return d;
    }
  });
  const mustModify = goFunc('func(string, time.Time) (time.Time, error)', dateModify);
  const inZone = goFunc('func(string, interface {}, string) string', dateInZone);
  return {
    ago: goFunc('func(interface {}) string', dateAgo),
    date: goFunc('func(string, interface {}) string', (f: string, d: GoValue) => dateInZone(f, d, 'Local')),
    date_in_zone: inZone,
    dateInZone: inZone,
    date_modify: modify,
    dateModify: modify,
    must_date_modify: mustModify,
    mustDateModify: mustModify,
    duration: goFunc('func(interface {}) string', duration),
    durationRound: goFunc('func(interface {}) string', durationRound),
    htmlDate: goFunc('func(interface {}) string', (d: GoValue) => dateInZone('2006-01-02', d, 'Local')),
    htmlDateInZone: goFunc('func(interface {}, string) string', (d: GoValue, z: string) =>
      dateInZone('2006-01-02', d, z),
    ),
    mustToDate: goFunc('func(string, string) (time.Time, error)', parseTime),
    now: goFunc('func() time.Time', now),
    toDate: goFunc('func(string, string) time.Time', toDate),
    unixEpoch: goFunc('func(time.Time) string', (d: GoStruct) => unixSeconds(d).toString()),
  };
}

// ---------------------------------------------------------------------------------------------
// Paths (Go's path package; filepath is the same on Linux)

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

function basePath(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  if (t === '') return '/';
  return t.slice(t.lastIndexOf('/') + 1);
}

function dirPath(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function pathFuncs(): Record<string, GoFunc> {
  const s = (fn: (p: string) => string): GoFunc => goFunc('func(string) string', fn);
  const isAbs = goFunc('func(string) bool', (p: string) => p.startsWith('/'));
  return {
    base: s(basePath),
    dir: s(dirPath),
    clean: s(cleanPath),
    ext: s(extPath),
    isAbs,
    osBase: s(basePath),
    osClean: s(cleanPath),
    osDir: s(dirPath),
    osExt: s(extPath),
    osIsAbs: isAbs,
  };
}

// ---------------------------------------------------------------------------------------------
// URLs

function dictGetOrEmpty(d: GoMap, key: string): string {
  if (!mapHas(d, key)) return '';
  const v = mapGet(d, key) ?? null;
  if (typeof v !== 'string') {
    throw new GoError(
      `unable to parse ${key} key, must be of type string, but ${v === null ? 'invalid' : typeof v === 'number' ? 'float64' : 'other'} found`,
    );
  }
  return v;
}

function urlParse(v: string): GoMap {
  let u: GoURL;
  try {
    u = parseURL(v);
  } catch (e) {
    throw new GoError(`unable to parse url: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: u.hostname,
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.userinfo ?? '',
  };
}

function urlJoin(d: GoMap): string {
  const userinfo = dictGetOrEmpty(d, 'userinfo');
  let user: string | undefined;
  if (userinfo !== '') {
    try {
      user = parseURL(`proto://${userinfo}@host`).userinfo;
    } catch (e) {
      throw new GoError(`unable to parse userinfo in dict: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return urlString({
    scheme: dictGetOrEmpty(d, 'scheme'),
    host: dictGetOrEmpty(d, 'host'),
    path: dictGetOrEmpty(d, 'path'),
    rawQuery: dictGetOrEmpty(d, 'query'),
    opaque: dictGetOrEmpty(d, 'opaque'),
    fragment: dictGetOrEmpty(d, 'fragment'),
    userinfo: user,
    hostname: '',
    rawPath: '',
  });
}

// ---------------------------------------------------------------------------------------------
// Regular expressions

function regexFuncs(): Record<string, GoFunc> {
  return {
    regexMatch: goFunc('func(string, string) bool', (p: string, s: string) => {
      try {
        return re.matchString(re.compileOrError(p), s);
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc('func(string, string) (bool, error)', (p: string, s: string) =>
      re.matchString(re.compileOrError(p), s),
    ),
    regexFindAll: goFunc('func(string, string, int) []string', (p: string, s: string, n: bigint) =>
      typedSlice('string', re.findAllString(re.mustCompile(p), s, Number(n))),
    ),
    mustRegexFindAll: goFunc('func(string, string, int) ([]string, error)', (p: string, s: string, n: bigint) =>
      typedSlice('string', re.findAllString(re.compileOrError(p), s, Number(n))),
    ),
    regexFind: goFunc('func(string, string) string', (p: string, s: string) => re.findString(re.mustCompile(p), s)),
    mustRegexFind: goFunc('func(string, string) (string, error)', (p: string, s: string) =>
      re.findString(re.compileOrError(p), s),
    ),
    regexReplaceAll: goFunc('func(string, string, string) string', (p: string, s: string, r: string) =>
      re.replaceAllString(re.mustCompile(p), s, r),
    ),
    mustRegexReplaceAll: goFunc('func(string, string, string) (string, error)', (p: string, s: string, r: string) =>
      re.replaceAllString(re.compileOrError(p), s, r),
    ),
    regexReplaceAllLiteral: goFunc('func(string, string, string) string', (p: string, s: string, r: string) =>
      re.replaceAllLiteralString(re.mustCompile(p), s, r),
    ),
    mustRegexReplaceAllLiteral: goFunc(
      'func(string, string, string) (string, error)',
      (p: string, s: string, r: string) => re.replaceAllLiteralString(re.compileOrError(p), s, r),
    ),
    regexSplit: goFunc('func(string, string, int) []string', (p: string, s: string, n: bigint) =>
      typedSlice('string', re.split(re.mustCompile(p), p, s, Number(n))),
    ),
    mustRegexSplit: goFunc('func(string, string, int) ([]string, error)', (p: string, s: string, n: bigint) =>
      typedSlice('string', re.split(re.compileOrError(p), p, s, Number(n))),
    ),
    regexQuoteMeta: goFunc('func(string) string', re.quoteMeta),
  };
}

// ---------------------------------------------------------------------------------------------
// Everything else

function jsonFuncs(): Record<string, GoFunc> {
  const marshal = (v: GoValue): string => marshalJSON(v);
  const pretty = (v: GoValue): string => marshalJSON(v, { escapeHTML: true, indent: '  ' });
  const raw = (v: GoValue): string => marshalJSON(v, { escapeHTML: false, indent: '' });
  const swallow =
    (f: (v: GoValue) => string) =>
    (v: GoValue): string => {
      try {
        return f(v);
      } catch {
        return '';
      }
    };
  return {
    fromJson: goFunc('func(string) interface {}', (s: string) => {
      try {
        return jsonToGo(s);
      } catch {
        return null;
      }
    }),
    mustFromJson: goFunc('func(string) (interface {}, error)', jsonToGo),
    toJson: goFunc('func(interface {}) string', swallow(marshal)),
    toPrettyJson: goFunc('func(interface {}) string', swallow(pretty)),
    toRawJson: goFunc('func(interface {}) string', raw),
    mustToJson: goFunc('func(interface {}) (string, error)', marshal),
    mustToPrettyJson: goFunc('func(interface {}) (string, error)', pretty),
    mustToRawJson: goFunc('func(interface {}) (string, error)', raw),
  };
}

function encodingFuncs(): Record<string, GoFunc> {
  const decode =
    (f: (s: string) => Uint8Array) =>
    (s: string): string => {
      try {
        return fromUtf8(f(s));
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
  return {
    b64enc: goFunc('func(string) string', (s: string) => base64Encode(utf8(s))),
    b64dec: goFunc('func(string) string', decode(base64Decode)),
    b32enc: goFunc('func(string) string', (s: string) => base32Encode(utf8(s))),
    b32dec: goFunc('func(string) string', decode(base32Decode)),
  };
}

/** The miscellaneous functions (dates, paths, URLs, regexps, semver, encodings, JSON, uuid, …). */
export function miscFuncs(): Record<string, GoFunc> {
  return {
    hello: goFunc('func() string', () => 'Hello!'),
    ...dateFuncs(),
    ...pathFuncs(),
    ...regexFuncs(),
    ...jsonFuncs(),
    ...encodingFuncs(),
    urlParse: goFunc('func(string) map[string]interface {}', urlParse),
    urlJoin: goFunc('func(map[string]interface {}) string', urlJoin),
    uuidv4: goFunc('func() string', uuidv4),
    semver: goFunc('func(string) (*semver.Version, error)', (v: string) => versionValue(newVersion(v))),
    semverCompare: goFunc('func(string, string) (bool, error)', (c: string, v: string) =>
      checkConstraints(newConstraint(c), newVersion(v)),
    ),
    fail: goFunc('func(string) (string, error)', (msg: string) => {
      throw new GoError(msg);
    }),
    getHostByName: goFunc('func(string) string', () => ''),
    env: goFunc('func(string) string', () => ''),
    expandenv: goFunc('func(string) string', (s: string) => s.replace(/\$\{?\w+\}?/g, '')),
  };
}
