/** Chart loading from the host file system: a local chart folder for the HelmReleases of a fleet render. */
import { chartFolderLoader } from '../helm/chart/chart-folder.js';
import type { ChartLoader } from '../helm/chart/render.js';
import { hostPath, nodeFs } from './node-fs.js';

/**
 * A chart loader over a folder of the host (`NAME/`, `NAME/VERSION/`, `NAME-VERSION/`, `NAME-VERSION.tgz`):
 * the highest version in the requested range, each chart loaded once. Pass it as `renderFleet`'s `chartLoader`.
 */
export function nodeChartLoader(dir: string): ChartLoader {
  return chartFolderLoader(nodeFs(), hostPath(dir));
}
