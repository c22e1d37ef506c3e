import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, stringValue, walk, type Node, walkTypes } from '../../js/ast';
import { conventionalHandlers, envName } from '../../js/scope';
import type { JsRule, JsRuleContext, ReportOptions } from '../types';
import { aliasesOf, findHandlers } from './handlers';

/** Powertools and middy modules, which checkWiring reports on. */
const WIRING = /@aws-lambda-powertools|middy|injectLambdaContext/;

/** Context members, what they carry on Lambda, and how bad it is when a runner does not supply them. */
const CONTEXT_MEMBERS: Record<string, { what: string; kind: 'method' | 'value' | 'legacy' }> = {
  getRemainingTimeInMillis: { what: 'the time left before the invocation deadline', kind: 'method' },
  awsRequestId: { what: 'the invocation request id', kind: 'value' },
  functionName: { what: 'the function name', kind: 'value' },
  functionVersion: { what: 'the function version', kind: 'value' },
  invokedFunctionArn: { what: 'the invoked ARN (account, region, alias)', kind: 'value' },
  memoryLimitInMB: { what: 'the configured memory', kind: 'value' },
  logGroupName: { what: 'the CloudWatch log group', kind: 'value' },
  logStreamName: { what: 'the CloudWatch log stream', kind: 'value' },
  identity: { what: 'the Cognito identity of the caller', kind: 'value' },
  clientContext: { what: 'the mobile client context', kind: 'value' },
  tenantId: { what: 'the tenant id of a tenant-isolated function', kind: 'value' },
  succeed: { what: 'the legacy success callback', kind: 'legacy' },
  fail: { what: 'the legacy failure callback', kind: 'legacy' },
  done: { what: 'the legacy completion callback', kind: 'legacy' },
};

/** Any name of CONTEXT_MEMBERS, or callbackWaitsForEmptyEventLoop, in a text. */
const CONTEXT_MEMBER_NAMES = new RegExp(`${Object.keys(CONTEXT_MEMBERS).join('|')}|callbackWaitsForEmptyEventLoop`);

/** The same as whole words: a context member is read by its name (`context.fail`, `{ done }`, `context['identity']`). */
const CONTEXT_MEMBER_WORDS = new RegExp(`\\b(?:${CONTEXT_MEMBER_NAMES.source})\\b`);

/** Variables only the Lambda runtime sets. Reads of AWS_REGION and friends are left alone: IRSA/Pod Identity set them too. */
const LAMBDA_ENV = /^(AWS_LAMBDA_[A-Z0-9_]+|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|_HANDLER|_X_AMZN_TRACE_ID|AWS_EXECUTION_ENV)$/;
/** A text that may name one of them. */
const LAMBDA_ENV_NAMES = /AWS_LAMBDA_|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|_HANDLER|_X_AMZN_TRACE_ID|AWS_EXECUTION_ENV/;

/** The global the Lambda Node.js runtime defines for response streaming (`awslambda.streamifyResponse`, `awslambda.HttpResponseStream`). */
const AWSLAMBDA_WORD = /\bawslambda\b/;
/**
 * A binding of that name of the file's own (not a `declare const awslambda` typing the global): the name is then not
 * the runtime's.
 */
