import type { SyntaxNode } from '../../parsers/treesitter';
import { forEachNode, nodesOfType, walk } from '../../parsers/treesitter';
import { callArgs, operatorOf, unparen } from '../../go/module';
import { LAMBDA_SIDE, TOKEN_GAP } from '../../langs/common';
import type { GoRule, GoRuleContext } from './types';
import { calleeName, forEachCall, range } from './util';

/** Sleeps shorter than this are retries and back-offs, not waits worth a finding. */
const SLEEP_REPORT_SECONDS = 10;
const UNITS: Record<string, number> = { Nanosecond: 1e-9, Microsecond: 1e-6, Millisecond: 1e-3, Second: 1, Minute: 60, Hour: 3600 };

/**
 * `30 * time.Second`, `time.Minute`, `2*time.Hour` → seconds. A number with no unit is a count of nanoseconds, as a
 * `time.Duration` is (`time.Sleep(5000)` waits 5 µs), and a factor of the unit it multiplies.
 */
function durationSeconds(ctx: GoRuleContext, n: SyntaxNode | undefined): number | undefined {
  const d = duration(ctx, n);
  return d === undefined ? undefined : d.unit ? d.value : d.value / 1e9;
}

/** A duration expression's value, in seconds when it names a unit (`unit`), else as the plain number it is. */
function duration(ctx: GoRuleContext, n: SyntaxNode | undefined): { value: number; unit: boolean } | undefined {
  const e = unparen(n);
  if (!e) return undefined;
  if (e.type === 'selector_expression') {
    const q = ctx.qualified(e);
    const seconds = q?.startsWith('time.') ? UNITS[q.slice(5)] : undefined;
    return seconds === undefined ? undefined : { value: seconds, unit: true };
  }
  if (e.type === 'int_literal' || e.type === 'float_literal') {
    const v = Number(e.text.replace(/_/g, ''));
    return Number.isFinite(v) ? { value: v, unit: false } : undefined;
  }
  if (e.type === 'binary_expression' && operatorOf(e) === '*') {
    const a = duration(ctx, e.get('left'));
    const b = duration(ctx, e.get('right'));
    return a !== undefined && b !== undefined ? { value: a.value * b.value, unit: a.unit || b.unit } : undefined;
  }
  return undefined;
}

/** A `case <-ctx.Done():` / `case <-quit:` clause: returning from it is shutting down, not finishing the work. */
function isShutdownCase(n: SyntaxNode): boolean {
  if (n.type !== 'communication_case') return false;
  const comm = n.get('communication')?.text.replace(/\s+/g, '') ?? '';
  return /<-\w+(\.\w+)*\.Done\(\)$|<-(quit|stop|done|shutdown|sig\w*|term\w*|exit\w*|ctx\.Done\(\))$/i.test(comm) || /Done\(\)$/.test(comm);
}

/**
 * `if ctx.Err() != nil {` (also `if err := ctx.Err(); err != nil`): its body runs once the context is cancelled, as a
 * `case <-ctx.Done():` does. The body only, not an `else`.
 */
function isCancelledCheck(n: SyntaxNode): boolean {
  if (n.type !== 'if_statement') return false;
  const cond = n.get('condition')?.text.replace(/\s+/g, '') ?? '';
  const init = n.get('initializer')?.text.replace(/\s+/g, '') ?? '';
  return /^\w+(\.\w+)*\.Err\(\)!=nil$/.test(cond) || (/^\w+:=\w+(\.\w+)*\.Err\(\)$/.test(init) && /^\w+!=nil$/.test(cond));
}

/**
 * True when a `for {}` loop can end: a `break` that leaves it (unlabelled ones inside a select, switch or inner loop
 * leave those instead), a `return` or `goto` not in a shutdown case (or a cancelled-context check), outside nested
 * function literals.
 */
function hasExit(loop: SyntaxNode, label: string | undefined, shutdownIsExit: boolean): boolean {
  let found = false;
  const visit = (n: SyntaxNode, inner: boolean, shutdown: boolean) => {
    if (found || n.type === 'func_literal') return;
    if (n.type === 'return_statement' || n.type === 'goto_statement') {
      if (!shutdown || shutdownIsExit) found = true;
      return;
    }
    if (n.type === 'break_statement') {
      const target = n.namedChildren[0]?.text;
      if (target ? target === label : !inner) found = true;
      return;
    }
    const nestsBreak =
      n !== loop &&
      (n.type === 'for_statement' || n.type === 'select_statement' || n.type === 'expression_switch_statement' || n.type === 'type_switch_statement');
    const cancelled = isCancelledCheck(n) ? n.get('consequence') : undefined;
    for (const c of n.namedChildren) visit(c, inner || nestsBreak, shutdown || isShutdownCase(n) || c === cancelled);
  };
  visit(loop, false, false);
  return found;
}

