// The check API Gateway makes before a route reaches its function (a Cognito user pool, a JWT issuer, a Lambda
// authorizer, IAM, an API key), read from every format onto the route's event, reported by iac/event-source (an
// Ingress checks nothing, so the route would be open after the move) and kept off the internet by the conversion.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertToKubernetes } from '../../../src/core/convert/to-kubernetes';
import type { Unit } from '../../../src/core/types';
import { assessTexts } from '../../helpers/assessTexts';

const result = (files: Record<string, string>) => assessTexts(files);
/** Each HTTP event's guard of the named unit, in order (`-` for an unguarded route). */
const guards = (files: Record<string, string>, name: string): string[] => {
  const u = result(files).units.find((x) => x.name === name);
  assert.ok(u, `no unit ${name}`);
  return u.events
    .filter((e) => e.type === 'http')
    .map((e) => {
      const a = e.authorizer as { kind: string; name?: string } | undefined;
      return a ? `${a.kind}${a.name ? ` ${a.name}` : ''}` : '-';
    });
};
const guardedFindings = (files: Record<string, string>) =>
  result(files).findings.filter((f) => f.ruleId === 'iac/event-source' && / guarded by /.test(f.message));

const samFn = (name: string, events: string) =>
  `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.12\n      CodeUri: src/\n      Events:\n${events}`;
const apiEvent = (id: string, path: string, extra = '', type = 'Api', api = 'RestApiId: !Ref Api') =>
  `        ${id}:\n          Type: ${type}\n          Properties:\n            ${api}\n            Path: ${path}\n            Method: get\n${extra}`;

/** A SAM API whose default authorizer is the Cognito user pool `Users` (its pool line follows). */
const USERS_API = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Users
        Authorizers:
          Users:
`;

describe('route guards: SAM and CloudFormation', () => {
  const template = `${USERS_API}            UserPoolArn: !GetAtt Pool.Arn
          Tokens:
            FunctionArn: !GetAtt AuthFn.Arn
