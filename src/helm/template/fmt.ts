/**
 * Go's fmt over the value model (fmt/print.go, fmt/format.go): Sprint, Sprintln, Sprintf with flags
 * `#0+- `, width, precision, `*` and `[n]` argument indexes, the verbs `v s d b o O x X c q U e E f F g
 * G t T %`, bad-verb output (`%!d(string=x)`), missing and extra arguments, maps printed sorted
 * (`map[a:1 b:2]`), slices (`[a b]`), structs (`{a b}`, `%+v`, `&{…}`), nil (`<nil>`), and the
 * String()/Error() methods of struct types.
 */
import { formatFloat, quote, quoteRune, quoteRuneToASCII, quoteToASCII, canBackquote } from './strconv.js';
import {
  GO_TYPE,
  GoNumber,
  GoStruct,
  isGoFunc,
  mapGet,
  sortedMapKeys,
  typeName,
  type GoMap,
  type GoSlice,
  type GoValue,
} from './values.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

interface Flags {
  widPresent: boolean;
  precPresent: boolean;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  prec: number;
}

function newFlags(): Flags {
  return {
    widPresent: false,
    precPresent: false,
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    prec: 0,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** The printer state of one Sprint/Sprintf call. */
class Printer {
  buf = '';
  f: Flags = newFlags();
  erroring = false;
  /** The argument being printed (for badVerb). */
  arg: GoValue | undefined = null;
  argIsSet = false;
  /** Whether the format used an explicit argument index (then extra arguments are not reported). */
  reordered = false;
  /** Whether the argument index of the verb being formatted was valid. */
  goodArgNum = true;

  clearflags(): void {
    const f = this.f;
    f.widPresent = f.precPresent = f.minus = f.plus = f.sharp = f.space = f.zero = f.plusV = f.sharpV = false;
    f.wid = 0;
    f.prec = 0;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    const f = this.f;
    if (!f.widPresent || f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = f.wid - runeCount(s);
    if (!f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    const f = this.f;
    let prec = 4;
    if (f.precPresent && f.prec > 4) prec = f.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    s = 'U+' + s;
    if (f.sharp && u <= 0x10ffffn && isPrintRune(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oldZero = f.zero;
    f.zero = false;
    this.pad(s);
    f.zero = oldZero;
  }

  fmtInteger(u: bigint, base: number, isSigned: boolean, verb: string, upper: boolean): void {
    const f = this.f;
    const negative = isSigned && u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.writePadding(f.wid);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8) {
        if (digits[0] !== '0') digits = '0' + digits;
      } else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (f.plus) digits = '+' + digits;
    else if (f.space) digits = ' ' + digits;
    const oldZero = f.zero;
    f.zero = false;
    this.pad(digits);
    f.zero = oldZero;
  }

  truncateString(s: string): string {
    const f = this.f;
    if (f.precPresent) {
      let n = f.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  fmtSbx(bytes: Uint8Array, upper: boolean): void {
    const f = this.f;
    const digits = upper ? '0123456789ABCDEFX' : '0123456789abcdefx';
    let length = bytes.length;
    if (f.precPresent && f.prec < length) length = f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) width += 2;
    } else {
      if (f.widPresent) this.writePadding(f.wid);
      return;
    }
    if (f.widPresent && f.wid > width && !f.minus) this.writePadding(f.wid - width);
    let out = '';
    if (f.sharp) out += '0' + digits.charAt(16);
    for (let i = 0; i < length; i++) {
      if (f.space && i > 0) {
        out += ' ';
        if (f.sharp) out += '0' + digits.charAt(16);
      }
      const c = bytes[i] as number;
      out += (digits[c >> 4] as string) + (digits[c & 15] as string);
    }
    this.buf += out;
    if (f.widPresent && f.wid > width && f.minus) this.writePadding(f.wid - width);
  }

  fmtQ(s: string): void {
    const f = this.f;
    s = this.truncateString(s);
    if (f.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(f.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: bigint): void {
    const r = c > 0x10ffffn || c < 0n || (c >= 0xd800n && c <= 0xdfffn) ? 0xfffd : Number(c);
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > 0x10ffffn || c < 0n ? 0xfffd : Number(c);
    this.pad(this.f.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  fmtFloatRaw(v: number, size: number, verb: string, prec: number): void {
    const f = this.f;
    if (f.precPresent) prec = f.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] === '-' || num[0] === '+') {
      // keep sign
    } else {
      num = '+' + num;
    }
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = f.zero;
      f.zero = false;
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.pad(num);
      f.zero = oldZero;
      return;
    }
    if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
    if (f.plus || num[0] !== '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > num.length) {
        this.buf += num[0] as string;
        this.writePadding(f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (this.argIsSet && this.arg !== null && this.arg !== undefined) {
      this.buf += typeName(this.arg) + '=';
      this.printArg(this.arg, 'v');
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmtIntegerVerb(v: bigint, isSigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !isSigned) {
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.fmtInteger(v, 16, false, 'v', false);
          this.f.sharp = sharp;
        } else this.fmtInteger(v, 10, isSigned, verb, false);
        return;
      case 'd': {
        this.fmtInteger(v, 10, isSigned, verb, false);
        return;
      }
      case 'b': {
        this.fmtInteger(v, 2, isSigned, verb, false);
        return;
      }
      case 'o':
      case 'O': {
        this.fmtInteger(v, 8, isSigned, verb, false);
        return;
      }
      case 'x': {
        this.fmtInteger(v, 16, isSigned, verb, false);
        return;
      }
      case 'X': {
        this.fmtInteger(v, 16, isSigned, verb, true);
        return;
      }
      case 'c': {
        this.fmtC(BigInt.asUintN(64, v));
        return;
      }
      case 'q': {
        this.fmtQc(BigInt.asUintN(64, v));
        return;
      }
      case 'U': {
        this.fmtUnicode(BigInt.asUintN(64, v));
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, size: number, verb: string): void {
    switch (verb) {
      case 'v': {
        this.fmtFloatRaw(v, size, 'g', -1);
        return;
      }
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X': {
        this.fmtFloatRaw(v, size, verb, -1);
        return;
      }
      case 'f':
      case 'e':
      case 'E': {
        this.fmtFloatRaw(v, size, verb, 6);
        return;
      }
      case 'F': {
        this.fmtFloatRaw(v, size, 'f', 6);
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case 's': {
        this.fmtS(v);
        return;
      }
      case 'x': {
        this.fmtSbx(utf8Encoder.encode(v), false);
        return;
      }
      case 'X': {
        this.fmtSbx(utf8Encoder.encode(v), true);
        return;
      }
      case 'q': {
        this.fmtQ(v);
        return;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(v: Uint8Array, verb: string, type: string): void {
    switch (verb) {
      case 'v':
      case 'd': {
        if (this.f.sharpV) {
          this.buf += type + '{';
          v.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            const sharp = this.f.sharp;
            this.f.sharp = true;
            this.fmtInteger(BigInt(c), 16, false, 'v', false);
            this.f.sharp = sharp;
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          v.forEach((c, i) => {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(c), 10, false, verb, false);
          });
          this.buf += ']';
        }
        return;
      }
      case 's': {
        this.fmtS(utf8Decoder.decode(v));
        return;
      }
      case 'x': {
        this.fmtSbx(this.f.precPresent ? v.subarray(0, this.f.prec) : v, false);
        return;
      }
      case 'X': {
        this.fmtSbx(this.f.precPresent ? v.subarray(0, this.f.prec) : v, true);
        return;
      }
      case 'q': {
        this.fmtQ(utf8Decoder.decode(v));
        return;
      }
      default:
        this.printValue(
          Array.from(v, (c) => new GoNumber('uint8', BigInt(c))),
          verb,
          0,
        );
    }
  }

  /** Error() and String() methods (Go's handleMethods). */
  handleMethods(v: GoValue | undefined, verb: string): boolean {
    if (this.erroring || !(v instanceof GoStruct)) return false;
    if (this.f.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const m = v.type.methods?.Error ?? v.type.methods?.String;
    if (m?.signature !== 'func() string') return false;
    this.fmtString(m.fn(v) as string, verb);
    return true;
  }

  printArg(arg: GoValue | undefined, verb: string): void {
    this.arg = arg;
    this.argIsSet = true;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb);
      return;
    }
    switch (typeof arg) {
      case 'boolean': {
        this.fmtBool(arg, verb);
        return;
      }
      case 'number': {
        this.fmtFloat(arg, 64, verb);
        return;
      }
      case 'bigint': {
        this.fmtIntegerVerb(arg, true, verb);
        return;
      }
      case 'string': {
        this.fmtString(arg, verb);
        return;
      }
      default:
        break;
    }
    if (arg instanceof GoNumber) {
      if (typeof arg.value === 'number') {
        this.fmtFloat(arg.value, 32, verb);
        return;
      }
      this.fmtIntegerVerb(arg.value, !arg.type.startsWith('u'), verb);
      return;
    }
    if (arg instanceof Uint8Array) {
      this.fmtBytes(arg, verb, '[]byte');
      return;
    }
    if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  printValue(value: GoValue | undefined, verb: string, depth: number): void {
    if (depth > 0 && value !== null && value !== undefined && this.handleMethods(value, verb)) return;
    this.arg = value;
    this.argIsSet = true;
    if (value === null || value === undefined) {
      if (depth === 0) this.buf += '<invalid reflect.Value>';
      else if (verb === 'v') this.buf += '<nil>';
      else this.badVerb(verb);
      return;
    }
    switch (typeof value) {
      case 'boolean': {
        this.fmtBool(value, verb);
        return;
      }
      case 'number': {
        this.fmtFloat(value, 64, verb);
        return;
      }
      case 'bigint': {
        this.fmtIntegerVerb(value, true, verb);
        return;
      }
      case 'string': {
        this.fmtString(value, verb);
        return;
      }
      default:
        break;
    }
    if (value instanceof GoNumber) {
      if (typeof value.value === 'number') {
        this.fmtFloat(value.value, 32, verb);
        return;
      }
      this.fmtIntegerVerb(value.value, !value.type.startsWith('u'), verb);
      return;
    }
    if (value instanceof Uint8Array) {
      this.fmtBytes(value, verb, '[]uint8');
      return;
    }
    if (value instanceof GoStruct) {
      this.printStruct(value, verb, depth);
      return;
    }
    if (isGoFunc(value)) {
      this.fmtPointer(verb);
      return;
    }
    if (Array.isArray(value)) {
      this.printSlice(value, verb, depth);
      return;
    }
    this.printMap(value, verb, depth);
  }

  fmtPointer(verb: string): void {
    // Addresses are not reproducible; print Go's form for a non-nil pointer with a fixed address.
    if (verb === 'v' || verb === 'p' || verb === 'x' || verb === 'X' || verb === 'd' || verb === 'b' || verb === 'o') {
      this.buf += '0xc000010000';
      return;
    }
    this.badVerb(verb);
  }

  printMap(m: GoMap, verb: string, depth: number): void {
    if (this.f.sharpV) this.buf += typeName(m) + '{';
    else this.buf += 'map[';
    const keys = sortedMapKeys(m);
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      const k = keys[i] as string;
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(mapGet(m, k) ?? null, verb, depth + 1);
    }
    this.buf += this.f.sharpV ? '}' : ']';
  }

  printSlice(s: GoSlice, verb: string, depth: number): void {
    if (this.f.sharpV) {
      this.buf += typeName(s) + '{';
      s.forEach((e, i) => {
        if (i > 0) this.buf += ', ';
        this.printValue(e, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && s[GO_TYPE]?.elem === 'uint8') {
      const bytes = Uint8Array.from(s, (e) => Number((e as GoNumber).value));
      this.fmtBytes(bytes, verb, typeName(s));
      return;
    }
    this.buf += '[';
    for (let i = 0; i < s.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printValue(s[i] ?? null, verb, depth + 1);
    }
    this.buf += ']';
  }

  printStruct(v: GoStruct, verb: string, depth: number): void {
    if (v.type.pointer && depth > 0) {
      this.fmtPointer(verb);
      return;
    }
    if (v.type.pointer) this.buf += '&';
    if (this.f.sharpV) this.buf += v.type.name.replace(/^\*/, '');
    this.buf += '{';
    v.type.fields.forEach((field, i) => {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      if (this.f.plusV || this.f.sharpV) this.buf += field.name + ':';
      this.printValue(v.fields[field.name] ?? null, verb, depth + 1);
    });
    this.buf += '}';
  }

  /**
   * The next argument to print: `argNum`, or the one a bracketed index at `format[i]` names; also the index of the
   * next byte of the format and whether an index was read. Go's (*pp).argNumber.
   */
  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  /**
   * Line-for-line port of Go's fmt.(*pp).doPrintf (src/fmt/print.go). Go resets `reordered` first because its
   * printers are pooled; a Printer here serves one call, so the field starts false.
   */
  doPrintf(format: string, a: readonly (GoValue | undefined)[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    const f = this.f;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i] as string;
        switch (c) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = true;
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v' || c === 'w') {
                f.sharpV = f.sharp;
                f.sharp = false;
                f.plusV = f.plus;
                f.plus = false;
              }
              this.printArg(a[argNum], c === 'w' ? 'w' : c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === '*') {
        i++;
        let ok: boolean;
        [f.wid, ok, argNum] = intFromArg(a, argNum);
        f.widPresent = ok;
        if (!ok) this.buf += '%!(BADWIDTH)';
        if (f.wid < 0) {
          f.wid = -f.wid;
          f.minus = true;
          f.zero = false;
        }
        afterIndex = false;
      } else {
        [f.wid, f.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          let ok: boolean;
          [f.prec, ok, argNum] = intFromArg(a, argNum);
          f.precPresent = ok;
          if (f.prec < 0) {
            f.prec = 0;
            f.precPresent = false;
          }
          if (!f.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [f.prec, f.precPresent, i] = parsenum(format, i, end);
          if (!f.precPresent) {
            f.prec = 0;
            f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i) as number);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!this.goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v' || verb === 'w') {
          f.sharpV = f.sharp;
          f.sharp = false;
          f.plusV = f.plus;
          f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = a[k];
        if (arg === null || arg === undefined) this.buf += '<nil>';
        else {
          this.buf += typeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

function isPrintRune(r: number): boolean {
  return r >= 0x20 && r !== 0x7f && /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(r));
}

/** Go's `#` flag for floats: keep the decimal point and trailing zeros. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
    digits = prec;
    if (digits === -1) digits = 6;
  }
  let tail = '';
  let body = num;
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '.') {
      hasDecimalPoint = true;
    } else if (c === 'p' || c === 'P') {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else if ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X') {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzeroDigit = true;
      if (sawNonzeroDigit) digits--;
    }
  }
  if (!hasDecimalPoint) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  while (digits > 0) {
    body += '0';
    digits--;
  }
  return body + tail;
}

function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(a: readonly (GoValue | undefined)[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    let n: bigint | undefined;
    if (typeof v === 'bigint') n = v;
    else if (v instanceof GoNumber && typeof v.value === 'bigint') n = v.value;
    if (n !== undefined && n >= -(1n << 63n) && n < 1n << 63n) {
      num = Number(n);
      isInt = true;
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly (GoValue | undefined)[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly (GoValue | undefined)[]): string {
  let out = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += isString ? arg : formatValue(arg);
    prevString = isString;
  }
  return out;
}

/** fmt.Sprintln: operands separated by spaces, newline appended. */
export function sprintln(args: readonly (GoValue | undefined)[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ' ';
    out += formatValue(args[i]);
  }
  return out + '\n';
}

/** fmt.Sprint of one value (`%v`), with fast paths for strings and numbers. */
export function formatValue(v: GoValue | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatFloat(v, 'g', -1);
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}
