import { stringValue, unparen, type PyNode } from '../../python/ast';
import { LAMBDA_ONLY_INVOKERS } from '../../model/invokers';
import { websocketEventMessage } from '../../langs/common';
import type { PyRule, PyRuleContext } from './types';
import { forEachOfType, handlerAt, range } from './util';

type Source = 'records' | 'http' | 'websocket' | 'eventbridge' | 'lambdaOnly';

/** Top-level event keys that only a Lambda event source produces. */
const EVENT_KEYS: Record<string, Source> = {
  Records: 'records',
  requestContext: 'http',
  httpMethod: 'http',
  pathParameters: 'http',
  queryStringParameters: 'http',
  multiValueQueryStringParameters: 'http',
  multiValueHeaders: 'http',
  rawPath: 'http',
  rawQueryString: 'http',
  routeKey: 'http',
  'detail-type': 'eventbridge',
};

/**
 * Top-level keys of the events of services that only ever call a Lambda function, with the service (model/invokers.ts
 * keys): a Cognito trigger's `triggerSource`, a Lex code hook's `invocationSource`, a Firehose transformation's
 * `deliveryStreamArn`, an S3 Object Lambda request's `getObjectContext`, a Config rule evaluation's `invokingEvent`, an
 * API Gateway authorizer request's `methodArn`.
 */
const LAMBDA_ONLY_KEYS: Record<string, string> = {
  triggerSource: 'cognito',
  userPoolId: 'cognito',
  invocationSource: 'lex',
  currentIntent: 'lex',
  deliveryStreamArn: 'firehose',
  getObjectContext: 's3objectlambda',
  invokingEvent: 'config',
  configRuleName: 'config',
  methodArn: 'apigateway',
  authorizationToken: 'apigateway',
  routeArn: 'apigateway',
  actionGroup: 'bedrock',
};

/**
 * A read of the connection id from the request context (`event["requestContext"]["connectionId"]`,
 * `event.get("requestContext", {}).get("connectionId")`): the request is an API Gateway WebSocket event.
 */
