// Lazy access to the analysis core. dist/analyzer.js carries the TypeScript parser (megabytes), so it is required on
// the first analysis, never at activation.
type CoreApi = typeof import('../core/api');

let core: CoreApi | undefined;

export function getCore(): CoreApi {
  // The path is relative to dist/extension.js at run time; esbuild leaves it external.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./analyzer.js') as CoreApi;
  return core;
}
