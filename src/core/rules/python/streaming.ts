import { boundName, callArgs, enclosingFunction, numberValue, unparen, walk, type PyNode } from '../../python/ast';
import type { PyRuleContext } from './types';

/**
 * Streaming subscribers: clients that hold a connection open and wait for a broker to push messages (Google Pub/Sub
 * streaming pull, Azure Service Bus and Event Hubs receivers, NATS subscriptions, Kafka consumers). Shared by
 * python/long-lived-connection (the subscription holds a connection) and python/long-running (consuming blocks until
 * the process stops). Bounded pulls (`subscriber.pull(...)`, `receive_messages(max_wait_time=5)`) are not streaming.
 */
export interface Subscriber {
  at: [number, number];
  /** `connect`: where the streaming subscription is opened; `consume`: where the code blocks receiving. */
  role: 'connect' | 'consume';
  what: string;
  /** What delivers the same messages to a Lambda function. */
  source: string;
}

const PUBSUB_SUBSCRIBER = /^google\.cloud\.pubsub(_v1)?\.(SubscriberClient|subscriber\.Client)$/;
const PUBSUB_SOURCE = 'a Pub/Sub push subscription to the function\'s URL or an API Gateway endpoint';
const AZURE_SOURCE = 'Lambda has no Azure trigger: forward the messages to SQS or EventBridge, which do';
const KAFKA_SOURCE = 'an Amazon MSK or self-managed Kafka event source mapping';
const NATS_SOURCE = 'Lambda has no NATS trigger: bridge the subjects to SQS or EventBridge, which do';

const KAFKA_CONSUMERS = /^(kafka\.(consumer\.)?KafkaConsumer|aiokafka\.(consumer\.)?AIOKafkaConsumer|confluent_kafka\.(Consumer|DeserializingConsumer))$/;
const NATS_CLIENTS = /^nats\.(connect|aio\.client\.Client|NATS)$/;

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.length > 50 ? `${t.slice(0, 47)}...` : t;
}

/** The call a name was bound from (`x = call(...)`, `with call(...) as x`), searched in the whole module. */
export function bindingCall(root: PyNode, name: string): PyNode | undefined {
  let found: PyNode | undefined;
  walk(root, (n) => {
    if (found) return 'skip';
    let value: PyNode | undefined;
    if (n.type === 'assignment' && n.get('left')?.text === name) value = n.get('right');
    else if (n.type === 'as_pattern' && n.get('alias')?.namedChildren[0]?.text === name) value = n.namedChildren[0];
    let v = unparen(value);
    if (v?.type === 'await') v = unparen(v.namedChildren[0]);
    if (v?.type === 'call') found = v;
  });
  return found;
}

/** A timeout argument that bounds the wait below Lambda's 900 s (`result(timeout=60)`, `max_wait_time=5`). */
export function boundedBy(call: PyNode | undefined, names: string[], positional?: number, unitSeconds = 1): boolean {
  if (!call) return false;
  const args = callArgs(call);
  let v: PyNode | undefined;
  for (const n of names) v ??= args.keywords.get(n);
  if (!v && positional !== undefined) v = args.positional[positional];
  if (!v) return false;
  if (v.type === 'none') return false;
  const value = numberValue(v);
  const seconds = value === undefined ? undefined : value * unitSeconds;
  // A timeout read from configuration is a bound the code chose; only a literal above 900 s is not one.
  return seconds === undefined || seconds <= 900;
}

/** Calls `<receiver>.<method>(...)` inside `scope`. */
function callsOn(scope: PyNode, receiver: string, method: string): PyNode[] {
  const out: PyNode[] = [];
  walk(scope, (n) => {
    if (n.type !== 'call') return;
    const fn = n.get('function');
    if (fn?.type === 'attribute' && fn.get('attribute')?.text === method && fn.get('object')?.text === receiver) out.push(n);
  });
  return out;
}

