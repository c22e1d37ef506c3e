import { stringValue, walk, type PyNode } from '../../python/ast';
import { importsModule } from '../../python/module';
import { mainBlocks, serviceEntryStart } from '../../python/scope';
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

/** Metrics exporters that serve `/metrics` from their own port. */
const METRICS_SERVERS = new Set([
  'prometheus_client.start_http_server',
  'prometheus_client.start_wsgi_server',
  'prometheus_client.exposition.start_http_server',
  'prometheus_client.exposition.start_wsgi_server',
]);

/** WSGI/ASGI application objects: what a server listens for when the module is a service's entry. */
const APP_FACTORIES: Record<string, string> = {
  'flask.Flask': 'Flask',
  'quart.Quart': 'Quart',
  'sanic.Sanic': 'Sanic',
  'bottle.Bottle': 'Bottle',
  'dash.Dash': 'Dash',
  'fastapi.FastAPI': 'FastAPI',
  'starlette.applications.Starlette': 'Starlette',
  'falcon.App': 'Falcon',
  'falcon.API': 'Falcon',
  'falcon.asgi.App': 'Falcon',
  'aiohttp.web.Application': 'aiohttp',
  'connexion.App': 'Connexion',
  'connexion.FlaskApp': 'Connexion',
  'connexion.AsyncApp': 'Connexion',
  'litestar.Litestar': 'Litestar',
  'django.core.wsgi.get_wsgi_application': 'Django WSGI',
  'django.core.asgi.get_asgi_application': 'Django ASGI',
};

/** Calls that run an app they are called on or given: `app.run()`, `uvicorn.run(app)`, `web.run_app(app)`, `serve(app)`. */
const RUN_METHODS = new Set(['run', 'run_server', 'serve', 'run_app', 'run_simple', 'listen']);

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

/**
 * The pre-filter's literals: every report needs a name qualified through an import (so the module's name is in the
 * text: the tables above, `grpc`, `tornado`, `socket`, `websockets`, `prometheus_client`, `flask_socketio`), a
 * `serve_forever()` call or a `text/event-stream` media type.
 */
const NEEDS = [
  ...new Set(
    [...Object.keys(SERVE_FUNCTIONS), ...METRICS_SERVERS, ...Object.keys(APP_FACTORIES), ...Object.keys(DEV_SERVER_APPS), ...WEB_FRAMEWORKS].map(
      (q) => q.split('.')[0],
    ),
  ),
  'websockets',
  'django',
  'sse_starlette',
  'event-stream',
  'serve_forever',
  'grpc',
  'tornado',
  'socket',
];

export const pyListeningServer: PyRule = {
  language: 'python',
  needs: NEEDS,
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
      listen:
        '{label} starts a server on a port, but Lambda blocks inbound connections and delivers requests as events. Expose a handler instead: wrap the app with Mangum (ASGI) or serverless-wsgi/apig-wsgi (WSGI), or run it unchanged behind Lambda Web Adapter.',
      listenWs:
        '{label} waits for WebSocket clients on a port, which Lambda cannot accept. Use API Gateway WebSocket APIs (each message becomes an invocation) or keep this service on Kubernetes.',
      grpc: '{label} binds a port, which Lambda cannot accept, and gRPC needs long-lived HTTP/2 connections that Lambda does not serve. Keep this service on Kubernetes or expose the calls through an HTTP API.',
      sse: '`{call}` streams server-sent events over a connection that stays open, and a Lambda invocation ends at its timeout (900 s at most) with its response buffered. Keep the stream on Kubernetes, or push updates through API Gateway WebSockets.',
      django:
        "{label} runs Django's development server, which listens on a port that Lambda never routes traffic to. Serve the WSGI application through serverless-wsgi or apig-wsgi (or Mangum for ASGI) instead.",
      app: "`{name}` ({framework} app) is what this service serves from a port: this module is the entry (`{runner}` runs it), and Lambda blocks inbound connections and delivers requests as events. Wrap the app for Lambda (serverless-wsgi or apig-wsgi for WSGI, Mangum for ASGI) and point the function's handler at the wrapper, or run the image unchanged behind Lambda Web Adapter.",
      metrics:
        '{label} serves Prometheus metrics from a port, which nothing can scrape on Lambda (inbound connections are blocked, and the environment is frozen between invocations). Publish the metrics instead: CloudWatch embedded metric format (Powertools Metrics), or push them to a Pushgateway or through the ADOT collector extension.',
    },
  },
  check(ctx) {
    if (importsModule(ctx.module, LAMBDA_ADAPTERS)) return;
    // Lambda Web Adapter runs the app's own server inside Lambda; its settings are AWS_LWA_* variables.
    if (ctx.text.includes('AWS_LWA_')) return;
    const served = reportServedApps(ctx);
    forEachCall(ctx, (call) => {
      if (!served.some((s) => call.start >= s.start && call.end <= s.end)) check(ctx, call);
    });
  },
};

