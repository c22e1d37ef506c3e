import { pyLongLivedConnection } from '../../../src/core/rules/python/long-lived-connection';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyLongLivedConnection, {
  valid: [
    {
      name: 'Pub/Sub streaming pull for a bounded time, then cancelled',
      code: `from google.cloud import pubsub_v1
def pull_for_a_while(path, timeout):
    subscriber = pubsub_v1.SubscriberClient()
    future = subscriber.subscribe(path, callback=handle)
    with subscriber:
        try:
            future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            future.result()
`,
    },
    // Streaming subscribers (issue #16): bounded pulls are the Lambda way.
    {
      name: 'Pub/Sub synchronous pull inside the handler',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
def handler(event, context):
    resp = subscriber.pull(request={"subscription": "projects/p/subscriptions/s", "max_messages": 10})
    return len(resp.received_messages)
`,
    },
    {
      name: 'Service Bus receiver opened with max_wait_time',
      code: `import os
from azure.servicebus import ServiceBusClient
client = ServiceBusClient.from_connection_string(os.environ["CONN"])
def handler(event, context):
    with client.get_queue_receiver(queue_name="orders", max_wait_time=5) as receiver:
        for msg in receiver:
            receiver.complete_message(msg)
`,
    },
    {
      name: 'Kafka consumer that stops after a silence',
      code: `from kafka import KafkaConsumer
def handler(event, context):
    consumer = KafkaConsumer("orders", bootstrap_servers="k:9092", consumer_timeout_ms=5000)
    for msg in consumer:
        handle(msg)
`,
    },
    {
      name: 'a subscribe method on an unrelated object',
      code: `def handler(event, context):
    newsletter.subscribe(event["email"])
`,
    },
    {
      name: 'websocket send and receive one reply',
      code: `import websockets
async def notify(uri, msg):
    async with websockets.connect(uri) as ws:
        await ws.send(msg)
        return await ws.recv()
`,
    },
    {
      name: 'MQTT publish with a short loop',
      code: `import paho.mqtt.publish as publish
def handler(event, context):
    publish.single("alerts", event["body"], hostname="broker")
`,
    },
    {
      name: 'unary gRPC call',
      code: `import grpc
import orders_pb2_grpc
def handler(event, context):
    stub = orders_pb2_grpc.OrdersStub(grpc.insecure_channel("orders:50051"))
    return stub.GetOrder(request)
`,
    },
    {
      name: 'iterating a list of results',
      code: `def handler(event, context):
    for item in client.list_items():
        print(item)
`,
    },
    {
      name: 'websocket client only under the __main__ block of a handler module',
      code: `import websocket
def handler(event, context):
    return {}
if __name__ == "__main__":
    ws = websocket.WebSocketApp("wss://example.com")
    ws.run_forever()
`,
    },
    {
      name: 'API Gateway management API post (the Lambda way)',
      code: `import boto3
api = boto3.client("apigatewaymanagementapi", endpoint_url="https://x")
def handler(event, context):
    api.post_to_connection(ConnectionId=event["id"], Data=b"hi")
`,
    },
    {
      name: 'socket.io client that disconnects',
      code: `import socketio
def handler(event, context):
    sio = socketio.Client()
    sio.connect("https://x")
    sio.emit("event", {})
    sio.disconnect()
`,
    },
    {
      name: 'stream bounded by the remaining time',
      code: `def handler(event, context):
    for update in stub.Watch(req):
        if context.get_remaining_time_in_millis() < 5000:
            break
`,
    },
  ],
  invalid: [
    {
      name: 'Pub/Sub streaming pull',
      code: `from google.cloud import pubsub_v1
subscriber = pubsub_v1.SubscriberClient()
path = subscriber.subscription_path("proj", "orders")
future = subscriber.subscribe(path, callback=lambda m: m.ack())
future.result()
`,
      errors: [{ line: 4, column: 10, message: '`subscriber.subscribe(...)` (Pub/Sub streaming pull) keeps a streaming connection open' }],
    },
    {
      name: 'Service Bus receiver iterated forever',
      code: `import os
from azure.servicebus import ServiceBusClient
client = ServiceBusClient.from_connection_string(os.environ["CONN"])
with client:
    receiver = client.get_queue_receiver(queue_name="orders")
    with receiver:
        for msg in receiver:
            receiver.complete_message(msg)
`,
      errors: [{ line: 7, column: 9, message: '(Service Bus receiver)' }],
    },
    {
      name: 'Event Hubs receive',
      code: `from azure.eventhub import EventHubConsumerClient
client = EventHubConsumerClient.from_connection_string("c", consumer_group="$Default", eventhub_name="e")
with client:
    client.receive(on_event=print, starting_position="-1")
`,
      errors: [{ line: 4, column: 5, message: '(Event Hubs)' }],
    },
    {
      name: 'NATS subscription',
      code: `import nats
async def main():
    nc = await nats.connect("nats://n:4222")
    await nc.subscribe("orders.*", cb=handle)
`,
      errors: [{ line: 4, column: 11, message: '(NATS subscription)' }],
    },
    {
      name: 'Kafka consumer iterated',
      code: `from kafka import KafkaConsumer
consumer = KafkaConsumer("orders", bootstrap_servers="k:9092")
for msg in consumer:
    handle(msg)
`,
      errors: [{ line: 3, column: 1, message: '(Kafka consumer)' }],
    },
    {
      name: 'a websocket client run forever from a service entry (no handler)',
      code: `import websocket
if __name__ == "__main__":
    ws = websocket.WebSocketApp("wss://example.com")
    ws.run_forever()
`,
      errors: [{ line: 4, column: 5, message: 'websocket-client' }],
    },
    {
      name: 'websocket-client run_forever',
      code: `import websocket
ws = websocket.WebSocketApp("wss://stream.example.com", on_message=on_message)
ws.run_forever()
`,
      errors: [{ line: 3, column: 1, message: 'keeps a WebSocket open' }],
    },
    {
      name: 'websockets async for over messages',
      code: `import websockets
async def listen(uri):
    async with websockets.connect(uri) as ws:
        async for message in ws:
            handle(message)
`,
      errors: [{ line: 4, message: 'Iterating `ws`' }],
    },
    {
      name: 'websockets reconnecting iterator',
      code: `from websockets.asyncio.client import connect
async def main():
    async for ws in connect("wss://x"):
        await consume(ws)
`,
      errors: [{ line: 3 }],
    },
    {
      name: 'awaited websockets connection iterated',
      code: `import websockets
async def main():
    ws = await websockets.connect("wss://x")
    async for msg in ws:
        print(msg)
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'MQTT loop_forever',
      code: `import paho.mqtt.client as mqtt
client = mqtt.Client()
client.connect("broker", 1883)
client.loop_forever()
`,
      errors: [{ line: 4, message: 'AWS IoT rule' }],
    },
    {
      name: 'MQTT loop_start',
      code: `from paho.mqtt import client as mqtt_client
c = mqtt_client.Client()
c.loop_start()
`,
      errors: [{ line: 3, message: 'loop_start' }],
    },
    {
      name: 'gRPC server-streaming response iterated',
      code: `import prices_pb2_grpc
stub = prices_pb2_grpc.PricesStub(channel)
for tick in stub.Subscribe(request):
    handle(tick)
`,
      errors: [{ line: 3, message: 'gRPC stream' }],
    },
    {
      name: 'socket.io client wait',
      code: `import socketio
sio = socketio.Client()
sio.connect("https://x")
sio.wait()
`,
      errors: [{ line: 4, message: 'Socket.IO' }],
    },
  ],
});
