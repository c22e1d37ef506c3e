import { pyThreadsOrProcesses } from '../../../src/core/rules/python/threads-or-processes';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyThreadsOrProcesses, {
  valid: [
    // Pools handed to a long-lived owner (issue #16): the borrowed and the with-managed ones are fine.
    {
      name: 'pool borrowed by run_in_executor for one awaited call',
      code: `import asyncio
from concurrent.futures import ThreadPoolExecutor
def handler(event, context):
    loop = asyncio.new_event_loop()
    return loop.run_until_complete(loop.run_in_executor(ThreadPoolExecutor(), fetch, event["id"]))
`,
    },
    {
      name: 'pool joined by a with block around grpc-free work',
      code: `from concurrent import futures
def handler(event, context):
    with futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(fetch, event["ids"]))
`,
    },
    {
      name: 'module-level pool whose results each invocation waits for',
      code: `from concurrent.futures import ThreadPoolExecutor
POOL = ThreadPoolExecutor(max_workers=8)
def handler(event, context):
    return list(POOL.map(fetch, event["ids"]))
`,
    },
    {
      name: 'pool entered into an ExitStack inside the handler',
      code: `import contextlib
from concurrent.futures import ThreadPoolExecutor
def handler(event, context):
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ThreadPoolExecutor())
        return list(pool.map(fetch, event["ids"]))
`,
    },
    {
      name: 'executor in a with block inside the handler',
      code: `from concurrent.futures import ThreadPoolExecutor
def handler(event, context):
    with ThreadPoolExecutor(max_workers=8) as pool:
        pool.submit(fetch, 1)
        results = list(pool.map(fetch, event["ids"]))
    return results
`,
    },
    {
      name: 'threads joined before returning',
      code: `import threading
def handler(event, context):
    t = threading.Thread(target=work, args=(event,))
    t.start()
    t.join()
`,
    },
    {
      name: 'threads gathered in a list and joined in a loop',
      code: `from threading import Thread
def handler(event, context):
    threads = []
    for item in event["items"]:
        th = Thread(target=work, args=(item,))
        th.start()
        threads.append(th)
    for th in threads:
        th.join(timeout=5)
`,
    },
    {
      name: 'Process with Pipe, joined (the AWS-documented pattern)',
      code: `from multiprocessing import Process, Pipe
def handler(event, context):
    parent, child = Pipe()
    p = Process(target=work, args=(child,))
    p.start()
    result = parent.recv()
    p.join()
    return result
`,
    },
    {
      name: 'module-level executor whose futures are awaited',
      code: `import concurrent.futures
EXECUTOR = concurrent.futures.ThreadPoolExecutor(max_workers=4)
def handler(event, context):
    futures = [EXECUTOR.submit(fetch, i) for i in event["ids"]]
    return [f.result() for f in futures]
`,
    },
    {
      name: 'daemon threads are left to background-work',
      code: `import threading
def handler(event, context):
    threading.Thread(target=flush, daemon=True).start()
`,
    },
    {
      name: 'multiprocessing.dummy is a thread pool',
      code: `from multiprocessing.dummy import Pool
def handler(event, context):
    with Pool(4) as p:
        return p.map(fetch, event["ids"])
`,
    },
    {
      name: 'Pool only under __main__',
      code: `import multiprocessing
if __name__ == "__main__":
    with multiprocessing.Pool() as pool:
        pool.map(main, range(4))
`,
    },
    {
      name: 'a Thread object never started',
      code: `import threading
def handler(event, context):
    threading.Thread(target=work)
`,
    },
    {
      name: 'thread kept on self and joined by another method',
      code: `import threading
class Uploader:
    def start(self):
        self._thread = threading.Thread(target=self._run)
        self._thread.start()
    def close(self):
        self._thread.join()
`,
    },
    {
      name: 'shutdown that waits',
      code: `from concurrent.futures import ThreadPoolExecutor
def handler(event, context):
    ex = ThreadPoolExecutor()
    fut = ex.submit(work)
    ex.shutdown(wait=True)
    return fut.result()
`,
    },
  ],
  invalid: [
    {
      name: 'thread pool handed inline to a gRPC server in a service entry',
      code: `import grpc
from concurrent import futures
if __name__ == "__main__":
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    server.add_insecure_port("[::]:8080")
    server.start()
    server.wait_for_termination()
`,
      errors: [{ line: 4, column: 26, message: 'is handed to `grpc.server(...)`' }],
    },
    {
      name: 'thread pool as the default executor of an event loop',
      code: `import asyncio
from concurrent.futures import ThreadPoolExecutor
loop = asyncio.get_event_loop()
loop.set_default_executor(ThreadPoolExecutor(max_workers=32))
def handler(event, context):
    return loop.run_until_complete(work(event))
`,
      errors: [{ line: 4, column: 27, message: '`loop.set_default_executor(...)`' }],
    },
    {
      name: 'process pool handed inline to a server',
      code: `import grpc
from concurrent.futures import ProcessPoolExecutor
server = grpc.server(ProcessPoolExecutor(max_workers=4))
`,
      errors: [{ line: 3, column: 22, message: 'needs shared memory', severity: 'error' }],
    },
    {
      name: 'multiprocessing.Pool',
      code: `import multiprocessing
def handler(event, context):
    with multiprocessing.Pool(4) as pool:
        return pool.map(work, event["items"])
`,
      errors: [{ line: 3, column: 10, message: '/dev/shm', severity: 'error' }],
    },
    {
      name: 'from multiprocessing import Queue',
      code: `from multiprocessing import Queue, Process
def handler(event, context):
    q = Queue()
`,
      errors: [{ line: 3, message: 'multiprocessing.Pipe' }],
    },
    {
      name: 'get_context().Pool',
      code: `import multiprocessing as mp
def handler(event, context):
    with mp.get_context("spawn").Pool(2) as p:
        p.map(work, [1, 2])
`,
      errors: [{ line: 3, message: '/dev/shm' }],
    },
    {
      name: 'ProcessPoolExecutor even in a with block',
      code: `from concurrent.futures import ProcessPoolExecutor
def handler(event, context):
    with ProcessPoolExecutor() as ex:
        return list(ex.map(work, event["items"]))
`,
      errors: [{ line: 3, message: '/dev/shm', severity: 'error' }],
    },
    {
      name: 'thread started and never joined',
      code: `import threading
def handler(event, context):
    t = threading.Thread(target=upload, args=(event,))
    t.start()
    return {"ok": True}
`,
      errors: [{ line: 3, message: 'Thread `t` is started but never joined' }],
    },
    {
      name: 'inline started thread',
      code: `from threading import Thread
def handler(event, context):
    Thread(target=upload).start()
`,
      errors: [{ line: 3 }],
    },
    {
      name: 'subclassed Thread started at module level',
      code: `import threading
class Poller(threading.Thread):
    def run(self):
        pass
poller = Poller()
poller.start()
`,
      errors: [{ line: 5, message: '`poller`' }],
    },
    {
      name: 'process not joined',
      code: `from multiprocessing import Process
def handler(event, context):
    p = Process(target=work)
    p.start()
`,
      errors: [{ line: 3, message: 'Process `p`' }],
    },
    {
      name: 'fire-and-forget submit on a module executor',
      code: `from concurrent.futures import ThreadPoolExecutor
pool = ThreadPoolExecutor(max_workers=2)
def handler(event, context):
    pool.submit(send_metrics, event)
    return {"ok": True}
`,
      errors: [{ line: 4, message: '`pool.submit(...)`' }],
    },
    {
      name: 'shutdown without waiting',
      code: `from concurrent.futures import ThreadPoolExecutor
def handler(event, context):
    ex = ThreadPoolExecutor()
    fut = ex.submit(work)
    ex.shutdown(wait=False)
`,
      errors: [{ line: 5, message: 'shutdown(wait=False)' }],
    },
  ],
});
