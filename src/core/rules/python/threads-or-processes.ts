import { boundName, walk, type PyNode } from '../../python/ast';
import type { PyRule } from './types';
import { forEachCall, hasWaitingJoin, isDiscarded, isWithManaged, lastName, range, scopeOf } from './util';

/** multiprocessing primitives built on POSIX semaphores/shared memory, which Lambda does not provide (no /dev/shm). */
const SHM_PRIMITIVES = new Set([
  'Pool',
  'Queue',
  'JoinableQueue',
  'SimpleQueue',
  'Manager',
  'Lock',
  'RLock',
  'Semaphore',
  'BoundedSemaphore',
  'Event',
  'Condition',
  'Barrier',
  'Value',
  'Array',
]);

const THREAD_POOLS = new Set(['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.thread.ThreadPoolExecutor']);
const PROCESS_POOLS = new Set(['concurrent.futures.ProcessPoolExecutor', 'concurrent.futures.process.ProcessPoolExecutor']);

/** `multiprocessing.Pool`, `multiprocessing.get_context("spawn").Pool`, `from multiprocessing import Queue`. */
function multiprocessingKind(q: string | undefined): string | undefined {
  if (!q || !q.startsWith('multiprocessing.') || q.startsWith('multiprocessing.dummy.')) return undefined;
  const last = lastName(q)!;
  if (SHM_PRIMITIVES.has(last)) return last;
  if (last === 'Process') return 'Process';
  return undefined;
}

/** A thread marked daemon is background work (background-work reports it), not a worker joined in the call. */
export function isDaemonThread(call: PyNode, name: string | undefined, scope: PyNode): boolean {
  const daemonArg = call.get('arguments')?.namedChildren.find((a) => a.type === 'keyword_argument' && a.get('name')?.text === 'daemon');
  if (daemonArg) return daemonArg.get('value')?.type === 'true';
  if (!name) return false;
  let daemon = false;
  walk(scope, (n) => {
    if (n.type === 'assignment' && n.get('left')?.text === `${name}.daemon` && n.get('right')?.type === 'true') daemon = true;
    if (n.type === 'call' && n.get('function')?.text === `${name}.setDaemon`) daemon = true;
  });
  return daemon;
}

/** `self._thread = t = Thread(...)`: the attribute the object is also stored in. */
export function selfAlias(call: PyNode): string | undefined {
  let p = call.parent;
  while (p && p.type === 'assignment') {
    const left = p.get('left');
    if (left?.text.startsWith('self.')) return left.text;
    p = p.parent;
  }
  return undefined;
}

/** Calls that only borrow a pool for one piece of work, which the caller awaits. */
const BORROWERS = new Set(['run_in_executor', 'wrap_future', 'enter_context', 'closing']);

/**
 * The call a thread pool is passed to inline, when that call keeps it: `grpc.server(ThreadPoolExecutor(10))`,
 * `loop.set_default_executor(ThreadPoolExecutor())`. Such a pool lives as long as its owner, usually the process.
 */
function poolOwner(pool: PyNode): PyNode | undefined {
  let n = pool;
  if (n.parent?.type === 'keyword_argument') n = n.parent;
  if (n.parent?.type !== 'argument_list') return undefined;
  const owner = n.parent.parent;
  if (owner?.type !== 'call') return undefined;
  const fn = owner.get('function');
  const last = fn?.type === 'attribute' ? fn.get('attribute')?.text : fn?.text;
  return last && BORROWERS.has(last) ? undefined : owner;
}

