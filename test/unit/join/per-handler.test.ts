// Two functions whose handlers are two exports of one file (serverless.yml `index.producer` and `index.consumer`):
// what one handler reads of its event or context counts for its own function, not for the other. Found on
// serverless/examples (aws-node-sqs-worker), where the producer's Kubernetes verdict was decided by the consumer's
// SQS records.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { ensureParser } from '../../../src/core/parsers/load';
import { documentFindings } from '../../../src/core/workspace';

const SERVERLESS = `service: jobs
provider:
  name: aws
  runtime: nodejs22.x
functions:
  producer:
    handler: index.producer
    events:
      - httpApi:
          method: post
          path: /produce
  consumer:
    handler: index.consumer
    events:
      - sqs:
          arn: arn:aws:sqs:us-east-1:123456789012:jobs
`;

const INDEX = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});

const producer = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }));
  return { statusCode: 202 };
};

const consumer = async (event, context) => {
  for (const record of event.Records) console.log(record.body, context.awsRequestId);
};

// A helper both handlers could call: what it does counts for both.
function audit(id) {
  return require('fs').writeFileSync('./audit.log', id);
}

module.exports = { producer, consumer, audit };
`;

const FILES = [
  { file: 'serverless.yml', text: SERVERLESS },
  { file: 'index.js', text: INDEX },
];

describe('findings inside one handler of a shared file', () => {
  it('count for that handler’s function only; code outside every handler counts for both', () => {
    const r = analyzeWorkspace(FILES);
    const owners = (ruleId: string) =>
      r.findings
        .filter((f) => f.ruleId === ruleId && f.file === 'index.js')
        .map((f) => (f.unitIds ?? []).map((id) => id.split('#').pop()).sort())
        .flat();
    assert.deepEqual(owners('handler/event-source'), ['consumer']);
    assert.deepEqual(owners('handler/runtime-coupling'), ['consumer']);
    assert.deepEqual(owners('handler/local-disk-write').sort(), ['consumer', 'producer']);
    const verdict = (name: string) => r.units.find((u) => u.name === name)!.readiness.toKubernetes;
    // The producer reads no Lambda shape itself: its HTTP trigger alone is an info.
    assert.equal(verdict('producer'), 'ready', JSON.stringify(r.units.find((u) => u.name === 'producer')));
    assert.equal(verdict('consumer'), 'changes');
  });

  it('the editor attributes an open document the same way, from the join it kept', () => {
    const r = analyzeWorkspace(FILES);
    const join = r.fileJoins?.['index.js'];
    assert.ok(join, 'the join of index.js');
    assert.deepEqual(join.owners.map((o) => [o.name, o.handlerExport]).sort(), [
      ['consumer', 'consumer'],
      ['producer', 'producer'],
    ]);
    const open = documentFindings(analyzeFile(INDEX, 'index.js'), join, 'auto');
    const shape = open.find((f) => f.ruleId === 'handler/event-source');
    assert.deepEqual(
      (shape?.unitIds ?? []).map((id) => id.split('#').pop()),
      ['consumer'],
    );
  });
});

describe('the same for Python handlers', () => {
  before(() => ensureParser('python'));
  it('a consumer’s Records count for its own function only', () => {
    const r = analyzeWorkspace([
      { file: 'serverless.yml', text: SERVERLESS.replace('nodejs22.x', 'python3.13').replace(/index\./g, 'handler.') },
      {
        file: 'handler.py',
        text: 'def producer(event, context):\n    return {"statusCode": 202, "body": event["body"], "id": context.aws_request_id}\n\n\ndef consumer(event, context):\n    for record in event["Records"]:\n        print(record["body"], context.aws_request_id)\n',
      },
    ]);
    const shape = r.findings.filter((f) => f.ruleId === 'python/event-source');
    assert.deepEqual(
      shape.map((f) => (f.unitIds ?? []).map((id) => id.split('#').pop())),
      [['consumer']],
    );
    // The context read in each handler: one finding each, for its own function.
    const context = r.findings.filter((f) => f.ruleId === 'python/runtime-coupling');
    assert.deepEqual(
      context.map((f) => [f.line, (f.unitIds ?? []).map((id) => id.split('#').pop())]),
      [
        [2, ['producer']],
        [7, ['consumer']],
      ],
    );
    assert.equal(r.units.find((u) => u.name === 'producer')!.readiness.toKubernetes, 'ready');
  });

  it('a function whose handler names an export the file lacks keeps every finding of the file (it cannot be told apart)', () => {
    const r = analyzeWorkspace([
      { file: 'serverless.yml', text: 'service: s\nprovider:\n  name: aws\n  runtime: python3.13\nfunctions:\n  notify:\n    handler: app.handler\n' },
      { file: 'app.py', text: 'def lambda_handler(event, context):\n    return event["Records"][0]["Sns"]["Message"]\n' },
    ]);
    assert.equal(r.units[0].readiness.toKubernetes, 'changes');
  });
});
