import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeFile } from '../../../src/core/analyze';
import { detectKind } from '../../../src/core/detect';
import { parseYaml } from '../../../src/core/parsers/yaml';
import { ensureParser } from '../../../src/core/parsers/load';
import { computeLineStarts, lineColumnAt } from '../../../src/core/position';
import { joinAnalyses } from '../../../src/core/api';

const root = path.resolve(__dirname, '../../..');
const fixture = (p: string) => readFileSync(path.join(root, 'test/fixtures/iac', p), 'utf8');

describe('CloudFormation short-form tags', () => {
  const tags: [string, unknown][] = [
    ['!Ref X', { Ref: 'X' }],
    ['!GetAtt A.Arn', { 'Fn::GetAtt': ['A', 'Arn'] }],
    ['!Sub "${A}-x"', { 'Fn::Sub': '${A}-x' }],
    ['!Join ["-", [a, b]]', { 'Fn::Join': ['-', ['a', 'b']] }],
    ['!If [C, a, b]', { 'Fn::If': ['C', 'a', 'b'] }],
    ['!Select [0, [a]]', { 'Fn::Select': [0, ['a']] }],
    ['!FindInMap [M, k, v]', { 'Fn::FindInMap': ['M', 'k', 'v'] }],
    ['!ImportValue shared', { 'Fn::ImportValue': 'shared' }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!Base64 text', { 'Fn::Base64': 'text' }],
    ['!Cidr ["10.0.0.0/16", 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!Equals [a, b]', { 'Fn::Equals': ['a', 'b'] }],
    ['!Not [!Condition C]', { 'Fn::Not': [{ Condition: 'C' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Condition C', { Condition: 'C' }],
  ];
  for (const [src, expected] of tags) {
    it(`parses ${src.split(' ')[0]}`, async () => {
      const parsed = parseYaml(`V: ${src}\n`, { cloudFormation: true });
      assert.deepEqual(parsed.errors, []);
      const { toJS } = await import('../../../src/core/parsers/yaml');
      assert.deepEqual((toJS(parsed.docs[0].contents as never) as Record<string, unknown>).V, expected);
    });
  }
  it('the SAM fixture using every tag parses with no parse-error finding', () => {
    const a = analyzeFile(fixture('sam/template.yaml'), 'template.yaml');
    assert.equal(a.kind, 'cloudformation');
    assert.deepEqual(
      a.findings.filter((f) => f.ruleId === 'core/parse-error'),
      [],
    );
    assert.deepEqual(
      a.units.map((u) => u.name),
      ['WorkerFunction', 'ReportFunction', 'LegacyFunction'],
    );
  });
});

describe("a flow collection closed at its key's indentation, as CloudFormation reads it", () => {
  const template = (close: string) =>
    [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    Runtime: nodejs22.x',
      '    VpcConfig: !If [UseVpc, {',
      '      SecurityGroupIds: !Ref groups,',
      '      SubnetIds: !Ref subnets',
      `${close}, !Ref AWS::NoValue]`,
      '    Timeout: 30',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handler: app.handler',
      '',
    ].join('\n');

  it("parses, with every offset and line the original text's (the bracket moved up by a line break made a space)", async () => {
    const text = template('    }');
    const parsed = parseYaml(text, { cloudFormation: true });
    assert.deepEqual(parsed.errors, []);
    const { toJS } = await import('../../../src/core/parsers/yaml');
    const js = toJS(parsed.docs[0].contents as never) as { Globals: { Function: Record<string, unknown> } };
    assert.deepEqual(js.Globals.Function.VpcConfig, {
      'Fn::If': ['UseVpc', { SecurityGroupIds: { Ref: 'groups' }, SubnetIds: { Ref: 'subnets' } }, { Ref: 'AWS::NoValue' }],
    });
    assert.equal(js.Globals.Function.Timeout, 30);
    const a = analyzeFile(text, 'template.yaml');
    assert.deepEqual(
      a.units.map((u) => [u.name, u.line, u.runtime, u.timeoutSeconds]),
      [['Fn', 12, 'nodejs22.x', 30]],
    );
  });

  it("parses a flow collection whose items sit at its key's indentation too (a policy's Resource list, a JSON schema)", async () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Snapshot:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      Runtime: python3.12',
      '      Policies:',
      '        - Statement:',
      '            Action: rds:DescribeDBSnapshots',
      '            Resource: [',
      '            !Sub "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${Db}",',
      '            !Sub "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:snapshot:*"',
      '            ]',
      '  Model:',
      '    Type: AWS::ApiGateway::Model',
      '    Properties:',
      '      Schema: {"title": "Stats",',
      '      "type": "object"}',
      '',
    ].join('\n');
    const parsed = parseYaml(text, { cloudFormation: true });
    assert.deepEqual(parsed.errors, []);
    const { toJS } = await import('../../../src/core/parsers/yaml');
    const js = toJS(parsed.docs[0].contents as never) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    const policy = js.Resources.Snapshot.Properties.Policies as { Statement: { Resource: unknown[] } }[];
    assert.equal(policy[0].Statement.Resource.length, 2);
    assert.deepEqual(js.Resources.Model.Properties.Schema, { title: 'Stats', type: 'object' });
    const a = analyzeFile(text, 'template.yaml');
    assert.deepEqual(
      a.units.map((u) => [u.name, u.line, u.runtime]),
      [['Snapshot', 4, 'python3.12']],
    );
    // A line inside that ends in a comment is not joined (the next line would become comment): still an error.
    assert.notDeepEqual(parseYaml(text.replace('db:${Db}",', 'db:${Db}", # the database'), { cloudFormation: true }).errors, []);
  });

  it('is still a parse error when the line before the bracket ends in a comment, or the collection never closes', () => {
    const commented = template('    }').replace('SubnetIds: !Ref subnets', 'SubnetIds: !Ref subnets # private');
    assert.notDeepEqual(parseYaml(commented, { cloudFormation: true }).errors, []);
    const unclosed = template('    Timeout: 5');
    assert.notDeepEqual(parseYaml(unclosed, { cloudFormation: true }).errors, []);
  });
});

describe('a key written twice in a YAML map', () => {
  it('is read as its last occurrence, as toJS and PyYAML (the SAM CLI) read it', () => {
    const text =
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.lambda_handler\n      Runtime: python3.14\n      CodeUri: src/\n      Handler: lambda_function.lambda_handler\n      Timeout: 10\n';
    const u = analyzeFile(text, 'template.yaml').units[0];
    assert.deepEqual([u.handler, u.handlerExport, u.timeoutSeconds], ['lambda_function.lambda_handler', 'lambda_handler', 10]);
  });
});

describe('Terraform', () => {
  it('a syntax error gives exactly one parse-error finding on the offending line', () => {
    const text = fixture('terraform-broken/main.tf');
    const a = analyzeFile(text, 'main.tf');
    const errors = a.findings.filter((f) => f.ruleId === 'core/parse-error');
    assert.equal(errors.length, 1);
    assert.equal(lineColumnAt(computeLineStarts(text), errors[0].start).line, 6);
    assert.match(errors[0].message, /main\.tf could not be parsed/);
  });
  it('positions point at the attribute value, for any rule', () => {
    const text = 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  timeout       = 900\n}\n';
    const f = analyzeFile(text, 'main.tf').findings.find((x) => x.ruleId === 'iac/timeout-limit');
    assert.ok(f);
    assert.deepEqual(lineColumnAt(computeLineStarts(text), f.start), { line: 3, column: 19 });
  });
  it('module form: timeout from a var default, with the function name from a local', () => {
    const text =
      'variable "t" {\n  default = 900\n}\nlocals {\n  n = "jobs"\n}\nmodule "m" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "${local.n}-runner"\n  timeout       = var.t\n}\n';
    const a = analyzeFile(text, 'main.tf');
    assert.equal(a.units[0].name, 'jobs-runner');
    assert.equal(a.units[0].timeoutSeconds, 900);
    assert.ok(a.findings.some((f) => f.ruleId === 'iac/timeout-limit' && f.message.includes('jobs-runner')));
  });
  it('module form: the asynchronous destinations (the failure one as the dead-letter target unless one is set)', () => {
    const module = (extra: string) =>
      `module "m" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "worker"\n  create_async_event_config = true\n${extra}}\n`;
    const both = analyzeFile(module('  destination_on_success = aws_sqs_queue.done.arn\n  destination_on_failure = aws_sns_topic.failed.arn\n'), 'main.tf')
      .units[0];
    assert.equal(both.successTarget, 'aws_sqs_queue.done.arn');
    assert.equal(both.deadLetterTarget, 'aws_sns_topic.failed.arn');
    assert.equal(both.otherSettings?.includes('destination_on_success'), false);
    const dlq = analyzeFile(module('  dead_letter_target_arn = aws_sqs_queue.dlq.arn\n  destination_on_failure = aws_sns_topic.failed.arn\n'), 'main.tf')
      .units[0];
    assert.equal(dlq.deadLetterTarget, 'aws_sqs_queue.dlq.arn');
    assert.equal(dlq.successTarget, undefined);
  });
  it('an API Gateway permission makes an HTTP trigger, with the REST API payload when its source ARN names a REST API', () => {
    const tf = (arn: string) =>
      `resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\nresource "aws_lambda_permission" "api" {\n  function_name = aws_lambda_function.f.function_name\n  principal     = "apigateway.amazonaws.com"\n  source_arn    = "${arn}"\n}\n`;
    assert.deepEqual(analyzeFile(tf('\${aws_api_gateway_rest_api.api.execution_arn}/*/*'), 'main.tf').units[0].events, [
      { type: 'http', detail: 'API Gateway (aws_lambda_permission api)', apiGateway: 'rest' },
    ]);
    assert.deepEqual(analyzeFile(tf('\${aws_apigatewayv2_api.api.execution_arn}/*/*'), 'main.tf').units[0].events, [
      { type: 'http', detail: 'API Gateway (aws_lambda_permission api)' },
    ]);
    assert.deepEqual(
      analyzeFile(tf('\${aws_api_gateway_rest_api.api.execution_arn}/authorizers/*'), 'main.tf').units[0].events.map((e) => [e.type, e.invokedBy]),
      [['other', 'apigateway']],
    );
    const sam = (api: string) =>
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Runtime: python3.13\n  Api:\n    Type: ${api}\n    Properties:\n      DefinitionUri: openapi.yaml\n  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: apigateway.amazonaws.com\n`;
    assert.equal(analyzeFile(sam('AWS::Serverless::Api'), 'template.yaml').units[0].events[0].apiGateway, 'rest');
    assert.equal(analyzeFile(sam('AWS::Serverless::HttpApi'), 'template.yaml').units[0].events[0].apiGateway, undefined);
    assert.equal(analyzeFile(sam('AWS::Serverless::HttpApi'), 'template.yaml').units[0].events[0].type, 'http');
  });
  it('modules from other sources are not functions', () => {
    assert.deepEqual(analyzeFile('module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  timeout = 900\n}\n', 'main.tf').units, []);
  });
});

describe('serverless variables', () => {
  it('never reads ${env:...}, even when the variable exists in this process', () => {
    process.env.LAMBDASHIFT_TEST_TIMEOUT = '77';
    const text = 'service: s\nprovider:\n  name: aws\n  timeout: ${env:LAMBDASHIFT_TEST_TIMEOUT}\nfunctions:\n  f:\n    handler: h.handler\n';
    const u = analyzeFile(text, 'serverless.yml').units[0];
    assert.equal(u.timeoutSeconds, undefined);
    assert.deepEqual(u.unresolved, ['${env:LAMBDASHIFT_TEST_TIMEOUT}']);
  });
  it("resolves ${opt:stage, 'dev'}, ${sls:stage} and ${self:...} chains", () => {
    const text =
      "service: s\ncustom:\n  t:\n    prod: 40\n    dev: 12\nprovider:\n  name: aws\n  stage: ${opt:stage, 'dev'}\nfunctions:\n  f:\n    handler: h.handler\n    timeout: ${self:custom.t.${sls:stage}}\n";
    assert.equal(analyzeFile(text, 'serverless.yml').units[0].timeoutSeconds, 12);
  });
  it('a self-reference cycle stays unknown instead of hanging', () => {
    const text =
      'service: s\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.handler\n    timeout: ${self:custom.a}\n';
    assert.equal(analyzeFile(text, 'serverless.yml').units[0].timeoutSeconds, undefined);
  });
});

describe('serverless-lift constructs', () => {
  const LIFT = `service: jobs
provider:
  name: aws
  runtime: nodejs22.x
  timeout: 10
constructs:
  uploads:
    type: storage
  jobs:
    type: queue
    batchSize: 5
    worker:
      handler: index.consumer
      timeout: 30
      environment:
        TABLE: orders
  alerts:
    type: queue
functions:
  producer:
    handler: index.producer
plugins:
  - serverless-lift
`;
  it('a queue construct’s worker is a function fed by its queue; other constructs and workerless queues are not', () => {
    const units = analyzeFile(LIFT, 'serverless.yml').units;
    assert.deepEqual(
      units.map((u) => [u.name, u.handler, u.handlerExport, u.timeoutSeconds, u.runtime]),
      [
        ['producer', 'index.producer', 'producer', 10, 'nodejs22.x'],
        ['jobsWorker', 'index.consumer', 'consumer', 30, 'nodejs22.x'],
      ],
    );
    assert.deepEqual(units[1].events, [{ type: 'sqs', detail: 'jobs (Lift queue)', batchSize: 5 }]);
    assert.deepEqual(units[1].environment, { TABLE: 'orders' });
    // Its line is the construct's.
    assert.equal(units[1].line, 9);
  });
  it('joins the worker to its handler file, whose SQS reads decide its verdict', () => {
    const r = joinAnalyses({
      analyses: [
        analyzeFile(LIFT, 'serverless.yml'),
        analyzeFile(
          'exports.producer = async (event) => ({ statusCode: 202 });\nexports.consumer = async (event) => {\n  for (const r of event.Records) console.log(r.body);\n};\n',
          'index.js',
        ),
      ],
    });
    const worker = r.units.find((u) => u.name === 'jobsWorker')!;
    assert.equal(worker.codeFile, 'index.js');
    assert.equal(worker.readiness.toKubernetes, 'changes');
    assert.equal(r.units.find((u) => u.name === 'producer')!.readiness.toKubernetes, 'ready');
  });
});

describe('CDK', () => {
  const stack = (props: string) =>
    `import * as cdk from 'aws-cdk-lib';\nimport { aws_lambda as lambda } from 'aws-cdk-lib';\nnew lambda.Function(this, 'F', {\n  handler: 'index.handler',\n${props}});\n`;
  for (const [src, seconds] of [
    ['cdk.Duration.seconds(45)', 45],
    ['cdk.Duration.minutes(15)', 900],
    ['cdk.Duration.minutes(2)', 120],
    ['cdk.Duration.hours(1)', 3600],
  ] as const) {
    it(`reads timeout ${src}`, () => assert.equal(analyzeFile(stack(`  timeout: ${src},\n`), 'lib/s.ts').units[0].timeoutSeconds, seconds));
  }
  for (const [member, runtime] of [
    ['NODEJS_22_X', 'nodejs22.x'],
    ['PYTHON_3_13', 'python3.13'],
    ['JAVA_21', 'java21'],
    ['PROVIDED_AL2023', 'provided.al2023'],
    // aws-cdk-lib's variable member: the version its runtime.ts names today, not "unknown".
    ['NODEJS_LATEST', 'nodejs24.x'],
    // Not a member aws-cdk-lib has: left unknown rather than guessed.
    ['NODEJS_NEXT', undefined],
  ] as const) {
    it(`reads runtime Runtime.${member} as ${runtime ?? 'unknown'}`, () =>
      assert.equal(analyzeFile(stack(`  runtime: lambda.Runtime.${member},\n`), 'lib/s.ts').units[0].runtime, runtime));
  }
  it('reads a runtime kept in a const of the constructor, and the const of the scope the function is made in', () => {
    const text = `import * as cdk from 'aws-cdk-lib';
import { aws_lambda as lambda } from 'aws-cdk-lib';
const shared = lambda.Runtime.PYTHON_3_13;
const alias = shared;
class S extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const lambdaRuntime = lambda.Runtime.NODEJS_24_X;
    new lambda.Function(this, 'A', { runtime: lambdaRuntime, handler: 'a.handler', code: lambda.Code.fromAsset('a') });
    new lambda.Function(this, 'B', { runtime: alias, handler: 'b.handler', code: lambda.Code.fromAsset('b') });
  }
}
class T extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const lambdaRuntime = lambda.Runtime.JAVA_21;
    new lambda.Function(this, 'C', { runtime: lambdaRuntime, handler: 'c.Handler', code: lambda.Code.fromAsset('c') });
    new lambda.Function(this, 'D', { runtime: pickRuntime(), handler: 'd.handler', code: lambda.Code.fromAsset('d') });
  }
}
`;
    assert.deepEqual(
      analyzeFile(text, 'lib/s.ts').units.map((u) => [u.name, u.runtime]),
      [
        ['A', 'nodejs24.x'],
        ['B', 'python3.13'],
        ['C', 'java21'],
        ['D', undefined],
      ],
    );
  });
  it('Runtime.FROM_IMAGE makes a plain Function an image function', () => {
    const u = analyzeFile(stack("  runtime: lambda.Runtime.FROM_IMAGE,\n  code: lambda.Code.fromAssetImage('image'),\n"), 'lib/s.ts').units[0];
    assert.deepEqual([u.runtime, u.packageType], [undefined, 'Image']);
  });
  it('a file that does not import the CDK yields no units, even with a class named Function', () => {
    assert.deepEqual(analyzeFile("class Function {}\nnew Function(this, 'F', { timeout: 900 });\n", 'src/x.ts').units, []);
  });
  it('model rules run on CDK units (timeout-limit at the timeout property)', () => {
    const text = stack('  timeout: cdk.Duration.minutes(15),\n');
    const f = analyzeFile(text, 'lib/s.ts').findings.find((x) => x.ruleId === 'iac/timeout-limit');
    assert.ok(f);
    assert.equal(lineColumnAt(computeLineStarts(text), f.start).line, 5);
  });
});

describe('CDK (TypeScript) API Gateway v2 L1 integrations that proxy to a function', () => {
  const head = `import { App, Fn, Stack } from 'aws-cdk-lib';
import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';
import { CfnApi, CfnIntegration, CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
`;
  const events = (text: string) =>
    analyzeFile(text, 'lib/stack.ts').units.map((u) => [
      u.name,
      u.events.map((e) => `${e.detail}${e.websocket ? ' (ws)' : ''}${e.authorizer ? ` [${(e.authorizer as { kind?: string }).kind}]` : ''}`).join('; '),
    ]);
  it('a WEBSOCKET API: each route key reaches the function its integration URI names (concatenation, template literal, Fn.join)', () => {
    const text = `${head}const onConnect = new Function(this, 'connect', { runtime: Runtime.NODEJS_LATEST, handler: 'a.handler', code: Code.fromAsset('a') });
const onMessage = new Function(this, 'message', { runtime: Runtime.NODEJS_LATEST, handler: 'b.handler', code: Code.fromAsset('b') });
const onOther = new Function(this, 'other', { runtime: Runtime.NODEJS_LATEST, handler: 'c.handler', code: Code.fromAsset('c') });
const api = new CfnApi(this, 'Chat', { name: 'chat', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
const connectIntegration = new CfnIntegration(this, 'ConnectInt', {
  apiId: api.ref,
  integrationType: 'AWS_PROXY',
  integrationUri: 'arn:aws:apigateway:' + region + ':lambda:path/2015-03-31/functions/' + onConnect.functionArn + '/invocations',
});
const messageIntegration = new CfnIntegration(this, 'MessageInt', {
  apiId: api.ref,
  integrationType: 'AWS_PROXY',
  integrationUri: \`arn:aws:apigateway:\${region}:lambda:path/2015-03-31/functions/\${onMessage.functionArn}/invocations\`,
});
const otherUri = Fn.join('', ['arn:aws:apigateway:', region, ':lambda:path/2015-03-31/functions/', onOther.functionArn, '/invocations']);
const otherIntegration = new CfnIntegration(this, 'OtherInt', { apiId: api.ref, integrationType: 'AWS_PROXY', integrationUri: otherUri });
new CfnRoute(this, 'ConnectRoute', { apiId: api.ref, routeKey: '$connect', authorizationType: 'AWS_IAM', target: 'integrations/' + connectIntegration.ref });
new CfnRoute(this, 'SendRoute', { apiId: api.ref, routeKey: 'sendmessage', target: 'integrations/' + messageIntegration.ref });
new CfnRoute(this, 'DefaultRoute', { apiId: api.ref, routeKey: '$default', target: \`integrations/\${messageIntegration.ref}\` });
`;
    assert.deepEqual(events(text), [
      ['connect', 'websocket $connect (ws) [iam]'],
      ['message', 'websocket sendmessage, $default (ws)'],
      // No route names it: the integration's id stands for the keys.
      ['other', 'websocket OtherInt (ws)'],
    ]);
  });
  it('an HTTP API (or one whose protocol is not written here) is an HTTP trigger; an SQS integration or a look-alike class is none', () => {
    const text = `${head}import { CfnIntegration as Other } from './local';
const handler = new Function(this, 'api', { runtime: Runtime.NODEJS_22_X, handler: 'a.handler', code: Code.fromAsset('a') });
const worker = new Function(this, 'worker', { runtime: Runtime.NODEJS_22_X, handler: 'w.handler', code: Code.fromAsset('w') });
const local = new Function(this, 'local', { runtime: Runtime.NODEJS_22_X, handler: 'l.handler', code: Code.fromAsset('l') });
const shared = new Function(this, 'shared', { runtime: Runtime.NODEJS_22_X, handler: 's.handler', code: Code.fromAsset('s') });
new CfnIntegration(this, 'OnShared', { apiId: props.apiId, integrationType: 'AWS_PROXY', integrationUri: shared.functionArn });
const http = new CfnApi(this, 'Http', { name: 'h', protocolType: 'HTTP' });
const integ = new CfnIntegration(this, 'Int', { apiId: http.ref, integrationType: 'AWS_PROXY', integrationUri: handler.functionArn, payloadFormatVersion: '2.0' });
new CfnRoute(this, 'Get', { apiId: http.ref, routeKey: 'GET /items', target: 'integrations/' + integ.ref });
new CfnIntegration(this, 'Sqs', { apiId: importedApiId, integrationType: 'AWS_PROXY', integrationSubtype: 'SQS-SendMessage', requestParameters: { QueueUrl: queue.queueUrl } });
new Other(this, 'Look', { apiId: http.ref, integrationUri: local.functionArn });
`;
    assert.deepEqual(events(text), [
      ['api', 'HTTP API GET /items'],
      // Its integration sends to a queue: no function of this file is named.
      ['worker', ''],
      ['local', ''],
      ['shared', 'HTTP API OnShared'],
    ]);
  });
});

describe('CloudFormation API Gateway integrations that proxy to a function', () => {
  const fn = (name: string, events = '') =>
    `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.13\n      CodeUri: src/\n${events}`;
  it('WebSocket routes reach their function through a v2 integration; REST methods through their Uri', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: s
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: "$request.body.action"
  ConnectIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub "arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${OnConnect.Arn}/invocations"
  ConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Socket
      RouteKey: "$connect"
      Target: !Sub "integrations/\${ConnectIntegration}"
  GetMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration:
        Type: AWS_PROXY
        Uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Reader.Arn}/invocations"
  SamMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration:
        Uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Described.Arn}/invocations"
  Unrelated:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: GET
      Integration:
        Type: HTTP_PROXY
        Uri: https://example.com/{proxy}
${fn('OnConnect')}${fn('Reader')}${fn('Described', '      Events:\n        Api:\n          Type: Api\n          Properties:\n            Path: /d\n            Method: get\n')}${fn('Idle')}`;
    const units = analyzeFile(text, 'template.yaml').units.map((u) => [u.name, u.events.map((e) => e.detail).join('; ')]);
    assert.deepEqual(units, [
      ['OnConnect', 'websocket $connect'],
      ['Reader', 'GET (REST API GetMethod)'],
      ['Described', 'GET /d'],
      ['Idle', ''],
    ]);
  });
});

describe('CDK functions made by a helper method', () => {
  const stack = (body: string, helper = DEFAULT_HELPER) => `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
const TABLE = 'bookings';
export class Saga extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
${body}
  }
${helper}
}
`;
  const DEFAULT_HELPER = `  createLambda(scope: cdk.Stack, id: string, handler: string, memory = 256) {
    return new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_12_X, handler, memorySize: memory, code: lambda.Code.fromAsset('lambda-fns'), environment: { TABLE } });
  }`;
  const units = (text: string) => analyzeFile(text, 'lib/saga.ts').units;
  it('one unit per call, with that call id, handler and defaults, at the call; triggers wired through the variable it is assigned to', () => {
    const text = stack(`    const reserve = this.createLambda(this, 'ReserveFlight', 'flights/reserve.handler');
    const cancel = this.createLambda(this, 'CancelFlight', 'flights/cancel.handler', 1024);
    new sfn.Task(this, 'Reserve', { task: new tasks.RunLambdaTask(reserve) });
    new tasks.LambdaInvoke(this, 'Cancel', { lambdaFunction: cancel });`);
    const got = units(text).map((u) => [u.name, u.handler, u.memoryMB, u.line, u.runtime, u.events.map((e) => e.detail).join(',')]);
    assert.deepEqual(got, [
      ['ReserveFlight', 'flights/reserve.handler', 256, 9, 'nodejs12.x', 'Step Functions task Reserve'],
      ['CancelFlight', 'flights/cancel.handler', 1024, 10, 'nodejs12.x', 'Step Functions task Cancel'],
    ]);
    // Model rules report at the helper's runtime line once, for both units.
    const runtime = analyzeFile(text, 'lib/saga.ts').findings.filter((f) => f.ruleId === 'iac/deprecated-runtime');
    assert.deepEqual(
      runtime.map((f) => f.units),
      [['ReserveFlight', 'CancelFlight']],
    );
  });
  it('a construct whose id the file computes is named by the variable or field that keeps it', () => {
    const text = `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
