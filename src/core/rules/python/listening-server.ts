import { stringValue, walk, type PyNode } from '../../python/ast';
import { importsModule } from '../../python/module';
import type { PyRule, PyRuleContext } from './types';
import { forEachCall, range } from './util';

/** Adapters that turn a WSGI/ASGI app into a Lambda handler: with one imported, the app is not served from a port. */
const LAMBDA_ADAPTERS = new Set(['mangum', 'serverless_wsgi', 'awsgi', 'apig_wsgi', 'aws_wsgi', 'aws_lambda_wsgi']);

/** Module-level functions that start a server and block. */
const SERVE_FUNCTIONS: Record<string, string> = {
  'uvicorn.run': 'uvicorn',
  'waitress.serve': 'waitress',
  'bottle.run': 'Bottle',
  'aiohttp.web.run_app': 'aiohttp',
  'werkzeug.serving.run_simple': 'Werkzeug',
  'hypercorn.asyncio.serve': 'Hypercorn',
  'hypercorn.trio.serve': 'Hypercorn',
  'asyncio.start_server': 'asyncio',
  'gunicorn.app.wsgiapp.run': 'gunicorn',
};

/** Web app classes whose `.run()` starts a development server. */
const DEV_SERVER_APPS: Record<string, string> = {
  'flask.Flask': 'Flask',
  'quart.Quart': 'Quart',
  'sanic.Sanic': 'Sanic',
  'bottle.Bottle': 'Bottle',
  'dash.Dash': 'Dash',
  'gunicorn.app.base.BaseApplication': 'gunicorn',
  'gunicorn.app.base.Application': 'gunicorn',
  'uvicorn.Server': 'uvicorn',
};
const DEV_SERVER_METHODS = new Set(['run', 'run_server', 'serve']);
/** Without a resolvable app type, `app.run(...)` in a file importing one of these is still the dev server. */
const WEB_FRAMEWORKS = new Set(['flask', 'quart', 'sanic', 'bottle']);

export const pyListeningServer: PyRule = {
  language: 'python',
  meta: {
    id: 'python/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description: 'A Python server that listens on a port receives no traffic on Lambda: invocations arrive as events, and inbound connections are blocked.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      listen: '{label} starts a server on a port, but Lambda blocks inbound connections and delivers requests as events. Expose a handler instead: wrap the app with Mangum (ASGI) or serverless-wsgi/apig-wsgi (WSGI), or run it unchanged behind Lambda Web Adapter.',
      listenWs: '{label} waits for WebSocket clients on a port, which Lambda cannot accept. Use API Gateway WebSocket APIs (each message becomes an invocation) or keep this service on Kubernetes.',
      grpc: '{label} binds a port, which Lambda cannot accept, and gRPC needs long-lived HTTP/2 connections that Lambda does not serve. Keep this service on Kubernetes or expose the calls through an HTTP API.',
      sse: '`{call}` streams server-sent events over a connection that stays open, and a Lambda invocation ends at its timeout (900 s at most) with its response buffered. Keep the stream on Kubernetes, or push updates through API Gateway WebSockets.',
      django: '{label} runs Django\'s development server, which listens on a port that Lambda never routes traffic to. Serve the WSGI application through serverless-wsgi or apig-wsgi (or Mangum for ASGI) instead.',
    },
  },
  check(ctx) {
    if (importsModule(ctx.module, LAMBDA_ADAPTERS)) return;
    // Lambda Web Adapter runs the app's own server inside Lambda; its settings are AWS_LWA_* variables.
    if (ctx.text.includes('AWS_LWA_')) return;
    forEachCall(ctx, (call) => check(ctx, call));
  },
};

function check(ctx: PyRuleContext, call: PyNode): void {
  const fn = call.get('function');
  const q = ctx.qualified(fn);
  const at = range(call);
  if ((q && /(^|\.)EventSourceResponse$/.test(q) && q.startsWith('sse_starlette')) || (/Response$/.test(fn?.text ?? '') && /media_type\s*=\s*['"]text\/event-stream/.test(call.text))) {
    const text = call.text.replace(/\s+/g, ' ');
    ctx.report({ messageId: 'sse', data: { call: text.length > 60 ? `${text.slice(0, 57)}...` : text }, at });
    return;
  }
  if (q && SERVE_FUNCTIONS[q]) {
    // asyncio.start_server accepts raw TCP; the others serve HTTP, which an adapter turns into a handler.
    ctx.report({ messageId: 'listen', data: { label: `\`${fn!.text}(...)\` (${SERVE_FUNCTIONS[q]})` }, at, severity: q === 'asyncio.start_server' ? undefined : 'warning' });
    return;
  }
  if (q === 'websockets.serve' || q === 'websockets.server.serve' || q === 'websockets.asyncio.server.serve' || q === 'websockets.sync.server.serve') {
    ctx.report({ messageId: 'listenWs', data: { label: `\`${fn!.text}(...)\`` }, at });
    return;
  }
  if (q === 'django.core.management.execute_from_command_line' || q === 'django.core.management.call_command') {
    let runserver = false;
    walk(call, (n) => {
      if (stringValue(n) === 'runserver') runserver = true;
    });
    if (runserver) ctx.report({ messageId: 'django', data: { label: `\`${fn!.text}(...)\`` }, at, severity: 'warning' });
    return;
  }
  if (fn?.type !== 'attribute') return;
  const method = fn.get('attribute')?.text ?? '';
  const receiver = fn.get('object')!;
  const type = ctx.typeOf(receiver);
  const label = `\`${receiver.text}.${method}()\``;
  if (method === 'serve_forever') {
    ctx.report({ messageId: 'listen', data: { label }, at, severity: type?.startsWith('http.server.') ? 'warning' : undefined });
    return;
  }
  if (type === 'flask_socketio.SocketIO' && method === 'run') {
    ctx.report({ messageId: 'listenWs', data: { label: `${label} (Flask-SocketIO)` }, at });
    return;
  }
  if ((type === 'grpc.server' || type === 'grpc.aio.server') && method === 'start') {
    ctx.report({ messageId: 'grpc', data: { label: `${label} (gRPC server)` }, at });
    return;
  }
  if (method === 'listen' && (type === 'tornado.web.Application' || type === 'socket.socket')) {
    ctx.report({ messageId: 'listen', data: { label }, at, severity: type === 'tornado.web.Application' ? 'warning' : undefined });
    return;
  }
  if (method === 'create_server' && (type?.startsWith('asyncio.') ?? false)) {
    ctx.report({ messageId: 'listen', data: { label }, at });
    return;
  }
  if (!DEV_SERVER_METHODS.has(method)) return;
  const app = type && DEV_SERVER_APPS[type];
  if (app) {
    ctx.report({ messageId: 'listen', data: { label: `${label} (${app})` }, at, severity: 'warning' });
    return;
  }
  // `app = create_app(); app.run(port=...)`: the factory hides the type, the framework import and the name do not.
  if (method === 'run' && /^(app|application)$/.test(receiver.text) && importsModule(ctx.module, WEB_FRAMEWORKS)) {
    ctx.report({ messageId: 'listen', data: { label }, at, severity: 'warning' });
  }
}
