import { forEachNode, walk, type SyntaxNode } from '../../parsers/treesitter';
import {
  enclosingMember,
  HOSTED_SERVICE_BASES,
  hostedServiceBase,
  invokedName,
  isRequestMethod,
  receiverOf,
  simpleType,
  unparen,
  usesNamespace,
} from '../../csharp/module';
import type { CsRule, CsRuleContext } from './types';
import { callLabel, memberLabel, range } from './util';

const TIMERS = new Set(['Timer', 'PeriodicTimer']);
/** The node types the check acts on. */
const VISITED = ['class_declaration', 'object_creation_expression', 'invocation_expression'];
/** Calls (`Owner.Method`, as spawnKey spells them) that start work in the background. */
const SPAWNS = new Set([
  'Task.Run',
  'Task.Factory.StartNew',
  'ThreadPool.QueueUserWorkItem',
  'ThreadPool.UnsafeQueueUserWorkItem',
  'BackgroundJob.Enqueue',
  'BackgroundJob.Schedule',
]);
/** A thread started by `Start()` (spawnKey's key for a Thread receiver). */
const THREAD_START = 'Thread.Start';
/** Calls that register a recurring job with an in-process scheduler. */
const SCHEDULERS = new Set(['RecurringJob.AddOrUpdate', 'StdSchedulerFactory']);

/** True when the member waits for work it started (`await`, `Task.WhenAll`, `.Wait()`, `.Result`, `Join()`). */
function waits(member: SyntaxNode, call: SyntaxNode): boolean {
  let found = false;
  walk(member, (n) => {
    if (found || (n.type === 'lambda_expression' && n !== member)) return 'skip';
    if (n.type === 'invocation_expression' && /^(WhenAll|WaitAll|WhenAny|Wait|Join)$/.test(invokedName(n) ?? '')) found = true;
    if (n.type === 'member_access_expression' && simpleType(n.get('name')) === 'Result') found = true;
  });
  if (found) return true;
  // `await Task.Run(...)`, `var t = Task.Run(...); … await t;`, `return Task.Run(...)`.
  let p = call.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  if (p?.type === 'await_expression' || p?.type === 'return_statement' || p?.type === 'arrow_expression_clause') return true;
  const declarator =
    p?.type === 'variable_declarator'
      ? p.get('name')?.text
      : p?.type === 'assignment_expression' && p.get('left')?.text !== '_'
        ? p.get('left')?.text
        : undefined;
  if (!declarator) return false;
  let awaited = false;
  walk(member, (n) => {
    if (n.type === 'await_expression' && unparen(n.namedChildren[0])?.text === declarator) awaited = true;
  });
  return awaited;
}

function spawnKey(ctx: CsRuleContext, call: SyntaxNode): string | undefined {
  if (call.type === 'object_creation_expression') return undefined;
  const fn = call.get('function');
  const recv = receiverOf(call);
  const name = invokedName(call) ?? '';
  if (fn?.type !== 'member_access_expression' || !recv) return undefined;
  const owner = recv.text.replace(/\s+/g, '');
  if (/^[A-Z][\w.]*$/.test(owner) && !ctx.module.types.has(owner)) return `${owner}.${name}`;
  // `new Thread(...).Start()`, `t.Start()` on a Thread.
  if (name === 'Start' && (ctx.typeOf(recv) === 'Thread' || (recv.type === 'object_creation_expression' && simpleType(recv.get('type')) === 'Thread')))
    return THREAD_START;
  return undefined;
}

export const csBackgroundWork: CsRule = {
  language: 'csharp',
  // Every report names one of these: a hosted-service base in a class's base list, a timer type after `new`, or the
  // class of a spawn or scheduler call (spawnKey's owner is the receiver as written, and a Thread receiver's type is a
  // name this file declares it with or builds it from).
  needs: [...new Set([...HOSTED_SERVICE_BASES, ...TIMERS, ...[...SPAWNS, ...SCHEDULERS, THREAD_START].map((key) => key.split('.')[0])])],
  meta: {
    id: 'csharp/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Hosted services (BackgroundService, IHostedService), timers, recurring jobs and tasks a request does not await keep working between requests, but Lambda freezes the execution environment once the handler returns.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      hosted:
        '`{name}` is a hosted service ({base}): it runs in the background for the life of the process, which Lambda freezes between invocations, so its loop runs late or never. Move the work to its own function triggered by SQS or an EventBridge schedule, or keep this worker on Kubernetes.',
      timer:
        '{label} fires on a timer, which needs a process that stays alive between requests; Lambda freezes the environment after each invocation, so the callbacks run late or never. Use an EventBridge schedule that invokes a function instead.',
      scheduler:
        '{label} registers a recurring job with an in-process scheduler, which never runs while Lambda keeps the environment frozen. Use an EventBridge schedule that invokes a function instead.',
      spawn:
        '{label} in `{member}` starts work the request does not await; Lambda freezes the environment when the handler returns, so it stalls or is lost. Await it (or `Task.WhenAll` the tasks) before returning, or send the work to its own function through SQS or EventBridge.',
    },
  },
  check(ctx) {
    const timers = usesNamespace(ctx.module, /^System\.(Threading|Timers)$/) || /System\.(Threading|Timers)\.Timer/.test(ctx.text);
    // The nodes a walk of the whole tree would act on, in its order, from the copy's type index; local-only code (and
    // everything in it) is left out as the walk skipped it.
    forEachNode(
      ctx.root,
      VISITED,
      (n, ancestors) => {
        if (n.type === 'class_declaration') {
          const base = hostedServiceBase(n);
          if (base) ctx.report({ messageId: 'hosted', data: { name: n.get('name')?.text ?? '', base }, at: range(n.get('name') ?? n) });
          return;
        }
        if (n.type === 'object_creation_expression') {
          if (TIMERS.has(simpleType(n.get('type')) ?? '') && (timers || simpleType(n.get('type')) === 'PeriodicTimer'))
            ctx.report({ messageId: 'timer', data: { label: callLabel(n) }, at: range(n) });
          return;
        }
        if (n.type !== 'invocation_expression') return;
        const key = spawnKey(ctx, n);
        if (!key) return;
        if (SCHEDULERS.has(key)) {
          ctx.report({ messageId: 'scheduler', data: { label: callLabel(n) }, at: range(n) });
          return;
        }
        if (!SPAWNS.has(key) && key !== THREAD_START) return;
        const member = enclosingMember(ancestors);
        if (!member || !isRequestMethod(member) || waits(member, n)) return;
        ctx.report({ messageId: 'spawn', data: { label: callLabel(n), member: memberLabel(member) }, at: range(n) });
      },
      ctx.isLocalOnly,
    );
  },
};
