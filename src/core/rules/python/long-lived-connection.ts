import { unparen } from '../../python/ast';
import type { PyRule, PyRuleContext } from './types';
import { forEachCall, forEachOfType, range, streamingSubscribers } from './util';

const WS_CONNECT = new Set([
  'websockets.connect',
  'websockets.client.connect',
  'websockets.asyncio.client.connect',
  'websockets.sync.client.connect',
  'websockets.legacy.client.connect',
]);

function isStub(type: string | undefined, receiverText: string): boolean {
  return (type !== undefined && /Stub$/.test(type)) || /(^|\.)_?stub$/i.test(receiverText);
}

export const pyLongLivedConnection: PyRule = {
  // Subscribers (Pub/Sub, Azure, Kafka, NATS), websockets, MQTT, Socket.IO, gRPC stubs (by type or receiver name).
  needs: ['pubsub', 'azure', 'kafka', 'nats', 'websocket', 'paho', 'socketio', 'loop_forever', '[Ss][Tt][Uu][Bb]'],
  language: 'python',
  meta: {
    id: 'python/long-lived-connection',
    category: 'long-lived-connection',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Connections held open to receive pushed messages (WebSockets, MQTT, gRPC streams) break on Lambda: the environment is frozen between invocations and every invocation ends at its timeout.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      websocket:
        '{what} keeps a WebSocket open to receive messages, but Lambda freezes the environment between invocations and ends each one at its timeout, so messages are missed. Have the sender push to API Gateway, SQS or EventBridge to invoke the function, or keep this client on Kubernetes.',
      mqtt: '`{call}` keeps an MQTT connection and its network loop running, which stops whenever Lambda freezes the environment. Route the topic to the function with an AWS IoT rule, or keep this subscriber on Kubernetes.',
      grpcStream:
        'Iterating `{call}` holds a gRPC stream open for as long as the server sends, which outlasts a Lambda invocation (900 s at most). Fetch with unary calls inside the invocation, or keep the stream consumer on Kubernetes.',
      subscriber:
        '{what} keeps a streaming connection open for the broker to push messages, which stops whenever Lambda freezes the environment between invocations and cannot outlive one invocation (900 s at most). Deliver the messages through an event source instead ({source}), or keep this subscriber on Kubernetes.',
      socketio:
        '`{call}` keeps a Socket.IO client connected and waiting, which stops whenever Lambda freezes the environment. Have the server push events to SQS or EventBridge instead, or keep this client on Kubernetes.',
    },
  },
  check(ctx: PyRuleContext) {
    for (const s of streamingSubscribers(ctx)) {
      if (s.role === 'connect') ctx.report({ messageId: 'subscriber', data: { what: s.what, source: s.source }, at: s.at });
    }
    forEachCall(ctx, (call) => {
      const fn = call.get('function');
      if (fn?.type !== 'attribute') return;
      const method = fn.get('attribute')?.text;
      const recv = fn.get('object')!;
      const t = ctx.typeOf(recv);
      if (method === 'run_forever' && t?.startsWith('websocket.')) {
        ctx.report({ messageId: 'websocket', data: { what: `\`${recv.text}.run_forever()\` (websocket-client)` }, at: range(call) });
      } else if ((method === 'loop_forever' || method === 'loop_start') && (t?.startsWith('paho.') || method === 'loop_forever')) {
        ctx.report({ messageId: 'mqtt', data: { call: `${recv.text}.${method}()` }, at: range(call) });
      } else if (method === 'wait' && (t === 'socketio.Client' || t === 'socketio.AsyncClient')) {
        ctx.report({ messageId: 'socketio', data: { call: `${recv.text}.wait()` }, at: range(call) });
      }
    });
    forEachOfType(ctx, ['for_statement'], (n) => {
      const right = unparen(n.get('right'));
      if (!right) return;
      if (n.text.includes('get_remaining_time_in_millis')) return;
      const t = ctx.typeOf(right);
      const head: [number, number] = [n.start, right.end];
      // `async for ws in websockets.connect(...)` reconnects forever; `async for msg in ws` reads until the server closes.
      if (t && WS_CONNECT.has(t)) {
        ctx.report({
          messageId: 'websocket',
          data: { what: `Iterating \`${right.text.length > 50 ? `${right.text.slice(0, 47)}...` : right.text}\`` },
          at: head,
        });
        return;
      }
      if (right.type === 'call') {
        const f = right.get('function');
        if (f?.type === 'attribute') {
          const recv = f.get('object')!;
          if (isStub(ctx.typeOf(recv), recv.text)) ctx.report({ messageId: 'grpcStream', data: { call: `${f.text}(...)` }, at: head });
        }
      }
    });
  },
};
