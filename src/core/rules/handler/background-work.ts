import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, isFunctionNode, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import { isAsyncFunction, isReferenced, stripTs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { Fix } from '../../types';
import type { JsRule } from '../types';

/** `setInterval` or `timers.setInterval` (aliased imports included). */
function isTimerCall(call: TSESTree.CallExpression, bindings: Map<string, Binding>, names: readonly string[]): string | undefined {
  const p = memberPath(call.callee as Node);
  if (!p) return undefined;
  if (p.length === 1 && names.includes(p[0]) && !bindings.has(p[0])) return p[0];
  if (p.length === 2 && (p[0] === 'globalThis' || p[0] === 'global') && names.includes(p[1])) return p[1];
  if (p.length === 2 && p[0] === 'process' && p[1] === 'nextTick' && names.includes('process.nextTick')) return 'process.nextTick';
  const b = bindings.get(p[0]);
  if (b && b.module === 'timers') {
    const full = [...b.path, ...p.slice(1)];
    const last = full[full.length - 1];
    return names.includes(last) ? last : undefined;
  }
  return undefined;
}

/** The identifier a timer handle is stored in: `const t = setInterval(...)` or `t = setInterval(...)`. */
function handleName(ancestors: readonly Node[]): string | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression') {
    const p = memberPath(parent.left as Node);
    return p?.join('.');
  }
  return undefined;
}

/** True when `clear*(name)` is called somewhere inside `scope`. */
function isCleared(scope: Node, name: string): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found) return 'skip';
    if (n.type === 'CallExpression') {
      const p = memberPath(n.callee as Node);
      if (p && /^clear(Interval|Timeout|Immediate)$/.test(p[p.length - 1]) && n.arguments[0] && memberPath(n.arguments[0] as Node)?.join('.') === name)
        found = true;
    }
  });
  return found;
}

/** Modules whose calls return promises (HTTP clients, fs/promises). Factory methods that return instances are excluded. */
const PROMISE_MODULES = new Set(['axios', 'got', 'node-fetch', 'undici', 'ky', 'fs/promises', 'superagent']);
const NON_PROMISE_METHODS = new Set(['create', 'extend', 'stream', 'Agent', 'Pool', 'Client', 'interceptors', 'isCancel', 'CancelToken']);

/** Names of async functions declared in the file (`async function f`, `const f = async () => …`). */
function asyncFunctionNames(ast: TSESTree.Program): Set<string> {
  const out = new Set<string>();
  walkTypes(ast, ['FunctionDeclaration', 'VariableDeclarator'], (n) => {
    if (n.type === 'FunctionDeclaration' && n.async && n.id) out.add(n.id.name);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && isFunctionNode(n.init) && n.init.async) out.add(n.id.name);
  });
  return out;
}

