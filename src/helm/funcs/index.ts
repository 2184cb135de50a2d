/**
 * helm/funcs: the template functions of Helm 3.21. {@link sprigFuncMap} is Sprig v3.3's
 * `TxtFuncMap`; {@link helmFuncMap} is Helm's `funcMap()` (Sprig without `env`/`expandenv`, plus
 * `toYaml`, `fromYaml`, `toJson`, `toToml`, … and placeholders for the engine-bound functions);
 * {@link installHelmEngineFuncs} binds `include`, `tpl`, `required`, `fail`, `lookup` and
 * `getHostByName` to a template set as Helm's `Engine.initFunMap` does.
 */
import {
  GoError,
  GoStruct,
  goFunc,
  TemplateExecError,
  TemplateParseError,
  TemplateSet,
  goQuote,
  type FuncMap,
  type GoFunc,
  type GoMap,
  type GoValue,
  type TemplateOption,
} from '../template/index.js';
import { defaultFuncs, dictFuncs, listFuncs } from './collections.js';
import { cryptoFuncs } from './crypto.js';
import {
  jsonToGo,
  marshalJSON,
  tomlToGo,
  toToml,
  toYaml,
  toYamlPretty,
  unmarshalTypeError,
  yamlToGo,
} from './encoding.js';
import { mathFuncs } from './math.js';
import { miscFuncs } from './misc.js';
import { stringFuncs } from './strings.js';

export { toYaml, yamlToGo, jsonToGo, marshalJSON, toYamlValue, fromPlainValue } from './encoding.js';
export { makeTime, formatTime, parseTime, TIME_TYPE } from './gotime.js';
export { CERTIFICATE_TYPE } from './crypto.js';
export { VERSION_TYPE, newVersion, newConstraint, checkConstraints } from './semver.js';
export { mergoMerge, deepCopy } from './collections.js';
export { isEmpty, strval, toInt64, toFloat64, deepEqual } from './conv.js';

/** Sprig's text function map (`sprig.TxtFuncMap()`), `env`/`expandenv` returning empty values. */
export function sprigFuncMap(): Record<string, GoFunc> {
  return {
    ...miscFuncs(),
    ...stringFuncs(),
    ...mathFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...defaultFuncs(),
    ...cryptoFuncs(),
  };
}

/** Helm's fromYAML/fromJSON: a map, or `{Error: message}` (errors are not raised in templates). */
function decodeMap(decode: (s: string) => GoValue, json: boolean): (s: string) => GoMap {
  return (str) => {
    try {
      const v = decode(str);
      if (v === null) return {};
      if (typeof v !== 'object' || Array.isArray(v)) throw unmarshalTypeError(v, 'map[string]interface {}', json);
      return v as GoMap;
    } catch (e) {
      return { Error: e instanceof Error ? e.message : String(e) };
    }
  };
}

/** Helm's fromYAMLArray/fromJSONArray: a list, or `[message]`. */
function decodeArray(decode: (s: string) => GoValue, json: boolean): (s: string) => GoValue[] {
  return (str) => {
    try {
      const v = decode(str);
      if (v === null) return [];
      if (!Array.isArray(v)) throw unmarshalTypeError(v, '[]interface {}', json);
      return v;
    } catch (e) {
      return [e instanceof Error ? e.message : String(e)];
    }
  };
}

/** Helm's `funcMap()`: Sprig minus env/expandenv, plus Helm's functions and engine placeholders. */
export function helmFuncMap(): Record<string, GoFunc> {
  const f = sprigFuncMap();
  delete f.env;
  delete f.expandenv;
  return {
    ...f,
    toToml: goFunc('func(interface {}) string', toToml),
    fromToml: goFunc('func(string) map[string]interface {}', (s: string) => {
      try {
        return tomlToGo(s);
      } catch (e) {
        return { Error: e instanceof Error ? e.message : String(e) };
      }
    }),
    toYaml: goFunc('func(interface {}) string', toYaml),
    toYamlPretty: goFunc('func(interface {}) string', toYamlPretty),
    fromYaml: goFunc('func(string) map[string]interface {}', decodeMap(yamlToGo, false)),
    fromYamlArray: goFunc('func(string) []interface {}', decodeArray(yamlToGo, false)),
    toJson: goFunc('func(interface {}) string', (v: GoValue) => {
      try {
        return marshalJSON(v);
      } catch {
        return '';
      }
    }),
    fromJson: goFunc('func(string) map[string]interface {}', decodeMap(jsonToGo, true)),
    fromJsonArray: goFunc('func(string) []interface {}', decodeArray(jsonToGo, true)),
    include: goFunc('func(string, interface {}) string', () => 'not implemented'),
    tpl: goFunc('func(string, interface {}) interface {}', () => 'not implemented'),
    required: goFunc('func(string, interface {}) (interface {}, error)', () => 'not implemented'),
    lookup: goFunc('func(string, string, string, string) (map[string]interface {}, error)', () => ({})),
  };
}

