import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, walk, type Node, walkTypes } from '../../js/ast';
import { escapeRegExp } from '../../prefilter';
import type { JsRule } from '../types';
import type { ModuleInfo } from '../../js/module';
import { findHandlers, lambdaTypeName, type HandlerFn } from './handlers';
import { WEBSOCKET_EVENT_TODO } from '../../langs/common';

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

type Shape =
  | 'sqs'
  | 's3'
  | 'sns'
  | 'dynamodb'
  | 'kinesis'
  | 'cloudfront'
  | 'records'
  | 'api'
  | 'websocket'
  | 'apiIdentity'
  | 'eventbridge'
  | 'batchResponse'
  | 'awslogs'
  | 'cognito'
  | 'lex'
  | 'firehose'
  | 'objectLambda'
  | 'config'
  | 'authorizer'
  | 'bedrockAgent';

/** Shapes only a service that calls nothing but Lambda functions delivers: errors, as their IaC callers are. */
const LAMBDA_ONLY_SHAPES = new Set<Shape>(['cloudfront', 'cognito', 'lex', 'firehose', 'objectLambda', 'config', 'authorizer', 'bedrockAgent']);

/** What each Lambda event shape is and what has to produce it once a Kubernetes trigger replaces the Lambda one. */
const SHAPES: Record<Shape, { label: string; shape: string; todo: string }> = {
  sqs: {
    label: 'an SQS batch',
    shape: '{Records:[{messageId, receiptHandle, body, attributes, messageAttributes}]}',
    todo: 'The queue consumer (e.g. a KEDA aws-sqs-queue scaled Deployment) must receive messages, wrap them in this shape and delete them only after the handler succeeds.',
  },
  s3: {
    label: 'an S3 event notification',
    shape: '{Records:[{s3:{bucket:{name}, object:{key, size}}}]}',
    todo: 'Send the bucket notifications to SQS (or EventBridge to SQS) and have the consumer pass each message body, which already has this shape, to the handler.',
  },
  sns: {
    label: 'an SNS notification',
    shape: '{Records:[{Sns:{Message, MessageAttributes, TopicArn}}]}',
    todo: 'Subscribe an SQS queue (or an HTTPS endpoint) to the topic and rebuild this envelope from what it receives, or read the message body directly.',
  },
  dynamodb: {
    label: 'a DynamoDB stream batch',
    shape: '{Records:[{eventName, dynamodb:{Keys, NewImage, OldImage}}]}',
    todo: 'A stream consumer (KCL / DynamoDB Streams adapter, scaled by KEDA aws-dynamodb-streams) must read the shards, checkpoint, and pass records in this shape.',
  },
  kinesis: {
    label: 'a Kinesis batch',
    shape: '{Records:[{kinesis:{data (base64), partitionKey, sequenceNumber}}]}',
    todo: 'A KCL-style consumer (scaled by KEDA aws-kinesis-stream) must read the shards, checkpoint, and pass base64 data in this shape.',
  },
  records: {
    label: 'a batch of event records',
    shape: '{Records:[…]}',
    todo: 'Whatever replaces the Lambda trigger must deliver the same Records envelope; check which service fed this function and rebuild its record shape.',
  },
  api: {
    label: 'an API Gateway / function URL request',
    shape: '{requestContext, pathParameters, queryStringParameters, headers, body (string)} → {statusCode, headers, body}',
    todo: 'Behind a Kubernetes Service the handler receives raw HTTP: add an adapter that turns requests into this event and the result back into a response, or rewrite it as a route of a web framework.',
  },
  apiIdentity: {
    label: 'an API Gateway request and the caller identity its authorizer verified',
    shape: '{requestContext:{authorizer:{claims | jwt.claims | principalId | iam}}, pathParameters, headers, body}',
    todo: 'API Gateway fills this in only after its authorizer (Cognito, JWT, Lambda or IAM) has checked the request; in a Pod nothing checks the caller or fills it. Verify the token in the app (or at the ingress, passing the verified claims on in headers) before trusting it, then serve the route from an adapter or a web framework.',
  },
  websocket: {
    label: 'an API Gateway WebSocket event',
    shape: '{requestContext:{connectionId, routeKey, eventType}, body}',
    todo: WEBSOCKET_EVENT_TODO,
  },
  eventbridge: {
    label: 'an EventBridge event',
    shape: "{source, 'detail-type', detail, time}",
    todo: 'Route the rule to an SQS target (consumed as above) or an API destination behind an Ingress, and pass the event in this shape; schedules become CronJobs.',
  },
  batchResponse: {
    label: 'a partial batch response',
    shape: '{batchItemFailures:[{itemIdentifier}]}',
    todo: 'The Kubernetes queue consumer must read this list, delete only the messages not in it and leave those for redelivery.',
  },
  awslogs: {
    label: 'a CloudWatch Logs subscription event',
    shape: '{awslogs:{data (base64 gzip)}}',
    todo: 'Point the subscription filter at Kinesis or Firehose and have a consumer decode the records into this shape, or keep this function on Lambda.',
  },
  cloudfront: {
    label: 'a CloudFront (Lambda@Edge) event',
    shape: '{Records:[{cf:{config, request, response}}]}',
    todo: 'Only CloudFront delivers it, in its edge locations, where no pod can run: keep this function on Lambda@Edge (or rewrite it as a CloudFront Function) and move only the origin.',
  },
  cognito: {
    label: 'a Cognito user pool trigger',
    shape: '{triggerSource, userPoolId, request, response}',
    todo: 'Cognito can only call Lambda functions for these triggers, so keep this handler on Lambda.',
  },
  lex: {
    label: 'an Amazon Lex code hook event',
    shape: '{invocationSource, sessionState | currentIntent, inputTranscript}',
    todo: 'Lex calls only Lambda functions for dialog and fulfillment hooks, so keep this handler on Lambda with the bot.',
  },
  firehose: {
    label: 'a Firehose data transformation batch',
    shape: '{invocationId, deliveryStreamArn, records:[{recordId, data}]}',
    todo: 'Firehose transforms records only through Lambda, so keep this handler on Lambda with the delivery stream, or transform in the producer.',
  },
  objectLambda: {
    label: 'an S3 Object Lambda request',
    shape: '{getObjectContext:{outputRoute, outputToken, inputS3Url}}',
    todo: 'S3 Object Lambda calls only Lambda functions, so keep this handler on Lambda with the access point.',
  },
  authorizer: {
    label: 'a Lambda authorizer request (API Gateway, AppSync)',
    shape: '{type, methodArn | routeArn, authorizationToken | headers}',
    todo: 'API Gateway and AppSync call only Lambda functions as authorizers, so keep this handler on Lambda while the API stays there; behind an Ingress, turn the check into its external authentication (NGINX auth-url, Envoy ext_authz) answering allow or deny.',
  },
  bedrockAgent: {
    label: 'a Bedrock agent action group request',
    shape: '{messageVersion, agent, actionGroup, apiPath | function, parameters, sessionAttributes} → {messageVersion, response}',
    todo: 'A Bedrock agent calls only a Lambda function for an action group (or returns control to the application that invoked it), so keep this handler on Lambda with the agent.',
  },
  config: {
    label: 'an AWS Config rule evaluation',
    shape: '{invokingEvent, ruleParameters, resultToken, configRuleName}',
    todo: 'Config custom rules run only as Lambda functions (or Guard policies), so keep this handler on Lambda.',
  },
};

