import { parameterNames, stringHead, stringValue, type PyNode } from '../../python/ast';
import { importsModule } from '../../python/module';
import { envRead } from '../../python/scope';
import type { PyRule, PyRuleContext } from './types';
import { forEachOfType, handlerAt, range } from './util';
import { nodesOfType } from '../../parsers/treesitter';
import { LAMBDA_RUNTIME_ENV_NEEDS } from '../../langs/common';

/** Attributes of the Lambda context object (Python runtime). */
const CONTEXT_ATTRS = new Set([
  'get_remaining_time_in_millis',
  'aws_request_id',
  'function_name',
  'function_version',
  'invoked_function_arn',
  'memory_limit_in_mb',
  'log_group_name',
  'log_stream_name',
  'identity',
  'client_context',
  'tenant_id',
]);
/** Unique enough to match on any receiver. */
const UNAMBIGUOUS_ATTRS = new Set(['get_remaining_time_in_millis', 'aws_request_id', 'invoked_function_arn', 'memory_limit_in_mb']);
const CONTEXT_PARAM = /^_?(context|ctx|lambda_context)$/;

const RUNTIME_ENV = /^(AWS_LAMBDA_[A-Z_]+|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|AWS_EXECUTION_ENV|_HANDLER|_X_AMZN_TRACE_ID)$/;

const POWERTOOLS_HANDLER_DECORATORS = new Set(['inject_lambda_context', 'capture_lambda_handler', 'log_metrics']);

/** True when the expression only tests for the variable (a guard or a flag), which simply reads false off Lambda. */
function isPresenceTest(n: PyNode): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (child.field === 'condition') return true;
    if (p.type === 'not_operator' || p.type === 'boolean_operator') return true;
    if (p.type === 'comparison_operator') return p.namedChildren.some((c) => c.type === 'none');
    if (p.type === 'call' && p.get('function')?.text === 'bool') return true;
    if (p.type !== 'parenthesized_expression' && p.type !== 'argument_list') return false;
  }
  return false;
}

