import { parameterNames, stringValue, unparen, type PyNode } from './ast';
import { qualifiedName } from './module';

/** Variables whose presence means "running on Lambda" (set by the runtime) or "running locally" (set by dev tools). */
const LAMBDA_ENV = new Set(['AWS_LAMBDA_FUNCTION_NAME', 'AWS_EXECUTION_ENV', 'LAMBDA_TASK_ROOT', 'AWS_LAMBDA_RUNTIME_API']);
const LOCAL_ENV = new Set(['IS_OFFLINE', 'IS_LOCAL', 'AWS_SAM_LOCAL']);

/** `os.environ.get('X')`, `os.getenv('X')`, `os.environ['X']` → X. */
export function envRead(node: PyNode | undefined, bindings: Map<string, string>): string | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'call') {
    const q = qualifiedName(n.get('function'), bindings);
    if (q === 'os.getenv' || q === 'os.environ.get') return stringValue(n.get('arguments')?.namedChildren[0]);
    return undefined;
  }
  if (n.type === 'subscript' && qualifiedName(n.get('value'), bindings) === 'os.environ') return stringValue(n.get('subscript'));
  return undefined;
}

function envKind(name: string | undefined): 'lambda' | 'local' | undefined {
  if (!name) return undefined;
  if (LAMBDA_ENV.has(name)) return 'lambda';
  if (LOCAL_ENV.has(name)) return 'local';
  return undefined;
}

const invert = (k: 'lambda' | 'local' | undefined) => (k === 'lambda' ? 'local' : k === 'local' ? 'lambda' : undefined);

/**
 * Classifies an `if` condition: 'local' when its body only runs outside Lambda (`__name__ == "__main__"`, IS_OFFLINE,
 * no AWS_LAMBDA_FUNCTION_NAME), 'lambda' when it only runs on Lambda.
 */
export function classifyGuard(cond: PyNode | undefined, bindings: Map<string, string>, flags?: Map<string, PyNode>, depth = 0, mainRuns = false): 'lambda' | 'local' | undefined {
  const n = unparen(cond);
  if (!n || depth > 4) return undefined;
  // `IS_LOCAL = not os.getenv("AWS_LAMBDA_FUNCTION_NAME")` … `if IS_LOCAL:`
  if (n.type === 'identifier' && flags?.has(n.text)) return classifyGuard(flags.get(n.text), bindings, flags, depth + 1, mainRuns);
  if (n.type === 'call' && n.get('function')?.text === 'bool') return classifyGuard(n.get('arguments')?.namedChildren[0], bindings, flags, depth + 1, mainRuns);
  if (n.type === 'not_operator') return invert(classifyGuard(n.get('argument'), bindings, flags, depth + 1, mainRuns));
  if (n.type === 'boolean_operator') {
    if (n.get('operator')?.type !== 'and') return undefined;
    return classifyGuard(n.get('left'), bindings, flags, depth + 1, mainRuns) ?? classifyGuard(n.get('right'), bindings, flags, depth + 1, mainRuns);
  }
  if (n.type === 'comparison_operator') {
    const operands = n.namedChildren;
    const ops = n.all('operators').map((o) => o.type);
    if (operands.length !== 2 || ops.length !== 1) return undefined;
    const [a, b] = operands;
    const op = ops[0];
    const isMainCheck = (x: PyNode, y: PyNode) => x.type === 'identifier' && x.text === '__name__' && stringValue(y) === '__main__';
    // When the module may be a container's entry script, its main block runs in production too.
    if (isMainCheck(a, b) || isMainCheck(b, a)) return mainRuns ? undefined : op === '==' ? 'local' : op === '!=' ? 'lambda' : undefined;
    // 'AWS_LAMBDA_FUNCTION_NAME' in os.environ
    if ((op === 'in' || op === 'not in') && qualifiedName(b, bindings) === 'os.environ') {
      const k = envKind(stringValue(a));
      return op === 'in' ? k : invert(k);
    }
    const env = envKind(envRead(a, bindings)) ?? envKind(envRead(b, bindings));
    if (!env) return undefined;
    const other = envRead(a, bindings) ? b : a;
    if (other.type === 'none') return op === 'is' || op === '==' ? invert(env) : op === 'is not' || op === '!=' ? env : undefined;
    // IS_OFFLINE == "true" style comparisons only say something for the local markers.
    if (env === 'local') return op === '==' ? 'local' : op === '!=' ? 'lambda' : undefined;
    return undefined;
  }
  return envKind(envRead(n, bindings));
}

const flagCache = new WeakMap<PyNode, Map<string, PyNode>>();

/** Module-level `NAME = <expr>` assignments, so a guard through a flag variable can be classified. */
function moduleFlags(root: PyNode): Map<string, PyNode> {
  let flags = flagCache.get(root);
  if (!flags) {
    flags = new Map();
    for (const stmt of root.namedChildren) {
      const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
      const left = a?.type === 'assignment' ? a.get('left') : undefined;
      const right = a?.get('right');
      if (left?.type === 'identifier' && right) flags.set(left.text, right);
    }
    flagCache.set(root, flags);
  }
  return flags;
}

