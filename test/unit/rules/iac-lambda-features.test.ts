import { lambdaFeatures } from '../../../src/core/rules/iac/lambda-features';
import { container, deployment, samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const SECRETS_EXT = 'arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12';
const POWERTOOLS = 'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64:7';

// Valid cases are the near-misses that must stay silent; invalid cases give line, column and message.
ruleTester(lambdaFeatures, {
  defaultFile: 'template.yaml',
  valid: [
    { name: 'a plain function', code: samFunction('      Runtime: python3.13\n') },
    { name: 'an empty layer list', code: samFunction('      Layers: []\n') },
    {
      name: 'a workload with a volume under /opt is not a Lambda layer',
      file: 'k8s/app.yaml',
      code: deployment(container('app', '          volumeMounts:\n            - { name: tools, mountPath: /opt/tools }\n')),
    },
    {
      name: 'the Lambda Web Adapter layer: the app behind it runs in a pod as it is',
      code: samFunction('      Layers:\n        - !Sub arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:25\n'),
    },
    { name: 'the word "Durable" in a description is not a durable config', code: samFunction('      Description: Durable writes to DynamoDB\n') },
    {
      name: 'a failure destination alone is a dead-letter target (a redrive policy or an alert replaces it; convert notes it)',
      code: samFunction(
        '      Runtime: python3.13\n      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n            Type: SQS\n            Destination: !GetAtt Dlq.Arn\n',
      ),
    },
    {
      name: 'a dead-letter queue',
      code: samFunction('      Runtime: python3.13\n      DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt Dlq.Arn\n'),
    },
    {
      name: 'retries and event age without destinations',
      code: samFunction('      Runtime: python3.13\n      EventInvokeConfig:\n        MaximumRetryAttempts: 0\n        MaximumEventAgeInSeconds: 60\n'),
    },
    {
      name: 'a function URL is not a Lambda-only feature here (event-source judges it)',
      code: samFunction('      FunctionUrlConfig:\n        AuthType: AWS_IAM\n'),
    },
  ],
  invalid: [
    {
      name: 'layers set once in Globals: one finding at that line naming every function; a plain CloudFormation function (no Globals) apart',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Layers:
      - ${SECRETS_EXT}
      - ${POWERTOOLS}
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.h
      Runtime: python3.13
  B:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.h
      Runtime: python3.13
  C:
    Type: AWS::Lambda::Function
    Properties:
      Handler: c.h
      Runtime: python3.13
      Layers:
        - ${POWERTOOLS}
`,
      errors: [
        { line: 5, message: '2 functions set here (A and B) run the AWS-Parameters-and-Secrets-Lambda-Extension extension from a layer', severity: 'warning' },
        { line: 5, message: '2 functions set here (A and B) load code from layer AWSLambdaPowertoolsPythonV3-python313-x86_64 under /opt', severity: 'info' },
        { line: 24, message: 'Function C loads code from layer AWSLambdaPowertoolsPythonV3', severity: 'info' },
      ],
    },
    {
      name: 'an OnSuccess destination: Lambda sends the invocation record, a pod does not (the failure one named beside it)',
      code: samFunction(
        '      Runtime: python3.13\n      EventInvokeConfig:\n        DestinationConfig:\n          OnSuccess:\n            Type: Lambda\n            Destination: !GetAtt Next.Arn\n          OnFailure:\n            Type: SQS\n            Destination: !GetAtt Dlq.Arn\n',
      ),
      errors: [
        {
          line: 4,
          message:
            'Function Fn sends the record of each successful asynchronous invocation (its request and response) to Next.Arn, an OnSuccess destination (and of each failed one to Dlq.Arn): Lambda does that after the handler returns',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an OnSuccess destination set by its own AWS::Lambda::EventInvokeConfig',
      code: samFunction(
        '      Runtime: python3.13\n',
        '  FnInvokeConfig:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref Fn\n      Qualifier: $LATEST\n      DestinationConfig:\n        OnSuccess:\n          Destination: arn:aws:sns:eu-west-1:123456789012:done\n',
      ),
      errors: [{ line: 4, message: 'to arn:aws:sns:eu-west-1:123456789012:done, an OnSuccess destination: Lambda does that', severity: 'warning' }],
    },
    {
      name: 'a durable function: its SDK needs the durable execution service (blocked)',
      code: samFunction('      Runtime: python3.13\n      DurableConfig:\n        ExecutionTimeout: 3600\n        RetentionPeriodInDays: 7\n'),
      errors: [{ line: 10, column: 9, message: 'Function Fn is a durable function', severity: 'error' }],
    },
    {
      name: 'an extension layer: a process the code talks to',
      code: samFunction(`      Layers:\n        - ${SECRETS_EXT}\n`),
      errors: [{ line: 9, message: 'runs the AWS-Parameters-and-Secrets-Lambda-Extension extension', severity: 'warning' }],
    },
    {
      name: 'library layers: one finding listing them, info (packaging only)',
      code: samFunction(`      Layers:\n        - ${POWERTOOLS}\n        - !Ref SharedLibs\n`),
      errors: [{ line: 9, message: 'loads code of 2 layers from AWSLambdaPowertoolsPythonV3-python313-x86_64, ', severity: 'info' }],
    },
    {
      name: 'an extension and a library layer: one finding each',
      code: samFunction(`      Layers:\n        - ${POWERTOOLS}\n        - arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Extension:65\n`),
      errors: [
        { line: 9, message: 'the Datadog-Extension extension', severity: 'warning' },
        { line: 9, message: 'loads code from layer AWSLambdaPowertoolsPythonV3', severity: 'info' },
      ],
    },
    {
      name: 'serverless.yml layers',
      file: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  api:\n    handler: h.main\n    layers:\n      - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:3\n',
      errors: [{ line: 6, message: 'Function api loads code from layer shared-utils', severity: 'info' }],
    },
    {
      name: 'Terraform layers and durable_config',
      file: 'main.tf',
      code: 'resource "aws_lambda_function" "wf" {\n  function_name = "wf"\n  runtime       = "nodejs22.x"\n  handler       = "index.handler"\n  layers        = ["arn:aws:lambda:us-east-1:123456789012:layer:otel:1"]\n  durable_config {\n    execution_timeout = 3600\n  }\n}\n',
      errors: [
        { line: 1, message: 'Function wf is a durable function', severity: 'error' },
        { line: 1, message: 'loads code from layer otel', severity: 'info' },
      ],
    },
    {
      name: 'an extension named by its layer name only (telemetry to S3)',
      code: samFunction('      Layers:\n        - !Ref TelemetryS3ExtensionsLayer\n'),
      errors: [{ line: 9, message: 'runs the TelemetryS3ExtensionsLayer extension', severity: 'warning' }],
    },
  ],
});
