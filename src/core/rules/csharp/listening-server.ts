import type { SyntaxNode } from '../../parsers/treesitter';
import { callArgs, invokedName, isProgramCode, receiverOf, simpleType, usesNamespace } from '../../csharp/module';
import type { CsRule, CsRuleContext } from './types';
import { callLabel, forEachCall, range } from './util';

/** Hosting through which ASP.NET Core runs as a Lambda handler: nothing listens on a port. */
const LAMBDA_HOSTING = /^Amazon\.Lambda\.AspNetCoreServer(\.|$)/;
/** Factories of a web host, by class: what a host is built from (`WebApplication.CreateBuilder`). */
const WEB_HOST_FACTORIES: Record<string, string[]> = {
  WebApplication: ['CreateBuilder', 'CreateSlimBuilder', 'CreateEmptyBuilder', 'Create'],
  WebHost: ['CreateDefaultBuilder', 'Start', 'StartWith'],
};
/** Calls that make a generic host a web host (`.ConfigureWebHostDefaults(...)`). */
const WEB_HOST_CONFIGURATION = ['ConfigureWebHostDefaults', 'ConfigureWebHost', 'UseKestrel', 'ConfigureKestrel', 'UseUrls'];
/** What a web host is built from: a `.Run()` on it starts Kestrel. */
const WEB_HOST = new RegExp(
  `^(${Object.entries(WEB_HOST_FACTORIES)
    .map(([cls, factories]) => `${cls}\\.(${factories.join('|')})`)
    .join('|')})\\b|\\.(${WEB_HOST_CONFIGURATION.join('|')})\\b`,
);
/** Classes whose construction opens a listening socket. */
const LISTENERS = new Set(['HttpListener', 'TcpListener']);
const RUN_METHODS = new Set(['Run', 'RunAsync', 'Start', 'StartAsync']);
const LOOPBACK = /Loopback|"localhost|"127\.0\.0\.1|"http:\/\/localhost/;

// An HTTP server needs an adapter in front (a `warning`: changes, no redesign); gRPC and raw sockets need a redesign
// (an `error`), as docs/readiness.md defines the verdicts.
export const csListeningServer: CsRule = {
  language: 'csharp',
  // Every report is a `new` of a listener class, or a Run/Start whose receiver (as written, or what typeOf says built
  // it: names of this file) matches WEB_HOST, which needs a factory's class or a configuration call.
  needs: [...LISTENERS, ...Object.keys(WEB_HOST_FACTORIES), ...WEB_HOST_CONFIGURATION],
  meta: {
    id: 'csharp/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description:
        'An ASP.NET Core host (WebApplication, Kestrel, gRPC services), HttpListener or TcpListener listens on a port, which receives no traffic on Lambda: invocations arrive as events, and inbound connections are blocked.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      listen:
        '{label} starts Kestrel on a port, but Lambda blocks inbound connections and delivers requests as events. Add `builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi)` (Amazon.Lambda.AspNetCoreServer.Hosting) or derive a `LambdaEntryPoint` from `APIGatewayProxyFunction`, or run it unchanged behind Lambda Web Adapter.',
      grpc: '{label} serves gRPC services on a port, which Lambda cannot accept, and gRPC needs long-lived HTTP/2 connections that Lambda does not serve. Keep this service on Kubernetes, or expose the calls through an HTTP API (JSON transcoding) behind API Gateway.',
      socket:
        '{label} listens for connections, but Lambda blocks inbound connections, so no client ever reaches it. Receive work as invocation events (API Gateway, SQS) instead, or keep this service on Kubernetes.',
    },
  },
  check(ctx) {
    if (usesNamespace(ctx.module, LAMBDA_HOSTING) || /\bAddAWSLambdaHosting\s*\(/.test(ctx.text)) return;
    if (ctx.text.includes('AWS_LWA_')) return;
    const grpc = /\.MapGrpcService\s*</.test(ctx.text);
    forEachCall(ctx, (call, ancestors) => check(ctx, call, grpc, isProgramCode(ancestors)));
  },
};

function check(ctx: CsRuleContext, call: SyntaxNode, grpc: boolean, programOnly: boolean): void {
  const label = callLabel(call);
  if (call.type === 'object_creation_expression') {
    const t = simpleType(call.get('type'));
    // An HttpListener's addresses come from `Prefixes.Add(...)`: loopback-only prefixes serve this machine alone.
    const loopbackPrefixes =
      t === 'HttpListener' &&
      /Prefixes\.Add\(\s*\$?"https?:\/\/(localhost|127\.0\.0\.1)/.test(ctx.text) &&
      !/Prefixes\.Add\(\s*\$?"https?:\/\/[+*]/.test(ctx.text);
    if (LISTENERS.has(t ?? '') && !loopbackPrefixes && !LOOPBACK.test(call.get('arguments')?.text ?? '')) {
      ctx.report({ messageId: 'socket', data: { label }, at: range(call), programOnly });
    }
    return;
  }
  const name = invokedName(call) ?? '';
  if (!RUN_METHODS.has(name)) return;
  const recv = receiverOf(call);
  const built = ctx.typeOf(recv) ?? '';
  if (!WEB_HOST.test(built) && !WEB_HOST.test(recv?.text.replace(/\s+/g, '') ?? '')) return;
  // `app.Run("http://localhost:5000")`: reachable from this machine only.
  if (LOOPBACK.test(callArgs(call)[0]?.text ?? '')) return;
  ctx.report({ messageId: grpc ? 'grpc' : 'listen', data: { label }, at: range(call), programOnly, severity: grpc ? undefined : 'warning' });
}
