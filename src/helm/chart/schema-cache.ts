/**
 * A {@link SchemaLoader} over a local folder laid out as `HOST/PATH` (`raw.githubusercontent.com/org/
 * repo/…/values.schema.json`): how remote `$ref`s of values.schema.json files are resolved offline.
 */
import type { FileSystem } from '../../fs/types.js';
import { join } from '../../fs/path.js';
import type { SchemaLoader } from './schema.js';

const decoder = new TextDecoder('utf-8');

/** Reads `https://HOST/PATH` from `DIR/HOST/PATH`; undefined when the file is absent or not JSON. */
export function schemaCacheLoader(fs: FileSystem, dir: string): SchemaLoader {
  return (url: string): unknown => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    const path = join(dir, u.host, decodeURIComponent(u.pathname));
    if (fs.stat(path)?.type !== 'file') return undefined;
    try {
      return JSON.parse(decoder.decode(fs.readFile(path))) as unknown;
    } catch {
      return undefined;
    }
  };
}
