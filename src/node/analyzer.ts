// The analysis core as the CLI, its worker threads and the extension load it: on the first file that needs analysing,
// never at start-up. In the bundles this is dist/analyzer.js (esbuild.mjs maps the import), which carries the
// TypeScript parser (megabytes of code to compile), so a warm re-scan answered from the cache never loads it. With a
// code-cache folder set (setCodeCacheDir), the bundle is loaded through a V8 code cache kept there (src/node/codeCache.ts).
import path from 'node:path';
import { requireWithCodeCache, type CachedModule, type CodeCacheStatus } from './codeCache';

type CoreApi = typeof import('../core/api');

let loaded: CachedModule<CoreApi> | undefined;
let codeCacheDir: string | false = false;

/**
 * Where the analyser's V8 code cache lives: the CLI's cache folder, the extension's global storage; `false` (the
 * default, and --no-cache) loads it without a cache and writes nothing. Takes effect for a load not yet done.
 */
export function setCodeCacheDir(dir: string | false | undefined): void {
  codeCacheDir = dir || false;
}

export function getCodeCacheDir(): string | false {
  return codeCacheDir;
}

export function loadAnalyzer(): CoreApi {
  if (loaded) return loaded.exports;
  if (__filename.endsWith('.ts')) {
    // Running from source (tests under tsx): there is no bundle to cache.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = { exports: require('../core/api') as CoreApi, status: 'off', save: () => undefined };
  } else {
    // require semantics, not import(): loading a CommonJS bundle through import() also scans its 12 MB of source for
    // named exports, which doubled the load time. The bundle sits beside the one running this code.
    loaded = requireWithCodeCache<CoreApi>(path.join(__dirname, 'analyzer.js'), codeCacheDir);
  }
  return loaded.exports;
}

/** How this process loaded the analyser (undefined: not yet), whichever bundle's loader did it. */
export function analyzerCodeCacheStatus(): CodeCacheStatus | undefined {
  return loaded?.firstLoad ?? loaded?.status;
}

/**
 * Writes the code cache after the analyser has done real work (call it after the first analysis: the functions that
 * analysis compiled are then in the cache). Once per process; nothing when the cache was used or no folder is set.
 * Returns a problem message for a log, never throws.
 */
export function saveAnalyzerCodeCache(): string | undefined {
  return loaded?.save();
}

/** Every rule id a `--rule` override may name. */
export function knownRuleIds(): string[] {
  return loadAnalyzer().allRuleMetas.map((m) => m.id);
}