// Null-prototype maps: property names like `constructor` or `toString` must not resolve to Object.prototype members.
const TOP_LEVEL: Record<string, Shape> = Object.assign(Object.create(null) as Record<string, Shape>, {
  requestContext: 'api',
  pathParameters: 'api',
  queryStringParameters: 'api',
  multiValueQueryStringParameters: 'api',
  multiValueHeaders: 'api',
  httpMethod: 'api',
  rawPath: 'api',
  rawQueryString: 'api',
  routeKey: 'api',
  isBase64Encoded: 'api',
  stageVariables: 'api',
  'detail-type': 'eventbridge',
  detail: 'eventbridge',
  awslogs: 'awslogs',
  triggerSource: 'cognito',
  userPoolId: 'cognito',
  invocationSource: 'lex',
  currentIntent: 'lex',
  deliveryStreamArn: 'firehose',
  getObjectContext: 'objectLambda',
  invokingEvent: 'config',
  configRuleName: 'config',
  methodArn: 'authorizer',
  authorizationToken: 'authorizer',
  routeArn: 'authorizer',
  actionGroup: 'bedrockAgent',
  Records: 'records',
});

const RECORD_LEVEL: Record<string, Shape> = Object.assign(Object.create(null) as Record<string, Shape>, {
  body: 'sqs',
  messageId: 'sqs',
  receiptHandle: 'sqs',
  md5OfBody: 'sqs',
  messageAttributes: 'sqs',
  s3: 's3',
  Sns: 'sns',
  dynamodb: 'dynamodb',
  kinesis: 'kinesis',
  cf: 'cloudfront',
});

