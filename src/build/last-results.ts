/**
 * The last result of each call made with the same arguments, kept while nothing changed: an editor session
 * that re-renders with no edit in between gets its previous result back at once.
 */

/** A key for arguments made of data only (undefined when a function or a class instance makes it unsafe). */
function dataKey(value: unknown): string | undefined {
  const seen = { plain: true };
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'function') seen.plain = false;
    else if (v instanceof Object && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype)
      seen.plain = false;
    return v;
  });
  return seen.plain ? text : undefined;
}

export class LastResults {
  private generation = 0;
  private readonly last = new Map<string, { generation: number; result: unknown }>();

  /** Something changed: no kept result is returned again. */
  changed(): void {
    this.generation++;
    this.last.clear();
  }

  /** The result of `run`, or the one kept for the same call and arguments since the last change. */
  reuse<T>(call: string, args: unknown, run: () => T): T {
    const key = dataKey([call, args]);
    const hit = key !== undefined ? this.last.get(key) : undefined;
    if (hit?.generation === this.generation) return hit.result as T;
    const result = run();
    if (key !== undefined) this.last.set(key, { generation: this.generation, result });
    return result;
  }
}
