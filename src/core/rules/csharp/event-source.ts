import { walk } from '../../parsers/treesitter';
import {
  LAMBDA_ONLY_EVENT_MESSAGE,
  IDENTITY_EVENT_MESSAGE,
  AUTHORIZER_RESULT_READ,
  LAMBDA_ONLY_EVENT_TYPES,
  onlyLambda,
  websocketEventMessage,
  type EventSource,
} from '../../langs/common';
import { simpleType, usesNamespace } from '../../csharp/module';
import type { CsRule } from './types';
import { range } from './util';

/** Amazon.Lambda.*Events types, with the event source that delivers them. */
const EVENT_TYPES: Record<string, EventSource> = {
  SQSEvent: 'records',
  SNSEvent: 'records',
  S3Event: 'records',
  KinesisEvent: 'records',
  DynamoDBEvent: 'records',
  KafkaEvent: 'records',
  APIGatewayProxyRequest: 'http',
  APIGatewayHttpApiV2ProxyRequest: 'http',
  ApplicationLoadBalancerRequest: 'http',
  CloudWatchEvent: 'eventbridge',
  ScheduledEvent: 'eventbridge',
  SQSBatchResponse: 'batch',
  StreamsEventResponse: 'batch',
};

/** The WebSocket API's request (Amazon.Lambda.APIGatewayEvents has no type of its own): its connection id is read. */
const CONNECTION_ID_READ = /\bRequestContext\s*\??\.\s*ConnectionId\b/;

export const csEventSource: CsRule = {
  language: 'csharp',
  // Reported only at one of these type names, which no spelling of the type can do without.
  needs: [...Object.keys(EVENT_TYPES), ...Object.keys(LAMBDA_ONLY_EVENT_TYPES)],
  meta: {
    id: 'csharp/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Handlers typed with Amazon.Lambda event shapes (SQS/SNS/S3 records, API Gateway requests, CloudWatch/EventBridge events, partial batch responses) rely on Lambda to poll and deliver; in a Pod the code must receive the work itself.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    },
    messages: {
      records:
        '`{type}` is a batch that a Lambda trigger (SQS, SNS, S3, Kinesis, DynamoDB Streams or Kafka) delivers; in a Pod nothing delivers it. Receive from the queue or stream yourself (e.g. a BackgroundService polling SQS, scaled by KEDA), build the records and delete messages once processed.',
      http: '`{type}` is the API Gateway/ALB event shape; in a Pod requests arrive over HTTP instead. Serve them with ASP.NET Core behind a Service and Ingress, converting the request into this shape if the handler must stay as it is.',
      websocket: websocketEventMessage('`{type}` is'),
      eventbridge:
        '`{type}` is an EventBridge event delivered to a Lambda target; a Pod cannot be a rule target. Run the job as a Kubernetes CronJob, or send the rule to an SQS queue and consume it from there.',
      batch:
        "`{type}` is Lambda's partial batch response for SQS, Kinesis and DynamoDB event source mappings; in a Pod nothing reads it. Delete the messages that succeeded (or checkpoint the stream) yourself and let failed ones become visible again.",
      lambdaOnly: LAMBDA_ONLY_EVENT_MESSAGE,
      identity: IDENTITY_EVENT_MESSAGE,
    },
  },
  check(ctx) {
    if (!usesNamespace(ctx.module, /^Amazon\.Lambda\.\w*Events(\.|$)/) && !/Amazon\.Lambda\.\w*Events\./.test(ctx.text)) return;
    const seen = new Set<string>();
    walk(ctx.root, (n) => {
      if (n.type === 'using_directive') return 'skip';
      if (n.type !== 'parameter' && n.type !== 'type_argument_list' && n.type !== 'method_declaration') return;
      const types = n.type === 'type_argument_list' ? n.namedChildren : [n.type === 'parameter' ? n.get('type') : n.get('returns')];
      for (const t of types) {
        const name = simpleType(t?.type === 'generic_name' ? t : t) ?? '';
        let source: EventSource | undefined = EVENT_TYPES[name] ?? (LAMBDA_ONLY_EVENT_TYPES[name] ? 'lambdaOnly' : undefined);
        if (source === 'http' && name === 'APIGatewayProxyRequest' && CONNECTION_ID_READ.test(ctx.text)) source = 'websocket';
        if (!t || !source || seen.has(name)) continue;
        seen.add(name);
        ctx.report({
          messageId: source === 'http' && AUTHORIZER_RESULT_READ.test(ctx.text) ? 'identity' : source,
          data: { type: name, ...onlyLambda(name) },
          at: range(t),
          ...(source === 'lambdaOnly' ? { severity: 'error' as const } : {}),
        });
      }
    });
  },
};