/**
 * The connection id read from the request context (`event.requestContext.connectionId`, `const { connectionId } =
 * event.requestContext`, `{ requestContext: { connectionId } } = event`): the request is an API Gateway WebSocket event.
 */
const CONNECTION_ID_READ =
  /requestContext\s*(?:\?\.|\.|\[\s*['"`])\s*connectionId\b|\{[^{}]*\bconnectionId\b[^{}]*\}\s*=\s*[\w$.?]*requestContext\b|requestContext\s*:\s*\{[^{}]*\bconnectionId\b/;

/**
 * The authorizer's result read from the request context (`event.requestContext.authorizer.claims`, `const { authorizer }
 * = event.requestContext`): the handler trusts a caller identity that API Gateway verified.
 */
const AUTHORIZER_READ =
  /requestContext\s*(?:\?\.|\.|\[\s*['"`])\s*authorizer\b|\{[^{}]*\bauthorizer\b[^{}]*\}\s*=\s*[\w$.?]*requestContext\b|requestContext\s*:\s*\{[^{}]*\bauthorizer\b/;

/** `@types/aws-lambda` names → shape; the event type is as good as a property read. */
function shapeOfType(name: string): Shape | undefined {
  if (/^SQS(Event|Handler|Record)$/.test(name)) return 'sqs';
  if (/^SQSBatchResponse$/.test(name)) return 'batchResponse';
  if (/^S3(Event|Handler|EventRecord)$/.test(name)) return 's3';
  if (/^SNS(Event|Handler|EventRecord)$/.test(name)) return 'sns';
  if (/^DynamoDBStream(Event|Handler)$/.test(name)) return 'dynamodb';
  if (/^KinesisStream(Event|Handler|Record)$/.test(name)) return 'kinesis';
  if (/^CloudFront(Request|Response)?(Event|Handler)$/.test(name)) return 'cloudfront';
  if (/^APIGatewayProxyWebsocket(EventV2|HandlerV2)$/.test(name)) return 'websocket';
  if (/^(APIGatewayProxy|APIGatewayProxyWithCognitoAuthorizer|ALB|LambdaFunctionURL)(Event|EventV2|Handler|HandlerV2|Result|ResultV2)$/.test(name))
    return 'api';
  if (/^(EventBridge|Scheduled)(Event|Handler)$/.test(name)) return 'eventbridge';
  if (/^CloudWatchLogs(Event|Handler)$/.test(name)) return 'awslogs';
  if (/^Lex(V2)?(Event|Handler)$/.test(name)) return 'lex';
  if (/^FirehoseTransformation(Event|Handler)$/.test(name)) return 'firehose';
  if (
    /TriggerEvent$|TriggerHandler$/.test(name) &&
    /^(PreSignUp|PostConfirmation|PreAuthentication|PostAuthentication|PreTokenGeneration|CustomMessage|DefineAuthChallenge|CreateAuthChallenge|VerifyAuthChallengeResponse|UserMigration|CustomEmailSender|CustomSMSSender)/.test(
      name,
    )
  )
    return 'cognito';
  return undefined;
}

/** Access path with computed indexes collapsed to `[]`: `event.Records[0].s3` → ['event', 'Records', '[]', 's3']. */
function pathOf(node: Node): string[] | undefined {
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'MemberExpression': {
      const obj = pathOf(node.object);
      if (!obj) return undefined;
      if (!node.computed && node.property.type === 'Identifier') return [...obj, node.property.name];
      if (node.property.type === 'Literal' && typeof node.property.value === 'string') return [...obj, node.property.value];
      return [...obj, '[]'];
    }
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
      return pathOf(node.expression);
    default:
      return undefined;
  }
}

const ITERATORS = new Set(['map', 'forEach', 'filter', 'flatMap', 'some', 'every', 'find', 'findIndex']);

interface Evidence {
  at: Node;
  text: string;
}

/** Tracks what a handler reads of its event, following records into loops, callbacks and local helper functions. */
class EventReads {
  readonly found = new Map<Shape, Evidence>();
  /** Whether the body touches the event at all; an event type on an unused parameter asks nothing of the trigger. */
  eventUsed = false;
  private readonly events = new Set<string>();
  private readonly recordArrays = new Set<string>();
  private readonly records = new Set<string>();
  private readonly followed = new Set<Node>();

  constructor(private readonly locals: Map<string, FunctionNode>) {}

  private note(shape: Shape | undefined, at: Node, text: string): void {
    if (shape && !this.found.has(shape)) this.found.set(shape, { at, text });
  }

  /** What an expression denotes: the event, its Records array, one record, or nothing we track. */
  private role(node: Node): 'event' | 'records' | 'record' | undefined {
    const p = pathOf(node);
    if (!p) return undefined;
    const [head, ...rest] = p;
    const key = rest.join('.');
    if (this.events.has(head)) return key === '' ? 'event' : key === 'Records' ? 'records' : key === 'Records.[]' ? 'record' : undefined;
    if (this.recordArrays.has(head)) return key === '' ? 'records' : key === '[]' ? 'record' : undefined;
    if (this.records.has(head)) return key === '' ? 'record' : undefined;
    return undefined;
  }

  private bind(target: Node, role: 'event' | 'records' | 'record', at: Node): void {
    if (target.type === 'AssignmentPattern') return this.bind(target.left, role, at);
    if (target.type === 'Identifier') {
      (role === 'event' ? this.events : role === 'records' ? this.recordArrays : this.records).add(target.name);
    } else if (target.type === 'ObjectPattern') {
      for (const p of target.properties) {
        if (p.type !== 'Property') continue;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
        if (!key) continue;
        if (role === 'event') {
          this.eventUsed = true;
          this.note(TOP_LEVEL[key], p, /^[A-Za-z_$][\w$]*$/.test(key) ? `event.${key}` : `event['${key}']`);
          if (key === 'Records') this.bind(p.value as Node, 'records', p);
        } else if (role === 'record') {
          this.note(RECORD_LEVEL[key], p, `record.${key}`);
        }
      }
    } else if (target.type === 'ArrayPattern' && role === 'records') {
      for (const el of target.elements) if (el) this.bind(el as Node, 'record', at);
    }
  }

  private followLocal(callee: Node, argIndex: number, role: 'event' | 'records' | 'record'): void {
    if (callee.type !== 'Identifier') return;
    const fn = this.locals.get(callee.name);
    if (!fn || this.followed.has(fn)) return;
    const param = fn.params[argIndex];
    if (!param) return;
    this.followed.add(fn);
    this.bind(param as Node, role, param as Node);
    this.scan(fn.body);
  }

  start(h: HandlerFn): void {
    const param = h.fn.params[0] as Node | undefined;
    if (param) this.bind(param, 'event', param);
    this.scan(h.fn.body);
  }

  scan(root: Node): void {
    walk(root, (node, ancestors) => {
      const parent = ancestors[ancestors.length - 1];
      if (node.type === 'Identifier' && this.events.has(node.name)) this.eventUsed = true;
      if (node.type === 'MemberExpression') {
        // Only the outermost access of a chain says what is read; inner links are visited too and add nothing new.
        const p = pathOf(node);
        if (!p) return;
        const [head, ...rest] = p;
        const text = p.map((seg, i) => (i === 0 ? seg : seg === '[]' ? '[]' : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `['${seg}']`)).join('');
        if (this.events.has(head)) {
          this.note(TOP_LEVEL[rest[0]], node, text);
          if (rest[0] === 'Records' && rest[1] === '[]' && rest[2]) this.note(RECORD_LEVEL[rest[2]], node, text);
        } else if (this.recordArrays.has(head) && rest[0] === '[]' && rest[1]) this.note(RECORD_LEVEL[rest[1]], node, text);
        else if (this.records.has(head) && rest[0]) this.note(RECORD_LEVEL[rest[0]], node, text);
      } else if (node.type === 'VariableDeclarator' && node.init) {
        const role = this.role(node.init);
        if (role) this.bind(node.id as Node, role, node);
      } else if (node.type === 'ForOfStatement') {
        const role = this.role(node.right);
        if (role === 'records') {
          const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0].id : node.left;
          this.bind(left as Node, 'record', node);
        }
      } else if (node.type === 'CallExpression') {
        const callee = node.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && this.role(callee.object) === 'records') {
          const method = callee.property.name;
          const index = method === 'reduce' ? 1 : ITERATORS.has(method) ? 0 : -1;
          const cb = node.arguments[0] as Node | undefined;
          if (index >= 0 && cb) {
            if (isFunctionNode(cb) && cb.params[index]) this.bind(cb.params[index] as Node, 'record', cb);
            else this.followLocal(cb, index, 'record');
          }
        }
        // `handleRecord(record)` / `process(event)`: a helper in the same file sees the same shapes.
        node.arguments.forEach((arg, i) => {
          const role = this.role(arg as Node);
          if (role) this.followLocal(callee as Node, i, role);
        });
      } else if (node.type === 'Property' && parent?.type === 'ObjectExpression') {
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : undefined;
        if (key === 'batchItemFailures') this.note('batchResponse', node, 'batchItemFailures');
      }
    });
  }
}

function localFunctions(ast: TSESTree.Program): Map<string, FunctionNode> {
  const out = new Map<string, FunctionNode>();
  walkTypes(ast, ['FunctionDeclaration', 'VariableDeclarator'], (node) => {
    if (node.type === 'FunctionDeclaration' && node.id) out.set(node.id.name, node);
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isFunctionNode(node.init)) out.set(node.id.name, node.init);
  });
  return out;
}

function typeEvidence(h: HandlerFn, modules: ModuleInfo): { shape: Shape; at: Node; text: string } | undefined {
  if (!h.lambdaType) return undefined;
  const direct = shapeOfType(h.lambdaType.name);
  if (direct) return { shape: direct, at: h.lambdaType.node, text: h.lambdaType.name };
  // `Handler<SQSEvent, SQSBatchResponse>`
  const ref = h.lambdaType.node as TSESTree.TSTypeReference;
  for (const arg of ref.typeArguments?.params ?? []) {
    const t = lambdaTypeName(arg, modules);
    const s = t && shapeOfType(t.name);
    if (t && s) return { shape: s, at: arg, text: t.name };
  }
  return undefined;
}

const SPECIFIC_RECORDS: Shape[] = ['sqs', 's3', 'sns', 'dynamodb', 'kinesis', 'cloudfront'];

export const eventSource: JsRule = {
  language: 'js',
  // Every report names its shape in the text: a top-level event property (a record's properties are reached through
  // `Records`), an aws-lambda type (imported from `aws-lambda` or under the `AWSLambda` namespace), `batchItemFailures`.
  // A property is read by its whole name (`event.detail`, `{ Records }`, `event['detail-type']`), so `details` is not one.
  needs: [`\\b(?:${Object.keys(TOP_LEVEL).map(escapeRegExp).join('|')})\\b`, 'aws-lambda', 'AWSLambda', 'batchItemFailures'],
  meta: {
    id: 'handler/event-source',
    category: 'event-source',
    severity: 'warning',
    direction: 'to-kubernetes',
    docs: {
      description:
        'A handler that reads a Lambda event shape (SQS/S3/SNS/stream records, API Gateway requests, EventBridge events) needs a Kubernetes trigger that delivers the same shape.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html',
    },
    messages: {
      shape: '`{handler}` reads {label} (`{evidence}`), shaped `{shape}`, which only the Lambda trigger delivers. {todo}',
      response: '`{handler}` returns {label} `{shape}`, which only a Lambda event source mapping acts on. {todo}',
    },
  },
  check(ctx) {
    const locals = localFunctions(ctx.ast);
    for (const h of findHandlers(ctx.ast, ctx.modules, true)) {
      const reads = new EventReads(locals);
      reads.start(h);
      const found = new Map(reads.found);
      // A function found by its parameter's name alone: `event.detail` is a DOM CustomEvent's too, so only Lambda's own
      // properties (`Records`, `requestContext`, `detail-type`, …) make it a handler.
      if (h.byEventName) {
        if (!found.get('eventbridge')?.text.includes('detail-type')) found.delete('eventbridge');
        if (!found.size) continue;
      }
      const typed = typeEvidence(h, ctx.modules);
      // The type annotation comes first in the source, but a property read names the shape more concretely.
      if (typed && reads.eventUsed && !found.has(typed.shape)) found.set(typed.shape, { at: typed.at, text: typed.text });
      if (SPECIFIC_RECORDS.some((s) => found.has(s))) found.delete('records');
      // The API Gateway shape is the WebSocket API's when the connection id is read from its request context.
      const api = found.get('api');
      if (api && CONNECTION_ID_READ.test(ctx.text)) {
        found.delete('api');
        if (!found.has('websocket')) found.set('websocket', api);
      } else if (api && AUTHORIZER_READ.test(ctx.text)) {
        // It reads the identity the API's authorizer verified: the route was guarded, and the Pod must verify it itself.
        found.delete('api');
        found.set('apiIdentity', api);
      }
      const ordered = [...found.entries()].sort((a, b) => a[1].at.range[0] - b[1].at.range[0]);
      for (const [shape, ev] of ordered) {
        const s = SHAPES[shape];
        ctx.report({
          messageId: shape === 'batchResponse' ? 'response' : 'shape',
          data: { handler: h.name, label: s.label, evidence: ev.text, shape: s.shape, todo: s.todo },
          handler: h.name,
          at: ev.at,
          ...(LAMBDA_ONLY_SHAPES.has(shape) ? { severity: 'error' as const } : {}),
        });
      }
    }
  },
};
