import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import { hasMethodCallOn, runsAtModuleLoad, stripTs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

const WS_CLIENT_MODULES = new Set(['ws', 'isomorphic-ws', 'reconnecting-websocket', 'partysocket', 'websocket']);
const CLOSERS = ['close', 'terminate', 'end', 'disconnect', 'cancel', 'destroy', 'endAsync', 'unsubscribe'];

/** What kind of long-lived connection a call/new expression opens, if any. */
function connectionKind(node: TSESTree.CallExpression | TSESTree.NewExpression, bindings: Map<string, Binding>): string | undefined {
  const callee = node.callee as Node;
  if (node.type === 'NewExpression' && callee.type === 'Identifier' && !bindings.has(callee.name)) {
    if (callee.name === 'WebSocket') return 'A WebSocket client';
    if (callee.name === 'EventSource') return 'An EventSource (SSE) stream';
  }
  const ref = resolveRef(callee, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  const isDefault = ref.path.length === 0 || last === 'default';
  if (node.type === 'NewExpression') {
    if (WS_CLIENT_MODULES.has(ref.module) && (isDefault || last === 'WebSocket' || last === 'client' || last === 'w3cwebsocket')) return 'A WebSocket client';
    if ((ref.module === 'eventsource' || ref.module === 'eventsource-client') && (isDefault || last === 'EventSource')) return 'An EventSource (SSE) stream';
    return undefined;
  }
  if (ref.module === 'socket.io-client' && (isDefault || last === 'io' || last === 'connect')) return 'A socket.io client';
  if ((ref.module === 'mqtt' || ref.module === 'async-mqtt') && (last === 'connect' || last === 'connectAsync')) return 'An MQTT client';
  if (ref.module === 'eventsource-client' && last === 'createEventSource') return 'An EventSource (SSE) stream';
  return undefined;
}

/** Where the connection handle is kept: a local/module variable name, `returned`, or nothing. */
function handleOf(ancestors: readonly Node[]): { name?: string; returned?: boolean } {
  let i = ancestors.length - 1;
  while (i >= 0 && (ancestors[i].type === 'AwaitExpression' || ancestors[i].type.startsWith('TS'))) i--;
  const p = ancestors[i];
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return { name: p.id.name };
  if (p?.type === 'AssignmentExpression') return { name: memberPath(p.left as Node)?.join('.') };
  if (p?.type === 'ReturnStatement' || p?.type === 'ArrowFunctionExpression') return { returned: true };
  return {};
}

export const longLivedConnection: JsRule = {
  language: 'js',
  meta: {
    id: 'handler/long-lived-connection',
    category: 'long-lived-connection',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Streaming connections (WebSocket, SSE, MQTT, gRPC streams) kept open across invocations stall while Lambda freezes the environment.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      open: '{what} is kept open across invocations, but Lambda freezes the environment between them, so the connection stalls, misses messages and is dropped without notice. Open and close it inside the invocation, or let a managed service (API Gateway WebSocket APIs, AWS IoT rules, EventBridge) deliver messages as events.',
    },
  },
  check(ctx) {
    const { bindings } = ctx.modules;
    const grpc = ctx.modules.modules.has('@grpc/grpc-js') || ctx.modules.modules.has('grpc');
    const moduleVars = new Set<string>();
    for (const s of ctx.ast.body) {
      const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
      if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') moduleVars.add(v.id.name);
    }
    const reported = new Set<Node>();
    const consider = (node: Node, what: string, ancestors: readonly Node[]) => {
      if (reported.has(node) || isLocalOnly(node, ancestors)) return;
      const h = handleOf(ancestors);
      if (!runsAtModuleLoad(ancestors)) {
        if (h.returned) return;
        const fn = enclosingFunction(ancestors)!;
        if (h.name && hasMethodCallOn(fn, h.name, CLOSERS)) return;
        if (h.name && !moduleVars.has(h.name.split('.')[0]) && !h.name.startsWith('this.') && !hasAnyListener(fn, h.name)) return;
      }
      reported.add(node);
      ctx.report({ messageId: 'open', data: { what }, at: node });
    };
    walkTypes(ctx.ast, ['NewExpression', 'CallExpression'], (node, ancestors) => {
      if (node.type === 'NewExpression' || node.type === 'CallExpression') {
        const what = connectionKind(node, bindings);
        if (what) return void consider(node, what, ancestors);
      }
      // gRPC server-streaming calls: `client.watch(req).on('data', …)` or `const s = client.watch(req); s.on('data', …)`.
      if (grpc && node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'on') {
        const ev = stripTs(node.arguments[0] as Node);
        if (ev?.type !== 'Literal' || ev.value !== 'data') return;
        const obj = stripTs(node.callee.object as Node);
        if (obj?.type === 'CallExpression') return void consider(obj, 'A gRPC stream', [...ancestors, node, node.callee]);
        if (obj?.type === 'Identifier') {
          const found = findCallInit(ctx.ast, obj.name);
          if (found) consider(found.call, 'A gRPC stream', found.ancestors);
        }
      }
    });
  },
};

/** A local handle that only lives in the function is fine unless something keeps listening on it (`on('message')`). */
function hasAnyListener(fn: Node, name: string): boolean {
  return hasMethodCallOn(fn, name, ['on', 'addEventListener', 'onmessage', 'subscribe']);
}

function findCallInit(ast: TSESTree.Program, name: string): { call: Node; ancestors: Node[] } | undefined {
  let out: { call: Node; ancestors: Node[] } | undefined;
  walk(ast, (n, anc) => {
    if (out) return 'skip';
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === name) {
      const init = stripTs(n.init as Node);
      if (init?.type === 'CallExpression' && init.callee.type === 'MemberExpression') out = { call: init, ancestors: [...anc, n] };
    }
  });
  return out;
}