export const pyRuntimeCoupling: PyRule = {
  language: 'python',
  // A context attribute by name, a Lambda-only variable, an /opt path, a Powertools module.
  needs: [...CONTEXT_ATTRS, ...LAMBDA_RUNTIME_ENV_NEEDS, '/opt', 'aws_lambda_powertools'],
  meta: {
    id: 'python/runtime-coupling',
    category: 'runtime-coupling',
    severity: 'info',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Code that reads the Lambda context object, Lambda-only environment variables, layer paths under /opt or Powertools handler decorators needs a replacement when it runs in a Pod.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/python-context.html',
    },
    messages: {
      remaining:
        "`{expr}` asks Lambda how long the invocation has left; a Pod has no such deadline object, so this fails with AttributeError. Pass a deadline in (e.g. from the Job's activeDeadlineSeconds or a request timeout) and compute the remaining time from it.",
      context:
        '`{expr}` reads the Lambda context object, which does not exist in a Pod. Supply the value yourself there (a request id from a header or uuid4, the name from the Deployment) or pass a small context stub.',
      env: "`{name}` is set only by the Lambda runtime, so in a Pod it is missing and this read raises or returns None. Set the value in the Deployment's env, or derive it another way.",
      opt: "`{path}` points into /opt, where Lambda extracts layers; a container in a Pod has nothing there. Copy the layer's files into the image and point this path at them.",
      powertools:
        '`@{decorator}` expects a Lambda context object (function name, request id, cold-start flag), which a Pod does not pass. Remove it there or call the handler with a context stub that provides those attributes.',
      powertoolsMetrics:
        '`@{decorator}` flushes Powertools metrics as EMF lines on stdout, which become CloudWatch metrics only on Lambda: in a Pod they are silently dropped. Ship them with the CloudWatch agent or Fluent Bit EMF support, or publish metrics another way.',
      powertoolsTracer:
        '`@{decorator}` sends its segments to X-Ray through the Lambda service integration; in a Pod they go nowhere. Run an X-Ray daemon or ADOT collector in the cluster and point AWS_XRAY_DAEMON_ADDRESS at it.',
      powertoolsEvent:
        '`@{decorator}` parses the Lambda event into a Powertools data class; in a Pod nothing delivers that event shape. Build it from what the Pod receives (a queue message, an HTTP request), or read the payload directly.',
      powertoolsBatch:
        '`@{decorator}` answers with `batchItemFailures`, which only an event source mapping acts on. The queue consumer that replaces it must read that list and delete only the successful messages.',
    },
  },
  check(ctx: PyRuleContext) {
    const contextNames = new Set<string>();
    for (const n of nodesOfType(ctx.root, 'function_definition')) {
      const params = parameterNames(n);
      // Methods are not Lambda entries (and gRPC servicers take a `context` of their own).
      if (params[0] !== 'self' && params[0] !== 'cls' && params[1] && CONTEXT_PARAM.test(params[1])) contextNames.add(params[1]);
    }
    for (const h of ctx.handlers) if (h.context) contextNames.add(h.context);
    const seen = new Set<string>();
    const powertools = importsModule(ctx.module, new Set(['aws_lambda_powertools']));
    // What a walk skipping strings' insides (f-string interpolations) would meet.
    forEachOfType(ctx, ['attribute', 'call', 'subscript', 'string', 'decorator'], (n, ancestors) => {
      if (ancestors.some((a) => a.type === 'string')) return;
      if (n.type === 'attribute') {
        const attr = n.get('attribute')?.text ?? '';
        const obj = n.get('object');
        if (!CONTEXT_ATTRS.has(attr) || !obj) return;
        if (!UNAMBIGUOUS_ATTRS.has(attr) && !(obj.type === 'identifier' && contextNames.has(obj.text))) return;
        const key = `${obj.text}.${attr}`;
        // Once per handler: what one handler reads counts for the functions whose handler it is (RawFinding.handlers).
        const handler = handlerAt(ctx, n);
        const once = `${handler ?? ''}\u0000${key}`;
        if (seen.has(once)) return;
        seen.add(once);
        const isRemaining = attr === 'get_remaining_time_in_millis';
        ctx.report({
          messageId: isRemaining ? 'remaining' : 'context',
          data: { expr: key },
          at: range(n),
          severity: isRemaining ? 'warning' : undefined,
          handler,
        });
        return;
      }
      if (n.type === 'call' || n.type === 'subscript') {
        const name = envRead(n, ctx.module.bindings);
        // A read with a default (`os.environ.get(NAME, 'local')`) already copes with the variable's absence.
        const hasDefault = n.type === 'call' && (n.get('arguments')?.namedChildren.length ?? 0) > 1;
        if (name && RUNTIME_ENV.test(name) && !hasDefault && !isPresenceTest(n) && !seen.has(`env:${name}`)) {
          seen.add(`env:${name}`);
          ctx.report({ messageId: 'env', data: { name }, at: range(n) });
        }
        return;
      }
      if (n.type === 'string') {
        const v = stringValue(n) ?? stringHead(n);
        if (v && (v === '/opt' || v.startsWith('/opt/')) && !seen.has(`opt:${v}`)) {
          seen.add(`opt:${v}`);
          ctx.report({ messageId: 'opt', data: { path: v.length > 60 ? `${v.slice(0, 57)}...` : v }, at: range(n) });
        }
        return;
      }
      if (n.type === 'decorator') {
        const expr = n.namedChildren[0];
        const callee = expr?.type === 'call' ? expr.get('function') : expr;
        if (!callee) return;
        const q = ctx.qualified(callee) ?? ctx.typeOf(callee);
        const last = callee.type === 'attribute' ? callee.get('attribute')?.text : callee.text;
        const fromPowertools = q?.startsWith('aws_lambda_powertools') || (powertools && last !== undefined && POWERTOOLS_HANDLER_DECORATORS.has(last));
        if (
          fromPowertools &&
          (POWERTOOLS_HANDLER_DECORATORS.has(last ?? '') ||
            /lambda_handler_decorator|event_source|idempotent|batch_processor|async_batch_processor/.test(last ?? ''))
        ) {
          // What each decorator leans on: the metrics pipeline, X-Ray, the event shape, the batch response; the context.
          const kind = /^log_metrics$/.test(last ?? '')
            ? { messageId: 'powertoolsMetrics', severity: 'warning' as const }
            : /^capture_lambda_handler$/.test(last ?? '')
              ? { messageId: 'powertoolsTracer' }
              : /^event_source$/.test(last ?? '')
                ? { messageId: 'powertoolsEvent' }
                : /batch_processor$/.test(last ?? '')
                  ? { messageId: 'powertoolsBatch' }
                  : { messageId: 'powertools' };
          ctx.report({ ...kind, data: { decorator: callee.text }, at: range(n) });
        }
      }
    });
  },
};
