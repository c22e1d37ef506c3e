// The analysis core as the CLI and its worker threads load it: on the first file that needs analysing, never at
// start-up. In the bundles this import is dist/analyzer.js (esbuild.mjs maps it), which carries the TypeScript parser
// (megabytes of code to compile), so a warm re-scan answered from the cache never loads it.
type CoreApi = typeof import('../core/api');

let core: CoreApi | undefined;

export function loadAnalyzer(): CoreApi {
  // require, not import(): loading a CommonJS bundle through import() also scans its 12 MB of source for named
  // exports, which doubled the load time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (core ??= require('../core/api') as CoreApi);
}

/** Every rule id a `--rule` override may name. */
export function knownRuleIds(): string[] {
  return loadAnalyzer().allRuleMetas.map((m) => m.id);
}
