// Lazy loading of tree-sitter grammars: each language's grammar is loaded on the first file of that language, never
// before (the editor and the CLI call `ensureParser(kind)` before analysing a file; analysis itself is synchronous).
import type { FileKind } from '../types';
import { GRAMMAR_FILES, isGrammarLoaded, LANGUAGE_NAMES, loadGrammar, treeSitterLanguageOf, type TreeSitterLanguage } from './treesitter';

export interface WasmLocations {
  /** web-tree-sitter's runtime (`tree-sitter.wasm`): a path or its bytes. */
  runtime: string | Uint8Array;
  /** The language's grammar (`tree-sitter-<language>.wasm`): a path or its bytes. */
  grammar: string | Uint8Array;
}

function dirJoin(dir: string, name: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${name}`;
}

/**
 * Where the wasm files are at run time. Bundles (dist/cli.js, dist/analyzer.js) have them copied beside them by
 * esbuild.mjs; sources run through tsx (tests) read them from node_modules.
 */
export function wasmLocations(language: TreeSitterLanguage): WasmLocations {
  const grammar = GRAMMAR_FILES[language];
  if (!__filename.endsWith('.ts')) return { runtime: dirJoin(__dirname, 'tree-sitter.wasm'), grammar: dirJoin(__dirname, grammar) };
  // Through a variable so bundlers leave this dev-only lookup alone.
  const fromNodeModules = (spec: string) => require.resolve(spec);
  return { runtime: fromNodeModules('web-tree-sitter/tree-sitter.wasm'), grammar: fromNodeModules(`@vscode/tree-sitter-wasm/wasm/${grammar}`) };
}

const loading = new Map<TreeSitterLanguage, Promise<void>>();

/**
 * Loads the parser a file kind needs (idempotent; concurrent callers share one load; a failed load may be retried).
 * Resolves at once for kinds parsed without tree-sitter (JS/TS, YAML, HCL…). Call it before `analyzeFile` on a
 * Python, Go, Java or C# file: analysis is synchronous and tree-sitter's start-up is not.
 */
export function ensureParser(kindOrLanguage: FileKind | TreeSitterLanguage, locations?: WasmLocations): Promise<void> {
  const language = treeSitterLanguageOf(kindOrLanguage as FileKind);
  if (!language || isGrammarLoaded(language)) return Promise.resolve();
  let p = loading.get(language);
  if (!p) {
    const where = locations ?? wasmLocations(language);
    p = loadGrammar(language, where.runtime, where.grammar).catch((e: unknown) => {
      loading.delete(language);
      const at = typeof where.grammar === 'string' ? ` (looked for ${where.grammar})` : '';
      const name = LANGUAGE_NAMES[language];
      throw new Error(
        `cannot load the ${name} parser${at}: ${(e as Error).message ?? String(e)}. Reinstall LambdaShift; ${name} files are skipped until then.`,
      );
    });
    loading.set(language, p);
  }
  return p;
}

/**
 * The parsers a file needs: its own kind's, and Python's for a template whose functions are written inline in Python
 * (`ZipFile: |` under a python runtime), whose code the template's analysis reads (analyze.ts inlineCodeFindings).
 */
export function ensureParsers(kind: FileKind, text: string): Promise<void> {
  const inlinePython = kind === 'cloudformation' && /\b(?:ZipFile|InlineCode)\b/.test(text) && /\bpython3/.test(text);
  return inlinePython ? Promise.all([ensureParser(kind), ensureParser('python')]).then(() => undefined) : ensureParser(kind);
}

/** The error a file gets when it is analysed before its parser was loaded. */
export function parserNotLoadedMessage(language: TreeSitterLanguage, ext: string): string {
  const name = LANGUAGE_NAMES[language];
  return `${name} parser not loaded, so this file was not analysed. Callers must await ensureParser() before analysing ${ext} files (the CLI and the extension do).`;
}
