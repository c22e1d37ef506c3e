// Parsing through web-tree-sitter (WebAssembly, so it runs in the extension host with no native build) for every
// language that has a tree-sitter grammar here: Python, Go, Java, C#. tree-sitter's initialisation is asynchronous and
// analysis is synchronous: a grammar is loaded once up front (`ensureParser`, src/core/parsers/load.ts) and `parseTree`
// then works synchronously. The tree is copied into plain objects so rules never touch WASM memory and the native tree
// can be freed at once.
import type * as TreeSitter from 'web-tree-sitter';
import { TooDeepError } from '../limits';
import type { FileKind } from '../types';

/** Syntax-tree depth past which a file is not analysed (brackets alone are capped lower for Python, see MAX_NESTING). */
const MAX_TREE_DEPTH = 1000;

export type TreeSitterLanguage = 'python' | 'go' | 'java' | 'csharp';

/** Grammar file names in @vscode/tree-sitter-wasm (copied beside the bundles by esbuild.mjs). */
export const GRAMMAR_FILES: Record<TreeSitterLanguage, string> = {
  python: 'tree-sitter-python.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
};

/** Display names, for messages. */
export const LANGUAGE_NAMES: Record<TreeSitterLanguage, string> = { python: 'Python', go: 'Go', java: 'Java', csharp: 'C#' };

/** The tree-sitter grammar a file kind is parsed with, if any. */
export function treeSitterLanguageOf(kind: FileKind): TreeSitterLanguage | undefined {
  return kind === 'python' || kind === 'go' || kind === 'java' || kind === 'csharp' ? kind : undefined;
}

/**
 * Required on first use, so loading the analyzer costs nothing until such a file shows up. `require`, not `import`:
 * bundlers then pick the package's CommonJS build, whose emscripten glue locates files through __filename; the ESM
 * build needs import.meta.url, which a CommonJS bundle (dist/cli.js, dist/analyzer.js) lacks.
 */
function treeSitter(): typeof TreeSitter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('web-tree-sitter') as typeof TreeSitter;
}

/** The children of every leaf: one frozen array, not one per node (most nodes are leaves). */
const LEAF: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

export class SyntaxNode {
  readonly children: SyntaxNode[] = LEAF;
  /** Position in the tree's pre-order (the root is 0): the order `walk` visits nodes in. */
  order = 0;
  /** Scratch bits a language's analysis keeps per node (src/core/python/scope.ts's isLocalOnly answers); 0 when copied. */
  memo = 0;
  constructor(
    readonly type: string,
    /** Named nodes are grammar rules; anonymous ones are punctuation and keywords (`"="`, `"async"`). */
    readonly named: boolean,
    /** The field this node fills in its parent (`function`, `arguments`, `left`, …). */
    readonly field: string | undefined,
    /** UTF-16 offsets into the source, the same unit JavaScript strings use. */
    readonly start: number,
    readonly end: number,
    readonly parent: SyntaxNode | undefined,
    private readonly src: string,
    readonly missing = false,
  ) {}

  get text(): string {
    return this.src.slice(this.start, this.end);
  }

  /** The first child filling `field`. */
  get(field: string): SyntaxNode | undefined {
    const c = this.children;
    for (let i = 0; i < c.length; i++) if (c[i].field === field) return c[i];
    return undefined;
  }

  all(field: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === field);
  }

  /** The named children; the children array itself when all are named (most are once punctuation is dropped): read only. */
  get namedChildren(): SyntaxNode[] {
    const c = this.children;
    for (let i = 0; i < c.length; i++) if (!c[i].named) return c.filter((x) => x.named);
    return c;
  }

  /** True when an anonymous child token with this text exists (e.g. `async` on a `for_statement`). */
  hasToken(token: string): boolean {
    return this.children.some((c) => !c.named && c.type === token);
  }
}

/**
 * The root of a copied tree: a node with the tree's indexes, which only roots carry (every other node is smaller for
 * it, and there are millions of them in a scan).
 */
class TreeRoot extends SyntaxNode {
  /** Its named nodes by type, each list in pre-order (see nodesOfType). */
  byType: Map<string, SyntaxNode[]> | undefined;
  /** Once asked: the lists forEachOutside made for its tree. */
  outside: OutsideCache | undefined;
}

export interface TreeParse {
  root: TreeRoot;
  /** The first syntax error, when tree-sitter had to recover. */
  error?: { offset: number; message: string };
  /** The copy is partial (parseTree's `sparse`). */
  sparse?: boolean;
}

let runtimeReady: Promise<void> | undefined;
/** The runtime's cursor entry points, called without web-tree-sitter's per-call marshalling (see directCursor). */
let direct: DirectCursor | undefined;
/** The runtime's memory, for the copy that reads trees where they lie (see rawCopy). */
let memory: RawMemory | undefined;
const parsers = new Map<TreeSitterLanguage, TreeSitter.Parser>();

export function isGrammarLoaded(language: TreeSitterLanguage): boolean {
  return parsers.has(language);
}

/**
 * Loads the tree-sitter runtime (once, shared by every language) and one grammar. Each argument is a file path or the
 * wasm bytes. The runtime wasm is located through emscripten's `locateFile`, so web-tree-sitter reads it itself and
 * core stays free of `fs`.
 */
