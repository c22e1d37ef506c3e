// Bundles the extension (CommonJS, `vscode` external) and the CLI. `--production` minifies; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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

// The CLI and its worker threads load the core from dist/analyzer.js on the first analysis (src/node/analyzer.ts), so a
// warm re-scan answered from the cache never compiles the parser, and the parser ships once rather than three times.
const lazyCore = {
  name: 'lazy-core',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/core\/api$/ }, (args) =>
      args.importer.endsWith(`node${path.sep}analyzer.ts`) ? { path: './analyzer.js', external: true } : undefined,
    );
  },
};

// The AWS SDK ships once, in dist/awsInventory.js: the CLI's `inventory` and `assess --include-aws` require it from
// there on use, as the extension does, instead of carrying a second copy in dist/cli.js.
const lazyAws = {
  name: 'lazy-aws',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/\.\.\/node\/aws\/inventory$/ }, (args) =>
      args.importer.includes(`cli${path.sep}commands${path.sep}`) ? { path: './awsInventory.js', external: true } : undefined,
    );
  },
};

// codemirror-lang-hcl's editor support stays out of the bundles: see scripts/codemirror-language-stub.mjs.
const hclParserOnly = {
  name: 'hcl-parser-only',
  setup(build) {
    build.onResolve({ filter: /^@codemirror\/language$/ }, (args) =>
      args.importer.includes(`codemirror-lang-hcl${path.sep}`) ? { path: path.resolve('scripts/codemirror-language-stub.mjs') } : undefined,
    );
  },
};
common.plugins = [hclParserOnly];

// typescript-estree's CommonJS modules each wrap require("typescript") in tsc's __importStar, which copies every one of
// TypeScript's ~2,250 exports onto a fresh object: 22 copies, ~50,000 property definitions at load, before the first
// diagnostic. None of them reads `.default`, the one thing the copy changes, so they get the module itself.
const TS_ESTREE = /[\\/]@typescript-eslint[\\/]typescript-estree[\\/]dist[\\/].*\.js$/;
function tsNamespaceOnce(file, text) {
  if (!TS_ESTREE.test(file)) return text;
  if (/\bts\.default\b/.test(text)) throw new Error(`${file} reads ts.default: esbuild.mjs's tsNamespaceOnce would change it`);
  return text.replaceAll('__importStar(require("typescript"))', 'require("typescript")');
}

// dist/analyzer.js is read by the code-cache loader (src/node/codeCache.ts), which decodes a pure-ASCII file as
// Latin-1 (a few ms for 12 MB) instead of UTF-8 (~40 ms). esbuild escapes non-ASCII in strings but keeps it in the
// comments it preserves, so non-ASCII characters in an input's comments are escaped. Only when provably in comments:
// esbuild's own transform (which drops comments) must give the same code before and after, otherwise the file is
// left as it is (and the loader decodes UTF-8).
function asciiComments(file, text) {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const escaped = text.replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  const loader = /\.tsx?$/.test(file) ? 'ts' : 'js';
  const code = (t) => esbuild.transformSync(t, { loader, charset: 'utf8', minifyWhitespace: true }).code;
  try {
    return code(escaped) === code(text) ? escaped : text;
  } catch {
    return text;
  }
}

const analyzerInputs = {
  name: 'analyzer-inputs',
  setup(build) {
    build.onLoad({ filter: /\.(?:[cm]?js|ts)$/ }, async (args) => {
      if (args.path.includes('scripts/codemirror-language-stub')) return undefined;
      const text = await readFile(args.path, 'utf8');
      const out = asciiComments(args.path, tsNamespaceOnce(args.path, text));
      return out === text ? undefined : { contents: out, loader: /\.tsx?$/.test(args.path) ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir: 'dist',
    external: ['vscode', './analyzer.js', './awsInventory.js', './scanner.js'],
    plugins: [hclParserOnly, lazyCore],
  },
  // Loaded through a V8 code cache (src/node/codeCache.ts), where import() breaks on Node 20: compiled to require.
  {
    ...common,
    entryPoints: { analyzer: 'src/core/api.ts' },
    outdir: 'dist',
    supported: { 'dynamic-import': false },
    plugins: [hclParserOnly, analyzerInputs],
  },
  { ...common, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist', plugins: [hclParserOnly, lazyCore, lazyAws], banner: { js: '#!/usr/bin/env node' } },
  // The AWS SDK inventory, required by the extension only when the user imports from AWS (src/extension/aws/load.ts).
  { ...common, entryPoints: { awsInventory: 'src/node/aws/inventory.ts' }, outdir: 'dist' },
  // The scan engine for the extension's Assess Workspace (src/extension/workspaceScan.ts requires it on first use).
  { ...common, entryPoints: { scanner: 'src/node/scanner.ts' }, outdir: 'dist', plugins: [hclParserOnly, lazyCore] },
  // Worker-thread entry of the CLI's parallel scan (src/node/workers.ts starts dist/worker.js beside dist/cli.js).
  { ...common, entryPoints: { worker: 'src/node/worker.ts' }, outdir: 'dist', plugins: [hclParserOnly, lazyCore] },
];

// Python, Go, Java and C# analysis load tree-sitter's runtime and the language's grammar (WebAssembly) from beside the
// bundle that runs it (src/core/parsers/load.ts), so they ship in dist/ for the CLI and the extension alike.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
for (const grammar of ['python', 'go', 'java', 'c-sharp']) {
  copyFileSync(`node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`, `dist/tree-sitter-${grammar}.wasm`);
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const nonAscii = /[^\x00-\x7f]/.exec(readFileSync('dist/analyzer.js', 'latin1'));
  if (nonAscii) console.warn(`esbuild.mjs: dist/analyzer.js is not pure ASCII (at byte ${nonAscii.index}); it loads, but decodes slower.`);
}