/** A short label for messages: the callee path, e.g. `s3.send` or `fetch`. */
function label(call: Node, text: string): string {
  const callee = call.type === 'CallExpression' ? (call.callee as Node) : call;
  const p = memberPath(callee);
  const s = p ? p.filter((x) => x !== '()').join('.') : text.slice(callee.range[0], callee.range[1]);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export const backgroundWork: JsRule = {
  language: 'js',
  // Floating promises are looked for inside async functions only; the timers by name.
  needs: ['async', 'setInterval', 'setTimeout', 'setImmediate', 'nextTick'],
  // `async` is in most files; without a timer only a promise-returning call an async function does not wait for counts.
  gate: (f) => /setInterval|setTimeout|setImmediate|nextTick/.test(f.text) || f.unawaitedAsyncCall(),
  meta: {
    id: 'handler/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Timers and work left running after the handler returns are frozen with the execution environment and may never run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      setInterval:
        '`setInterval` keeps work running between requests, but Lambda freezes the environment as soon as the handler returns, so the timer stalls or never fires. Do the work inside the invocation, or move it to a scheduled function (EventBridge rule).',
      floating:
        '`{call}` starts async work that nothing waits for, and Lambda freezes the environment once the handler returns, so it may finish late or never. `await` it (or `await Promise.all([...])`) before returning.',
      voided:
        '`void {call}` deliberately leaves this work running, but Lambda freezes the environment once the handler returns, so it may finish late or never. `await` it, or hand the work to a queue (SQS, EventBridge) if the caller must not wait.',
      unusedPromise:
        'The promise stored in `{name}` is never awaited, returned or passed on, so it is still pending when the handler returns and Lambda freezes it. `await` it before returning.',
      forEachAsync:
        '`forEach` does not wait for async callbacks, so this work is still running when the handler returns and Lambda freezes it. Use `for...of` with `await`, or `await Promise.all(items.map(...))`.',
      rearm:
        '`{name}` re-arms itself with `setTimeout`, a loop that keeps running between requests. Lambda freezes the environment once the handler returns, so the loop stalls or runs during a later invocation (and a callback-style handler waits for it until its timeout). Do the work inside the invocation, or run it on a schedule (an EventBridge rule invoking a function).',
      timer:
        '`{call}` schedules work for after the current code, but Lambda may freeze the environment as soon as the handler returns, so the callback can run during a later invocation or never. Do the work (and await it) before returning, or clear the timer.',
    },
    fixable: true,
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    const asyncNames = asyncFunctionNames(ctx.ast);
    const isPromise = (expr: Node | null | undefined) => isPromiseCall(stripTs(expr), bindings, asyncNames);
    walkTypes(ctx.ast, ['CallExpression', 'ExpressionStatement', 'VariableDeclarator'], (node, ancestors) => {
      if (node.type === 'CallExpression' && isTimerCall(node, bindings, ['setInterval'])) {
        if (isLocalOnly(node, ancestors)) return;
        const name = handleName(ancestors);
        if (name) {
          // A timer cleared within the same function (or file, for module-scope timers) ends before the handler returns;
          // a handle kept on `this` may be cleared by another method of the same class.
          const classBody = name.startsWith('this.') ? [...ancestors].reverse().find((a) => a.type === 'ClassBody') : undefined;
          const scope = classBody ?? enclosingFunction(ancestors) ?? ctx.ast;
          if (isCleared(scope, name)) return;
        }
        ctx.report({ messageId: 'setInterval', at: node.callee as Node });
        return;
      }
      if (node.type === 'CallExpression' && isTimerCall(node, bindings, ['setTimeout'])) {
        const rearmed = rearms(node, ancestors, ctx.text);
        if (rearmed && !isLocalOnly(node, ancestors) && !startedOnlyLocally(ctx.ast, rearmed.fn, rearmed.name)) {
          ctx.report({ messageId: 'rearm', data: { name: rearmed.name }, at: node.callee as Node });
          return;
        }
      }
      // Everything below is about work an async function starts and does not wait for. Non-async functions are left
      // alone: callback-style handlers make the runtime wait for the event loop to drain, and promise executors are
      // how sleeps are written.
      const fn = enclosingFunction(ancestors);
      if (!isAsyncFunction(fn)) return;
      if (node.type === 'CallExpression') {
        const timer = isTimerCall(node, bindings, ['setTimeout', 'setImmediate', 'process.nextTick']);
        if (!timer) return;
        const parent = ancestors[ancestors.length - 1];
        if (parent.type === 'AwaitExpression' || parent.type === 'ReturnStatement') return;
        const name = handleName(ancestors);
        if (name && isCleared(fn!, name)) return;
        if (isLocalOnly(node, ancestors)) return;
        ctx.report({ messageId: 'timer', data: { call: timer }, at: node.callee as Node });
        return;
      }
      if (node.type === 'ExpressionStatement') {
        let expr = stripTs(node.expression as Node);
        if (!expr) return;
        let voided = false;
        if (expr.type === 'UnaryExpression' && expr.operator === 'void') {
          voided = true;
          expr = stripTs(expr.argument as Node)!;
        }
        if (expr.type === 'CallExpression' && isForEachAsync(expr)) {
          if (!isLocalOnly(node, ancestors)) ctx.report({ messageId: 'forEachAsync', at: expr.callee as Node });
          return;
        }
        if (!isPromise(expr)) return;
        if (handledElsewhere(expr, fn!, node)) return;
        if (isLocalOnly(node, ancestors)) return;
        const call = label(expr, ctx.text);
        const outer = node.expression as Node;
        const fix: Fix = voided
          ? {
              description: 'Replace `void` with `await`',
              edits: [{ start: outer.range[0], end: (outer as TSESTree.UnaryExpression).argument.range[0], newText: 'await ' }],
            }
          : { description: `Await \`${call}\``, edits: [{ start: outer.range[0], end: outer.range[0], newText: 'await ' }] };
        ctx.report({ messageId: voided ? 'voided' : 'floating', data: { call }, at: expr, severity: voided ? 'info' : undefined, fix });
        return;
      }
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isPromise(node.init)) {
        const decl = ancestors[ancestors.length - 1];
        if (decl.type !== 'VariableDeclaration' || enclosingFunction(ancestors) !== fn) return;
        if (isReferenced(fn!, node.id.name)) return;
        if (isLocalOnly(node, ancestors)) return;
        ctx.report({
          messageId: 'unusedPromise',
          data: { name: node.id.name },
          at: node.init,
          fix: {
            description: `Await the promise stored in \`${node.id.name}\``,
            edits: [{ start: node.init.range[0], end: node.init.range[0], newText: 'await ' }],
          },
        });
      }
    });
  },
};