export async function loadGrammar(language: TreeSitterLanguage, runtimeWasm: string | Uint8Array, grammarWasm: string | Uint8Array): Promise<void> {
  if (parsers.has(language)) return;
  const { Language, Parser } = treeSitter();
  if (!runtimeReady) {
    // Emscripten fills the options object it is given with the module's exports: kept for the direct cursor calls.
    const options: Record<string, unknown> = typeof runtimeWasm === 'string' ? { locateFile: () => runtimeWasm } : { wasmBinary: runtimeWasm };
    runtimeReady = Parser.init(options).then(
      () => {
        direct = directCursor(options);
        memory = rawMemory(options);
      },
      (e: unknown) => {
        runtimeReady = undefined;
        throw e;
      },
    );
  }
  await runtimeReady;
  const grammar = await Language.load(grammarWasm);
  if (parsers.has(language)) return;
  const p = new Parser();
  p.setLanguage(grammar);
  parsers.set(language, p);
}

/**
 * Anonymous tokens no analysis reads: brackets, separators and the member dot. Outside a field (an `operator` field is
 * read) they are not copied, which spares a third of the nodes of a tree. Tokens that carry meaning (operators,
 * keywords such as `async` or `static`, `:=`) are kept.
 */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';', '.', ':']);

let keepPunctuation = false;
/** For tests: copy every token, as tree-sitter's node API lists them. */
export function copyEveryToken(on: boolean): void {
  keepPunctuation = on;
}

const punctuationByLanguage = new WeakMap<TreeSitter.Language, Uint8Array>();

/** Per grammar, 1 for the anonymous type ids that are PUNCTUATION. */
function punctuationTypes(language: TreeSitter.Language): Uint8Array {
  let table = punctuationByLanguage.get(language);
  if (!table) {
    const types = language.types;
    table = new Uint8Array(types.length + 1);
    for (let id = 0; id < types.length; id++) if (types[id] && PUNCTUATION.has(types[id]) && !language.nodeTypeIsNamed(id)) table[id] = 1;
    punctuationByLanguage.set(language, table);
  }
  return table;
}

const namedByLanguage = new WeakMap<TreeSitter.Language, Uint8Array>();

/**
 * Per grammar, whether each node type id is named: 1 named, 2 anonymous, 0 not yet asked (filled as types are met).
 * A typed array over every 16-bit id (ERROR is 65535): a plain array written at scattered ids would turn into a
 * dictionary, and this is read once per node of every tree.
 */
function namedTypes(language: TreeSitter.Language): Uint8Array {
  let table = namedByLanguage.get(language);
  if (!table) {
    table = new Uint8Array(0x10000);
    namedByLanguage.set(language, table);
  }
  return table;
}

/** Whether type `id` is named, from the grammar's table (namedTypes), asking the grammar once per id. */
function isNamedId(input: CopyInput, id: number): boolean {
  let v = input.named[id];
  if (v === 0) v = input.named[id] = input.isNamedType(id) ? 1 : 2;
  return v === 1;
}

function firstError(root: SyntaxNode): SyntaxNode | undefined {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.missing) return n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return undefined;
}

/**
 * The moves and reads the copy makes on a tree cursor. Two implementations: web-tree-sitter's public TreeCursor, and
 * the same runtime functions called directly (DirectCursor), which the copy prefers.
 */
interface CursorOps {
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  missing(): boolean;
  done(): void;
}

type WasmFn = (tree: number) => number;

/**
 * web-tree-sitter keeps a cursor's state in JavaScript and, around every call, copies it into the runtime's transfer
 * buffer and back (four stores and four loads per move or read). The runtime's `ts_tree_cursor_*_wasm` functions
 * read and write the cursor in that buffer themselves, so a copy that makes no other call into the runtime while it
 * runs can leave the cursor there and call them directly: one call per read, no marshalling. The functions come from
 * the emscripten module object (the options given to Parser.init, which emscripten fills with its exports); when they
 * are not there (another version, a runtime initialised elsewhere) the public API is used.
 * test/unit/parsers/treesitter-copy.test.ts requires both to give the same trees.
 */
interface DirectCursor {
  heap(): Int32Array;
  transfer: number;
  firstChild: WasmFn;
  nextSibling: WasmFn;
  parent: WasmFn;
  typeId: WasmFn;
  fieldId: WasmFn;
  start: WasmFn;
  end: WasmFn;
  missing: WasmFn;
  del: WasmFn;
}

function directCursor(m: Record<string, unknown>): DirectCursor | undefined {
  const fn = (name: string) => (typeof m[`_ts_tree_cursor_${name}_wasm`] === 'function' ? (m[`_ts_tree_cursor_${name}_wasm`] as WasmFn) : undefined);
  const init = m._ts_init;
  const firstChild = fn('goto_first_child');
  const nextSibling = fn('goto_next_sibling');
  const parent = fn('goto_parent');
  const typeId = fn('current_node_type_id');
  const fieldId = fn('current_field_id');
  const start = fn('start_index');
  const end = fn('end_index');
  const missing = fn('current_node_is_missing');
  const del = fn('delete');
  if (typeof init !== 'function' || !(m.HEAP32 instanceof Int32Array)) return undefined;
  if (!firstChild || !nextSibling || !parent || !typeId || !fieldId || !start || !end || !missing || !del) return undefined;
  // ts_init returns the transfer buffer's address (and writes the ABI versions into it, which nothing reads again).
  const transfer = (init as () => number)();
  if (!transfer || transfer % 4) return undefined;
  return { heap: () => m.HEAP32 as Int32Array, transfer, firstChild, nextSibling, parent, typeId, fieldId, start, end, missing, del };
}

