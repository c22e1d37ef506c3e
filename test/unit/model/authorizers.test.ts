// API Gateway Lambda authorizers, in every format: API Gateway calls only Lambda functions before a request, so the
// authorizer function is invoked by the API (a Lambda-only caller) and stays on Lambda while the API does.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { routeAuthOf } from '../../../src/core/model/routeAuth';
import { ensurePythonParser } from '../../../src/core/python/parser';
import { assessTexts } from '../../helpers/assessTexts';

before(() => ensurePythonParser());

const authorizerEvents = (files: Record<string, string>, name: string) => {
  const result = assessTexts(files);
  const u = result.units.find((x) => x.name === name);
  assert.ok(u, `no unit ${name} in ${result.units.map((x) => x.name).join(', ')}`);
  return { events: u.events.filter((e) => e.invokedBy === 'apigateway').map((e) => e.detail), verdict: u.readiness.toKubernetes };
};

const samFn = (name: string, extra = '') =>
  `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.12\n      CodeUri: src/\n${extra}`;

describe('API Gateway Lambda authorizers', () => {
  it('SAM: an API whose Auth names the function', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt AuthFn.Arn
${samFn('AuthFn')}${samFn('Orders', '      Events:\n        Get:\n          Type: Api\n          Properties:\n            RestApiId: !Ref Api\n            Path: /orders\n            Method: get\n')}`;
    const files = { 'template.yaml': template, 'src/app.py': 'def handler(event, context):\n    return {}\n' };
    assert.deepEqual(authorizerEvents(files, 'AuthFn'), { events: ['API Gateway authorizer of API Api'], verdict: 'blocked' });
    assert.deepEqual(authorizerEvents(files, 'Orders').events, []);
  });

  it('CloudFormation: AWS::ApiGateway::Authorizer and AWS::ApiGatewayV2::Authorizer', () => {
    const template = `Resources:
  Auth:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Type: TOKEN
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${AuthFn.Arn}/invocations
  AuthV2:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      AuthorizerType: REQUEST
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${AuthFnV2.Arn}/invocations
  AuthFn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Code: { ZipFile: "exports.handler = async () => ({})" }
  AuthFnV2:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Code: { ZipFile: "exports.handler = async () => ({})" }
`;
    assert.deepEqual(authorizerEvents({ 'stack.yaml': template }, 'AuthFn').events, ['API Gateway authorizer Auth']);
    assert.deepEqual(authorizerEvents({ 'stack.yaml': template }, 'AuthFnV2').events, ['API Gateway authorizer AuthV2']);
  });

  it('Serverless Framework: a REST route and an HTTP API request authorizer name a function of the service', () => {
    const yml = `service: shop
provider:
  name: aws
  runtime: nodejs22.x
  httpApi:
    authorizers:
      custom:
        type: request
        functionName: httpAuth
functions:
  restAuth:
    handler: auth.handler
  httpAuth:
    handler: auth.handler
  orders:
    handler: orders.handler
    events:
      - http:
          path: orders
          method: get
          authorizer: restAuth
      - httpApi:
          path: /orders
          method: post
          authorizer:
            name: custom
  iam:
    handler: orders.handler
    events:
      - http:
          path: admin
          method: get
          authorizer: aws_iam
      - http:
          path: other
          method: get
          authorizer: arn:aws:lambda:eu-west-1:123456789012:function:shared-auth
`;
    const files = { 'serverless.yml': yml, 'auth.js': 'exports.handler = async () => ({});\n', 'orders.js': 'exports.handler = async () => ({});\n' };
    assert.deepEqual(authorizerEvents(files, 'restAuth').events, ['API Gateway authorizer of orders GET orders']);
    assert.deepEqual(authorizerEvents(files, 'httpAuth').events, ['API Gateway authorizer of orders POST /orders']);
    assert.deepEqual(authorizerEvents(files, 'orders').events, []);
    assert.deepEqual(authorizerEvents(files, 'iam').events, []);
  });

  it('Serverless Framework: a WebSocket $connect route names its authorizer by name or as a map; an ARN names another stack', () => {
    const yml = `service: chat
provider:
  name: aws
  runtime: nodejs22.x
functions:
  auth:
    handler: auth.handler
  wsAuth:
    handler: auth.handler
  connect:
    handler: ws.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            name: auth
            identitySource:
              - route.request.header.Auth
  connect2:
    handler: ws.connect
    events:
      - websocket:
          route: $connect
          authorizer: wsAuth
  connect3:
    handler: ws.connect
    events:
      - websocket:
          route: $connect
          authorizer:
            arn: arn:aws:lambda:eu-west-1:123456789012:function:shared-auth
  default:
    handler: ws.other
    events:
      - websocket: $default
`;
    const files = {
      'serverless.yml': yml,
      'auth.js': 'exports.handler = async () => ({});\n',
      'ws.js': 'exports.connect = async () => ({});\nexports.other = async () => ({});\n',
    };
    assert.deepEqual(authorizerEvents(files, 'auth'), { events: ['API Gateway authorizer of connect websocket $connect'], verdict: 'blocked' });
    assert.deepEqual(authorizerEvents(files, 'wsAuth').events, ['API Gateway authorizer of connect2 websocket $connect']);
    for (const name of ['connect', 'connect2', 'connect3', 'default']) assert.deepEqual(authorizerEvents(files, name).events, [], name);
    // The guarded route says so (its conversion keeps the Ingress internal); the ARN's guard is a Lambda authorizer too.
    const units = assessTexts(files).units;
    const guard = (name: string) => routeAuthOf(units.find((u) => u.name === name)!.events[0])?.kind;
    assert.equal(guard('connect'), 'lambda');
    assert.equal(guard('connect3'), 'lambda');
    assert.equal(guard('default'), undefined);
  });

  it('CDK: TokenAuthorizer and HttpLambdaAuthorizer, in TypeScript and Python', () => {
    const ts = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
const auth = new lambda.Function(this, 'Auth', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('fn') });
const httpAuth = new lambda.Function(this, 'HttpAuth', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('fn') });
new apigw.TokenAuthorizer(this, 'Tokens', { handler: auth });
const authorizer = new HttpLambdaAuthorizer('Requests', httpAuth);
`;
    assert.deepEqual(authorizerEvents({ 'lib/stack.ts': ts }, 'Auth').events, ['API Gateway authorizer Tokens']);
    assert.deepEqual(authorizerEvents({ 'lib/stack.ts': ts }, 'HttpAuth').events, ['API Gateway authorizer Requests']);
    const py = `from aws_cdk import aws_lambda as _lambda, aws_apigateway as apigw
class Stack:
    def __init__(self, scope, id):
        auth_fn = _lambda.Function(self, "AuthFn", handler="app.handler", runtime=_lambda.Runtime.PYTHON_3_12, code=_lambda.Code.from_asset("fn"))
        apigw.TokenAuthorizer(self, "Tokens", handler=auth_fn)
`;
    assert.deepEqual(authorizerEvents({ 'stack.py': py }, 'AuthFn').events, ['API Gateway authorizer Tokens']);
  });

  it("CDK (TypeScript): functions made and handed around by the stack's own methods", () => {
    const ts = `import * as cdk from 'aws-cdk-lib';
export class Stack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const operational = this.getOperational();
    const authFn = this.getAuth();
    const authorizer = this.getTokenAuthorizer(authFn);
    this.createRestApi(operational, authorizer);
    this.unused = this.makeTwo(true);
  }
  private getOperational(): cdk.aws_lambda.IFunction {
    return new cdk.aws_lambda.Function(this, 'Operational', { handler: 'i.h', runtime: cdk.aws_lambda.Runtime.NODEJS_22_X, code: cdk.aws_lambda.Code.fromAsset('op') });
  }
  private getAuth() {
    const fn = new cdk.aws_lambda.Function(this, 'Auth', { handler: 'i.h', runtime: cdk.aws_lambda.Runtime.NODEJS_22_X, code: cdk.aws_lambda.Code.fromAsset('auth') });
    return fn;
  }
  private makeTwo(first) {
    if (first) return new cdk.aws_lambda.Function(this, 'First', { handler: 'i.h', runtime: cdk.aws_lambda.Runtime.NODEJS_22_X, code: cdk.aws_lambda.Code.fromAsset('a') });
    return new cdk.aws_lambda.Function(this, 'Second', { handler: 'i.h', runtime: cdk.aws_lambda.Runtime.NODEJS_22_X, code: cdk.aws_lambda.Code.fromAsset('b') });
  }
  private getTokenAuthorizer(authorizerLambda: cdk.aws_lambda.IFunction) {
    return new cdk.aws_apigateway.TokenAuthorizer(this, 'Tokens', { handler: authorizerLambda });
  }
  private createRestApi(operationalLambda, lambdaAuthorizer) {
    new cdk.aws_apigateway.LambdaRestApi(this, 'Api', { handler: operationalLambda, defaultMethodOptions: { authorizer: lambdaAuthorizer } });
    new cdk.aws_apigateway.LambdaRestApi(this, 'Other', { handler: this.unused });
  }
}
`;
    const files = { 'lib/stack.ts': ts };
    assert.deepEqual(authorizerEvents(files, 'Auth'), { events: ['API Gateway authorizer Tokens'], verdict: 'blocked' });
    const units = assessTexts(files).units;
    assert.deepEqual(
      units.find((u) => u.name === 'Operational')?.events.map((e) => e.type),
      ['http'],
    );
    // A method returning either of two functions names neither.
    for (const name of ['First', 'Second']) assert.deepEqual(units.find((u) => u.name === name)?.events, [], name);
  });

  it('Terraform: aws_api_gateway_authorizer and aws_apigatewayv2_authorizer', () => {
    const tf = `resource "aws_lambda_function" "auth" {
  function_name = "auth"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
resource "aws_api_gateway_authorizer" "tokens" {
  name           = "tokens"
  rest_api_id    = aws_api_gateway_rest_api.api.id
  authorizer_uri = aws_lambda_function.auth.invoke_arn
}
`;
    assert.deepEqual(authorizerEvents({ 'main.tf': tf }, 'auth').events, ['API Gateway authorizer tokens']);
  });
});