/**
 * `p.catch(() => {})` on a promise the function also keeps (stores, returns, passes or awaits elsewhere): the handler
 * only keeps an early rejection from being unhandled, and the work belongs to whatever waits for `p`.
 */
function handledElsewhere(expr: Node, fn: Node, statement: Node): boolean {
  if (expr.type !== 'CallExpression' || expr.callee.type !== 'MemberExpression' || expr.callee.computed) return false;
  if (expr.callee.property.type !== 'Identifier' || expr.callee.property.name !== 'catch') return false;
  const target = stripTs(expr.callee.object as Node);
  return target?.type === 'Identifier' && isReferenced(fn, target.name, statement);
}

/** The name a function is called by: its own, its variable's, its method's or property's (`this.poll()`). */
function functionName(fn: Node, parent: Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') return parent.id.name;
  if (
    (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') &&
    parent.key.type === 'Identifier' &&
    !parent.computed
  )
    return parent.key.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
    const p = memberPath(parent.left as Node);
    return p?.[p.length - 1];
  }
  return undefined;
}

const EVENT_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener', 'catch', 'onerror', 'onclose']);

/** Tests of a loop that stops only with the process: a run flag, or none at all. */
const RUN_FLAG = /^!?\s*(this\.)?_?(running|isRunning|keepRunning|shouldRun|alive|active|polling|started)$/;

/**
 * Between `from` (exclusive) and `node`, the code is conditional (an `if`, `?:`, `&&`, `catch`) on something other
 * than a run flag: a retry budget or a "not done yet" check that ends the chain.
 */
function conditional(chain: readonly Node[], text: string): boolean {
  for (let i = 0; i < chain.length; i++) {
    const a = chain[i];
    const child = chain[i + 1];
    if (a.type === 'CatchClause') return true;
    // `conn.on('close', () => setTimeout(connect, ms))`: a reconnect that an event or an error triggers, not a loop.
    if (a.type === 'CallExpression' && child && a.arguments.includes(child as TSESTree.CallExpressionArgument)) {
      const p = memberPath(a.callee as Node);
      if (p && EVENT_METHODS.has(p[p.length - 1])) return true;
    }
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      if (child && child === a.test) continue;
      if (!RUN_FLAG.test(text.slice(a.test.range[0], a.test.range[1]).trim())) return true;
    }
    if (a.type === 'LogicalExpression' && child === a.right && !RUN_FLAG.test(text.slice(a.left.range[0], a.left.range[1]).trim())) return true;
  }
  return false;
}

/**
 * `setTimeout(poll, ms)` inside `poll`, or `setTimeout(() => this.poll(), ms)` inside the method `poll`: a function
 * that schedules itself again, unconditionally (or on a run flag), whatever kind of function it is. Chains that stop
 * on a condition (retries, polling until done) or pass a changing argument (`attempt(n + 1)`) are not loops forever.
 * Returns the function's name.
 */