/** For tests: copy through web-tree-sitter's public cursor even when the direct calls are available. */
let forcePublicCursor = false;
export function usePublicCursor(on: boolean): void {
  forcePublicCursor = on;
}

/** True when the copy calls the runtime's cursor functions directly (see DirectCursor). */
export function copiesDirectly(): boolean {
  return direct !== undefined && !forcePublicCursor;
}

function publicOps(c: TreeSitter.TreeCursor): CursorOps {
  return {
    firstChild: () => c.gotoFirstChild(),
    nextSibling: () => c.gotoNextSibling(),
    parent: () => c.gotoParent(),
    typeId: () => c.nodeTypeId,
    fieldId: () => c.currentFieldId,
    start: () => c.startIndex,
    end: () => c.endIndex,
    missing: () => c.nodeIsMissing,
    done: () => c.delete(),
  };
}

function directOps(d: DirectCursor, tree: TreeSitter.Tree): CursorOps {
  const handle = (tree as unknown as Record<number, number>)[0];
  const c = tree.walk() as unknown as Record<number, number>;
  // The cursor's state into the transfer buffer, where the runtime's functions keep it from now on.
  const heap = d.heap();
  const at = d.transfer >> 2;
  for (let i = 0; i < 4; i++) heap[at + i] = c[i];
  return {
    firstChild: () => d.firstChild(handle) === 1,
    nextSibling: () => d.nextSibling(handle) === 1,
    parent: () => d.parent(handle) === 1,
    typeId: () => d.typeId(handle),
    fieldId: () => d.fieldId(handle),
    start: () => d.start(handle),
    end: () => d.end(handle),
    missing: () => d.missing(handle) === 1,
    // Frees the cursor as it now is (its stack may have moved since `walk` returned it).
    done: () => {
      d.del(handle);
    },
  };
}

/**
 * The runtime's linear memory, as emscripten keeps it on the module object (views it replaces when the memory grows, so
 * they are read again for every tree).
 */
interface RawMemory {
  u8(): Uint8Array;
  u16(): Uint16Array;
  u32(): Uint32Array;
}

function rawMemory(m: Record<string, unknown>): RawMemory | undefined {
  if (!(m.HEAPU8 instanceof Uint8Array) || !(m.HEAPU16 instanceof Uint16Array) || !(m.HEAPU32 instanceof Uint32Array)) return undefined;
  return { u8: () => m.HEAPU8 as Uint8Array, u16: () => m.HEAPU16 as Uint16Array, u32: () => m.HEAPU32 as Uint32Array };
}

/**
 * Where a grammar's tables lie in the runtime's memory: the fields of its `TSLanguage` (tree-sitter's lib/src/parser.h)
 * that say which children are aliased and which fill a field, and its public symbol of each internal symbol.
 */
interface RawLanguage {
  address: number;
  aliasSequences: number;
  maxAliasSequenceLength: number;
  fieldCount: number;
  fieldMapSlices: number;
  fieldMapEntries: number;
  publicSymbolMap: number;
  /** Set once the first tree read this way was found equal to the cursor's copy of it (see parseTree). */
  checked: boolean;
  /** Per production id, once met: the field id of each structural child (0: none), from the grammar's field map. */
  fieldTables: (Uint16Array | undefined)[];
}

const NO_FIELDS = new Uint16Array(0);

/** A production's field ids by structural child index: the entries of its field map a child fills itself (not inherited). */
function fieldTable(L: RawLanguage, u8: Uint8Array, u16: Uint16Array, production: number): Uint16Array {
  let table = L.fieldTables[production];
  if (table) return table;
  table = NO_FIELDS;
  if (L.fieldCount) {
    // TSMapSlice {index, length} (u16 each), TSFieldMapEntry {field_id u16, child_index u8, inherited bool}.
    const slice = (L.fieldMapSlices >> 1) + 2 * production;
    const from = L.fieldMapEntries + 4 * u16[slice];
    const to = from + 4 * u16[slice + 1];
    let size = 0;
    for (let e = from; e < to; e += 4) if (!u8[e + 3]) size = Math.max(size, u8[e + 2] + 1);
    if (size) {
      table = new Uint16Array(size);
      // The first entry for a child wins, as in the cursor's lookup.
      for (let e = to - 4; e >= from; e -= 4) if (!u8[e + 3]) table[u8[e + 2]] = u16[e >> 1];
    }
  }
  L.fieldTables[production] = table;
  return table;
}

const rawByLanguage = new WeakMap<TreeSitter.Language, RawLanguage | null>();

/**
 * The grammar's tables, when its `TSLanguage` reads as the layout below says (ABI version, symbol, alias and field counts as
 * web-tree-sitter reports them); null otherwise, and the copy then uses the cursor. wasm32: 4-byte pointers.
 */
function rawLanguage(language: TreeSitter.Language, mem: RawMemory): RawLanguage | null {
  let raw = rawByLanguage.get(language);
  if (raw !== undefined) return raw;
  raw = null;
  const address = (language as unknown as Record<number, number>)[0];
  if (typeof address === 'number' && address > 0 && address % 4 === 0) {
    const u32 = mem.u32();
    const u16 = mem.u16();
    const at = address >> 2;
    const fieldCount = u32[at + 8];
    // The grammar's type names are its symbols and its aliases (symbol_count, alias_count).
    if (u32[at] === language.abiVersion && u32[at + 1] + u32[at + 2] === language.types.length && fieldCount === language.fields.length - 1) {
      raw = {
        address,
        maxAliasSequenceLength: u16[(address + 36) >> 1],
        fieldMapSlices: u32[at + 16],
        fieldMapEntries: u32[at + 17],
        publicSymbolMap: u32[at + 19],
        aliasSequences: u32[at + 21],
        fieldCount,
        checked: false,
        fieldTables: [],
      };
    }
  }
  rawByLanguage.set(language, raw);
  return raw;
}

