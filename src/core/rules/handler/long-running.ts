import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, isFunctionNode, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import { busyWaitFunctions, constInits, mentionsName, numericValue, propValue, sleepMs, stripTs, syncSleepMs } from '../../js/flow';
import { resolveRef, type Binding } from '../../js/module';
import { isLocalOnly } from '../../js/scope';
import type { JsRule } from '../types';

type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

const BLOCKING_POPS = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'bzpopmin',
  'bzpopmax',
  'xread',
  'xreadgroup',
  'blPop',
  'brPop',
  'xRead',
  'xReadGroup',
  'blMove',
]);

function formatDuration(seconds: number): string {
  if (seconds >= 7200) return `${+(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 120) return `${+(seconds / 60).toFixed(1)} min`;
  return `${+seconds.toFixed(1)} s`;
}

function isLoop(n: Node): n is Loop {
  return n.type === 'WhileStatement' || n.type === 'DoWhileStatement' || n.type === 'ForStatement';
}

/** Walks a loop body without entering nested functions. */
function walkBody(root: Node, enter: (n: Node, anc: readonly Node[]) => void): void {
  walk(root, (n, anc) => {
    if (n !== root && isFunctionNode(n)) return 'skip';
    enter(n, anc);
    return undefined;
  });
}

function isAlwaysTrue(test: Node | null | undefined): boolean {
  if (!test) return true;
  const t = stripTs(test);
  return !!t && t.type === 'Literal' && !!t.value;
}

/** A `break`/`return`/`throw` that leaves this loop (breaks inside nested loops or switches do not count unless labelled). */
function hasExit(loop: Loop): boolean {
  let found = false;
  walkBody(loop.body as Node, (n, anc) => {
    if (found) return;
    if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') found = true;
    if (n.type === 'BreakStatement') {
      if (n.label) found = true;
      else if (
        !anc
          .slice(anc.indexOf(loop.body as Node) + 1)
          .some((a) => isLoop(a) || a.type === 'SwitchStatement' || a.type === 'ForOfStatement' || a.type === 'ForInStatement')
      )
        found = true;
    }
  });
  return found;
}

const RETRY_LIMIT = /\b\w*(max|attempt|retr(y|ies)|limit)\w*\b/i;

/** A retry loop: an `if` on an attempt counter or limit that leaves the loop (`if (attempt >= maxAttempts) throw e`). */
function hasRetryGuard(loop: Loop, text: string): boolean {
  let found = false;
  walkBody(loop.body as Node, (n) => {
    if (found || n.type !== 'IfStatement') return;
    const t = n.test as Node;
    if (!RETRY_LIMIT.test(text.slice(t.range[0], t.range[1]))) return;
    walkBody(n.consequent as Node, (c) => {
      if (c.type === 'ThrowStatement' || c.type === 'ReturnStatement' || c.type === 'BreakStatement') found = true;
    });
  });
  return found;
}

function mentionsClock(n: Node): boolean {
  let found = false;
  walk(n, (c) => {
    if (found) return 'skip';
    const p = c.type === 'CallExpression' ? memberPath(c.callee as Node)?.join('.') : undefined;
    if (p === 'Date.now' || p === 'performance.now' || (p && /\.getTime$/.test(p))) found = true;
    if (c.type === 'NewExpression' && c.callee.type === 'Identifier' && c.callee.name === 'Date') found = true;
  });
  return found;
}

const LOOP_WHILE = '\\bwhile\\b';
const LOOP_FOR = '\\bfor\\b(?!\\s*(?:await\\b|\\(\\s*(?:const|let|var)\\s+[\\w$\\[\\]{},\\s]+?\\s+(?:of|in)\\b))';
/** The pre-filter's literals besides the loops: sleeps, blocking pops, receiveMessage, retry and queue libraries. */
const OTHER_LITERALS = [
  'setTimeout',
  'timers',
  'sleep',
  'delay',
  '\\bwait\\b',
  'pause',
  'snooze',
  'Atomics',
  'deasync',
  'blpop',
  'brpop',
  'blmove',
  'bzpop',
  'xread',
  'blPop',
  'brPop',
  'blMove',
  'xRead',
  'receiveMessage',
  '[`\'"](?:async|async-retry|p-retry|promise-retry|retry)[`\'"]',
  'bull',
  'bee-queue',
  'sqs-consumer',
  'kafkajs',
  'amqp',
  'redis',
];
const OTHER_TEXT = new RegExp(OTHER_LITERALS.join('|'));

