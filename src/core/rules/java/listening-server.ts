import type { SyntaxNode } from '../../parsers/treesitter';
import { enclosingMethod, hasModifier, importsPackage, importsType, simpleType } from '../../java/module';
import type { JavaRule, JavaRuleContext } from './types';
import { callLabel, forEachCall, methodName, range } from './util';

/** Adapters that run the app as a Lambda handler: with one imported, the embedded server is not started from a port. */
const LAMBDA_ADAPTERS =
  /^(com\.amazonaws\.serverless\.proxy|org\.springframework\.cloud\.function\.adapter\.aws|io\.quarkus\.amazon\.lambda|io\.micronaut\.function\.aws)\./;
const LOOPBACK = /getLoopbackAddress|"localhost"|"127\.0\.0\.1"|"::1"/;

/** Static calls that start a framework application (and with it, for a web app, its embedded server). */
const FRAMEWORK_RUNS: Record<string, { label: string; pkg: string }> = {
  'SpringApplication.run': { label: 'Spring Boot', pkg: 'org.springframework.boot' },
  'Micronaut.run': { label: 'Micronaut', pkg: 'io.micronaut.runtime' },
  'Quarkus.run': { label: 'Quarkus', pkg: 'io.quarkus.runtime' },
};

/** Constructors of embedded servers, with the package the type must come from. */
const SERVER_TYPES: Record<string, { label: string; pkg: RegExp; message: 'listen' | 'socket' }> = {
  Server: { label: 'Jetty', pkg: /^org\.eclipse\.jetty\.server\.Server$/, message: 'listen' },
  Tomcat: { label: 'embedded Tomcat', pkg: /^org\.apache\.catalina\.startup\.Tomcat$/, message: 'listen' },
  ServerBootstrap: { label: 'Netty', pkg: /^io\.netty\.bootstrap\.ServerBootstrap$/, message: 'socket' },
  ServerSocket: { label: 'java.net', pkg: /^java\.net\.ServerSocket$/, message: 'socket' },
  NanoHTTPD: { label: 'NanoHTTPD', pkg: /NanoHTTPD$/, message: 'listen' },
};

/** Static factories of servers: `HttpServer.create(...)`, `ServerBuilder.forPort(...)`. */
const SERVER_FACTORIES: Record<string, { label: string; message: 'listen' | 'grpc' | 'socket'; pkg?: string }> = {
  'HttpServer.create': { label: 'JDK HttpServer', message: 'listen', pkg: 'com.sun.net.httpserver' },
  'Undertow.builder': { label: 'Undertow', message: 'listen' },
  'Javalin.create': { label: 'Javalin', message: 'listen' },
  'Javalin.start': { label: 'Javalin', message: 'listen' },
  'ServerBuilder.forPort': { label: 'gRPC', message: 'grpc' },
  'NettyServerBuilder.forPort': { label: 'gRPC', message: 'grpc' },
  'NettyServerBuilder.forAddress': { label: 'gRPC', message: 'grpc' },
  'Grpc.newServerBuilderForPort': { label: 'gRPC', message: 'grpc' },
  'ServerSocketChannel.open': { label: 'NIO', message: 'socket' },
  'AsynchronousServerSocketChannel.open': { label: 'NIO', message: 'socket' },
};

// An HTTP server needs an adapter in front (a `warning`: changes, no redesign); gRPC and raw sockets need a redesign
// (an `error`), as docs/readiness.md defines the verdicts.
export const javaListeningServer: JavaRule = {
  language: 'java',
  // Every finding is at a server constructor (its type name ends any spelling of it), at a call whose owner type (the
  // receiver of `Type.method(...)`, or the class of a static import) is a key's, at `run` on a
  // `SpringApplicationBuilder` or `SpringApplication` the file declares or builds, or at Vert.x's `createHttpServer`:
  // each is in the text, as a whole identifier.
  needs: [
    ...new Set([
      ...Object.keys(SERVER_TYPES),
      ...[...Object.keys(FRAMEWORK_RUNS), ...Object.keys(SERVER_FACTORIES)].map((k) => k.split('.')[0]),
      'SpringApplicationBuilder',
      'createHttpServer',
    ]),
  ].map((name) => `\\b${name}\\b`),
  meta: {
    id: 'java/listening-server',
    category: 'listening-server',
    severity: 'error',
    direction: 'to-lambda',
    docs: {
      description:
        'A Java application that starts an embedded server (Spring Boot, Micronaut, Quarkus, Jetty, Netty, Undertow, Tomcat, gRPC, ServerSocket) receives no traffic on Lambda: invocations arrive as events, and inbound connections are blocked.',
      reference: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    },
    messages: {
      framework:
        '{label} starts the {framework} application, and for a web application its embedded server on a port, but Lambda blocks inbound connections and delivers requests as events. Serve it through aws-serverless-java-container (or Spring Cloud Function / the Quarkus and Micronaut Lambda adapters), or run it unchanged behind Lambda Web Adapter.',
      listen:
        '{label} starts an embedded {framework} server on a port, but Lambda blocks inbound connections and delivers requests as events. Implement `RequestHandler` for API Gateway events (or use aws-serverless-java-container), or run the service unchanged behind Lambda Web Adapter.',
      grpc: '{label} builds a gRPC server on a port, which Lambda cannot accept, and gRPC needs long-lived HTTP/2 connections that Lambda does not serve. Keep this service on Kubernetes, or expose the calls through an HTTP API behind API Gateway.',
      socket:
        '{label} opens a listening socket, but Lambda blocks inbound connections, so no client ever reaches it. Receive work as invocation events (API Gateway, SQS) instead, or keep this service on Kubernetes.',
    },
  },
  check(ctx) {
    if (importsPackage(ctx.module, LAMBDA_ADAPTERS)) return;
    // Lambda Web Adapter runs the application's own server inside Lambda; its settings are AWS_LWA_* variables.
    if (ctx.text.includes('AWS_LWA_')) return;
    forEachCall(ctx, (call, ancestors) =>
      check(ctx, call, () => {
        // Code in `main` runs only when the class is started as a program; the Lambda runtime never calls it.
        const m = enclosingMethod(ancestors);
        return m?.type === 'method_declaration' && m.get('name')?.text === 'main' && hasModifier(m, 'static');
      }),
    );
  },
};

