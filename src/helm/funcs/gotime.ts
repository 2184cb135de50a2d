/**
 * Go's time.Time and time.Duration as template values: a `time.Time` struct value (nanoseconds since
 * the Unix epoch plus a zone) with Go's layout formatting and parsing (`2006-01-02T15:04:05Z07:00`),
 * `String()`, and the methods templates call; durations print as Go's `1h2m3.5s`. The local zone is
 * UTC (renderings must not depend on the machine); named zones use the host's Intl time-zone data.
 */
import { GoError, GoStruct, type GoStructType, type GoValue } from '../template/index.js';

/** A zone: name (abbreviation) and offset east of UTC in seconds. */
export interface Zone {
  readonly name: string;
  readonly offset: number;
}

export const UTC: Zone = { name: 'UTC', offset: 0 };

const NS_PER_SEC = 1_000_000_000n;

/** The fields of a time value (hidden from templates; Go's time.Time has no exported fields). */
interface TimeFields {
  ns: bigint;
  zone: Zone;
  /** IANA name for zones loaded by name (offset varies with the date). */
  location: string | undefined;
}

const times = new WeakMap<GoStruct, TimeFields>();

/** The `time.Time` struct type. */
export const TIME_TYPE: GoStructType = {
  name: 'time.Time',
  fields: [],
  methods: {
    String: { signature: 'func() string', fn: (self) => timeString(self) },
    Format: { signature: 'func(string) string', fn: (self, layout) => formatTime(self, layout as string) },
    Unix: { signature: 'func() int64', fn: (self) => unixSeconds(self) },
    UnixNano: { signature: 'func() int64', fn: (self) => timeFields(self).ns },
    UTC: { signature: 'func() time.Time', fn: (self) => makeTime(timeFields(self).ns, UTC) },
    Year: { signature: 'func() int', fn: (self) => BigInt(civil(self).year) },
    IsZero: { signature: 'func() bool', fn: (self) => timeFields(self).ns === ZERO_TIME_NS },
    Add: {
      signature: 'func(time.Duration) time.Time',
      fn: (self, d) => {
        const f = timeFields(self);
        return makeTime(f.ns + (d as bigint), f.zone, f.location);
      },
    },
  },
  marshalJSON: (self) => formatTime(self, '2006-01-02T15:04:05.999999999Z07:00'),
};

/** Nanoseconds of Go's zero time (0001-01-01 00:00:00 UTC) relative to the Unix epoch. */
export const ZERO_TIME_NS = -62135596800n * NS_PER_SEC;

/** A time value. */
export function makeTime(ns: bigint, zone: Zone, location?: string): GoStruct {
  const t = new GoStruct(TIME_TYPE, {});
  const z = location !== undefined ? zoneAt(location, ns) : zone;
  times.set(t, { ns, zone: z, location });
  return t;
}

/** Whether a value is a time.Time. */
export function isTime(v: GoValue): v is GoStruct {
  return v instanceof GoStruct && v.type === TIME_TYPE;
}

function timeFields(t: GoStruct): TimeFields {
  const f = times.get(t);
  if (!f) throw new GoError('not a time value');
  return f;
}

/** The current time (local = UTC). */
export function now(): GoStruct {
  return makeTime(BigInt(Date.now()) * 1_000_000n, UTC);
}

/** time.Unix(sec, 0) in the local zone (UTC). */
export function unixTime(sec: bigint): GoStruct {
  return makeTime(sec * NS_PER_SEC, UTC);
}

/** Seconds since the epoch (floor, as Go's Unix()). */
export function unixSeconds(t: GoStruct): bigint {
  const ns = timeFields(t).ns;
  const s = ns / NS_PER_SEC;
  return ns < 0n && ns % NS_PER_SEC !== 0n ? s - 1n : s;
}

/** Nanoseconds since the epoch. */
export function timeNanos(t: GoStruct): bigint {
  return timeFields(t).ns;
}

/** The time in another location (Go's In). */
export function inLocation(t: GoStruct, location: string): GoStruct {
  const f = timeFields(t);
  if (location === 'UTC' || location === 'Local' || location === '') return makeTime(f.ns, UTC);
  return makeTime(f.ns, UTC, location);
}

