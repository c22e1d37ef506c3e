// Lazy access to the analysis core. dist/analyzer.js carries the TypeScript parser (megabytes), so it is required on
// the first analysis, never at activation; src/node/analyzer.ts loads it (through a V8 code cache kept in the
// extension's global storage, set at activation), the same loader the CLI and its worker threads use.
import { analyzerCodeCacheStatus, loadAnalyzer, saveAnalyzerCodeCache } from '../node/analyzer';
import { log } from './log';

type CoreApi = typeof import('../core/api');

export function getCore(): CoreApi {
  return loadAnalyzer();
}

let saveScheduled = false;

/**
 * Called once a document's diagnostics are shown: the first call writes the analyser's code cache (when there was no
 * usable one) on a later tick, so the functions that analysis compiled are in it and the writing never delays a
 * diagnostic. The next session then starts from it.
 */
export function afterAnalysis(): void {
  if (saveScheduled) return;
  saveScheduled = true;
  setTimeout(() => {
    const problem = saveAnalyzerCodeCache();
    if (problem) log().warn(`${problem}. The next session compiles the analyser again.`);
    else log().info(`Analyser code cache: ${analyzerCodeCacheStatus() ?? 'not loaded'}.`);
  }, 500);
}