export const longRunning: JsRule = {
  language: 'js',
  // A finding needs a loop that is not a for-of/for-in (`while`, `do … while`, `for (;;)`: clock and count bounds are
  // read only on those, and a busy-wait function is a `while` on the clock), a sleep (setTimeout, timers/promises, a
  // `sleep`/`delay`/`wait`/`pause`/`snooze` helper, Atomics.wait, deasync), a blocking pop or receiveMessage, a retry
  // library or a queue consumer library: each spelled in the text.
  needs: [LOOP_WHILE, LOOP_FOR, ...OTHER_LITERALS],
  // Without any of the other literals, only a loop whose condition is missing, a literal or the clock can report.
  gate: (f) => OTHER_TEXT.test(f.text) || f.longLoop(),
  meta: {
    id: 'handler/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'A Lambda invocation ends at its timeout (at most 900 s); unbounded loops, long polls and forever-running consumers do not fit.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      timeBound:
        'This loop keeps going for up to {duration}, longer than a Lambda invocation may run (at most 900 s), so it is killed mid-way. Check `context.getRemainingTimeInMillis()` and hand the rest to a new invocation or a Step Functions wait, or run it as a container job.',
      countBound:
        "This polling loop can take {duration} ({count} rounds of {sleep}), which can outlast the function's timeout and get it killed mid-way. Bound it with `context.getRemainingTimeInMillis()`, or use a Step Functions wait state instead of sleeping in the function.",
      forever:
        'This loop never ends, but a Lambda invocation is stopped at its timeout (at most 900 s). Process a bounded batch per invocation (let an event source such as SQS drive it), or keep this worker on a container platform.',
      pollUnbounded:
        "This loop polls (sleeps or blocks between rounds) with no time bound, so it can outlast the function's timeout (at most 900 s) and be killed mid-way. Stop when `context.getRemainingTimeInMillis()` runs low, or replace polling with an event (SQS, EventBridge, Step Functions).",
      sleep:
        "This sleeps for {duration}, longer than the function's timeout allows, and Lambda bills the idle time. Use a Step Functions wait state or an EventBridge Scheduler one-off schedule instead.",
      retryBudget:
        "`{call}` may keep retrying for {duration} ({retries} retries, waiting up to {wait} between them), so under a sustained failure the invocation is killed at its timeout (900 s at most) mid-retry instead of failing cleanly. Keep the retry budget under the function's timeout (or check `context.getRemainingTimeInMillis()`), or let the event source retry (SQS redelivery, a Step Functions Retry).",
      consumer:
        '{what} consumes messages forever, but a Lambda invocation ends at its timeout (at most 900 s) and the environment is frozen between invocations. Use a Lambda event source mapping ({mapping}) and export a handler for each batch, or keep the consumer on Kubernetes.',
    },
  },
  check(ctx) {
    const { bindings, modules } = ctx.modules;
    const consts = constInits(ctx.ast);
    const inReportedLoop = new Set<Node>();
    const busyWaits = busyWaitFunctions(ctx.ast);
    const hasAny = (...ms: string[]) => ms.some((m) => modules.has(m));

    walkTypes(ctx.ast, ['WhileStatement', 'DoWhileStatement', 'ForStatement', 'AwaitExpression', 'CallExpression', 'NewExpression'], (node, ancestors) => {
      if (isLoop(node)) {
        if (mentionsName(node, 'getRemainingTimeInMillis') || isLocalOnly(node, ancestors)) return;
        // `while (true) yield …` in a generator runs only as far as its consumer pulls.
        const fn = enclosingFunction(ancestors);
        if (fn && isFunctionNode(fn) && fn.generator) return;
        const test = node.test as Node | null;
        let sleep: number | undefined;
        let blocking = false;
        walkBody(node.body as Node, (n) => {
          if (n.type === 'AwaitExpression') {
            const ms = sleepMs(n.argument as Node, bindings, consts);
            if (ms !== undefined) sleep = sleep === undefined || Number.isNaN(sleep) ? ms : Number.isNaN(ms) ? sleep : Math.max(sleep, ms);
          }
          if (n.type === 'CallExpression') {
            const p = memberPath(n.callee as Node);
            if (p && BLOCKING_POPS.has(p[p.length - 1])) blocking = true;
            if (p && p[p.length - 1] === 'receiveMessage') blocking = true;
            // A synchronous sleep (busy-wait, Atomics.wait, `sleep` package) blocks just like an awaited one.
            const ms = syncSleepMs(n, bindings, consts, busyWaits);
            if (ms !== undefined) sleep = sleep === undefined || Number.isNaN(sleep) ? ms : Number.isNaN(ms) ? sleep : Math.max(sleep, ms);
          }
        });
        const polls = sleep !== undefined || blocking;
        const report = (messageId: string, data: Record<string, string | number>, minDurationSeconds?: number, severity?: 'info') => {
          walkBody(node.body as Node, (n) => inReportedLoop.add(n));
          ctx.report({ messageId, data, at: [node.range[0], (node.body as Node).range[0]], minDurationSeconds, mentions: 'timeout', severity });
        };
        // Time-bounded: `Date.now() - start < 20 * 60 * 1000`, `Date.now() < deadline` with `deadline = Date.now() + X`.
        if (test && mentionsClock(test)) {
          const ms = clockBound(test, consts);
          if (ms !== undefined) return void report('timeBound', { duration: formatDuration(ms / 1000) }, ms / 1000);
        }
        if (test && !mentionsClock(test)) {
          const count = countBound(test, consts);
          if (count !== undefined) {
            if (sleep !== undefined && !Number.isNaN(sleep)) {
              const seconds = (count * sleep) / 1000;
              report('countBound', { duration: formatDuration(seconds), count, sleep: formatDuration(sleep / 1000) }, seconds);
            }
            return;
          }
        }
        if (isAlwaysTrue(test)) {
          if (!hasExit(node)) return void report('forever', {});
          if (polls && !hasRetryGuard(node, ctx.text)) return void report('pollUnbounded', {});
          return;
        }
        if (polls) report('pollUnbounded', {}, undefined, 'info');
        return;
      }
      if (node.type === 'AwaitExpression' && !inReportedLoop.has(node) && !ancestors.some(isLoop)) {
        const ms = sleepMs(node.argument as Node, bindings, consts);
        if (ms !== undefined && !Number.isNaN(ms) && ms >= 1000 && !isLocalOnly(node, ancestors)) {
          ctx.report({ messageId: 'sleep', data: { duration: formatDuration(ms / 1000) }, at: node, minDurationSeconds: ms / 1000, mentions: 'timeout' });
        }
        return;
      }
      if (node.type === 'CallExpression' && !inReportedLoop.has(node) && !ancestors.some(isLoop)) {
        const ms = syncSleepMs(node, bindings, consts, busyWaits);
        if (ms !== undefined && !Number.isNaN(ms) && ms >= 1000 && !isLocalOnly(node, ancestors)) {
          ctx.report({ messageId: 'sleep', data: { duration: formatDuration(ms / 1000) }, at: node, minDurationSeconds: ms / 1000, mentions: 'timeout' });
          return;
        }
      }
      if (node.type === 'CallExpression') {
        const r = retryBudget(node, bindings, consts);
        if (r && r.seconds >= RETRY_REPORT_SECONDS && !isLocalOnly(node, ancestors)) {
          ctx.report({
            messageId: 'retryBudget',
            data: { call: r.call, duration: formatDuration(r.seconds), retries: r.retries, wait: formatDuration(r.longestWait) },
            at: node,
            minDurationSeconds: r.seconds,
            mentions: 'timeout',
          });
          return;
        }
      }
      if (node.type === 'CallExpression' || node.type === 'NewExpression') {
        const c = consumerKind(node, bindings, hasAny);
        if (c && !isLocalOnly(node, ancestors)) ctx.report({ messageId: 'consumer', data: c, at: node, mentions: 'timeout' });
      }
    });
  },
};

