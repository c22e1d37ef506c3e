import { eventSource } from '../../../src/core/rules/handler/event-source';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(eventSource, {
  valid: [
    {
      name: 'Lambda-only keys read on something that is not the event',
      code: `export const handler = async (event) => {\n  const msg = await load(event.id);\n  return route(msg.invocationSource, msg.deliveryStreamArn);\n};`,
    },
    {
      name: 'an event type on an unused parameter asks nothing of the trigger',
      code: `import type { ScheduledEvent } from 'aws-lambda';\nexport const handler = async (_event: ScheduledEvent) => {\n  await purge();\n};`,
    },
    {
      name: 'a direct-invocation payload with its own fields',
      code: `export const handler = async (event) => {\n  const { orderId, amount } = event;\n  return charge(orderId, event.currency, amount);\n};`,
    },
    {
      name: 'body and headers alone are not an API Gateway shape',
      code: `export const handler = async (event) => JSON.parse(event.body ?? '{}').items.map((i) => event.headers[i]);`,
    },
    {
      name: 'Records-looking reads in a function that is not a handler',
      code: `export function summarise(batch) {\n  return batch.Records.map((r) => r.body);\n}\nconst x = { Records: [] };\nx.Records[0]?.s3;`,
    },
    {
      name: 'a variable named event in a non-exported helper',
      code: `function onClick(event) { return event.detail + event.requestContext; }\nexport const handler = async (input) => onClick(input.ui);`,
    },
    {
      name: 'test files build Lambda events to drive the handler',
      file: 'src/__tests__/handler.ts',
      code: `export const handler = async (event) => event.Records.map((r) => r.body);`,
    },
    {
      name: 'body read from a parsed payload, not from a record',
      code: `export const handler = async (event) => {\n  const msg = JSON.parse(event.payload);\n  return msg.body.s3 + msg.detail;\n};`,
    },
    {
      name: 'batchItemFailures outside any handler (a library building responses)',
      code: `export function toResponse(failed) {\n  return { batchItemFailures: failed.map((id) => ({ itemIdentifier: id })) };\n}`,
    },
    {
      name: 'an object with a Records key that is not the event',
      code: `export const handler = async (event) => {\n  const table = { Records: await load(event.id) };\n  return table.Records[0].body;\n};`,
    },
    {
      name: 'DOM-style event types and single-parameter callbacks under other export names',
      code: `export function onChange(event: CustomEvent) {\n  return event.detail;\n}\nexport const onMessage = (event) => event.detail.requestContext;\nexport function onSelect(evt) {\n  const { detail } = evt;\n  return detail.id;\n}`,
    },
    {
      name: 'an event-named parameter under another export name that reads nothing of Lambda',
      code: `export const track = (event) => analytics.send(event.type, event.target.id);\nmodule.exports.log = (event) => console.log(event.body, event.headers);`,
    },
    {
      name: 'actionGroups (plural) on an event, and actionGroup read from a request body, not the event',
      code: `export const handler = async (event) => list(event.actionGroups);\nexport const create = async (req, res) => res.json(save(req.body.actionGroup));`,
    },
    {
      name: 'a web-framework handler with API-looking fields on its request',
      code: `export const handler = async (req, res) => res.json({ p: req.pathParameters, q: req.queryStringParameters });`,
    },
  ],
  invalid: [
    {
      name: 'a Bedrock agent action group request: only Lambda receives it',
      code: `exports.handler = async (event) => {\n  const { actionGroup, apiPath } = event;\n  return { messageVersion: '1.0', response: { actionGroup, apiPath, httpStatusCode: 200 } };\n};`,
      errors: [{ line: 2, message: '`handler` reads a Bedrock agent action group request (`event.actionGroup`)', severity: 'error' }],
    },
    {
      name: 'a Lex code hook, a typed Firehose transformation, an Object Lambda request, a Config rule: errors',
      code: `import type { FirehoseTransformationHandler } from 'aws-lambda';\nexport const hook = async (event) => dispatch(event.invocationSource, event.sessionState);\nexport const transform: FirehoseTransformationHandler = async (event) => ({ records: event.records.map(ok) });\nexport const olap = async (event) => fetch(event.getObjectContext.inputS3Url);\nexport const rule = async (event) => evaluate(JSON.parse(event.invokingEvent));`,
      errors: [
        { line: 2, message: '`hook` reads an Amazon Lex code hook event', severity: 'error' },
        { line: 3, message: 'Firehose data transformation batch', severity: 'error' },
        { line: 4, message: 'S3 Object Lambda request', severity: 'error' },
        { line: 5, message: 'AWS Config rule evaluation', severity: 'error' },
      ],
    },
    {
      name: 'a Lambda@Edge request, not a batch of records',
      code: `exports.handler = async (event) => {\n  const request = event.Records[0].cf.request;\n  request.headers['x-origin'] = [{ key: 'X-Origin', value: 'edge' }];\n  return request;\n};`,
      errors: [{ line: 2, message: 'CloudFront (Lambda@Edge) event' }],
    },
    {
      name: 'a CloudFront response event type on a handler that passes the event on',
      code: `import type { CloudFrontResponseEvent } from 'aws-lambda';\nexport const handler = async (event: CloudFrontResponseEvent) => addSecurityHeaders(event);`,
      errors: [{ line: 2, message: 'Lambda@Edge' }],
    },
    {
      name: 'a CloudFront request handler type',
      code: `import type { CloudFrontRequestHandler } from 'aws-lambda';\nexport const handler: CloudFrontRequestHandler = async (event) => event.Records[0].cf.request;`,
      errors: [{ line: 2, message: 'Lambda@Edge' }],
    },
    {
      // serverless.yml names the handler (handler.postprocess); the file alone shows it by what it reads.
      name: 'an S3 notification read by a handler exported under its own name',
      code: `module.exports.postprocess = (event) => {\n  event.Records.forEach((record) => {\n    console.log(record.s3.object.key, record.s3.object.size);\n  });\n};`,
      errors: [{ line: 3, message: 'S3 event notification' }],
    },
    {
      name: 'an SQS consumer exported with its producer in one object',
      code: `const producer = async (event) => send(event.body);\nconst consumer = async (event) => {\n  for (const record of event.Records) console.log(record.messageAttributes, record.body);\n};\nmodule.exports = { producer, consumer };`,
      errors: [{ line: 3, message: 'SQS batch' }],
    },
    {
      name: 'a locally typed SQS event under another export name',
      code: `type SQSEvent = { Records: { body: string }[] };\nexport const consume = async (event: SQSEvent) => event.Records.map((r) => r.body);`,
      errors: [{ line: 2, message: 'SQS batch' }],
    },
    {
      name: 'an EventBridge event read through its detail-type under another export name',
      code: `export const route = async (evt) => (evt['detail-type'] === 'OrderPlaced' ? place(evt.detail) : skip());`,
      errors: [{ line: 1, message: 'EventBridge event' }],
    },
    {
      name: 'SQS records in a for-of loop, one finding for many reads',
      code: `export const handler = async (event) => {\n  for (const record of event.Records) {\n    const msg = JSON.parse(record.body);\n    await save(msg, record.messageId, record.receiptHandle);\n  }\n};`,
      errors: [{ line: 3, column: 28, message: 'SQS batch', severity: 'warning' }],
    },
    {
      name: 'S3 notification via index and map callback with destructuring',
      code: `exports.handler = async (evt) => {\n  const first = evt.Records[0].s3.bucket.name;\n  const keys = evt.Records.map(({ s3 }) => s3.object.key);\n  return { first, keys };\n};`,
      file: 'src/index.js',
      errors: [{ line: 2, message: 'S3 event notification' }],
    },
    {
      name: 'SNS through a destructured parameter and an aliased Records array',
      code: `export async function handler({ Records: recs }) {\n  const [one] = recs;\n  return one.Sns.Message;\n}`,
      errors: [{ line: 3, message: '{Records:[{Sns:' }],
    },
    {
      name: 'DynamoDB stream and Kinesis shapes followed into a local helper',
      code: `function apply(rec) {\n  if (rec.dynamodb) return rec.dynamodb.NewImage;\n  return Buffer.from(rec.kinesis.data, 'base64');\n}\nexport const handler = async (event) => Promise.all(event.Records.map(apply));`,
      errors: [
        { line: 2, message: 'DynamoDB stream batch' },
        { line: 3, message: 'Kinesis batch' },
      ],
    },
    {
      name: 'API Gateway request fields and a middy-wrapped handler',
      code: `import middy from '@middy/core';\nconst base = async (event) => {\n  const id = event.pathParameters?.id;\n  const page = event.queryStringParameters?.page;\n  const user = event.requestContext.authorizer.claims.sub;\n  return { statusCode: 200, body: JSON.stringify({ id, page, user }) };\n};\nexport const handler = middy(base);`,
      errors: [{ line: 3, message: 'reads an API Gateway request and the caller identity its authorizer verified (`event.pathParameters.id`)' }],
    },
    {
      name: 'EventBridge detail-type and detail',
      code: `export const handler = async (event) => {\n  if (event['detail-type'] !== 'OrderPlaced') return;\n  await ship(event.detail.orderId);\n};`,
      errors: [{ line: 2, column: 7, message: "EventBridge event (`event['detail-type']`)" }],
    },
    {
      name: 'partial batch response with SQS records',
      code: `export const handler = async (event) => {\n  const batchItemFailures = [];\n  for (const { messageId, body } of event.Records) {\n    try { await work(body); } catch { batchItemFailures.push({ itemIdentifier: messageId }); }\n  }\n  return { batchItemFailures };\n};`,
      errors: [
        { line: 3, message: 'SQS batch' },
        { line: 6, message: 'partial batch response' },
      ],
    },
    {
      name: 'typed SQS handler that only forwards records still needs the SQS shape',
      code: `import type { SQSHandler } from 'aws-lambda';\nexport const handler: SQSHandler = async (event) => {\n  await Promise.all(event.Records.map((r) => forward(r)));\n};`,
      errors: [{ line: 2, column: 23, message: 'SQS batch (`SQSHandler`)' }],
    },
    {
      name: 'untyped generic Records batch',
      code: `export const handler = async (event) => {\n  await Promise.all(event.Records.map((r) => forward(r)));\n};`,
      errors: [{ line: 2, message: 'batch of event records' }],
    },
    {
      name: 'Handler<EventBridgeEvent> generic and a Cognito trigger in the same file',
      code: `import type { Handler, EventBridgeEvent } from 'aws-lambda';\nexport const onEvent: Handler<EventBridgeEvent<'X', { id: string }>> = async (event) => save(event);\nexport const preSignUp = async (event, context) => {\n  if (event.triggerSource === 'PreSignUp_SignUp') event.response.autoConfirmUser = true;\n  return event;\n};`,
      errors: [
        { line: 2, message: 'EventBridge event (`EventBridgeEvent`)' },
        { line: 4, message: 'Cognito can only call Lambda', severity: 'error' },
      ],
    },
    {
      name: 'an API Gateway Lambda authorizer',
      code: `export const authorize = async (event) => {\n  const ok = await verify(event.authorizationToken);\n  return policy(ok ? 'Allow' : 'Deny', event.methodArn);\n};`,
      errors: [{ line: 2, message: 'a Lambda authorizer request (API Gateway, AppSync)', severity: 'error' }],
    },
    {
      name: 'middy v5 `.handler(fn)` chain and an export default handler',
      code: `import middy from '@middy/core';\nexport const handler = middy().use(parser()).handler(async (event) => event.Records.map((r) => r.Sns.Message));\nexport default async function (event, context) {\n  return event.rawPath;\n}`,
      errors: [
        { line: 2, message: 'SNS notification' },
        { line: 4, message: '`default` reads an API Gateway' },
      ],
    },
    {
      name: 'CloudWatch Logs subscription',
      code: `import { gunzipSync } from 'node:zlib';\nexport const handler = async (event) => JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString());`,
      errors: [{ line: 2, message: 'CloudWatch Logs subscription' }],
    },
    {
      name: 'WebSocket routes: the connection id from the request context, destructured or read',
      code: `export const connect = async (event) => {\n  const { routeKey, connectionId } = event.requestContext;\n  await save(connectionId, routeKey);\n  return { statusCode: 200 };\n};`,
      errors: [{ line: 2, message: 'reads an API Gateway WebSocket event (`event.requestContext`)' }],
    },
    {
      name: 'a typed WebSocket handler',
      code: `import type { APIGatewayProxyWebsocketHandlerV2 } from 'aws-lambda';\nexport const handler: APIGatewayProxyWebsocketHandlerV2 = async (event) => {\n  await send(event.body);\n  return { statusCode: 200 };\n};`,
      errors: [{ line: 2, message: 'an API Gateway WebSocket event' }],
    },
    {
      name: 'an HTTP handler that posts to stored connections is still an HTTP request',
      code: `export const handler = async (event) => {\n  const user = event.requestContext.authorizer.claims.sub;\n  for (const c of await connections()) await post(c.connectionId, user);\n};`,
      errors: [{ line: 2, message: 'reads an API Gateway request and the caller identity its authorizer verified (`event.requestContext' }],
    },
    {
      name: "the authorizer's result destructured from the request context",
      code: `export const handler = async (event) => {\n  const { authorizer } = event.requestContext;\n  return { statusCode: 200, body: authorizer.principalId };\n};`,
      errors: [{ line: 2, message: 'in a Pod nothing checks the caller or fills it' }],
    },
    {
      name: 'a request id from the request context is the plain request shape, even beside an authorizer variable',
      code: `const authorizer = makeAuthorizer();\nexport const handler = async (event) => {\n  const id = event.requestContext.requestId;\n  return { statusCode: 200, body: id };\n};`,
      errors: [{ line: 3, message: 'reads an API Gateway / function URL request' }],
    },
    {
      name: 'a class method handler (Powertools LambdaInterface): exported bound, or through a static method',
      file: 'src/get-by-id.ts',
      code: `import type { APIGatewayProxyEvent, Context } from 'aws-lambda';\nclass Lambda {\n  public async handler(event: APIGatewayProxyEvent, context: Context) {\n    return { statusCode: 200, body: event.pathParameters?.id ?? '' };\n  }\n}\nconst handlerClass = new Lambda();\nexport const handler = handlerClass.handler.bind(handlerClass);\nclass Jobs {\n  static async run(event: any, context: any) {\n    return event['detail-type'];\n  }\n}\nexport const scheduled = Jobs.run;`,
      errors: [
        { line: 4, message: '`handler` reads an API Gateway / function URL request (`event.pathParameters.id`)' },
        { line: 11, message: '`scheduled` reads an EventBridge event' },
      ],
    },
  ],
});
