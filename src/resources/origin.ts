import type { AstNode, LineIndex } from '../yaml/ast.js';
import type { Range } from '../diagnostics/diagnostic.js';

/** Where a resource came from: its file and document, or the generator that made it. */
export interface Origin {
  /** Absolute path of the file in the build's file system (for generated objects: the kustomization file). */
  file: string;
  /** Range of the document in the file. */
  range?: Range;
  /** 0-based document index in the file. */
  documentIndex?: number;
  /** AST of the document, to locate fields (see yaml/locate.ts). */
  node?: AstNode;
  lineCounter?: LineIndex;
  /** JSON pointer of the object inside the document when it is not the document itself (an item of a `List`). */
  pointer?: string;
  /** Path relative to the top-level kustomization root, as kustomize writes it in `config.kubernetes.io/origin`. */
  path?: string;
  /** For remote resources: the repository and ref. */
  repo?: string;
  ref?: string;
  /** For generated resources: the kustomization (relative path) and the generator that configured it. */
  configuredIn?: string;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

/** Where one field's current value was written, when a patch or transformer set it. */
export interface FieldOrigin {
  file: string;
  range?: Range;
  /** The transformer or patch kind that wrote it. */
  by: string;
}
