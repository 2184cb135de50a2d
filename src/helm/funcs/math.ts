/**
 * Sprig's math: integer functions over cast.ToInt64 with int64 wrap-around (`add`, `div` truncating,
 * `mod`, `max`, `min`, `add1`), float functions through shopspring/decimal (`addf`, `divf` to 16
 * places), `round`/`ceil`/`floor` returning float64, `seq`, `toDecimal` (octal), conversions
 * (`int`, `int64`, `float64`) and `randInt`.
 */
import { GoError, formatFloat, goFunc, sprint, type GoFunc, type GoValue } from '../template/index.js';
import { toFloat64, toInt64 } from './conv.js';
import { randomBytes } from './random.js';

function wrap64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

function goDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new GoError('runtime error: integer divide by zero');
  if (a === -(1n << 63n) && b === -1n) return a;
  return a / b;
}

function goMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new GoError('runtime error: integer divide by zero');
  if (b === -1n) return 0n;
  return a % b;
}

// ---------------------------------------------------------------------------------------------
// shopspring/decimal, as much as Sprig's float functions use

interface Decimal {
  coef: bigint;
  exp: number;
}

function fromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new GoError(`Cannot create a Decimal from ${formatFloat(f, 'g', -1)}`);
  const s = formatFloat(f, 'e', -1);
  const [mant = '0', e = '0'] = s.split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const fracLen = (mant.split('.')[1] ?? '').length;
  const coef = BigInt(digits) * (neg ? -1n : 1n);
  return { coef, exp: Number(e) - fracLen };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp];
}

function decAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

function decSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

function decMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** d.DivRound(d2, 16): quotient rounded half away from zero to 16 decimal places. */
function decDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new GoError('decimal division by 0');
  const places = 16;
  // a/b * 10^places as an integer, rounded half away from zero.
  const shift = places + a.exp - b.exp;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const neg = num < 0n !== den < 0n;
  if (num < 0n) num = -num;
  if (den < 0n) den = -den;
  let q = num / den;
  const r = num % den;
  if (r * 2n >= den) q += 1n;
  return { coef: neg ? -q : q, exp: -places };
}

function decToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}

function decimalOp(a: GoValue, b: readonly GoValue[], f: (x: Decimal, y: Decimal) => Decimal): number {
  let acc = fromFloat(toFloat64(a));
  for (const x of b) acc = f(acc, fromFloat(toFloat64(x)));
  return decToFloat(acc);
}

// ---------------------------------------------------------------------------------------------

function round(a: GoValue, p: bigint, ...rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? (rOpt[0] as number) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const div = digit - Math.trunc(digit);
  const r = div >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function untilStepInts(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

function seq(...params: bigint[]): string {
  let increment = 1n;
  let out: bigint[];
  switch (params.length) {
    case 1: {
      const end = params[0] as bigint;
      if (end < 1n) increment = -1n;
      out = untilStepInts(1n, end + increment, increment);
      break;
    }
    case 2: {
      const [start = 0n, end = 0n] = params;
      const step = end < start ? -1n : 1n;
      out = untilStepInts(start, end + step, step);
      break;
    }
    case 3: {
      const [start = 0n, step = 0n, end = 0n] = params;
      if (end < start) {
        increment = -1n;
        if (step > 0n) return '';
      }
      out = untilStepInts(start, end + increment, step);
      break;
    }
    default:
      return '';
  }
  return out.join(' ');
}

function toDecimal(v: GoValue): bigint {
  const s = sprint([v]);
  if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
  const n = BigInt((s.startsWith('-') ? '-0o' : '0o') + s.replace(/^[+-]/, ''));
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) return 0n;
  return n;
}

function randInt(min: bigint, max: bigint): bigint {
  const n = max - min;
  if (n <= 0n) throw new GoError('invalid argument to Intn');
  const bytes = randomBytes(8);
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return (x % n) + min;
}

/** The math functions. */
export function mathFuncs(): Record<string, GoFunc> {
  const max = (a: GoValue, ...i: GoValue[]): bigint =>
    i.reduce<bigint>((m, b) => (toInt64(b) > m ? toInt64(b) : m), toInt64(a));
  const min = (a: GoValue, ...i: GoValue[]): bigint =>
    i.reduce<bigint>((m, b) => (toInt64(b) < m ? toInt64(b) : m), toInt64(a));
  return {
    add1: goFunc('func(interface {}) int64', (i: GoValue) => wrap64(toInt64(i) + 1n)),
    add: goFunc('func(...interface {}) int64', (...i: GoValue[]) =>
      i.reduce<bigint>((a, b) => wrap64(a + toInt64(b)), 0n),
    ),
    sub: goFunc('func(interface {}, interface {}) int64', (a: GoValue, b: GoValue) => wrap64(toInt64(a) - toInt64(b))),
    div: goFunc('func(interface {}, interface {}) int64', (a: GoValue, b: GoValue) => goDiv(toInt64(a), toInt64(b))),
    mod: goFunc('func(interface {}, interface {}) int64', (a: GoValue, b: GoValue) => goMod(toInt64(a), toInt64(b))),
    mul: goFunc('func(interface {}, ...interface {}) int64', (a: GoValue, ...v: GoValue[]) =>
      v.reduce<bigint>((acc, b) => wrap64(acc * toInt64(b)), toInt64(a)),
    ),
    randInt: goFunc('func(int, int) int', randInt),
    add1f: goFunc('func(interface {}) float64', (i: GoValue) => decimalOp(i, [1n], decAdd)),
    addf: goFunc('func(...interface {}) float64', (...i: GoValue[]) => decimalOp(0, i, decAdd)),
    subf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) =>
      decimalOp(a, v, decSub),
    ),
    divf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) =>
      decimalOp(a, v, decDiv),
    ),
    mulf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) =>
      decimalOp(a, v, decMul),
    ),
    biggest: goFunc('func(interface {}, ...interface {}) int64', max),
    max: goFunc('func(interface {}, ...interface {}) int64', max),
    min: goFunc('func(interface {}, ...interface {}) int64', min),
    maxf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...i: GoValue[]) =>
      i.reduce<number>((m, b) => Math.max(m, toFloat64(b)), toFloat64(a)),
    ),
    minf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...i: GoValue[]) =>
      i.reduce<number>((m, b) => Math.min(m, toFloat64(b)), toFloat64(a)),
    ),
    ceil: goFunc('func(interface {}) float64', (a: GoValue) => Math.ceil(toFloat64(a))),
    floor: goFunc('func(interface {}) float64', (a: GoValue) => Math.floor(toFloat64(a))),
    round: goFunc('func(interface {}, int, ...float64) float64', round),
    int64: goFunc('func(interface {}) int64', toInt64),
    int: goFunc('func(interface {}) int', toInt64),
    float64: goFunc('func(interface {}) float64', toFloat64),
    seq: goFunc('func(...int) string', seq),
    toDecimal: goFunc('func(interface {}) int64', toDecimal),
  };
}
