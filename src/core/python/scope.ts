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
function classifyGuard(
  cond: PyNode | undefined,
  bindings: Map<string, string>,
  flags?: Map<string, PyNode>,
  depth = 0,
  mainRuns = false,
): 'lambda' | 'local' | undefined {
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
 * Per node: does it only run outside Lambda? Nodes belong to one file's tree, so bindings are the same for all. The
 * answer is kept in the node's `memo` bits (0 unknown, 1 no, 2 yes), two bits per reading of the main guard (local,
 * or run as a container's entry script).
 */
const memoOf = (n: PyNode, shift: number): number => (n.memo >> shift) & 3;
const remember = (n: PyNode, shift: number, local: boolean): void => {
  n.memo = (n.memo & ~(3 << shift)) | ((local ? 2 : 1) << shift);
};

/** The module a node belongs to (the top of its tree). */
function moduleOf(n: PyNode): PyNode {
  let top = n;
  while (top.parent) top = top.parent;
  return top;
}

/** True when the guard `a` (an ancestor) keeps its child `child` from running on Lambda. */
function guardsLocal(a: PyNode, child: PyNode, bindings: Map<string, string>, root: PyNode, mainRuns: boolean): boolean {
  if (a.type === 'if_statement') {
    const kind = classifyGuard(a.get('condition'), bindings, moduleFlags(root), 0, mainRuns);
    // The `__main__` block of a service's entry module (see serviceEntryStart) is production code.
    if (kind === 'local' && child.field === 'consequence') return !(isMainGuard(a.get('condition')) && isServiceEntry(moduleOf(a), bindings));
    return kind === 'lambda' && child.field === 'alternative';
  }
  if (a.type === 'boolean_operator' && a.get('operator')?.type === 'and' && child.field === 'right') {
    return classifyGuard(a.get('left'), bindings, moduleFlags(root), 0, mainRuns) === 'local';
  }
  return false;
}

/**
 * True when the node only runs outside Lambda: inside `if __name__ == "__main__":` or another not-on-Lambda guard. The
 * `__main__` block of a service's entry module (see serviceEntryStart) is production code and does not count.
 * Rules ask this of every node they visit: the answer is kept per node and built from the parent's, so a whole
 * walk costs linear time however deep the tree (a chain of thousands of operators made it quadratic).
 */
export function isLocalOnly(ancestors: readonly PyNode[], node: PyNode, bindings: Map<string, string>, mainRuns = false): boolean {
  const root = ancestors[0] ?? node;
  const shift = mainRuns ? 2 : 0;
  const own = memoOf(node, shift);
  if (own) return own === 2;
  // The common case in a walk: the parent was asked first.
  const parent = node.parent;
  if (node === root || !parent) {
    remember(node, shift, false);
    return false;
  }
  const up = memoOf(parent, shift);
  if (up) {
    const known = up === 2 || guardsLocal(parent, node, bindings, root, mainRuns);
    remember(node, shift, known);
    return known;
  }
  // The chain from the node up to the nearest ancestor whose answer is known (or the walk's root).
  const chain: PyNode[] = [];
  let known = false;
  for (let n: PyNode | undefined = node; n; n = n.parent) {
    const m = memoOf(n, shift);
    if (m) {
      known = m === 2;
      break;
    }
    chain.push(n);
    if (n === root) break;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (!known && n !== root && n.parent) known = guardsLocal(n.parent, n, bindings, root, mainRuns);
    remember(n, shift, known);
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
    if (
      cond?.type !== 'comparison_operator' ||
      cond
        .all('operators')
        .map((o) => o.type)
        .join() !== '=='
    )
      continue;
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

/** `__name__ == "__main__"` (either way round). */
function isMainGuard(cond: PyNode | undefined): boolean {
  const n = unparen(cond);
  if (n?.type !== 'comparison_operator') return false;
  const [a, b] = n.namedChildren;
  const ops = n.all('operators').map((o) => o.type);
  if (!a || !b || ops.length !== 1 || ops[0] !== '==') return false;
  const isMain = (x: PyNode, y: PyNode) => x.type === 'identifier' && x.text === '__name__' && stringValue(y) === '__main__';
  return isMain(a, b) || isMain(b, a);
}

/** The bodies of the module-level `if __name__ == "__main__":` blocks. */
export function mainBlocks(root: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const stmt of root.namedChildren) {
    if (stmt.type !== 'if_statement' || !isMainGuard(stmt.get('condition'))) continue;
    const body = stmt.get('consequence');
    if (body) out.push(body);
  }
  return out;
}

/** What makes a module a service's entry: the call or loop in (or called from) its `__main__` block that starts it. */
interface ServiceStart {
  node: PyNode;
  /** Short text for messages: `server.start()`, `while True`. */
  what: string;
}

/** Calls that start something that keeps the process alive whatever their arguments. */
const SERVICE_CALLS = new Set([
  'grpc.server',
  'grpc.aio.server',
  'aiohttp.web.run_app',
  'waitress.serve',
  'asyncio.start_server',
  'websockets.serve',
  'websockets.server.serve',
  'prometheus_client.start_http_server',
  'prometheus_client.start_wsgi_server',
]);
/** Development-server runners: a service entry only when they bind beyond localhost (see bindsBeyondLocalhost). */
const DEV_RUNNERS = new Set(['uvicorn.run', 'bottle.run', 'werkzeug.serving.run_simple', 'hypercorn.asyncio.serve']);
/** Methods that block serving or consuming until the process stops. */
const BLOCKING_METHODS = new Set([
  'serve_forever',
  'run_forever',
  'loop_forever',
  'start_consuming',
  'wait_for_termination',
  'worker_main',
  'run_until_disconnected',
]);
const WEB_APP_TYPES =
  /^(flask\.Flask|quart\.Quart|sanic\.Sanic|bottle\.Bottle|dash\.Dash|fastapi\.FastAPI|starlette\.applications\.Starlette|flask_socketio\.SocketIO)$/;
const LOCALHOST = new Set(['localhost', '127.0.0.1', '::1']);
const FOREVER_FLAG = /^(self\.)?_?(running|is_running|keep_running|should_run|alive|is_alive)$/;

/**
 * True when a development-server call is meant to be reached from outside the machine, as an image's entry must be:
 * a host other than localhost (`0.0.0.0`, or one read from configuration), or a port read from the environment (`PORT`,
 * which container platforms set). `app.run(debug=True)` binds 127.0.0.1: a developer's local server.
 */
function bindsBeyondLocalhost(call: PyNode): boolean {
  const args = call.get('arguments')?.namedChildren ?? [];
  const kw = (name: string) => args.find((a) => a.type === 'keyword_argument' && a.get('name')?.text === name)?.get('value');
  const host = kw('host') ?? kw('hostname') ?? (/run_simple$/.test(call.get('function')?.text ?? '') ? args[0] : undefined);
  if (host) {
    const v = stringValue(host);
    return v === undefined || !LOCALHOST.has(v);
  }
  const port = kw('port');
  return !!port && /\b(environ|getenv)\b/.test(port.text);
}

function isForeverLoop(n: PyNode): boolean {
  const c = unparen(n.get('condition'));
  if (!c) return false;
  if (c.type === 'true' || (c.type === 'integer' && c.text !== '0')) return true;
  if (FOREVER_FLAG.test(c.text)) return true;
  const arg = c.type === 'not_operator' ? unparen(c.get('argument')) : undefined;
  return arg?.type === 'call' && /\.is_set$/.test(arg.get('function')?.text ?? '');
}

/** Module-level function definitions by name (through decorators). */
function moduleFunctions(root: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const stmt of root.namedChildren) {
    const fn = functionOf(stmt);
    const name = fn?.get('name')?.text;
    if (fn && name) out.set(name, fn);
  }
  return out;
}

/** `x = <call>` anywhere: x → the callee's qualified name (or its text when unresolved), for receiver types. */
function assignedCalls(root: PyNode, bindings: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (n: PyNode) => {
    if (n.type === 'assignment') {
      const left = n.get('left');
      let right = unparen(n.get('right'));
      if (right?.type === 'await') right = unparen(right.namedChildren[0]);
      if (left && (left.type === 'identifier' || left.type === 'attribute') && right?.type === 'call') {
        const fn = right.get('function');
        const q =
          qualifiedName(fn, bindings) ??
          (fn?.type === 'attribute' ? `${out.get(fn.get('object')?.text ?? '') ?? fn.get('object')?.text}.${fn.get('attribute')?.text}` : fn?.text);
        if (q) out.set(left.text, q);
      }
    }
    for (const c of n.namedChildren) visit(c);
  };
  visit(root);
  return out;
}

function findServiceStart(root: PyNode, bindings: Map<string, string>): ServiceStart | undefined {
  const blocks = mainBlocks(root);
  if (!blocks.length) return undefined;
  const functions = moduleFunctions(root);
  const types = assignedCalls(root, bindings);
  const typeOf = (n: PyNode | undefined) => (n ? (types.get(n.text) ?? qualifiedName(n, bindings)) : undefined);
  const seen = new Set<PyNode>();
  let found: ServiceStart | undefined;
  const visit = (n: PyNode, depth: number): void => {
    if (found) return;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') {
      // Nested definitions run only when called; module-level ones are followed from their calls below.
      if (depth > 0 && n !== current) return;
    }
    if (n.type === 'while_statement' && isForeverLoop(n)) {
      found = { node: n, what: `while ${n.get('condition')!.text}` };
      return;
    }
    if (n.type === 'for_statement') {
      const t = typeOf(unparen(n.get('right')));
      if (t && /^(kafka\.(consumer\.)?KafkaConsumer|aiokafka\.AIOKafkaConsumer)$/.test(t)) {
        found = { node: n, what: `for ... in ${n.get('right')!.text}` };
        return;
      }
    }
    if (n.type === 'call') {
      const fn = n.get('function');
      const q = qualifiedName(fn, bindings);
      const text = `${fn?.text ?? ''}(...)`;
      if (q && SERVICE_CALLS.has(q)) found = { node: n, what: text };
      else if (q && DEV_RUNNERS.has(q) && bindsBeyondLocalhost(n)) found = { node: n, what: text };
      else if (fn?.type === 'attribute') {
        const method = fn.get('attribute')?.text ?? '';
        const recv = fn.get('object');
        const t = typeOf(recv);
        const isWebApp = (t !== undefined && WEB_APP_TYPES.test(t)) || /^(app|application)$/.test(recv?.text ?? '');
        if (BLOCKING_METHODS.has(method)) found = { node: n, what: text };
        else if (method === 'start' && t && /^(grpc\.(aio\.)?server|tornado\.ioloop\.IOLoop)/.test(t)) found = { node: n, what: text };
        else if ((method === 'run' || method === 'run_server') && isWebApp && bindsBeyondLocalhost(n)) found = { node: n, what: text };
        // `future = subscriber.subscribe(...)` … `future.result()`: a streaming pull that blocks until cancelled.
        else if (method === 'result' && t && /\.subscribe$/.test(t) && !n.get('arguments')?.namedChildren.length) found = { node: n, what: text };
      } else if (fn?.type === 'identifier' && depth < 3) {
        const callee = functions.get(fn.text);
        if (callee && !seen.has(callee)) {
          seen.add(callee);
          const saved = current;
          current = callee;
          visit(callee, depth + 1);
          current = saved;
        }
      }
      if (found) return;
    }
    for (const c of n.namedChildren) visit(c, depth);
  };
  let current: PyNode | undefined;
  for (const b of blocks) visit(b, 0);
  return found;
}

const serviceCache = new WeakMap<PyNode, ServiceStart | null>();

/**
 * What starts the service when this module is a service's entry point: it has no Lambda handler, and its `__main__`
 * block (or a module-level function it calls) starts a server, a consumer or a forever loop, as `python app.py` in an
 * image does. Its `__main__` block is then production code. Scripts and local development runs (`app.run(debug=True)`
 * on localhost) are not entries.
 */
export function serviceEntryStart(root: PyNode, bindings: Map<string, string>): ServiceStart | undefined {
  let s = serviceCache.get(root);
  if (s === undefined) {
    s = (findPythonHandlers(root).length === 0 && findServiceStart(root, bindings)) || null;
    serviceCache.set(root, s);
  }
  return s ?? undefined;
}

export function isServiceEntry(root: PyNode, bindings: Map<string, string>): boolean {
  return serviceEntryStart(root, bindings) !== undefined;
}