/** Options of Helm's engine that change the bound functions. */
export interface HelmEngineOptions {
  /** `--strict` rendering: `missingkey=error` (default false: `missingkey=zero`). */
  readonly strict?: boolean;
  /** Lint mode: `required` and `fail` log instead of failing (default false). */
  readonly lintMode?: boolean;
  /** `--enable-dns`: keep Sprig's getHostByName (offline it returns ""; default false returns "" too). */
  readonly enableDNS?: boolean;
  /**
   * `lookup` against a cluster; the default (offline, as `helm template`) returns an empty map.
   * @param apiVersion - e.g. `v1`
   * @param kind - e.g. `Secret`
   * @param namespace - "" for cluster-wide
   * @param name - "" to list
   */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => GoMap;
  /** Called with messages Helm logs in lint mode. */
  readonly log?: (message: string) => void;
}

const WARN_START = 'HELM_ERR_START';
const WARN_END = 'HELM_ERR_END';
const RECURSION_MAX = 1000;

/** Helm's warnWrap: how `required` and `fail` mark their messages for error cleanup. */
export function warnWrap(warn: string): string {
  return WARN_START + warn + WARN_END;
}

/** The template option Helm sets for its mode. */
export function helmMissingKeyOption(strict: boolean): TemplateOption {
  return strict ? 'missingkey=error' : 'missingkey=zero';
}

function includeFunc(set: TemplateSet, included: Map<string, number>): GoFunc {
  return goFunc('func(string, interface {}) (string, error)', (name: string, data: GoValue) => {
    const n = included.get(name);
    if (n !== undefined && n > RECURSION_MAX) {
      throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    }
    included.set(name, (n ?? 0) + 1);
    try {
      return set.execute(name, data);
    } finally {
      included.set(name, (included.get(name) ?? 1) - 1);
    }
  });
}

function tplFunc(parent: TemplateSet, included: Map<string, number>, strict: boolean): GoFunc {
  return goFunc('func(string, interface {}) (string, error)', (text: string, vals: GoValue) => {
    const t = parent.clone();
    t.option(helmMissingKeyOption(strict));
    t.funcs({ include: includeFunc(t, included), tpl: tplFunc(t, included, strict) });
    let out: string;
    try {
      out = t.executeText(parent.name, text, vals);
    } catch (e) {
      if (e instanceof TemplateExecError)
        throw new GoError(`error during tpl function execution for ${goQuote(text)}: ${e.message}`);
      if (e instanceof TemplateParseError) throw new GoError(`cannot parse template ${goQuote(text)}: ${e.message}`);
      throw e;
    }
    return out.replaceAll('<no value>', '');
  });
}

/**
 * Binds Helm's engine functions to `set` (Go's `Engine.initFunMap`): `include` and `tpl` over this
 * set, `required`, `fail`, `lookup` and `getHostByName`. Call after adding {@link helmFuncMap}.
 */
export function installHelmEngineFuncs(set: TemplateSet, options: HelmEngineOptions = {}): void {
  const included = new Map<string, number>();
  const lint = options.lintMode === true;
  const log = options.log ?? ((): void => undefined);
  const fns: Record<string, GoFunc> = {
    include: includeFunc(set, included),
    tpl: tplFunc(set, included, options.strict === true),
    required: goFunc('func(string, interface {}) (interface {}, error)', (warn: string, val: GoValue) => {
      if (val === null || val === '') {
        if (lint) {
          log(`[INFO] Missing required value: ${warn}`);
          return '';
        }
        throw new GoError(warnWrap(warn));
      }
      return val;
    }),
    fail: goFunc('func(string) (string, error)', (msg: string) => {
      if (lint) {
        log(`[INFO] Fail: ${msg}`);
        return '';
      }
      throw new GoError(warnWrap(msg));
    }),
  };
  if (options.lookup) {
    const lookup = options.lookup;
    fns.lookup = goFunc('func(string, string, string, string) (map[string]interface {}, error)', lookup);
  }
  if (options.enableDNS !== true) fns.getHostByName = goFunc('func(string) string', () => '');
  set.funcs(fns);
}

/**
 * A template set ready for a chart, as Helm's engine builds it: named `gotpl`, the missing-key
 * option of the mode, Helm's function map and the engine-bound functions.
 */
export function createHelmTemplateSet(options: HelmEngineOptions = {}): TemplateSet {
  const set = new TemplateSet('gotpl');
  set.option(helmMissingKeyOption(options.strict === true));
  set.funcs(helmFuncMap());
  installHelmEngineFuncs(set, options);
  return set;
}

/** Helm's cleanupExecError: `execution error at (LOCATION): MESSAGE` for `required`/`fail`. */
export function cleanupExecError(filename: string, err: Error): Error {
  if (!(err instanceof TemplateExecError)) return err;
  const tokens = splitN(err.message, ': ', 3);
  if (tokens.length !== 3) return new Error(`execution error in (${filename}): ${err.message}`);
  const m = /HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(tokens[2] as string);
  if (m) return new Error(`execution error at (${tokens[1] as string}): ${m[1] as string}`);
  return err;
}

/** Helm's cleanupParseError: `parse error at (LOCATION): MESSAGE`. */
export function cleanupParseError(filename: string, err: Error): Error {
  const tokens = err.message.split(': ');
  if (tokens.length === 1) return new Error(`parse error in (${filename}): ${err.message}`);
  return new Error(`parse error at (${tokens[1] as string}): ${tokens[tokens.length - 1] as string}`);
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** Re-exported for callers that build FuncMaps. */
export type { FuncMap };
/** Struct values built by funcs (certificates, times, versions) are GoStructs. */
export { GoStruct };
