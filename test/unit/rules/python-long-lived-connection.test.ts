import { pyLongLivedConnection } from '../../../src/core/rules/python/long-lived-connection';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyLongLivedConnection, {
  valid: [
    { name: 'websocket send and receive one reply', code: `import websockets
async def notify(uri, msg):
    async with websockets.connect(uri) as ws:
        await ws.send(msg)
        return await ws.recv()
` },
    { name: 'MQTT publish with a short loop', code: `import paho.mqtt.publish as publish
def handler(event, context):
    publish.single("alerts", event["body"], hostname="broker")
` },
    { name: 'unary gRPC call', code: `import grpc
import orders_pb2_grpc
def handler(event, context):
    stub = orders_pb2_grpc.OrdersStub(grpc.insecure_channel("orders:50051"))
    return stub.GetOrder(request)
` },
    { name: 'iterating a list of results', code: `def handler(event, context):
    for item in client.list_items():
        print(item)
` },
    { name: 'websocket client only under __main__', code: `import websocket
if __name__ == "__main__":
    ws = websocket.WebSocketApp("wss://example.com")
    ws.run_forever()
` },
    { name: 'API Gateway management API post (the Lambda way)', code: `import boto3
api = boto3.client("apigatewaymanagementapi", endpoint_url="https://x")
def handler(event, context):
    api.post_to_connection(ConnectionId=event["id"], Data=b"hi")
` },
    { name: 'socket.io client that disconnects', code: `import socketio
def handler(event, context):
    sio = socketio.Client()
    sio.connect("https://x")
    sio.emit("event", {})
    sio.disconnect()
` },
    { name: 'stream bounded by the remaining time', code: `def handler(event, context):
    for update in stub.Watch(req):
        if context.get_remaining_time_in_millis() < 5000:
            break
` },
  ],
  invalid: [
    { name: 'websocket-client run_forever', code: `import websocket
ws = websocket.WebSocketApp("wss://stream.example.com", on_message=on_message)
ws.run_forever()
`, errors: [{ line: 3, column: 1, message: 'keeps a WebSocket open' }] },
    { name: 'websockets async for over messages', code: `import websockets
async def listen(uri):
    async with websockets.connect(uri) as ws:
        async for message in ws:
            handle(message)
`, errors: [{ line: 4, message: 'Iterating `ws`' }] },
    { name: 'websockets reconnecting iterator', code: `from websockets.asyncio.client import connect
async def main():
    async for ws in connect("wss://x"):
        await consume(ws)
`, errors: [{ line: 3 }] },
    { name: 'awaited websockets connection iterated', code: `import websockets
async def main():
    ws = await websockets.connect("wss://x")
    async for msg in ws:
        print(msg)
`, errors: [{ line: 4 }] },
    { name: 'MQTT loop_forever', code: `import paho.mqtt.client as mqtt
client = mqtt.Client()
client.connect("broker", 1883)
client.loop_forever()
`, errors: [{ line: 4, message: 'AWS IoT rule' }] },
    { name: 'MQTT loop_start', code: `from paho.mqtt import client as mqtt_client
c = mqtt_client.Client()
c.loop_start()
`, errors: [{ line: 3, message: 'loop_start' }] },
    { name: 'gRPC server-streaming response iterated', code: `import prices_pb2_grpc
stub = prices_pb2_grpc.PricesStub(channel)
for tick in stub.Subscribe(request):
    handle(tick)
`, errors: [{ line: 3, message: 'gRPC stream' }] },
    { name: 'socket.io client wait', code: `import socketio
sio = socketio.Client()
sio.connect("https://x")
sio.wait()
`, errors: [{ line: 4, message: 'Socket.IO' }] },
  ],
});
