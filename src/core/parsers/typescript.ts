import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { flatNodesFrom, flattenEdited } from '../js/ast';
import type { SourceFile } from 'typescript';
import { isStackOverflow } from '../limits';
import { NO_LOCATION } from './estreeLocations';

type Program = TSESTree.Program;

export interface JsParseResult {
  ast?: Program;
  error?: { message: string; offset: number; line: number; column: number };
}

/**
 * The one parse configuration, shared by whole and incremental parses. Throws on a syntax error. `source` may be
 * TypeScript's tree of the text, made as typescript-estree makes it (src/core/js/lite.ts jsSourceFile, with parents):
 * typescript-estree then converts it without parsing again.
 */
let conversions = 0;
/** For tests: how many ESTree trees have been made (whole parses, not incremental ones) since the process started. */
export function estreeConversions(): number {
  return conversions;
}

function parseWith(source: string | SourceFile, fileName: string, jsx: boolean): Program {
  conversions++;
  // parse() is typed for a string, but takes a SourceFile as parseAndGenerateServices() does (both create their parse
  // settings and source file through the same functions, which keep a SourceFile as it is);
  // test/unit/perf/parse-options.test.ts requires the same tree either way.
  return parse(source as string, {
    range: true,
    // Nodes get a placeholder location (./estreeLocations.ts); asking for none would cost one more pass over the
    // tree to delete it.
    loc: true,
    // Comments are not needed: suppression directives are read from the text (src/core/suppress.ts).
    comment: false,
    jsx,
    // The file name makes typescript-estree pick TS vs JS grammar; no type information is ever requested.
    filePath: fileName,
    errorOnTypeScriptSyntacticAndSemanticIssues: false,
    suppressDeprecatedPropertyWarnings: true,
    // JSDoc feeds type information only, and no type information is used: TypeScript need not parse it. The ESTree
    // tree is the same either way (test/unit/perf/parse-options.test.ts).
    jsDocParsingMode: 'none',
  });
}

/** Parses JS/TS/JSX/TSX source with ranges (converting `sf`, TypeScript's tree of it, when given). Never throws. */
export function parseJs(text: string, fileName: string, sf?: SourceFile): JsParseResult {
  try {
    return { ast: parseWith(sf ?? text, fileName, jsxFor(text, fileName)) };
  } catch (e) {
    // Running out of stack says the file nests too deeply, not that its syntax is wrong: analyzeFile words it.
    if (isStackOverflow(e)) throw e;
    const err = e as {
      message?: string;
      index?: number;
      lineNumber?: number;
      column?: number;
      location?: { start: { offset: number; line: number; column: number } };
    };
    const start = err.location?.start;
    return {
      error: {
        message: String(err.message ?? e).split('\n')[0],
        offset: start?.offset ?? err.index ?? 0,
        line: start?.line ?? err.lineNumber ?? 1,
        column: (start?.column ?? err.column ?? 0) + 1,
      },
    };
  }
}

/**
 * What an editor keeps per open document so the next analysis can re-parse only what changed. The AST inside is
 * owned by the state: the next incremental parse shifts and reuses its nodes.
 */
export interface JsParseState {
  fileName?: string;
  text?: string;
  ast?: Program;
  jsx?: boolean;
  /** How the last parse was done, for tests and the benchmark. */
  last?: 'full' | 'incremental';
}

const MODULE_SYNTAX = new Set([
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
  'TSImportEqualsDeclaration',
  'TSExportAssignment',
  'TSNamespaceExportDeclaration',
]);

export function jsxFor(text: string, fileName: string): boolean {
  const lower = fileName.toLowerCase();
  const isTs = /\.(?:[cm]?ts|tsx)$/.test(lower);
  return lower.endsWith('.tsx') || lower.endsWith('.jsx') || (!isTs && /<[A-Za-z>]/.test(text));
}

/** Calls `fn` for each child node of `n`, through the visitor keys (which reach every positioned node). */
function forEachChild(n: TSESTree.Node, fn: (child: TSESTree.Node) => void): void {
  const keys = visitorKeys[n.type];
  if (!keys) return;
  for (const k of keys) {
    const c = (n as unknown as Record<string, unknown>)[k];
    if (!c || typeof c !== 'object') continue;
    if (Array.isArray(c)) {
      for (const x of c) if (x && typeof (x as TSESTree.Node).type === 'string') fn(x as TSESTree.Node);
    } else if (typeof (c as TSESTree.Node).type === 'string') fn(c as TSESTree.Node);
  }
}

/** Marks range arrays with the move that last moved them: some are shared between nodes (an import's default
 * specifier and its local name share one range array), and each must move once. Nodes have no locations to move
 * (./estreeLocations.ts). */
const MOVED = Symbol('lambdashift.moved');
type Marked = { [MOVED]?: number };
let moves = 0;

/** Moves one node's range by `delta` characters, unless move `id` already moved it. */
function moveNode(n: TSESTree.Node, delta: number, id: number): void {
  const r = n.range as TSESTree.Range & Marked;
  if (r[MOVED] !== id) {
    r[MOVED] = id;
    r[0] += delta;
    r[1] += delta;
  }
}

/** Moves every node under each of `roots` (visitor keys reach every positioned node of the tree). */
function moveTrees(roots: readonly TSESTree.Node[], delta: number): void {
  const id = ++moves;
  const stack: TSESTree.Node[] = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    moveNode(n, delta, id);
    forEachChild(n, (c) => stack.push(c));
  }
}

