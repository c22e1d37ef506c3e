import { pyLongRunning } from '../../../src/core/rules/python/long-running';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyLongRunning, {
  valid: [
    { name: 'pagination loop with break', code: `def handler(event, context):
    token = None
    while True:
        page = client.list_objects_v2(Bucket="b", ContinuationToken=token)
        if not page.get("IsTruncated"):
            break
        token = page["NextContinuationToken"]
` },
    { name: 'retry loop that returns', code: `def fetch():
    while True:
        try:
            return call()
        except Timeout:
            continue
` },
    { name: 'loop aware of the remaining time', code: `def handler(event, context):
    while True:
        if context.get_remaining_time_in_millis() < 10000:
            return {"more": True}
        process_next()
` },
    { name: 'bounded while', code: `def handler(event, context):
    n = 0
    while n < 10:
        n += 1
` },
    { name: 'short back-off sleep', code: `import time
def handler(event, context):
    time.sleep(2)
` },
    { name: 'loop ended by a caught exception', code: `def drain(stack):
    try:
        while True:
            handle(stack.pop())
    except IndexError:
        pass
` },
    { name: 'infinite generator driven by its consumer', code: `def ids():
    n = 0
    while True:
        n += 1
        yield n
` },
    { name: 'deadline-bounded loop that raises', code: `import time
def wait_ready(deadline):
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("not ready")
        poll()
` },
    { name: 'forever loop only under __main__', code: `if __name__ == "__main__":
    while True:
        poll()
` },
    { name: 'sleep with a computed duration', code: `import time
def wait(seconds):
    time.sleep(seconds)
` },
    { name: 'asyncio.run in the handler', code: `import asyncio
def handler(event, context):
    return asyncio.run(main())
` },
    { name: 'iterating a list named consumer', code: `def handler(event, context):
    consumers = event["consumers"]
    for c in consumers:
        print(c)
` },
  ],
  invalid: [
    { name: 'while True consumer without exit', code: `from confluent_kafka import Consumer
consumer = Consumer(conf)
def main():
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        handle(msg)
`, errors: [{ line: 4, column: 5, message: '`while True` loops until the process stops' }] },
    { name: 'consumer loop wrapped for Ctrl-C is still forever', code: `def main():
    try:
        while True:
            msg = consumer.poll(1.0)
            handle(msg)
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
`, errors: [{ line: 3 }] },
    { name: 'while 1 at module level', code: `while 1:
    work()
`, errors: [{ line: 1, message: 'while 1' }] },
    { name: 'raise is a failure, not an exit', code: `def run():
    while True:
        msg = q.get()
        if msg is None:
            raise RuntimeError("queue closed")
`, errors: [{ line: 2 }] },
    { name: 'run flag loop', code: `class Worker:
    def loop(self):
        while self.running:
            self.step()
`, errors: [{ line: 3, message: 'while self.running' }] },
    { name: 'stop event loop', code: `import threading
stop = threading.Event()
def run():
    while not stop.is_set():
        tick()
`, errors: [{ line: 4 }] },
    { name: 'kafka-python consumer iteration', code: `from kafka import KafkaConsumer
consumer = KafkaConsumer("orders", bootstrap_servers="kafka:9092")
for message in consumer:
    handle(message)
`, errors: [{ line: 3, message: 'KafkaConsumer' }] },
    { name: 'pika start_consuming', code: `import pika
channel = pika.BlockingConnection(params).channel()
channel.basic_consume(queue="jobs", on_message_callback=cb)
channel.start_consuming()
`, errors: [{ line: 4, message: 'RabbitMQ' }] },
    { name: 'redis pubsub listen', code: `import redis
r = redis.Redis(host="redis")
p = r.pubsub()
p.subscribe("events")
for item in p.listen():
    handle(item)
`, errors: [{ line: 5, message: 'Redis pub/sub' }] },
    { name: 'celery worker_main', code: `from celery import Celery
app = Celery("tasks")
app.worker_main(["worker", "--loglevel=info"])
`, errors: [{ line: 3, message: 'Celery worker' }] },
    { name: 'long sleep carries its duration', code: `import time
def handler(event, context):
    time.sleep(60 * 20)
`, errors: [{ line: 3, message: 'waits 1200 s' }] },
    { name: 'asyncio loop run_forever', code: `import asyncio
loop = asyncio.get_event_loop()
loop.run_forever()
`, errors: [{ line: 3, message: 'asyncio.run' }] },
  ],
});