const CHECKED_METHODS = new Set(
  [...Object.keys(FRAMEWORK_RUNS), ...Object.keys(SERVER_FACTORIES)].map((k) => k.slice(k.lastIndexOf('.') + 1)).concat(['run', 'createHttpServer']),
);

/** Asked of every call: what a finding needs (its label, whether it is in `main`) is worked out only for a finding. */
function check(ctx: JavaRuleContext, call: SyntaxNode, inMain: () => boolean): void {
  const at = range(call);
  const report = (opts: Parameters<JavaRuleContext['report']>[0]) => ctx.report(inMain() ? { ...opts, programOnly: true } : opts);
  if (call.type === 'object_creation_expression') {
    const type = simpleType(call.get('type')) ?? '';
    const server = SERVER_TYPES[type];
    if (!server) return;
    const fqn = ctx.module.imports.get(type) ?? [...ctx.module.wildcards.map((w) => `${w}.${type}`)].find((f) => server.pkg.test(f));
    if (!fqn || !server.pkg.test(fqn)) return;
    if (LOOPBACK.test(call.get('arguments')?.text ?? '')) return;
    report({
      messageId: server.message,
      data: { label: callLabel(call), framework: server.label },
      at,
      severity: server.message === 'listen' ? 'warning' : undefined,
    });
    return;
  }
  const obj = call.get('object');
  const name = methodName(call) ?? '';
  // Every check below is about a method of these names (a key ends with its method's name).
  if (!CHECKED_METHODS.has(name)) return;
  const owner = obj?.type === 'identifier' || obj?.type === 'scoped_identifier' ? simpleType(obj) : undefined;
  const key = owner ? `${owner}.${name}` : (ctx.module.staticImports.get(name) ?? '');
  const run = FRAMEWORK_RUNS[key];
  if (run && importsType(ctx.module, key.split('.')[0], run.pkg)) {
    report({ messageId: 'framework', data: { label: callLabel(call), framework: run.label }, at, severity: 'warning' });
    return;
  }
  // `new SpringApplicationBuilder(App.class).web(...).run(args)`
  if (name === 'run' && /^SpringApplicationBuilder\b/.test(ctx.typeOf(obj) ?? '')) {
    report({ messageId: 'framework', data: { label: '`SpringApplicationBuilder.run(...)`', framework: 'Spring Boot' }, at, severity: 'warning' });
    return;
  }
  // `SpringApplication app = new SpringApplication(App.class); app.addListeners(...); app.run(args)`
  if (name === 'run' && ctx.typeOf(obj) === 'SpringApplication' && importsType(ctx.module, 'SpringApplication', FRAMEWORK_RUNS['SpringApplication.run'].pkg)) {
    report({ messageId: 'framework', data: { label: callLabel(call), framework: 'Spring Boot' }, at, severity: 'warning' });
    return;
  }
  const factory = SERVER_FACTORIES[key];
  if (factory && (!factory.pkg || importsType(ctx.module, key.split('.')[0], factory.pkg))) {
    if (LOOPBACK.test(call.get('arguments')?.text ?? '')) return;
    report({
      messageId: factory.message,
      data: { label: callLabel(call), framework: factory.label },
      at,
      severity: factory.message === 'listen' ? 'warning' : undefined,
    });
    return;
  }
  // Vert.x: `vertx.createHttpServer()...listen(8080)`
  if (name === 'createHttpServer' && importsPackage(ctx.module, /^io\.vertx\./))
    report({ messageId: 'listen', data: { label: callLabel(call), framework: 'Vert.x' }, at, severity: 'warning' });
}
