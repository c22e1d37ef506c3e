// Runs the generated runners for real (our generated code running our own test handlers in a temp folder).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { NODE_RUNNER, NODE_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-node';
import { PYTHON_RUNNER, PYTHON_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-python';
import { RIE_RUNNER, RIE_RUNNER_FILE } from '../../../src/core/convert/to-kubernetes/runner-rie';
import { validateObject } from './k8sValidate';

const dir = tempDir('ls-runner-');
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, NODE_RUNNER_FILE), NODE_RUNNER);
writeFileSync(path.join(dir, PYTHON_RUNNER_FILE), PYTHON_RUNNER);
writeFileSync(
  path.join(dir, 'handlers.js'),
  `
exports.ok = async (event, context) => ({ got: event, remaining: context.getRemainingTimeInMillis(), id: context.awsRequestId, fn: context.functionName });
exports.fails = async () => { throw new Error('boom'); };
exports.callback = (event, context, cb) => setTimeout(() => cb(null, { n: event.n * 2 }), 10);
exports.slow = async (event, context) => { const first = context.getRemainingTimeInMillis(); await new Promise((r) => setTimeout(r, 300)); console.error('REMAINING ' + first + ' ' + context.getRemainingTimeInMillis()); await new Promise((r) => setTimeout(r, 60000)); };
exports.lingering = async () => { setInterval(() => {}, 1000); return 'done'; };
exports.scheduled = async (event) => event['detail-type'];
`,
);
writeFileSync(path.join(dir, 'esm.mjs'), `export const handler = async (e) => ({ esm: true, e });\n`);
writeFileSync(
  path.join(dir, 'app.py'),
  `import time\ndef ok(event, context):\n    return {"got": event, "remaining": context.get_remaining_time_in_millis()}\ndef fails(event, context):\n    raise ValueError("boom")\ndef slow(event, context):\n    time.sleep(30)\n`,
);

function run(cmd: string, file: string, env: Record<string, string>) {
  const r = spawnSync(cmd, [path.join(dir, file)], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const node = (env: Record<string, string>) => run(process.execPath, NODE_RUNNER_FILE, env);

describe('Node runner', () => {
  it('calls the handler with the event and a context, prints the result, exits 0', () => {
    const r = node({
      LAMBDASHIFT_HANDLER: 'handlers.ok',
      LAMBDASHIFT_EVENT: '{"a":1}',
      LAMBDASHIFT_TIMEOUT_SECONDS: '60',
      LAMBDASHIFT_FUNCTION_NAME: 'Report',
    });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.got, { a: 1 });
    assert.equal(out.fn, 'Report');
    assert.ok(out.remaining > 50_000 && out.remaining <= 60_000, String(out.remaining));
    assert.match(out.id, /^[0-9a-f-]{36}$/);
  });
  it('reads the event from a file', () => {
    writeFileSync(path.join(dir, 'event.json'), '{"from":"file"}');
    const r = node({ LAMBDASHIFT_HANDLER: 'handlers.ok', LAMBDASHIFT_EVENT_FILE: path.join(dir, 'event.json') });
    assert.deepEqual(JSON.parse(r.stdout).got, { from: 'file' });
  });
  it('exits 1 when the handler throws', () => {
    const r = node({ LAMBDASHIFT_HANDLER: 'handlers.fails' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /boom/);
  });
  it('supports callback handlers and ES modules', () => {
    assert.deepEqual(JSON.parse(node({ LAMBDASHIFT_HANDLER: 'handlers.callback', LAMBDASHIFT_EVENT: '{"n":21}' }).stdout), { n: 42 });
    assert.equal(JSON.parse(node({ LAMBDASHIFT_HANDLER: 'esm.handler' }).stdout).esm, true);
  });
  it('counts remaining time down to the deadline and exits 124 when it passes', () => {
    const r = node({ LAMBDASHIFT_HANDLER: 'handlers.slow', LAMBDASHIFT_TIMEOUT_SECONDS: '2' });
    assert.equal(r.code, 124, r.stderr);
    const [, first, later] = /REMAINING (\d+) (\d+)/.exec(r.stderr)!.map(Number);
    // Only what a clock cannot break: the budget starts at the timeout and only shrinks; the handler waits about
    // 300 ms between the two readings, and a busy machine only makes that wait longer.
    assert.ok(first <= 2000 && first > 0, String(first));
    assert.ok(later < first - 250, `${later} should be about 300 ms below ${first}`);
    assert.match(r.stderr, /Task timed out after 2 seconds/);
  });
  it('exits after the handler returns even with timers left running (like Lambda freezing)', () => {
    const r = node({ LAMBDASHIFT_HANDLER: 'handlers.lingering' });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), '"done"');
  });
  it('builds a Scheduled Event in schedule mode', () => {
    assert.equal(node({ LAMBDASHIFT_HANDLER: 'handlers.scheduled', LAMBDASHIFT_EVENT_SOURCE: 'schedule' }).stdout.trim(), '"Scheduled Event"');
  });
  it('exits 2 with a message when the handler cannot be found', () => {
    const r = node({ LAMBDASHIFT_HANDLER: 'missing.handler' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot find the handler module missing/);
    assert.equal(node({ LAMBDASHIFT_HANDLER: 'handlers.nope' }).code, 2);
  });
  it('builds Lambda-shaped SQS events and deletes only messages not in batchItemFailures', () => {
    const mod = createRequire(__filename)(path.join(dir, NODE_RUNNER_FILE));
    const msgs = [
      { MessageId: 'm1', ReceiptHandle: 'r1', Body: '{"x":1}', MessageAttributes: { k: { StringValue: 'v', DataType: 'String' } } },
      { MessageId: 'm2', ReceiptHandle: 'r2', Body: 'two' },
    ];
    const ev = mod.sqsEvent(msgs, 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', 'us-east-1');
    assert.equal(ev.Records[0].eventSourceARN, 'arn:aws:sqs:eu-west-1:123456789012:jobs');
    assert.equal(ev.Records[0].eventSource, 'aws:sqs');
    assert.equal(ev.Records[0].messageAttributes.k.stringValue, 'v');
    assert.deepEqual(
      mod.messagesToDelete(msgs, { batchItemFailures: [{ itemIdentifier: 'm2' }] }).map((m: { MessageId: string }) => m.MessageId),
      ['m1'],
    );
    assert.equal(mod.messagesToDelete(msgs, undefined).length, 2);
    const sns = mod.unwrapEnvelope('sns', { Body: JSON.stringify({ Type: 'Notification', TopicArn: 'arn:t', Message: 'hi' }) });
    assert.equal(sns.Records[0].Sns.Message, 'hi');
    assert.equal(sns.Records[0].EventSource, 'aws:sns');
  });
});

describe('Python runner', () => {
  const py = (env: Record<string, string>) => run('python3', PYTHON_RUNNER_FILE, env);
  it('runs the handler and prints the result', () => {
    const r = py({ LAMBDASHIFT_HANDLER: 'app.ok', LAMBDASHIFT_EVENT: '{"a":1}', LAMBDASHIFT_TIMEOUT_SECONDS: '30' });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.got, { a: 1 });
    assert.ok(out.remaining > 20_000 && out.remaining <= 30_000);
  });
  it('exits 1 on an exception, 124 on timeout, 2 on a missing module', () => {
    assert.equal(py({ LAMBDASHIFT_HANDLER: 'app.fails' }).code, 1);
    const t = py({ LAMBDASHIFT_HANDLER: 'app.slow', LAMBDASHIFT_TIMEOUT_SECONDS: '1' });
    assert.equal(t.code, 124);
    assert.match(t.stderr, /timed out/);
    assert.equal(py({ LAMBDASHIFT_HANDLER: 'nope.ok' }).code, 2);
  });
});

describe('schema validation helper', () => {
  it('rejects an invalid Job (so passing validations mean something)', () => {
    assert.throws(() =>
      validateObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { backoffLimit: 'two', template: { spec: { containers: [] } } } }),
    );
  });
});

