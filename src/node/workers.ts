// A small pool of worker threads that run `analyzeFile` (src/cli/worker.ts). Parsing is CPU-bound and synchronous,
// so threads are the only way a scan uses more than one core. The pool is created per scan and closed after it.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, FileAnalysis, FileKind } from '../core/types';
import type { WorkerReply, WorkerRequest } from './worker';

/** Below this many files to analyse, starting threads (each loads the parser, ~100 ms) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 48;

/**
 * Old-generation cap per analysis thread. A thread holds one file's AST at a time (files over 2 MB are never read),
 * so a small heap only makes V8 collect sooner, which keeps the process's peak memory down; a thread that still
 * runs out is replaced by analysis on the main thread (see fail()).
 */
const WORKER_OLD_GENERATION_MB = 160;

/** Files queued per thread: enough to hide message latency, few enough that texts do not pile up in memory. */
const IN_FLIGHT_PER_WORKER = 2;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** dist/worker.js beside the bundle; src/cli/worker.ts when running from source under tsx (tests). */
export function workerScript(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'worker.ts') : path.join(__dirname, 'worker.js');
}

interface Pending {
  resolve(a: FileAnalysis): void;
  reject(e: Error): void;
  worker: Slot;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: (() => void)[] = [];
  private nextId = 0;
  private failure?: Error;

  constructor(size: number, script = workerScript()) {
    for (let i = 0; i < size; i++) {
      const resourceLimits = { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB };
      // From source (tests under tsx), the thread registers tsx itself: loader hooks of the main thread do not reach
      // worker threads on Node 20, and without it every file would silently fall back to this thread.
      const worker = script.endsWith('.ts')
        ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, resourceLimits })
        : new Worker(script, { resourceLimits });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(slot, new Error(`analysis worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Waits until some thread has room, so callers read files only as fast as threads consume them. */
  async ready(): Promise<void> {
    while (!this.failure && !this.slots.some((s) => s.busy < IN_FLIGHT_PER_WORKER)) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  analyze(text: string, file: string, kind: FileKind, options: AnalyzeOptions): Promise<FileAnalysis> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise<FileAnalysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: slot });
      slot.worker.postMessage({ id, text, file, kind, options } satisfies WorkerRequest);
    });
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    slot.busy--;
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.analysis);
    this.waiters.shift()?.();
  }

  private fail(slot: Slot, e: Error): void {
    this.failure ??= e;
    for (const [id, p] of this.pending) {
      if (p.worker !== slot) continue;
      this.pending.delete(id);
      p.reject(e);
    }
    for (const w of this.waiters.splice(0)) w();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