/**
 * Adds a copied node to its parent's children and, when it is named, to the type index (`byType`, reached through
 * `listOf`, the index's list per type id, without a map lookup).
 */
function place(n: SyntaxNode, parent: SyntaxNode, typeId: number, isNamed: boolean, listOf: SyntaxNode[][], byType: Map<string, SyntaxNode[]>): void {
  if (parent.children === LEAF) (parent as { children: SyntaxNode[] }).children = [n];
  else parent.children.push(n);
  if (isNamed) index(n, typeId, listOf, byType);
}

/** Adds a named node to the type index (see place). */
function index(n: SyntaxNode, typeId: number, listOf: SyntaxNode[][], byType: Map<string, SyntaxNode[]>): void {
  let list: SyntaxNode[] | undefined = listOf[typeId];
  if (!list) {
    list = byType.get(n.type);
    if (!list) byType.set(n.type, (list = []));
    listOf[typeId] = list;
  }
  list.push(n);
}

/** tree-sitter's symbol of an error node (ts_builtin_sym_error), which has no public symbol of its own. */
const ERROR_SYMBOL = 0xffff;

/** What both copies take: the tree, its source, the grammar's tables and how punctuation and errors are treated. */
interface CopyInput {
  tree: TreeSitter.Tree;
  src: string;
  types: readonly (string | null)[];
  fields: readonly (string | null)[];
  isNamedType: (id: number) => boolean;
  named: Uint8Array;
  punctuation: Uint8Array;
  dropPunctuation: boolean;
  hasError: boolean;
  /** Copy only what `sparse` names (see Sparse), by type id. */
  sparse?: SparseTables;
}

/**
 * A partial copy, for a file no rule looks at: what the join needs (its imports, its top-level functions' names and
 * parameters) without a node for everything else. The walk still reads the whole tree (so a file too deep to analyse
 * is still one), but allocates only for:
 * - `anywhere`: nodes of these types and everything under them, wherever they are (import statements);
 * - `top`: nodes of these types that are the root's children, and everything under them but the subtrees that fill
 *   the field `skip` (a definition's body), where the walk goes on looking for `anywhere` nodes only.
 * A node found inside something not copied becomes a child of the nearest copied node. Pre-order numbers and the type
 * index hold for the nodes copied.
 */
export interface Sparse {
  anywhere: readonly string[];
  top: readonly string[];
  skip: string;
  /**
   * Types under which no `anywhere` node can be (expressions, simple statements): where the walk looks for `anywhere`
   * nodes only, it does not go into them, unless the subtree's visible descendants could reach the depth limit.
   */
  opaque: readonly string[];
}

interface SparseTables {
  anywhere: Uint8Array;
  top: Uint8Array;
  skip: number;
  opaque: Uint8Array;
}

const sparseTables = new WeakMap<TreeSitter.Language, Map<Sparse, SparseTables>>();

function sparseTablesOf(language: TreeSitter.Language, sparse: Sparse): SparseTables {
  let byLanguage = sparseTables.get(language);
  if (!byLanguage) sparseTables.set(language, (byLanguage = new Map()));
  let t = byLanguage.get(sparse);
  if (!t) {
    const types = language.types;
    const anywhere = new Uint8Array(types.length + 1);
    const top = new Uint8Array(types.length + 1);
    const opaque = new Uint8Array(types.length + 1);
    for (let id = 0; id < types.length; id++) {
      if (!types[id] || !language.nodeTypeIsNamed(id)) continue;
      if (sparse.anywhere.includes(types[id]!)) anywhere[id] = 1;
      if (sparse.top.includes(types[id]!)) top[id] = 1;
      if (sparse.opaque.includes(types[id]!)) opaque[id] = 1;
    }
    const skip = language.fields.indexOf(sparse.skip);
    t = { anywhere, top, skip: skip > 0 ? skip : -1, opaque };
    byLanguage.set(sparse, t);
  }
  return t;
}

/**
 * Copies a tree by reading tree-sitter's own structures in the runtime's memory, with no call into the runtime: what the
 * cursor does in C (lib/src/tree_cursor.c), done here. A `Subtree` is 8 bytes: inline (the lowest bit of its first
 * byte set: a small leaf, its symbol, flags, padding and size packed in it) or a pointer to a `SubtreeHeapData`, whose
 * children, `child_count` Subtrees, lie just before it. Hidden nodes (rules whose names start with `_`, repetitions) are
 * not nodes of the tree: their children are spliced into the visible parent, and a field a hidden node fills passes to
 * its visible descendants. A child the production aliases is visible under the alias's name. Offsets are bytes of
 * UTF-16, halved. The layouts (lib/src/subtree.h, tree.h, parser.h of tree-sitter 0.25, wasm32) are checked on each
 * grammar's first tree against the cursor's copy (parseTree), and `rawLanguage` checks the grammar's header.
 */
