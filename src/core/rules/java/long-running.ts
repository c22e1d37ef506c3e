import { forEachNode, walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, enclosingMethod, importsPackage, importsType, operatorOf, simpleType, unparen } from '../../java/module';
import { LAMBDA_SIDE, TOKEN_GAP } from '../../langs/common';
import type { JavaRule, JavaRuleContext } from './types';
import { forEachCall, methodLabel, range } from './util';

/** Sleeps shorter than this are retries and back-offs, not waits worth a finding. */
const SLEEP_REPORT_SECONDS = 10;
/** `while (running)`, `while (!stopped)`, `while (!Thread.currentThread().isInterrupted())`: the loop runs until shutdown. */
const RUN_FLAGS = ['running', 'isRunning', 'keepRunning', 'shouldRun', 'alive', 'active'];
const STOP_FLAGS = ['stopped', 'stopping', 'shutdown', 'closed', 'done', 'cancelled', 'terminated'];
const RUN_FLAG = new RegExp(`^(this\\.)?_?(${RUN_FLAGS.join('|')})(\\.get\\(\\))?$`);
const STOP_FLAG = new RegExp(
  `^(this\\.)?_?(${STOP_FLAGS.join('|')})(\\.get\\(\\))?$|^Thread\\.currentThread\\(\\)\\.isInterrupted\\(\\)$|^\\w+\\.isShutdown\\(\\)$`,
);
/** A `throw` under a condition like these bounds the loop (deadline, retry budget), unlike an error re-throw. */
const BOUND_CONDITION = /deadline|timeout|currentTimeMillis|nanoTime|Instant\.now|attempt|retr|tries|max|limit|getRemainingTimeInMillis/i;

function isForever(loop: SyntaxNode): boolean {
  if (loop.type === 'for_statement') return !loop.get('condition');
  const c = unparen(loop.get('condition'));
  if (!c) return false;
  if (c.type === 'true') return true;
  const text = c.text.replace(/\s+/g, '');
  if (RUN_FLAG.test(text)) return true;
  if (c.type === 'unary_expression' && operatorOf(c) === '!') return STOP_FLAG.test((unparen(c.get('operand'))?.text ?? '').replace(/\s+/g, ''));
  return false;
}

const LOOPS = new Set(['while_statement', 'do_statement', 'for_statement', 'enhanced_for_statement']);

/** A `break` that leaves the loop, a `return`, `System.exit`, or a bounding `throw` (not inside lambdas or inner classes). */
function hasExit(loop: SyntaxNode, label: string | undefined): boolean {
  let found = false;
  const visit = (n: SyntaxNode, nested: boolean) => {
    if (found || n.type === 'lambda_expression' || n.type === 'class_body') return;
    if (n.type === 'return_statement') found = true;
    else if (n.type === 'break_statement') {
      const target = n.namedChildren[0]?.text;
      if (target ? target === label : !nested) found = true;
    } else if (n.type === 'throw_statement') {
      for (let p = n.parent; p && p !== loop; p = p.parent) if (p.type === 'if_statement' && BOUND_CONDITION.test(p.get('condition')?.text ?? '')) found = true;
    } else if (n.type === 'method_invocation' && n.text.replace(/\s+/g, '').startsWith('System.exit(')) found = true;
    const inner = n !== loop && (LOOPS.has(n.type) || n.type === 'switch_expression' || n.type === 'switch_statement');
    for (const c of n.namedChildren) visit(c, nested || inner);
  };
  for (const c of loop.namedChildren) if (c.field !== 'condition') visit(c, false);
  return found;
}

/** `consumer.poll(...)` on a Kafka consumer (by type or name), or an SQS receive, inside the loop. */
function consumerIn(ctx: JavaRuleContext, loop: SyntaxNode): { what: string; source: string } | undefined {
  let what: { what: string; source: string } | undefined;
  walk(loop, (n) => {
    if (what || n.type !== 'method_invocation') return;
    const name = n.get('name')?.text;
    const recv = n.get('object');
    const t = ctx.typeOf(recv) ?? '';
    if (name === 'poll' && (/^(KafkaConsumer|Consumer)$/.test(t) || /consumer/i.test(recv?.text ?? '')))
      what = { what: 'Kafka', source: 'an Amazon MSK or self-managed Kafka event source mapping' };
    else if (name === 'receiveMessage' && /sqs/i.test(`${t} ${recv?.text ?? ''}`)) what = { what: 'SQS', source: 'an SQS event source mapping' };
  });
  return what;
}

