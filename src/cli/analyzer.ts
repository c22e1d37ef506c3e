// The analysis core as the CLI and its worker threads load it: on the first file that needs analysing, never at
// start-up. In the bundles this import is dist/analyzer.js (esbuild.mjs maps it), which carries the TypeScript parser
// (megabytes of code to compile), so a warm re-scan answered from the cache never loads it.
type CoreApi = typeof import('../core/api');

let loading: Promise<CoreApi> | undefined;

export function loadAnalyzer(): Promise<CoreApi> {
  return (loading ??= import('../core/api'));
}