function rawCopy(input: CopyInput, L: RawLanguage, mem: RawMemory): TreeRoot {
  const { tree, src, types, fields, named, punctuation, dropPunctuation, hasError, sparse } = input;
  const u8 = mem.u8();
  const u16 = mem.u16();
  const u32 = mem.u32();
  const treeAddress = (tree as unknown as Record<number, number>)[0];
  // TSTree: the root Subtree (8 bytes), then the language.
  if (u32[(treeAddress + 8) >> 2] !== L.address) throw new Error('tree-sitter tree layout not recognised');
  const publicMap = L.publicSymbolMap >> 1;
  let rootPtr = 0;
  let rootSymbol: number;
  let rootPadding: number;
  let rootSize: number;
  if (u8[treeAddress] & 1) {
    rootSymbol = u8[treeAddress + 1];
    rootPadding = u8[treeAddress + 6];
    rootSize = u8[treeAddress + 7];
  } else {
    rootPtr = u32[treeAddress >> 2];
    rootSymbol = u16[(rootPtr + 40) >> 1];
    rootPadding = u32[(rootPtr + 4) >> 2];
    rootSize = u32[(rootPtr + 16) >> 2];
  }
  const rootType = rootSymbol === ERROR_SYMBOL ? rootSymbol : u16[publicMap + rootSymbol];
  const root = new TreeRoot(types[rootType] || 'ERROR', true, undefined, rootPadding >> 1, (rootPadding + rootSize) >> 1, undefined, src);
  const byType = new Map<string, SyntaxNode[]>([[root.type, [root]]]);
  const listOf: SyntaxNode[][] = [];
  root.byType = byType;
  if (!rootPtr || u32[(rootPtr + 36) >> 2] === 0) return root;

  // One frame per node whose children are being read: the heap data's address, its child count, the next child, the
  // byte position reached, the structural (non-extra) child index, its alias sequence and field map, the visible node
  // its children belong to, the field a hidden node passes down, and whether the frame is a visible node's.
  const fPtr: number[] = [];
  const fCount: number[] = [];
  const fNext: number[] = [];
  const fPos: number[] = [];
  const fStructural: number[] = [];
  const fAliases: number[] = [];
  const fFields: Uint16Array[] = [];
  const fParent: SyntaxNode[] = [];
  const fField: number[] = [];
  const fVisible: boolean[] = [];
  // Sparse copies only: 0, copy the children; 1, copy only `anywhere` nodes among the descendants; 2, the root's
  // children (`top` nodes are copied too).
  const fMode: number[] = [];
  // Where in `kids` the children of the node a frame copies start (-1: the frame's node is hidden or not copied, its
  // children are its parent's). A node's children are gathered there and made into one array of their exact number
  // when its frame ends: an array grown child by child keeps room for 17 (V8's growth), which most nodes never use.
  const fKids: number[] = [];
  const kids: SyntaxNode[] = [];
  let sp = 0;
  const push = (ptr: number, position: number, parent: SyntaxNode, field: number, visible: boolean, mode: number, owns = visible) => {
    const count = u32[(ptr + 36) >> 2];
    const production = u16[(ptr + 66) >> 1];
    fPtr[sp] = ptr;
    fCount[sp] = count;
    fNext[sp] = 0;
    fPos[sp] = position;
    fStructural[sp] = 0;
    fAliases[sp] = production ? (L.aliasSequences >> 1) + production * L.maxAliasSequenceLength : 0;
    fFields[sp] = fieldTable(L, u8, u16, production);
    fParent[sp] = parent;
    fField[sp] = field;
    fVisible[sp] = visible;
    fMode[sp] = mode;
    fKids[sp] = owns ? kids.length : -1;
    sp++;
  };
  push(rootPtr, rootPadding, root, 0, true, sparse ? 2 : 0);
  let depth = 0;
  let order = 0;
  while (sp > 0) {
    const f = sp - 1;
    const i = fNext[f];
    if (i === fCount[f]) {
      if (fVisible[f]) depth--;
      const from = fKids[f];
      if (from >= 0 && kids.length > from) {
        (fParent[f] as { children: SyntaxNode[] }).children = kids.slice(from);
        kids.length = from;
      }
      sp--;
      continue;
    }
    fNext[f] = i + 1;
    const slot = fPtr[f] - 8 * (fCount[f] - i);
    let ptr = 0;
    let symbol: number;
    let flags: number;
    let padding: number;
    let size: number;
    let missing: boolean;
    if (u8[slot] & 1) {
      // Inline: flags in bits 1– of byte 0 (visible 1, extra 3, missing 5), symbol byte 1, padding byte 6, size byte 7.
      const b = u8[slot];
      flags = ((b >> 1) & 1) | (((b >> 3) & 1) << 2);
      missing = (b & 0x20) !== 0;
      symbol = u8[slot + 1];
      padding = u8[slot + 6];
      size = u8[slot + 7];
    } else {
      ptr = u32[slot >> 2];
      const bits = u16[(ptr + 44) >> 1];
      flags = bits & 0b101;
      missing = (bits & 0x200) !== 0;
      symbol = u16[(ptr + 40) >> 1];
      padding = u32[(ptr + 4) >> 2];
      size = u32[(ptr + 16) >> 2];
    }
    if (i > 0) fPos[f] += padding;
    const start = fPos[f];
    fPos[f] = start + size;
    let visible = (flags & 1) !== 0;
    const extra = (flags & 4) !== 0;
    let alias = 0;
    let fieldId = 0;
    if (!extra) {
      const structural = fStructural[f]++;
      if (fAliases[f]) {
        alias = u16[fAliases[f] + structural];
        if (alias) visible = true;
      }
      const table = fFields[f];
      if (structural < table.length) fieldId = table[structural];
      if (!fieldId) fieldId = fField[f];
    }
    // Visible children (visible_child_count, which counts those of hidden children and aliased ones; valid only when
    // child_count is not 0): only then is a node descended into, as the cursor descends only to a visible child.
    const descends = ptr !== 0 && u32[(ptr + 36) >> 2] !== 0 && u32[(ptr + 48) >> 2] !== 0;
    if (!visible) {
      // A hidden node: its children are read as its parent's.
      if (descends) push(ptr, start, fParent[f], fieldId, false, fMode[f]);
      continue;
    }
    const internal = alias || symbol;
    const typeId = internal === ERROR_SYMBOL ? internal : u16[publicMap + internal];
    const isNamed = named[typeId] === 1 || (named[typeId] === 0 && isNamedId(input, typeId));
    if (dropPunctuation && !isNamed && !fieldId && punctuation[typeId]) continue;
    const parent = fParent[f];
    if (sparse) {
      const mode = fMode[f];
      const copied = mode === 0 ? fieldId !== sparse.skip : sparse.anywhere[typeId] === 1 || (mode === 2 && sparse.top[typeId] === 1);
      if (!copied) {
        // Not copied, but walked (and counted towards the depth limit as the full copy counts it). A subtree that
        // holds nothing copied is not walked when its visible descendants cannot nest past the limit: the heap data's
        // visible_descendant_count, the u32 after visible_child_count (48) and named_child_count (52).
        if (descends && sparse.opaque[typeId] === 1 && mode !== 0 && depth + u32[(ptr + 56) >> 2] + 2 < MAX_TREE_DEPTH) continue;
        if (descends) {
          if (++depth > MAX_TREE_DEPTH) throw new TooDeepError(start >> 1, MAX_TREE_DEPTH);
          push(ptr, start, parent, 0, true, 1, false);
        }
        continue;
      }
    }
    const n = new SyntaxNode(
      types[typeId] || 'ERROR',
      isNamed,
      fieldId ? (fields[fieldId] ?? undefined) : undefined,
      start >> 1,
      (start + size) >> 1,
      parent,
      src,
      hasError && missing,
    );
    n.order = ++order;
    kids.push(n);
    if (isNamed) index(n, typeId, listOf, byType);
    if (descends) {
      // As in the cursor's copy, and at the same node: past this depth the file is not analysed (see there).
      if (++depth > MAX_TREE_DEPTH) throw new TooDeepError(n.start, MAX_TREE_DEPTH);
      push(ptr, start, n, 0, true, 0);
    }
  }
  return root;
}

