// Structural pre-filter gates, read from TypeScript's own syntax tree before the ESTree conversion.
//
// The text pre-filter (src/core/prefilter.ts) cannot rule out the JS rules that start from structure rather than a name:
// work an async function starts and does not wait for (handler/background-work), a top-level `await`
// (handler/cold-start-import), a module-scope value a function writes (handler/in-memory-state), a handler's callback
// parameter (handler/runtime-coupling). Almost every file has `async`, `await` or a module-scope `const`, so almost
// every file was converted to ESTree, and the conversion is most of a JS file's cost. A rule's `gate` answers from
// TypeScript's tree (which the conversion needs anyway, so it is parsed once) whether the rule could report at all;
// a file no rule can report on is not converted (src/core/analyze.ts).
//
// A gate must be conservative: it may say a rule can fire where the rule then finds nothing, never the reverse. Each
// condition below is a necessary condition of the rule's reports, read more loosely than the rule reads it (every
// function-like counts as a function, every scope as module scope where the rule is stricter, local-only code and
// shadowing are ignored), and the gates are on only where the pre-filter is: test/helpers/ruleTester.ts compares every
// table case with and without them, and test/unit/perf/prefilter.test.ts the examples and generated workspaces.
import type * as TS from 'typescript';
import { wordCount } from '../prefilter';
import { setParents, stringOf } from './lite';
import type { SourceFacts } from './sourceFacts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts: typeof TS = require('typescript');

// TypeScript's module exports every member through a getter: read once here, not per node.
const SK = ts.SyntaxKind;
const K = {
  FunctionDeclaration: SK.FunctionDeclaration,
  FunctionExpression: SK.FunctionExpression,
  ArrowFunction: SK.ArrowFunction,
  MethodDeclaration: SK.MethodDeclaration,
  Constructor: SK.Constructor,
  GetAccessor: SK.GetAccessor,
  SetAccessor: SK.SetAccessor,
  AwaitExpression: SK.AwaitExpression,
  ExpressionStatement: SK.ExpressionStatement,
  VariableDeclaration: SK.VariableDeclaration,
  ImportDeclaration: SK.ImportDeclaration,
  ImportEqualsDeclaration: SK.ImportEqualsDeclaration,
  Identifier: SK.Identifier,
  Decorator: SK.Decorator,
  AsyncKeyword: SK.AsyncKeyword,
  WhileStatement: SK.WhileStatement,
  DoStatement: SK.DoStatement,
  ForStatement: SK.ForStatement,
  FirstLiteralToken: SK.FirstLiteralToken,
  LastLiteralToken: SK.LastLiteralToken,
  TrueKeyword: SK.TrueKeyword,
  FalseKeyword: SK.FalseKeyword,
  NullKeyword: SK.NullKeyword,
};
const {
  forEachChild,
  isModifier,
  isParenthesizedExpression,
  isAsExpression,
  isNonNullExpression,
  isSatisfiesExpression,
  isTypeAssertionExpression,
  isVoidExpression,
  isCallExpression,
  isIdentifier,
  isFunctionExpression,
  isArrowFunction,
} = ts;

const isFunctionLike = (k: TS.SyntaxKind): boolean =>
  k === K.FunctionDeclaration ||
  k === K.FunctionExpression ||
  k === K.ArrowFunction ||
  k === K.MethodDeclaration ||
  k === K.Constructor ||
  k === K.GetAccessor ||
  k === K.SetAccessor;

const isAsync = (n: TS.Node): boolean => !!(n as { modifiers?: TS.NodeArray<TS.ModifierLike> }).modifiers?.some((m) => m.kind === K.AsyncKeyword);

/** Parentheses and type-only wrappers, which ESTree drops or stripTs looks through. */
function unwrap(n: TS.Node): TS.Node {
  for (;;) {
    if (isParenthesizedExpression(n) || isAsExpression(n) || isNonNullExpression(n) || isSatisfiesExpression(n) || isTypeAssertionExpression(n))
      n = n.expression;
    else return n;
  }
}

