/**
 * Writing a command's output to files. File-system errors surface as the Node errors main.ts turns into one
 * line with the path (exit 1); nothing here prints a stack trace.
 */
/// <reference types="node" />
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether `path` names an existing directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false; // ENOTDIR and the like: not a directory; writing there reports the reason
  }
}

/** Writes `text` to `path` (its directory must exist, as for `kustomize build -o FILE`). */
export function writeOutputFile(path: string, text: string): void {
  writeFileSync(path, text);
}

/** One file of a multi-file output, relative to the output directory. */
export interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/** Writes files under `dir`, creating it and the folders the names hold. */
export function writeOutputFiles(dir: string, files: readonly OutputFile[]): void {
  mkdirSync(dir, { recursive: true });
  const made = new Set<string>();
  for (const f of files) {
    const path = join(dir, f.name);
    const parent = join(path, '..');
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(path, f.text);
  }
}