/** True when two copies are the same tree (types, fields, offsets, missing flags, pre-order numbers). */
function sameTree(a: SyntaxNode, b: SyntaxNode): boolean {
  if (a.type !== b.type || a.named !== b.named || a.field !== b.field || a.start !== b.start || a.end !== b.end) return false;
  if (a.missing !== b.missing || a.order !== b.order || a.children.length !== b.children.length) return false;
  for (let i = 0; i < a.children.length; i++) if (!sameTree(a.children[i], b.children[i])) return false;
  return true;
}

let rawOff = false;
/** For tests: copy with the cursor even where the tree could be read from memory. */
export function useRawCopy(on: boolean): void {
  rawOff = !on;
}

/** True when the copy of a `language` tree reads tree-sitter's structures from memory (once a grammar is loaded). */
export function copiesRaw(language: TreeSitterLanguage): boolean {
  const p = parsers.get(language);
  const raw = memory && p?.language ? rawLanguage(p.language, memory) : null;
  return !!raw && !rawOff && !forcePublicCursor;
}

/** The copy through a tree cursor: the direct calls (DirectCursor) when available, web-tree-sitter's public cursor otherwise. */
function cursorCopy(input: CopyInput): TreeRoot {
  const { tree, src, types, fields, named, punctuation, dropPunctuation, hasError } = input;
  const c = direct && !forcePublicCursor ? directOps(direct, tree) : publicOps(tree.walk());
  const root = new TreeRoot(types[c.typeId()] || 'ERROR', true, undefined, c.start(), c.end(), undefined, src);
  // The type index (nodesOfType): one list per type name, reached through the type id without a map lookup.
  const byType = new Map<string, SyntaxNode[]>([[root.type, [root]]]);
  const listOf: SyntaxNode[][] = [];
  let current: SyntaxNode = root;
  let depth = 0;
  let order = 0;
  // Iterative pre-order copy: deep expressions must not exhaust the JS stack.
  outer: if (c.firstChild()) {
    for (;;) {
      const typeId = c.typeId();
      const isNamed = named[typeId] === 1 || (named[typeId] === 0 && isNamedId(input, typeId));
      const fieldId = c.fieldId();
      // Punctuation no analysis reads is not copied (see PUNCTUATION).
      if (dropPunctuation && !isNamed && !fieldId && punctuation[typeId]) {
        while (!c.nextSibling()) {
          c.parent();
          if (current === root) break outer;
          current = current.parent!;
          depth--;
        }
        continue;
      }
      const n = new SyntaxNode(
        types[typeId] || 'ERROR',
        isNamed,
        fieldId ? (fields[fieldId] ?? undefined) : undefined,
        c.start(),
        c.end(),
        current,
        src,
        hasError && c.missing(),
      );
      n.order = ++order;
      place(n, current, typeId, isNamed, listOf, byType);
      if (c.firstChild()) {
        current = n;
        // Chains without brackets (`a + b + …`, `x.a.b…`, `f()()…`) nest the tree as deep as they are long; rules
        // look at a node's ancestors, so past this the file is not analysed rather than analysed in quadratic time.
        if (++depth > MAX_TREE_DEPTH) {
          c.done();
          throw new TooDeepError(n.start, MAX_TREE_DEPTH);
        }
        continue;
      }
      while (!c.nextSibling()) {
        c.parent();
        if (current === root) break outer;
        current = current.parent!;
        depth--;
      }
    }
  }
  c.done();
  root.byType = byType;
  return root;
}

