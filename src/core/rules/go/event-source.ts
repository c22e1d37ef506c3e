import { nodesOfType } from '../../parsers/treesitter';
import {
  LAMBDA_ONLY_EVENT_MESSAGE,
  IDENTITY_EVENT_MESSAGE,
  AUTHORIZER_RESULT_READ,
  LAMBDA_ONLY_EVENT_TYPES,
  onlyLambda,
  websocketEventMessage,
  type EventSource,
} from '../../langs/common';
import type { GoRule } from './types';
import { range } from './util';
import { GO_PROXY_ADAPTER, GO_PROXY_FRAMEWORKS } from '../../webAdapter';

const EVENTS_PKG = 'github.com/aws/aws-lambda-go/events.';

/** aws-lambda-go event and response types, with the event source that delivers them. */
const EVENT_TYPES: Record<string, EventSource> = {
  SQSEvent: 'records',
  SNSEvent: 'records',
  S3Event: 'records',
  KinesisEvent: 'records',
  DynamoDBEvent: 'records',
  KafkaEvent: 'records',
  RabbitMQEvent: 'records',
  ActiveMQEvent: 'records',
  APIGatewayProxyRequest: 'http',
  APIGatewayV2HTTPRequest: 'http',
  APIGatewayWebsocketProxyRequest: 'websocket',
  ALBTargetGroupRequest: 'http',
  LambdaFunctionURLRequest: 'http',
  CloudWatchEvent: 'eventbridge',
  EventBridgeEvent: 'eventbridge',
  SQSEventResponse: 'batch',
  KinesisEventResponse: 'batch',
  DynamoDBEventResponse: 'batch',
};

export const goEventSource: GoRule = {
  language: 'go',
  // Reported only at one of these type names, which no spelling of the type can do without.
  needs: [...Object.keys(EVENT_TYPES), ...Object.keys(LAMBDA_ONLY_EVENT_TYPES)],
  meta: {
    id: 'go/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Handlers typed with aws-lambda-go event shapes (SQS/SNS/S3 records, API Gateway requests, EventBridge events, partial batch responses) rely on Lambda to poll and deliver; in a Pod the code must receive the work itself.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    },
    messages: {
      records:
        '`{type}` is a batch that a Lambda trigger (SQS, SNS, S3, Kinesis, DynamoDB Streams or Kafka) delivers; in a Pod nothing delivers it. Receive from the queue or stream yourself (e.g. an SQS consumer with aws-sdk-go-v2, scaled by KEDA), build the records and delete messages once processed.',
      http: '`{type}` is the API Gateway/ALB/function URL event shape; in a Pod requests arrive over HTTP instead. Serve them with net/http behind a Service and Ingress, converting the request into this shape if the handler must stay as it is.',
      httpProxy:
        '`{type}` is the API Gateway/ALB event shape, which this code only hands to {framework} through aws-lambda-go-api-proxy; in a Pod requests arrive over HTTP. Serve the {framework} router itself (its own Run/ListenAndServe) behind a Service and Ingress, and drop the Lambda handler and the adapter.',
      websocket: websocketEventMessage('`{type}` is'),
      eventbridge:
        '`{type}` is an EventBridge event delivered to a Lambda target; a Pod cannot be a rule target. Send the rule to an SQS queue (or an API destination) and consume it from there, or run a CronJob for schedules.',
      batch:
        "`{type}` is Lambda's partial batch response for SQS, Kinesis and DynamoDB event source mappings; in a Pod nothing reads it. Delete the messages that succeeded (or checkpoint the stream) yourself and let failed ones become visible again.",
      lambdaOnly: LAMBDA_ONLY_EVENT_MESSAGE,
      identity: IDENTITY_EVENT_MESSAGE,
    },
  },
  check(ctx) {
    const seen = new Set<string>();
    // A router served on Lambda through aws-lambda-go-api-proxy: the HTTP event is only passed to it.
    const proxy = [...ctx.module.paths].map((p) => GO_PROXY_ADAPTER.exec(p)?.[1]).find((a) => a && GO_PROXY_FRAMEWORKS[a]);
    // Qualified types hold no types.
    for (const n of nodesOfType(ctx.root, 'qualified_type')) {
      const q = ctx.qualified(n);
      if (!q?.startsWith(EVENTS_PKG)) continue;
      const name = q.slice(EVENTS_PKG.length);
      const source: EventSource | undefined = EVENT_TYPES[name] ?? (LAMBDA_ONLY_EVENT_TYPES[name] ? 'lambdaOnly' : undefined);
      if (source && !seen.has(name)) {
        seen.add(name);
        const viaProxy = source === 'http' && proxy !== undefined;
        const identity = source === 'http' && !viaProxy && AUTHORIZER_RESULT_READ.test(ctx.text);
        ctx.report({
          messageId: viaProxy ? 'httpProxy' : identity ? 'identity' : source,
          data: { type: n.text, ...onlyLambda(name), ...(viaProxy ? { framework: GO_PROXY_FRAMEWORKS[proxy] } : {}) },
          at: range(n),
          ...(source === 'lambdaOnly' ? { severity: 'error' as const } : {}),
        });
      }
    }
  },
};