const AWSLAMBDA_BINDING =
  /(?<!declare\s+)\b(?:const|let|var|function|class)\s+awslambda\b|\bimport\s+(?:\*\s+as\s+)?awslambda\b|\bimport\s*\{[^}]*\bawslambda\b[^}]*\}|\bawslambda\s*=\s*require\s*\(/;

/** Directories Lambda layers are extracted into and that the runtime puts on PATH / NODE_PATH / LD_LIBRARY_PATH / sys.path. */
const LAYER_DIR = /^\/opt\/(nodejs|python|bin|lib|extensions|java|ruby)(\/|$)/;
const OPT_PATH = /^\/opt(\/|$)/;

/** Powertools utilities whose behaviour rests on the Lambda runtime; the others (parameters, idempotency, …) are SDK wrappers. */
const POWERTOOLS: Record<string, { tool: string; breaks: string; todo: string; severity?: 'warning' }> = {
  logger: {
    tool: 'Logger',
    breaks: '`{call}` fills request id, function name and cold-start fields from the Lambda context',
    todo: 'give the runner a stub context with those fields, or log your own request id',
  },
  tracer: {
    tool: 'Tracer',
    breaks: 'segments reach X-Ray through the Lambda service integration',
    todo: 'run an X-Ray daemon or ADOT collector in the cluster and point AWS_XRAY_DAEMON_ADDRESS at it',
  },
  metrics: {
    tool: 'Metrics',
    breaks: 'its EMF lines on stdout become CloudWatch metrics only on Lambda and are silently dropped elsewhere',
    todo: 'ship them with the CloudWatch agent or Fluent Bit EMF support, or publish metrics another way',
    severity: 'warning',
  },
  batch: {
    tool: 'Batch',
    breaks: '`processPartialResponse` answers with `batchItemFailures`, which only an event source mapping acts on',
    todo: 'the queue consumer that replaces it must read that list and delete only the successful messages',
  },
  'event-handler': {
    tool: 'Event Handler',
    breaks: 'routes are resolved from API Gateway / AppSync event shapes',
    todo: 'the Service must translate HTTP requests into those events, or serve the routes with a web framework',
  },
};

export const runtimeCoupling: JsRule = {
  language: 'js',
  // Each check needs a name it reads literally (see check), except a handler's callback, its third parameter.
  gate: (f) =>
    CONTEXT_MEMBER_WORDS.test(f.text) ||
    LAMBDA_ENV_NAMES.test(f.text) ||
    /\/opt/.test(f.text) ||
    WIRING.test(f.text) ||
    AWSLAMBDA_WORD.test(f.text) ||
    f.calledCallback(),
  meta: {
    id: 'handler/runtime-coupling',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Code that relies on what the Lambda runtime provides (the context object, callbacks, reserved env vars, layers, Powertools/middy wiring), which a Kubernetes runner must supply itself.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html',
    },
    messages: {
      contextMethod:
        "`{expr}()` reads {what} from the Lambda context; outside Lambda the call throws unless the runner provides it. The Kubernetes runner must pass a context whose `getRemainingTimeInMillis` counts down to its own deadline (request timeout or the Job's activeDeadlineSeconds).",
      contextValue:
        '`{expr}` is {what} from the Lambda context and is undefined outside Lambda. The Kubernetes runner must fill it in its stub context (e.g. a request id or the Pod name), or read the value from your own config.',
      contextValueDeref:
        '`{expr}` is {what} from the Lambda context and is undefined outside Lambda, so using it here throws a TypeError. The Kubernetes runner must fill it in its stub context, or read the value from your own config (e.g. the account id from an env var).',
      contextLegacy:
        '`{expr}()` is {what} of the pre-Node-8 Lambda API, which only the Lambda runtime implements. Return (or throw) from an async handler instead, so any runner can await the result.',
      waitsForEmptyEventLoop:
        '`{expr}` tells Lambda to return while sockets or timers are still open; a one-shot Kubernetes Job runner would then never exit. The runner must end the process itself once the handler settles (or close pools explicitly).',
      callback:
        'This handler reports its result through the `{name}` callback, which only the Lambda runtime supplies (and the nodejs24.x runtime no longer does). Make the handler async and return the result, or have the Kubernetes runner pass a callback and wait for it before replying or exiting.',
      env: '`{name}` is set only by the Lambda runtime and is undefined in a Pod. Set it in the Deployment/Job env, or read an equivalent of your own.',
      envRuntimeApi:
        '`{name}` is the Lambda Runtime API endpoint: this code speaks the runtime protocol itself. On Kubernetes run it under the Runtime Interface Emulator, or replace the custom runtime loop with a plain server or Job entrypoint.',
      layerPath:
        '`{path}` is where a Lambda layer is mounted; the file is missing in a container unless the image copies the layer there. Add the layer contents to the image at the same path (or vendor them as a dependency).',
      optPath:
        '`{path}` sits under /opt, where Lambda mounts layers; in a container the path is empty unless the image puts the files there. Copy the layer contents into the image, or ship the file with the code.',
      powertools: '`{module}` (Powertools {tool}) is tied to the Lambda runtime: {breaks}. On Kubernetes {todo}.',
      awslambda:
        '`{expr}` uses `awslambda`, a global that only the Lambda Node.js runtime defines (for response streaming); outside Lambda it is undefined, so this throws a ReferenceError when it runs. In a Pod, stream from the HTTP server instead (write the chunks to the response, with server-sent events or chunked transfer), and keep the streamifyResponse wrapper for the Lambda build only.',
      middy:
        "`{module}` wraps the handler in middy, whose middlewares expect Lambda events and a Lambda context. A Kubernetes runner must still call the exported handler with a Lambda-shaped event and a stub context, or the middlewares must be replaced by your web framework's own.",
    },
  },
  check(outer) {
    // The checks run one after another; buffering keeps the findings in source order.
    const pending: ReportOptions[] = [];
    const ctx: JsRuleContext = { ...outer, report: (opts) => pending.push(opts) };
    // Each check reports only on names it reads literally (a context member, a variable only Lambda sets, an /opt
    // path, a Powertools or middy module): a check whose names the text lacks is not run.
    const has = (re: RegExp) => !ctx.literal || re.test(ctx.text);
    const members = has(CONTEXT_MEMBER_NAMES);
    for (const h of findHandlers(ctx.ast, ctx.modules)) {
      // What is read inside a handler counts for the functions whose handler it is (RawFinding.handlers).
      const inHandler: JsRuleContext = { ...ctx, report: (opts) => ctx.report({ ...opts, handler: h.name }) };
      if (h.context && members) checkContext(inHandler, h.fn, h.context);
      if (h.callback) checkCallback(inHandler, h.fn, h.callback);
    }
    if (has(LAMBDA_ENV_NAMES)) checkEnv(ctx);
    if (has(/\/opt/)) checkPaths(ctx);
    if (has(WIRING)) checkWiring(ctx);
    if (has(AWSLAMBDA_WORD)) checkAwsLambdaGlobal(ctx);
    const startOf = (o: ReportOptions) => (Array.isArray(o.at) ? o.at[0] : o.at.range[0]);
    for (const o of pending.sort((a, b) => startOf(a) - startOf(b))) outer.report(o);
  },
};

