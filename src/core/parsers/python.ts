// Python parsing through web-tree-sitter (WebAssembly, so it runs in the extension host with no native build).
// tree-sitter's initialisation is asynchronous and analysis is synchronous: `loadPythonGrammar` is awaited once up
// front (see src/core/python/parser.ts) and `parsePython` then works synchronously. The tree is copied into plain
// objects so rules never touch WASM memory and the native tree can be freed at once.
import type * as TreeSitter from 'web-tree-sitter';
import { TooDeepError } from '../limits';

/** Syntax-tree depth past which a Python file is not analysed (brackets alone are capped lower, see MAX_NESTING). */
export const MAX_TREE_DEPTH = 1000;

/**
 * Required on first use, so loading the analyzer costs nothing until a Python file shows up. `require`, not `import`:
 * bundlers then pick the package's CommonJS build, whose emscripten glue locates files through __filename; the ESM
 * build needs import.meta.url, which a CommonJS bundle (dist/cli.js, dist/analyzer.js) lacks.
 */
function treeSitter(): typeof TreeSitter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('web-tree-sitter') as typeof TreeSitter;
}

export class PyNode {
  readonly children: PyNode[] = [];
  constructor(
    readonly type: string,
    /** Named nodes are grammar rules; anonymous ones are punctuation and keywords (`"="`, `"async"`). */
    readonly named: boolean,
    /** The field this node fills in its parent (`function`, `arguments`, `left`, …). */
    readonly field: string | undefined,
    /** UTF-16 offsets into the source, the same unit JavaScript strings use. */
    readonly start: number,
    readonly end: number,
    readonly parent: PyNode | undefined,
    private readonly src: string,
    readonly missing = false,
  ) {}

  get text(): string {
    return this.src.slice(this.start, this.end);
  }

  /** The first child filling `field`. */
  get(field: string): PyNode | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  all(field: string): PyNode[] {
    return this.children.filter((c) => c.field === field);
  }

  get namedChildren(): PyNode[] {
    return this.children.filter((c) => c.named);
  }

  /** True when an anonymous child token with this text exists (e.g. `async` on a `for_statement`). */
  hasToken(token: string): boolean {
    return this.children.some((c) => !c.named && c.type === token);
  }
}

export interface PythonParse {
  root: PyNode;
  /** The first syntax error, when tree-sitter had to recover. */
  error?: { offset: number; message: string };
}

let parser: TreeSitter.Parser | undefined;

export function isPythonParserReady(): boolean {
  return parser !== undefined;
}

/**
 * Loads the tree-sitter runtime and the Python grammar. Each argument is a file path or the wasm bytes. The runtime
 * wasm is located through emscripten's `locateFile`, so web-tree-sitter reads it itself and core stays free of `fs`.
 */
export async function loadPythonGrammar(runtimeWasm: string | Uint8Array, grammarWasm: string | Uint8Array): Promise<void> {
  if (parser) return;
  const { Language, Parser } = treeSitter();
  await Parser.init(typeof runtimeWasm === 'string' ? { locateFile: () => runtimeWasm } : { wasmBinary: runtimeWasm });
  const language = await Language.load(grammarWasm);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

function firstError(root: PyNode): PyNode | undefined {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.missing) return n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return undefined;
}

/** Parses Python source. Throws when `loadPythonGrammar` has not completed. */
export function parsePython(src: string): PythonParse {
  if (!parser) throw new Error('the Python parser is not initialised');
  const tree = parser.parse(src);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const c = tree.walk();
    const root = new PyNode(c.nodeType, true, undefined, c.startIndex, c.endIndex, undefined, src);
    let current = root;
    let depth = 0;
    // Iterative pre-order copy: deep expressions must not exhaust the JS stack.
    outer: if (c.gotoFirstChild()) {
      for (;;) {
        const n = new PyNode(c.nodeType, c.nodeIsNamed, c.currentFieldName ?? undefined, c.startIndex, c.endIndex, current, src, c.nodeIsMissing);
        current.children.push(n);
        if (c.gotoFirstChild()) {
          current = n;
          // Chains without brackets (`a + b + …`, `x.a.b…`, `f()()…`) nest the tree as deep as they are long; rules
          // look at a node's ancestors, so past this the file is not analysed rather than analysed in quadratic time.
          if (++depth > MAX_TREE_DEPTH) {
            c.delete();
            throw new TooDeepError(n.start, MAX_TREE_DEPTH);
          }
          continue;
        }
        while (!c.gotoNextSibling()) {
          c.gotoParent();
          if (current === root) break outer;
          current = current.parent!;
          depth--;
        }
      }
    }
    c.delete();
    const result: PythonParse = { root };
    if (tree.rootNode.hasError) {
      const e = firstError(root);
      if (e) result.error = { offset: e.start, message: e.missing ? `missing \`${e.type}\`` : 'invalid syntax' };
    }
    return result;
  } finally {
    tree.delete();
  }
}
