import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, type Node, walkTypes } from '../../js/ast';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

/** Packages that turn an HTTP app into a Lambda handler: with one of them loaded, `listen` is not how traffic arrives. */
const LAMBDA_HTTP_ADAPTERS = new Set([
  'serverless-http',
  '@codegenie/serverless-express',
  '@vendia/serverless-express',
  'aws-serverless-express',
  '@fastify/aws-lambda',
  'aws-lambda-fastify',
  '@hono/aws-lambda',
  'hono/aws-lambda',
  '@h4ad/serverless-adapter',
  'serverless-express',
]);

type ServerKind = 'node-server' | 'net-server' | 'express' | 'koa' | 'fastify' | 'hapi' | 'nest' | 'grpc' | 'ws' | 'socket.io';

/** HTTP servers: an adapter turns them into a handler (a change, not a redesign); the others need a redesign. */
const HTTP_KINDS = new Set<ServerKind>(['node-server', 'express', 'koa', 'fastify', 'hapi', 'nest']);

/** Which module/export combinations create something that can listen. */
function serverKindOfCall(ref: Binding | undefined, isNew: boolean): ServerKind | undefined {
  if (!ref) return undefined;
  const { module: m, path } = ref;
  const last = path[path.length - 1];
  if (['http', 'https', 'http2'].includes(m) && (last === 'createServer' || last === 'createSecureServer' || last === 'Server')) return 'node-server';
  if (['net', 'tls'].includes(m) && (last === 'createServer' || last === 'Server')) return 'net-server';
  if (m === 'express' && (path.length === 0 || last === 'default')) return 'express';
  if (m === 'koa' && (path.length === 0 || last === 'default' || last === 'Koa')) return isNew ? 'koa' : undefined;
  if (m === 'fastify' && (path.length === 0 || last === 'default' || last === 'fastify')) return 'fastify';
  if ((m === '@hapi/hapi' || m === 'hapi') && (last === 'server' || last === 'Server')) return 'hapi';
  if (m === '@nestjs/core' && path[0] === 'NestFactory' && last === 'create') return 'nest';
  if (m === '@grpc/grpc-js' && last === 'Server') return 'grpc';
  if (m === 'ws' && (last === 'WebSocketServer' || last === 'Server')) return 'ws';
  if (m === 'socket.io' && (path.length === 0 || last === 'Server' || last === 'default')) return 'socket.io';
  return undefined;
}

function unwrap(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n && (n.type === 'AwaitExpression' || n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression')) {
    n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  }
  return n;
}

const LABEL: Record<ServerKind, string> = {
  'node-server': 'Node server',
  'net-server': 'TCP server',
  express: 'Express app',
  koa: 'Koa app',
  fastify: 'Fastify app',
  hapi: 'hapi server',
  nest: 'NestJS app',
  grpc: 'gRPC server',
  ws: 'WebSocket server',
  'socket.io': 'socket.io server',
};