export class Lwa extends Stack {
  api: lambda.Function;
  constructor(scope: any, id: string, props: { name: string }) {
    super(scope, id);
    const lwa_lambda = new lambda.Function(this, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'run.sh', code: lambda.Code.fromAsset('src') });
    this.api = new lambda.Function(this, props.name + 'Api', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'api.handler', code: lambda.Code.fromAsset('api') });
    new lambda.Function(this, \`\${id}-worker\`, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'w.handler', code: lambda.Code.fromAsset('w') });
  }
}
`;
    assert.deepEqual(
      analyzeFile(text, 'lib/lwa.ts').units.map((u) => [u.name, u.handler]),
      [
        ['lwa_lambda', 'run.sh'],
        ['api', 'api.handler'],
        ['function@9', 'w.handler'],
      ],
    );
  });
  it('a helper never called with a readable id stays one unit, as before', () => {
    const got = units(
      stack(`    const ids = ['A', 'B'];
    for (const i of ids) this.createLambda(this, i, 'x.handler');`),
    ).map((u) => [u.name, u.handler]);
    assert.deepEqual(got, [['function@13', undefined]]);
  });
  it('calls in a loop beside readable ones: the construct own unit (parameters unknown) and one per readable call', () => {
    const got = units(
      stack(`    for (const i of ['A', 'B']) this.createLambda(this, i, 'x.handler');
    this.createLambda(this, 'Named', 'named.handler');`),
    ).map((u) => [u.name, u.handler, u.memoryMB]);
    assert.deepEqual(got, [
      ['function@13', undefined, undefined],
      ['Named', 'named.handler', 256],
    ]);
  });
  it('an argument that is a parameter of the caller is not read through a constant of the same name', () => {
    const helper = `  make(id: string, handler: string) {
    return new lambda.Function(this, id, { runtime: lambda.Runtime.NODEJS_22_X, handler, code: lambda.Code.fromAsset('src') });
  }
  wrap(handler: string) {
    return this.make('Wrapped', handler);
  }`;
    const text = stack(
      `    this.make('Direct', 'direct.handler');
    this.wrap('w.handler');`,
      helper,
    ).replace("const TABLE = 'bookings';", "const handler = 'const.handler';");
    assert.deepEqual(
      units(text).map((u) => [u.name, u.handler]),
      [
        ['Direct', 'direct.handler'],
        ['Wrapped', undefined],
      ],
    );
  });
  it('a construct whose id is a literal is one unit however the code around it is called', () => {
    const helper = `  build(handler: string) {
    return new lambda.Function(this, 'Only', { runtime: lambda.Runtime.NODEJS_22_X, handler, code: lambda.Code.fromAsset('src') });
  }`;
    assert.deepEqual(
      units(
        stack(
          `    this.build('a.handler');
    this.build('b.handler');`,
          helper,
        ),
      ).map((u) => u.name),
      ['Only'],
    );
  });
});

