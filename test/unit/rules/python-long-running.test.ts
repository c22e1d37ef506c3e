import { pyLongRunning } from '../../../src/core/rules/python/long-running';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyLongRunning, {
  valid: [
    {
      name: 'result() after cancel() waits for the shutdown only',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
def drain(path):
    future = subscriber.subscribe(path, callback=handle)
    future.cancel()
    future.result()
`,
    },
    // Streaming consumers, queue drains and service keep-alives (issue #16).
    {
      name: 'Pub/Sub streaming pull waited on with a timeout',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
def handler(event, context):
    future = subscriber.subscribe("projects/p/subscriptions/s", callback=handle)
    try:
        future.result(timeout=30)
    finally:
        future.cancel()
`,
    },
    {
      name: 'draining an in-process queue',
      code: `import queue
q = queue.Queue()
def handler(event, context):
    for r in event["Records"]:
        q.put(r)
    while not q.empty():
        process(q.get())
`,
    },
    {
      name: 'draining a queue of this module whose class talks to no broker',
      code: `class Stack:
    def __init__(self):
        self.items = []
    def empty(self):
        return not self.items
s = Stack()
def handler(event, context):
    while not s.empty():
        s.items.pop()
`,
    },
    {
      name: 'draining an external queue with a time check',
      code: `from rq import Queue
from redis import Redis
q = Queue(connection=Redis())
def handler(event, context):
    while not q.is_empty():
        if context.get_remaining_time_in_millis() < 10000:
            break
        work(q)
`,
    },
    {
      name: 'keep-alive loop after a gRPC server starts (the server has its own finding)',
      code: `import grpc, time
from concurrent import futures
if __name__ == "__main__":
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop(0)
`,
    },
    {
      name: 'pagination loop with break',
      code: `def handler(event, context):
    token = None
    while True:
        page = client.list_objects_v2(Bucket="b", ContinuationToken=token)
        if not page.get("IsTruncated"):
            break
        token = page["NextContinuationToken"]
`,
    },
    {
      name: 'retry loop that returns',
      code: `def fetch():
    while True:
        try:
            return call()
        except Timeout:
            continue
`,
    },
    {
      name: 'loop aware of the remaining time',
      code: `def handler(event, context):
    while True:
        if context.get_remaining_time_in_millis() < 10000:
            return {"more": True}
        process_next()
`,
    },
    {
      name: 'bounded while',
      code: `def handler(event, context):
    n = 0
    while n < 10:
        n += 1
`,
    },
    {
      name: 'short back-off sleep',
      code: `import time
def handler(event, context):
    time.sleep(2)
`,
    },
    {
      name: 'loop ended by a caught exception',
      code: `def drain(stack):
    try:
        while True:
            handle(stack.pop())
    except IndexError:
        pass
`,
    },
    {
      name: 'infinite generator driven by its consumer',
      code: `def ids():
    n = 0
    while True:
        n += 1
        yield n
`,
    },
    {
      name: 'deadline-bounded loop that raises',
      code: `import time
def wait_ready(deadline):
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("not ready")
        poll()
`,
    },
    {
      name: 'forever loop only under the __main__ block of a handler module (a local try-out)',
      code: `def handler(event, context):
    return poll()
if __name__ == "__main__":
    while True:
        poll()
`,
    },
    {
      name: 'sleep with a computed duration',
      code: `import time
def wait(seconds):
    time.sleep(seconds)
`,
    },
    {
      name: 'asyncio.run in the handler',
      code: `import asyncio
def handler(event, context):
    return asyncio.run(main())
`,
    },
    {
      name: 'iterating a list named consumer',
      code: `def handler(event, context):
    consumers = event["consumers"]
    for c in consumers:
        print(c)
`,
    },
    // Kubernetes operators and API watches.
    {
      name: 'a one-off list of pods through the Kubernetes client is no watch',
      code: `from kubernetes import client, config
def handler(event, context):
    config.load_incluster_config()
    return [p.metadata.name for p in client.CoreV1Api().list_namespaced_pod("default").items]
`,
    },
    {
      name: 'stream() of something that is not a Kubernetes Watch (a file, an S3 body)',
      code: `import boto3
s3 = boto3.client("s3")
def handler(event, context):
    body = s3.get_object(Bucket="b", Key="k")["Body"]
    for chunk in body.iter_chunks():
        pass
    for line in open("/tmp/x").stream():
        pass
`,
    },
    {
      name: 'a kopf name that is not a handler decorator (a type hint, a settings call)',
      code: `import kopf
def configure(settings: kopf.OperatorSettings, **_):
    settings.watching.server_timeout = 600
`,
    },
  ],
  invalid: [
    {
      name: 'a kopf operator: one finding, at its first handler',
      code: `import kopf
@kopf.on.startup()
async def startup(**_):
    pass
@kopf.on.update(kind="StatefulSet")
def reconcile(new, **_):
    pass
`,
      errors: [{ line: 2, column: 2, message: '`@kopf.on.startup` makes this a Kubernetes operator (kopf)', severity: 'error' }],
    },
    {
      name: 'kopf.run() started from code, under an alias',
      code: `import kopf as k
def main():
    k.run(standalone=True)
`,
      errors: [{ line: 3, message: '`k.run()` makes this a Kubernetes operator', severity: 'error' }],
    },
    {
      name: 'a watch of the Kubernetes API, by a Watch bound to a name and by one made in place',
      code: `from kubernetes import client, config, watch
config.load_incluster_config()
v1 = client.CoreV1Api()
w = watch.Watch()
for event in w.stream(v1.list_namespaced_pod, "default"):
    print(event["type"])
for event in watch.Watch().stream(v1.list_namespaced_event, "default"):
    print(event)
`,
      errors: [
        { line: 5, column: 1, message: '`w.stream(...)` watches the Kubernetes API', severity: 'error' },
        { line: 7, column: 1, message: '`watch.Watch().stream(...)` watches the Kubernetes API', severity: 'error' },
      ],
    },
    {
      name: 'Pub/Sub streaming pull waited on forever',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
future = subscriber.subscribe("projects/p/subscriptions/s", callback=handle)
with subscriber:
    future.result()
`,
      errors: [{ line: 5, column: 5, message: 'on a Pub/Sub streaming pull waits for pushed messages until the process stops' }],
    },
    {
      name: 'worker blocking on the streaming pull until interrupted (the result after cancel is not reported)',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
future = subscriber.subscribe("projects/p/subscriptions/s", callback=handle)
try:
    future.result()
except KeyboardInterrupt:
    future.cancel()
    future.result()
`,
      errors: [{ line: 5, column: 5, message: '`future.result(...)`' }],
    },
    {
      name: 'Event Hubs receive blocks',
      code: `from azure.eventhub import EventHubConsumerClient
client = EventHubConsumerClient.from_connection_string("c", consumer_group="$Default", eventhub_name="e")
client.receive(on_event=print)
`,
      errors: [{ line: 3, column: 1, message: 'Lambda has no Azure trigger' }],
    },
    {
      name: 'NATS subscription messages iterated',
      code: `import nats
async def main():
    nc = await nats.connect("nats://n:4222")
    sub = await nc.subscribe("orders")
    async for msg in sub.messages:
        handle(msg)
`,
      errors: [{ line: 5, column: 5, message: '(NATS subscription)' }],
    },
    {
      name: 'draining a Redis-backed queue class',
      code: `import redis
class RedisQueue:
    def __init__(self, name):
        self.db = redis.Redis()
        self.key = name
    def empty(self):
        return self.db.llen(self.key) == 0
q = RedisQueue("jobs")
def handler(event, context):
    while not q.empty():
        work(q)
`,
      errors: [{ line: 10, column: 5, message: '`while not q.empty()` drains `q`' }],
    },
    {
      name: 'draining an rq queue',
      code: `from rq import Queue
from redis import Redis
q = Queue(connection=Redis())
def handler(event, context):
    while q.count() > 0:
        work(q)
`,
      errors: [{ line: 5, column: 5, message: 'a queue outside this process' }],
    },
    {
      name: 'a service entry whose __main__ polls forever',
      code: `import time
def poll():
    return fetch()
if __name__ == "__main__":
    while True:
        poll()
        time.sleep(5)
`,
      errors: [{ line: 5, column: 5, message: '`while True` loops until the process stops' }],
    },
    {
      name: 'aiokafka consumer iterated',
      code: `from aiokafka import AIOKafkaConsumer
async def consume():
    consumer = AIOKafkaConsumer("orders", bootstrap_servers="k:9092")
    await consumer.start()
    async for msg in consumer:
        handle(msg)
`,
      errors: [{ line: 5, column: 5, message: 'KafkaConsumer' }],
    },
    {
      name: 'while True consumer without exit',
      code: `from confluent_kafka import Consumer
consumer = Consumer(conf)
def main():
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        handle(msg)
`,
      errors: [{ line: 4, column: 5, message: '`while True` loops until the process stops' }],
    },
    {
      name: 'consumer loop wrapped for Ctrl-C is still forever',
      code: `def main():
    try:
        while True:
            msg = consumer.poll(1.0)
            handle(msg)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
`,
      errors: [{ line: 3 }],
    },
    {
      name: 'while 1 at module level',
      code: `while 1:
    work()
`,
      errors: [{ line: 1, message: 'while 1' }],
    },
    {
      name: 'raise is a failure, not an exit',
      code: `def run():
    while True:
        msg = q.get()
        if msg is None:
            raise RuntimeError("queue closed")
`,
      errors: [{ line: 2 }],
    },
    {
      name: 'run flag loop',
      code: `class Worker:
    def loop(self):
        while self.running:
            self.step()
`,
      errors: [{ line: 3, message: 'while self.running' }],
    },
    {
      name: 'stop event loop',
      code: `import threading
stop = threading.Event()
def run():
    while not stop.is_set():
        tick()
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'kafka-python consumer iteration',
      code: `from kafka import KafkaConsumer
consumer = KafkaConsumer("orders", bootstrap_servers="kafka:9092")
for message in consumer:
    handle(message)
`,
      errors: [{ line: 3, message: 'KafkaConsumer' }],
    },
    {
      name: 'pika start_consuming',
      code: `import pika
channel = pika.BlockingConnection(params).channel()
channel.basic_consume(queue="jobs", on_message_callback=cb)
channel.start_consuming()
`,
      errors: [{ line: 4, message: 'RabbitMQ' }],
    },
    {
      name: 'redis pubsub listen',
      code: `import redis
r = redis.Redis(host="redis")
p = r.pubsub()
p.subscribe("events")
for item in p.listen():
    handle(item)
`,
      errors: [{ line: 5, message: 'Redis pub/sub' }],
    },
    {
      name: 'celery worker_main',
      code: `from celery import Celery
app = Celery("tasks")
app.worker_main(["worker", "--loglevel=info"])
`,
      errors: [{ line: 3, message: 'Celery worker' }],
    },
    {
      name: 'long sleep carries its duration',
      code: `import time
def handler(event, context):
    time.sleep(60 * 20)
`,
      errors: [{ line: 3, message: 'waits 1200 s' }],
    },
    {
      name: 'asyncio loop run_forever',
      code: `import asyncio
loop = asyncio.get_event_loop()
loop.run_forever()
`,
      errors: [{ line: 3, message: 'asyncio.run' }],
    },
  ],
});
