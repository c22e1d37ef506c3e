import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import { constInits, hasMethodCallOn, numericValue, propValue, runsAtModuleLoad, stripTs } from '../../js/flow';
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

/**
 * A WebSocket or socket.io server attached to an HTTP server the app already has (`new Server(httpServer)`,
 * `require('socket.io')(server)`, `new WebSocketServer({ server })`, `{ noServer: true }`): the HTTP server's listen is
 * listening-server's; this holds each client's connection open between messages.
 */
function attachedSocketServer(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  bindings: Map<string, Binding>,
  consts: Map<string, Node>,
): string | undefined {
  const ref = resolveRef(node.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  const isDefault = ref.path.length === 0 || last === 'default';
  const first = stripTs(node.arguments[0] as Node | undefined);
  if (ref.module === 'socket.io' && (isDefault || last === 'Server')) {
    // A port number listens by itself, and a bare options object has no server yet: neither is attached.
    if (!first || first.type === 'Literal' || first.type === 'ObjectExpression' || numericValue(first, consts) !== undefined) return undefined;
    return 'A socket.io server attached to the HTTP server';
  }
  if (node.type === 'NewExpression' && (ref.module === 'ws' || ref.module === 'isomorphic-ws') && (last === 'WebSocketServer' || last === 'Server')) {
    const opts = first?.type === 'Identifier' ? stripTs(consts.get(first.name)) : first;
    const noServer = propValue(opts, 'noServer');
    if (propValue(opts, 'server') || (noServer?.type === 'Literal' && noServer.value === true)) return 'A WebSocket server attached to the HTTP server';
  }
  return undefined;
}

/** Feature-flag SDKs that stream flag updates by default, and the options that turn streaming off. */
function streamingFlags(node: TSESTree.CallExpression | TSESTree.NewExpression, bindings: Map<string, Binding>, consts: Map<string, Node>): string | undefined {
  const ref = resolveRef(node.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  const optionsAt = (i: number): Node | null | undefined => {
    const a = stripTs(node.arguments[i] as Node | undefined);
    if (!a) return null;
    if (a.type === 'ObjectExpression') return a;
    const c = a.type === 'Identifier' ? stripTs(consts.get(a.name)) : undefined;
    return c?.type === 'ObjectExpression' ? c : undefined;
  };
  const isFalse = (v: Node | undefined) => v?.type === 'Literal' && v.value === false;
  const isTrue = (v: Node | undefined) => v?.type === 'Literal' && v.value === true;
  const spreads = (o: Node | null | undefined) => o?.type === 'ObjectExpression' && o.properties.some((p) => p.type === 'SpreadElement');
  if ((ref.module === 'launchdarkly-node-server-sdk' || ref.module === '@launchdarkly/node-server-sdk') && last === 'init') {
    const opts = optionsAt(1);
    // Options that cannot be read (built elsewhere) may well turn streaming off.
    if (opts === undefined || spreads(opts)) return undefined;
    if (opts && (isFalse(propValue(opts, 'stream')) || isTrue(propValue(opts, 'offline')) || isTrue(propValue(opts, 'useLdd')))) return undefined;
    return 'The LaunchDarkly client';
  }
  if (ref.module === '@splitsoftware/splitio' && (last === 'SplitFactory' || ref.path.length === 0 || last === 'default')) {
    const opts = optionsAt(0);
    if (!opts || spreads(opts)) return undefined;
    const mode = propValue(opts, 'mode');
    if (isFalse(propValue(opts, 'streamingEnabled')) || (mode?.type === 'Literal' && mode.value !== 'standalone')) return undefined;
    return 'The Split client';
  }
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
  // Every connection is a global constructor (`WebSocket`, `EventSource`) or comes from one of these modules, whose
  // names the import or require spells out; gRPC streams need a gRPC module.
  needs: [
    'WebSocket',
    'EventSource',
    '[`\'"](?:node:)?ws[`\'"]',
    'isomorphic-ws',
    'websocket',
    'partysocket',
    'eventsource',
    'socket\\.io',
    'mqtt',
    'launchdarkly',
    'splitio',
    'grpc',
  ],
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
      attached:
        "{what} keeps every client's connection open between messages, but Lambda handles one request per invocation and freezes the environment between them, so connections drop and pushes never arrive. Use API Gateway WebSocket APIs (connect, message and disconnect become invocations; replies go through the Management API), or keep this service on Kubernetes.",
      flags:
        "{what} keeps a streaming connection to its service open to receive flag changes, which stalls while Lambda freezes the environment between invocations: flags go stale and the SDK reconnects after every thaw. Turn streaming off (LaunchDarkly `stream: false`, Split `streamingEnabled: false`) so flags are polled, or read them from the vendor's Lambda integration (LaunchDarkly's DynamoDB store with `useLdd: true`).",
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
    const consts = constInits(ctx.ast);
    walkTypes(ctx.ast, ['NewExpression', 'CallExpression'], (node, ancestors) => {
      if (node.type === 'NewExpression' || node.type === 'CallExpression') {
        const what = connectionKind(node, bindings);
        if (what) return void consider(node, what, ancestors);
        const attached = attachedSocketServer(node, bindings, consts);
        if (attached) {
          if (!isLocalOnly(node, ancestors)) ctx.report({ messageId: 'attached', data: { what: attached }, at: node });
          return;
        }
        const flags = streamingFlags(node, bindings, consts);
        if (flags) {
          // A client made in a function and closed there (`client.once('ready', () => { …; client.close(); })`) streams
          // nothing once the function is done.
          const h = runsAtModuleLoad(ancestors) ? {} : handleOf(ancestors);
          if (h.name && hasMethodCallOn(enclosingFunction(ancestors)!, h.name, CLOSERS)) return;
          if (!isLocalOnly(node, ancestors)) ctx.report({ messageId: 'flags', data: { what: flags }, at: node });
          return;
        }
      }
      // gRPC server-streaming calls: `client.watch(req).on('data', …)` or `const s = client.watch(req); s.on('data', …)`.
      if (
        grpc &&
        node.type === 'CallExpression' &&
        node.callee.type === 'MemberExpression' &&
        !node.callee.computed &&
        node.callee.property.type === 'Identifier' &&
        node.callee.property.name === 'on'
      ) {
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