describe('CDK functions made by a construct class of the same file', () => {
  const file = (construct: string, uses: string) => `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

interface ServiceFunctionProps { handler: string; entry: string; timeout?: number }

class ServiceFunction extends Construct {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
${construct}
  }
}

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${uses}
  }
}

const app = new cdk.App();
new AppStack(app, 'Prod');
`;
  const fn = (id: string, handler = 'props.handler') =>
    `    new lambda.Function(this, ${id}, { runtime: lambda.Runtime.NODEJS_22_X, handler: ${handler}, code: lambda.Code.fromAsset(props.entry), timeout: cdk.Duration.seconds(props.timeout ?? 30), memorySize: 512 });\n`;
  const uses = `    new ServiceFunction(this, 'GetOrder', { handler: 'get.handler', entry: 'src/orders' });
    new ServiceFunction(this, 'PutOrder', { handler: 'put.handler', entry: 'src/orders', timeout: 60 });`;
  const read = (text: string) => analyzeFile(text, 'lib/app.ts').units.map((u) => [u.name, u.handler, u.timeoutSeconds, u.memoryMB, u.line]);
  it("one unit per instantiation, named by the construct's id, its props read through `props.x` and `props.x ?? default`", () => {
    assert.deepEqual(read(file(fn("'Function'"), uses)), [
      ['GetOrder', 'get.handler', 30, 512, 18],
      ['PutOrder', 'put.handler', 60, 512, 19],
    ]);
  });
  it("the function's id passed through from the construct's: the same units", () => {
    assert.deepEqual(read(file(fn('id'), uses)), [
      ['GetOrder', 'get.handler', 30, 512, 18],
      ['PutOrder', 'put.handler', 60, 512, 19],
    ]);
  });
  it('two functions with fixed ids in one construct class: each instantiation names both by their path', () => {
    assert.deepEqual(
      read(file(fn("'Api'") + fn("'Worker'", "'worker.handler'"), `    new ServiceFunction(this, 'Orders', { handler: 'api.handler', entry: 'src' });`)).map(
        (u) => u.slice(0, 2),
      ),
      [
        ['Orders/Api', 'api.handler'],
        ['Orders/Worker', 'worker.handler'],
      ],
    );
  });
  it('a Stack instantiated in its own file keeps its functions named by their own ids', () => {
    const text = file(
      fn("'Unused'"),
      `    new lambda.Function(this, 'Api', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'api.handler', code: lambda.Code.fromAsset('src') });`,
    ).replace(/\nclass ServiceFunction[\s\S]*?\n}\n/, '\n');
    assert.deepEqual(
      analyzeFile(text, 'lib/app.ts').units.map((u) => u.name),
      ['Api'],
    );
  });
  it('a construct class never instantiated in its file stays one unit, its props unknown', () => {
    assert.deepEqual(read(file(fn("'Function'"), '')), [['Function', undefined, undefined, 512, 10]]);
  });
});