function rearms(call: TSESTree.CallExpression, ancestors: readonly Node[], text: string): { name: string; fn: Node } | undefined {
  const cb = call.arguments[0] as Node | undefined;
  if (!cb) return undefined;
  // Enclosing functions, innermost first, with their names.
  const enclosing: { fn: Node; name: string; at: number }[] = [];
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (!isFunctionNode(a)) continue;
    const name = functionName(a, ancestors[i - 1]);
    if (name) enclosing.push({ fn: a, name, at: i });
  }
  if (!enclosing.length) return undefined;
  const named = (n: Node | undefined): { name: string; fn: Node; at: number } | undefined => {
    const p = n ? memberPath(stripTs(n)!) : undefined;
    if (!p || (p.length !== 1 && !(p.length === 2 && p[0] === 'this'))) return undefined;
    return enclosing.find((e) => e.name === p[p.length - 1]);
  };
  let target: { name: string; fn: Node; at: number } | undefined;
  let inner: Node[] = [];
  const bound = stripTs(cb);
  // setTimeout(poll) / setTimeout(this.poll.bind(this))
  if (bound?.type === 'CallExpression' && bound.callee.type === 'MemberExpression' && memberPath(bound.callee.property as Node)?.[0] === 'bind')
    target = named(bound.callee.object as Node);
  else target = named(cb);
  if (!target && cb && isFunctionNode(cb)) {
    // setTimeout(() => { work(); poll(); }) — the call must not itself be conditional inside the callback.
    walk(cb.body as Node, (n, anc) => {
      if (target) return 'skip';
      if (n !== cb.body && isFunctionNode(n)) return 'skip';
      if (n.type !== 'CallExpression') return;
      const t = named(n.callee as Node);
      if (!t) return;
      if (n.arguments.some((a) => stripTs(a as Node)?.type !== 'Identifier')) return;
      if (conditional([...anc, n], text)) return;
      target = t;
      inner = [];
    });
  }
  if (!target) return undefined;
  if (conditional([...ancestors.slice(target.at), call, ...inner], text)) return undefined;
  return { name: target.name, fn: target.fn };
}

/** The loop is started (called by name) only in local-only code, such as `if (require.main === module) poll();`. */
function startedOnlyLocally(ast: TSESTree.Program, fn: Node, name: string): boolean {
  let calls = 0;
  let local = 0;
  walkTypes(ast, ['CallExpression'], (n, anc) => {
    if (n.type !== 'CallExpression' || anc.includes(fn)) return;
    const p = memberPath(n.callee as Node);
    if (!p || p[p.length - 1] !== name || (p.length === 2 && p[0] !== 'this') || p.length > 2) return;
    calls++;
    if (isLocalOnly(n, anc)) local++;
  });
  return calls > 0 && calls === local;
}

function isForEachAsync(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'forEach') return false;
  const cb = call.arguments[0] as Node | undefined;
  return !!cb && isFunctionNode(cb) && cb.async;
}

/** Calls known to return a promise: fetch, HTTP clients, SDK v3 `send(new XCommand())`, v2 `.promise()`, chains, local async fns. */
export function isPromiseCall(expr: Node | undefined, bindings: Map<string, Binding>, asyncNames: ReadonlySet<string>): boolean {
  if (!expr || expr.type !== 'CallExpression') return false;
  const callee = stripTs(expr.callee as Node)!;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const m = callee.property.name;
    if ((m === 'then' || m === 'catch' || m === 'finally') && expr.arguments.length >= 1) return true;
    if (m === 'promise' && expr.arguments.length === 0) return true;
    if (m === 'send' && expr.arguments.length >= 1) {
      const a = stripTs(expr.arguments[0] as Node);
      if (a?.type === 'NewExpression' && a.callee.type === 'Identifier' && /Command$/.test(a.callee.name)) return true;
    }
  }
  const p = memberPath(callee);
  if (p && p.length === 2 && p[0] === 'Promise' && ['all', 'allSettled', 'race', 'any'].includes(p[1])) return true;
  if (p && p.length === 1 && p[0] === 'fetch' && !bindings.has('fetch')) return true;
  if (p && p.length === 1 && asyncNames.has(p[0]) && !bindings.has(p[0])) return true;
  const ref = resolveRef(callee, bindings);
  if (ref) {
    const last = ref.path[ref.path.length - 1];
    if (PROMISE_MODULES.has(ref.module) && !(last && NON_PROMISE_METHODS.has(last))) return !ref.path.includes('()');
    if (ref.module === 'fs' && ref.path[0] === 'promises' && ref.path.length === 2) return true;
  }
  return false;
}
