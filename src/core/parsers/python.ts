// Python parsing: the shared tree-sitter layer (src/core/parsers/treesitter.ts) with the Python grammar. The names
// here are the Python-specific view of it, kept for the Python analysis and its rules.
import { isGrammarLoaded, loadGrammar, parseTree, SyntaxNode, type TreeParse } from './treesitter';

export { SyntaxNode as PyNode };
export type PythonParse = TreeParse;

export function isPythonParserReady(): boolean {
  return isGrammarLoaded('python');
}

/** Loads the tree-sitter runtime and the Python grammar; each argument is a file path or the wasm bytes. */
export function loadPythonGrammar(runtimeWasm: string | Uint8Array, grammarWasm: string | Uint8Array): Promise<void> {
  return loadGrammar('python', runtimeWasm, grammarWasm);
}

/** Parses Python source. Throws when the Python grammar has not been loaded. */
export function parsePython(src: string): PythonParse {
  return parseTree('python', src);
}

export { MAX_TREE_DEPTH } from './treesitter';