export function streamingSubscribers(ctx: PyRuleContext): Subscriber[] {
  const out: Subscriber[] = [];
  walk(ctx.root, (n, ancestors) => {
    if (ctx.isLocalOnly(n, ancestors)) return 'skip';
    if (n.type === 'call') {
      const fn = n.get('function');
      if (fn?.type !== 'attribute') return;
      const method = fn.get('attribute')?.text ?? '';
      const recv = fn.get('object')!;
      const t = ctx.typeOf(recv) ?? ctx.qualified(recv);
      const label = `\`${short(fn.text)}(...)\``;
      if (method === 'subscribe' && t && PUBSUB_SUBSCRIBER.test(t)) {
        // Pulled for a bounded time (`future.result(timeout=…)`, then cancelled) inside the call: opened and closed there.
        const future = boundName(n);
        const scope = enclosingFunction(ancestors) ?? ctx.root;
        const bounded = future !== undefined && callsOn(scope, future, 'result').some((r) => boundedBy(r, ['timeout'], 0));
        if (!bounded) out.push({ at: [n.start, n.end], role: 'connect', what: `${label} (Pub/Sub streaming pull)`, source: PUBSUB_SOURCE });
      } else if (method === 'result' && t && /^google\.cloud\.pubsub(_v1)?\..*\.subscribe$/.test(t)) {
        // `future.cancel(); future.result()` waits for the shutdown, which cancel has started.
        const scope = enclosingFunction(ancestors) ?? ctx.root;
        const cancelled = callsOn(scope, recv.text, 'cancel').some((c) => c.start < n.start);
        if (!cancelled && !boundedBy(n, ['timeout'], 0)) out.push({ at: [n.start, n.end], role: 'consume', what: `${label} on a Pub/Sub streaming pull`, source: PUBSUB_SOURCE });
      } else if ((method === 'receive' || method === 'receive_batch') && t && /^azure\.eventhub(\.aio)?\..*EventHubConsumerClient/.test(t)) {
        out.push({ at: [n.start, n.end], role: 'connect', what: `${label} (Event Hubs)`, source: AZURE_SOURCE });
        out.push({ at: [n.start, n.end], role: 'consume', what: `${label} (Event Hubs)`, source: AZURE_SOURCE });
      } else if (method === 'subscribe' && t && (NATS_CLIENTS.test(t) || KAFKA_CONSUMERS.test(t))) {
        const nats = NATS_CLIENTS.test(t);
        out.push({ at: [n.start, n.end], role: 'connect', what: `${label} (${nats ? 'NATS' : 'Kafka'} subscription)`, source: nats ? NATS_SOURCE : KAFKA_SOURCE });
      }
      return;
    }
    if (n.type !== 'for_statement') return;
    const right = unparen(n.get('right'));
    if (!right) return;
    const t = ctx.typeOf(right);
    const head: [number, number] = [n.start, right.end];
    const label = `\`for ... in ${short(right.text)}\``;
    if (t && /^azure\.servicebus(\.aio)?\..*get_(queue|subscription)_receiver$/.test(t)) {
      // Iterating a receiver waits for messages forever, unless it was opened with max_wait_time.
      const opened = right.type === 'call' ? right : bindingCall(ctx.root, right.text);
      if (boundedBy(opened, ['max_wait_time'])) return;
      out.push({ at: head, role: 'connect', what: `${label} (Service Bus receiver)`, source: AZURE_SOURCE });
      out.push({ at: head, role: 'consume', what: `${label} (Service Bus receiver)`, source: AZURE_SOURCE });
    } else if (t && KAFKA_CONSUMERS.test(t)) {
      const opened = right.type === 'call' ? right : bindingCall(ctx.root, right.text);
      // kafka-python stops iterating after consumer_timeout_ms of silence.
      if (boundedBy(opened, ['consumer_timeout_ms'], undefined, 0.001)) return;
      out.push({ at: head, role: 'connect', what: `${label} (Kafka consumer)`, source: KAFKA_SOURCE });
    } else if (right.type === 'attribute' && right.get('attribute')?.text === 'messages') {
      const st = ctx.typeOf(right.get('object'));
      if (st && /^nats\..*\.subscribe$/.test(st)) out.push({ at: head, role: 'consume', what: `${label} (NATS subscription)`, source: NATS_SOURCE });
    }
    return undefined;
  });
  return out;
}