/** Whether an IANA location name is known (Go's LoadLocation succeeds). */
export function knownLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone in force at an instant in an IANA location (abbreviation as Intl gives it). */
function zoneAt(location: string, ns: bigint): Zone {
  const ms = Number(ns / 1_000_000n);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: location,
    timeZoneName: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const parts = fmt.formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 1000);
  let name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  if (/^GMT[+-]/.test(name)) name = formatOffsetName(offset);
  if (name === 'GMT' && location === 'UTC') name = 'UTC';
  return { name, offset };
}

function formatOffsetName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  return sign + String(h).padStart(2, '0') + (m !== 0 ? String(m).padStart(2, '0') : '');
}

// ---------------------------------------------------------------------------------------------
// Civil time

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number;
  yday: number;
  zone: Zone;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function civil(t: GoStruct): Civil {
  const f = timeFields(t);
  const local = f.ns + BigInt(f.zone.offset) * NS_PER_SEC;
  const secs = floorDiv(local, NS_PER_SEC);
  const nanos = Number(local - secs * NS_PER_SEC);
  const days = Number(floorDiv(secs, 86400n));
  const sod = Number(secs - BigInt(days) * 86400n);
  const { year, month, day } = civilFromDays(days);
  const yday = days - daysFromCivil(year, 1, 1) + 1;
  return {
    year,
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    nanos,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday,
    zone: f.zone,
  };
}

/** Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm). */
function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? y + 1 : y, month, day };
}

function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// ---------------------------------------------------------------------------------------------
// Layouts

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Chunk = { lit: string } | { std: string; frac?: { sep: string; digits: number; trim: boolean } };
type StdElement = Exclude<Chunk, { lit: string }>;

/** Splits a layout into literals and elements (Go's nextStdChunk). */
function layoutChunks(layout: string): Chunk[] {
  const out: Chunk[] = [];
  let lit = '';
  let i = 0;
  const flush = (): void => {
    if (lit !== '') out.push({ lit });
    lit = '';
  };
  while (i < layout.length) {
    const rest = layout.slice(i);
    const std = matchStd(rest);
    if (std) {
      flush();
      out.push(std.chunk);
      i += std.len;
    } else {
      lit += layout[i] as string;
      i++;
    }
  }
  flush();
  return out;
}

function matchStd(rest: string): { chunk: Chunk; len: number } | undefined {
  const c = rest[0] as string;
  if ((c === '.' || c === ',') && (rest[1] === '0' || rest[1] === '9')) {
    const d = rest[1] as string;
    let j = 1;
    while (rest[j] === d) j++;
    if (!/[0-9]/.test(rest[j] ?? '')) {
      return { chunk: { std: 'frac', frac: { sep: c, digits: j - 1, trim: d === '9' } }, len: j };
    }
  }
  if (rest.startsWith('Jan')) {
    if (rest.startsWith('January')) return { chunk: { std: 'January' }, len: 7 };
    if (!startsWithLowerCase(rest.slice(3))) return { chunk: { std: 'Jan' }, len: 3 };
  }
  if (rest.startsWith('Mon')) {
    if (rest.startsWith('Monday')) return { chunk: { std: 'Monday' }, len: 6 };
    if (!startsWithLowerCase(rest.slice(3))) return { chunk: { std: 'Mon' }, len: 3 };
  }
  if (rest.startsWith('MST')) return { chunk: { std: 'MST' }, len: 3 };
  if (c === '0' && /^0[1-6]/.test(rest)) return { chunk: { std: rest.slice(0, 2) }, len: 2 };
  if (rest.startsWith('002')) return { chunk: { std: '002' }, len: 3 };
  if (rest.startsWith('15')) return { chunk: { std: '15' }, len: 2 };
  if (c === '1') return { chunk: { std: '1' }, len: 1 };
  if (rest.startsWith('2006')) return { chunk: { std: '2006' }, len: 4 };
  if (c === '2') return { chunk: { std: '2' }, len: 1 };
  if (rest.startsWith('__2')) return { chunk: { std: '__2' }, len: 3 };
  if (rest.startsWith('_2')) {
    if (rest.startsWith('_2006')) return undefined;
    return { chunk: { std: '_2' }, len: 2 };
  }
  if (c === '3' || c === '4' || c === '5') return { chunk: { std: c }, len: 1 };
  if (rest.startsWith('PM')) return { chunk: { std: 'PM' }, len: 2 };
  if (rest.startsWith('pm')) return { chunk: { std: 'pm' }, len: 2 };
  for (const z of [
    '-07:00:00',
    '-070000',
    '-07:00',
    '-0700',
    '-07',
    'Z07:00:00',
    'Z070000',
    'Z07:00',
    'Z0700',
    'Z07',
  ]) {
    if (rest.startsWith(z)) return { chunk: { std: z }, len: z.length };
  }
  return undefined;
}

