// Bundles the extension (CommonJS, `vscode` external) and the CLI. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// The extension requires dist/analyzer.js (core + TypeScript parser) lazily, on the first analysis, so activation stays cheap.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: true,
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode', './analyzer.js'] },
  { ...common, entryPoints: { analyzer: 'src/core/api.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
