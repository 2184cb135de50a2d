/**
 * The values a `helm template` invocation supplies, merged as Helm's values.Options.MergeValues merges
 * them: `-f` files in order (maps merged deeply), then `--set-json`, `--set`, `--set-string`,
 * `--set-file`, each parsed as Helm's strvals does. Files are read through the FileSystem.
 */
import type { FileSystem } from '../../fs/types.js';
import { resolve } from '../../fs/path.js';
import { GoYamlError, unmarshalYamlMap } from './go-yaml.js';
import { parseSetFileInto, parseSetInto, parseSetJsonInto, parseSetStringInto, StrvalsError } from './strvals.js';
import { isTable, setKey, type HelmMap } from './values-model.js';

/** The value flags of `helm template`. */
export interface ValueOptions {
  /** `-f/--values` files, in order. */
  valueFiles?: readonly string[];
  /** `--set key=value[,key=value]`, typed. */
  set?: readonly string[];
  /** `--set-string`: values kept as strings. */
  setString?: readonly string[];
  /** `--set-json key=JSON`. */
  setJson?: readonly string[];
  /** `--set-file key=path`: the file's text is the value. */
  setFile?: readonly string[];
}

/** Value flags Helm refuses; the message is Helm's. */
export class ValueOptionsError extends Error {}

const decoder = new TextDecoder('utf-8');

/** Helm's MergeValues: the user-supplied values. Paths are resolved against `cwd`. Throws {@link ValueOptionsError}. */
export function mergeValueOptions(fs: FileSystem, cwd: string, opts: ValueOptions): HelmMap {
  let base: HelmMap = {};
  const read = (path: string): string => {
    const abs = resolve(cwd, path);
    if (fs.stat(abs)?.type !== 'file') throw new ValueOptionsError(`open ${path}: no such file or directory`);
    return decoder.decode(fs.readFile(abs));
  };
  for (const f of opts.valueFiles ?? []) {
    let current: HelmMap;
    try {
      current = unmarshalYamlMap(read(f));
    } catch (e) {
      if (e instanceof GoYamlError) throw new ValueOptionsError(`failed to parse ${f}: ${e.message}`);
      throw e;
    }
    base = mergeMaps(base, current);
  }
  const apply = (list: readonly string[] | undefined, what: string, parse: (s: string) => void): void => {
    for (const s of list ?? []) {
      try {
        parse(s);
      } catch (e) {
        if (!(e instanceof StrvalsError)) throw e;
        throw new ValueOptionsError(
          what === '--set-json' ? `failed parsing --set-json data ${s}` : `failed parsing ${what} data: ${e.message}`,
        );
      }
    }
  };
  apply(opts.setJson, '--set-json', (s) => parseSetJsonInto(s, base));
  apply(opts.set, '--set', (s) => parseSetInto(s, base));
  apply(opts.setString, '--set-string', (s) => parseSetStringInto(s, base));
  apply(opts.setFile, '--set-file', (s) => parseSetFileInto(s, base, (p) => read(p)));
  return base;
}

function mergeMaps(a: HelmMap, b: HelmMap): HelmMap {
  const out: HelmMap = {};
  for (const k of Object.keys(a)) setKey(out, k, a[k] ?? null);
  for (const k of Object.keys(b)) {
    const v = b[k] ?? null;
    const existing = out[k];
    if (isTable(v) && Object.prototype.hasOwnProperty.call(out, k) && isTable(existing))
      setKey(out, k, mergeMaps(existing, v));
    else setKey(out, k, v);
  }
  return out;
}