describe('Helm templates', () => {
  it('never become parse errors and say what was not rendered', () => {
    const a = analyzeFile(fixture('helm/web/templates/deployment.yaml'), 'web/templates/deployment.yaml');
    assert.equal(a.kind, 'helm-template');
    assert.deepEqual(
      a.findings.filter((f) => f.ruleId === 'core/parse-error'),
      [],
    );
    assert.ok(a.units[0].unresolved?.some((n) => n.includes('.Values.replicaCount')));
    assert.equal(a.units[0].replicas, undefined, 'a templated replica count is unknown, not 0');
  });
  it('a Helm test hook is no workload; a name made by `template` is templated, named after its path under templates/', () => {
    const hook = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ template "app.fullname" . }}-smoke\n  annotations:\n    "helm.sh/hook": test-success\nspec:\n  containers:\n    - name: curl\n      image: curlimages/curl:8.0.0\n`;
    assert.deepEqual(analyzeFile(hook, 'chart/templates/tests/smoke.yaml').units, []);
    const install = hook.replace('test-success', 'pre-install').replace('kind: Pod', 'kind: Pod');
    assert.equal(analyzeFile(install, 'chart/templates/tests/smoke.yaml').units.length, 1, 'other hooks (a migration before install) run in the release');
    const redis = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ template "app.fullname" . }}-redis\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis:7\n`;
    const u = analyzeFile(redis, 'charts/app/templates/redis/deployment.yaml').units[0];
    assert.equal(u.name, 'app/redis/deployment');
  });
  it("Bitnami's forms: a probe rendered by `nindent` and continued by keys below it, a script whose first lines are directives", () => {
    const text = `apiVersion: {{ include "common.capabilities.statefulset.apiVersion" . }}
kind: StatefulSet
metadata:
  name: {{ include "common.names.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: postgresql
          image: {{ include "postgresql.image" . }}
          command:
            - /bin/sh
            - -ec
            - |
              {{- if .Values.primary.persistence.enabled }}
              chown \`id -u\`:\`id -G | cut -d " " -f2\` {{ .Values.primary.persistence.mountPath }}
              {{- end }}
              exec postgres
          {{- if .Values.livenessProbe.enabled }}
          livenessProbe: {{- include "common.tplvalues.render" (dict "value" (omit .Values.livenessProbe "enabled") "context" $) | nindent 12 }}
            exec:
              command: ["pg_isready"]
          {{- end }}
          ports:
            - name: tcp-postgresql
              containerPort: {{ .Values.containerPorts.postgresql }}
          labels: {{- include "common.labels.standard" . | nindent 12 }}
`;
    const a = analyzeFile(text, 'bitnami/postgresql/templates/primary/statefulset.yaml');
    assert.deepEqual(
      a.units.map((u) => [u.workloadKind, u.containers?.map((c) => c.name)]),
      [['StatefulSet', ['postgresql']]],
    );
    // Offsets still point into the file: the container's range starts at its `- name:` line.
    assert.equal(text.slice(a.units[0].fieldRanges!['containers.0']![0]).split('\n')[0], 'name: postgresql');
  });
  it('a template that cannot be made into YAML yields no units and no crash', () => {
    const a = analyzeFile('{{ range .Values.x }}\n- a: [\n{{ end }}\napiVersion: v1\nkind: Pod\n', 'chart/templates/x.yaml');
    assert.deepEqual(a.units, []);
  });
});

