import { nodesOfTypes, walkedAncestors, type SyntaxNode } from '../../parsers/treesitter';
import { envRead, importsType, javaString, LAMBDA_RUNTIME_PKG, simpleType, unparen } from '../../java/module';
import { clip, LAMBDA_RUNTIME_ENV, LAMBDA_RUNTIME_ENV_NEEDS } from '../../langs/common';
import { javaProxyFramework, javaProxyPackage } from '../../webAdapter';
import type { JavaRule } from './types';
import { range } from './util';

const SKIPPED = new Set(['super_interfaces', 'string_literal']);
const COUPLED = ['super_interfaces', 'method_invocation', 'string_literal'];

/** Accessors of the Lambda `Context` (aws-lambda-java-core). `getLogger()` is left out: a Context stub provides it, and the
 * handler finding already asks for one. */
const CONTEXT_METHODS = new Set([
  'getAwsRequestId',
  'getLogGroupName',
  'getLogStreamName',
  'getFunctionName',
  'getFunctionVersion',
  'getInvokedFunctionArn',
  'getIdentity',
  'getClientContext',
  'getMemoryLimitInMB',
  'getTenantId',
]);

/** True when the env read only tests whether the variable is set (`System.getenv(X) != null`): that reads false in a Pod. */
function isPresenceTest(call: SyntaxNode): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type === 'binary_expression') {
    const other = p.get('left') === n ? p.get('right') : p.get('left');
    return unparen(other)?.type === 'null_literal';
  }
  // Objects.isNull(System.getenv(X)), Optional.ofNullable(System.getenv(X)).isPresent()
  return p?.type === 'argument_list' && /^(Objects\.(isNull|nonNull)|Optional\.ofNullable)/.test(p.parent?.text.replace(/\s+/g, '') ?? '');
}

export const javaRuntimeCoupling: JavaRule = {
  language: 'java',
  // Every report names what it reports: the handler interface, a Context accessor, a Lambda-only variable, or /opt.
  needs: ['Request(?:Stream)?Handler', 'getRemainingTimeInMillis', ...CONTEXT_METHODS, ...LAMBDA_RUNTIME_ENV_NEEDS, '/opt'],
  meta: {
    id: 'java/runtime-coupling',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Java handlers implement RequestHandler/RequestStreamHandler and read the Lambda Context, Lambda-only environment variables or layer paths under /opt; each needs a replacement when the code runs in a Pod.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/java-context.html',
    },
    messages: {
      handler:
        '`{name}` is invoked by the Lambda Java runtime, which creates the class and calls `handleRequest` for each event; in a Pod nothing does. Give the Pod an entry point that calls it (an HTTP controller, a queue consumer, a Job main), or run it with the aws-lambda-java-runtime-interface-client under the Runtime Interface Emulator.',
      handlerAdapted:
        '`{name}` only passes each Lambda event to the {framework} app through aws-serverless-java-container, and in a Pod the Lambda runtime that calls it is not there. {serve} behind a Service, and drop this handler class and the container dependency.',
      remaining:
        "`{expr}` asks Lambda how long the invocation has left; in a Pod there is no Lambda Context, so this fails. Pass a deadline in (from the request timeout or the Job's activeDeadlineSeconds) and compute the remaining time from it.",
      context:
        '`{expr}` reads the Lambda Context, which does not exist in a Pod. Supply the value yourself there (a request id from a header or UUID, the name from the Deployment) or pass a small Context implementation.',
      env: "`{name}` is set only by the Lambda runtime, so in a Pod `System.getenv` returns null. Set the value in the Deployment's env, or derive it another way.",
      opt: "`{path}` points into /opt, where Lambda extracts layers; a container in a Pod has nothing there. Copy the layer's files into the image and point this path at them.",
    },
  },
  check(ctx) {
    // A handler class that hands its events to a web app through aws-serverless-java-container
    // (`com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler`).
    // (`com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler`), or the library's own handler class.
    const proxied = javaProxyPackage([
      ...ctx.module.classes.map((c) => `${ctx.module.packageName}.${c.get('name')?.text ?? ''}`),
      ...ctx.module.imports.values(),
      ...ctx.module.wildcards.map((w) => `${w}.`),
    ]);
    const lambdaContext = importsType(ctx.module, 'Context', LAMBDA_RUNTIME_PKG);
    const contextVars = new Set<string>();
    if (lambdaContext) for (const [name, t] of ctx.module.types) if (t === 'Context') contextVars.add(name);
    const seen = new Set<string>();
    const once = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
    // From the type index, as a walk skipping interface lists, strings and off-Lambda code would meet them; the
    // off test is asked only of a node that would be reported.
    const isOff = (n: SyntaxNode) => !walkedAncestors(n, ctx.root, ctx.isLocalOnly, SKIPPED);
    for (const n of nodesOfTypes(ctx.root, COUPLED)) {
      if (n.type === 'super_interfaces') {
        if (isOff(n)) continue;
        for (const t of n.namedChildren.find((c) => c.type === 'type_list')?.namedChildren ?? []) {
          const name = simpleType(t) ?? '';
          if ((name === 'RequestHandler' || name === 'RequestStreamHandler') && importsType(ctx.module, name, LAMBDA_RUNTIME_PKG)) {
            const framework = proxied && javaProxyFramework(proxied);
            const serve =
              framework === 'Spring Boot'
                ? "Run the app's own main, which starts its embedded server on a port,"
                : 'Serve the app from a web server of its own (a servlet container such as Tomcat or Jetty, or an embedded one)';
            const data = { name: t.text.replace(/\s+/g, ' '), ...(framework ? { framework, serve } : {}) };
            // The join adds that the build leaves the embedded server out, where it does (pom.xml, build.gradle).
            ctx.report({
              messageId: proxied ? 'handlerAdapted' : 'handler',
              data,
              at: range(t),
              ...(framework === 'Spring Boot' ? { mentions: 'embedded-server' as const } : {}),
            });
          }
        }
        continue;
      }
      if (n.type === 'method_invocation') {
        const obj = n.get('object');
        const name = n.get('name')?.text ?? '';
        if (obj?.type === 'identifier' && contextVars.has(obj.text)) {
          if ((name !== 'getRemainingTimeInMillis' && !CONTEXT_METHODS.has(name)) || isOff(n)) continue;
          const expr = `${obj.text}.${name}()`;
          if (name === 'getRemainingTimeInMillis' && once(expr)) ctx.report({ messageId: 'remaining', data: { expr }, at: range(n), severity: 'warning' });
          else if (CONTEXT_METHODS.has(name) && once(expr)) ctx.report({ messageId: 'context', data: { expr }, at: range(n) });
          continue;
        }
        const env = envRead(n, ctx.module);
        if (env && LAMBDA_RUNTIME_ENV.test(env) && !isPresenceTest(n) && !isOff(n) && once(`env:${env}`))
          ctx.report({ messageId: 'env', data: { name: env }, at: range(n) });
        continue;
      }
      const v = javaString(n) ?? '';
      if ((v === '/opt' || v.startsWith('/opt/')) && !isOff(n) && once(`opt:${v}`)) ctx.report({ messageId: 'opt', data: { path: clip(v) }, at: range(n) });
    }
  },
};
