import { argument, numberValue, unparen, type PyNode } from '../../python/ast';
import { serviceEntryStart } from '../../python/scope';
import type { PyRule, PyRuleContext } from './types';
import { bindingCall, boundedBy, forEachCall, forEachOfType, range, streamingSubscribers } from './util';

/** Sleeps shorter than this are retries and back-offs, not waits worth a finding in the editor. */
const SLEEP_REPORT_SECONDS = 10;

/** `while running:` / `while self._alive:` style flags that a signal handler flips: the loop runs until shutdown. */
const RUN_FLAG = /^(self\.)?_?(running|is_running|keep_running|should_run|alive|is_alive)$/;

function isForeverCondition(cond: PyNode | undefined): boolean {
  const c = unparen(cond);
  if (!c) return false;
  if (c.type === 'true') return true;
  if (c.type === 'integer' && numberValue(c) !== 0) return true;
  if (RUN_FLAG.test(c.text)) return true;
  // while not stop_event.is_set():
  if (c.type === 'not_operator') {
    const arg = unparen(c.get('argument'));
    return arg?.type === 'call' && /\.is_set$/.test(arg.get('function')?.text ?? '');
  }
  return false;
}

/** Exceptions that end a loop on purpose when caught around it (`while True: stack.pop()` until empty). */
const LOOP_END_EXCEPTIONS = /^(StopIteration|StopAsyncIteration|KeyError|IndexError|LookupError|EOFError|(queue\.)?Empty|_Stop)$/;
/** A `raise` under a condition like these bounds the loop (deadline, retry budget), unlike an error re-raise. */
const BOUND_CONDITION = /deadline|timeout|time\(|monotonic|attempt|retr|tries|max_|limit/i;

function caughtAround(loop: PyNode): boolean {
  for (let p = loop.parent; p && p.type !== 'function_definition'; p = p.parent) {
    if (p.type !== 'try_statement') continue;
    for (const clause of p.namedChildren.filter((c) => c.type === 'except_clause')) {
      const types = clause.namedChildren.filter((c) => c.type !== 'block').flatMap((c) => (c.type === 'as_pattern' ? [c.namedChildren[0]] : [c]));
      const names = types.flatMap((t) => (t?.type === 'tuple' ? t.namedChildren : [t])).map((t) => t?.text ?? '');
      if (names.some((n) => LOOP_END_EXCEPTIONS.test(n))) return true;
    }
  }
  return false;
}

/**
 * A `break` of this loop, a `return` or `yield` inside it (a generator runs only as far as its consumer pulls), or a
 * bounding `raise` (not inside nested functions; nested loops own their breaks).
 */
function hasExit(loop: PyNode): boolean {
  if (caughtAround(loop)) return true;
  let found = false;
  const visit = (n: PyNode, loopDepth: number) => {
    if (found) return;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return;
    if (n.type === 'return_statement' || n.type === 'yield') found = true;
    if (n.type === 'break_statement' && loopDepth === 0) found = true;
    if (n.type === 'raise_statement') {
      for (let p = n.parent; p && p !== loop; p = p.parent) if (p.type === 'if_statement' && BOUND_CONDITION.test(p.get('condition')?.text ?? '')) found = true;
    }
    const nested = n !== loop && (n.type === 'while_statement' || n.type === 'for_statement');
    for (const c of n.namedChildren) visit(c, loopDepth + (nested ? 1 : 0));
  };
  for (const c of loop.namedChildren) if (c.field !== 'condition') visit(c, 0);
  return found;
}

function mentionsRemainingTime(n: PyNode): boolean {
  return n.text.includes('get_remaining_time_in_millis');
}

const CONSUMER_TYPES = new Set(['kafka.KafkaConsumer', 'kafka.consumer.KafkaConsumer', 'aiokafka.AIOKafkaConsumer', 'aiokafka.consumer.AIOKafkaConsumer']);

/** Queue types of broker and store clients (in-process queues, whose drain ends with what this process put in, are not). */
const EXTERNAL_QUEUE_TYPE = /^(redis|rq|kombu|pika|boto3|aioboto3|azure|google\.cloud|kafka|confluent_kafka|nats|huey|hotqueue)\./;
/** Clients of brokers and stores, whose queues other processes keep filling. */
const EXTERNAL_QUEUE_CODE = /\b(redis|boto3|sqs|pika|kombu|kafka|azure|google\.cloud|rq|llen|get_queue_attributes|ApproximateNumberOfMessages)\b/;

/**
 * `while not q.empty():` / `while q.qsize() > 0:` over a queue that lives outside the process (a Redis list, an SQS
 * queue behind a wrapper, an rq queue): producers keep filling it, so the drain has no end in sight. The receiver's
 * type decides: a third-party client, or a class of this module whose code talks to a broker or store.
 */
function externalDrain(ctx: PyRuleContext, cond: PyNode | undefined): PyNode | undefined {
  let c = unparen(cond);
  if (c?.type === 'not_operator') c = unparen(c.get('argument'));
  if (c?.type === 'comparison_operator') c = unparen(c.namedChildren[0]);
  if (c?.type !== 'call') return undefined;
  const fn = c.get('function');
  const method = fn?.type === 'attribute' ? fn.get('attribute')?.text : undefined;
  if (!method || !/^(empty|is_empty|qsize|count|size)$/.test(method)) return undefined;
  const recv = fn!.get('object')!;
  const t = ctx.typeOf(recv);
  if (t) return EXTERNAL_QUEUE_TYPE.test(t) ? recv : undefined;
  // `q = RedisQueue("jobs")` with the class defined in this module.
  const ctor = bindingCall(ctx.root, recv.text)?.get('function');
  const cls = ctor?.type === 'identifier' ? ctx.root.namedChildren.find((s) => s.type === 'class_definition' && s.get('name')?.text === ctor.text) : undefined;
  return cls && EXTERNAL_QUEUE_CODE.test(cls.text) ? recv : undefined;
}

/** `while True: time.sleep(3600)`: a loop that only keeps the process alive for a server or consumer started before it. */
function isKeepAlive(ctx: PyRuleContext, loop: PyNode): boolean {
  const body = loop.get('body');
  if (!body) return false;
  return body.namedChildren.every((s) => {
    if (s.type === 'pass_statement' || s.type === 'comment') return true;
    let e = s.type === 'expression_statement' ? unparen(s.namedChildren[0]) : undefined;
    if (e?.type === 'await') e = unparen(e.namedChildren[0]);
    const q = e?.type === 'call' ? ctx.qualified(e.get('function')) : undefined;
    return q === 'time.sleep' || q === 'asyncio.sleep';
  });
}

const WATCH_TYPES = new Set(['kubernetes.watch.Watch', 'kubernetes.watch.watch.Watch']);

/** `w.stream(v1.list_namespaced_pod, ns)` on a `kubernetes.watch.Watch()`, or `watch.Watch().stream(...)`. */
function isKubernetesWatch(ctx: PyRuleContext, call: PyNode): boolean {
  const fn = call.get('function');
  if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'stream') return false;
  const recv = unparen(fn.get('object'));
  const t = recv?.type === 'call' ? ctx.qualified(recv.get('function')) : ctx.typeOf(recv);
  return t !== undefined && WATCH_TYPES.has(t);
}

