/// <reference types="node" />
/**
 * The HelmRelease flags of the commands that render fleets (`fleet`, `graph`, `diff --cluster`, `lint`):
 * where charts are read from, the Kubernetes version they render for, and the values-schema cache.
 */
import { chartFolderLoader } from '../helm/chart/chart-folder.js';
import { schemaCacheLoader } from '../helm/chart/schema-cache.js';
import type { RenderFleetOptions } from '../flux/fleet/index.js';
import { hostPath, nodeFs } from '../node/node-fs.js';

/** Help lines of the HelmRelease flags. */
export const helmFlagsHelp = `HelmReleases (rendered when their chart is local: a mapped Git source, or the --charts folder):
  --charts DIR               a chart folder: NAME/, NAME/VERSION/, NAME-VERSION/ or NAME-VERSION.tgz (the
                             highest version in the HelmRelease's range is used)
  --kube-version VERSION     Kubernetes version charts are rendered for (default: Helm's, v1.36.0)
  --schema-cache DIR         where remote values.schema.json references are read from (DIR/HOST/PATH)`;

/** The HelmRelease flags: chart folder, Kubernetes version, schema cache (host paths). */
export interface HelmFlags {
  charts?: string;
  kubeVersion?: string;
  schemaCache?: string;
}

/** `--charts`, `--kube-version`, `--schema-cache` for parseArgs. */
export const helmFlagOptions = {
  charts: { type: 'string' },
  'kube-version': { type: 'string' },
  'schema-cache': { type: 'string' },
} as const;

/** Reads the HelmRelease flags. */
export function helmFlags(values: { charts?: string; 'kube-version'?: string; 'schema-cache'?: string }): HelmFlags {
  const out: HelmFlags = {};
  if (values.charts !== undefined) out.charts = hostPath(values.charts);
  if (values['kube-version'] !== undefined) out.kubeVersion = values['kube-version'];
  if (values['schema-cache'] !== undefined) out.schemaCache = hostPath(values['schema-cache']);
  return out;
}

/** The fleet render options the HelmRelease flags give. */
export function helmRenderOptions(
  h: HelmFlags,
): Pick<RenderFleetOptions, 'chartLoader' | 'kubeVersion' | 'schemaLoader'> {
  const fs = nodeFs();
  return {
    ...(h.charts !== undefined ? { chartLoader: chartFolderLoader(fs, h.charts) } : {}),
    ...(h.kubeVersion !== undefined ? { kubeVersion: h.kubeVersion } : {}),
    ...(h.schemaCache !== undefined ? { schemaLoader: schemaCacheLoader(fs, h.schemaCache) } : {}),
  };
}
