/**
 * Our side of the comparison: builds run in a worker thread (ours-worker.ts) with a time limit and a
 * heap limit; a build that overruns is a hang, a worker that dies (stack overflow, out of memory) a crash.
 */
/// <reference types="node" />
import { Worker } from 'node:worker_threads';
import type { RefVersion, SideResult } from './case.js';
import type { OursRequest } from './ours-worker.js';

const WORKER_URL = new URL('./ours-worker.ts', import.meta.url).href;
/** Worker threads do not inherit tsx's loader: the worker registers it, then loads the TypeScript worker. */
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

/** One worker, one build at a time; replaced after a hang or a death. */
export class OursRunner {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly timeoutMs: number,
    private readonly heapMb = 1024,
  ) {}

  private spawn(): Worker {
    this.worker ??= new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    return this.worker;
  }

  /** Builds `dir` (queued behind earlier builds). */
  run(dir: string, flags: readonly string[], version: RefVersion): Promise<SideResult> {
    const next = this.queue.then(() => this.runNow({ dir, flags: [...flags], version }));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private runNow(req: OursRequest): Promise<SideResult> {
    const w = this.spawn();
    return new Promise((resolve) => {
      const done = (r: SideResult): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve(r);
      };
      const kill = (): void => {
        this.worker = undefined;
        void w.terminate();
      };
      const timer = setTimeout(() => {
        kill();
        done({ ok: false, stdout: '', error: `no result after ${this.timeoutMs} ms`, timedOut: true });
      }, this.timeoutMs);
      const onMessage = (r: SideResult): void => done(r);
      const onError = (err: Error): void => {
        kill();
        done({ ok: false, stdout: '', error: `worker died: ${err.message}`, crashed: true });
      };
      const onExit = (code: number): void => {
        this.worker = undefined;
        done({ ok: false, stdout: '', error: `worker exited with ${code}`, crashed: true });
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