export const pyLongRunning: PyRule = {
  language: 'python',
  // A `while` loop; a Kafka consumer or Redis pub/sub iterated; a streaming subscriber consumed (Pub/Sub, Azure, NATS);
  // a sleep; RabbitMQ, Celery, asyncio or Tornado run loops (each by its method, or its module for Celery and Tornado).
  // A Kubernetes operator (kopf) or a watch of the Kubernetes API (kubernetes.watch.Watch).
  needs: [
    'while',
    'kafka',
    'listen',
    'pubsub',
    'azure',
    'nats',
    'sleep',
    'start_consuming',
    'worker_main',
    'celery',
    'tornado',
    'run_forever',
    'kopf',
    'Watch',
  ],
  meta: {
    id: 'python/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Loops and consumers that run until the process stops cannot run on Lambda, where every invocation ends at its timeout (900 s at most).',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      loop: '`{head}` loops until the process stops, but a Lambda invocation is killed at its timeout (900 s at most). Let an event source mapping (SQS, Kinesis, Kafka) deliver batches to the handler, or bound the loop with `context.get_remaining_time_in_millis()`.',
      consumer:
        '{what} consumes messages forever, which no Lambda invocation can do (900 s at most). Use an event source mapping ({source}) so Lambda polls and invokes the handler with batches, or keep this consumer on Kubernetes.',
      subscriber:
        '{what} waits for pushed messages until the process stops, which no Lambda invocation can do (900 s at most). Deliver the messages through an event source instead ({source}), or keep this consumer on Kubernetes.',
      drain:
        '`{head}` drains `{queue}`, a queue outside this process that producers keep filling, so the loop runs for as long as messages arrive, past any Lambda timeout (900 s at most). Let an event source mapping (SQS, Amazon MQ, Kafka) deliver batches to the handler, or stop when `context.get_remaining_time_in_millis()` runs low.',
      sleep:
        '`{call}` waits {seconds} s inside the invocation: the wait is billed, and it fails once it passes the function timeout (900 s at most). Use a Step Functions Wait state or an EventBridge Scheduler one-time schedule for delays.',
      operator:
        '`{what}` makes this a Kubernetes operator (kopf): it watches the Kubernetes API and reconciles objects for as long as the process lives, as part of the cluster it manages, which no Lambda function can be. Keep it on Kubernetes with the resources it manages; if those move off Kubernetes, the operator goes with them rather than to Lambda.',
      watch:
        '`{what}` watches the Kubernetes API, streaming every change for as long as the process lives: a controller of the cluster, not request/response work, and no invocation outlasts 900 s. Keep it on Kubernetes, or react to changes through events (EventBridge rules on the AWS resources that replace them).',
      runForever:
        '`{call}` keeps an event loop running until the process stops, but a Lambda invocation ends at its timeout. Run the work for one event with `asyncio.run(...)` in the handler instead.',
    },
  },
  check(ctx: PyRuleContext) {
    const forever: PyNode[] = [];
    const service = serviceEntryStart(ctx.root, ctx.module.bindings);
    for (const s of streamingSubscribers(ctx)) {
      if (s.role === 'consume') ctx.report({ messageId: 'subscriber', data: { what: s.what, source: s.source }, at: s.at, mentions: 'timeout' });
    }
    forEachOfType(ctx, ['while_statement', 'for_statement'], (n) => {
      if (n.type === 'while_statement') {
        const cond = n.get('condition');
        const drained = externalDrain(ctx, cond);
        if (drained && !hasExit(n) && !mentionsRemainingTime(n)) {
          forever.push(n);
          ctx.report({ messageId: 'drain', data: { head: `while ${cond!.text}`, queue: drained.text }, at: [n.start, cond!.end], mentions: 'timeout' });
          return;
        }
        if (!isForeverCondition(cond) || hasExit(n) || mentionsRemainingTime(n)) return;
        forever.push(n);
        // The server or consumer this loop keeps alive has its own finding; the loop adds nothing to it.
        if (service && service.node !== n && isKeepAlive(ctx, n)) return;
        ctx.report({ messageId: 'loop', data: { head: `while ${cond!.text}` }, at: [n.start, cond!.end] });
      } else if (n.type === 'for_statement') {
        const right = n.get('right');
        if (!right || mentionsRemainingTime(n)) return;
        const t = ctx.typeOf(right);
        // kafka-python stops iterating after consumer_timeout_ms of silence.
        // The call that opened it (a search of the whole module: only for a consumer).
        const opened = () => (right.type === 'call' ? right : bindingCall(ctx.root, right.text));
        if (t && CONSUMER_TYPES.has(t) && !boundedBy(opened(), ['consumer_timeout_ms'], undefined, 0.001)) {
          ctx.report({
            messageId: 'consumer',
            data: { what: `Iterating \`${right.text}\` (KafkaConsumer)`, source: 'Amazon MSK or self-managed Kafka' },
            at: [n.start, right.end],
          });
        } else if (right.type === 'call' && isKubernetesWatch(ctx, right)) {
          ctx.report({ messageId: 'watch', data: { what: right.get('function')!.text + '(...)' }, at: [n.start, right.end], severity: 'error' });
        } else if (right.type === 'call' && /\.listen$/.test(right.get('function')?.text ?? '')) {
          const recv = ctx.typeOf(right.get('function')!.get('object'));
          if (recv?.startsWith('redis') && recv.endsWith('pubsub')) {
            ctx.report({
              messageId: 'consumer',
              data: { what: `\`${right.text}\` (Redis pub/sub)`, source: 'SNS or EventBridge in place of pub/sub' },
              at: [n.start, right.end],
            });
          }
        }
      }
    });
    let operator = false;
    forEachCall(ctx, (call, ancestors) => {
      const fn = call.get('function');
      const q = ctx.qualified(fn);
      // One finding per module, at its first kopf handler (`@kopf.on.update(...)`) or `kopf.run()`.
      if (q && (/^kopf\.on\.\w+$/.test(q) || q === 'kopf.run' || q === 'kopf.operator')) {
        if (!operator)
          ctx.report({
            messageId: 'operator',
            data: { what: q === 'kopf.run' || q === 'kopf.operator' ? `${fn!.text}()` : `@${fn!.text}` },
            at: range(call),
            severity: 'error',
          });
        operator = true;
        return;
      }
      if (q === 'time.sleep' || q === 'asyncio.sleep') {
        const seconds = numberValue(argument(call, 0, q === 'asyncio.sleep' ? 'delay' : undefined));
        if (seconds === undefined || seconds < SLEEP_REPORT_SECONDS) return;
        if (ancestors.some((a) => forever.includes(a))) return;
        ctx.report({ messageId: 'sleep', data: { call: call.text, seconds }, at: range(call), minDurationSeconds: seconds, mentions: 'timeout' });
        return;
      }
      if (fn?.type !== 'attribute') return;
      const method = fn.get('attribute')?.text;
      // Typed only for the methods that ask (most calls are none of them).
      const recvType = method === 'start' || method === 'run_forever' ? ctx.typeOf(fn.get('object')) : undefined;
      if (method === 'start_consuming') {
        ctx.report({ messageId: 'consumer', data: { what: `\`${call.text}\` (RabbitMQ/pika)`, source: 'Amazon MQ for RabbitMQ' }, at: range(call) });
      } else if (method === 'worker_main' || (method === 'start' && recvType?.startsWith('celery') && /Worker$/.test(recvType))) {
        ctx.report({
          messageId: 'consumer',
          data: { what: `\`${fn.text}(...)\` (Celery worker)`, source: 'SQS, with one function per task type' },
          at: range(call),
        });
      } else if (method === 'run_forever' && (recvType?.startsWith('asyncio') || /loop/i.test(fn.get('object')?.text ?? ''))) {
        ctx.report({ messageId: 'runForever', data: { call: call.text }, at: range(call) });
      } else if (method === 'start' && recvType?.startsWith('tornado.ioloop.IOLoop')) {
        ctx.report({ messageId: 'runForever', data: { call: call.text }, at: range(call) });
      }
    });
  },
};