export const listeningServer: JsRule = {
  language: 'js',
  // Every server kind comes from one of these modules (the short names only as a whole module specifier); server-sent
  // events from their content type.
  needs: ['http', '[`\'"](?:node:)?(?:net|tls|ws)[`\'"]', 'express', 'koa', 'fastify', 'hapi', '@nestjs/core', 'grpc', 'socket\\.io', 'text/event-stream'],
  // And what is reported is spelled too: the method that listens (`listen`, hapi's `start`, gRPC's `bindAsync`), the
  // `port` option of a WebSocket server, the event-stream content type.
  alsoNeeds: ['\\blisten\\b', '\\bstart\\b', '\\bbindAsync\\b', '\\bport\\b', 'text/event-stream'],
  meta: {
    id: 'handler/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: 'A server that listens on a port receives no traffic on Lambda: invocations arrive as events, and inbound connections are blocked.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      listen:
        '{label} listens on a port, but Lambda blocks inbound connections and delivers requests as events. Export a handler instead: wrap the app with serverless-http or @codegenie/serverless-express, or run it behind Lambda Web Adapter.',
      listenWs:
        '{label} waits for clients on a port, which Lambda cannot accept. Use API Gateway WebSocket APIs (each message becomes an invocation) or keep this service on Kubernetes.',
      grpc: '{label} binds a port, which Lambda cannot accept, and gRPC needs HTTP/2 streams that Lambda does not serve. Keep this service on Kubernetes or expose the calls through an HTTP API.',
      tcp: '{label} accepts raw TCP connections on a port, and Lambda takes no inbound connections of any kind. Keep this listener on Kubernetes, or put the work behind an HTTP API or a queue.',
      sse: '`{call}` streams server-sent events over a connection that stays open, and a Lambda invocation ends at its timeout (900 s at most). Keep the stream on Kubernetes or API Gateway WebSockets; for a bounded stream on Node, use Lambda response streaming through a function URL.',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    if (ctx.text.includes('text/event-stream')) reportEventStreams(ctx);
    for (const m of ctx.modules.modules) if (LAMBDA_HTTP_ADAPTERS.has(m)) return;
    const { bindings } = ctx.modules;
    // Variables initialised with a server-creating expression, by name (file-wide; names are rarely reused for servers).
    const servers = new Map<string, ServerKind>();
    const kindOf = (expr: Node | null | undefined): ServerKind | undefined => {
      const n = unwrap(expr);
      if (!n) return undefined;
      if (n.type === 'Identifier') return servers.get(n.name);
      // A server kept on the instance: `this.server = http.createServer(app)` … `this.server.listen(port)`.
      const held = heldName(n);
      if (held) return servers.get(held);
      if (n.type === 'CallExpression' || n.type === 'NewExpression') {
        const direct = serverKindOfCall(resolveRef(n.callee as Node, bindings), n.type === 'NewExpression');
        if (direct) return direct;
        // `require('express')()` and `require('http').createServer(...)`
        if (n.callee.type === 'CallExpression' || n.callee.type === 'MemberExpression') {
          const r = resolveRef(n.callee as Node, bindings);
          if (r) return serverKindOfCall(r, n.type === 'NewExpression');
        }
        // `http.createServer(app).listen()` — the receiver of a chained call
        if (n.callee.type === 'MemberExpression') return undefined;
      }
      return undefined;
    };
    // Twice, so that a local alias (`const s = this.server`) declared above the assignment it copies is found too.
    for (let pass = 0; pass < 2; pass++) {
      walkTypes(ctx.ast, ['VariableDeclarator', 'AssignmentExpression', 'PropertyDefinition'], (node) => {
        if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
          const k = kindOf(node.init);
          if (k) servers.set(node.id.name, k);
        } else if (node.type === 'AssignmentExpression') {
          const key = node.left.type === 'Identifier' ? node.left.name : heldName(node.left as Node);
          const k = key ? kindOf(node.right) : undefined;
          if (key && k) servers.set(key, k);
        } else if (node.type === 'PropertyDefinition' && node.key.type === 'Identifier' && !node.computed && !node.static) {
          const k = kindOf(node.value as Node | null);
          if (k) servers.set(`this.${node.key.name}`, k);
        }
      });
    }
    walkTypes(ctx.ast, ['NewExpression', 'CallExpression'], (node, ancestors) => {
      if (node.type === 'NewExpression' || node.type === 'CallExpression') {
        const callee = node.callee as Node;
        // `new WebSocketServer({ port })` listens by itself; `require('socket.io')(3000)` too.
        if (node.type === 'NewExpression') {
          const k = serverKindOfCall(resolveRef(callee, bindings), true);
          if (k === 'ws' && hasPortOption(node.arguments[0] as Node | undefined)) {
            if (!isLocalOnly(node, ancestors)) ctx.report({ messageId: 'listenWs', data: { label: LABEL.ws }, at: node });
            return;
          }
        }
        if (callee.type !== 'MemberExpression') return;
        const path = memberPath(callee);
        const method = callee.property.type === 'Identifier' ? callee.property.name : undefined;
        if (!method) return;
        const kind = kindOf(callee.object as Node);
        if (!kind) return;
        const isListen = method === 'listen' || (kind === 'hapi' && method === 'start') || (kind === 'grpc' && method === 'bindAsync');
        if (!isListen) return;
        if (isLocalOnly(node, ancestors)) return;
        // A server made in the same expression reads as its call: `http.createServer(…)`, not `http.createServer.()`.
        const label = `\`${
          (path ?? ['server'])
            .slice(0, -1)
            .join('.')
            .replace(/\.\(\)/g, '(…)') || 'server'
        }\` (${LABEL[kind]})`;
        const messageId = kind === 'grpc' ? 'grpc' : kind === 'ws' || kind === 'socket.io' ? 'listenWs' : kind === 'net-server' ? 'tcp' : 'listen';
        ctx.report({
          messageId,
          data: { label },
          at: node,
          // An HTTP app moves behind an adapter without a redesign; gRPC, WebSocket and raw TCP servers do not.
          severity: HTTP_KINDS.has(kind) ? 'warning' : undefined,
          suggestions:
            (kind === 'express' || kind === 'koa') && !heldName(callee.object as Node)
              ? [wrapSuggestion(ctx.text, node as TSESTree.CallExpression, callee.object as Node)]
              : undefined,
        });
      }
    });
  },
};

/**
 * `this.server` → 'this.server': an instance field, the only member expression a server is tracked through. (No
 * serverless-http suggestion for these: a method's `this.app` cannot become a module export.)
 */
function heldName(n: Node): string | undefined {
  if (n.type !== 'MemberExpression' || n.object.type !== 'ThisExpression' || n.computed || n.property.type !== 'Identifier') return undefined;
  return `this.${n.property.name}`;
}

/** `res.setHeader('Content-Type', 'text/event-stream')`, `res.writeHead(200, { 'Content-Type': 'text/event-stream' })`, `reply.type('text/event-stream')`. */
function reportEventStreams(ctx: Parameters<JsRule['check']>[0]): void {
  walkTypes(ctx.ast, ['CallExpression'], (node, ancestors) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
    const method = node.callee.property.name;
    if (!['setHeader', 'writeHead', 'header', 'set', 'type', 'writeHeader'].includes(method)) return;
    const src = ctx.text.slice(node.range[0], node.range[1]);
    if (!/['"`]text\/event-stream/.test(src)) return;
    if (isLocalOnly(node, ancestors)) return;
    const call = src.length > 60 ? `${src.slice(0, 57)}...` : src;
    ctx.report({ messageId: 'sse', data: { call }, at: node });
    return 'skip';
  });
}

function hasPortOption(arg: Node | undefined): boolean {
  if (!arg || arg.type !== 'ObjectExpression') return false;
  return arg.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'port');
}

/** Suggestion only (it changes the module's exports): replace `app.listen(...)` with a serverless-http handler. */
function wrapSuggestion(text: string, call: TSESTree.CallExpression, app: Node) {
  const appText = text.slice(app.range[0], app.range[1]);
  // Replace the whole statement when the call is one, so no dangling `;` is left behind.
  return {
    description: `Export a Lambda handler wrapping ${appText} with serverless-http instead of listening`,
    edits: [
      {
        start: call.range[0],
        end: call.range[1],
        newText: `module.exports.handler = require('serverless-http')(${appText})`,
      },
    ],
  };
}