/**
 * Parses source with a loaded grammar. Throws when `loadGrammar` has not completed for the language. With `sparse`, the
 * copy is partial (see Sparse) where it can be: read from memory, once the grammar's layout is checked, and the tree
 * has no error (whose wording needs every node); `TreeParse.sparse` says which copy was made.
 */
export function parseTree(language: TreeSitterLanguage, src: string, sparse?: Sparse): TreeParse {
  const parser = parsers.get(language);
  if (!parser) throw new Error(`the ${LANGUAGE_NAMES[language]} parser is not initialised`);
  const tree = parser.parse(src);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    // Type and field names, and whether a type is named, come from the grammar's tables (named-ness cached per type
    // id); the cursor is asked for the type id, field id and offsets only. Missing nodes exist only in a tree with
    // errors, so only such a tree is asked about them.
    const language = tree.language;
    const types = language.types;
    const fields = language.fields;
    const named = namedTypes(language);
    const hasError = tree.rootNode.hasError;
    // A tree with errors keeps every token: a missing `)` is how its error is worded.
    const dropPunctuation = !hasError && !keepPunctuation;
    const punctuation = punctuationTypes(language);
    const input: CopyInput = { tree, src, types, fields, isNamedType: (id) => language.nodeTypeIsNamed(id), named, punctuation, dropPunctuation, hasError };
    const byCursor = () => cursorCopy(input);
    const raw = memory && !rawOff && !forcePublicCursor ? rawLanguage(language, memory) : null;
    let root: TreeRoot | undefined;
    if (raw) {
      if (sparse && raw.checked && !hasError) {
        input.sparse = sparseTablesOf(language, sparse);
        try {
          return { root: rawCopy(input, raw, memory!), sparse: true };
        } catch (e) {
          if (e instanceof TooDeepError) throw e;
          rawByLanguage.set(language, null);
          return { root: byCursor() };
        }
      }
      try {
        root = rawCopy(input, raw, memory!);
      } catch (e) {
        if (e instanceof TooDeepError) throw e;
        // Not the layout rawCopy reads: this grammar's trees are copied with the cursor from now on.
        rawByLanguage.set(language, null);
      }
      if (root && !raw.checked) {
        // The grammar's first tree is copied both ways: a runtime whose structures differ from what rawCopy reads is
        // then never read that way again.
        const other = byCursor();
        if (sameTree(root, other)) raw.checked = true;
        else {
          rawByLanguage.set(language, null);
          root = other;
        }
      }
    }
    root ??= byCursor();
    const result: TreeParse = { root };
    if (hasError) {
      const e = firstError(root);
      if (e) result.error = { offset: e.start, message: e.missing ? `missing \`${e.type}\`` : 'invalid syntax' };
    }
    return result;
  } finally {
    tree.delete();
  }
}

let typeIndexOn = true;
/** For tests: answer nodesOfType by walking the tree, as if no index had been built. */
export function useTypeIndex(on: boolean): void {
  typeIndexOn = on;
}

const NO_NODES: readonly SyntaxNode[] = [];

/** The index of `node`'s tree, and the pre-order range of `node`'s subtree in it (itself included). */
function indexedRange(node: SyntaxNode): { byType: Map<string, SyntaxNode[]>; first: number; last: number } | undefined {
  if (!typeIndexOn) return undefined;
  let top = node;
  while (top.parent) top = top.parent;
  if (!(top instanceof TreeRoot) || !top.byType) return undefined;
  return { byType: top.byType, first: node.order, last: lastOrder(node) };
}

/** The pre-order number of the last node of `node`'s subtree: its last child's last child, and so on. */
export function lastOrder(node: SyntaxNode): number {
  let last = node;
  while (last.children.length) last = last.children[last.children.length - 1];
  return last.order;
}

/** The part of a pre-order list of one type that lies in [first, last] (orders), found by binary search. */
function within(list: readonly SyntaxNode[], first: number, last: number): readonly SyntaxNode[] {
  if (list.length === 0 || (first === 0 && list[list.length - 1].order <= last)) return list;
  const lowerBound = (order: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].order < order) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return list.slice(lowerBound(first), lowerBound(last + 1));
}

/** Two pre-order lists (disjoint) as one. */
function merged(a: readonly SyntaxNode[], b: readonly SyntaxNode[]): SyntaxNode[] {
  const out: SyntaxNode[] = new Array<SyntaxNode>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].order < b[j].order ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/**
 * The named nodes of `type` in the subtree of `root` (itself included), in pre-order: what a walk from `root` visiting
 * every named node would meet, from the index the copy built for the whole tree, so a rule after one node type does
 * not walk the tree. Walks when the tree has no index.
 */
