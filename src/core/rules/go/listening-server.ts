import type { SyntaxNode } from '../../parsers/treesitter';
import { callArgs, goStringHead } from '../../go/module';
import { LAMBDA_SIDE } from '../../langs/common';
import type { GoRule, GoRuleContext } from './types';
import { calleeLabel, calleeName, forEachCall, nameNeeds, range, receiverOf } from './util';

/** Adapters that turn a net/http handler or router into a Lambda handler: with one imported, nothing listens. */
const LAMBDA_ADAPTERS = /^github\.com\/(awslabs\/aws-lambda-go-api-proxy|akrylysov\/algnhsa|apex\/gateway|carlmjohnson\/gateway|earthboundkid\/gateway)(\/|$)/;

/** Package-level functions that bind a port and serve. */
const SERVE_FUNCTIONS = new Set([
  'net/http.ListenAndServe',
  'net/http.ListenAndServeTLS',
  'net/http.Serve',
  'net/http.ServeTLS',
  'net/http/fcgi.Serve',
  // Beego's package-level app.
  'github.com/astaxie/beego.Run',
  'github.com/beego/beego/v2/server/web.Run',
]);
const SOCKETS = new Set(['net.Listen', 'net.ListenTCP', 'net.ListenUnix', 'net.ListenPacket', 'net.ListenUDP', 'crypto/tls.Listen']);
/** Addresses only the same machine can reach: a local helper, not a server for clients. */
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\]|::1)(:|$)/;
const SERVER_METHODS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS']);

/** Web frameworks whose app object starts its own server: package prefix → method names that listen. */
const FRAMEWORKS: { pkg: RegExp; methods: Set<string>; label: string }[] = [
  { pkg: /^github\.com\/gin-gonic\/gin\./, methods: new Set(['Run', 'RunTLS', 'RunUnix', 'RunListener']), label: 'Gin' },
  { pkg: /^github\.com\/labstack\/echo(\/v\d+)?\./, methods: new Set(['Start', 'StartTLS', 'StartAutoTLS', 'StartServer', 'StartH2CServer']), label: 'Echo' },
  { pkg: /^github\.com\/gofiber\/fiber(\/v\d+)?\./, methods: new Set(['Listen', 'ListenTLS', 'Listener']), label: 'Fiber' },
  { pkg: /^github\.com\/kataras\/iris(\/v\d+)?\./, methods: new Set(['Listen', 'Run']), label: 'Iris' },
  { pkg: /^github\.com\/valyala\/fasthttp\./, methods: new Set(['ListenAndServe', 'ListenAndServeTLS', 'Serve']), label: 'fasthttp' },
  // `n := negroni.Classic(); n.Run(":3000")`, `m := martini.Classic(); m.Run()`.
  { pkg: /^github\.com\/(codegangsta|urfave)\/negroni(\/v\d+)?\./, methods: new Set(['Run']), label: 'Negroni' },
  { pkg: /^github\.com\/go-martini\/martini\./, methods: new Set(['Run', 'RunOnAddr']), label: 'Martini' },
];

/** Every method name a server is started with below: a call by any other name needs no receiver type. */
const STARTING_METHODS = new Set(['Serve', ...SERVER_METHODS, ...FRAMEWORKS.flatMap((f) => [...f.methods])]);

// An HTTP server needs an adapter in front (a `warning`: changes, no redesign); gRPC and raw sockets need a redesign
// (an `error`), as docs/readiness.md defines the verdicts.
export const goListeningServer: GoRule = {
  language: 'go',
  // A server or socket is reported at a call resolved to one of SERVE_FUNCTIONS or SOCKETS, or at a method call by one
  // of STARTING_METHODS: each is spelled with its name.
  needs: nameNeeds([...SERVE_FUNCTIONS, ...SOCKETS, ...STARTING_METHODS]),
  meta: {
    id: 'go/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description:
        'A Go program that listens on a port (net/http, gRPC, Gin, Echo, Fiber, raw sockets) receives no traffic on Lambda: invocations arrive as events, and inbound connections are blocked.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      listen:
        '{label} starts an HTTP server on a port, but Lambda blocks inbound connections and delivers requests as events. Hand the handler to `lambda.Start` through aws-lambda-go-api-proxy (httpadapter, gorillamux, gin, echo, fiber adapters), or run the binary unchanged behind Lambda Web Adapter.',
      grpc: '{label} serves gRPC on a port, which Lambda cannot accept, and gRPC needs long-lived HTTP/2 connections that Lambda does not serve. Keep this service on Kubernetes, or expose the calls through an HTTP API (grpc-gateway) behind API Gateway.',
      socket:
        '{label} opens a listening socket, but Lambda blocks inbound connections, so no client ever reaches it. Receive work as invocation events (API Gateway, SQS) instead, or keep this service on Kubernetes.',
    },
  },
  check(ctx) {
    for (const p of ctx.module.paths) if (LAMBDA_ADAPTERS.test(p)) return;
    // Lambda Web Adapter runs the program's own server inside Lambda; its settings are AWS_LWA_* variables. Lambda
    // extensions and runtime proxies serve the function from inside its sandbox, where that is how they work.
    if (ctx.text.includes('AWS_LWA_') || LAMBDA_SIDE.test(ctx.text)) return;
    const sockets: SyntaxNode[] = [];
    let served = false;
    forEachCall(ctx, (call) => {
      const r = report(ctx, call);
      if (r === 'socket') sockets.push(call);
      else if (r) served = true;
    });
    // A listener handed to a server is reported at the server; a bare one is the finding.
    if (!served) for (const s of sockets) ctx.report({ messageId: 'socket', data: { label: calleeLabel(s) }, at: range(s) });
  },
};

/** Asked of every call: the label is made, and the receiver's type worked out, only for a call that may start a server. */
function report(ctx: GoRuleContext, call: SyntaxNode): 'served' | 'socket' | undefined {
  const q = ctx.qualified(call.get('function'));
  if (q) {
    const socket = SOCKETS.has(q);
    if (!socket && !SERVE_FUNCTIONS.has(q)) return undefined;
    const args = callArgs(call);
    const addr = goStringHead(socket ? args[1] : args[0]);
    if (addr !== undefined && LOOPBACK.test(addr)) return undefined;
    if (socket) return 'socket';
    ctx.report({ messageId: 'listen', data: { label: calleeLabel(call) }, at: range(call), severity: 'warning' });
    return 'served';
  }
  const method = calleeName(call);
  if (!method || !STARTING_METHODS.has(method)) return undefined;
  const recv = receiverOf(call);
  if (!recv) return undefined;
  const type = ctx.typeOf(recv) ?? '';
  if (SERVER_METHODS.has(method) && /^net\/http\.Server\b/.test(type)) {
    ctx.report({ messageId: 'listen', data: { label: calleeLabel(call) }, at: range(call), severity: 'warning' });
    return 'served';
  }
  if (method === 'Serve' && /^google\.golang\.org\/grpc\.(NewServer|Server)\b/.test(type)) {
    ctx.report({ messageId: 'grpc', data: { label: `${calleeLabel(call)} (gRPC server)` }, at: range(call) });
    return 'served';
  }
  for (const f of FRAMEWORKS) {
    if (f.pkg.test(type) && f.methods.has(method)) {
      ctx.report({ messageId: 'listen', data: { label: `${calleeLabel(call)} (${f.label})` }, at: range(call), severity: 'warning' });
      return 'served';
    }
  }
  return undefined;
}