/** Retry budgets shorter than this are ordinary resilience, not worth a finding whatever the timeout. */
const RETRY_REPORT_SECONDS = 60;

/**
 * The longest a retry helper may wait in all, from its literal options: async's `retry({ times, interval })`, and
 * the exponential back-off of async-retry, p-retry, promise-retry and retry's `operation` (`retries`, `minTimeout`,
 * `factor`, `maxTimeout`, with their defaults for what is not given). Only an explicit retry count is judged.
 */
function retryBudget(
  call: TSESTree.CallExpression,
  bindings: Map<string, Binding>,
  consts: Map<string, Node>,
): { call: string; seconds: number; retries: number; longestWait: number } | undefined {
  const ref = resolveRef(call.callee as Node, bindings);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1];
  const label = `${memberPath(call.callee as Node)?.join('.') ?? 'retry'}(...)`;
  const objectArg = (): Node | undefined => {
    for (const a of call.arguments) {
      let o = stripTs(a as Node);
      if (o?.type === 'Identifier') o = stripTs(consts.get(o.name));
      if (o?.type === 'ObjectExpression') return o;
    }
    return undefined;
  };
  const num = (o: Node, key: string) => numericValue(propValue(o, key), consts);
  if (ref.module === 'async' && last === 'retry') {
    const o = objectArg();
    const times = o && num(o, 'times');
    const interval = o && num(o, 'interval');
    if (!times || interval === undefined) return undefined;
    return { call: label, seconds: ((times - 1) * interval) / 1000, retries: times - 1, longestWait: interval / 1000 };
  }
  const exponential =
    (ref.module === 'async-retry' || ref.module === 'p-retry' || ref.module === 'promise-retry') && (ref.path.length === 0 || last === 'default');
  if (exponential || (ref.module === 'retry' && last === 'operation')) {
    const o = objectArg();
    const retries = o && num(o, 'retries');
    if (!o || !retries || retries < 1 || retries > 1000) return undefined;
    const minTimeout = num(o, 'minTimeout') ?? 1000;
    const factor = num(o, 'factor') ?? 2;
    const maxTimeout = num(o, 'maxTimeout') ?? Infinity;
    let total = 0;
    let longest = 0;
    for (let i = 0; i < retries; i++) {
      const wait = Math.min(minTimeout * factor ** i, maxTimeout);
      total += wait;
      longest = Math.max(longest, wait);
    }
    return { call: label, seconds: total / 1000, retries, longestWait: longest / 1000 };
  }
  return undefined;
}