/** The nearest enclosing expression that is not a wrapper unwrap() looks through. */
function parentThroughWrappers(n: TS.Node): TS.Node | undefined {
  let p = n.parent;
  while (p && unwrap(p) !== p) p = p.parent;
  return p;
}

/** Member names whose call isPromiseCall takes for a promise (`.then`, `.promise()`, `send(new …Command)`, `Promise.all`). */
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally', 'promise', 'send', 'all', 'allSettled', 'race', 'any']);

/** Modules whose calls isPromiseCall takes for promises, and `fs` (through `fs.promises`). */
const PROMISE_MODULE = /^(?:node:)?(?:axios|got|node-fetch|undici|ky|fs\/promises|superagent|fs)$/;

/** `require('m')` or `import('m')`. */
function loadedModule(n: TS.Node): string | undefined {
  if (!ts.isCallExpression(n)) return undefined;
  const callee = unwrap(n.expression);
  if (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) return stringOf(n.arguments[0]);
  return undefined;
}

/** A promise module's name as a string, which loading it takes. */
const PROMISE_MODULE_STRING = /[`'"](?:node:)?(?:axios|got|node-fetch|undici|ky|fs\/promises|superagent|fs)[`'"]/g;

/** True when the subtree loads a promise module (`require('axios').get`, `(await import('got')).default`). */
function loadsPromiseModule(n: TS.Node): boolean {
  const m = loadedModule(n);
  if (m !== undefined && PROMISE_MODULE.test(m)) return true;
  return !!forEachChild(n, (c) => (loadsPromiseModule(c) ? true : undefined));
}

/** Where the text has a promise module's name as a string, in order. */
function promiseModuleStrings(text: string): number[] {
  const at: number[] = [];
  PROMISE_MODULE_STRING.lastIndex = 0;
  for (let m = PROMISE_MODULE_STRING.exec(text); m; m = PROMISE_MODULE_STRING.exec(text)) at.push(m.index);
  return at;
}

/** loadsPromiseModule, walking only a subtree whose text has one of the strings at `at`. */
function mayLoadPromiseModule(n: TS.Node, at: readonly number[]): boolean {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < n.pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < at.length && at[lo] < n.end && loadsPromiseModule(n);
}

/** Every identifier a binding name declares (`a`, `{ a, b: c }`, `[d = 1]`). */
function boundNames(name: TS.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
}

/** The identifier a call chain starts from (`a` of `a.b().c`, `(await a).b`), if any. */
function rootName(n: TS.Node): string | undefined {
  for (;;) {
    n = unwrap(n);
    if (ts.isIdentifier(n)) return n.text;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isAwaitExpression(n)) n = n.expression;
    else return undefined;
  }
}

function memberName(n: TS.Node): string | undefined {
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n)) return stringOf(n.argumentExpression);
  return undefined;
}

/** Methods whose call writes a container (in-memory-state's WRITE_METHODS less the harmless `delete`, `del`, `clear`). */
const WRITE_METHODS = new Set(['set', 'add', 'push', 'unshift', 'splice', 'put', 'setex', 'mset', 'fill', 'sort', 'reverse', 'shift', 'pop', 'take']);

