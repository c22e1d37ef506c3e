// The workspace scan engine as the extension loads it (bundled on its own as dist/scanner.js, required on the first
// Assess Workspace): the same walk, cache and analysis threads as the CLI, none of it loaded at activation.
export { scanPaths, ScanCancelled, toRel } from './scan';
export { defaultJobs } from './workers';
// The walk alone, for the real-code benchmark (bench/repo.mjs): the files a scan reads.
export { walkFiles } from './files';
export { lastScanStats } from './scan';
export type { SkipReason } from './scan';
// The analyser's loader (src/node/analyzer.ts), for the benchmark of the first diagnostic (bench/lib/cold.cjs).
export { analyzerCodeCacheStatus, loadAnalyzer, saveAnalyzerCodeCache, setCodeCacheDir } from './analyzer';