function consumerKind(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  bindings: Map<string, { module: string; path: string[] }>,
  hasAny: (...ms: string[]) => boolean,
): { what: string; mapping: string } | undefined {
  const ref = resolveRef(node.callee as Node, bindings);
  const last = ref?.path[ref.path.length - 1];
  if (node.type === 'NewExpression') {
    if (ref?.module === 'bullmq' && last === 'Worker') return { what: 'A BullMQ `Worker`', mapping: 'SQS instead of Redis queues' };
    return undefined;
  }
  if (ref?.module === 'sqs-consumer' && last === 'create') return { what: 'An sqs-consumer `Consumer`', mapping: 'an SQS event source mapping' };
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const m = callee.property.name;
  const arg = stripTs(node.arguments[0] as Node);
  if (
    m === 'run' &&
    hasAny('kafkajs') &&
    arg?.type === 'ObjectExpression' &&
    arg.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && /^each(Message|Batch)$/.test(p.key.name))
  ) {
    return { what: 'A kafkajs consumer (`run`)', mapping: 'an MSK or self-managed Kafka event source mapping' };
  }
  if (m === 'consume' && hasAny('amqplib', 'amqplib/callback_api', 'amqp-connection-manager'))
    return { what: 'An AMQP `consume`', mapping: 'an Amazon MQ (RabbitMQ) event source mapping' };
  if (m === 'process' && hasAny('bull', 'bee-queue') && node.arguments.length >= 1)
    return { what: 'A Bull queue processor', mapping: 'SQS instead of Redis queues' };
  if ((m === 'subscribe' || m === 'psubscribe' || m === 'pSubscribe') && hasAny('ioredis', 'redis', '@redis/client') && !hasAny('rxjs')) {
    return { what: `A Redis \`${m}\``, mapping: 'SNS or EventBridge instead of pub/sub' };
  }
  return undefined;
}

/** The duration in ms a clock-based loop test allows, when its bound is a literal. */
function clockBound(test: Node, consts: Map<string, Node>): number | undefined {
  const t = stripTs(test);
  if (!t || t.type !== 'BinaryExpression') {
    if (t?.type === 'LogicalExpression') return clockBound(t.left as Node, consts) ?? clockBound(t.right as Node, consts);
    return undefined;
  }
  if (!['<', '<=', '>', '>='].includes(t.operator)) return undefined;
  const [clockSide, other] = mentionsClock(t.left as Node) ? [t.left as Node, t.right as Node] : [t.right as Node, t.left as Node];
  // `Date.now() - start < D`
  const direct = numericValue(other, consts);
  if (direct !== undefined && stripTs(clockSide)?.type === 'BinaryExpression') return direct;
  // `Date.now() < start + D` or `Date.now() < deadline` (deadline = Date.now() + D)
  let o = stripTs(other);
  if (o?.type === 'Identifier' && consts.has(o.name)) o = stripTs(consts.get(o.name));
  if (o?.type === 'BinaryExpression' && o.operator === '+') return numericValue(o.right as Node, consts) ?? numericValue(o.left as Node, consts);
  return undefined;
}

/** `i < N`, `attempts <= N`, `N > i`: the number of rounds, when N is a literal. */
function countBound(test: Node, consts: Map<string, Node>): number | undefined {
  const t = stripTs(test);
  if (!t || t.type !== 'BinaryExpression') return undefined;
  const r = numericValue(t.right as Node, consts);
  const l = numericValue(t.left as Node, consts);
  if (r !== undefined && (t.operator === '<' || t.operator === '<=')) return t.operator === '<=' ? r + 1 : r;
  if (l !== undefined && (t.operator === '>' || t.operator === '>=')) return t.operator === '>=' ? l + 1 : l;
  return undefined;
}
