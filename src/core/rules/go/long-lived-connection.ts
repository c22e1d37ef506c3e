import { walk, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, unparen } from '../../go/module';
import type { GoRule, GoRuleContext } from './types';
import { calleeLabel, calleeName, forEachCall, nameNeeds, range, receiverOf } from './util';

const WS_ACCEPT = /^(nhooyr\.io\/websocket|github\.com\/coder\/websocket)\.Accept$/;
const GORILLA = 'github.com/gorilla/websocket';

/** Kafka consumer-group constructors: the group session holds partitions and heartbeats for as long as it runs. */
const CONSUMER_GROUPS: Record<string, string> = {
  'github.com/IBM/sarama.NewConsumerGroup': 'sarama consumer group',
  'github.com/Shopify/sarama.NewConsumerGroup': 'sarama consumer group',
  'github.com/IBM/sarama.NewConsumerGroupFromClient': 'sarama consumer group',
  'github.com/confluentinc/confluent-kafka-go/kafka.NewConsumer': 'confluent-kafka-go consumer',
  'github.com/confluentinc/confluent-kafka-go/v2/kafka.NewConsumer': 'confluent-kafka-go consumer',
  'github.com/twmb/franz-go/pkg/kgo.NewClient': 'franz-go client',
};

/** Subscriptions that receive pushed messages over a connection they keep open. */
const SUBSCRIBE =
  /^(github\.com\/nats-io\/nats\.go\.Connect(\..*)?\.(Subscribe|QueueSubscribe|ChanSubscribe)|cloud\.google\.com\/go\/pubsub(\/v2)?\.NewClient\..*\.Receive|github\.com\/redis\/go-redis\/v\d+\.NewClient\.(Subscribe|PSubscribe))$/;

/** The method names SUBSCRIBE ends with, and `Upgrade`: only calls by these names need their receiver's type. */
const RECEIVER_METHODS = new Set(['Upgrade', 'Subscribe', 'QueueSubscribe', 'ChanSubscribe', 'PSubscribe', 'Receive']);

const STREAM_PARAM = /^\w+\.(\w+_\w+Server|(ServerStreaming|BidiStreaming|ClientStreaming)Server\[.*\])$/;

function usesName(body: SyntaxNode | undefined, name: string): boolean {
  let used = false;
  if (body)
    walk(body, (n) => {
      if (n.type === 'identifier' && n.text === name) used = true;
    });
  return used;
}

function hasGroupId(lit: SyntaxNode | undefined): boolean {
  let found = false;
  if (lit)
    walk(lit, (n) => {
      if (n.type === 'keyed_element' && /^GroupID\b/.test(n.text)) found = true;
    });
  return found;
}

export const goLongLivedConnection: GoRule = {
  language: 'go',
  // Reported at a call resolved to a WS_ACCEPT function (`Accept`) or to one of CONSUMER_GROUPS, or at a method call by
  // one of RECEIVER_METHODS, each spelled with its name; at a kafka-go reader given a `GroupID`; at a stream parameter,
  // whose type's name is `<Service>_<Method>Server` or `…StreamingServer` (STREAM_PARAM).
  needs: ['Accept', 'GroupID', ...nameNeeds([...Object.keys(CONSUMER_GROUPS), ...RECEIVER_METHODS]), '_\\w+Server', 'StreamingServer'],
  meta: {
    id: 'go/long-lived-connection',
    category: 'long-lived-connection',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'WebSocket upgrades, gRPC server streams, Kafka consumer groups and push subscriptions hold a connection open for longer than an invocation, which Lambda cannot do.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
    },
    messages: {
      websocket:
        '{label} upgrades the request to a WebSocket and keeps the connection open, which a Lambda function cannot serve (no inbound connections, 900 s at most). Use API Gateway WebSocket APIs, where each message invokes the function, or keep this service on Kubernetes.',
      stream:
        '`{method}` is a gRPC server-streaming or bidirectional method: it holds the HTTP/2 stream open while it sends, which Lambda cannot serve. Keep the service on Kubernetes, or replace the stream with polling or notifications (SNS, EventBridge, AppSync subscriptions).',
      group:
        '{label} ({what}) joins a consumer group and keeps its session, heartbeats and partition claims alive between messages, which no Lambda invocation can do. Use an Amazon MSK or self-managed Kafka event source mapping, which polls the topic and invokes the function with batches.',
      subscribe:
        '{label} keeps a subscription open and receives pushed messages for as long as the process lives, which Lambda cannot do (frozen between invocations, 900 s at most). Deliver the messages through an event source (SQS, SNS, EventBridge) that invokes the function, or keep this consumer on Kubernetes.',
    },
  },
  check(ctx) {
    forEachCall(ctx, (call) => checkCall(ctx, call));
    // Streaming methods take a generated `<Service>_<Method>Server` stream (or, since grpc-go 1.64, a generic
    // `grpc.ServerStreamingServer[T]` / `grpc.BidiStreamingServer[Req, Res]`) parameter.
    for (const m of ctx.root.namedChildren) {
      if (m.type !== 'method_declaration') continue;
      const params = m.get('parameters')?.namedChildren ?? [];
      const stream = params.find((p) => p.type === 'parameter_declaration' && STREAM_PARAM.test(p.get('type')?.text.replace(/\s+/g, '') ?? ''));
      const name = stream?.get('name')?.text;
      // A method that never touches its stream (a health Watch stub returning Unimplemented) streams nothing.
      if (!stream || !name || !usesName(m.get('body'), name)) continue;
      ctx.report({ messageId: 'stream', data: { method: m.get('name')?.text ?? '' }, at: range(stream) });
    }
  },
};

/** Asked of every call: the label is made only for a finding. */
function checkCall(ctx: GoRuleContext, call: SyntaxNode): void {
  const q = ctx.qualified(call.get('function'));
  if (q && WS_ACCEPT.test(q)) {
    ctx.report({ messageId: 'websocket', data: { label: calleeLabel(call) }, at: range(call) });
    return;
  }
  if (q && CONSUMER_GROUPS[q]) {
    ctx.report({ messageId: 'group', data: { label: calleeLabel(call), what: CONSUMER_GROUPS[q] }, at: range(call) });
    return;
  }
  if (q === 'github.com/segmentio/kafka-go.NewReader' && hasGroupId(unparen(callArgs(call)[0]))) {
    ctx.report({ messageId: 'group', data: { label: calleeLabel(call), what: 'kafka-go reader with a GroupID' }, at: range(call) });
    return;
  }
  if (q) return;
  const method = calleeName(call);
  if (!method || !RECEIVER_METHODS.has(method)) return;
  const recvType = ctx.typeOf(receiverOf(call)) ?? '';
  if (method === 'Upgrade' && (recvType === `${GORILLA}.Upgrader` || (ctx.module.paths.has(GORILLA) && /upgrader/i.test(receiverOf(call)?.text ?? '')))) {
    ctx.report({ messageId: 'websocket', data: { label: calleeLabel(call) }, at: range(call) });
    return;
  }
  if (SUBSCRIBE.test(`${recvType}.${method}`)) ctx.report({ messageId: 'subscribe', data: { label: calleeLabel(call) }, at: range(call) });
}
