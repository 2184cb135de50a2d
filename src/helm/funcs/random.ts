/**
 * Randomness for Sprig's random functions, from the platform's synchronous CSPRNG
 * (`crypto.getRandomValues`, in browsers and Node): random strings over goutils' character sets,
 * version-4 UUIDs and random bytes.
 */

/** Random bytes. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

const SETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  numeric: '0123456789',
  ascii: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''),
} as const;

/** goutils.CryptoRandom* for `count` characters of a set ("" for a negative count, as Sprig ignores the error). */
export function randomString(count: number, set: keyof typeof SETS): string {
  if (count <= 0) return '';
  const chars = SETS[set];
  const limit = 256 - (256 % chars.length);
  let out = '';
  while (out.length < count) {
    for (const b of randomBytes(count * 2)) {
      if (b < limit) out += chars[b % chars.length] as string;
      if (out.length === count) break;
    }
  }
  return out;
}

/** A random (version 4) UUID. */
export function uuidv4(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
