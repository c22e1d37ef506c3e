import { backgroundWork } from '../../../src/core/rules/handler/background-work';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(backgroundWork, {
  valid: [
    {
      name: 'a no-op catch on a promise the handler keeps for whoever awaits it (middy s3-object-response)',
      code: `export const before = async (request) => {\n  const fetched = request.event.url ? fetch(request.event.url) : undefined;\n  fetched?.catch(() => {});\n  request.context.fetched = fetched;\n};`,
    },
    // Timers that re-arm themselves (issue #16): chains that stop on a condition are not loops.
    {
      name: 'bounded retry that re-arms only while attempts remain',
      code: `function attempt(n) {\n  return send().catch(() => {\n    if (n > 0) setTimeout(() => attempt(n - 1), 1000);\n  });\n}`,
    },
    {
      name: 'poll until done (conditional re-arm)',
      code: `function waitFor(id, resolve) {\n  check(id).then((done) => (done ? resolve() : setTimeout(() => waitFor(id, resolve), 1000)));\n}`,
    },
    { name: 'reconnect on a close event', code: `function connect() {\n  const c = net.connect(port);\n  c.on('close', () => setTimeout(connect, 1000));\n}` },
    { name: 'setTimeout calling another function', code: `function start() {\n  setTimeout(flush, 1000);\n}\nfunction flush() { send(); }` },
    {
      name: 're-arming poller only in the main module',
      code: `function poll() {\n  work();\n  setTimeout(poll, 1000);\n}\nif (require.main === module) poll();`,
    },
    {
      name: 'interval cleared before the handler returns',
      code: `export const handler = async () => {\n  const t = setInterval(() => beat(), 1000);\n  try { await work(); } finally { clearInterval(t); }\n};`,
    },
    { name: 'setTimeout awaited as a sleep', code: `export const handler = async () => {\n  await new Promise((r) => setTimeout(r, 100));\n};` },
    { name: 'local-only guard', code: `if (require.main === module) {\n  setInterval(() => poll(), 5000);\n}` },
    { name: 'test file', file: 'test/poller.test.ts', code: `setInterval(() => {}, 10);\nexport const handler = async () => { fetch('https://x'); };` },
    { name: 'a method named setInterval on another object', code: `scheduler.setInterval(5);\nconfig.setInterval = 3;` },
    { name: 'local shadowing binding imported from elsewhere', code: `import { setInterval } from './fake-timers';\nsetInterval(() => {}, 1);` },
    { name: 'IS_OFFLINE guard (serverless-offline)', code: `if (process.env.IS_OFFLINE) {\n  setInterval(flush, 1000);\n}` },
    {
      name: 'clearInterval on a stored property handle',
      code: `class Poller {\n  start() { this.t = setInterval(() => {}, 10); }\n  stop() { clearInterval(this.t); }\n}\nconst p = new Poller();\nexport const handler = async () => { p.start(); await go(); p.stop(); };`,
    },
    {
      name: 'awaited fetch and returned promise',
      code: `export const handler = async (e) => {\n  await fetch(e.url);\n  return s3.send(new PutObjectCommand({}));\n};`,
    },
    {
      name: 'Promise.all that is awaited',
      code: `export const handler = async (e) => {\n  await Promise.all(e.Records.map((r) => sqs.send(new SendMessageCommand(r))));\n};`,
    },
    {
      name: 'promise kept in a variable and awaited later',
      code: `export const handler = async () => {\n  const pending = fetch('https://a');\n  const b = await other();\n  return { a: await pending, b };\n};`,
    },
    {
      name: 'callback-style handler (the runtime waits for the event loop)',
      code: `exports.handler = function (event, context, callback) {\n  fetch(event.url).then(() => callback(null, 'ok'));\n};`,
    },
    {
      name: 'setTimeout cleared in the same function',
      code: `export const handler = async () => {\n  const t = setTimeout(() => ctrl.abort(), 2000);\n  try { return await fetch(u, { signal: ctrl.signal }); } finally { clearTimeout(t); }\n};`,
    },
    {
      name: 'res.send in an Express route is not an SDK send',
      code: `app.post('/x', async (req, res) => {\n  res.send({ ok: true });\n  logger.info('done');\n});`,
    },
    {
      name: 'synchronous calls and non-promise chains',
      code: `export const handler = async (e) => {\n  console.log(e);\n  items.map((x) => x.id);\n  const client = axios.create({ baseURL: 'x' });\n  return client;\n};`,
    },
    {
      name: 'fire-and-forget inside a local-dev guard',
      code: `export const handler = async () => {\n  if (process.env.IS_OFFLINE) { fetch('http://localhost:9000/reset'); }\n  return 1;\n};`,
    },
  ],
  invalid: [
    {
      name: 'a catch on a promise nothing else keeps: the work is still left running',
      code: `export const handler = async (event) => {\n  const sent = fetch(event.url);\n  sent.catch(() => {});\n  return 1;\n};`,
      errors: [{ line: 3, column: 3, message: '`sent.catch` starts async work' }],
      output: `export const handler = async (event) => {\n  const sent = fetch(event.url);\n  await sent.catch(() => {});\n  return 1;\n};`,
    },
    {
      name: 'plain function that re-arms itself',
      code: `function poll() {\n  doWork();\n  setTimeout(poll, 5000);\n}\npoll();`,
      errors: [{ line: 3, column: 3, message: '`poll` re-arms itself with `setTimeout`' }],
    },
    {
      name: 'method re-arming through an arrow callback, kept on this',
      code: `class Watcher {\n  tick() {\n    this.refresh();\n    this.timer = setTimeout(() => this.tick(), 1000);\n  }\n}`,
      errors: [{ line: 4, column: 18, message: '`tick`' }],
    },
    {
      name: 'function expression in a variable, re-armed after the work settles',
      code: `const refresh = function () {\n  load().finally(() => setTimeout(refresh, 60000));\n};\nrefresh();`,
      errors: [{ line: 2, column: 24, message: '`refresh`' }],
    },
    {
      name: 're-armed while a run flag is set',
      code: `let running = true;\nfunction loop() {\n  step();\n  if (running) setTimeout(loop, 100);\n}`,
      errors: [{ line: 4, column: 16 }],
    },
    {
      name: 'bound method passed back to setTimeout',
      code: `class Beat {\n  beat() {\n    ping();\n    setTimeout(this.beat.bind(this), 30000);\n  }\n}`,
      errors: [{ line: 4, column: 5, message: '`beat`' }],
    },
    {
      name: 'module-scope interval',
      code: `setInterval(() => flushMetrics(), 10_000);\nexport const handler = async () => ({ ok: true });`,
      errors: [{ line: 1, column: 1, message: 'freezes the environment' }],
    },
    {
      name: 'interval in the handler never cleared',
      code: `export const handler = async () => {\n  setInterval(() => heartbeat(), 1000);\n  return { ok: true };\n};`,
      errors: [{ line: 2, column: 3 }],
    },
    { name: 'timers module import', code: `import { setInterval as every } from 'node:timers';\nevery(tick, 5);`, errors: [{ line: 2 }] },
    {
      name: 'cleared handle is a different timer',
      code: `const a = setInterval(x, 1);\nconst b = setInterval(y, 1);\nclearInterval(a);`,
      errors: [{ line: 2 }],
    },
    {
      name: 'fetch not awaited (fix adds await)',
      code: `export const handler = async (event) => {\n  fetch(process.env.AUDIT_URL, { method: 'POST', body: event.body });\n  return { statusCode: 202 };\n};`,
      errors: [{ line: 2, column: 3, message: '`fetch` starts async work' }],
      output: `export const handler = async (event) => {\n  await fetch(process.env.AUDIT_URL, { method: 'POST', body: event.body });\n  return { statusCode: 202 };\n};`,
    },
    {
      name: 'SDK v3 send not awaited',
      code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});\nexport async function handler(e) {\n  sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x' }));\n}`,
      errors: [{ line: 4, column: 3, message: 'sqs.send' }],
      output: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst sqs = new SQSClient({});\nexport async function handler(e) {\n  await sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: 'x' }));\n}`,
    },
    {
      name: 'then chain not returned',
      code: `export const handler = async () => {\n  audit.record().then(() => log('ok'));\n  return 1;\n};`,
      errors: [{ line: 2, column: 3 }],
      output: "export const handler = async () => {\n  await audit.record().then(() => log('ok'));\n  return 1;\n};",
    },
    {
      name: 'local async function called without await',
      code: `async function notify(id) { await fetch('https://h/' + id); }\nexport const handler = async (e) => {\n  notify(e.id);\n};`,
      errors: [{ line: 3, column: 3 }],
      output: `async function notify(id) { await fetch('https://h/' + id); }\nexport const handler = async (e) => {\n  await notify(e.id);\n};`,
    },
    {
      name: 'void is reported as info, fix swaps void for await',
      code: `export const handler = async () => {\n  void axios.post('https://hooks.example', {});\n};\nimport axios from 'axios';`,
      errors: [{ line: 2, column: 8, severity: 'info', message: 'deliberately' }],
      output: `export const handler = async () => {\n  await axios.post('https://hooks.example', {});\n};\nimport axios from 'axios';`,
    },
    {
      name: 'v2 .promise() not awaited',
      code: `exports.handler = async (e) => {\n  ses.sendEmail(params).promise();\n  return 'queued';\n};`,
      errors: [{ line: 2, column: 3 }],
      output: "exports.handler = async (e) => {\n  await ses.sendEmail(params).promise();\n  return 'queued';\n};",
    },
    {
      name: 'Promise.all not awaited',
      code: `export const handler = async (e) => {\n  Promise.all(e.Records.map(send));\n};`,
      errors: [{ line: 2 }],
      output: 'export const handler = async (e) => {\n  await Promise.all(e.Records.map(send));\n};',
    },
    {
      name: 'promise stored and never used',
      code: `export const handler = async () => {\n  const p = fetch('https://x');\n  return 1;\n};`,
      errors: [{ line: 2, column: 13, message: '`p`' }],
      output: `export const handler = async () => {\n  const p = await fetch('https://x');\n  return 1;\n};`,
    },
    {
      name: 'forEach with an async callback',
      code: `export const handler = async (e) => {\n  e.Records.forEach(async (r) => { await save(r); });\n};`,
      errors: [{ line: 2, column: 3, message: 'forEach' }],
    },
    {
      name: 'setImmediate and process.nextTick work after the response',
      code: `export const handler = async () => {\n  setImmediate(() => flush());\n  process.nextTick(cleanup);\n  return 'ok';\n};`,
      errors: [
        { line: 2, message: 'setImmediate' },
        { line: 3, message: 'process.nextTick' },
      ],
    },
    {
      name: 'setTimeout never cleared',
      code: `export const handler = async () => {\n  setTimeout(() => metrics.flush(), 5000);\n  return 'ok';\n};`,
      errors: [{ line: 2, column: 3, message: 'setTimeout' }],
    },
    {
      name: 'fs/promises write not awaited, with a catch',
      code: `import { writeFile } from 'node:fs/promises';\nexport const handler = async () => {\n  writeFile('/tmp/x', 'y').catch(() => {});\n};`,
      errors: [{ line: 3, column: 3 }],
      output: "import { writeFile } from 'node:fs/promises';\nexport const handler = async () => {\n  await writeFile('/tmp/x', 'y').catch(() => {});\n};",
    },
  ],
});