function checkContext(ctx: JsRuleContext, fn: Node, context: string | TSESTree.ObjectPattern): void {
  const reported = new Set<string>();
  const report = (member: string, opts: Omit<ReportOptions, 'data'> & { data: Record<string, string> }) => {
    if (reported.has(member)) return;
    reported.add(member);
    ctx.report(opts);
  };
  const reportMember = (member: string, expr: string, at: Node, parent: Node | undefined, parentOf: Node) => {
    const info = CONTEXT_MEMBERS[member];
    if (member === 'callbackWaitsForEmptyEventLoop') {
      report(member, { messageId: 'waitsForEmptyEventLoop', data: { expr }, at, severity: 'warning' });
      return;
    }
    if (!info) return;
    const called = parent?.type === 'CallExpression' && parent.callee === parentOf;
    // `context.identity?.cognitoIdentityId` survives a missing value; `context.invokedFunctionArn.split(':')` does not.
    const derefed = parent?.type === 'MemberExpression' && parent.object === parentOf && !parent.optional;
    if (info.kind === 'method') report(member, { messageId: 'contextMethod', data: { expr, what: info.what }, at, severity: 'warning' });
    else if (info.kind === 'legacy') report(member, { messageId: 'contextLegacy', data: { expr, what: info.what }, at, severity: 'warning' });
    else if (!called)
      report(member, {
        messageId: derefed ? 'contextValueDeref' : 'contextValue',
        data: { expr, what: info.what },
        at,
        severity: derefed ? 'warning' : 'info',
      });
  };
  if (typeof context !== 'string') {
    // `async (event, { awsRequestId, getRemainingTimeInMillis })`
    for (const p of context.properties) {
      if (p.type === 'Property' && p.key.type === 'Identifier') reportMember(p.key.name, `context.${p.key.name}`, p, undefined, p);
    }
    return;
  }
  const names = aliasesOf(fn, context);
  walk(fn, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (node.type === 'MemberExpression') {
      const p = memberPath(node);
      if (!p || p.length !== 2 || !names.has(p[0])) return;
      reportMember(p[1], p.join('.'), node, parent, node);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init) {
      // `const { awsRequestId } = context`
      const p = memberPath(node.init);
      if (!p || p.length !== 1 || !names.has(p[0])) return;
      for (const prop of node.id.properties) {
        if (prop.type === 'Property' && prop.key.type === 'Identifier') reportMember(prop.key.name, `${p[0]}.${prop.key.name}`, prop, undefined, prop);
      }
    }
  });
}