function startsWithLowerCase(s: string): boolean {
  return s.length > 0 && s[0] !== undefined && s[0] >= 'a' && s[0] <= 'z';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatZone(std: string, offset: number): string {
  if (offset === 0 && std.startsWith('Z')) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  const kind = std.replace(/^Z/, '-');
  switch (kind) {
    case '-07':
      return sign + hh;
    case '-0700':
      return sign + hh + mm;
    case '-07:00':
      return sign + hh + ':' + mm;
    case '-070000':
      return sign + hh + mm + ss;
    default:
      return sign + hh + ':' + mm + ':' + ss;
  }
}

/** Go's Time.Format. */
export function formatTime(t: GoStruct, layout: string): string {
  const c = civil(t);
  let out = '';
  for (const chunk of layoutChunks(layout)) {
    if ('lit' in chunk) {
      out += chunk.lit;
      continue;
    }
    out += formatStd(chunk, c);
  }
  return out;
}

function formatStd(chunk: StdElement, c: Civil): string {
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  switch (chunk.std) {
    case 'January':
      return MONTHS[c.month - 1] as string;
    case 'Jan':
      return (MONTHS[c.month - 1] as string).slice(0, 3);
    case 'Monday':
      return DAYS[c.weekday] as string;
    case 'Mon':
      return (DAYS[c.weekday] as string).slice(0, 3);
    case 'MST':
      return c.zone.name !== '' ? c.zone.name : formatZone('-0700', c.zone.offset);
    case '01':
      return pad(c.month, 2);
    case '1':
      return String(c.month);
    case '02':
      return pad(c.day, 2);
    case '2':
      return String(c.day);
    case '_2':
      return String(c.day).padStart(2, ' ');
    case '__2':
      return String(c.yday).padStart(3, ' ');
    case '002':
      return pad(c.yday, 3);
    case '03':
      return pad(hour12, 2);
    case '3':
      return String(hour12);
    case '15':
      return pad(c.hour, 2);
    case '04':
      return pad(c.minute, 2);
    case '4':
      return String(c.minute);
    case '05':
      return pad(c.second, 2);
    case '5':
      return String(c.second);
    case '06':
      return pad(((c.year % 100) + 100) % 100, 2);
    case '2006':
      return c.year < 0 ? '-' + pad(-c.year, 4) : pad(c.year, 4);
    case 'PM':
      return c.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return c.hour >= 12 ? 'pm' : 'am';
    case 'frac':
      return formatFrac(chunk.frac ?? { sep: '.', digits: 0, trim: false }, c.nanos);
    default:
      return formatZone(chunk.std, c.zone.offset);
  }
}

function formatFrac(f: { sep: string; digits: number; trim: boolean }, nanos: number): string {
  let digits = pad(nanos, 9).slice(0, f.digits);
  if (f.trim) {
    digits = digits.replace(/0+$/, '');
    if (digits === '') return '';
  }
  return f.sep + digits;
}

/** Go's Time.String: `2006-01-02 15:04:05.999999999 -0700 MST`. */
export function timeString(t: GoStruct): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** Go's time.ParseInLocation (local = UTC). Throws GoError with Go's message. */
export function parseTime(layout: string, value: string): GoStruct {
  const fields = {
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    nanos: 0,
    pm: -1,
    offset: undefined as number | undefined,
  };
  let v = value;
  const fail = (elem: string, rest: string): never => {
    throw new GoError(
      `parsing time ${quoteGo(value)} as ${quoteGo(layout)}: cannot parse ${quoteGo(rest)} as ${quoteGo(elem)}`,
    );
  };
  for (const chunk of layoutChunks(layout)) {
    if ('lit' in chunk) {
      if (!v.startsWith(chunk.lit)) fail(chunk.lit, v);
      v = v.slice(chunk.lit.length);
      continue;
    }
    v = parseStd(chunk, v, fields, fail);
  }
  if (v !== '') throw new GoError(`parsing time ${quoteGo(value)}: extra text: ${quoteGo(v)}`);
  if (fields.pm === 1 && fields.hour < 12) fields.hour += 12;
  if (fields.pm === 0 && fields.hour === 12) fields.hour = 0;
  const days = daysFromCivil(fields.year, fields.month, fields.day);
  let secs = BigInt(days) * 86400n + BigInt(fields.hour * 3600 + fields.minute * 60 + fields.second);
  const offset = fields.offset ?? 0;
  secs -= BigInt(offset);
  const zone = offset === 0 ? UTC : { name: '', offset };
  return makeTime(secs * NS_PER_SEC + BigInt(fields.nanos), zone);
}

function quoteGo(s: string): string {
  return JSON.stringify(s);
}

interface ParseFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  pm: number;
  offset: number | undefined;
}

