import { isPythonParserReady, loadPythonGrammar } from '../parsers/python';

export interface PythonWasmLocations {
  /** web-tree-sitter's runtime (`tree-sitter.wasm`): a path or its bytes. */
  runtime: string | Uint8Array;
  /** The Python grammar (`tree-sitter-python.wasm`): a path or its bytes. */
  grammar: string | Uint8Array;
}

function dirJoin(dir: string, name: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${name}`;
}

/**
 * Where the wasm files are at run time. Bundles (dist/cli.js, dist/analyzer.js) have them copied beside them by
 * esbuild.mjs; sources run through tsx (tests) read them from node_modules.
 */
export function defaultWasmLocations(): PythonWasmLocations {
  if (!__filename.endsWith('.ts')) {
    return { runtime: dirJoin(__dirname, 'tree-sitter.wasm'), grammar: dirJoin(__dirname, 'tree-sitter-python.wasm') };
  }
  // Through a variable so bundlers leave this dev-only lookup alone.
  const fromNodeModules = (spec: string) => require.resolve(spec);
  return {
    runtime: fromNodeModules('web-tree-sitter/tree-sitter.wasm'),
    grammar: fromNodeModules('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'),
  };
}

let loading: Promise<void> | undefined;

/**
 * Loads the Python parser once (idempotent; concurrent callers share one load). Call it before `analyzeFile` on a
 * `.py` file: analysis is synchronous and tree-sitter's start-up is not. A failed load may be retried.
 */
export function ensurePythonParser(locations?: PythonWasmLocations): Promise<void> {
  if (isPythonParserReady()) return Promise.resolve();
  loading ??= (async () => {
    const where = locations ?? defaultWasmLocations();
    await loadPythonGrammar(where.runtime, where.grammar);
  })().catch((e: unknown) => {
    loading = undefined;
    const at = typeof (locations ?? defaultWasmLocations()).grammar === 'string' ? ` (looked for ${String((locations ?? defaultWasmLocations()).grammar)})` : '';
    throw new Error(`cannot load the Python parser${at}: ${(e as Error).message ?? String(e)}. Reinstall LambdaShift; Python files are skipped until then.`);
  });
  return loading;
}

export { isPythonParserReady };