/**
 * Per node: does it only run outside Lambda? Nodes belong to one file's tree, so bindings are the same for all. One
 * memo per reading of the main guard (local, or run as a container's entry script).
 */
const localOnlyMemo = new WeakMap<PyNode, boolean>();
const localOnlyMemoMainRuns = new WeakMap<PyNode, boolean>();

/** True when the guard `a` (an ancestor) keeps its child `child` from running on Lambda. */
function guardsLocal(a: PyNode, child: PyNode, bindings: Map<string, string>, root: PyNode, mainRuns: boolean): boolean {
  if (a.type === 'if_statement') {
    const kind = classifyGuard(a.get('condition'), bindings, moduleFlags(root), 0, mainRuns);
    return (kind === 'local' && child.field === 'consequence') || (kind === 'lambda' && child.field === 'alternative');
  }
  if (a.type === 'boolean_operator' && a.get('operator')?.type === 'and' && child.field === 'right') {
    return classifyGuard(a.get('left'), bindings, moduleFlags(root), 0, mainRuns) === 'local';
  }
  return false;
}

/**
 * True when the node only runs outside Lambda: inside `if __name__ == "__main__":` or another not-on-Lambda guard.
 * Rules ask this of every node they visit: the answer is kept per node and built from the parent's, so a whole
 * walk costs linear time however deep the tree (a chain of thousands of operators made it quadratic).
 */
export function isLocalOnly(ancestors: readonly PyNode[], node: PyNode, bindings: Map<string, string>, mainRuns = false): boolean {
  const root = ancestors[0] ?? node;
  const memo = mainRuns ? localOnlyMemoMainRuns : localOnlyMemo;
  // The chain from the node up to the nearest ancestor whose answer is known (or the walk's root).
  const chain: PyNode[] = [];
  let known = false;
  for (let n: PyNode | undefined = node; n; n = n.parent) {
    const m = memo.get(n);
    if (m !== undefined) {
      known = m;
      break;
    }
    chain.push(n);
    if (n === root) break;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (!known && n !== root && n.parent) known = guardsLocal(n.parent, n, bindings, root, mainRuns);
    memo.set(n, known);
  }
  return known;
}

/**
 * Offsets of the bodies of top-level `if __name__ == "__main__":` blocks: code that runs only when the module is the
 * program (a container's entry script), never when Lambda imports it as a handler module.
 */
export function mainBlockRanges(root: PyNode): [number, number][] {
  const out: [number, number][] = [];
  for (const stmt of root.namedChildren) {
    if (stmt.type !== 'if_statement') continue;
    const cond = unparen(stmt.get('condition'));
    if (cond?.type !== 'comparison_operator' || cond.all('operators').map((o) => o.type).join() !== '==') continue;
    const [a, b] = cond.namedChildren;
    const isMain = (x?: PyNode, y?: PyNode) => x?.type === 'identifier' && x.text === '__name__' && !!y && stringValue(y) === '__main__';
    const body = stmt.get('consequence');
    if (body && (isMain(a, b) || isMain(b, a))) out.push([body.start, body.end]);
  }
  return out;
}

/** Test modules, fixtures and test folders run locally or in CI only. */
export function isPythonTestFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  return /(^|\/)(tests?|testing)\//.test(f) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(f);
}

const HANDLER_NAMES = new Set(['handler', 'lambda_handler', 'main', 'handle', 'lambdaHandler']);
const EVENT_PARAM = /^_?(event|evt|e)$/;
const CONTEXT_PARAM = /^_?(context|ctx|lambda_context)$/;

/** The function a definition node stands for, through decorators. */
function functionOf(n: PyNode): PyNode | undefined {
  if (n.type === 'function_definition') return n;
  if (n.type === 'decorated_definition') {
    const d = n.get('definition');
    return d?.type === 'function_definition' ? d : undefined;
  }
  return undefined;
}

/**
 * Module-level functions that can be a Lambda entry: `(event, context)` parameters or a conventional name. IaC names the
 * real one (`handler.transcode`), and the join attributes the file's findings to that unit.
 */
export function findPythonHandlers(root: PyNode): { name: string; node: PyNode; event?: string; context?: string }[] {
  const out: { name: string; node: PyNode; event?: string; context?: string }[] = [];
  for (const stmt of root.namedChildren) {
    const fn = functionOf(stmt);
    if (!fn) continue;
    const name = fn.get('name')?.text;
    if (!name) continue;
    const params = parameterNames(fn);
    const looksLikeEntry = params.length >= 2 && EVENT_PARAM.test(params[0]) && CONTEXT_PARAM.test(params[1]);
    if (looksLikeEntry || (HANDLER_NAMES.has(name) && params.length === 2)) {
      out.push({ name, node: fn, event: params[0], context: params[1] });
    }
  }
  return out;
}