type Fail = (elem: string, rest: string) => never;
type NumericField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/** The layout elements that read a plain number: the field they set and their minimum and maximum digit count. */
const NUMERIC_ELEMENTS: ReadonlyMap<string, readonly [NumericField, number, number]> = new Map([
  ['2006', ['year', 4, 4]],
  ['01', ['month', 2, 2]],
  ['1', ['month', 1, 2]],
  ['02', ['day', 2, 2]],
  ['2', ['day', 1, 2]],
  ['15', ['hour', 1, 2]],
  ['03', ['hour', 2, 2]],
  ['3', ['hour', 1, 2]],
  ['04', ['minute', 2, 2]],
  ['4', ['minute', 1, 2]],
  ['05', ['second', 2, 2]],
  ['5', ['second', 1, 2]],
]);

/** Reads one layout element from the front of `v` into `f`; returns the rest of `v`. */
function parseStd(chunk: StdElement, v: string, f: ParseFields, fail: Fail): string {
  const numeric = NUMERIC_ELEMENTS.get(chunk.std);
  if (numeric) {
    const [field, min, max] = numeric;
    const [n, rest] = parseDigits(chunk.std, v, min, max, fail);
    f[field] = n;
    return field === 'second' ? parseFracAfterSeconds(rest, f) : rest;
  }
  switch (chunk.std) {
    case '06': {
      const [n, rest] = parseDigits(chunk.std, v, 2, 2, fail);
      f.year = n >= 69 ? 1900 + n : 2000 + n;
      return rest;
    }
    case '_2': {
      const [n, rest] = parseDigits(chunk.std, v.startsWith(' ') ? v.slice(1) : v, 1, 2, fail);
      f.day = n;
      return rest;
    }
    case 'January':
    case 'Jan': {
      const [i, rest] = parseName(chunk.std, v, chunk.std === 'Jan' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS, fail);
      f.month = i + 1;
      return rest;
    }
    case 'Monday':
    case 'Mon':
      return parseName(chunk.std, v, chunk.std === 'Mon' ? DAYS.map((d) => d.slice(0, 3)) : DAYS, fail)[1];
    case 'PM':
    case 'pm':
      return parseMeridiem(chunk.std, v, f, fail);
    case 'MST':
      return parseZoneName(chunk.std, v, fail);
    case 'frac':
      return parseFrac(chunk, v, f, fail);
    default:
      return parseZone(chunk.std, v, f, fail);
  }
}

/** Reads `min` to `max` decimal digits from the front of `v`: their value and the rest of `v`. */
function parseDigits(std: string, v: string, min: number, max: number, fail: Fail): [number, string] {
  const m = new RegExp(`^\\d{${min},${max}}`).exec(v);
  if (!m) return fail(std, v);
  return [Number(m[0]), v.slice(m[0].length)];
}

