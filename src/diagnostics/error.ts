import { diagnostic, type Diagnostic, type Range } from './diagnostic.js';

/**
 * A build failure. Thrown inside the engine (kustomize stops at the first error) and caught at the API
 * boundary, where it becomes a {@link Diagnostic}. The message follows kustomize's wording where it can.
 */
export class BuildError extends Error {
  readonly code: string;
  file: string | undefined;
  range: Range | undefined;
  constructor(code: string, message: string, where: { file?: string | undefined; range?: Range | undefined } = {}) {
    super(message);
    this.name = 'BuildError';
    this.code = code;
    this.file = where.file;
    this.range = where.range;
  }

  /** Adds a kustomize-style context prefix (`accumulating resources: ...`), keeping code and position. */
  wrap(prefix: string): this {
    this.message = `${prefix}${this.message}`;
    return this;
  }

  toDiagnostic(): Diagnostic {
    return diagnostic(this.code, 'error', this.message, { file: this.file, range: this.range, source: 'kustomize' });
  }
}

/** Thrown by the API in strict mode: carries every diagnostic of a failed call. */
export class KustomizeError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
    super(first ? first.message : 'kustomize-ts failed');
    this.name = 'KustomizeError';
    this.diagnostics = diagnostics;
  }
}

/** Normalises anything thrown inside the engine into a BuildError. */
export function toBuildError(err: unknown): BuildError {
  if (err instanceof BuildError) return err;
  if (err instanceof Error) return new BuildError('internal/error', err.message);
  return new BuildError('internal/error', String(err));
}
