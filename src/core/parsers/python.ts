// Python parsing: the shared tree-sitter layer (src/core/parsers/treesitter.ts) with the Python grammar. The names
// here are the Python-specific view of it, kept for the Python analysis and its rules.
import { isGrammarLoaded, parseTree, SyntaxNode, type Sparse, type TreeParse } from './treesitter';

export { SyntaxNode as PyNode };
export type PythonParse = TreeParse;

export function isPythonParserReady(): boolean {
  return isGrammarLoaded('python');
}

/** Parses Python source. Throws when the Python grammar has not been loaded. */
export function parsePython(src: string, sparse?: Sparse): PythonParse {
  return parseTree('python', src, sparse);
}
