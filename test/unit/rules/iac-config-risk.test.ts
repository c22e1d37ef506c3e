import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { configRisk } from '../../../src/core/rules/iac/config-risk';
import { samFunction } from '../../helpers/iacSnippets';
import { ruleTester } from '../../helpers/ruleTester';

const sqs = (timeout: number, visibility?: number) =>
  samFunction(
    `      Timeout: ${timeout}\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n`,
    `  Jobs:\n    Type: AWS::SQS::Queue\n${visibility === undefined ? '' : `    Properties:\n      VisibilityTimeout: ${visibility}\n`}`,
  );
const api = (type: string, timeout: number) =>
  samFunction(
    `      Timeout: ${timeout}\n      Events:\n        A:\n          Type: ${type}\n          Properties:\n            Path: /x\n            Method: get\n`,
  );

ruleTester(configRisk, {
  valid: [
    { name: 'visibility exactly 6×', code: sqs(30, 180) },
    { name: 'visibility well above', code: sqs(60, 900) },
    { name: 'default visibility 30 s with a 5 s timeout', code: sqs(5) },
    {
      name: 'queue from another stack (unknown visibility)',
      code: samFunction(
        '      Timeout: 900\n      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:1:q\n',
      ),
    },
    { name: 'REST API at 29 s', code: api('Api', 29) },
    { name: 'HTTP API at 30 s (its limit is 30)', code: api('HttpApi', 30) },
    {
      name: 'schedule with a long timeout',
      code: samFunction('      Timeout: 600\n      Events:\n        S:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 hour)\n'),
    },
    { name: 'reserved concurrency 5', code: samFunction('      ReservedConcurrentExecutions: 5\n') },
  ],
  invalid: [
    { name: 'visibility under 6×', code: sqs(900, 900), errors: [{ line: 10, column: 9, message: 'at least 5400 s' }] },
    { name: 'default visibility 30 s with a 20 s timeout', code: sqs(20), errors: [{ line: 10, message: '30 s visibility timeout' }] },
    {
      name: 'no Timeout: default 3 s against a 10 s visibility',
      code: samFunction(
        '      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: !Ref Jobs\n',
        '  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 10\n',
      ),
      errors: [{ line: 9, message: '3 s timeout' }],
    },
    { name: 'REST API at 60 s', code: api('Api', 60), errors: [{ line: 8, column: 16, message: 'after 29 s' }] },
    { name: 'HTTP API at 31 s', code: api('HttpApi', 31), errors: [{ line: 8, message: 'after 30 s' }] },
    { name: 'reserved concurrency 0', code: samFunction('      ReservedConcurrentExecutions: 0\n'), errors: [{ line: 8, message: 'reserved concurrency 0' }] },
    {
      name: 'serverless http with timeout from provider',
      file: 'serverless.yml',
      code: 'service: s\nprovider:\n  name: aws\n  timeout: 120\nfunctions:\n  api:\n    handler: h.handler\n    events:\n      - http: GET /x\n',
      errors: [{ line: 4, message: 'api is behind API Gateway with a 120 s timeout' }],
    },
    {
      name: 'Terraform event source mapping on a short-visibility queue',
      file: 'main.tf',
      code: 'resource "aws_sqs_queue" "q" {\n  visibility_timeout_seconds = 60\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  timeout       = 300\n}\nresource "aws_lambda_event_source_mapping" "m" {\n  event_source_arn = aws_sqs_queue.q.arn\n  function_name    = aws_lambda_function.f.arn\n}\n',
      errors: [{ line: 8, message: 'Queue aws_sqs_queue.q has a 60 s' }],
    },
  ],
});

describe('iac/config-risk directions', () => {
  const files = [{ file: 'template.yaml', text: api('HttpApi', 60) }];

  it('the API Gateway limit weighs on Lambda only: the function reads ready for Kubernetes', () => {
    const r = analyzeWorkspace(files);
    const f = r.findings.find((x) => x.ruleId === 'iac/config-risk');
    assert.ok(f, 'the API Gateway finding');
    assert.equal(f.direction, 'to-lambda');
    const u = r.units.find((x) => x.kind === 'lambda-function')!;
    assert.equal(u.readiness.toKubernetes, 'ready', JSON.stringify(u.readiness));
    assert.notEqual(u.readiness.toLambda, 'ready', JSON.stringify(u.readiness));
  });

  it('the SQS visibility timeout weighs on both: the consumer needs the same headroom on Kubernetes', () => {
    const r = analyzeWorkspace([{ file: 'template.yaml', text: sqs(30, 60) }]);
    const f = r.findings.find((x) => x.ruleId === 'iac/config-risk');
    assert.equal(f?.direction, 'both');
    assert.notEqual(r.units.find((x) => x.kind === 'lambda-function')!.readiness.toKubernetes, 'ready');
  });
});
