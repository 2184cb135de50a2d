/**
 * The chart model, as Helm's pkg/chart has it: metadata from Chart.yaml (and requirements.yaml for v1
 * charts), templates, values, the schema, the other files, and the loaded subcharts with a parent link.
 */
import type { HelmMap, HelmValue } from './values-model.js';

/** A file of a chart, named relative to the chart's root (`templates/deployment.yaml`). */
export interface BufferedFile {
  name: string;
  data: Uint8Array;
}

/** A maintainer in Chart.yaml. */
export interface ChartMaintainer {
  name: string;
  email: string;
  url: string;
}

/** A dependency declared in Chart.yaml (or requirements.yaml). */
export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  /** Whether the dependency is enabled, once conditions and tags are applied. */
  enabled: boolean;
  /** `import-values`: strings (`exports.X`) or `{child, parent}` maps. */
  importValues: HelmValue[];
  alias: string;
}

/** Chart.yaml. */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: (ChartMaintainer | null)[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  /** `null` when Chart.yaml has no `dependencies` (Go's nil slice, which Helm tells from an empty one). */
  dependencies: (ChartDependency | null)[] | null;
  /** `application`, `library` or empty. */
  type: string;
}

/** A loaded chart. Mirrors Helm's `chart.Chart`, including its parent link. */
export class Chart {
  /** Every file as loaded (before sorting into the fields below). */
  raw: BufferedFile[] = [];
  metadata: ChartMetadata;
  /** The chart's values.yaml. */
  values: HelmMap = {};
  /** values.schema.json, as bytes. */
  schema: Uint8Array | undefined;
  /** The files under templates/. */
  templates: BufferedFile[] = [];
  /** The files that are not templates, values, Chart.yaml or subcharts (what `.Files` sees). */
  files: BufferedFile[] = [];
  /** Whether a Chart.lock or requirements.lock was present. */
  hasLock = false;
  parent: Chart | undefined;
  dependencies: Chart[] = [];

  constructor(metadata: ChartMetadata) {
    this.metadata = metadata;
  }

  get name(): string {
    return this.metadata.name;
  }

  isRoot(): boolean {
    return this.parent === undefined;
  }

  /** `parent/charts/name`, the prefix of template names. */
  fullPath(): string {
    return this.parent ? `${this.parent.fullPath()}/charts/${this.name}` : this.name;
  }

  /** Replaces the subcharts (Helm's SetDependencies: their parent becomes this chart). */
  setDependencies(charts: readonly Chart[]): void {
    this.dependencies = [];
    for (const c of charts) {
      c.parent = this;
      this.dependencies.push(c);
    }
  }

  /** The CRD files (crds/*.yaml|yml|json) of this chart and its subcharts, with their output names. */
  crdObjects(): { filename: string; file: BufferedFile }[] {
    const out: { filename: string; file: BufferedFile }[] = [];
    for (const f of this.files) {
      if (f.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(f.name)) {
        out.push({ filename: `${this.fullPath()}/${f.name}`, file: f });
      }
    }
    for (const d of this.dependencies) out.push(...d.crdObjects());
    return out;
  }

  /** A copy that shares files and subcharts but has its own metadata (Helm's `out := *c; md := *c.Metadata`). */
  shallowCopy(): Chart {
    const c = new Chart({ ...this.metadata });
    c.raw = this.raw;
    c.values = this.values;
    c.schema = this.schema;
    c.templates = this.templates;
    c.files = this.files;
    c.hasLock = this.hasLock;
    c.parent = this.parent;
    c.dependencies = this.dependencies;
    return c;
  }
}

/** An empty metadata record (every field at Go's zero value). */
export function emptyMetadata(): ChartMetadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: {},
    kubeVersion: '',
    dependencies: null,
    type: '',
  };
}
