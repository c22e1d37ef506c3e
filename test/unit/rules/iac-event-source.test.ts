import { before } from 'node:test';
import { ensureParser } from '../../../src/core/parsers/load';
import { eventSource } from '../../../src/core/rules/iac/event-source';
import { container, deployment, samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

// Python CDK apps declare units too.
before(() => ensureParser('python'));

const ev = (type: string, props: string) => samFunction(`      Events:\n        E:\n          Type: ${type}\n          Properties:\n${props}`);

ruleTester(eventSource, {
  valid: [
    { name: 'function without events (direct invoke)', code: samFunction('      Timeout: 10\n') },
    { name: 'Kubernetes workload (other direction)', file: 'k8s/a.yaml', code: deployment(container('a')) },
    { name: 'queue resource alone', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n" },
    {
      name: 'EventBridge rule targeting something else',
      code: samFunction(
        '      Timeout: 3\n',
        '  R:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      Targets:\n        - Arn: !GetAtt OtherQueue.Arn\n          Id: q\n',
      ),
    },
    {
      name: 'event source mapping for another function',
      code: samFunction(
        '      Timeout: 3\n',
        '  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Other\n      EventSourceArn: arn:aws:sqs:us-east-1:1:q\n',
      ),
    },
    {
      name: 'serverless function without events',
      file: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.handler\n',
    },
    { name: 'Terraform function without triggers', file: 'main.tf', code: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n' },
    {
      name: 'CDK Rule without a Lambda target',
      file: 'lib/stack.ts',
      code: "import { Rule, Schedule } from 'aws-cdk-lib/aws-events';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nconst fn = new lambda.Function(this, 'F', { handler: 'i.h' });\nnew Rule(this, 'R', { schedule: Schedule.expression('rate(1 hour)') });\n",
    },
    {
      name: 'CDK: a LambdaInvoke task of a function from another stack, a Provider without handlers of ours',
      file: 'lib/stack.ts',
      code: "import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';\nimport * as cr from 'aws-cdk-lib/custom-resources';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nconst mine = new lambda.Function(this, 'Mine', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });\nnew tasks.LambdaInvoke(this, 'Run', { lambdaFunction: props.otherFn, payload: mine.functionArn });\nnew cr.Provider(this, 'P', { onEventHandler: props.handler, logGroup: mine });\n",
    },
    {
      name: 'Terraform: a user pool whose name mentions a function, and a state machine that only logs',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\nresource "aws_cognito_user_pool" "pool" {\n  name = "pool-${aws_lambda_function.f.function_name}"\n}\nresource "aws_sfn_state_machine" "flow" {\n  name       = "flow"\n  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Pass", End = true } } })\n}\n',
    },
    {
      name: 'a state machine that invokes another function',
      code: samFunction(
        '      Timeout: 3\n',
        '  SM:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        WorkerArn: !GetAtt Worker.Arn\n',
      ),
    },
    {
      name: 'a user pool without Lambda triggers',
      code: samFunction('      Timeout: 3\n', '  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub ${Fn}-pool\n'),
    },
    {
      name: 'a custom resource whose service token is another function',
      code: samFunction(
        '      Timeout: 3\n',
        '  Seed:\n    Type: Custom::Seed\n    Properties:\n      ServiceToken: !GetAtt SeedFn.Arn\n      Table: !Ref Fn\n',
      ),
    },
    {
      name: 'a delivery stream with no processor, a rotation by another function, a Config rule owned by AWS',
      code: samFunction(
        '      Timeout: 3\n',
        [
          '  Stream:\n    Type: AWS::KinesisFirehose::DeliveryStream\n    Properties:\n      DeliveryStreamName: !Sub ${Fn}-stream\n',
          '  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Secret\n      RotationLambdaARN: !GetAtt Rotator.Arn\n      RotationRules:\n        AutomaticallyAfterDays: 30\n',
          '  Rule:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      Source:\n        Owner: AWS\n        SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED\n      Description: !Sub checked by ${Fn}\n',
        ].join(''),
      ),
    },
    {
      name: 'Terraform: a Firehose stream whose name mentions a function but transforms nothing',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\nresource "aws_kinesis_firehose_delivery_stream" "s" {\n  name = "s-${aws_lambda_function.f.function_name}"\n  destination = "extended_s3"\n}\n',
    },
    {
      name: 'permissions that grant no Lambda-only hook: S3, Bedrock without an agent as its source (an AgentCore gateway)',
      code: samFunction(
        '      Timeout: 3\n',
        [
          '  S3Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: s3.amazonaws.com\n',
          '  GatewayPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: bedrock.amazonaws.com\n      SourceAccount: !Ref AWS::AccountId\n',
          '  OtherPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref OtherFn\n      Action: lambda:InvokeFunction\n      Principal: cognito-idp.amazonaws.com\n',
        ].join(''),
      ),
    },
    {
      name: 'Terraform and CDK permissions for services that can call something else (EventBridge, S3)',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
const fn = new lambda.Function(this, 'Fn', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
fn.addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
fn.addPermission('Gateway', { principal: new iam.ServicePrincipal('bedrock.amazonaws.com'), sourceAccount: this.account });
`,
    },
    {
      name: 'CDK: a function granted to a role, a custom resource served by a Provider, a VPC Lattice target group of instances',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CustomResource } from 'aws-cdk-lib';
const fn = new lambda.Function(this, 'Fn', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const role = new iam.Role(this, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
fn.grantInvoke(role);
new CustomResource(this, 'Seed', { serviceToken: provider.serviceToken });
`,
    },
    {
      name: 'CDK: AwsCustomResource calls that do not invoke the function (a configuration update, another service)',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
const fn = new lambda.Function(this, 'Fn', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
new cr.AwsCustomResource(this, 'Tune', { onCreate: { service: 'Lambda', action: 'updateFunctionConfiguration', parameters: { FunctionName: fn.functionName, MemorySize: 512 } } });
new cr.AwsCustomResource(this, 'Tag', { onCreate: { service: 'S3', action: 'putBucketTagging', parameters: { Bucket: fn.functionName } } });
`,
    },
  ],
  invalid: [
    {
      name: 'Lambda-only callers in CloudFormation: Firehose, Lex, rotation, S3 Object Lambda, a Config custom rule',
      code: samFunction(
        '      Timeout: 60\n',
        [
          '  Stream:\n    Type: AWS::KinesisFirehose::DeliveryStream\n    Properties:\n      ExtendedS3DestinationConfiguration:\n        ProcessingConfiguration:\n          Enabled: true\n          Processors:\n            - Type: Lambda\n              Parameters:\n                - ParameterName: LambdaArn\n                  ParameterValue: !GetAtt Fn.Arn\n',
          '  Bot:\n    Type: AWS::Lex::BotAlias\n    Properties:\n      BotAliasLocaleSettings:\n        - LocaleId: en_US\n          BotAliasLocaleSetting:\n            Enabled: true\n            CodeHookSpecification:\n              LambdaCodeHook:\n                CodeHookInterfaceVersion: "1.0"\n                LambdaArn: !GetAtt Fn.Arn\n',
          '  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Secret\n      RotationLambdaARN: !GetAtt Fn.Arn\n',
          '  Olap:\n    Type: AWS::S3ObjectLambda::AccessPoint\n    Properties:\n      ObjectLambdaConfiguration:\n        SupportingAccessPoint: arn:aws:s3:us-east-1:1:accesspoint/ap\n        TransformationConfigurations:\n          - Actions: [GetObject]\n            ContentTransformation:\n              AwsLambda:\n                FunctionArn: !GetAtt Fn.Arn\n',
          '  Rule:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      Source:\n        Owner: CUSTOM_LAMBDA\n        SourceIdentifier: !GetAtt Fn.Arn\n',
        ].join(''),
      ),
      errors: [
        {
          line: 9,
          message: 'Fn is invoked by Firehose delivery stream Stream, and Firehose data transformation call only Lambda functions',
          severity: 'error',
        },
        { line: 20, message: 'Fn is invoked by Lex bot alias Bot, and Amazon Lex code hooks call only Lambda functions', severity: 'error' },
        {
          line: 31,
          message: 'Fn is invoked by Secrets Manager rotation schedule Rotation, and Secrets Manager rotation call only Lambda functions',
          severity: 'error',
        },
        { line: 36, message: 'Fn is invoked by S3 Object Lambda access point Olap, and S3 Object Lambda call only Lambda functions', severity: 'error' },
        { line: 46, message: 'Fn is invoked by AWS Config rule Rule, and AWS Config custom rules call only Lambda functions', severity: 'error' },
      ],
    },
    {
      name: 'Lambda-only callers in Terraform and the CDK',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "t" {\n  function_name = "t"\n}\nresource "aws_kinesis_firehose_delivery_stream" "s" {\n  name = "s"\n  extended_s3_configuration {\n    processing_configuration {\n      enabled = true\n      processors {\n        type = "Lambda"\n        parameters {\n          parameter_name  = "LambdaArn"\n          parameter_value = "${aws_lambda_function.t.arn}:$LATEST"\n        }\n      }\n    }\n  }\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = aws_secretsmanager_secret.s.id\n  rotation_lambda_arn = aws_lambda_function.t.arn\n}\n',
      errors: [
        { line: 4, message: 't is invoked by Firehose delivery stream s, and Firehose data transformation', severity: 'error' },
        { line: 19, message: 't is invoked by Secrets Manager rotation of r, and Secrets Manager rotation', severity: 'error' },
      ],
    },
    {
      name: 'CDK: WebSocket API routes (WebSocketLambdaIntegration)',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
const chat = new lambda.Function(this, 'Chat', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
new apigwv2.WebSocketApi(this, 'Ws', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', chat) } });
`,
      errors: [{ line: 5, message: 'Chat handles API Gateway WebSocket routes (websocket Connect)', severity: 'warning' }],
    },
    {
      name: 'CDK: an Amazon MQ event source from a construct library (@cdklabs/cdk-amazonmq RabbitMqEventSource)',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RabbitMqEventSource } from '@cdklabs/cdk-amazonmq';
const consumer = new lambda.Function(this, 'Consumer', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
consumer.addEventSource(new RabbitMqEventSource({ broker, credentials, queueName: 'orders' }));
`,
      errors: [{ line: 4, message: "Consumer consumes an Amazon MQ broker's queues (MQ orders)", severity: 'warning' }],
    },
    {
      name: 'CDK: EventBridge Scheduler schedules, L1 (target.arn) and L2 (LambdaInvoke), are the functions schedules',
      file: 'lib/stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule, Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
const a = new lambda.Function(this, 'A', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const b = new lambda.Function(this, 'B', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
new CfnSchedule(this, 'L1', { flexibleTimeWindow: { mode: 'OFF' }, scheduleExpression: 'rate(5 minutes)', target: { arn: a.functionArn, roleArn: role.roleArn } });
new Schedule(this, 'L2', { schedule: ScheduleExpression.rate(Duration.hours(1)), target: new LambdaInvoke(b, {}) });
`,
      errors: [
        { line: 7, message: 'A runs on rate(5 minutes); on Kubernetes that is a CronJob', severity: 'info' },
        { line: 8, message: 'B runs on rate(1 hour); on Kubernetes that is a CronJob', severity: 'info' },
      ],
    },
    {
      name: 'CDK: a Firehose processor named by its stream, a rotation schedule',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as sm from 'aws-cdk-lib/aws-secretsmanager';
const transform = new lambda.Function(this, 'Transform', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const rotate = new lambda.Function(this, 'Rotate', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
new firehose.DeliveryStream(this, 'Clicks', { destination, processor: new firehose.LambdaFunctionProcessor(transform) });
new sm.RotationSchedule(this, 'Rotation', { secret, rotationLambda: rotate });
`,
      errors: [
        { line: 6, message: 'Transform is invoked by Firehose delivery stream Clicks', severity: 'error' },
        { line: 7, message: 'Rotate is invoked by Secrets Manager rotation schedule Rotation', severity: 'error' },
      ],
    },
    {
      name: 'CDK: a LambdaInvoke task, a custom resource provider, a user pool trigger, a data source and Lambda@Edge',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
const step = new lambda.Function(this, 'Step', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const seed = new lambda.Function(this, 'Seed', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const signup = new lambda.Function(this, 'Signup', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const resolver = new lambda.Function(this, 'Resolver', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
const edge = new cloudfront.experimental.EdgeFunction(this, 'Edge', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X });
new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: step });
new cr.Provider(this, 'SeedProvider', { onEventHandler: seed });
new cognito.UserPool(this, 'Pool', { lambdaTriggers: { preSignUp: signup } });
api.addLambdaDataSource('items', resolver);
new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin, edgeLambdas: [{ functionVersion: edge.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST }] } });
`,
      errors: [
        { line: 11, message: 'Step is a task of Step Functions task Run', severity: 'warning' },
        { line: 12, message: 'CloudFormation custom resource provider SeedProvider', severity: 'error' },
        { line: 13, message: 'Cognito calls only Lambda functions', severity: 'error' },
        { line: 14, message: 'AppSync data source items', severity: 'warning' },
        { line: 15, message: 'edge locations', severity: 'error' },
      ],
    },
    {
      name: 'Terraform: a state machine task (jsonencode), a Cognito trigger, an AppSync data source, Lambda@Edge by qualified ARN',
      file: 'main.tf',
      code: `resource "aws_lambda_function" "step" {
  function_name = "step"
}
resource "aws_lambda_function" "signup" {
  function_name = "signup"
}
resource "aws_lambda_function" "edge" {
  function_name = "edge"
}
resource "aws_lambda_function" "resolver" {
  function_name = "resolver"
}
resource "aws_sfn_state_machine" "flow" {
  name       = "flow"
  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Task", Resource = aws_lambda_function.step.arn, End = true } } })
}
resource "aws_cognito_user_pool" "pool" {
  name = "pool"
  lambda_config {
    pre_sign_up = aws_lambda_function.signup.arn
  }
}
resource "aws_appsync_datasource" "items" {
  name = "items"
  type = "AWS_LAMBDA"
  lambda_config {
    function_arn = aws_lambda_function.resolver.arn
  }
}
resource "aws_cloudfront_distribution" "cdn" {
  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.edge.qualified_arn
    }
  }
}
`,
      errors: [
        { line: 13, message: 'step is a task of Step Functions state machine flow', severity: 'warning' },
        { line: 17, message: 'signup is a Cognito user pool trigger of pool', severity: 'error' },
        { line: 30, message: 'edge locations', severity: 'error' },
        { line: 23, message: 'AppSync data source items', severity: 'warning' },
      ],
    },
    {
      name: 'CDK: an EdgeFunction no distribution in the file names is Lambda@Edge by construction (TypeScript)',
      file: 'lib/edge.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export const edge = new cloudfront.experimental.EdgeFunction(this, 'Edge', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
export const plain = new lambda.Function(this, 'Plain', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
`,
      errors: [{ line: 3, message: 'Edge runs as a Lambda@Edge function (cloudfront.experimental.EdgeFunction)', severity: 'error' }],
    },
    {
      name: 'CDK: an EdgeFunction in Python, and a Function of another module named EdgeFunction',
      file: 'stacks/edge_stack.py',
      code: `from aws_cdk import Stack, aws_cloudfront as cloudfront, aws_lambda as _lambda
from acme.edge import EdgeFunction


class EdgeStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        cloudfront.experimental.EdgeFunction(self, "Edge", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        EdgeFunction(self, "NotCdk")
`,
      errors: [{ line: 8, message: 'Edge runs as a Lambda@Edge function', severity: 'error' }],
    },
    {
      name: 'terraform-aws-modules/lambda with lambda_at_edge = true is a Lambda@Edge function; false is not',
      file: 'main.tf',
      code: `module "edge" {
  source         = "terraform-aws-modules/lambda/aws"
  function_name  = "edge"
  handler        = "index.handler"
  runtime        = "nodejs22.x"
  lambda_at_edge = true
}
module "plain" {
  source         = "terraform-aws-modules/lambda/aws"
  function_name  = "plain"
  handler        = "index.handler"
  runtime        = "nodejs22.x"
  lambda_at_edge = false
}
`,
      errors: [{ line: 6, column: 3, message: 'edge runs as a Lambda@Edge function (lambda_at_edge = true): it executes in CloudFront', severity: 'error' }],
    },
    {
      name: 'a Step Functions task (DefinitionSubstitutions)',
      code: samFunction(
        '      Timeout: 3\n',
        '  SM:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionSubstitutions:\n        FnArn: !GetAtt Fn.Arn\n',
      ),
      errors: [{ line: 9, message: 'Fn is a task of Step Functions state machine SM', severity: 'warning' }],
    },
    {
      name: 'a Step Functions task in a DefinitionString Sub',
      code: samFunction(
        '      Timeout: 3\n',
        '  SM:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Sub \'{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${Fn.Arn}","End":true}}}\'\n',
      ),
      errors: [{ line: 9, message: 'eks:runJob.sync' }],
    },
    {
      name: 'a Cognito trigger (blocked: Cognito calls only Lambda)',
      code: samFunction(
        '      Timeout: 3\n',
        '  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      LambdaConfig:\n        PreSignUp: !GetAtt Fn.Arn\n',
      ),
      errors: [{ line: 9, message: 'Cognito calls only Lambda functions', severity: 'error' }],
    },
    {
      name: 'a custom resource provider (blocked)',
      code: samFunction('      Timeout: 3\n', '  Seed:\n    Type: Custom::Seed\n    Properties:\n      ServiceToken: !GetAtt Fn.Arn\n'),
      errors: [{ line: 9, message: 'CloudFormation custom resource Seed', severity: 'error' }],
    },
    {
      name: 'an AppSync data source',
      code: samFunction(
        '      Timeout: 3\n',
        '  DS:\n    Type: AWS::AppSync::DataSource\n    Properties:\n      Type: AWS_LAMBDA\n      LambdaConfig:\n        LambdaFunctionArn: !GetAtt Fn.Arn\n',
      ),
      errors: [{ line: 9, message: 'HTTP data source', severity: 'warning' }],
    },
    {
      name: 'Lambda@Edge through a version (blocked)',
      code: samFunction(
        '      Timeout: 3\n',
        '  FnVersion:\n    Type: AWS::Lambda::Version\n    Properties:\n      FunctionName: !Ref Fn\n  CDN:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n        DefaultCacheBehavior:\n          LambdaFunctionAssociations:\n            - EventType: viewer-request\n              LambdaFunctionARN: !Ref FnVersion\n',
      ),
      errors: [{ line: 13, message: 'edge locations', severity: 'error' }],
    },
    {
      name: 'schedule → CronJob (info)',
      code: ev('Schedule', '            Schedule: rate(1 hour)\n'),
      errors: [{ line: 9, column: 9, message: 'CronJob', severity: 'info' }],
    },
    {
      name: 'schedule with L needs a hand rewrite',
      code: ev('Schedule', '            Schedule: cron(0 12 L * ? *)\n'),
      errors: [{ line: 9, message: 'L, W or #', severity: 'warning' }],
    },
    { name: 'SQS → KEDA', code: ev('SQS', '            Queue: !GetAtt Q.Arn\n'), errors: [{ line: 9, message: 'KEDA aws-sqs-queue', severity: 'warning' }] },
    { name: 'SNS', code: ev('SNS', '            Topic: !Ref T\n'), errors: [{ line: 9, message: 'Subscribe an SQS queue' }] },
    { name: 'S3', code: ev('S3', '            Bucket: !Ref B\n'), errors: [{ line: 9, message: 'S3 notifications' }] },
    { name: 'HTTP API → Ingress (info)', code: ev('HttpApi', '            Path: /x\n'), errors: [{ line: 9, message: 'Ingress', severity: 'info' }] },
    {
      name: 'HTTP API to an app behind Lambda Web Adapter (its /opt/bootstrap wrapper): run the same server, no wrapping',
      code: samFunction(
        '      Environment:\n        Variables:\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap\n      Events:\n        E:\n          Type: HttpApi\n          Properties:\n            Path: /x\n',
      ),
      errors: [{ line: 12, message: 'already serves it with its own HTTP server behind Lambda Web Adapter', severity: 'info' }],
    },
    {
      name: 'HTTP API with an unrelated exec wrapper: still a handler to wrap in a server',
      code: samFunction(
        '      Environment:\n        Variables:\n          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument\n      Events:\n        E:\n          Type: HttpApi\n          Properties:\n            Path: /x\n',
      ),
      errors: [{ line: 12, message: 'Wrap the handler in a small server', severity: 'info' }],
    },
    {
      name: 'separate EventBridge rule resource',
      code: samFunction(
        '      Timeout: 3\n',
        '  Nightly:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: cron(0 3 * * ? *)\n      Targets:\n        - Arn: !GetAtt Fn.Arn\n          Id: fn\n',
      ),
      errors: [{ line: 9, message: 'cron(0 3 * * ? *)' }],
    },
    {
      name: 'Kinesis via EventSourceMapping',
      code: samFunction(
        '      Timeout: 3\n',
        '  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n      EventSourceArn: !GetAtt Stream.Arn\n',
      ),
      errors: [{ line: 9, message: 'reads a stream' }],
    },
    {
      name: 'Kafka and Amazon MQ mappings: an MSK cluster of the template, self-managed brokers, a broker by its ARN',
      code: samFunction(
        '      Timeout: 3\n',
        [
          '  Cluster:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: c\n',
          '  M1:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n      EventSourceArn: !GetAtt Cluster.Arn\n      Topics: [orders]\n',
          '  M2:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n      Topics: [orders]\n      SelfManagedEventSource:\n        Endpoints:\n          KafkaBootstrapServers: [b1:9092]\n',
          '  M3:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Fn\n      EventSourceArn: !Ref BrokerArn\n      Queues: [jobs]\n',
        ].join(''),
      ),
      errors: [
        { line: 13, message: 'consumes Kafka topics (AWS::MSK::Cluster Cluster.Arn)', severity: 'warning' },
        { line: 19, message: 'consumes Kafka topics (self-managed Kafka)', severity: 'warning' },
        { line: 27, message: "consumes an Amazon MQ broker's queues (Amazon MQ BrokerArn)", severity: 'warning' },
      ],
    },
    {
      name: "Terraform: an Amazon MQ mapping, a self-managed Kafka mapping, the lambda module's mappings; DynamoDB stays a stream",
      file: 'main.tf',
      code: [
        'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n',
        'resource "aws_lambda_event_source_mapping" "mq" {\n  function_name    = aws_lambda_function.f.arn\n  event_source_arn = aws_mq_broker.b.arn\n  queues           = ["jobs"]\n}\n',
        'resource "aws_lambda_event_source_mapping" "k" {\n  function_name = aws_lambda_function.f.arn\n  topics        = ["orders"]\n  self_managed_event_source {\n    endpoints = { KAFKA_BOOTSTRAP_SERVERS = "b1:9092" }\n  }\n}\n',
        'module "m" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "m"\n  event_source_mapping = {\n    dynamodb = {\n      event_source_arn = aws_dynamodb_table.t.stream_arn\n    }\n    mq = {\n      event_source_arn = aws_mq_broker.b.arn\n      queues           = ["q"]\n    }\n  }\n}\n',
      ].join(''),
      errors: [
        { line: 4, message: "consumes an Amazon MQ broker's queues (Amazon MQ aws_mq_broker.b.arn)" },
        { line: 9, message: 'consumes Kafka topics (self-managed Kafka)' },
        { line: 20, message: 'reads a stream (aws_dynamodb_table.t.stream_arn)' },
        { line: 23, message: "consumes an Amazon MQ broker's queues (Amazon MQ aws_mq_broker.b.arn)" },
      ],
    },
    {
      name: 'Terraform: the eventbridge module, its rules matched to their targets by key (a schedule, a pattern, a disabled schedule)',
      file: 'main.tf',
      code: [
        'module "fn" {\n  source        = "terraform-aws-modules/lambda/aws"\n  function_name = "fn"\n}\n',
        'module "eventbridge" {\n  source     = "terraform-aws-modules/eventbridge/aws"\n  create_bus = false\n',
        '  rules = {\n    nightly = {\n      schedule_expression = "rate(15 minutes)"\n    }\n    created = {\n      event_pattern = jsonencode({ source = ["aws.ec2"] })\n    }\n    off = {\n      schedule_expression = "rate(1 day)"\n      state               = "DISABLED"\n    }\n  }\n',
        '  targets = {\n    nightly = [{ name = "fn", arn = module.fn.lambda_function_arn }]\n    created = [{ name = "fn", arn = module.fn.lambda_function_arn }]\n    off = [{ name = "fn", arn = module.fn.lambda_function_arn }]\n    queue = [{ name = "q", arn = aws_sqs_queue.q.arn }]\n  }\n}\n',
      ].join(''),
      // A disabled rule is still the function's trigger (its conversion is a suspended CronJob); the queue target is no function.
      errors: [
        { line: 21, message: 'fn runs on rate(15 minutes)' },
        { line: 22, message: 'fn is the target of an EventBridge rule (created)' },
        { line: 23, message: 'fn runs on rate(1 day)' },
      ],
    },
    {
      name: 'serverless.yml: kafka, msk, rabbitmq and activemq events',
      file: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: h.main\n    events:\n      - kafka:\n          topic: t\n      - msk:\n          arn: arn:aws:kafka:us-east-1:1:cluster/c\n          topic: t\n      - rabbitmq:\n          arn: arn:aws:mq:us-east-1:1:broker:b\n          queue: q\n      - activemq:\n          arn: arn:aws:mq:us-east-1:1:broker:b\n          queue: q\n',
      errors: [
        { line: 9, message: 'consumes Kafka topics (kafka)' },
        { line: 11, message: 'consumes Kafka topics (msk)' },
        { line: 14, message: "consumes an Amazon MQ broker's queues (rabbitmq)" },
        { line: 17, message: "consumes an Amazon MQ broker's queues (activemq)" },
      ],
    },
    {
      name: 'permissions granted to Lambda-only hooks: a Bedrock agent, a Cognito trigger whose user pool is made elsewhere',
      code: samFunction(
        '      Timeout: 3\n',
        [
          '  AgentPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: bedrock.amazonaws.com\n      SourceArn: !GetAtt Agent.AgentArn\n',
          '  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: a\n',
          '  CognitoPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !GetAtt Fn.Arn\n      Action: lambda:InvokeFunction\n      Principal: cognito-idp.amazonaws.com\n',
        ].join(''),
      ),
      errors: [
        {
          line: 9,
          message: 'Fn is invoked by Bedrock agent action group (permission AgentPerm), and Bedrock agent action groups call only Lambda functions',
          severity: 'error',
        },
        { line: 20, message: 'Fn is a Cognito user pool trigger (permission CognitoPerm): Cognito calls only Lambda functions', severity: 'error' },
      ],
    },
    {
      name: 'an agent that names the function, and a permission for it: one reason, at the agent',
      code: samFunction(
        '      Timeout: 3\n',
        [
          '  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      AgentName: a\n      ActionGroups:\n        - ActionGroupName: orders\n          ActionGroupExecutor:\n            Lambda: !GetAtt Fn.Arn\n',
          '  AgentPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: bedrock.amazonaws.com\n      SourceArn: !Sub arn:aws:bedrock:${AWS::Region}:${AWS::AccountId}:agent/*\n',
        ].join(''),
      ),
      errors: [{ line: 9, message: 'Fn is invoked by Bedrock agent action group of Agent, and Bedrock agent action groups', severity: 'error' }],
    },
    {
      name: "API Gateway permissions: an integration of an API whose routes are in an OpenAPI file (HTTP, the REST API's payload), and an authorizer (Lambda-only)",
      code: samFunction(
        '      Runtime: python3.13\n',
        [
          '  Auth:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: auth.handler\n      Runtime: python3.13\n',
          '  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: Prod\n      DefinitionUri: ./openapi.yaml\n',
          '  ApiPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !GetAtt Fn.Arn\n      Action: lambda:InvokeFunction\n      Principal: apigateway.amazonaws.com\n',
          '  AuthPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Auth\n      Action: lambda:InvokeFunction\n      Principal: apigateway.amazonaws.com\n      SourceArn: !Sub arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/*\n',
        ].join(''),
      ),
      errors: [
        { line: 19, message: 'Fn is invoked over HTTP (API Gateway (permission ApiPerm)); on Kubernetes it needs a Deployment', severity: 'info' },
        {
          line: 25,
          message: 'Auth is invoked by API Gateway authorizer (permission AuthPerm), and Lambda authorizers call only Lambda functions',
          severity: 'error',
        },
      ],
    },
    {
      name: 'an API Gateway permission beside the SAM event that already says HTTP: one reason',
      code: samFunction(
        '      Runtime: python3.13\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /orders\n            Method: get\n',
        '  ApiPerm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: !Ref Fn\n      Action: lambda:InvokeFunction\n      Principal: apigateway.amazonaws.com\n',
      ),
      errors: [{ line: 10, message: 'Fn is invoked over HTTP (GET /orders)', severity: 'info' }],
    },
    {
      name: 'Terraform: an API Gateway permission for a REST API whose body is a templated OpenAPI document',
      file: 'main.tf',
      code: `resource "aws_lambda_function" "orders" {
  function_name = "orders"
}
resource "aws_lambda_permission" "api" {
  function_name = aws_lambda_function.orders.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "\${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}
`,
      errors: [{ line: 4, message: 'orders is invoked over HTTP (API Gateway (aws_lambda_permission api))', severity: 'info' }],
    },
    {
      name: 'Terraform: an agent action group, and an Amazon Connect permission',
      file: 'main.tf',
      code: `resource "aws_lambda_function" "orders" {
  function_name = "orders"
}
resource "aws_lambda_function" "ivr" {
  function_name = "ivr"
}
resource "aws_bedrockagent_agent_action_group" "g" {
  action_group_name = "orders"
  action_group_executor {
    lambda = aws_lambda_function.orders.arn
  }
}
resource "aws_lambda_permission" "agent" {
  function_name = aws_lambda_function.orders.function_name
  principal     = "bedrock.amazonaws.com"
  source_arn    = aws_bedrockagent_agent.a.agent_arn
}
resource "aws_lambda_permission" "connect" {
  function_name = aws_lambda_function.ivr.function_name
  principal     = "connect.amazonaws.com"
}
`,
      errors: [
        { line: 7, message: 'orders is invoked by Bedrock agent action group g, and Bedrock agent action groups', severity: 'error' },
        {
          line: 18,
          message: 'ivr is invoked by Amazon Connect contact flow (connect), and Amazon Connect contact flows call only Lambda functions',
          severity: 'error',
        },
      ],
    },
    {
      name: 'CDK: addPermission for a Bedrock agent, grantInvoke to Amazon Connect',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
const action = new lambda.Function(this, 'Action', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const ivr = new lambda.Function(this, 'Ivr', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
action.addPermission('BedrockInvoke', { principal: new iam.ServicePrincipal('bedrock.amazonaws.com'), sourceArn: agent.attrAgentArn });
ivr.grantInvoke(new iam.ServicePrincipal('connect.amazonaws.com'));
const rotate = new lambda.Function(this, 'Rotate', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
secret.addRotationSchedule('Rotation', { rotationLambda: rotate, automaticallyAfter: Duration.days(15) });
rotate.grantInvoke(new iam.ServicePrincipal('secretsmanager.amazonaws.com'));
`,
      errors: [
        { line: 5, message: 'Action is invoked by Bedrock agent action group (permission)', severity: 'error' },
        { line: 6, message: 'Ivr is invoked by Amazon Connect contact flow (permission)', severity: 'error' },
        { line: 8, message: 'Rotate is invoked by Secrets Manager rotation schedule Rotation', severity: 'error' },
      ],
    },
    {
      name: 'CDK in Python: a CfnPermission for a Bedrock agent',
      file: 'stacks/agent_stack.py',
      code: `from aws_cdk import Stack, aws_lambda as _lambda


class AgentStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        fn = _lambda.Function(self, "Action", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        _lambda.CfnPermission(self, "Invoke", action="lambda:InvokeFunction", function_name=fn.function_name, principal="bedrock.amazonaws.com", source_arn=cfn_agent.attr_agent_arn)
        rotate = _lambda.Function(self, "Rotate", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        secret.add_rotation_schedule("Rotation", rotation_lambda=rotate)
`,
      errors: [
        { line: 8, message: 'Action is invoked by Bedrock agent action group (permission)', severity: 'error' },
        { line: 10, message: 'Rotate is invoked by Secrets Manager rotation schedule Rotation', severity: 'error' },
      ],
    },
    {
      name: 'CDK: a custom resource backed by the function itself, and a state machine granted to invoke it (its definition as JSON)',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CustomResource } from 'aws-cdk-lib';
const seed = new lambda.Function(this, 'Seed', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const validate = new lambda.Function(this, 'Validate', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
new CustomResource(this, 'SeedData', { serviceToken: seed.functionArn });
const definition = { StartAt: 'V', States: { V: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: validate.functionArn } } } };
const machine = new sfn.StateMachine(this, 'Refresh', { definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(definition)) });
validate.grantInvoke(machine);
`,
      errors: [
        { line: 6, message: 'Seed backs a CloudFormation custom resource SeedData', severity: 'error' },
        { line: 9, message: 'Validate is a task of Step Functions state machine Refresh', severity: 'warning' },
      ],
    },
    {
      name: 'a VPC Lattice target group of type LAMBDA invokes the function over HTTP',
      code: samFunction(
        '      Timeout: 3\n',
        '  Tg:\n    Type: AWS::VpcLattice::TargetGroup\n    Properties:\n      Type: LAMBDA\n      Targets:\n        - Id: !GetAtt Fn.Arn\n',
      ),
      errors: [{ line: 9, message: 'Fn is invoked over HTTP (VPC Lattice target group Tg)', severity: 'info' }],
    },
    {
      name: 'Terraform: a VPC Lattice target group attachment of a function',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "api" {\n  function_name = "api"\n}\nresource "aws_vpclattice_target_group_attachment" "a" {\n  target_group_identifier = aws_vpclattice_target_group.tg.id\n  target {\n    id = aws_lambda_function.api.arn\n  }\n}\n',
      errors: [{ line: 4, message: 'api is invoked over HTTP (VPC Lattice target group aws_vpclattice_target_group.tg.id)', severity: 'info' }],
    },
    {
      name: 'CDK in Python: a provider and a custom resource, user pool triggers, a rotation schedule, a state machine granted to invoke',
      file: 'stacks/app_stack.py',
      code: `from aws_cdk import Stack, CustomResource, custom_resources as cr, aws_lambda as _lambda, aws_cognito as cognito, aws_stepfunctions as sfn


class AppStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        seed = _lambda.Function(self, "Seed", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        direct = _lambda.Function(self, "Direct", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        signup = _lambda.Function(self, "Signup", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        task = _lambda.Function(self, "Task", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        plain = _lambda.Function(self, "Plain", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        provider = cr.Provider(self, "SeedProvider", on_event_handler=seed)
        CustomResource(self, "SeedData", service_token=provider.service_token)
        CustomResource(self, "DirectData", service_token=direct.function_arn)
        cognito.UserPool(self, "Pool", lambda_triggers=cognito.UserPoolTriggers(pre_sign_up=signup))
        machine = sfn.StateMachine(self, "Flow", definition_body=body)
        task.grant_invoke(machine)
        plain.grant_invoke(role)
`,
      errors: [
        { line: 12, message: 'Seed backs a CloudFormation custom resource provider SeedProvider', severity: 'error' },
        { line: 14, message: 'Direct backs a CloudFormation custom resource DirectData', severity: 'error' },
        { line: 15, message: 'Signup is a Cognito user pool trigger of Pool', severity: 'error' },
        { line: 17, message: 'Task is a task of Step Functions state machine Flow', severity: 'warning' },
      ],
    },
    {
      name: 'CDK: S3 notifications to a function (addEventNotification, a destination kept in a const), an Amazon Connect integration',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as connect from 'aws-cdk-lib/aws-connect';
const thumbs = new lambda.Function(this, 'Thumbs', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const audit = new lambda.Function(this, 'Audit', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const ivr = new lambda.Function(this, 'Ivr', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const uploads = new s3.Bucket(this, 'Uploads');
uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(thumbs), { suffix: '.jpg' });
const toAudit = new s3n.LambdaDestination(audit);
uploads.addObjectRemovedNotification(toAudit);
uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue));
new connect.CfnIntegrationAssociation(this, 'Flow', { instanceId: 'i', integrationType: 'LAMBDA_FUNCTION', integrationArn: ivr.functionArn });
`,
      errors: [
        { line: 9, message: 'Thumbs is triggered by S3 notifications (uploads)', severity: 'warning' },
        { line: 11, message: 'Audit is triggered by S3 notifications (uploads)', severity: 'warning' },
        {
          line: 13,
          message: 'Ivr is invoked by Amazon Connect integration Flow, and Amazon Connect contact flows call only Lambda functions',
          severity: 'error',
        },
      ],
    },
    {
      name: 'CDK in Python: an S3 notification whose destination is kept in a variable',
      file: 'stacks/rek_stack.py',
      code: `from aws_cdk import Stack, aws_lambda as _lambda, aws_s3 as s3, aws_s3_notifications as s3n


class RekStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        fn = _lambda.Function(self, "Rek", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        bucket = s3.Bucket(self, "Images")
        notification = s3n.LambdaDestination(fn)
        bucket.add_object_created_notification(notification, s3.NotificationKeyFilter(suffix=".jpg"))
`,
      errors: [{ line: 10, message: 'Rek is triggered by S3 notifications (bucket)', severity: 'warning' }],
    },
    {
      name: 'an Amazon Connect integration association in CloudFormation and Terraform',
      code: samFunction(
        '      Timeout: 3\n',
        '  Flow:\n    Type: AWS::Connect::IntegrationAssociation\n    Properties:\n      InstanceId: arn:aws:connect:us-east-1:1:instance/i\n      IntegrationType: LAMBDA_FUNCTION\n      IntegrationArn: !GetAtt Fn.Arn\n',
      ),
      errors: [{ line: 9, message: 'Fn is invoked by Amazon Connect integration Flow', severity: 'error' }],
    },
    {
      name: 'Terraform: an Amazon Connect Lambda function association',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "ivr" {\n  function_name = "ivr"\n}\nresource "aws_connect_lambda_function_association" "a" {\n  instance_id  = aws_connect_instance.c.id\n  function_arn = aws_lambda_function.ivr.arn\n}\n',
      errors: [{ line: 4, message: 'ivr is invoked by Amazon Connect integration a', severity: 'error' }],
    },
    {
      name: 'CDK: an AwsCustomResource that invokes the function during deployment (the SDK call kept in a const), in TypeScript and Python',
      file: 'lib/stack.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
const associate = new lambda.Function(this, 'Associate', { handler: 'i.h', runtime: lambda.Runtime.NODEJS_22_X, code });
const call = { service: 'Lambda', action: 'invoke', parameters: { FunctionName: associate.functionName }, physicalResourceId: cr.PhysicalResourceId.of('x') };
new cr.AwsCustomResource(this, 'InvokeAssociate', { onCreate: call, onUpdate: call, policy });
`,
      errors: [
        {
          line: 5,
          message: 'Associate backs a CloudFormation custom resource InvokeAssociate (an AwsCustomResource calling Lambda Invoke)',
          severity: 'error',
        },
      ],
    },
    {
      name: 'CDK in Python: an AwsCustomResource that invokes the function',
      file: 'stacks/targets_stack.py',
      code: `from aws_cdk import Stack, aws_lambda as _lambda, custom_resources as cr


class TargetsStack(Stack):
    def __init__(self, scope, construct_id):
        super().__init__(scope, construct_id)
        register = _lambda.Function(self, "Register", runtime=_lambda.Runtime.PYTHON_3_12, handler="index.handler", code=code)
        cr.AwsCustomResource(self, "RegisterTargets", on_create=cr.AwsSdkCall(service="Lambda", action="invoke", parameters={"FunctionName": register.function_name}))
`,
      errors: [
        { line: 8, message: 'Register backs a CloudFormation custom resource RegisterTargets (an AwsCustomResource calling Lambda Invoke)', severity: 'error' },
      ],
    },
  ],
});
