/**
 * Character classes of go-yaml's reader and scanner (yamlprivateh.go), on UTF-16 code units. The
 * scanner only asks them about characters it can see whole: line breaks are LF, CR, NEL (U+0085),
 * LS (U+2028) and PS (U+2029), as in YAML 1.1; blanks are space and tab.
 */

export const NUL = 0; // the end of the input reads as NUL, as in go-yaml's padded buffer

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

export function isBreakz(c: number): boolean {
  return isBreak(c) || c === NUL;
}

export function isBlankz(c: number): boolean {
  return isBlank(c) || isBreakz(c);
}

/** `[0-9A-Za-z_-]`: anchor names, tag handles, directive names. */
export function isAlpha(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function asHex(c: number): number {
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x30;
}

/** Number of UTF-8 bytes of a code point (go-yaml's buffer is UTF-8; some look-aheads count bytes). */
export function utf8Width(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * What go-yaml's reader accepts (readerc.go): tab, LF, CR, printable ASCII, NEL, the BMP outside the
 * surrogates and U+FFFE/U+FFFF, and the astral planes. Anything else is "control characters are not
 * allowed".
 */
export function isAllowedChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}
