import { boundName, type PyNode } from '../../python/ast';
import { isDaemonThread, selfAlias } from './threads-or-processes';
import type { PyRule } from './types';
import { forEachCall, hasWaitingJoin, isDiscarded, isUsedElsewhere, lastName, methodCallsOn, range, scopeOf } from './util';

const IN_PROCESS_SCHEDULERS = new Set([
  'sched.scheduler',
  'apscheduler.schedulers.background.BackgroundScheduler',
  'apscheduler.schedulers.asyncio.AsyncIOScheduler',
  'apscheduler.schedulers.blocking.BlockingScheduler',
  'apscheduler.schedulers.gevent.GeventScheduler',
  'apscheduler.schedulers.tornado.TornadoScheduler',
]);

const TASK_SPAWNERS = new Set(['asyncio.create_task', 'asyncio.ensure_future']);

/** `loop.create_task(...)` on a loop from asyncio. */
function isLoopCreateTask(ctx: Parameters<PyRule['check']>[0], call: PyNode): boolean {
  const fn = call.get('function');
  if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'create_task') return false;
  const t = ctx.typeOf(fn.get('object'));
  return t === 'asyncio.get_event_loop' || t === 'asyncio.get_running_loop' || t === 'asyncio.new_event_loop';
}

export const pyBackgroundWork: PyRule = {
  // threading, asyncio, sched, apscheduler, schedule: names from these modules only.
  needs: ['threading', 'asyncio', 'sched'],
  language: 'python',
  meta: {
    id: 'python/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Timers, daemon threads, un-awaited asyncio tasks and in-process schedulers are frozen with the execution environment once the handler returns, and may never run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      timer:
        '`{name}` fires after the handler may have returned, and Lambda freezes the environment then, so the callback runs late or never. Do the work inside the invocation, or schedule it with EventBridge Scheduler.',
      daemon:
        'Daemon thread `{name}` keeps running after the handler returns, but Lambda freezes the environment then, so its work stalls or is lost. Finish the work and join the thread before returning, or move it to its own function (SQS or EventBridge).',
      task: '`{name}` starts a task that nothing awaits, so the handler can return first and Lambda freezes the task unfinished. Await it (or `asyncio.gather` the tasks) before returning.',
      scheduler:
        '`{name}` is an in-process scheduler: it needs the process to stay alive between runs, and Lambda freezes it after each invocation. Use an EventBridge schedule that invokes a function instead.',
      schedule:
        '`schedule.every(...)` registers a job for an in-process loop, which never runs while Lambda keeps the environment frozen between invocations. Use an EventBridge schedule that invokes a function instead.',
    },
  },
  check(ctx) {
    forEachCall(ctx, (call, ancestors) => {
      const fn = call.get('function');
      const q = ctx.qualified(fn);
      const at = range(call);
      if (q === 'threading.Timer') {
        const name = boundName(call);
        const scope = scopeOf(ctx, ancestors, name);
        if (name && methodCallsOn(scope, name, new Set(['cancel', 'join'])).length) return;
        ctx.report({ messageId: 'timer', data: { name: name ?? fn!.text }, at });
        return;
      }
      if (q === 'threading.Thread') {
        const name = boundName(call);
        const scope = scopeOf(ctx, ancestors, selfAlias(call) ?? name);
        if (!isDaemonThread(call, name, scope) || hasWaitingJoin(scope)) return;
        ctx.report({ messageId: 'daemon', data: { name: name ?? fn!.text }, at });
        return;
      }
      if ((q && TASK_SPAWNERS.has(q)) || isLoopCreateTask(ctx, call)) {
        if (isDiscarded(call)) {
          ctx.report({ messageId: 'task', data: { name: `${fn!.text}(...)` }, at });
          return;
        }
        const name = boundName(call);
        if (name && !isUsedElsewhere(scopeOf(ctx, ancestors), name, call.parent!)) ctx.report({ messageId: 'task', data: { name: `${fn!.text}(...)` }, at });
        return;
      }
      if (q && IN_PROCESS_SCHEDULERS.has(q)) {
        ctx.report({ messageId: 'scheduler', data: { name: lastName(q)! }, at });
        return;
      }
      if (q === 'schedule.every') ctx.report({ messageId: 'schedule', at });
    });
  },
};
