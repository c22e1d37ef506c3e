import { boundName, callArgs, enclosingFunction, numberValue, unparen, walk, type PyNode } from '../../python/ast';
import { forEachOutside } from '../../parsers/treesitter';
import type { PyRuleContext } from './types';

/** Last segment of a dotted name. */
export function lastName(q: string | undefined): string | undefined {
  return q?.slice(q.lastIndexOf('.') + 1);
}

export function range(n: PyNode): [number, number] {
  return [n.start, n.end];
}

/** The handler whose function holds `n`, by name (for RawFinding.handlers), if any. */
export function handlerAt(ctx: PyRuleContext, n: PyNode): string | undefined {
  return ctx.handlers.find((h) => n.start >= h.node.start && n.end <= h.node.end)?.name;
}

/** Visits every call outside local-only code (`__main__` blocks and not-on-Lambda guards). */
export function forEachCall(ctx: PyRuleContext, visit: (call: PyNode, ancestors: readonly PyNode[]) => void): void {
  forEachOfType(ctx, ['call'], visit);
}

/**
 * Visits the nodes of `types` outside local-only code, in the order a walk from the module meets them, from the type
 * index. The same as a walk that skips local-only subtrees: a node inside local-only code is local-only itself.
 */
export function forEachOfType(ctx: PyRuleContext, types: readonly string[], visit: (n: PyNode, ancestors: readonly PyNode[]) => void): void {
  // Made once per file and list of types (forEachOutside): several rules go through the same calls.
  forEachOutside(ctx.root, types, ctx.isLocalOnly, visit);
}

/**
 * The scope a name lives in: the enclosing function, or the module; for `self.x` the class, since another method
 * (`close`, `stop`, `__exit__`) may join or cancel what this one started.
 */
export function scopeOf(ctx: PyRuleContext, ancestors: readonly PyNode[], name?: string): PyNode {
  if (name?.startsWith('self.')) {
    for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i].type === 'class_definition') return ancestors[i];
  }
  return enclosingFunction(ancestors) ?? ctx.root;
}

/** Method calls `<receiver>.<method>(...)` inside `scope` whose receiver text is `receiver`. */
export function methodCallsOn(scope: PyNode, receiver: string, methods: ReadonlySet<string>): PyNode[] {
  const out: PyNode[] = [];
  walk(scope, (n) => {
    if (n.type !== 'call') return;
    const fn = n.get('function');
    if (fn?.type !== 'attribute') return;
    if (fn.get('object')?.text === receiver && methods.has(fn.get('attribute')?.text ?? '')) out.push(n);
  });
  return out;
}

/**
 * True when some `<name>.join()` in the scope waits for a thread or process: a join with no positional argument or
 * only a timeout (string joins always take an iterable). Threads gathered in a list and joined in a loop count too.
 */
export function hasWaitingJoin(scope: PyNode): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found || n.type !== 'call') return;
    const fn = n.get('function');
    if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'join') return;
    const obj = fn.get('object');
    if (!obj || obj.type === 'string' || obj.type === 'concatenated_string') return;
    const args = n.get('arguments')?.namedChildren ?? [];
    if (args.length === 0 || args.every((a) => a.type === 'keyword_argument' || a.type === 'integer' || a.type === 'float')) found = true;
  });
  return found;
}

/** True when the text `name` is read anywhere in `scope` other than at `except` (its own binding). */
export function isUsedElsewhere(scope: PyNode, name: string, except: PyNode): boolean {
  let used = false;
  walk(scope, (n) => {
    if (used) return 'skip';
    if (n === except) return 'skip';
    if ((n.type === 'identifier' || n.type === 'attribute') && n.text === name) {
      const p = n.parent;
      // Being the target of an assignment is not a use.
      if (p?.type === 'assignment' && n.field === 'left') return;
      used = true;
    }
  });
  return used;
}

/** `x = Call()` (or `with Call() as x`): the assignment's target text; statement-level discards return undefined. */
export function isDiscarded(call: PyNode): boolean {
  let n = call;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'await')) n = n.parent;
  return n.parent?.type === 'expression_statement';
}

/** True when the call is the context manager of a `with` statement (`with X(...) as y:` or `with X(...):`). */
export function isWithManaged(call: PyNode): boolean {
  let n = call;
  if (n.parent?.type === 'as_pattern') n = n.parent;
  return n.parent?.type === 'with_item';
}

/** Names that, in a cache variable, mean "optimisation" rather than shared state. */
export const CACHE_NAME = /(^|_)(cache|cached|memo|memoized|lru)(_|$)|cache$/i;

/**
 * Streaming subscribers: clients that hold a connection open and wait for a broker to push messages (Google Pub/Sub
 * streaming pull, Azure Service Bus and Event Hubs receivers, NATS subscriptions, Kafka consumers). Shared by
 * python/long-lived-connection (the subscription holds a connection) and python/long-running (consuming blocks until
 * the process stops). Bounded pulls (`subscriber.pull(...)`, `receive_messages(max_wait_time=5)`) are not streaming.
 */
interface Subscriber {
  at: [number, number];
  /** `connect`: where the streaming subscription is opened; `consume`: where the code blocks receiving. */
  role: 'connect' | 'consume';
  what: string;
  /** What delivers the same messages to a Lambda function. */
  source: string;
}

const PUBSUB_SUBSCRIBER = /^google\.cloud\.pubsub(_v1)?\.(SubscriberClient|subscriber\.Client)$/;
const PUBSUB_SOURCE = "a Pub/Sub push subscription to the function's URL or an API Gateway endpoint";
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

const SUBSCRIBER_METHODS = new Set(['subscribe', 'result', 'receive', 'receive_batch']);

export function streamingSubscribers(ctx: PyRuleContext): Subscriber[] {
  const out: Subscriber[] = [];
  forEachOfType(ctx, ['call', 'for_statement'], (n, ancestors) => {
    if (n.type === 'call') {
      const fn = n.get('function');
      if (fn?.type !== 'attribute') return;
      const method = fn.get('attribute')?.text ?? '';
      // The methods below: no other call's receiver need be typed.
      if (!SUBSCRIBER_METHODS.has(method)) return;
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
        if (!cancelled && !boundedBy(n, ['timeout'], 0))
          out.push({ at: [n.start, n.end], role: 'consume', what: `${label} on a Pub/Sub streaming pull`, source: PUBSUB_SOURCE });
      } else if ((method === 'receive' || method === 'receive_batch') && t && /^azure\.eventhub(\.aio)?\..*EventHubConsumerClient/.test(t)) {
        out.push({ at: [n.start, n.end], role: 'connect', what: `${label} (Event Hubs)`, source: AZURE_SOURCE });
        out.push({ at: [n.start, n.end], role: 'consume', what: `${label} (Event Hubs)`, source: AZURE_SOURCE });
      } else if (method === 'subscribe' && t && (NATS_CLIENTS.test(t) || KAFKA_CONSUMERS.test(t))) {
        const nats = NATS_CLIENTS.test(t);
        out.push({
          at: [n.start, n.end],
          role: 'connect',
          what: `${label} (${nats ? 'NATS' : 'Kafka'} subscription)`,
          source: nats ? NATS_SOURCE : KAFKA_SOURCE,
        });
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