/**
 * In a service's entry module (src/core/python/scope.ts, serviceEntryStart), the module-level app object its
 * `__main__` block serves is reported once, at the app; the run calls that serve it are covered by that finding.
 * Returns the calls covered. A module that only defines the app (served by gunicorn, Zappa or the serverless-wsgi
 * plugin, which the module does not show) is not reported.
 */
function reportServedApps(ctx: PyRuleContext): PyNode[] {
  const start = serviceEntryStart(ctx.root, ctx.module.bindings);
  if (!start) return [];
  const covered: PyNode[] = [];
  for (const stmt of ctx.root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.get('left') : undefined;
    const right = a?.get('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const framework = APP_FACTORIES[ctx.qualified(right.get('function')) ?? ''];
    if (!framework) continue;
    const name = left.text;
    const runs: PyNode[] = [];
    for (const block of mainBlocks(ctx.root)) {
      walk(block, (n) => {
        if (n.type !== 'call') return;
        const fn = n.get('function');
        const method = fn?.type === 'attribute' ? (fn.get('attribute')?.text ?? '') : (fn?.text ?? '');
        const onApp = fn?.type === 'attribute' && fn.get('object')?.text === name && RUN_METHODS.has(method);
        const takesApp =
          (n === start.node || RUN_METHODS.has(method)) &&
          (n.get('arguments')?.namedChildren ?? []).some((arg) => {
            const v = arg.type === 'keyword_argument' ? arg.get('value') : arg;
            return v?.text === name || (stringValue(v)?.endsWith(`:${name}`) ?? false);
          });
        if (onApp || takesApp) runs.push(n);
      });
    }
    if (!runs.length) continue;
    covered.push(...runs);
    const runner = runs.find((r) => r === start.node) ?? runs[runs.length - 1];
    const runnerText = `${runner.get('function')?.text ?? 'run'}(...)`;
    ctx.report({ messageId: 'app', data: { name, framework, runner: runnerText }, at: [stmt.start, stmt.end], severity: 'warning' });
  }
  return covered;
}

function check(ctx: PyRuleContext, call: PyNode): void {
  const fn = call.get('function');
  const q = ctx.qualified(fn);
  const at = range(call);
  if (q && METRICS_SERVERS.has(q)) {
    ctx.report({ messageId: 'metrics', data: { label: `\`${fn!.text}(...)\`` }, at, severity: 'warning' });
    return;
  }
  if (
    (q && /(^|\.)EventSourceResponse$/.test(q) && q.startsWith('sse_starlette')) ||
    (/Response$/.test(fn?.text ?? '') && /media_type\s*=\s*['"]text\/event-stream/.test(call.text))
  ) {
    const text = call.text.replace(/\s+/g, ' ');
    ctx.report({ messageId: 'sse', data: { call: text.length > 60 ? `${text.slice(0, 57)}...` : text }, at });
    return;
  }
  if (q && SERVE_FUNCTIONS[q]) {
    // asyncio.start_server accepts raw TCP; the others serve HTTP, which an adapter turns into a handler.
    ctx.report({
      messageId: 'listen',
      data: { label: `\`${fn!.text}(...)\` (${SERVE_FUNCTIONS[q]})` },
      at,
      severity: q === 'asyncio.start_server' ? undefined : 'warning',
    });
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