export const pyThreadsOrProcesses: PyRule = {
  // Every kind is a name from one of these modules (qualified through the file's imports, which name the module).
  needs: ['multiprocessing', 'concurrent', 'threading'],
  language: 'python',
  meta: {
    id: 'python/threads-or-processes',
    category: 'threads-or-processes',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Threads and processes that outlive the invocation are frozen with the environment, and multiprocessing queues and pools fail on Lambda, which has no /dev/shm.',
      reference: 'https://aws.amazon.com/blogs/compute/parallel-processing-in-python-with-aws-lambda/',
    },
    messages: {
      shm: '`{name}` needs shared memory (/dev/shm), which Lambda does not provide, so it fails with OSError at run time. Use `multiprocessing.Process` with `multiprocessing.Pipe` (joined before returning), or threads for I/O-bound work.',
      thread:
        'Thread `{name}` is started but never joined, so it may still be running when the handler returns; Lambda then freezes it mid-work. Join it (or use `with ThreadPoolExecutor() as pool:`) before returning.',
      process:
        'Process `{name}` is started but never joined, so it may outlive the invocation and be frozen mid-work. Join it before the handler returns and pass results back through a `multiprocessing.Pipe`.',
      submit:
        '`{name}` hands work to an executor that outlives the call and nothing waits for the result, so it may be frozen unfinished when the handler returns. Keep the future and call `.result()` (or `concurrent.futures.wait`) before returning, or use the executor in a `with` block.',
      pool: "`{name}` is handed to `{owner}`, which keeps the pool's worker threads for the life of the process to serve work concurrently. A Lambda environment handles one request at a time and is frozen between invocations, threads and all. On Lambda, concurrency comes from more environments: drop the pool and do each request's work in the invocation, joined before it returns.",
      shutdown:
        '`shutdown(wait=False)` returns before the submitted work finishes, and Lambda freezes whatever is still running once the handler returns. Use `shutdown(wait=True)` or a `with` block.',
    },
  },
  check(ctx) {
    const executors = new Set<string>();
    forEachCall(ctx, (call, ancestors) => {
      const fn = call.get('function');
      const q = ctx.qualified(fn) ?? ctx.typeOf(call);
      const at = range(call);
      const mp = multiprocessingKind(q);
      if (mp && mp !== 'Process') {
        ctx.report({ messageId: 'shm', data: { name: fn!.text }, at, severity: 'error' });
        return;
      }
      if (q && PROCESS_POOLS.has(q)) {
        ctx.report({ messageId: 'shm', data: { name: fn!.text }, at, severity: 'error' });
        return;
      }
      if (q && THREAD_POOLS.has(q)) {
        const owner = poolOwner(call);
        if (owner) {
          ctx.report({ messageId: 'pool', data: { name: `${fn!.text}(...)`, owner: `${owner.get('function')?.text ?? 'a server'}(...)` }, at });
          return;
        }
        if (!isWithManaged(call)) {
          const name = boundName(call);
          if (name) executors.add(name);
        }
        return;
      }
      if (q === 'threading.Thread' || mp === 'Process') {
        const name = boundName(call);
        const scope = scopeOf(ctx, ancestors, selfAlias(call) ?? name);
        if (q === 'threading.Thread' && isDaemonThread(call, name, scope)) return;
        if (hasWaitingJoin(scope)) return;
        // `Thread(...)` that is never started is just an object.
        if (!name && !(call.parent?.type === 'attribute' && call.parent.get('attribute')?.text === 'start')) return;
        ctx.report({ messageId: q === 'threading.Thread' ? 'thread' : 'process', data: { name: name ?? fn!.text }, at });
      }
    });
    if (!executors.size) return;
    forEachCall(ctx, (call) => {
      const fn = call.get('function');
      if (fn?.type !== 'attribute') return;
      const receiver = fn.get('object')?.text ?? '';
      if (!executors.has(receiver)) return;
      const method = fn.get('attribute')?.text;
      if ((method === 'submit' || method === 'map') && isDiscarded(call)) {
        ctx.report({ messageId: 'submit', data: { name: `${receiver}.${method}(...)` }, at: range(call) });
      } else if (method === 'shutdown') {
        const wait = call.get('arguments')?.namedChildren.find((a) => a.type === 'keyword_argument' && a.get('name')?.text === 'wait');
        const first = call.get('arguments')?.namedChildren[0];
        if (wait?.get('value')?.type === 'false' || first?.type === 'false') ctx.report({ messageId: 'shutdown', at: range(call) });
      }
    });
  },
};