function checkCallback(
  ctx: JsRuleContext,
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
  name: string,
): void {
  let first: Node | undefined;
  walk(fn.body, (node) => {
    if (first) return 'skip';
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === name) first = node;
  });
  // A declared but unused third parameter is harmless: the runtime never waits on it.
  if (first) ctx.report({ messageId: 'callback', data: { name }, at: fn.params[2] as Node, severity: 'warning' });
}

/** True when the read only decides a branch (`if (process.env.AWS_LAMBDA_FUNCTION_NAME)`, `X ? a : b`, `X && …`). */
function isPresenceTest(node: Node, ancestors: readonly Node[]): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression' || a.type === 'WhileStatement') && a.test === child) return true;
    if (a.type === 'UnaryExpression' && a.operator === '!') {
      child = a;
      continue;
    }
    if (a.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(a.operator)) {
      const other = (a.left === child ? a.right : a.left) as Node;
      const emptyish =
        (other.type === 'Identifier' && other.name === 'undefined') || (other.type === 'Literal' && (other.value === null || other.value === ''));
      if (!emptyish) return false;
      child = a;
      continue;
    }
    // `X && …` tests presence; `X || 'local'` and `X ?? 'local'` already cope with its absence.
    if (a.type === 'LogicalExpression') return a.left === child;
    if (a.type === 'ChainExpression') {
      child = a;
      continue;
    }
    // `process.env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')` in a condition is still a test.
    if (a.type === 'MemberExpression' && a.object === child && ancestors[i - 1]?.type === 'CallExpression') {
      child = ancestors[i - 1];
      i--;
      continue;
    }
    // `const isLambda = !!process.env.AWS_LAMBDA_FUNCTION_NAME` and `Boolean(process.env.X)` are flags, not values.
    if (a.type === 'VariableDeclarator') return child !== node;
    if (a.type === 'CallExpression' && a.callee.type === 'Identifier' && a.callee.name === 'Boolean') return true;
    return false;
  }
  return false;
}

function checkEnv(ctx: JsRuleContext): void {
  const reported = new Set<string>();
  const report = (name: string, at: Node) => {
    if (reported.has(name) || !LAMBDA_ENV.test(name)) return;
    reported.add(name);
    if (name === 'AWS_LAMBDA_RUNTIME_API') ctx.report({ messageId: 'envRuntimeApi', data: { name }, at, severity: 'warning' });
    else ctx.report({ messageId: 'env', data: { name }, at });
  };
  walkTypes(ctx.ast, ['MemberExpression', 'VariableDeclarator'], (node, ancestors) => {
    if (node.type === 'MemberExpression') {
      const name = envName(node);
      if (!name) return;
      const parent = ancestors[ancestors.length - 1];
      // Writes (`process.env._HANDLER = …` in a harness) provide the value rather than depend on it.
      if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
      if (isPresenceTest(node, ancestors)) return;
      report(name, node);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init && memberPath(node.init)?.join('.') === 'process.env') {
      for (const p of node.id.properties) if (p.type === 'Property' && p.key.type === 'Identifier') report(p.key.name, p);
    }
  });
}

/**
 * The first use of the runtime's `awslambda` global, once per file; silent where the file binds the name itself or
 * checks for the global (`typeof awslambda !== 'undefined'`), which is code written to run elsewhere too.
 */
function checkAwsLambdaGlobal(ctx: JsRuleContext): void {
  if (AWSLAMBDA_BINDING.test(ctx.text) || /\btypeof\s+awslambda\b/.test(ctx.text)) return;
  let first: TSESTree.MemberExpression | undefined;
  walkTypes(ctx.ast, ['MemberExpression'], (node) => {
    if (first || node.type !== 'MemberExpression' || node.object.type !== 'Identifier' || node.object.name !== 'awslambda') return;
    first = node;
  });
  if (!first) return;
  const expr = first.property.type === 'Identifier' && !first.computed ? `awslambda.${first.property.name}` : 'awslambda';
  ctx.report({ messageId: 'awslambda', data: { expr }, at: first as Node, severity: 'warning' });
}

