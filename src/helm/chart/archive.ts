/**
 * Chart archives (`.tgz`): gzip (fflate) and a small tar reader (ustar, PAX and GNU long names), read the
 * way Helm's `LoadArchiveFiles` reads them: the first path element (the chart's folder) is dropped,
 * directories and PAX headers are skipped, paths that escape the chart are refused, a BOM is dropped.
 */
import { gunzipSync } from 'fflate';
import { normalize } from '../../fs/path.js';
import type { BufferedFile } from './types.js';

/** Helm's limits: 100 MiB for a whole chart, 5 MiB for one file. */
const MAX_CHART_SIZE = 100 * 1024 * 1024;
const MAX_FILE_SIZE = 5 * 1024 * 1024;

/** An archive Helm refuses, with its message. */
export class ArchiveError extends Error {}

/** True when the bytes start as a gzip stream does. */
export function isGzip(data: Uint8Array): boolean {
  return data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

/** The files of a chart archive, named relative to the chart. Throws {@link ArchiveError}. */
export function readChartArchive(data: Uint8Array): BufferedFile[] {
  if (data[0] !== 0x1f || data[1] !== 0x8b) throw new ArchiveError('gzip: invalid header');
  let tar: Uint8Array;
  try {
    tar = gunzipSync(data);
  } catch (e) {
    throw new ArchiveError(`gzip: ${(e as Error).message}`);
  }
  const files: BufferedFile[] = [];
  let remaining = MAX_CHART_SIZE;
  for (const entry of readTar(tar)) {
    const parts = entry.name.includes('\\') ? entry.name.split('\\') : entry.name.split('/');
    const n = parts.slice(1).join('/');
    if (n.startsWith('/')) throw new ArchiveError('chart illegally contains absolute paths');
    const clean = normalize(n);
    if (clean === '.') {
      throw new ArchiveError(`chart illegally contains content outside the base directory: "${entry.name}"`);
    }
    if (clean.startsWith('..')) throw new ArchiveError('chart illegally references parent directory');
    if (/^[a-zA-Z]:\//.test(clean)) throw new ArchiveError('chart contains illegally named files');
    if (parts[0] === 'Chart.yaml') throw new ArchiveError('chart yaml not in base directory');
    if (entry.data.length > remaining) {
      throw new ArchiveError(`decompressed chart is larger than the maximum file size ${MAX_CHART_SIZE}`);
    }
    if (entry.data.length > MAX_FILE_SIZE) {
      throw new ArchiveError(
        `decompressed chart file "${entry.name}" is larger than the maximum file size ${MAX_FILE_SIZE}`,
      );
    }
    remaining -= entry.data.length;
    files.push({ name: clean, data: dropBom(entry.data) });
  }
  if (files.length === 0) throw new ArchiveError('no files in chart archive');
  return files;
}

/** Drops a UTF-8 byte order mark. */
export function dropBom(data: Uint8Array): Uint8Array {
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

interface TarEntry {
  name: string;
  data: Uint8Array;
}

const decoder = new TextDecoder('utf-8');

/** The regular files (and links, with no data) of a tar stream, in order. */
function* readTar(tar: Uint8Array): Generator<TarEntry> {
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return;
    if (!checksumOk(h)) throw new ArchiveError('archive/tar: invalid tar header');
    const size = octal(h.subarray(124, 136));
    const type = String.fromCharCode(h[156] ?? 0);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      paxPath = paxRecords(data).get('path') ?? paxPath;
      continue;
    }
    if (type === 'g') continue;
    let name = longName ?? paxPath ?? headerName(h);
    longName = undefined;
    paxPath = undefined;
    const isDir = type === '5' || ((type === '0' || type === '\0') && name.endsWith('/'));
    if (isDir) continue;
    if (name.startsWith('./')) name = name.slice(2);
    yield { name, data: type === '0' || type === '\0' || type === '7' ? data.slice() : new Uint8Array(0) };
  }
}

function headerName(h: Uint8Array): string {
  const name = cString(h.subarray(0, 100));
  const magic = decoder.decode(h.subarray(257, 263));
  if (magic.startsWith('ustar')) {
    const prefix = cString(h.subarray(345, 500));
    if (prefix !== '') return prefix + '/' + name;
  }
  return name;
}

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return decoder.decode(end < 0 ? b : b.subarray(0, end));
}

function octal(b: Uint8Array): number {
  if ((b[0] ?? 0) & 0x80) {
    // base-256 (GNU) for large sizes
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + (b[i] ?? 0);
    return n;
  }
  const s = cString(b).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(h: Uint8Array): boolean {
  const want = octal(h.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
  return sum === want;
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(decoder.decode(data.subarray(i, sp)), 10);
    if (!(len > 0)) break;
    const rec = decoder.decode(data.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}