describe('Kubernetes workload names', () => {
  const job = (meta: string) =>
    `apiVersion: batch/v1\nkind: Job\nmetadata:\n${meta}spec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: flyway/flyway:10\n      restartPolicy: Never\n`;
  it('a generateName Job is named by its prefix (Kubernetes adds the random suffix), positioned at it', () => {
    const text = job('  generateName: upgrade-sql-schema-\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n');
    const [u] = analyzeFile(text, 'hooks/manifests.yaml').units;
    assert.equal(u.name, 'upgrade-sql-schema');
    assert.equal(u.line, 4);
  });
  it('a name beats a generateName; neither is the file-path fallback', () => {
    assert.equal(analyzeFile(job('  name: migrate\n  generateName: other-\n'), 'm.yaml').units[0].name, 'migrate');
    assert.equal(analyzeFile(job('  labels:\n    app: x\n'), 'jobs/m.yaml').units[0].name, 'job/m');
  });
});

describe('examples workspace', () => {
  const dir = path.join(root, 'examples');
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  const files = walk(dir)
    .map((p) => path.relative(dir, p).split(path.sep).join('/'))
    .filter((f) => (/\.(ya?ml|tf|ts|js|json|py|go|java|cs)$/.test(f) || /(^|\/)Dockerfile$/.test(f)) && !f.endsWith('package.json'));
  let result: ReturnType<typeof joinAnalyses>;
  before(async () => {
    // Python, Go and Java files need their tree-sitter grammar first, as the CLI and the editor load it.
    await Promise.all([ensureParser('python'), ensureParser('go'), ensureParser('java')]);
    const analyses = files.map((f) =>
      analyzeFile(readFileSync(path.join(dir, f), 'utf8'), f, { today: '2026-11-22' }, detectKind(f, readFileSync(path.join(dir, f), 'utf8'))),
    );
    result = joinAnalyses({ analyses });
  });
  it('analyses every file without errors', () => {
    assert.deepEqual(result.errors, []);
  });
  it('joins the Go function (provided.al2023, bootstrap) to its package', () => {
    const fn = result.units.find((u) => u.name === 'LabelPrinterFunction');
    assert.equal(fn?.codeFile, 'labels-go/labels/main.go');
    const state = result.findings.find((f) => f.ruleId === 'go/in-memory-state');
    assert.deepEqual([state?.file, state?.unit], ['labels-go/labels/render.go', 'LabelPrinterFunction']);
  });
  it("reports the Java service's server, state and schedule, for the workload its folder builds", () => {
    const java = result.findings.filter((f) => f.ruleId.startsWith('java/'));
    assert.deepEqual(java.map((f) => f.ruleId).sort(), ['java/background-work', 'java/cold-start-import', 'java/in-memory-state', 'java/listening-server']);
    assert.deepEqual([...new Set(java.map((f) => f.unit))], ['catalog-api']);
  });
  it('has a unit for every function and workload (SAM 4, serverless 3, Terraform 1, Kubernetes 4)', () => {
    const count = (s: string) => result.units.filter((u) => u.source === s).length;
    assert.deepEqual([count('sam'), count('serverless'), count('terraform'), count('kubernetes')], [4, 3, 1, 4]);
  });
  it('joins handlers to their code files and names the timeout in time-related findings', () => {
    const poller = result.units.find((u) => u.name === 'ExportPollerFunction');
    assert.equal(poller?.codeFile, 'orders-sam/src/handlers/export-poller.ts');
    assert.equal(result.units.find((u) => u.source === 'terraform')?.codeFile, 'billing-terraform/src/invoices.py');
    const timed = result.findings.filter(
      (f) => f.unit === 'ExportPollerFunction' && f.file.endsWith('.ts') && /configured with a 900 s timeout/.test(f.message),
    );
    assert.ok(timed.length > 0, 'a time-related handler finding names the 900 s timeout');
  });
  it('never copies the secret-looking Terraform value into the output', () => {
    assert.ok(!JSON.stringify(result).includes('hunter2'));
  });
  it('reports a shared provider default once, naming every function it is about', () => {
    const found = result.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime' && f.file.endsWith('serverless.yml'));
    assert.equal(found.length, 1);
    assert.deepEqual([...(found[0].units ?? [])].sort(), ['digest', 'sendEmail', 'webhook']);
  });
  it('gives every unit a verdict and attributes IaC findings to units', () => {
    for (const u of result.units) assert.ok(u.readiness.toKubernetes ?? u.readiness.toLambda, `${u.name} has a verdict`);
    const iac = result.findings.filter((f) => f.ruleId.startsWith('iac/'));
    assert.ok(iac.length > 0);
    assert.deepEqual(
      iac.filter((f) => !f.unit).map((f) => f.ruleId),
      [],
    );
  });
});

