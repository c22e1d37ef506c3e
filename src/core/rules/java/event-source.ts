import { forEachNode } from '../../parsers/treesitter';
import {
  LAMBDA_ONLY_EVENT_MESSAGE,
  IDENTITY_EVENT_MESSAGE,
  AUTHORIZER_RESULT_READ,
  LAMBDA_ONLY_EVENT_TYPES,
  onlyLambda,
  websocketEventMessage,
  type EventSource,
} from '../../langs/common';
import { importsType, LAMBDA_EVENTS_PKG, simpleType } from '../../java/module';
import type { JavaRule } from './types';
import { range } from './util';

const NOT_INSIDE = new Set(['import_declaration', 'package_declaration', 'type_identifier', 'scoped_type_identifier']);

/** aws-lambda-java-events types, with the event source that delivers them. */
const EVENT_TYPES: Record<string, EventSource> = {
  SQSEvent: 'records',
  SNSEvent: 'records',
  S3Event: 'records',
  S3EventNotification: 'records',
  KinesisEvent: 'records',
  DynamodbEvent: 'records',
  KafkaEvent: 'records',
  ActiveMQEvent: 'records',
  RabbitMQEvent: 'records',
  APIGatewayProxyRequestEvent: 'http',
  APIGatewayV2HTTPEvent: 'http',
  APIGatewayV2WebSocketEvent: 'websocket',
  ApplicationLoadBalancerRequestEvent: 'http',
  ScheduledEvent: 'eventbridge',
  SQSBatchResponse: 'batch',
  StreamsEventResponse: 'batch',
};

export const javaEventSource: JavaRule = {
  language: 'java',
  // Reported only at one of these type names, which no spelling of the type can do without.
  needs: [...Object.keys(EVENT_TYPES), ...Object.keys(LAMBDA_ONLY_EVENT_TYPES)],
  // And only for a type of the events package, which the file names (a qualified type name, an import, a wildcard
  // import or its own package line), with nothing but whitespace around the dots.
  alsoNeeds: [LAMBDA_EVENTS_PKG.split('.').join('\\s*\\.\\s*')],
  meta: {
    id: 'java/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Handlers typed with aws-lambda-java-events shapes (SQS/SNS/S3 records, API Gateway requests, scheduled events, partial batch responses) rely on Lambda to poll and deliver; in a Pod the code must receive the work itself.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    },
    messages: {
      records:
        '`{type}` is a batch that a Lambda trigger (SQS, SNS, S3, Kinesis, DynamoDB Streams or Kafka) delivers; in a Pod nothing delivers it. Receive from the queue or stream yourself (e.g. an SQS listener such as Spring Cloud AWS, scaled by KEDA), build the records and delete messages once processed.',
      http: '`{type}` is the API Gateway/ALB event shape; in a Pod requests arrive over HTTP instead. Serve them with a web framework (Spring MVC, Micronaut, Quarkus) behind a Service and Ingress, converting the request into this shape if the handler must stay as it is.',
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
    const seen = new Set<string>();
    // A walk would skip imports and the package line, and the inside of every type name it meets.
    forEachNode(
      ctx.root,
      ['type_identifier', 'scoped_type_identifier'],
      (n) => {
        const name = simpleType(n) ?? '';
        const source: EventSource | undefined = EVENT_TYPES[name] ?? (LAMBDA_ONLY_EVENT_TYPES[name] ? 'lambdaOnly' : undefined);
        if (!source || seen.has(name)) return;
        const fromEvents =
          n.type === 'scoped_type_identifier' ? n.text.replace(/\s+/g, '').startsWith(LAMBDA_EVENTS_PKG) : importsType(ctx.module, name, LAMBDA_EVENTS_PKG);
        if (!fromEvents) return;
        seen.add(name);
        ctx.report({
          messageId: source === 'http' && AUTHORIZER_RESULT_READ.test(ctx.text) ? 'identity' : source,
          data: { type: name, ...onlyLambda(name) },
          at: range(n),
          ...(source === 'lambdaOnly' ? { severity: 'error' as const } : {}),
        });
      },
      undefined,
      NOT_INSIDE,
    );
  },
};