/** Matches one of `names` (case-insensitively) at the front of `v`: its index and the rest of `v`. */
function parseName(std: string, v: string, names: readonly string[], fail: Fail): [number, string] {
  const i = names.findIndex((name) => v.toLowerCase().startsWith(name.toLowerCase()));
  if (i < 0) fail(std, v);
  return [i, v.slice((names[i] as string).length)];
}

function parseMeridiem(std: string, v: string, f: ParseFields, fail: Fail): string {
  const p = v.slice(0, 2).toUpperCase();
  if (p !== 'AM' && p !== 'PM') fail(std, v);
  f.pm = p === 'PM' ? 1 : 0;
  return v.slice(2);
}

function parseZoneName(std: string, v: string, fail: Fail): string {
  const m = /^[A-Z]{3,5}/.exec(v);
  if (!m) return fail(std, v);
  return v.slice(m[0].length);
}

function parseFrac(chunk: StdElement, v: string, f: ParseFields, fail: Fail): string {
  const m = /^[.,](\d+)/.exec(v);
  if (!m) {
    if (chunk.frac?.trim === true) return v;
    return fail(chunk.std, v);
  }
  f.nanos = Number(((m[1] ?? '') + '000000000').slice(0, 9));
  return v.slice(m[0].length);
}

function parseFracAfterSeconds(v: string, f: ParseFields): string {
  const m = /^[.,](\d+)/.exec(v);
  if (!m) return v;
  f.nanos = Number(((m[1] ?? '') + '000000000').slice(0, 9));
  return v.slice(m[0].length);
}

function parseZone(std: string, v: string, f: ParseFields, fail: Fail): string {
  if (std.startsWith('Z') && v.startsWith('Z')) {
    f.offset = 0;
    return v.slice(1);
  }
  const m = /^([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?/.exec(v);
  if (!m) return fail(std, v);
  const sign = m[1] === '-' ? -1 : 1;
  f.offset = sign * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
  return v.slice(m[0].length);
}

// ---------------------------------------------------------------------------------------------
// Durations

const UNITS: ReadonlyArray<[string, bigint]> = [
  ['ns', 1n],
  ['us', 1000n],
  ['µs', 1000n],
  ['μs', 1000n],
  ['ms', 1_000_000n],
  ['s', NS_PER_SEC],
  ['m', 60n * NS_PER_SEC],
  ['h', 3600n * NS_PER_SEC],
];

/** Go's time.ParseDuration; throws GoError. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => {
    throw new GoError(`time: invalid duration ${quoteGo(orig)}`);
  };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') bad();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return bad();
    const whole = m[1] ?? '';
    const frac = m[2] ?? '';
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new GoError(`time: missing unit in duration ${quoteGo(orig)}`);
    const unit = UNITS.find(([name]) => name === u[0]);
    if (!unit) throw new GoError(`time: unknown unit ${quoteGo(u[0])} in duration ${quoteGo(orig)}`);
    s = s.slice(u[0].length);
    let v = BigInt(whole === '' ? '0' : whole) * unit[1];
    if (frac !== '') v += (BigInt(frac) * unit[1]) / 10n ** BigInt(frac.length);
    total += v;
  }
  return neg ? -total : total;
}

/** Go's Duration.String: `1h2m3.5s`, `1.5ms`, `0s`. */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < NS_PER_SEC) {
    let unit: string;
    let prec: number;
    if (u < 1000n) return (neg ? '-' : '') + u.toString() + 'ns';
    if (u < 1_000_000n) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    out = fracString(u, prec) + unit;
  } else {
    out = fracString(u % (60n * NS_PER_SEC), 9) + 's';
    u /= 60n * NS_PER_SEC;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return (neg ? '-' : '') + out;
}

function fracString(v: bigint, prec: number): string {
  const p = 10n ** BigInt(prec);
  const whole = v / p;
  let frac = (v % p).toString().padStart(prec, '0').replace(/0+$/, '');
  if (frac !== '') frac = '.' + frac;
  return whole.toString() + frac;
}

/** Go's Duration.Round(m). */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}
