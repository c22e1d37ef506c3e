import { ensureParser, wasmLocations, type WasmLocations } from '../parsers/load';

export type PythonWasmLocations = WasmLocations;

/** Where the runtime and the Python grammar are at run time (see wasmLocations). */
export function defaultWasmLocations(): PythonWasmLocations {
  return wasmLocations('python');
}

/**
 * Loads the Python parser once (idempotent; concurrent callers share one load). Call it before `analyzeFile` on a
 * `.py` file: analysis is synchronous and tree-sitter's start-up is not. A failed load may be retried. The same as
 * `ensureParser('python')`.
 */
export function ensurePythonParser(locations?: PythonWasmLocations): Promise<void> {
  return ensureParser('python', locations);
}
