import { forEachNode, type SyntaxNode } from '../../parsers/treesitter';
import {
  csString,
  envRead,
  hasModifier,
  isLambdaHandlerMethod,
  LAMBDA_CONTEXT_TYPE,
  LAMBDA_FUNCTION_ATTRIBUTE,
  lambdaAnnotation,
  simpleType,
  unparen,
  usesNamespace,
} from '../../csharp/module';
import { clip, LAMBDA_RUNTIME_ENV, LAMBDA_RUNTIME_ENV_NEEDS } from '../../langs/common';
import type { CsRule } from './types';
import { callLabel, range } from './util';

/** The node types the check acts on (a string literal's own children hold none of them). */
const VISITED = ['method_declaration', 'member_access_expression', 'invocation_expression', 'string_literal', 'verbatim_string_literal'];

/** ILambdaContext properties (Amazon.Lambda.Core); `Logger` is left out: a context stub provides it. */
const CONTEXT_PROPERTIES = new Set([
  'AwsRequestId',
  'FunctionName',
  'FunctionVersion',
  'InvokedFunctionArn',
  'MemoryLimitInMB',
  'LogGroupName',
  'LogStreamName',
  'Identity',
  'ClientContext',
  'TenantId',
]);

/** The custom runtime's entry (Amazon.Lambda.RuntimeSupport): `LambdaBootstrapBuilder.Create(...)`. */
const BOOTSTRAP_BUILDER = 'LambdaBootstrapBuilder';

/** True when the env read only tests whether the variable is set (`== null`, `string.IsNullOrEmpty(...)`). */
function isPresenceTest(call: SyntaxNode): boolean {
  let n = call;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type === 'binary_expression') {
    const other = p.get('left') === n ? p.get('right') : p.get('left');
    return unparen(other)?.type === 'null_literal';
  }
  const inv = p?.type === 'argument' ? p.parent?.parent : undefined;
  return inv?.type === 'invocation_expression' && /IsNullOrEmpty|IsNullOrWhiteSpace/.test(inv.get('function')?.text ?? '');
}

