import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, memberPath, stringValue, walk, type Node, walkTypes } from './ast';
import { resolveRef, type Binding } from './module';

// Small, syntax-only helpers shared by the to-lambda handler rules: constant folding, const lookups,
// "is this inside an async function", sleep detection. Nothing here executes or resolves workspace code.

/** Strips TS-only wrappers (`x as T`, `x!`, `x satisfies T`) and chain expressions. */
export function stripTs(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (
    n &&
    (n.type === 'TSAsExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'TSSatisfiesExpression' ||
      n.type === 'ChainExpression' ||
      n.type === 'TSTypeAssertion')
  ) {
    n = n.expression;
  }
  return n;
}

/**
 * `const` declarations anywhere in the file, by name. A name declared more than once (shadowing, several scopes)
 * is dropped, so a lookup never guesses between two different values.
 */
export function constInits(ast: TSESTree.Program): Map<string, Node> {
  const seen = new Map<string, Node | null>();
  walkTypes(ast, ['VariableDeclarator'], (n, anc) => {
    if (n.type !== 'VariableDeclarator' || n.id.type !== 'Identifier') return;
    const decl = anc[anc.length - 1];
    const name = n.id.name;
    if (seen.has(name)) seen.set(name, null);
    else seen.set(name, decl?.type === 'VariableDeclaration' && decl.kind === 'const' && n.init ? n.init : null);
  });
  const out = new Map<string, Node>();
  for (const [k, v] of seen) if (v) out.set(k, v);
  return out;
}

/** Folds numeric literals and `+ - * /` over them (`20 * 60 * 1000`, `30_000`), through const names when given. */
export function numericValue(node: Node | null | undefined, consts?: Map<string, Node>, depth = 0): number | undefined {
  const n = stripTs(node);
  if (!n || depth > 8) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
  if (n.type === 'UnaryExpression' && n.operator === '-') {
    const v = numericValue(n.argument as Node, consts, depth + 1);
    return v === undefined ? undefined : -v;
  }
  if (n.type === 'BinaryExpression' && ['+', '-', '*', '/'].includes(n.operator)) {
    const a = numericValue(n.left as Node, consts, depth + 1);
    const b = numericValue(n.right as Node, consts, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (n.operator) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        return b === 0 ? undefined : a / b;
    }
  }
  if (n.type === 'Identifier' && consts?.has(n.name)) return numericValue(consts.get(n.name), consts, depth + 1);
  return undefined;
}

export function isAsyncFunction(node: Node | undefined): boolean {
  return !!node && isFunctionNode(node) && node.async;
}

/** True when the node runs at module load: not inside any function (class field initialisers count as module scope). */
export function runsAtModuleLoad(ancestors: readonly Node[]): boolean {
  return !ancestors.some((a) => isFunctionNode(a));
}

/**
 * True when `name` is referenced (as an identifier, not a property key, not the name a variable declaration declares)
 * anywhere inside `scope`, other than inside `except`.
 */
export function isReferenced(scope: Node, name: string, except?: Node): boolean {
  let found = false;
  walk(scope, (n, anc) => {
    if (found) return 'skip';
    if (n === except) return 'skip';
    if (n.type !== 'Identifier' || n.name !== name) return;
    const p = anc[anc.length - 1];
    if (p?.type === 'VariableDeclarator' && p.id === n) return;
    if (p?.type === 'MemberExpression' && p.property === n && !p.computed) return;
    if (p?.type === 'Property' && p.key === n && !p.computed && !p.shorthand) return;
    found = true;
  });
  return found;
}

/** True when some call `<name>.<method>()` with a method in `methods` occurs inside `scope`. */
export function hasMethodCallOn(scope: Node, name: string, methods: readonly string[]): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found) return 'skip';
    if (n.type === 'CallExpression') {
      const p = memberPath(n.callee as Node);
      if (p && p.length >= 2 && p.slice(0, -1).join('.') === name && methods.includes(p[p.length - 1])) found = true;
    }
  });
  return found;
}

/** True when any identifier or property named `name` appears inside `scope` (e.g. `getRemainingTimeInMillis`). */
export function mentionsName(scope: Node, name: string): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found) return 'skip';
    if (n.type === 'Identifier' && n.name === name) found = true;
  });
  return found;
}

const SLEEP_NAMES = /^(sleep|delay|wait|pause|snooze|setTimeoutAsync)$/;

/**
 * Recognises a sleep and returns its duration in ms (NaN when not a literal): `sleep(ms)` / `delay(ms)` helpers,
 * `new Promise((r) => setTimeout(r, ms))`, `timers/promises` `setTimeout(ms)`, `scheduler.wait(ms)`.
 */
export function sleepMs(node: Node, bindings: Map<string, Binding>, consts?: Map<string, Node>): number | undefined {
  const n = stripTs(node);
  if (!n) return undefined;
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'Promise') {
    const exec = n.arguments[0] as Node | undefined;
    if (!exec || !isFunctionNode(exec)) return undefined;
    let ms: number | undefined;
    walk(exec.body as Node, (c) => {
      if (ms !== undefined) return 'skip';
      if (c.type === 'CallExpression' && c.callee.type === 'Identifier' && c.callee.name === 'setTimeout')
        ms = numericValue(c.arguments[1] as Node, consts) ?? NaN;
    });
    return ms;
  }
  if (n.type !== 'CallExpression') return undefined;
  const ref = resolveRef(n.callee as Node, bindings);
  if (ref && ref.module === 'timers/promises' && ['setTimeout', 'wait'].includes(ref.path[ref.path.length - 1] ?? '')) {
    return numericValue(n.arguments[0] as Node, consts) ?? NaN;
  }
  const p = memberPath(n.callee as Node);
  if (!p) return undefined;
  const last = p[p.length - 1];
  if (ref && ref.module !== 'timers/promises' && !ref.module.startsWith('.')) {
    // `delay` from the `delay` package or similar single-purpose modules
    if (!['delay', 'sleep-promise', 'timeout-as-promise', 'sleep'].includes(ref.module)) return undefined;
  }
  if (p.length === 1 && SLEEP_NAMES.test(last) && n.arguments.length >= 1) return numericValue(n.arguments[0] as Node, consts) ?? NaN;
  if (p.length === 2 && p[0] === 'scheduler' && last === 'wait') return numericValue(n.arguments[0] as Node, consts) ?? NaN;
  return undefined;
}

