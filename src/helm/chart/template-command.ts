/**
 * What the `helm template` command prints, from a chart path and its flags: the manifests (CRDs first
 * with `--include-crds`), then the hooks unless `--no-hooks` (tests unless `--skip-tests`), each as
 * `---\n# Source: PATH\nDOC`, or only the templates `--show-only` names. Failures give Helm's error
 * text, with `Use --debug flag to render out invalid YAML` where Helm adds it. Browser-safe: files are
 * read through the FileSystem.
 */
import { goPathMatch } from '../../fs/glob.js';
import type { FileSystem } from '../../fs/types.js';
import { resolve } from '../../fs/path.js';
import { parseKubeVersion } from './capabilities.js';
import { ChartLoadError, loadChart } from './load.js';
import { splitManifests } from './manifests.js';
import { renderChart, type RenderChartOptions } from './render.js';
import { mergeValueOptions, ValueOptionsError, type ValueOptions } from './values-options.js';

/** The flags of `helm template` that kustomize-ts supports. */
export interface HelmTemplateOptions extends ValueOptions, Omit<RenderChartOptions, 'values' | 'releaseName'> {
  /** Release name (the NAME argument). Default `release-name`. */
  releaseName?: string;
  /** `--show-only`: template paths or globs relative to the chart (`templates/service.yaml`). */
  showOnly?: readonly string[];
  /** `--skip-tests`: leave out test hooks. */
  skipTests?: boolean;
  /** `--no-hooks`: leave out all hooks. */
  noHooks?: boolean;
  /** Directory that relative value-file paths are resolved against. Default `/`. */
  cwd?: string;
}

/** What `helm template` writes: stdout, stderr warnings, and the error (exit status 1) if any. */
export interface HelmTemplateOutput {
  stdout: string;
  stderr: string;
  /** Helm's error text (printed as `Error: TEXT`). */
  error?: string;
}

/** Runs `helm template [NAME] CHART` on a chart directory or `.tgz` file. */
export function helmTemplate(fs: FileSystem, chartPath: string, options: HelmTemplateOptions = {}): HelmTemplateOutput {
  const out: HelmTemplateOutput = { stdout: '', stderr: '' };
  if (options.kubeVersion) {
    try {
      parseKubeVersion(options.kubeVersion);
    } catch (e) {
      out.error = `invalid kube version '${options.kubeVersion}': ${(e as Error).message}`;
      return out;
    }
  }
  const cwd = options.cwd ?? '/';
  let values;
  let chart;
  try {
    values = mergeValueOptions(fs, cwd, options);
    chart = loadChart(fs, resolve(cwd, chartPath));
  } catch (e) {
    if (e instanceof ValueOptionsError || e instanceof ChartLoadError) {
      out.error = e.message;
      return out;
    }
    throw e;
  }
  const r = renderChart(chart, { ...options, releaseName: options.releaseName ?? 'release-name', values });
  for (const d of r.diagnostics)
    if (d.severity === 'warning' && d.code === 'helm/warning' && /deprecated/.test(d.message))
      out.stderr += `WARNING: ${d.message}\n`;
  if (!r.ok) {
    out.error = (r.error ?? 'render failed') + (r.debugHint ? '\n\nUse --debug flag to render out invalid YAML' : '');
    return out;
  }
  let manifest = '';
  for (const m of r.manifests) manifest += `---\n# Source: ${m.sourcePath}\n${m.text}\n`;
  let text = manifest.trim() + '\n';
  if (options.noHooks !== true) {
    for (const h of r.hooks) {
      if (options.skipTests === true && h.hook?.events.includes('test')) continue;
      text += `---\n# Source: ${h.sourcePath}\n${h.text}\n`;
    }
  }
  if (options.showOnly && options.showOnly.length > 0) {
    const shown = showOnly(text, options.showOnly);
    if (typeof shown !== 'string') {
      out.error = shown.error;
      return out;
    }
    text = shown;
  }
  out.stdout = text;
  return out;
}

function showOnly(text: string, patterns: readonly string[]): string | { error: string } {
  const docs = splitManifests(text);
  let out = '';
  for (const f of patterns) {
    let missing = true;
    for (const doc of docs) {
      const m = /# Source: [^/]+\/(.+)/.exec(doc);
      if (!m) continue;
      let matched = false;
      try {
        matched = goPathMatch(f, m[1] as string);
      } catch {
        matched = false;
      }
      if (!matched) continue;
      out += `---\n${doc}\n`;
      missing = false;
    }
    if (missing) return { error: `could not find template ${f} in chart` };
  }
  return out;
}