/** Delivery channels of message consumers: `for d := range msgs` runs as long as the subscription. */
function consumerOf(ctx: GoRuleContext, ch: SyntaxNode | undefined): string | undefined {
  const t = ctx.typeOf(ch) ?? '';
  if (/^github\.com\/(rabbitmq\/amqp091-go|streadway\/amqp)\..*\.Consume(WithContext)?$/.test(t)) return 'RabbitMQ';
  if (/^github\.com\/(IBM|Shopify)\/sarama\..*\.Messages$/.test(t)) return 'Kafka';
  return undefined;
}

/** Channels handed to `signal.Notify`. */
function signalChannels(ctx: GoRuleContext): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfType(ctx.root, 'call_expression')) {
    // The name qualified() gives ends with what the callee's text says: most calls need not be resolved.
    const f = n.get('function');
    if (f?.text.includes('Notify') && ctx.qualified(f) === 'os/signal.Notify') {
      const ch = callArgs(n)[0];
      if (ch) out.add(ch.text);
    }
  }
  return out;
}

/** The imports a cluster controller's file spells: only then are its calls looked at. */
const CLUSTER_CLIENTS = /controller-runtime|k8s\.io\/client-go/;

/** controller-runtime's manager: the process runs controllers that reconcile cluster objects. */
const CONTROLLER_MANAGERS = new Set(['sigs.k8s.io/controller-runtime.NewManager', 'sigs.k8s.io/controller-runtime/pkg/manager.New']);

/** client-go's informers and list-watches: the process streams changes of cluster objects. */
const INFORMERS = new Set([
  'k8s.io/client-go/informers.NewSharedInformerFactory',
  'k8s.io/client-go/informers.NewSharedInformerFactoryWithOptions',
  'k8s.io/client-go/informers.NewFilteredSharedInformerFactory',
  'k8s.io/client-go/tools/cache.NewInformer',
  'k8s.io/client-go/tools/cache.NewIndexerInformer',
  'k8s.io/client-go/tools/cache.NewSharedInformer',
  'k8s.io/client-go/tools/cache.NewSharedIndexInformer',
  'k8s.io/client-go/tools/cache.NewListWatchFromClient',
  'k8s.io/client-go/dynamic/dynamicinformer.NewDynamicSharedInformerFactory',
  'k8s.io/client-go/dynamic/dynamicinformer.NewFilteredDynamicSharedInformerFactory',
]);