${samFn(
  'Orders',
  apiEvent('List', '/orders') +
    apiEvent('Health', '/health', '            Auth:\n              Authorizer: NONE\n') +
    apiEvent('Admin', '/admin', '            Auth:\n              Authorizer: Tokens\n') +
    apiEvent('Signed', '/signed', '            Auth:\n              Authorizer: AWS_IAM\n'),
)}`;

  it('an API default authorizer, a route turning it off, a route naming another, AWS_IAM', () => {
    assert.deepEqual(guards({ 'template.yaml': template }, 'Orders'), ['cognito Users', '-', 'lambda Tokens', 'iam']);
  });

  it('no DefaultAuthorizer: authorizers declared but none chosen guard nothing; an API key does', () => {
    const t = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        Authorizers:
          Users:
            UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
${samFn('Orders', apiEvent('List', '/orders') + apiEvent('Keyed', '/keyed', '            Auth:\n              ApiKeyRequired: true\n'))}`;
    assert.deepEqual(guards({ 'template.yaml': t }, 'Orders'), ['-', 'apiKey']);
  });

  it('the implicit API takes Globals.Api.Auth; an HTTP API its JWT authorizer', () => {
    const t = `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Auth:
      DefaultAuthorizer: Users
      Authorizers:
        Users:
          UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Oidc
        Authorizers:
          Oidc:
            JwtConfiguration:
              issuer: https://issuer.example.com
              audience: [app]
            IdentitySource: $request.header.Authorization
${samFn('Implicit', `        Get:\n          Type: Api\n          Properties:\n            Path: /a\n            Method: get\n`)}${samFn('V2', apiEvent('Get', '/b', '', 'HttpApi', 'ApiId: !Ref Http'))}${samFn('V2Open', apiEvent('Get', '/c', '', 'HttpApi'))}`;
    assert.deepEqual(guards({ 'template.yaml': t }, 'Implicit'), ['cognito Users']);
    assert.deepEqual(guards({ 'template.yaml': t }, 'V2'), ['jwt Oidc']);
    // The implicit HTTP API has no Globals.HttpApi.Auth here: nothing guards it.
    assert.deepEqual(guards({ 'template.yaml': t }, 'V2Open'), ['-']);
  });

  it('CloudFormation: a REST method and an HTTP API route with their AuthorizationType', () => {
    const t = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Code: { ZipFile: "exports.handler = async () => ({})" }
  Fn2:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Code: { ZipFile: "exports.handler = async () => ({})" }
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref PoolAuth
      Integration:
        Type: AWS_PROXY
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref HttpApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn2.Arn
  OpenRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref HttpApi
      RouteKey: GET /open
      Target: !Sub integrations/\${Integration}
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref HttpApi
      RouteKey: GET /items
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
      Target: !Sub integrations/\${Integration}
`;
    assert.deepEqual(guards({ 'stack.yaml': t }, 'Fn'), ['cognito PoolAuth']);
    assert.deepEqual(guards({ 'stack.yaml': t }, 'Fn2'), ['jwt Jwt']);
  });
});

describe('route guards: Serverless Framework', () => {
  const yml = `service: shop
provider:
  name: aws
  runtime: nodejs22.x
  httpApi:
    authorizers:
      oidc:
        identitySource: $request.header.Authorization
        issuerUrl: https://issuer.example.com
        audience: [app]
      custom:
        type: request
        functionName: authFn
functions:
  authFn:
    handler: auth.handler
  api:
    handler: api.handler
    events:
      - http: { path: /a, method: get, authorizer: authFn }
      - http: { path: /b, method: get, authorizer: { type: COGNITO_USER_POOLS, authorizerId: { Ref: PoolAuth } } }
      - http: { path: /c, method: get, authorizer: { arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x' } }
      - http: { path: /d, method: get, authorizer: aws_iam }
      - http: { path: /e, method: get, private: true }
      - http: { path: /f, method: get }
      - httpApi: { path: /g, method: get, authorizer: { name: oidc } }
      - httpApi: { path: /h, method: get, authorizer: { name: custom } }
      - httpApi: { path: /i, method: get, authorizer: { type: aws_iam } }
      - httpApi: { path: /j, method: get }
      - http: { path: /k, method: get, authorizer: '\${ssm:/shop/authorizer-arn}' }
      - sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:q', authorizer: authFn }
`;
  it('every form of authorizer, private routes, and routes with none', () => {
    assert.deepEqual(guards({ 'serverless.yml': yml }, 'api'), [
      'lambda authFn',
      'cognito',
      'cognito',
      'iam',
      'apiKey',
      '-',
      'jwt oidc',
      'lambda custom',
      'iam',
      '-',
      'other',
    ]);
  });
});

describe('route guards: Terraform', () => {
  it("a REST method's authorization and an HTTP API route's authorization_type, found through the integration", () => {
    const tf = `resource "aws_lambda_function" "api" {
  function_name = "api"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
resource "aws_lambda_function" "v2" {
  function_name = "v2"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
resource "aws_lambda_function" "open" {
  function_name = "open"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "COGNITO_USER_POOLS"
  authorizer_id = aws_api_gateway_authorizer.users.id
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.api.invoke_arn
}
resource "aws_api_gateway_method" "public" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "POST"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "public" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.public.http_method
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.open.invoke_arn
}
resource "aws_apigatewayv2_integration" "v2" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.v2.invoke_arn
}
resource "aws_apigatewayv2_route" "v2" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /items"
  target             = "integrations/\${aws_apigatewayv2_integration.v2.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.oidc.id
}
`;
    assert.deepEqual(guards({ 'main.tf': tf }, 'api'), ['cognito users']);
    assert.deepEqual(guards({ 'main.tf': tf }, 'v2'), ['jwt oidc']);
    assert.deepEqual(guards({ 'main.tf': tf }, 'open'), ['-']);
  });
});

describe('route guards: CDK (TypeScript)', () => {
  const head = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
const fn = (id: string) => id;
`;
  const fnDecl = (v: string, id: string) =>
    `const ${v} = new lambda.Function(this, '${id}', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset('${id}') });\n`;

  it('addMethod options (an authorizer variable, an inline one, NONE over the default) and addRoutes', () => {
    const ts = `${head}${fnDecl('a', 'A')}${fnDecl('b', 'B')}${fnDecl('c', 'C')}${fnDecl('d', 'D')}
const users = new apigw.CognitoUserPoolsAuthorizer(this, 'Users', { cognitoUserPools: [] });
const api = new apigw.RestApi(this, 'Api', { defaultMethodOptions: { authorizer: users, authorizationType: apigw.AuthorizationType.COGNITO } });
const items = api.root.addResource('items');
items.addMethod('GET', new apigw.LambdaIntegration(a));
const health = new apigw.LambdaIntegration(b);
items.addMethod('HEAD', health, { authorizationType: apigw.AuthorizationType.NONE });
items.addMethod('POST', new apigw.LambdaIntegration(c), { authorizationType: apigw.AuthorizationType.IAM });
const http = new HttpApi(this, 'Http');
http.addRoutes({ path: '/x', integration: new HttpLambdaIntegration('X', d), authorizer: new HttpJwtAuthorizer('Oidc', 'https://issuer') });
`;
    const files = { 'lib/stack.ts': ts };
    assert.deepEqual(guards(files, 'A'), ['cognito Users']);
    assert.deepEqual(guards(files, 'B'), ['-']);
    assert.deepEqual(guards(files, 'C'), ['iam']);
    assert.deepEqual(guards(files, 'D'), ['jwt Oidc']);
  });

  it("two REST APIs with different defaults: a route's API is not followed, so neither default is assumed", () => {
    const ts = `${head}${fnDecl('a', 'A')}
const users = new apigw.CognitoUserPoolsAuthorizer(this, 'Users', { cognitoUserPools: [] });
const one = new apigw.RestApi(this, 'One', { defaultMethodOptions: { authorizer: users } });
const two = new apigw.RestApi(this, 'Two');
two.root.addMethod('GET', new apigw.LambdaIntegration(a));
`;
    assert.deepEqual(guards({ 'lib/stack.ts': ts }, 'A'), ['-']);
  });

  it('a LambdaRestApi guarded by its defaultMethodOptions', () => {
    const ts = `${head}${fnDecl('a', 'A')}
new apigw.LambdaRestApi(this, 'Api', { handler: a, defaultMethodOptions: { apiKeyRequired: true } });
`;
    assert.deepEqual(guards({ 'lib/stack.ts': ts }, 'A'), ['apiKey']);
  });
});

describe('iac/event-source and the conversion on guarded routes', () => {
  const template = `${USERS_API}            UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
${samFn('Orders', apiEvent('List', '/orders'))}${samFn('Open', apiEvent('List', '/open', '            Auth:\n              Authorizer: NONE\n'))}  Signed:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: AWS_IAM
`;
  const files = { 'template.yaml': template, 'src/app.py': 'def handler(event, context):\n    return {}\n' };

  it('a warning per guarded route naming the guard and its replacement; none for an open route', () => {
    const found = guardedFindings(files);
    assert.deepEqual(
      found.map((f) => [f.unit, f.severity]),
      [
        ['Orders', 'warning'],
        ['Signed', 'warning'],
      ],
    );
    assert.match(found[0].message, /Orders's HTTP route \(GET \/orders\) is guarded by a Cognito user pool authorizer \(Users\)/);
    assert.match(found[0].message, /alb\.ingress\.kubernetes\.io\/auth-type: cognito/);
    assert.match(found[0].message, /API Gateway turns away a request/);
    // A function URL's IAM check is Lambda's, and the route stays on the function URL, not on API Gateway.
    assert.match(found[1].message, /IAM authorization \(SigV4-signed requests\): Lambda turns away.*keep the function on its function URL/);
    assert.doesNotMatch(found[1].message, /API Gateway/);
  });

  it('routes of one function under one guard are one warning naming them all; a second guard is its own', () => {
    const t = template.replace(
      samFn('Orders', apiEvent('List', '/orders')),
      samFn(
        'Orders',
        apiEvent('List', '/orders') +
          apiEvent('Get', '/orders/{id}') +
          apiEvent('Admin', '/admin', '            Auth:\n              Authorizer: AWS_IAM\n') +
          apiEvent('Health', '/health', '            Auth:\n              Authorizer: NONE\n'),
      ),
    );
    const found = guardedFindings({ ...files, 'template.yaml': t }).filter((f) => f.unit === 'Orders');
    assert.equal(found.length, 2, found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, /Orders's HTTP routes \(GET \/orders, GET \/orders\/\{id\}\) are guarded by a Cognito user pool authorizer/);
    assert.match(found[1].message, /Orders's HTTP route \(GET \/admin\) is guarded by IAM authorization/);
    assert.doesNotMatch(found.map((f) => f.message).join(' '), /health/);
  });

  it('the conversion keeps a guarded route off the internet and says why; an open route stays public', () => {
    const units = result(files).units;
    const convert = (name: string) => convertToKubernetes(units.find((u) => u.name === name) as Unit, { to: 'kubernetes', format: 'manifests' });
    const guarded = convert('Orders');
    const ingress = guarded.files.find((f) => /ingress/i.test(f.path) || /kind: Ingress/.test(f.content));
    assert.ok(ingress, guarded.files.map((f) => f.path).join(', '));
    assert.match(ingress.content, /alb\.ingress\.kubernetes\.io\/scheme: internal/);
    const report = guarded.files.find((f) => /CONVERSION\.md$/.test(f.path))!.content;
    assert.match(report, /guarded by a Cognito user pool authorizer \(Users\), which an Ingress does not carry: the generated Ingress is internal/);
    assert.match(report, /events\[0\]\.authorizer/);
    const open = convert('Open');
    const openIngress = open.files.find((f) => /kind: Ingress/.test(f.content))!;
    assert.match(openIngress.content, /scheme: internet-facing/);
    assert.doesNotMatch(open.files.find((f) => /CONVERSION\.md$/.test(f.path))!.content, /guarded by/);
  });
});