/** A string-ish value of a literal or a template's first quasi (for prefix checks). */
export function stringPrefix(node: Node | null | undefined): string | undefined {
  const n = stripTs(node);
  if (!n) return undefined;
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked ?? undefined;
  // `'/var/data/' + id`: the leading operand fixes where the path starts.
  if (n.type === 'BinaryExpression' && n.operator === '+') return stringPrefix(n.left as Node);
  return undefined;
}

/** The object-literal property value for `key` (non-computed, non-spread). */
export function propValue(obj: Node | null | undefined, key: string): Node | undefined {
  const o = stripTs(obj);
  if (!o || o.type !== 'ObjectExpression') return undefined;
  for (const p of o.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const k = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key as Node);
    if (k === key) return p.value as Node;
  }
  return undefined;
}

/** True when a loop's test reads the clock: `Date.now() - start < ms`, `new Date().getTime() < end`. */
function readsClock(test: Node | null | undefined): boolean {
  let found = false;
  if (!test) return false;
  walk(test, (c) => {
    if (found) return 'skip';
    const p = c.type === 'CallExpression' ? memberPath(c.callee as Node)?.join('.') : undefined;
    if (p === 'Date.now' || p === 'performance.now' || (p && /\.getTime$/.test(p))) found = true;
  });
  return found;
}

/**
 * Functions of the file that block the thread for their first argument's milliseconds: a busy-wait
 * (`while (Date.now() - start < ms) {}`) or `Atomics.wait(…, ms)`. Name → parameter index of the duration.
 */
export function busyWaitFunctions(ast: TSESTree.Program): Map<string, number> {
  const out = new Map<string, number>();
  const consider = (name: string | undefined, fn: Node) => {
    if (!name || !isFunctionNode(fn) || fn.params.length === 0) return;
    const param = fn.params[0];
    if (param.type !== 'Identifier') return;
    let blocks = false;
    walk(fn.body as Node, (n) => {
      if (blocks) return 'skip';
      if ((n.type === 'WhileStatement' || n.type === 'DoWhileStatement') && readsClock(n.test as Node)) {
        const body = n.body as Node;
        if (body.type === 'EmptyStatement' || (body.type === 'BlockStatement' && body.body.length === 0)) blocks = true;
      }
      if (n.type === 'CallExpression' && memberPath(n.callee as Node)?.join('.') === 'Atomics.wait') blocks = true;
    });
    if (blocks) out.set(name, 0);
  };
  walkTypes(ast, ['FunctionDeclaration', 'VariableDeclarator'], (n) => {
    if (n.type === 'FunctionDeclaration') consider(n.id?.name, n);
    else if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) consider(n.id.name, n.init as Node);
  });
  return out;
}

/**
 * A call that blocks the thread (no promise, no event loop) and its duration in ms (NaN when not a literal): a busy-wait
 * function of the file, `Atomics.wait(…, ms)`, the `sleep` package (`sleep`, `msleep`, `usleep`), `deasync.sleep`,
 * `execSync('sleep 5')` / `spawnSync('sleep', ['5'])`.
 */
export function syncSleepMs(node: Node, bindings: Map<string, Binding>, consts: Map<string, Node>, busyWaits: Map<string, number>): number | undefined {
  const n = stripTs(node);
  if (n?.type !== 'CallExpression') return undefined;
  const p = memberPath(n.callee as Node);
  const arg = (i: number) => numericValue(n.arguments[i] as Node, consts) ?? NaN;
  if (p?.length === 1 && busyWaits.has(p[0]) && !bindings.has(p[0])) return arg(busyWaits.get(p[0])!);
  if (p?.join('.') === 'Atomics.wait') return arg(3);
  const ref = resolveRef(n.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  if (ref.module === 'sleep') {
    if (last === 'sleep') return arg(0) * 1000;
    if (last === 'msleep') return arg(0);
    if (last === 'usleep') return arg(0) / 1000;
  }
  if ((ref.module === 'deasync' && last === 'sleep') || (ref.module === 'system-sleep' && ref.path.length === 0)) return arg(0);
  if (ref.module === 'child_process' && (last === 'execSync' || last === 'spawnSync')) {
    const cmd = stringValue(n.arguments[0] as Node);
    if (last === 'execSync') {
      const m = cmd ? /^\s*sleep\s+(\d+(?:\.\d+)?)\s*$/.exec(cmd) : null;
      return m ? Number(m[1]) * 1000 : undefined;
    }
    if (cmd !== 'sleep') return undefined;
    const args = stripTs(n.arguments[1] as Node);
    const first = args?.type === 'ArrayExpression' ? stringValue(args.elements[0] as Node) : undefined;
    return first !== undefined && /^\d+(\.\d+)?$/.test(first) ? Number(first) * 1000 : NaN;
  }
  return undefined;
}