export const csRuntimeCoupling: CsRule = {
  language: 'csharp',
  // Every report needs one of these: a handler (an ILambdaContext parameter, whose reads are the context reports), a
  // [LambdaFunction] attribute, the bootstrap builder, a Lambda variable's name in a string, or a string under /opt.
  needs: [LAMBDA_CONTEXT_TYPE, LAMBDA_FUNCTION_ATTRIBUTE, BOOTSTRAP_BUILDER, ...LAMBDA_RUNTIME_ENV_NEEDS, '/opt'],
  meta: {
    id: 'csharp/runtime-coupling',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'to-kubernetes',
    docs: {
      description:
        'C# handlers take an ILambdaContext and may read its properties, Lambda-only environment variables or layer paths under /opt, or start the custom-runtime bootstrap; each needs a replacement when the code runs in a Pod.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/csharp-context.html',
    },
    messages: {
      handler:
        '`{name}` is invoked by the Lambda .NET runtime, which loads the assembly and calls it for each event; in a Pod nothing does. Give the Pod an entry point that calls it (an ASP.NET Core endpoint, a queue consumer, a console Job), or run it under the Runtime Interface Emulator.',
      annotations:
        '`{name}` is a Lambda Annotations function: the handler Lambda calls is generated from its [LambdaFunction] attribute at build time, so in a Pod nothing calls this method. Host the class in ASP.NET Core instead (its {routes} become minimal-API or controller routes, with the same dependency injection), or keep a console entry point that calls it.',
      bootstrap:
        '{label} runs the Lambda custom-runtime loop, which polls the Runtime API; started in a Pod it fails because AWS_LAMBDA_RUNTIME_API is not set. Give the Pod its own entry point (an ASP.NET Core host or a worker), or run it under the Runtime Interface Emulator.',
      remaining:
        "`{expr}` asks Lambda how long the invocation has left; in a Pod there is no ILambdaContext, so this fails. Pass a deadline in (a CancellationToken from the request, or the Job's activeDeadlineSeconds) instead.",
      context:
        '`{expr}` reads the ILambdaContext, which does not exist in a Pod. Supply the value yourself there (a request id from a header or Guid, the name from the Deployment) or pass a small ILambdaContext implementation.',
      env: "`{name}` is set only by the Lambda runtime, so in a Pod `Environment.GetEnvironmentVariable` returns null. Set the value in the Deployment's env, or derive it another way.",
      opt: "`{path}` points into /opt, where Lambda extracts layers; a container in a Pod has nothing there. Copy the layer's files into the image and point this path at them.",
    },
  },
  check(ctx) {
    const lambdaCore = usesNamespace(ctx.module, /^Amazon\.Lambda\.Core$/) || ctx.text.includes('Amazon.Lambda.Core.ILambdaContext');
    // An invocation's whole text is read (spaces removed) only in a file that names the bootstrap builder at all.
    const bootstrap = ctx.text.includes(BOOTSTRAP_BUILDER);
    const contextVars = new Set<string>();
    const seen = new Set<string>();
    const once = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
    // The nodes a walk of the whole tree would act on, in its order, from the copy's type index; local-only code (and
    // everything in it) is left out as the walk skipped it, and so is what lies inside a bootstrap call.
    let bootstrapCall: SyntaxNode | undefined;
    forEachNode(
      ctx.root,
      VISITED,
      (n, ancestors) => {
        if (bootstrapCall && ancestors.includes(bootstrapCall)) return;
        const annotated = n.type === 'method_declaration' ? lambdaAnnotation(n, ctx.module) : undefined;
        if (annotated !== undefined) {
          // Request and response types of an HTTP route ([FromBody], IHttpResult) are Annotations' own: a change to make.
          const name = `${n.parent?.parent?.get('name')?.text ?? ''}.${n.get('name')?.text ?? ''}`;
          if (once(`handler:${name}`))
            ctx.report({
              messageId: 'annotations',
              data: { name, routes: annotated ? `[${annotated}] routes` : 'event parameters' },
              at: range(n.get('name') ?? n),
              severity: annotated ? 'warning' : 'info',
            });
        }
        if (n.type === 'method_declaration' && lambdaCore && isLambdaHandlerMethod(n)) {
          for (const p of n.get('parameters')?.namedChildren ?? [])
            if (p.type === 'parameter' && simpleType(p.get('type')) === LAMBDA_CONTEXT_TYPE) contextVars.add(p.get('name')?.text ?? '');
          // Public methods are the entries the function configuration names; private ones taking the context are helpers.
          const cls = n.parent?.parent;
          const name = `${cls?.get('name')?.text ?? ''}.${n.get('name')?.text ?? ''}`;
          if (hasModifier(n, 'public') && once(`handler:${name}`)) ctx.report({ messageId: 'handler', data: { name }, at: range(n.get('name') ?? n) });
          return;
        }
        if (n.type === 'member_access_expression') {
          const obj = n.get('expression');
          const prop = simpleType(n.get('name')) ?? '';
          if (obj?.type !== 'identifier' || !contextVars.has(obj.text)) return;
          const expr = `${obj.text}.${prop}`;
          if (prop === 'RemainingTime' && once(expr)) ctx.report({ messageId: 'remaining', data: { expr }, at: range(n), severity: 'warning' });
          else if (CONTEXT_PROPERTIES.has(prop) && once(expr)) ctx.report({ messageId: 'context', data: { expr }, at: range(n) });
          return;
        }
        if (n.type === 'invocation_expression') {
          if (bootstrap && /^LambdaBootstrapBuilder\.Create\b/.test(n.text.replace(/\s+/g, '')) && once('bootstrap')) {
            ctx.report({ messageId: 'bootstrap', data: { label: callLabel(n) }, at: range(n) });
            bootstrapCall = n;
            return;
          }
          const env = envRead(n);
          if (env && LAMBDA_RUNTIME_ENV.test(env) && !isPresenceTest(n) && once(`env:${env}`))
            ctx.report({ messageId: 'env', data: { name: env }, at: range(n) });
          return;
        }
        if (n.type === 'string_literal' || n.type === 'verbatim_string_literal') {
          const v = csString(n) ?? '';
          if ((v === '/opt' || v.startsWith('/opt/')) && once(`opt:${v}`)) ctx.report({ messageId: 'opt', data: { path: clip(v) }, at: range(n) });
        }
      },
      ctx.isLocalOnly,
    );
  },
};