const hasModuleSyntax = (body: readonly TSESTree.Node[]) => body.some((s) => MODULE_SYNTAX.has(s.type));

/** True when a region parsed on its own could mean something else inside the whole file: top-level `await` and
 * `await` as a name depend on whether the file is a module, a string statement is a directive only at the top. */
function contextSensitive(body: TSESTree.Node[], atFileStart: boolean): boolean {
  for (const s of body) {
    // A string statement is a directive only at the start of the file.
    if (!atFileStart && s.type === 'ExpressionStatement' && typeof s.directive === 'string') return true;
  }
  let found = false;
  const stack: { n: TSESTree.Node; inFn: boolean }[] = body.map((n) => ({ n, inFn: false }));
  while (stack.length && !found) {
    const { n, inFn } = stack.pop()!;
    if (!inFn && (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await))) found = true;
    if (n.type === 'Identifier' && n.name === 'await') found = true;
    if (n.type === 'MetaProperty') found = true;
    const fn = inFn || n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
    forEachChild(n, (c) => stack.push({ n: c, inFn: fn }));
  }
  return found;
}

/**
 * Parses like parseJs(), but when `state` holds the previous version of the same file, re-parses only the top-level
 * statements an edit touched (plus one unchanged statement on each side, so automatic semicolon insertion at the
 * seams is decided as in a whole parse), reuses the others with their ranges shifted, and gives the same tree a whole
 * parse gives. Anything that could parse differently in isolation (a change of module-ness, top-level `await`,
 * directives, a change of JSX mode, a syntax error) falls back to a whole parse. Updates `state`.
 */
export function parseJsIncremental(text: string, fileName: string, state: JsParseState): JsParseResult {
  const full = (): JsParseResult => {
    const r = parseJs(text, fileName);
    state.last = 'full';
    // A version that does not parse keeps the last good tree: the next edit is diffed against that version, so
    // typing through a broken state (an unclosed brace) stays incremental.
    if (!r.ast && state.fileName === fileName && state.ast) return r;
    state.fileName = fileName;
    state.text = text;
    state.ast = r.ast;
    state.jsx = jsxFor(text, fileName);
    return r;
  };
  const prev = state.ast;
  const old = state.text;
  if (!prev || old === undefined || state.fileName !== fileName) return full();
  if (old === text) {
    state.last = 'incremental';
    return { ast: prev };
  }
  const jsx = jsxFor(text, fileName);
  if (jsx !== state.jsx) return full();
  // The changed span: [p, old.length - s) in the old text, [p, text.length - s) in the new one.
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEnd = old.length - s;
  const delta = text.length - old.length;
  const body = prev.body as TSESTree.Node[];
  // Statements entirely before the change, and the first entirely after it; one more on each side is re-parsed.
  let first = 0;
  while (first < body.length && body[first].range[1] < p) first++;
  first = Math.max(0, first - 1);
  let last = body.length - 1;
  while (last >= 0 && body[last].range[0] > oldEnd) last--;
  last = Math.min(body.length - 1, last + 1);
  const regionStart = first < body.length && first <= last ? Math.min(body[first].range[0], p) : p;
  const regionOldEnd = last >= 0 && first <= last ? Math.max(body[last].range[1], oldEnd) : oldEnd;
  const start = first === 0 ? 0 : regionStart;
  const endNew = last === body.length - 1 ? text.length : regionOldEnd + delta;
  const replaced = first <= last ? body.slice(first, last + 1) : [];
  if (contextSensitive(replaced, start === 0)) return full();
  // The region is parsed on its own and its nodes shifted to where the region starts in the file.
  const region = text.slice(start, endNew);
  let parsed: JsParseResult;
  try {
    parsed = { ast: parseWith(region, fileName, jsx) };
  } catch {
    return full();
  }
  if (!parsed.ast) return full();
  const fresh = parsed.ast.body as TSESTree.Node[];
  if (contextSensitive(fresh, start === 0)) return full();
  // Import/export syntax makes the file a module; an edit that adds the first or removes the last one changes that.
  const keptModule = hasModuleSyntax(body.slice(0, first)) || hasModuleSyntax(body.slice(last + 1));
  if (!keptModule && hasModuleSyntax(replaced) !== hasModuleSyntax(fresh)) return full();
  // The region's nodes start at offset 0 of the region; the statements after it move by the change in length.
  moveTrees(fresh, start);
  if (last + 1 < body.length && delta) {
    // The analysis flattened the previous tree in pre-order: the statements after the region are the tail of that
    // array, so they move without a walk. A tree that was not flattened is walked.
    const flat = flatNodesFrom(prev, body[last + 1]);
    if (flat) {
      const id = ++moves;
      for (let i = flat.start; i < flat.nodes.length; i++) moveNode(flat.nodes[i], delta, id);
    } else moveTrees(body.slice(last + 1), delta);
  }
  const range: TSESTree.Range = [start === 0 ? parsed.ast.range[0] : prev.range[0], text.length];
  const program: Program = {
    ...prev,
    body: [...body.slice(0, first), ...fresh, ...body.slice(last + 1)] as Program['body'],
    range,
    loc: NO_LOCATION,
  };
  if (program.body.length === 0) return full();
  flattenEdited(program, prev, first, fresh, last + 1);
  state.text = text;
  state.ast = program;
  state.last = 'incremental';
  return { ast: program };
}
