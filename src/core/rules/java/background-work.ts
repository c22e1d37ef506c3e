import { lastNames } from '../../langs/common';
import { nodesOfTypes, walk, walkedAncestors, type SyntaxNode } from '../../parsers/treesitter';
import { annotationName, annotationsOf, callArgs, enclosingMethod, importsPackage, simpleType, unparen } from '../../java/module';
import type { JavaRule, JavaRuleContext } from './types';
import { callLabel, methodLabel, methodName, range } from './util';

const SCHEDULERS = new Set([
  'Executors.newScheduledThreadPool',
  'Executors.newSingleThreadScheduledExecutor',
  'ScheduledThreadPoolExecutor',
  'StdSchedulerFactory',
]);
const EXECUTOR_METHODS = new Set(['submit', 'execute', 'schedule']);
const ASYNC_FACTORIES = new Set(['CompletableFuture.runAsync', 'CompletableFuture.supplyAsync']);
/** An executor's calls that wait for its tasks. */
const EXECUTOR_WAITS = new Set(['awaitTermination', 'invokeAll', 'invokeAny']);

/**
 * A call that waits for started work: a thread's, future's or process's `join()`/`get()`/`waitFor()`, with no
 * argument or a timeout (`map.get(key)` and `String.join(",", xs)` take other arguments), or an executor's wait.
 */
function isWait(n: SyntaxNode): boolean {
  if (n.type !== 'method_invocation') return false;
  const name = n.get('name')?.text ?? '';
  if (EXECUTOR_WAITS.has(name)) return true;
  if (name !== 'join' && name !== 'get' && name !== 'waitFor') return false;
  const args = callArgs(n);
  return (
    args.length === 0 ||
    (args.length === 1 && /^[\d_]+L?$/.test(args[0].text)) ||
    (args.length === 2 && /TimeUnit|SECONDS|MILLISECONDS|MINUTES/.test(args[1].text))
  );
}

/** True when the method waits for something it started, or hands the future back to its caller (async endpoints). */
function waits(method: SyntaxNode): boolean {
  let found = false;
  walk(method, (n) => {
    if (found) return 'skip';
    if (isWait(n)) found = true;
    // `try (var ex = Executors.newVirtualThreadPerTaskExecutor())` closes, and so waits, at the end of the block.
    if (n.type === 'resource') found = true;
  });
  if (found) return true;
  const returned = /^(CompletableFuture|CompletionStage|Future|ListenableFuture|Mono|Flux|Uni|DeferredResult|Callable)\b/.test(method.get('type')?.text ?? '');
  return returned;
}

/** `x.start()` where x was made by `new Thread(...)` or `Thread.ofVirtual()…`, or `new Thread(...).start()`. */
function isThreadStart(ctx: JavaRuleContext, call: SyntaxNode): boolean {
  if (methodName(call) !== 'start') return false;
  const obj = unparen(call.get('object'));
  if (obj?.type === 'object_creation_expression') return simpleType(obj.get('type')) === 'Thread';
  const t = ctx.typeOf(obj) ?? '';
  return t === 'Thread' || /^Thread\.(ofVirtual|ofPlatform|startVirtualThread)/.test(t);
}

const VISITED = ['method_declaration', 'method_invocation', 'object_creation_expression'];

/**
 * The method names whose call's type (typeOf) a check below compares: a call's type ends with its method's name
 * (`Executors.newScheduledThreadPool`, `CompletableFuture.runAsync`), so no other call's type need be worked out.
 */
const TYPED_CALL_NAMES = new Set(lastNames([...SCHEDULERS, ...ASYNC_FACTORIES].filter((t) => t.includes('.'))));
/** The method names of a call that may start work (see `spawns` below). */
const SPAWN_NAMES = new Set(['start', 'exec', ...EXECUTOR_METHODS]);

