// Worker-thread entry (bundled as dist/worker.js): analyses files sent by src/cli/workers.ts. Each message holds one
// file's text; the reply is its FileAnalysis. Nothing is kept between messages, so ASTs die with each call.
import { parentPort, workerData } from 'node:worker_threads';
import { loadAnalyzer, saveAnalyzerCodeCache, setCodeCacheDir } from './analyzer';
import type { AnalyzeOptions, FileAnalysis, FileKind } from '../core/types';
import { joinLineStarts } from '../core/join/offsets';

export interface WorkerRequest {
  id: number;
  text: string;
  file: string;
  kind: FileKind;
  options: AnalyzeOptions;
}

/** What the pool gives each thread at start. */
export interface WorkerData {
  /** The analyser's code-cache folder (src/node/codeCache.ts); false: none. */
  codeCacheDir: string | false;
}

export type WorkerReply = { id: number; analysis: FileAnalysis } | { id: number; error: string };

const port = parentPort;
if (port) {
  setCodeCacheDir((workerData as WorkerData | undefined)?.codeCacheDir);
  port.on('message', (req: WorkerRequest) => {
    void (async () => {
      try {
        // tree-sitter starts asynchronously; a failed load is left to the language's analysis, which reports it on the file.
        const core = loadAnalyzer();
        await core.ensureParsers(req.kind, req.text).catch(() => undefined);
        // Functions do not cross threads: the budget's clock is this thread's own.
        const options = req.options.timeBudgetMs !== undefined ? { ...req.options, now: () => performance.now() } : req.options;
        const analysis = core.analyzeFile(req.text, req.file, options, req.kind);
        // Only the line starts the join places something at cross back (what the cache keeps too): a file's whole list
        // is one number per line, copied for nothing.
        analysis.lineStarts = joinLineStarts(analysis);
        port.postMessage({ id: req.id, analysis } satisfies WorkerReply);
        // After the first analysis, when it holds the functions analysing compiled; a no-op afterwards. Threads of one
        // scan may both write: each write is a whole file renamed into place.
        saveAnalyzerCodeCache();
      } catch (e) {
        // analyzeFile never throws; this is loading the analyzer or sending a result that cannot be copied. The main
        // thread then analyses the file itself.
        port.postMessage({ id: req.id, error: (e as Error)?.message ?? String(e) } satisfies WorkerReply);
      }
    })();
  });
}
