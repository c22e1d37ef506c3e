import { forEachNode, walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, enclosingClass, enclosingMember, hostedServiceBase, invokedName, isProgramCode, receiverOf, unparen } from '../../csharp/module';
import { LAMBDA_SIDE, TOKEN_GAP } from '../../langs/common';
import type { CsRule, CsRuleContext } from './types';
import { forEachCall, memberLabel, range } from './util';

/** Sleeps shorter than this are retries and back-offs, not waits worth a finding. */
const SLEEP_REPORT_SECONDS = 10;
/** `while (running)`, `while (_isRunning)`: the loop runs until shutdown sets the flag. */
const RUN_FLAG = /^(this\.)?_?(running|isRunning|keepRunning|shouldRun|alive|active|IsRunning|KeepRunning)$/;
/** `while (!stopped)`, `while (!token.IsCancellationRequested)`: the loop runs until shutdown. */
const STOP_FLAG =
  /^(this\.)?_?(stopped|stopping|shutdown|closed|done|cancelled|canceled|terminated|disposed|IsStopped|IsShutdown)$|(^|\.)IsCancellationRequested$/;
/** A `throw` under a condition like these bounds the loop (deadline, retry budget), unlike an error re-throw. */
const BOUND_CONDITION = /deadline|timeout|DateTime\.(Utc)?Now|Stopwatch|Elapsed|attempt|retr|tries|max|limit|RemainingTime/i;
/** Nodes whose bodies run elsewhere (a callback, a local function): their exits do not leave the loop. */
const NESTED_CODE = new Set(['lambda_expression', 'anonymous_method_expression', 'local_function_statement']);
const LOOPS = new Set(['while_statement', 'do_statement', 'for_statement', 'foreach_statement']);
/** Accepting connections: the loop is the server, which csharp/listening-server reports. */
const ACCEPT = /\.(AcceptTcpClient|AcceptTcpClientAsync|AcceptSocket|AcceptSocketAsync|AcceptAsync|Accept|GetContext|GetContextAsync)\s*\(/;

/**
 * When the loop runs until the process stops: `{}` for `while (true)`, `for (;;)` and `do … while (true)`, and the
 * flag for `while (running)`, `while (!stopped)`, `while (!token.IsCancellationRequested)` (an assignment to it in the
 * loop ends the loop). Undefined for any other loop.
 */
function foreverLoop(loop: SyntaxNode): { flag?: string } | undefined {
  if (loop.type === 'for_statement') return loop.get('condition') ? undefined : {};
  const c = unparen(loop.get('condition'));
  if (!c) return undefined;
  if (c.type === 'boolean_literal') return c.text === 'true' ? {} : undefined;
  const text = c.text.replace(/\s+/g, '');
  if (RUN_FLAG.test(text)) return { flag: text };
  if (c.type === 'prefix_unary_expression' && c.children.some((t) => !t.named && t.type === '!')) {
    const operand = (unparen(c.namedChildren[0])?.text ?? '').replace(/\s+/g, '');
    if (STOP_FLAG.test(operand)) return { flag: operand };
  }
  return undefined;
}

/**
 * A `break` that leaves the loop, a `return`, a `yield` (an iterator's loop runs only as far as its caller reads), a
 * `goto`, `Environment.Exit`, a `throw` under a deadline or retry-budget condition, or an assignment to the loop's flag
 * (`done = true`), not inside lambdas or local functions, whose exits leave only themselves.
 */
function hasExit(loop: SyntaxNode, flag: string | undefined): boolean {
  const bare = flag?.replace(/^this\./, '');
  let found = false;
  const visit = (n: SyntaxNode, nested: boolean) => {
    if (found || NESTED_CODE.has(n.type)) return;
    if (n.type === 'return_statement' || n.type === 'goto_statement' || n.type === 'yield_statement') found = true;
    else if (n.type === 'break_statement') {
      if (!nested) found = true;
    } else if (n.type === 'throw_statement' || n.type === 'throw_expression') {
      for (let p = n.parent; p && p !== loop; p = p.parent) if (p.type === 'if_statement' && BOUND_CONDITION.test(p.get('condition')?.text ?? '')) found = true;
    } else if (n.type === 'invocation_expression' && /^Environment\.(Exit|FailFast)\s*\(/.test(n.text)) found = true;
    else if (
      bare &&
      n.type === 'assignment_expression' &&
      n
        .get('left')
        ?.text.replace(/\s+/g, '')
        .replace(/^this\./, '') === bare
    )
      found = true;
    const inner = n !== loop && (LOOPS.has(n.type) || n.type === 'switch_statement');
    for (const c of n.namedChildren) visit(c, nested || inner);
  };
  for (const c of loop.namedChildren) if (c.field !== 'condition') visit(c, false);
  return found;
}

interface Consumer {
  what: string;
  source: string;
}

/** A receive from a queue, stream or list inside the loop: Kafka's `Consume`, SQS's `ReceiveMessage`, RabbitMQ's `BasicGet`, a Redis list pop. */
function consumerIn(ctx: CsRuleContext, loop: SyntaxNode): Consumer | undefined {
  let what: Consumer | undefined;
  walk(loop, (n) => {
    if (what || NESTED_CODE.has(n.type)) return 'skip';
    if (n.type !== 'invocation_expression') return;
    const name = invokedName(n) ?? '';
    const recv = receiverOf(n);
    const about = `${ctx.typeOf(recv) ?? ''} ${recv?.text ?? ''}`;
    if (name === 'Consume' && /consumer/i.test(about)) what = { what: 'Kafka', source: 'an Amazon MSK or self-managed Kafka event source mapping' };
    else if (/^ReceiveMessage(Async)?$/.test(name) && /sqs/i.test(about)) what = { what: 'SQS', source: 'an SQS event source mapping' };
    else if (name === 'BasicGet') what = { what: 'RabbitMQ', source: 'an Amazon MQ for RabbitMQ event source mapping' };
    else if (/^(ListLeftPop|ListRightPop|ListRightPopLeftPush)(Async)?$/.test(name))
      what = { what: 'a Redis list', source: 'an SQS queue in place of the list, with its event source mapping (Lambda has no Redis trigger)' };
  });
  return what;
}

const SPAN_UNITS: Record<string, number> = { FromMilliseconds: 0.001, FromSeconds: 1, FromMinutes: 60, FromHours: 3600, FromDays: 86400 };

/** A literal number of milliseconds (`30000`, `30_000`, `30 * 1000`), or a literal `TimeSpan.FromX(n)`, in seconds. */
function waitSeconds(arg: SyntaxNode | undefined): number | undefined {
  const a = unparen(arg);
  if (!a) return undefined;
  if (a.type === 'integer_literal') {
    const n = Number(a.text.replace(/_/g, '').replace(/[uUlL]+$/, ''));
    return Number.isFinite(n) ? n / 1000 : undefined;
  }
  if (a.type === 'binary_expression' && a.children.some((t) => !t.named && t.type === '*')) {
    const l = waitSeconds(a.get('left'));
    const r = waitSeconds(a.get('right'));
    // Both sides read as milliseconds: the product is l*1000 * r*1000 ms.
    return l !== undefined && r !== undefined ? l * r * 1000 : undefined;
  }
  if (a.type === 'invocation_expression') {
    const fn = a.get('function');
    const owner = fn?.type === 'member_access_expression' ? fn.get('expression')?.text : undefined;
    const unit = SPAN_UNITS[invokedName(a) ?? ''];
    const n = unparen(callArgs(a)[0]);
    if (owner !== 'TimeSpan' || unit === undefined || (n?.type !== 'integer_literal' && n?.type !== 'real_literal')) return undefined;
    const v = Number(n.text.replace(/_/g, '').replace(/[dDfFmM]$/, ''));
    return Number.isFinite(v) ? v * unit : undefined;
  }
  return undefined;
}

/** `Timeout.Infinite`, `Timeout.InfiniteTimeSpan`, `-1`: a wait that never ends. */
const INFINITE = /^(System\.Threading\.)?Timeout\.Infinite(TimeSpan)?$|^-\s*1$/;

/** `Thread.Sleep(...)` or `Task.Delay(...)` → the wait in seconds when its argument is a literal, Infinity for an endless wait. */
function sleepSeconds(call: SyntaxNode): number | undefined {
  const name = invokedName(call);
  const owner = receiverOf(call)?.text;
  if (!((owner === 'Thread' && name === 'Sleep') || (owner === 'Task' && name === 'Delay'))) return undefined;
  const arg = callArgs(call)[0];
  if (arg && INFINITE.test(arg.text.replace(/\s+/g, ''))) return Infinity;
  return waitSeconds(arg);
}

/** Hosted services run for the life of the process: csharp/background-work reports the class. */
function inHostedService(ancestors: readonly SyntaxNode[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'class_declaration') return hostedServiceBase(a) !== undefined;
  }
  return false;
}

export const csLongRunning: CsRule = {
  language: 'csharp',
  meta: {
    id: 'csharp/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Loops and consumers that run until the process stops, and long waits, cannot run on Lambda, where every invocation ends at its timeout (900 s at most).',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      loop: '`{head}` in `{member}` loops until the process stops, but a Lambda invocation is killed at its timeout (900 s at most). Let an event source mapping (SQS, Kinesis, Kafka) deliver batches to a handler, or end the loop before `context.RemainingTime` runs out.',
      consumer:
        '`{head}` in `{member}` polls {what} for as long as the process lives, which no Lambda invocation can do (900 s at most). Use {source}: Lambda then polls for you and invokes the handler with batches. Or keep this consumer on Kubernetes.',
      forever:
        '`{call}` waits forever, so the program lives until it is stopped, serving what it started (consumers, subscriptions, timers), which no Lambda invocation can do (900 s at most). Make each unit of that work an event a handler receives (SQS, EventBridge), or keep this program on Kubernetes.',
      sleep:
        '`{call}` waits {seconds} s inside the invocation: the wait is billed, and it fails once it passes the function timeout (900 s at most). Use a Step Functions Wait state or an EventBridge Scheduler one-time schedule for delays.',
    },
  },
  // Every loop head it reports spells one of these (a `for` without a condition has its `;;`), and a wait names Sleep or
  // Delay.
  needs: [
    'true',
    `;${TOKEN_GAP}*;`,
    'unning',
    'Run',
    'IsCancellationRequested',
    'stop',
    'Stop',
    'shutdown',
    'Shutdown',
    'closed',
    'done',
    'cancel',
    'terminated',
    'disposed',
    'alive',
    'active',
    'Sleep',
    'Delay',
  ],
  check(ctx) {
    if (LAMBDA_SIDE.test(ctx.text)) return;
    const forever: SyntaxNode[] = [];
    forEachNode(
      ctx.root,
      ['while_statement', 'for_statement', 'do_statement'],
      (n, ancestors) => {
        const kind = foreverLoop(n);
        if (!kind || hasExit(n, kind.flag) || /\bRemainingTime\b/.test(n.text) || ACCEPT.test(n.text)) return;
        forever.push(n);
        const consumer = consumerIn(ctx, n);
        // A hosted service's loop is csharp/background-work's finding, unless it polls a queue: that says what replaces it.
        if (!consumer && inHostedService(ancestors)) return;
        const cond = n.get('condition');
        const head = n.type === 'for_statement' ? 'for (;;)' : n.type === 'do_statement' ? `do … while (${cond?.text ?? ''})` : `while (${cond?.text ?? ''})`;
        const member = enclosingMember(ancestors) ?? (ancestors.some((a) => a.type === 'global_statement') ? undefined : enclosingClass(n));
        const label = member ? memberLabel(member) : 'the top-level statements';
        // A loop in `Main` or in top-level statements runs only when the assembly is started as a program.
        const programOnly = isProgramCode(ancestors);
        // The head: `do`, `for`, or `while (…)` through its closing parenthesis.
        const close = cond ? ctx.text.indexOf(')', cond.end) : -1;
        const end = n.type === 'do_statement' ? n.start + 2 : n.type === 'for_statement' ? n.start + 3 : close >= 0 ? close + 1 : n.start + 5;
        if (consumer) ctx.report({ messageId: 'consumer', data: { head, member: label, ...consumer }, at: [n.start, end], programOnly });
        else ctx.report({ messageId: 'loop', data: { head, member: label }, at: [n.start, end], programOnly });
      },
      ctx.isLocalOnly,
    );
    forEachCall(ctx, (call, ancestors) => {
      if (call.type !== 'invocation_expression') return;
      const seconds = sleepSeconds(call);
      if (seconds === undefined || seconds < SLEEP_REPORT_SECONDS) return;
      if (ancestors.some((a) => forever.includes(a)) || inHostedService(ancestors)) return;
      const text = call.text.replace(/\s+/g, ' ');
      if (seconds === Infinity) {
        ctx.report({ messageId: 'forever', data: { call: text }, at: range(call), programOnly: isProgramCode(ancestors) });
        return;
      }
      ctx.report({
        messageId: 'sleep',
        data: { call: text.length > 60 ? `${text.slice(0, 57)}...` : text, seconds },
        at: range(call),
        minDurationSeconds: seconds,
        mentions: 'timeout',
        programOnly: isProgramCode(ancestors),
      });
    });
  },
};