export const javaBackgroundWork: JavaRule = {
  language: 'java',
  // Every finding names one of these: the annotation (`@Scheduled`, `@Async`, qualified or not, ends with its name); a
  // scheduler's constructor type or factory method (SCHEDULERS' last names, found as a call's own name or type);
  // `new Timer`; an async factory's method name; or the name of the call that starts the work (SPAWN_NAMES).
  needs: ['\\bScheduled\\b', '\\bAsync\\b', '\\bTimer\\b', ...lastNames([...SCHEDULERS, ...ASYNC_FACTORIES]), ...[...SPAWN_NAMES].map((n) => `\\b${n}\\b`)],
  meta: {
    id: 'java/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Threads, executor tasks, async futures and child processes a request leaves running, scheduled executors, timers and @Scheduled/@Async methods are frozen with the execution environment once the handler returns.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      spawn:
        '{label} in `{method}` starts work the request does not wait for; Lambda freezes the environment when the handler returns, so it stalls or is lost. Wait for it (`join()`, `get()`, `awaitTermination`) before returning, or send the work to its own function through SQS or EventBridge.',
      scheduler:
        '{label} runs tasks on a schedule, which needs a process that stays alive between requests; Lambda freezes the environment after each invocation, so they run late or never. Use an EventBridge schedule that invokes a function instead.',
      scheduled:
        '`@{annotation}` on `{method}` relies on a scheduler thread that runs between requests; on Lambda the environment is frozen then, so the job runs late or never. Move the job to its own function triggered by an EventBridge schedule.',
      async:
        '`@Async` on `{method}` runs it on an executor after the caller returns; on Lambda the environment is frozen once the handler returns, so the work stalls or is lost. Call it synchronously, or hand it to another function through SQS.',
    },
  },
  check(ctx) {
    const springScheduling = importsPackage(ctx.module, /^org\.springframework\.scheduling\./);
    const otherScheduling = importsPackage(ctx.module, /^(io\.micronaut\.scheduling|io\.quarkus\.scheduler|jakarta\.ejb|javax\.ejb)\./);
    // From the type index, as a walk skipping off-Lambda code would meet them; the off test (and the ancestors it
    // needs) only for a node that may be reported.
    const onLambda = (n: SyntaxNode) => walkedAncestors(n, ctx.root, ctx.isLocalOnly);
    for (const n of nodesOfTypes(ctx.root, VISITED)) {
      if (n.type === 'method_declaration') {
        for (const a of annotationsOf(n)) {
          const name = annotationName(a);
          if (name === 'Scheduled' && (springScheduling || otherScheduling)) {
            if (onLambda(n)) ctx.report({ messageId: 'scheduled', data: { annotation: name, method: methodLabel(n) }, at: range(a) });
          } else if (name === 'Async' && springScheduling && onLambda(n)) ctx.report({ messageId: 'async', data: { method: methodLabel(n) }, at: range(a) });
        }
      } else checkCall(ctx, n, onLambda);
    }
  },
};

function checkCall(ctx: JavaRuleContext, call: SyntaxNode, onLambda: (n: SyntaxNode) => readonly SyntaxNode[] | undefined): void {
  const created = call.type === 'object_creation_expression' ? simpleType(call.get('type')) : undefined;
  const name = methodName(call);
  const t = created ?? (name !== undefined && TYPED_CALL_NAMES.has(name) ? (ctx.typeOf(call) ?? '') : '');
  if (SCHEDULERS.has(t) || (created === 'Timer' && importsPackage(ctx.module, /^java\.util\.(Timer|\*)?$/))) {
    if (onLambda(call)) ctx.report({ messageId: 'scheduler', data: { label: callLabel(call) }, at: range(call) });
    return;
  }
  if (!ASYNC_FACTORIES.has(t) && !(name !== undefined && SPAWN_NAMES.has(name))) return;
  const ancestors = onLambda(call);
  if (!ancestors) return;
  const method = enclosingMethod(ancestors);
  if (!method || !ctx.isRequestMethod(method)) return;
  const recvType = call.type === 'method_invocation' ? (ctx.typeOf(call.get('object')) ?? '') : '';
  const spawns =
    isThreadStart(ctx, call) ||
    ASYNC_FACTORIES.has(t) ||
    (call.type === 'method_invocation' && EXECUTOR_METHODS.has(name ?? '') && /(Executor|ExecutorService|Executors\.\w+)$/.test(recvType)) ||
    (name === 'start' && recvType === 'ProcessBuilder') ||
    (name === 'exec' && /^Runtime\.getRuntime$/.test(recvType));
  if (!spawns || waits(method)) return;
  // `return CompletableFuture.supplyAsync(...)` hands the future to the caller.
  if (ancestors.some((a) => a.type === 'return_statement')) return;
  ctx.report({ messageId: 'spawn', data: { label: callLabel(call), method: methodLabel(method) }, at: range(call) });
}