const isAssignmentOperator = (k: TS.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
const isUpdate = (n: TS.Node) =>
  (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
  (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken);

/** True when `id` is written where in-memory-state counts a write: `x = …`, `x++`, `x.k = …`, `x[k]++`, `x.set(…)`. */
function isWrite(id: TS.Identifier): boolean {
  const parent = parentThroughWrappers(id);
  if (!parent) return false;
  if (ts.isBinaryExpression(parent) && isAssignmentOperator(parent.operatorToken.kind) && unwrap(parent.left) === id) return true;
  if (isUpdate(parent)) return true;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && unwrap(parent.expression) === id) {
    const grand = parentThroughWrappers(parent);
    if (!grand) return false;
    if (ts.isCallExpression(grand) && unwrap(grand.expression) === parent) return WRITE_METHODS.has(memberName(parent) ?? '');
    if (ts.isBinaryExpression(grand) && isAssignmentOperator(grand.operatorToken.kind) && unwrap(grand.left) === parent) return true;
    return isUpdate(grand);
  }
  return false;
}

/** Words of a condition that reads the clock (long-running's clock bounds and busy-waits: `Date.now()`, `performance.now()`, `x.getTime()`). */
const CLOCK = /Date|performance|getTime/;

/**
 * A loop long-running can report without a sleep, blocking call or library named in the text: its condition is
 * missing or a literal (`while (true)`, `for (;;)`), or reads the clock (a time bound, or a busy-wait that sleeps).
 */
function mayRunLong(test: TS.Expression | undefined): boolean {
  if (!test) return true;
  const k = unwrap(test).kind;
  if ((k >= K.FirstLiteralToken && k <= K.LastLiteralToken) || k === K.TrueKeyword || k === K.FalseKeyword || k === K.NullKeyword) return true;
  return CLOCK.test(source.slice(test.pos, test.end));
}

/** What one walk of a file's tree collects (see sourceFacts). */
interface Collected {
  topAwait: boolean;
  calledCallback: boolean;
  longLoop: boolean;
  asyncNames: Set<string>;
  promiseBound: Set<string>;
  /** Where the text names a promise module in a string (promiseModuleStrings). */
  promiseStrings: number[];
  /** Calls in statement position inside an async function: the candidates of background-work's checks. */
  asyncStatementCalls: TS.CallExpression[];
  /** Module-scope names in-memory-state could report (see moduleStateWrite), and whether one is written in a function. */
  stateNames: ReadonlySet<string>;
  stateWrite: boolean;
}

// The walk's state, in module variables so that one callback serves every node (analysis is synchronous).
let out: Collected;
let source = '';
let inFunction = false;
let fnAsync = false;

function noteCall(expr: TS.Node | undefined): void {
  if (!expr || !fnAsync) return;
  let e = unwrap(expr);
  if (isVoidExpression(e)) e = unwrap(e.expression);
  if (isCallExpression(e)) out.asyncStatementCalls.push(e);
}

function visit(n: TS.Node): undefined {
  const k = n.kind;
  if (k === K.Identifier) {
    if (inFunction && out.stateNames.has((n as TS.Identifier).text) && !out.stateWrite && isWrite(n as TS.Identifier)) out.stateWrite = true;
    return undefined;
  }
  if (k === K.AwaitExpression) {
    if (!inFunction) out.topAwait = true;
  } else if (k === K.ExpressionStatement) {
    noteCall((n as TS.ExpressionStatement).expression);
  } else if (k === K.WhileStatement || k === K.DoStatement || k === K.ForStatement) {
    if (!out.longLoop)
      out.longLoop = mayRunLong(k === K.ForStatement ? (n as TS.ForStatement).condition : (n as TS.WhileStatement | TS.DoStatement).expression);
  } else if (k === K.VariableDeclaration) {
    const d = n as TS.VariableDeclaration;
    noteCall(d.initializer);
    if (d.initializer) {
      const init = unwrap(d.initializer);
      if (isIdentifier(d.name) && (isFunctionExpression(init) || isArrowFunction(init)) && isAsync(init)) out.asyncNames.add(d.name.text);
      if (mayLoadPromiseModule(d.initializer, out.promiseStrings)) boundNames(d.name, out.promiseBound);
    }
  } else if (k === K.ImportDeclaration) {
    const d = n as TS.ImportDeclaration;
    const m = stringOf(d.moduleSpecifier);
    const clause = d.importClause;
    if (m !== undefined && PROMISE_MODULE.test(m) && clause) {
      if (clause.name) out.promiseBound.add(clause.name.text);
      const b = clause.namedBindings;
      if (b && ts.isNamespaceImport(b)) out.promiseBound.add(b.name.text);
      else if (b) for (const s of b.elements) out.promiseBound.add(s.name.text);
    }
  } else if (k === K.ImportEqualsDeclaration) {
    const d = n as TS.ImportEqualsDeclaration;
    if (ts.isExternalModuleReference(d.moduleReference) && PROMISE_MODULE.test(stringOf(d.moduleReference.expression) ?? '')) out.promiseBound.add(d.name.text);
  } else if (isFunctionLike(k)) {
    const fn = n as TS.FunctionLikeDeclaration;
    // runtime-coupling reports a handler's third parameter only where the handler calls it: the name is written again.
    const third = fn.parameters.length >= 3 ? fn.parameters[2].name : undefined;
    if (!out.calledCallback && third && isIdentifier(third) && wordCount(source.slice(n.pos, n.end), third.text, 2) >= 2) out.calledCallback = true;
    const async = isAsync(n);
    if (async && k === K.FunctionDeclaration && fn.name) out.asyncNames.add((fn.name as TS.Identifier).text);
    // A method's (computed) name and decorators are outside its function in ESTree: a MethodDefinition's key, and the
    // FunctionExpression is its value.
    const outer = fnAsync;
    const wasIn = inFunction;
    forEachChild(n, (c) => {
      const ck = c.kind;
      const inside = !(c === fn.name || ck === K.Decorator || isModifier(c));
      inFunction = inside || wasIn;
      fnAsync = inside ? async : outer;
      visit(c);
      return undefined;
    });
    inFunction = wasIn;
    fnAsync = outer;
    return undefined;
  }
  forEachChild(n, visit);
  return undefined;
}

/** Facts of one file's TypeScript tree; the walk runs on first use only. */
export function sourceFacts(sf: TS.SourceFile, text: string): SourceFacts {
  let collected: Collected | undefined;
  /** in-memory-state's candidates: module-scope `let`/`var` (any value) and `const` containers (`new …`, `{}`, `[]`,
   * or anything in a file naming the memory-cache module, whose export is a cache). */
  const stateNames = new Set<string>();
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    const isConst = (stmt.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const d of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const init = d.initializer && unwrap(d.initializer);
      const container =
        !isConst ||
        (init && (ts.isNewExpression(init) || ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init) || text.includes('memory-cache')));
      if (container) stateNames.add(d.name.text);
    }
  }
  const walk = (): Collected => {
    if (collected) return collected;
    out = collected = {
      topAwait: false,
      calledCallback: false,
      longLoop: false,
      asyncNames: new Set(),
      promiseBound: new Set(),
      promiseStrings: promiseModuleStrings(text),
      asyncStatementCalls: [],
      stateNames,
      stateWrite: false,
    };
    inFunction = false;
    fnAsync = false;
    // isWrite looks up from a candidate's name.
    if (stateNames.size > 0) setParents(sf);
    source = text;
    visit(sf);
    source = '';
    return collected;
  };

  return {
    text,
    topLevelAwait: () => walk().topAwait,
    calledCallback: () => walk().calledCallback,
    longLoop: () => walk().longLoop,
    unawaitedAsyncCall: () => {
      const { asyncStatementCalls, asyncNames, promiseBound, promiseStrings } = walk();
      return asyncStatementCalls.some((call) => {
        const callee = unwrap(call.expression);
        const member = memberName(callee);
        if (member !== undefined && PROMISE_MEMBERS.has(member)) return true;
        // `items.forEach(async (x) => …)`
        const cb = call.arguments[0] && unwrap(call.arguments[0]);
        if (member === 'forEach' && cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && isAsync(cb)) return true;
        if (ts.isIdentifier(callee) && (callee.text === 'fetch' || asyncNames.has(callee.text))) return true;
        const root = rootName(callee);
        return (root !== undefined && (promiseBound.has(root) || root === 'require')) || mayLoadPromiseModule(callee, promiseStrings);
      });
    },
    // Then a write of a candidate inside a function.
    moduleStateWrite: () => stateNames.size > 0 && walk().stateWrite,
  };
}

/** The rules of `rules` whose gate (if any) says they could report on the file, in their order; the same array when all can. */
export function gatedRules<R extends { gate?: (facts: SourceFacts) => boolean }>(rules: readonly R[], sf: TS.SourceFile, text: string): readonly R[] {
  const facts = sourceFacts(sf, text);
  const out = rules.filter((r) => !r.gate || r.gate(facts));
  return out.length === rules.length ? rules : out;
}