const CONNECTION_ID_READ =
  /['"]requestContext['"]\s*\]\s*(?:\[\s*|\.get\(\s*)['"]connectionId['"]|\.get\(\s*['"]requestContext['"][^)]*\)\s*(?:\[\s*|\.get\(\s*)['"]connectionId['"]/;

/**
 * A read of the authorizer's result from the request context (`event["requestContext"]["authorizer"]["claims"]`,
 * `event.get("requestContext", {}).get("authorizer")`): the handler trusts a caller identity API Gateway verified.
 */
const AUTHORIZER_READ =
  /['"]requestContext['"]\s*\]\s*(?:\[\s*|\.get\(\s*)['"]authorizer['"]|\.get\(\s*['"]requestContext['"][^)]*\)\s*(?:\[\s*|\.get\(\s*)['"]authorizer['"]/;

/** Powertools' event handlers for HTTP events: the resolver class → the event it routes. */
const POWERTOOLS_RESOLVER =
  /^aws_lambda_powertools\.event_handler(?:\.\w+)*\.(APIGatewayRestResolver|APIGatewayHttpResolver|ALBResolver|LambdaFunctionUrlResolver|VPCLatticeResolver|VPCLatticeV2Resolver)\.resolve$/;
const RESOLVER_EVENTS: Record<string, string> = {
  APIGatewayRestResolver: 'API Gateway REST',
  APIGatewayHttpResolver: 'API Gateway HTTP API',
  ALBResolver: 'ALB',
  LambdaFunctionUrlResolver: 'function URL',
  VPCLatticeResolver: 'VPC Lattice',
  VPCLatticeV2Resolver: 'VPC Lattice',
  // A resolver imported from the project's own module: its class is not read.
  imported: 'HTTP (API Gateway, ALB or function URL)',
};

/** A read of a CloudFront record's `cf` key (`['cf']`, `.get("cf")`): the Records are a Lambda@Edge event's. */
const CLOUDFRONT_RECORD = /\[\s*['"]cf['"]\s*\]|\.get\(\s*['"]cf['"]/;

/** `event['Records']`, `event.get('Records')` → the key, when `event` is one of `names`. */
function eventKeyRead(n: PyNode, names: ReadonlySet<string>): string | undefined {
  if (n.type === 'subscript') {
    const v = unparen(n.get('value'));
    if (v?.type === 'identifier' && names.has(v.text)) return stringValue(n.get('subscript'));
  } else if (n.type === 'call') {
    const f = n.get('function');
    if (f?.type === 'attribute' && f.get('attribute')?.text === 'get') {
      const o = unparen(f.get('object'));
      if (o?.type === 'identifier' && names.has(o.text)) return stringValue(n.get('arguments')?.namedChildren[0]);
    }
  }
  return undefined;
}

/**
 * `X.resolve(event, context)` in a handler, passing its own event and context, where `X` is imported from a module of
 * the project (not a library): a Powertools resolver made there.
 */
function resolvesHandlerEvent(ctx: PyRuleContext, call: PyNode): boolean {
  const fn = call.get('function');
  if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'resolve' || fn.get('object')?.type !== 'identifier') return false;
  const args = call.get('arguments')?.namedChildren ?? [];
  if (args.length !== 2 || args.some((a) => a.type !== 'identifier')) return false;
  const handler = ctx.handlers.find((h) => h.event === args[0].text && h.context === args[1].text && call.start >= h.node.start && call.end <= h.node.end);
  if (!handler) return false;
  const origin = ctx.qualified(fn.get('object'));
  return origin !== undefined && origin.includes('.') && !/^(?:aws_lambda_powertools|mangum|awsgi|serverless_wsgi|apig_wsgi)\b/.test(origin);
}

export const pyEventSource: PyRule = {
  language: 'python',
  // The pre-filter's literals: a report needs an event key read (a string literal with the key), Powertools' event
  // handler (the module's name) or a `batchItemFailures` key.
  needs: [...Object.keys(EVENT_KEYS), ...Object.keys(LAMBDA_ONLY_KEYS), 'event_handler', 'batchItemFailures'],
  meta: {
    id: 'python/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'Handlers that read event-source shapes (SQS/SNS/S3 Records, API Gateway requests, EventBridge events) or return partial batch responses rely on Lambda to poll and deliver; in a Pod the code must receive the work itself.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    },
    messages: {
      records:
        '`{expr}` reads a batch that a Lambda trigger (SQS, SNS, S3, Kinesis or DynamoDB Streams) delivers; in a Pod nothing delivers it. Receive from the queue or stream yourself (e.g. an SQS consumer scaled by KEDA) and build the records, deleting messages once processed.',
      http: '`{expr}` reads the API Gateway/function URL event shape; in a Pod requests arrive over HTTP instead. Serve them with a web framework behind a Service and Ingress, or add an adapter that builds this event from the request.',
      identity:
        '`{expr}` reads the caller identity (`requestContext.authorizer`) that API Gateway fills in only after its authorizer (Cognito, JWT, Lambda or IAM) has checked the request; in a Pod nothing checks the caller or fills it. Verify the token in the app (or at the ingress, passing the verified claims on in headers) before trusting it, and serve the route from a web framework behind a Service and an Ingress.',
      websocket: websocketEventMessage('`{expr}` reads'),
      eventbridge:
        '`{expr}` reads an EventBridge event delivered to a Lambda target; a Pod cannot be a rule target. Send the rule to an SQS queue (or an API destination) and consume it from there.',
      edge: '`{expr}` reads a CloudFront (Lambda@Edge) event, which only CloudFront delivers, in its edge locations, where no pod can run. Keep this function on Lambda@Edge (or rewrite it as a CloudFront Function) and move only the origin.',
      lambdaOnly: '`{expr}` reads an event of {service}, and only a Lambda function can receive it. Keep this handler on Lambda ({role}) and move the rest.',
      resolver:
        "`{expr}` hands the {source} event to Powertools' event handler, which routes Lambda events, not HTTP requests; in a Pod nothing sends it one. Serve the same routes from a web framework (FastAPI or Flask: the route decorators map one to one) behind a Service and an Ingress.",
      batchItemFailures:
        "`batchItemFailures` is Lambda's partial batch response for SQS, Kinesis and DynamoDB event source mappings; in a Pod nothing reads it. Delete the messages that succeeded (or checkpoint the stream) yourself and let failed ones become visible again.",
    },
  },
  check(ctx: PyRuleContext) {
    const eventNames = new Set<string>();
    for (const h of ctx.handlers) if (h.event) eventNames.add(h.event);
    const seen = new Set<string>();
    const powertools = ctx.text.includes('event_handler');
    forEachOfType(ctx, eventNames.size ? ['subscript', 'call', 'pair'] : ['pair'], (n) => {
      if (eventNames.size && (n.type === 'subscript' || n.type === 'call')) {
        const key = eventKeyRead(n, eventNames);
        const only = key !== undefined ? LAMBDA_ONLY_KEYS[key] : undefined;
        const source: Source | undefined = key !== undefined ? (EVENT_KEYS[key] ?? (only ? 'lambdaOnly' : undefined)) : undefined;
        // Once per handler and key: what one handler reads counts for the functions whose handler it is.
        const handler = source ? handlerAt(ctx, n) : undefined;
        const once = `${handler ?? ''}\u0000${key}`;
        if (source && !seen.has(once)) {
          seen.add(once);
          const messageId =
            source === 'records' && CLOUDFRONT_RECORD.test(ctx.text)
              ? 'edge'
              : source === 'http' && CONNECTION_ID_READ.test(ctx.text)
                ? 'websocket'
                : source === 'http' && key === 'requestContext' && AUTHORIZER_READ.test(ctx.text)
                  ? 'identity'
                  : source;
          const invoker = only ? LAMBDA_ONLY_INVOKERS[only] : undefined;
          const expr = n.text.length > 60 ? `${n.text.slice(0, 57)}...` : n.text;
          ctx.report({
            messageId,
            data: { expr, ...(invoker ? { service: invoker.service, role: invoker.role } : {}) },
            at: range(n),
            handler,
            ...(invoker ? { severity: 'error' as const } : {}),
          });
        }
      }
      // `app.resolve(event, context)` of a Powertools HTTP resolver: the routes read the event through it. A resolver
      // made in another module of the project (`from .utils.api import app`) is known by the handler passing it its
      // event and context, in a file that uses Powertools' event handler.
      const typed = n.type === 'call' && powertools ? POWERTOOLS_RESOLVER.exec(ctx.typeOf(n) ?? '') : null;
      const resolver = typed ?? (n.type === 'call' && powertools && resolvesHandlerEvent(ctx, n) ? ['', 'imported'] : null);
      if (resolver) {
        const handler = handlerAt(ctx, n);
        const once = `${handler ?? ''}\u0000resolve`;
        if (!seen.has(once)) {
          seen.add(once);
          const expr = n.text.length > 60 ? `${n.text.slice(0, 57)}...` : n.text;
          ctx.report({ messageId: 'resolver', data: { expr, source: RESOLVER_EVENTS[resolver[1]] }, at: range(n), handler });
        }
      }
      if (n.type === 'pair' && stringValue(n.get('key')) === 'batchItemFailures' && !seen.has('batchItemFailures')) {
        seen.add('batchItemFailures');
        ctx.report({ messageId: 'batchItemFailures', at: range(n.get('key')!) });
      }
    });
  },
};
