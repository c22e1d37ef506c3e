import { pyBackgroundWork } from '../../../src/core/rules/python/background-work';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyBackgroundWork, {
  valid: [
    {
      name: 'awaited task',
      code: `import asyncio
async def main(event):
    task = asyncio.create_task(fetch(event))
    return await task
`,
    },
    {
      name: 'tasks gathered',
      code: `import asyncio
async def main(ids):
    tasks = [asyncio.create_task(fetch(i)) for i in ids]
    return await asyncio.gather(*tasks)
`,
    },
    {
      name: 'TaskGroup waits on exit',
      code: `import asyncio
async def main(ids):
    async with asyncio.TaskGroup() as tg:
        for i in ids:
            tg.create_task(fetch(i))
`,
    },
    {
      name: 'timer cancelled in the same function',
      code: `import threading
def handler(event, context):
    watchdog = threading.Timer(5.0, alarm)
    watchdog.start()
    try:
        return work(event)
    finally:
        watchdog.cancel()
`,
    },
    {
      name: 'daemon thread joined before return',
      code: `import threading
def handler(event, context):
    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join()
`,
    },
    {
      name: 'non-daemon threads are threads-or-processes territory',
      code: `import threading
def handler(event, context):
    t = threading.Thread(target=work)
    t.start()
`,
    },
    {
      name: 'scheduler only under __main__',
      code: `from apscheduler.schedulers.blocking import BlockingScheduler
if __name__ == "__main__":
    sched = BlockingScheduler()
    sched.add_job(job, "interval", minutes=5)
    sched.start()
`,
    },
    {
      name: 'daemon thread on self, joined in stop()',
      code: `import threading
class Listener:
    def start(self):
        self._thread = t = threading.Thread(target=self._monitor)
        t.daemon = True
        t.start()
    def stop(self):
        self._thread.join()
`,
    },
    {
      name: 'asyncio.run completes in the call',
      code: `import asyncio
def handler(event, context):
    return asyncio.run(main(event))
`,
    },
    {
      name: 'a local function named create_task',
      code: `def create_task(x):
    return x
def handler(event, context):
    create_task(event)
`,
    },
  ],
  invalid: [
    {
      name: 'threading.Timer',
      code: `import threading
def handler(event, context):
    threading.Timer(30, flush_metrics).start()
    return {"ok": True}
`,
      errors: [{ line: 3, column: 5, message: 'Lambda freezes the environment' }],
    },
    {
      name: 'Timer stored and never cancelled',
      code: `from threading import Timer
def handler(event, context):
    t = Timer(10, refresh)
    t.start()
`,
      errors: [{ line: 3, message: '`t` fires after the handler' }],
    },
    {
      name: 'daemon thread keyword',
      code: `import threading
def handler(event, context):
    threading.Thread(target=heartbeat, daemon=True).start()
`,
      errors: [{ line: 3, message: 'Daemon thread' }],
    },
    {
      name: 'daemon attribute set later',
      code: `import threading
def handler(event, context):
    t = threading.Thread(target=heartbeat)
    t.daemon = True
    t.start()
`,
      errors: [{ line: 3, message: 'Daemon thread `t`' }],
    },
    {
      name: 'create_task discarded',
      code: `import asyncio
async def handle(event):
    asyncio.create_task(audit(event))
    return {"ok": True}
`,
      errors: [{ line: 3, message: 'nothing awaits' }],
    },
    {
      name: 'ensure_future stored but never used',
      code: `import asyncio
async def handle(event):
    fut = asyncio.ensure_future(audit(event))
    return {"ok": True}
`,
      errors: [{ line: 3, message: 'asyncio.ensure_future' }],
    },
    {
      name: 'loop.create_task discarded',
      code: `import asyncio
def handler(event, context):
    loop = asyncio.get_event_loop()
    loop.create_task(audit(event))
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'sched.scheduler',
      code: `import sched, time
s = sched.scheduler(time.time, time.sleep)
`,
      errors: [{ line: 2, message: 'in-process scheduler' }],
    },
    {
      name: 'APScheduler background scheduler',
      code: `from apscheduler.schedulers.background import BackgroundScheduler
scheduler = BackgroundScheduler()
scheduler.add_job(cleanup, "interval", hours=1)
scheduler.start()
`,
      errors: [{ line: 2, message: 'BackgroundScheduler' }],
    },
    {
      name: 'schedule library',
      code: `import schedule
schedule.every(10).minutes.do(job)
`,
      errors: [{ line: 2, message: 'EventBridge schedule' }],
    },
  ],
});