function hasHandlerExport(ctx: JsRuleContext): boolean {
  return conventionalHandlers(ctx.ast).length > 0 || findHandlers(ctx.ast, ctx.modules).length > 0;
}

function checkPaths(ctx: JsRuleContext): void {
  const reported = new Set<string>();
  let lambdaFile: boolean | undefined;
  const consider = (value: string, at: Node) => {
    if (!OPT_PATH.test(value) || reported.has(value)) return;
    if (LAYER_DIR.test(value)) {
      reported.add(value);
      ctx.report({ messageId: 'layerPath', data: { path: value }, at, severity: 'warning' });
      return;
    }
    // Other /opt paths are common in container code; they only point at a layer in a file that is a Lambda handler.
    lambdaFile ??= hasHandlerExport(ctx);
    if (!lambdaFile) return;
    reported.add(value);
    ctx.report({ messageId: 'optPath', data: { path: value }, at });
  };
  walkTypes(ctx.ast, ['Literal', 'TemplateLiteral', 'ImportDeclaration'], (node) => {
    if (node.type === 'Literal' || node.type === 'TemplateLiteral') {
      const s = stringValue(node) ?? (node.type === 'TemplateLiteral' ? (node.quasis[0].value.cooked ?? undefined) : undefined);
      if (s) consider(s.split(/[\s:;]/)[0], node);
    } else if (node.type === 'ImportDeclaration') {
      consider(String(node.source.value), node.source);
      return 'skip';
    }
  });
}

function checkWiring(ctx: JsRuleContext): void {
  const seen = new Set<string>();
  // Powertools Logger logs anywhere; what needs Lambda is handing it the Lambda context (`injectLambdaContext`, the
  // middleware or decorator, or `logger.addContext(context)`): reported there, once.
  let loggerImport: string | undefined;
  let contextCall: { node: Node; name: string } | undefined;
  walkTypes(ctx.ast, ['ImportDeclaration', 'CallExpression', 'ImportExpression'], (node) => {
    let spec: string | undefined;
    let at: Node = node;
    if (node.type === 'ImportDeclaration') {
      if (node.importKind === 'type') return 'skip';
      spec = String(node.source.value);
      at = node;
    } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
      spec = stringValue(node.arguments[0] as Node);
    } else if (node.type === 'ImportExpression') {
      spec = stringValue(node.source as Node);
    } else if (node.type === 'CallExpression' && !contextCall) {
      const callee = node.callee;
      const name =
        callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
      if (name === 'injectLambdaContext' || (name === 'addContext' && callee.type === 'MemberExpression')) contextCall = { node, name };
    }
    if (!spec) return;
    const pt = /^@aws-lambda-powertools\/([a-z-]+)/.exec(spec);
    // One finding per package: `@aws-lambda-powertools/logger/middleware` is the same Logger.
    const pkg = pt ? `@aws-lambda-powertools/${pt[1]}` : spec;
    if (seen.has(pkg)) return;
    if (pt?.[1] === 'logger') {
      seen.add(pkg);
      loggerImport = spec;
    } else if (pt && POWERTOOLS[pt[1]]) {
      seen.add(pkg);
      const info = POWERTOOLS[pt[1]];
      ctx.report({ messageId: 'powertools', data: { module: spec, tool: info.tool, breaks: info.breaks, todo: info.todo }, at, severity: info.severity });
    } else if (spec === '@middy/core' || spec === 'middy') {
      seen.add(spec);
      ctx.report({ messageId: 'middy', data: { module: spec }, at });
    }
  });
  // `injectLambdaContext` is Powertools' name wherever the logger comes from (a shared module's instance); a bare
  // `addContext` only with the Logger imported here.
  if (contextCall && (loggerImport || contextCall.name === 'injectLambdaContext')) {
    const info = POWERTOOLS.logger;
    ctx.report({
      messageId: 'powertools',
      data: {
        module: loggerImport ?? '@aws-lambda-powertools/logger',
        tool: info.tool,
        breaks: info.breaks.replace('{call}', contextCall.name),
        todo: info.todo,
      },
      at: contextCall.node,
    });
  }
}