describe('CloudFormation in *.template files', () => {
  const sam = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "PlaceOrder": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "Orders::Orders.Functions::PlaceOrder",
        "Runtime": "dotnetcore3.1",
        "CodeUri": "",
        "Events": { "Post": { "Type": "Api", "Properties": { "Path": "/orders", "Method": "POST" } } }
      }
    }
  }
}
`;
  const kinds: [string, string, string][] = [
    ['src/Orders/serverless.template', sam, 'cloudformation'],
    ['stacks/network.template', 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n', 'cloudformation'],
    ['stacks/plain.template', '{\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue" } }\n}\n', 'cloudformation'],
    // Not CloudFormation: other tools' templates (an HTML page, a Jinja file, a Go text/template).
    ['web/index.template', '<html><body>{{ .Title }}</body></html>\n', 'unknown'],
    ['config/app.template', 'Resources: ${RESOURCES}\nType: file\n', 'unknown'],
    ['docs/serverless.template.md', sam, 'unknown'],
  ];
  for (const [file, text, kind] of kinds) it(`${file} is ${kind}`, () => assert.equal(detectKind(file, text), kind));

  it("a .NET project's serverless.template is joined to its C# handler and judged", async () => {
    await ensureParser('csharp');
    const cs = `namespace Orders;\n\npublic class Functions\n{\n    public string PlaceOrder(string input) => input.ToUpper();\n}\n`;
    const files = [
      { file: 'src/Orders/serverless.template', text: sam },
      { file: 'src/Orders/Functions.cs', text: cs },
      {
        file: 'src/Orders/Orders.csproj',
        text: '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyName>Orders</AssemblyName></PropertyGroup></Project>\n',
      },
    ];
    const r = joinAnalyses({ analyses: files.map((f) => analyzeFile(f.text, f.file)), files: files.map((f) => f.file) });
    const u = r.units.find((x) => x.name === 'PlaceOrder');
    assert.ok(u, JSON.stringify(r.units.map((x) => x.name)));
    assert.equal(u.codeFile, 'src/Orders/Functions.cs');
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'iac/deprecated-runtime').map((f) => `${f.file}:${f.line}`),
      ['src/Orders/serverless.template:9'],
    );
  });

  it('an executable assembly (the handler is the assembly name) runs its Program.cs', async () => {
    await ensureParser('csharp');
    const template = (handler: string, runtime: string) => sam.replace('Orders::Orders.Functions::PlaceOrder', handler).replace('dotnetcore3.1', runtime);
    const program =
      'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);\nbuilder.Build().Run();\n';
    const codeOf = (handler: string, runtime: string, files: Record<string, string>) => {
      const all = { 'src/Orders/serverless.template': template(handler, runtime), ...files };
      const r = joinAnalyses({ analyses: Object.entries(all).map(([f, t]) => analyzeFile(t, f)), files: Object.keys(all) });
      return r.units.find((x) => x.name === 'PlaceOrder')?.codeFile;
    };
    assert.equal(codeOf('Orders', 'dotnet8', { 'src/Orders/Program.cs': program, 'src/Orders/Api/Program.cs': program }), 'src/Orders/Program.cs');
    // No Program.cs in the project's folder: no guess (another project's Program.cs is not this function's).
    assert.equal(codeOf('Orders', 'dotnet8', { 'src/Other/Program.cs': program }), undefined);
    // Not .NET: a bare handler name is no assembly.
    assert.equal(codeOf('Orders', 'python3.12', { 'src/Orders/Program.cs': program }), undefined);
  });
});