describe('Runtime Interface Emulator wrapper (Java/.NET)', () => {
  // A stand-in for the base image's /lambda-entrypoint.sh: an emulator that answers the invocation endpoint.
  const fake = path.join(dir, 'fake-rie.cjs');
  writeFileSync(
    fake,
    `#!${process.execPath}
const http = require('node:http');
const handler = process.argv[2];
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url !== '/2015-03-31/functions/function/invocations') return res.writeHead(404).end();
    const out = handler === 'fails' ? { errorType: 'Boom', errorMessage: 'x' } : { handler, event: JSON.parse(body), timeout: process.env.AWS_LAMBDA_FUNCTION_TIMEOUT };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
  });
}).listen(Number(process.env.LAMBDASHIFT_RIE_PORT));
`,
  );
  chmodSync(fake, 0o755);
  writeFileSync(path.join(dir, RIE_RUNNER_FILE), RIE_RUNNER);
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  const rie = async (handler: string, extra: Record<string, string> = {}) =>
    run('sh', RIE_RUNNER_FILE, {
      LAMBDASHIFT_HANDLER: handler,
      LAMBDASHIFT_RIE_ENTRYPOINT: fake,
      LAMBDASHIFT_RIE_PORT: String(await freePort()),
      LAMBDASHIFT_TIMEOUT_SECONDS: '42',
      ...extra,
    });
  it('posts the event to the emulator, prints the result, exits 0; exits 1 on an errorType, 2 without a handler', async () => {
    const ok = await rie('com.example.Handler::handleRequest', { LAMBDASHIFT_EVENT: '{"a":1}' });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { handler: 'com.example.Handler::handleRequest', event: { a: 1 }, timeout: '42' });
    const sched = await rie('h', { LAMBDASHIFT_EVENT_SOURCE: 'schedule' });
    assert.equal(JSON.parse(sched.stdout).event['detail-type'], 'Scheduled Event');
    assert.equal((await rie('fails')).code, 1);
    assert.equal((await rie('')).code, 2);
  });
});
