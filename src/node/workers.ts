// A small pool of worker threads that run `analyzeFile` (src/cli/worker.ts). Parsing is CPU-bound and synchronous,
// so threads are the only way a scan uses more than one core. The pool is created per scan and closed after it.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, FileAnalysis, FileKind } from '../core/types';
import { getCodeCacheDir } from './analyzer';
import type { WorkerData, WorkerReply, WorkerRequest } from './worker';

/** Below this many files to analyse, starting threads (each loads the parser, ~100 ms) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 48;

/**
 * Old-generation cap per analysis thread. A thread holds one file's AST at a time (files over 2 MB are never read),
 * so a small heap only makes V8 collect sooner, which keeps the process's peak memory down; a thread that still
 * runs out is replaced by analysis on the main thread (see fail()).
 */
const WORKER_OLD_GENERATION_MB = 160;

/**
 * Young-generation size per analysis thread. A file's syntax tree lives through its whole analysis; with V8's default
 * young generation, large trees survive two scavenges and are promoted, so the old generation fills with dead trees and
 * is collected again and again under its cap. At 64 MB most trees die young: on synthetic-1000 (2 cores), in interleaved
 * runs, a two-thread scan took 15.1–16.5 s of CPU instead of 17.3–18.4 s and 8.4–8.7 s of wall time instead of 10.1 s,
 * for about 70 MB more peak memory.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

/** Files queued per thread: enough to hide message latency, few enough that texts do not pile up in memory. */
const IN_FLIGHT_PER_WORKER = 2;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** dist/worker.js beside the bundle; src/cli/worker.ts when running from source under tsx (tests). */
function workerScript(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'worker.ts') : path.join(__dirname, 'worker.js');
}

/** Per file, the longest a thread may take before it is stopped and the file reported; a hang never stops a scan. */
const FILE_TIME_LIMIT_MS = 60_000;

/**
 * Why a thread's file was not analysed there. `culprit`: the thread died (crashed, ran out of memory, overran the time
 * limit) while analysing this very file, which is then reported rather than retried; otherwise the file was only
 * queued behind it (or the thread answered with an error) and may be analysed elsewhere.
 */
export class WorkerFailure extends Error {
  constructor(
    message: string,
    readonly culprit: boolean,
  ) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

interface Pending {
  resolve(a: FileAnalysis): void;
  reject(e: Error): void;
  worker: Slot;
}

interface Slot {
  worker: Worker;
  busy: number;
  /** When the request at the head of this thread's queue started (ms), while busy. */
  since: number;
  /** The thread has started running its script (its start-up does not count against a file's time). */
  online?: boolean;
  /** Set when the watchdog stops the thread: why. */
  stopped?: string;
  dead?: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: (() => void)[] = [];
  private nextId = 0;
  private failure?: Error;
  private respawns = 0;
  private closing = false;
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(
    size: number,
    private readonly script = workerScript(),
    private readonly timeLimitMs = FILE_TIME_LIMIT_MS,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
    this.watchdog = setInterval(() => this.checkTimes(), Math.min(1000, Math.max(50, timeLimitMs / 4)));
    this.watchdog.unref();
  }

  private spawn(): Slot {
    const resourceLimits = { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    // Threads load the analyser through the same code cache as this thread (src/node/analyzer.ts).
    const workerData: WorkerData = { codeCacheDir: getCodeCacheDir() };
    // From source (tests under tsx), the thread registers tsx itself: loader hooks of the main thread do not reach
    // worker threads on Node 20, and without it every file would silently fall back to this thread.
    const worker = this.script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(this.script)});`, { eval: true, resourceLimits, workerData })
      : new Worker(this.script, { resourceLimits, workerData });
    const slot: Slot = { worker, busy: 0, since: 0 };
    worker.on('online', () => {
      slot.online = true;
      slot.since = Date.now();
    });
    worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    worker.on('error', (e) => this.fail(slot, e));
    worker.on('exit', (code) => {
      if (code !== 0 || slot.busy > 0) this.fail(slot, new Error(`analysis worker exited with code ${code}`));
    });
    return slot;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Waits until some thread has room, so callers read files only as fast as threads consume them. */
  async ready(): Promise<void> {
    while (!this.failure && !this.slots.some((s) => !s.dead && s.busy < IN_FLIGHT_PER_WORKER)) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  analyze(text: string, file: string, kind: FileKind, options: AnalyzeOptions): Promise<FileAnalysis> {
    if (this.failure) return Promise.reject(this.failure);
    const live = this.slots.filter((s) => !s.dead);
    if (!live.length) return Promise.reject(new WorkerFailure('no analysis thread is running', false));
    const slot = live.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    if (slot.busy++ === 0) slot.since = Date.now();
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
    slot.since = Date.now();
    if ('error' in reply) p.reject(new WorkerFailure(reply.error, false));
    else p.resolve(reply.analysis);
    this.waiters.shift()?.();
  }

  /** Stops a thread whose current file has run past the time limit; fail() then reports the file. */
  private checkTimes(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.dead || slot.stopped || !slot.online || slot.busy === 0 || now - slot.since <= this.timeLimitMs) continue;
      const limit = this.timeLimitMs >= 1000 ? `${Math.round(this.timeLimitMs / 1000)} s` : `${this.timeLimitMs} ms`;
      slot.stopped = `analysis took longer than ${limit} and was stopped; not analysed. If the file is generated, exclude it (.lambdashiftignore or --exclude); otherwise please report it.`;
      void slot.worker.terminate();
    }
  }

  /**
   * A thread died. The file it was analysing (its oldest request: a thread takes its messages in order) is reported;
   * the files queued behind it are handed back for analysis elsewhere, and a new thread takes the dead one's place
   * (a few times at most, so a thread that cannot start does not loop).
   */
  private fail(slot: Slot, e: Error): void {
    if (slot.dead || this.closing) return;
    slot.dead = true;
    const mine = [...this.pending].filter(([, p]) => p.worker === slot).sort(([a], [b]) => a - b);
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      slot.stopped ??
      (code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `analysis ran out of memory (over ${WORKER_OLD_GENERATION_MB} MB for this one file); not analysed. If the file is generated, exclude it (.lambdashiftignore or --exclude).`
        : `the analysis thread crashed on this file (${e.message}); not analysed. Please report this with the file.`);
    mine.forEach(([id, p], k) => {
      this.pending.delete(id);
      p.reject(new WorkerFailure(k === 0 ? why : `the analysis thread stopped before this file (${e.message})`, k === 0));
    });
    const at = this.slots.indexOf(slot);
    if (this.respawns < this.slots.length * 2) {
      this.respawns++;
      try {
        this.slots[at] = this.spawn();
      } catch (err) {
        this.failure ??= err as Error;
      }
    } else if (this.slots.every((s) => s.dead)) {
      this.failure ??= e;
    }
    for (const w of this.waiters.splice(0)) w();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