export const goLongRunning: GoRule = {
  language: 'go',
  // A forever loop is a `for` with no clause and a blocking select a `select` with no case: either keyword is followed
  // by its block's `{` (comments and spaces between). A consumer ranges over what a `Consume` or `Messages` method
  // returns (consumerOf); a controller's file spells CLUSTER_CLIENTS; a sleep is a call of `Sleep`.
  needs: [`\\b(?:for|select)${TOKEN_GAP}*\\{`, 'Consume', 'Messages', CLUSTER_CLIENTS.source, 'Sleep'],
  meta: {
    id: 'go/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Loops and consumers that run until the process stops cannot run on Lambda, where every invocation ends at its timeout (900 s at most).',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      loop: '`for {` in `{fn}` loops until the process stops, but a Lambda invocation is killed at its timeout (900 s at most). Let an event source mapping (SQS, Kinesis, Kafka) deliver batches to the handler, or end the loop before the context deadline (`ctx.Deadline()`).',
      consumer:
        '`for ... range {ch}` consumes {what} messages for as long as the process lives, which no Lambda invocation can do (900 s at most). Use an event source mapping (Amazon MQ, Amazon MSK or self-managed Kafka) so Lambda polls and invokes the handler with batches, or keep this consumer on Kubernetes.',
      block:
        '`select {}` blocks forever to keep the process alive, but a Lambda invocation ends at its timeout and nothing may run between invocations. Do the work inside the handler, triggered by an event.',
      sleep:
        '`{call}` waits {seconds} s inside the invocation: the wait is billed, and it fails once it passes the function timeout (900 s at most). Use a Step Functions Wait state or an EventBridge Scheduler one-time schedule for delays.',
      operator:
        '`{what}` makes this a Kubernetes controller (controller-runtime): it watches the Kubernetes API and reconciles objects for as long as the process lives, as part of the cluster it manages, which no Lambda function can be. Keep it on Kubernetes with the resources it manages; if those move off Kubernetes, the controller goes with them rather than to Lambda.',
      watch:
        '`{what}` watches the Kubernetes API (a client-go informer), streaming every change for as long as the process lives: a controller of the cluster, not request/response work, and no invocation outlasts 900 s. Keep it on Kubernetes, or react to changes through events (EventBridge rules on the AWS resources that replace them).',
    },
  },
  check(ctx) {
    if (LAMBDA_SIDE.test(ctx.text)) return;
    const forever: SyntaxNode[] = [];
    const signals = signalChannels(ctx);
    // `select {}` after starting a server keeps it alive: the server is the finding (go/listening-server).
    const serves = /\b(ListenAndServe(TLS)?|Serve|Listen|Run|Start)\(/.test(ctx.text) && /\b(net\/http|google\.golang\.org\/grpc|"net")\b/.test(ctx.text);
    forEachNode(
      ctx.root,
      ['select_statement', 'for_statement'],
      (n, ancestors) => {
        if (n.type === 'select_statement' && !serves && !n.namedChildren.some((c) => c.type === 'communication_case' || c.type === 'default_case')) {
          ctx.report({ messageId: 'block', at: range(n) });
          return;
        }
        if (n.type !== 'for_statement') return;
        const clause = n.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
        if (!clause) {
          const label = n.parent?.type === 'labeled_statement' ? n.parent.get('label')?.text : undefined;
          // In a Lambda handler the context carries the invocation's deadline, so leaving on ctx.Done() bounds the loop.
          const inHandler = ctx.handlers.some((h) => ancestors.includes(h.node));
          if (hasExit(n, label, inHandler)) return;
          // An accept loop is the server itself, reported as a listening server; a loop that waits for OS signals
          // reacts to an operator, and on Lambda simply never wakes.
          let skip = false;
          walk(n, (m) => {
            if (m.type === 'call_expression' && calleeName(m) === 'Accept') skip = true;
            if (m.type === 'unary_expression' && operatorOf(m) === '<-' && signals.has(m.get('operand')?.text ?? '')) skip = true;
          });
          if (skip) return;
          forever.push(n);
          const top = ancestors.find((a) => a.type === 'function_declaration' || a.type === 'method_declaration');
          const fn = [...ancestors].reverse().find((a) => a.type === 'function_declaration' || a.type === 'method_declaration' || a.type === 'func_literal');
          ctx.report({ messageId: 'loop', data: { fn: top?.get('name')?.text ?? fn?.get('name')?.text ?? 'func literal' }, at: [n.start, n.start + 3] });
          return;
        }
        if (clause.type === 'range_clause') {
          const ch = clause.get('right');
          const what = consumerOf(ctx, ch);
          if (what) ctx.report({ messageId: 'consumer', data: { ch: ch!.text, what }, at: [n.start, ch!.end] });
        }
      },
      ctx.isLocalOnly,
    );
    // A controller of the cluster: a controller-runtime manager, or client-go informers that watch the API. Once a file.
    let controller = false;
    if (CLUSTER_CLIENTS.test(ctx.text))
      forEachCall(ctx, (call) => {
        const f = call.get('function');
        const q = controller || !f || !/New/.test(f.text) ? undefined : ctx.qualified(f);
        const kind = q ? (CONTROLLER_MANAGERS.has(q) ? 'operator' : INFORMERS.has(q) ? 'watch' : undefined) : undefined;
        if (!kind) return;
        controller = true;
        ctx.report({ messageId: kind, data: { what: `${f!.text}(...)` }, at: range(call), severity: 'error' });
      });
    forEachCall(ctx, (call, ancestors) => {
      const f = call.get('function');
      if (!f?.text.includes('Sleep') || ctx.qualified(f) !== 'time.Sleep') return;
      const seconds = durationSeconds(ctx, callArgs(call)[0]);
      if (seconds === undefined || seconds < SLEEP_REPORT_SECONDS) return;
      if (ancestors.some((a) => forever.includes(a))) return;
      ctx.report({ messageId: 'sleep', data: { call: call.text, seconds }, at: range(call), minDurationSeconds: seconds, mentions: 'timeout' });
    });
  },
};
