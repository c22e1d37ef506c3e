import assert from 'node:assert/strict';
import { it } from 'node:test';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { longRunning } from '../../../src/core/rules/handler/long-running';
import { findingsOf, ruleTester } from '../../helpers/ruleTester';

const sleep = `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));\n`;

ruleTester(longRunning, {
  valid: [
    // Retry budgets and synchronous sleeps (issue #16).
    {
      name: 'short retry budgets',
      code: `const async = require('async');\nconst retry = require('async-retry');\nexports.handler = async () => {\n  async.retry({ times: 3, interval: 200 }, call, done);\n  await retry(() => call(), { retries: 3, minTimeout: 100 });\n};`,
    },
    { name: 'retry with the default count (not judged)', code: `import pRetry from 'p-retry';\nexport const handler = async () => pRetry(run);` },
    {
      name: 'a busy-wait used once for a short pause',
      code: `function sleepSync(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}\nexport const handler = async () => {\n  sleepSync(200);\n};`,
    },
    {
      name: 'a function with a clock loop that does work is not a sleep',
      code: `function drain(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) { if (!step()) break; }\n}\nexport const handler = async () => {\n  for (let i = 0; i < 100; i++) drain(60000);\n};`,
    },
    {
      name: 'remaining-time-aware loop',
      code: `export const handler = async (_e, context) => {\n  while (context.getRemainingTimeInMillis() > 10_000) {\n    if ((await purge()) === 0) break;\n  }\n};`,
    },
    {
      name: 'pagination loop with a break and no sleep',
      code: `export const handler = async () => {\n  let token;\n  while (true) {\n    const page = await list(token);\n    token = page.next;\n    if (!token) break;\n  }\n};`,
    },
    {
      name: 'bounded for loop without sleeps',
      code: `export const handler = async (e) => {\n  for (let i = 0; i < e.Records.length; i++) await handle(e.Records[i]);\n};`,
    },
    { name: 'short sleep (under a second)', code: sleep + `export const handler = async () => {\n  await sleep(250);\n};` },
    {
      name: 'remaining time checked inside the polling loop body',
      code:
        sleep +
        `export const handler = async (e, ctx) => {\n  for (;;) {\n    if (ctx.getRemainingTimeInMillis() < 5000) return { retry: true };\n    await sleep(2000);\n  }\n};`,
    },
    { name: 'rxjs subscribe is not a Redis consumer', code: `import { interval } from 'rxjs';\ninterval(1000).subscribe(console.log);` },
    { name: 'consume on an unrelated object (no amqplib)', code: `export const handler = async (e) => tokens.consume(e.n);` },
    {
      name: 'local-dev worker loop',
      code: sleep + `if (require.main === module) {\n  (async () => { while (true) { await tick(); await sleep(1000); } })();\n}`,
    },
    { name: 'test file', file: 'test/poll.test.ts', code: `while (true) { step(); }` },
    {
      name: 'retry loop with an attempt limit and backoff',
      code:
        sleep +
        `export async function send(req) {\n  let attempt = 0;\n  while (true) {\n    try { return await post(req); } catch (e) {\n      if (++attempt >= maxAttempts) throw e;\n      await sleep(2 ** attempt * 100);\n    }\n  }\n}`,
    },
    { name: 'infinite generator', code: `function* ids() {\n  let i = 0;\n  while (true) yield i++;\n}` },
    {
      name: 'retry loop with a small literal bound (raw finding below any timeout is still filtered by the join)',
      code: `export const handler = async () => {\n  for (let i = 0; i < 3; i++) { if (await tryOnce()) break; }\n};`,
    },
  ],
  invalid: [
    {
      name: 'async.retry with a large times × interval budget',
      code: `const async = require('async');\nexports.handler = (event, context, cb) => {\n  async.retry({ times: 30, interval: 60000 }, fetchReport, cb);\n};`,
      errors: [{ line: 3, column: 3, message: '`async.retry(...)` may keep retrying for 29 min (29 retries, waiting up to 60 s between them)' }],
    },
    {
      name: 'async-retry with many exponential retries',
      code: `import retry from 'async-retry';\nexport const handler = async () => retry(() => call(), { retries: 12 });`,
      errors: [{ line: 2, column: 36, message: '12 retries' }],
    },
    {
      name: 'p-retry capped by maxTimeout',
      code: `import pRetry from 'p-retry';\nexport const handler = async () => pRetry(run, { retries: 5, minTimeout: 1000, maxTimeout: 60000, factor: 3 });`,
      errors: [{ line: 2, message: 'for 100 s' }],
    },
    {
      name: 'counted loop around a busy-wait sleep',
      code: `function sleepSync(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}\nexport const handler = async () => {\n  for (let i = 0; i < 120; i++) {\n    if (await ready()) break;\n    sleepSync(10000);\n  }\n};`,
      errors: [{ line: 6, column: 3, message: '120 rounds of 10 s' }],
    },
    {
      name: 'counted loop around Atomics.wait',
      code: `export const handler = async () => {\n  for (let i = 0; i < 60; i++) {\n    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);\n  }\n};`,
      errors: [{ line: 2, message: '60 rounds of 30 s' }],
    },
    {
      name: 'a shelled-out sleep',
      code: `const { execSync } = require('child_process');\nexports.handler = async () => {\n  execSync('sleep 1200');\n};`,
      errors: [{ line: 3, column: 3, message: 'This sleeps for 20 min' }],
    },
    {
      name: 'export-poller: 20-minute time bound',
      code:
        sleep +
        `export const handler = async () => {\n  const started = Date.now();\n  while (Date.now() - started < 20 * 60 * 1000) {\n    if ((await status()).done) break;\n    await sleep(30_000);\n  }\n};`,
      errors: [{ line: 4, column: 3, message: 'up to 20 min' }],
    },
    {
      name: 'while (true) without an exit',
      code: `export const handler = async () => {\n  while (true) {\n    await processNext();\n  }\n};`,
      errors: [{ line: 2, column: 3, message: 'never ends' }],
    },
    {
      name: 'for (;;) polling with a sleep and an exit',
      code:
        sleep + `export const handler = async () => {\n  for (;;) {\n    const r = await check();\n    if (r.done) return r;\n    await sleep(5000);\n  }\n};`,
      errors: [{ line: 3, column: 3, message: 'polls' }],
    },
    {
      name: 'deadline constant',
      code: `import { setTimeout as wait } from 'node:timers/promises';\nexport const handler = async () => {\n  const deadline = Date.now() + 30 * 60_000;\n  while (Date.now() < deadline) { await wait(10_000); }\n};`,
      errors: [{ line: 4, column: 3, message: '30 min' }],
    },
    {
      name: 'counted polling: 100 rounds of 30 s',
      code: sleep + `export const handler = async () => {\n  for (let i = 0; i < 100; i++) {\n    if (await ready()) break;\n    await sleep(30_000);\n  }\n};`,
      errors: [{ line: 3, column: 3, message: '50 min' }],
    },
    {
      name: 'polling with an unknown condition is info',
      code: sleep + `export const handler = async () => {\n  let done = false;\n  while (!done) { done = await check(); await sleep(2000); }\n};`,
      errors: [{ line: 4, column: 3, severity: 'info' }],
    },
    {
      name: 'single long sleep',
      code: `export const handler = async () => {\n  await new Promise((r) => setTimeout(r, 16 * 60 * 1000));\n};`,
      errors: [{ line: 2, column: 3, message: '16 min' }],
    },
    {
      name: 'kafkajs consumer.run',
      code: `import { Kafka } from 'kafkajs';\nconst consumer = new Kafka({ brokers }).consumer({ groupId: 'g' });\nawait consumer.run({ eachMessage: async ({ message }) => handle(message) });`,
      errors: [{ line: 3, column: 7, message: 'kafkajs' }],
    },
    {
      name: 'amqplib consume',
      code: `const amqp = require('amqplib');\nasync function main() { const ch = await (await amqp.connect(url)).createChannel();\n  ch.consume('orders', onMessage);\n}`,
      errors: [{ line: 3, column: 3, message: 'AMQP' }],
    },
    {
      name: 'bullmq Worker',
      code: `import { Worker } from 'bullmq';\nnew Worker('emails', async (job) => send(job.data), { connection });`,
      errors: [{ line: 2, column: 1, message: 'BullMQ' }],
    },
    {
      name: 'sqs-consumer',
      code: `import { Consumer } from 'sqs-consumer';\nConsumer.create({ queueUrl, handleMessage }).start();`,
      errors: [{ line: 2, column: 1, message: 'sqs-consumer' }],
    },
    {
      name: 'Redis blpop loop and subscribe',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\nredis.subscribe('events');\nasync function work() {\n  while (true) {\n    const item = await redis.blpop('jobs', 0);\n    if (!item) break;\n  }\n}`,
      errors: [
        { line: 3, column: 1, message: 'subscribe' },
        { line: 5, column: 3, message: 'polls' },
      ],
    },
  ],
});

it('keeps a duration finding only when it exceeds the unit timeout (join)', () => {
  const code = sleep + `export const handler = async () => {\n  for (let i = 0; i < 10; i++) { await sleep(2000); }\n};`;
  const raw = findingsOf(longRunning, code, 'src/h.ts');
  assert.equal(raw[0].minDurationSeconds, 20);
  assert.equal(raw[0].mentions, 'timeout');
  const template = (timeout: number) =>
    `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Poller:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: h.handler\n      Timeout: ${timeout}\n`;
  const run = (t: number) =>
    analyzeWorkspace([
      { file: 'template.yaml', text: template(t) },
      { file: 'src/h.ts', text: code },
    ]).findings.filter((f) => f.ruleId === longRunning.meta.id);
  assert.equal(run(60).length, 0);
  const short = run(10);
  assert.equal(short.length, 1);
  assert.match(short[0].message, /Poller is configured with a 10 s timeout/);
});