export function nodesOfType(root: SyntaxNode, type: string): readonly SyntaxNode[] {
  const index = indexedRange(root);
  if (index) return within(index.byType.get(type) ?? NO_NODES, index.first, index.last);
  const out: SyntaxNode[] = [];
  walk(root, (n) => {
    if (n.type === type) out.push(n);
  });
  return out;
}

/** The named nodes of any of `types` in the subtree of `root`, in pre-order (nodesOfType for several types). */
export function nodesOfTypes(root: SyntaxNode, types: readonly string[]): readonly SyntaxNode[] {
  if (types.length === 1) return nodesOfType(root, types[0]);
  const index = indexedRange(root);
  if (index) {
    const lists = types.map((t) => within(index.byType.get(t) ?? NO_NODES, index.first, index.last)).filter((l) => l.length);
    if (lists.length <= 1) return lists[0] ?? NO_NODES;
    return lists.reduce(merged);
  }
  const wanted = new Set(types);
  const out: SyntaxNode[] = [];
  walk(root, (n) => {
    if (wanted.has(n.type)) out.push(n);
  });
  return out;
}

/**
 * What a walk from `root` would visit of the nodes of `types`, in its order and with the same ancestors, when it
 * skips the subtrees of nodes of the `notInside` types and of nodes `off` says are off (`off` must hold for every
 * node inside one it holds for, as the off-Lambda tests do), from the type index.
 */
export function forEachNode(
  root: SyntaxNode,
  types: readonly string[],
  visit: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => void,
  off?: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => boolean,
  notInside?: ReadonlySet<string>,
): void {
  for (const n of nodesOfTypes(root, types)) {
    const ancestors = walkedAncestors(n, root, off, notInside);
    if (ancestors) visit(n, ancestors);
  }
}

/**
 * The named ancestors of `node` up to `root` when a walk from `root` skipping what forEachNode skips (`off`, the
 * subtrees of `notInside` types) reaches it; undefined when it does not. For a rule that asks this only of the few
 * nodes it would report (the same answer forEachNode gives, without building every node's ancestors).
 */
export function walkedAncestors(
  node: SyntaxNode,
  root: SyntaxNode,
  off?: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => boolean,
  notInside?: ReadonlySet<string>,
): readonly SyntaxNode[] | undefined {
  const ancestors = ancestorsOf(node, root);
  if (notInside && ancestors.some((a) => notInside.has(a.type))) return undefined;
  return off?.(node, ancestors) ? undefined : ancestors;
}

/** The off test a tree's lists were made with, and per list of types, the nodes outside and their ancestors. */
interface OutsideCache {
  off: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => boolean;
  lists: Map<string, Outside>;
}
/** Two parallel arrays (no pair per node: destructuring pairs in the loop cost more than the visits). */
interface Outside {
  nodes: SyntaxNode[];
  ancestors: (readonly SyntaxNode[])[];
}

/**
 * Visits the named nodes of `types` in the tree of `root` for which `off` does not hold, with their named ancestors,
 * as forEachNode does without `notInside`. The list is made once per tree, off test and types and kept on the root:
 * a file's rules go through the same calls one after another. `off` must hold for every node inside one it holds for
 * (the off-Lambda tests do), and visitors must not change the ancestors.
 */
export function forEachOutside(
  root: SyntaxNode,
  types: readonly string[],
  off: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => boolean,
  visit: (n: SyntaxNode, ancestors: readonly SyntaxNode[]) => void,
): void {
  // On a copied tree's root (any other node: made each time).
  const holder = root instanceof TreeRoot ? root : undefined;
  let cache = holder?.outside;
  if (!cache || cache.off !== off) {
    cache = { off, lists: new Map() };
    if (holder) holder.outside = cache;
  }
  const key = types.join(' ');
  let list = cache.lists.get(key);
  if (!list) {
    list = { nodes: [], ancestors: [] };
    const found = nodesOfTypes(root, types);
    for (let i = 0; i < found.length; i++) {
      const n = found[i];
      const ancestors = walkedAncestors(n, root, off);
      if (!ancestors) continue;
      list.nodes.push(n);
      list.ancestors.push(ancestors);
    }
    cache.lists.set(key, list);
  }
  const { nodes, ancestors } = list;
  for (let i = 0; i < nodes.length; i++) visit(nodes[i], ancestors[i]);
}

/** The named ancestors of a node up to `root` (outermost first), as `walk` from `root` passes them. */
export function ancestorsOf(node: SyntaxNode, root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  if (node === root) return out;
  for (let p = node.parent; p; p = p.parent) {
    out.push(p);
    if (p === root) break;
  }
  return out.reverse();
}

export type Visitor = (node: SyntaxNode, ancestors: readonly SyntaxNode[]) => void | 'skip';

/**
 * Pre-order walk over named nodes with the chain of ancestors (outermost first); return 'skip' to not descend.
 * Iterative: an explicit stack of (node, next child) frames, so deep trees cannot exhaust the JS stack.
 */
export function walk(root: SyntaxNode, visit: Visitor): void {
  const ancestors: SyntaxNode[] = [];
  if (visit(root, ancestors) === 'skip') return;
  ancestors.push(root);
  const next: number[] = [0];
  while (ancestors.length) {
    const top = ancestors.length - 1;
    const parent = ancestors[top];
    const i = next[top];
    if (i >= parent.children.length) {
      ancestors.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const c = parent.children[i];
    if (!c.named || visit(c, ancestors) === 'skip') continue;
    ancestors.push(c);
    next.push(0);
  }
}
