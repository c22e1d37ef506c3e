import { pyEventSource } from '../../../src/core/rules/python/event-source';
import { pyRuleTester } from '../python/pyRuleTester';

pyRuleTester(pyEventSource, {
  valid: [
    {
      name: "tricky: an imported object's resolve(event, context) in a file that does not use Powertools' event handler",
      code: `from service.routing import router

def lambda_handler(event, context):
    return router.resolve(event, context)
`,
    },
    {
      name: "tricky: a resolver's resolve called with something other than the handler's own event and context",
      code: `from aws_lambda_powertools.event_handler import Response
from service.api import app

def lambda_handler(event, context):
    return app.resolve({"path": "/"}, None)
`,
    },
    {
      name: 'a resolve method of something else, and Powertools utilities that are not event handlers',
      code: `from aws_lambda_powertools import Logger
from resolvers import Resolver
router = Resolver()
logger = Logger()

def lambda_handler(event, context):
    return router.resolve(event, context)
`,
    },
    {
      name: 'Lambda-only keys read on something that is not the event',
      code: `def route(message):
    return message["invocationSource"], message.get("userPoolId")
def handler(event, context):
    return route(load_message())
`,
    },
    {
      name: 'plain payload keys',
      code: `def handler(event, context):
    month = event.get("month", "current")
    return {"month": month, "user": event["user"]}
`,
    },
    {
      name: 'Records read on something that is not the event',
      code: `def summarise(report):
    return len(report["Records"])
def handler(event, context):
    return summarise(load())
`,
    },
    {
      name: 'a non-handler function with an event parameter name elsewhere',
      code: `class Bus:
    def on(self, event):
        return event["Records"]
`,
    },
    {
      name: 'batchItemFailures as a plain word in a string',
      code: `HELP = "return batchItemFailures to retry"
`,
    },
    {
      name: 'headers and body are not Lambda-specific',
      code: `def handler(event, context):
    return event["body"], event.get("headers")
`,
    },
    {
      name: 'local invocation harness under __main__',
      code: `def handler(event, context):
    return event
if __name__ == "__main__":
    print({"batchItemFailures": []})
`,
    },
    {
      name: 'detail without detail-type',
      code: `def handler(event, context):
    return event["detail"]
`,
    },
    {
      name: 'actionGroup read from a payload that is not the event, and actionGroups (plural)',
      code: `def handler(event, context):
    body = json.loads(event["body"])
    return {"groups": event.get("actionGroups"), "group": body["actionGroup"]}
`,
    },
    {
      name: 'dynamic key',
      code: `def handler(event, context):
    key = "Records"
    return event[key]
`,
    },
  ],
  invalid: [
    {
      name: 'a Bedrock agent action group request',
      code: `def lambda_handler(event, context):
    group = event["actionGroup"]
    return {"messageVersion": "1.0", "response": {"actionGroup": group, "function": event.get("function")}}
`,
      errors: [
        {
          line: 2,
          message: '`event["actionGroup"]` reads an event of Bedrock agent action groups, and only a Lambda function can receive it',
          severity: 'error',
        },
      ],
    },
    {
      name: 'a Cognito trigger, a Lex code hook, a Firehose transformation: only Lambda receives them',
      code: `def on_signup(event, context):
    if event["triggerSource"] == "PreSignUp_SignUp":
        event["response"]["autoConfirmUser"] = True
    return event
def on_intent(event, context):
    return dispatch(event.get("invocationSource"))
def transform(event, context):
    stream = event["deliveryStreamArn"]
    return {"records": [ok(r) for r in event["records"]]}
`,
      errors: [
        { line: 2, message: '`event["triggerSource"]` reads an event of Cognito triggers, and only a Lambda function can receive it', severity: 'error' },
        { line: 6, message: '`event.get("invocationSource")` reads an event of Amazon Lex code hooks', severity: 'error' },
        { line: 8, message: '`event["deliveryStreamArn"]` reads an event of Firehose data transformation', severity: 'error' },
      ],
    },
    {
      name: "a Powertools resolver made in the project's own module: the handler passing it its event and context",
      code: `from aws_lambda_powertools.event_handler import Response
from service.handlers.utils.rest_api_resolver import app

@app.get("/items/<item_id>")
def get_item(item_id: str):
    return Response(status_code=200, body=item_id)

def lambda_handler(event, context):
    return app.resolve(event, context)
`,
      errors: [{ line: 9, message: "`app.resolve(event, context)` hands the HTTP (API Gateway, ALB or function URL) event to Powertools' event handler" }],
    },
    {
      name: 'a Powertools HTTP resolver routes the ALB event: the routes read it through the resolver',
      code: `from aws_lambda_powertools.event_handler import ALBResolver
app = ALBResolver()

@app.get("/hello")
def hello():
    return {"message": app.current_event.get_header_value(name="X-Id")}

def lambda_handler(event, context):
    return app.resolve(event, context)
`,
      errors: [{ line: 9, message: "`app.resolve(event, context)` hands the ALB event to Powertools' event handler, which routes Lambda events" }],
    },
    {
      name: 'an API Gateway Lambda authorizer: only API Gateway sends its requests',
      code: `def authorize(event, context):
    token = event["authorizationToken"]
    return policy("Allow" if valid(token) else "Deny", event["methodArn"])
`,
      errors: [
        {
          line: 2,
          message: '`event["authorizationToken"]` reads an event of Lambda authorizers, and only a Lambda function can receive it',
          severity: 'error',
        },
        { line: 3, message: '`event["methodArn"]` reads an event of Lambda authorizers', severity: 'error' },
      ],
    },
    {
      name: 'once per handler: two handlers of one file that read Records',
      code: `def producer(event, context):
    return {"statusCode": 202, "body": event["body"]}

def consumer(event, context):
    for r in event["Records"]:
        print(r["body"])

def replay(event, context):
    return [r["body"] for r in event["Records"]]
`,
      errors: [{ line: 5 }, { line: 9 }],
    },
    {
      name: 'a Lambda@Edge request, not a batch',
      code: `def lambda_handler(event, context):
    request = event["Records"][0]["cf"]["request"]
    request["headers"]["x-origin"] = [{"key": "X-Origin", "value": "edge"}]
    return request
`,
      errors: [{ line: 2, column: 15, message: 'CloudFront (Lambda@Edge) event', severity: 'warning' }],
    },
    {
      name: 'a Lambda@Edge record read through a variable and get',
      code: `def handler(event, context):
    record = event.get("Records")[0]
    return record.get('cf', {}).get("response")
`,
      errors: [{ line: 2, message: 'Lambda@Edge' }],
    },
    {
      name: 'SQS records',
      code: `def handler(event, context):
    for record in event["Records"]:
        process(record["body"])
`,
      errors: [{ line: 2, column: 19, message: 'SQS, SNS, S3, Kinesis or DynamoDB Streams', severity: 'warning' }],
    },
    {
      name: 'Records via get, reported once',
      code: `def handler(event, context):
    records = event.get("Records", [])
    n = len(event["Records"])
`,
      errors: [{ line: 2, message: 'event.get("Records", [])' }],
    },
    {
      name: 'API Gateway request context',
      code: `def lambda_handler(event, context):
    user = event["requestContext"]["authorizer"]["claims"]["sub"]
`,
      errors: [{ line: 2, message: 'API Gateway' }],
    },
    {
      name: 'HTTP API v2 rawPath and query string',
      code: `def handler(event, context):
    path = event["rawPath"]
    q = event.get("queryStringParameters") or {}
`,
      errors: [
        { line: 2, message: 'Ingress' },
        { line: 3, message: 'queryStringParameters' },
      ],
    },
    {
      name: 'EventBridge detail-type',
      code: `def handler(event, context):
    if event["detail-type"] == "Order Placed":
        place(event["detail"])
`,
      errors: [{ line: 2, message: 'EventBridge' }],
    },
    {
      name: 'renamed event parameter',
      code: `def transcode(evt, ctx):
    for r in evt['Records']:
        key = r['s3']['object']['key']
`,
      errors: [{ line: 2 }],
    },
    {
      name: 'partial batch response',
      code: `def handler(event, context):
    failures = []
    return {"batchItemFailures": failures}
`,
      errors: [{ line: 3, message: 'partial batch response' }],
    },
    {
      name: 'httpMethod routing',
      code: `def handler(event, context):
    if event["httpMethod"] == "POST":
        return create(event)
`,
      errors: [{ line: 2, message: 'API Gateway' }],
    },
    {
      name: 'WebSocket $connect and $default handlers read the connection id',
      code: `def on_connect(event, context):
    connection_id = event["requestContext"]["connectionId"]
    save(connection_id)

def on_message(event, context):
    cid = event.get("requestContext", {}).get("connectionId")
`,
      errors: [
        { line: 2, message: '`event["requestContext"]` reads an API Gateway WebSocket event' },
        { line: 6, message: 'a WebSocket server of your own' },
      ],
    },
    {
      name: 'an HTTP handler that reads stored connection ids is still an HTTP request',
      code: `def broadcast(event, context):
    user = event["requestContext"]["authorizer"]["claims"]["sub"]
    for item in table.scan()["Items"]:
        post(item["connectionId"], user)
`,
      errors: [{ line: 2, message: 'reads the caller identity (`requestContext.authorizer`) that API Gateway fills in only after its authorizer' }],
    },
    {
      name: "the authorizer's claims read through .get, beside other request reads",
      code: `def handler(event, context):
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    return {"statusCode": 200, "body": event["body"], "user": claims.get("sub")}
`,
      errors: [{ line: 2, message: 'Verify the token in the app (or at the ingress' }],
    },
    {
      name: 'a request id from the request context is no identity (and an unrelated authorizer variable is not read from it)',
      code: `def handler(event, context):
    authorizer = load_authorizer()
    request_id = event["requestContext"]["requestId"]
    return {"statusCode": 200, "body": request_id}
`,
      errors: [{ line: 3, message: 'reads the API Gateway/function URL event shape' }],
    },
  ],
});