/** `Thread.sleep(30_000)`, `TimeUnit.MINUTES.sleep(5)` → seconds. */
function sleepSeconds(call: SyntaxNode): number | undefined {
  const text = call.text.replace(/\s+/g, '');
  const arg = callArgs(call)[0];
  const n = arg && /^[\d_]+L?$/.test(arg.text) ? Number(arg.text.replace(/[_L]/g, '')) : undefined;
  if (n === undefined) return undefined;
  if (text.startsWith('Thread.sleep(')) return n / 1000;
  const unit = /^TimeUnit\.(SECONDS|MINUTES|HOURS|MILLISECONDS)\.sleep\(/.exec(text)?.[1];
  return unit ? n * ({ SECONDS: 1, MINUTES: 60, HOURS: 3600, MILLISECONDS: 0.001 } as Record<string, number>)[unit] : undefined;
}

/** fabric8's informers and watches: `client.pods().inform(handler)`, `.watch(new Watcher<>() {…})`, `sharedIndexInformerFor`. */
const FABRIC8_WATCHES = new Set(['inform', 'runnableInformer', 'sharedIndexInformerFor', 'watch']);

/** A controller of the cluster (Java Operator SDK, fabric8 informers and watches): once a file, as an error. */
function reportController(ctx: JavaRuleContext): void {
  const josdk = /javaoperatorsdk/.test(ctx.text) && importsType(ctx.module, 'Operator', 'io.javaoperatorsdk.operator');
  const fabric8 = /fabric8/.test(ctx.text) && importsPackage(ctx.module, /^io\.fabric8\.kubernetes\.client\./);
  if (!josdk && !fabric8) return;
  let done = false;
  forEachNode(
    ctx.root,
    ['object_creation_expression', 'method_invocation'],
    (n) => {
      if (done) return;
      if (n.type === 'object_creation_expression' && josdk && simpleType(n.get('type')) === 'Operator') {
        done = true;
        ctx.report({ messageId: 'operator', data: { what: `new ${n.get('type')!.text}(...)` }, at: range(n), severity: 'error' });
      } else if (n.type === 'method_invocation' && fabric8 && FABRIC8_WATCHES.has(n.get('name')?.text ?? '') && n.get('object')) {
        // `watch(...)` is fabric8's only when it is handed a Watcher; the informer methods are fabric8's by name.
        const name = n.get('name')!.text;
        if (name === 'watch' && !callArgs(n).some((a) => /\bWatcher\b/.test(a.text) || /^Watcher\b/.test(ctx.typeOf(a) ?? ''))) return;
        done = true;
        ctx.report({ messageId: 'watch', data: { what: `${name}(...)` }, at: range(n), severity: 'error' });
      }
    },
    ctx.isLocalOnly,
  );
}

export const javaLongRunning: JavaRule = {
  language: 'java',
  // Every finding needs one of these: a loop's `for (…; ; …)` (nothing but whitespace and comments between its
  // semicolons), `true` or run/stop flag; a `sleep` call; or the operator SDK's or fabric8's name,
  // which reportController looks for.
  needs: [`;${TOKEN_GAP}*;`, 'true', ...RUN_FLAGS, ...STOP_FLAGS, 'isInterrupted', 'isShutdown', 'sleep', 'javaoperatorsdk', 'fabric8'],
  meta: {
    id: 'java/long-running',
    category: 'long-running',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description: 'Loops and consumers that run until the process stops cannot run on Lambda, where every invocation ends at its timeout (900 s at most).',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      loop: '`{head}` in `{method}` loops until the process stops, but a Lambda invocation is killed at its timeout (900 s at most). Let an event source mapping (SQS, Kinesis, Kafka) deliver batches to the handler, or end the loop before `context.getRemainingTimeInMillis()` runs out.',
      consumer:
        '`{head}` in `{method}` polls {what} for as long as the process lives, which no Lambda invocation can do (900 s at most). Use {source}, which polls for you and invokes the handler with batches, or keep this consumer on Kubernetes.',
      operator:
        '`{what}` makes this a Kubernetes operator (Java Operator SDK): it watches the Kubernetes API and reconciles objects for as long as the process lives, as part of the cluster it manages, which no Lambda function can be. Keep it on Kubernetes with the resources it manages; if those move off Kubernetes, the operator goes with them rather than to Lambda.',
      watch:
        '`{what}` watches the Kubernetes API (a fabric8 informer or watch), streaming every change for as long as the process lives: a controller of the cluster, not request/response work, and no invocation outlasts 900 s. Keep it on Kubernetes, or react to changes through events (EventBridge rules on the AWS resources that replace them).',
      sleep:
        '`{call}` waits {seconds} s inside the invocation: the wait is billed, and it fails once it passes the function timeout (900 s at most). Use a Step Functions Wait state or an EventBridge Scheduler one-time schedule for delays.',
    },
  },
  check(ctx) {
    if (LAMBDA_SIDE.test(ctx.text)) return;
    reportController(ctx);
    const forever: SyntaxNode[] = [];
    forEachNode(
      ctx.root,
      ['while_statement', 'for_statement', 'do_statement'],
      (n, ancestors) => {
        if (!isForever(n)) return;
        const label = n.parent?.type === 'labeled_statement' ? n.parent.namedChildren[0]?.text : undefined;
        if (hasExit(n, label) || n.text.includes('getRemainingTimeInMillis')) return;
        // An accept loop is the server itself, reported as a listening server.
        if (/\.accept\(\s*\)/.test(n.text)) return;
        forever.push(n);
        const cond = n.get('condition');
        const head = n.type === 'for_statement' ? 'for (;;)' : n.type === 'do_statement' ? `do … while ${cond?.text ?? ''}` : `while ${cond?.text ?? ''}`;
        const consumer = consumerIn(ctx, n);
        const m = enclosingMethod(ancestors);
        const method = methodLabel(m);
        // A loop in `main` runs only when the class is started as a program, never under the Lambda runtime.
        const programOnly = m?.type === 'method_declaration' && method === 'main';
        const end = n.type === 'do_statement' ? n.start + 2 : (cond?.end ?? n.start + 3);
        if (consumer) ctx.report({ messageId: 'consumer', data: { head, method, ...consumer }, at: [n.start, end], programOnly });
        else ctx.report({ messageId: 'loop', data: { head, method }, at: [n.start, end], programOnly });
      },
      ctx.isLocalOnly,
    );
    forEachCall(ctx, (call, ancestors) => {
      if (call.type !== 'method_invocation' || call.get('name')?.text !== 'sleep') return;
      const seconds = sleepSeconds(call);
      if (seconds === undefined || seconds < SLEEP_REPORT_SECONDS) return;
      if (ancestors.some((a) => forever.includes(a))) return;
      ctx.report({ messageId: 'sleep', data: { call: call.text, seconds }, at: range(call), minDurationSeconds: seconds, mentions: 'timeout' });
    });
  },
};
