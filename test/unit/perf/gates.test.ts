// The structural gates (src/core/js/gates.ts) decide from TypeScript's tree that a rule cannot report, and then the
// file is not converted to ESTree. A gate that says no where its rule reports loses a finding: each positive case
// below is a construct at the edge of what a gate reads (a computed method name, a parenthesised or optional receiver,
// an aliased promise module, …) and must report, the same with and without the pre-filter (findingsOf compares the two).
// The negative cases are what most files look like; there the gates must say no, or they gate nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatedRules, sourceFacts } from '../../../src/core/js/gates';
import { jsSourceFile } from '../../../src/core/js/lite';
import { jsRules } from '../../../src/core/rules';
import { findingsOf } from '../../helpers/ruleTester';

const rule = (id: string) => jsRules.find((r) => r.meta.id === id)!;

const POSITIVE: { rule: string; code: string; file?: string }[] = [
  // background-work: promise-returning calls an async function does not wait for.
  {
    rule: 'handler/background-work',
    code: 'class H {\n  async handle(e) {\n    fetch(e.url);\n    return 1;\n  }\n}\nexports.handler = (e) => new H().handle(e);',
  },
  { rule: 'handler/background-work', code: "import ax from 'axios';\nexport const handler = async (e) => {\n  (ax).post('/x', e);\n  return 1;\n};" },
  {
    rule: 'handler/background-work',
    code: "const { promises: fsp } = require('node:fs');\nexports.handler = async () => {\n  void fsp.writeFile('/tmp/a', 'x');\n};",
  },
  { rule: 'handler/background-work', code: "exports.handler = async (e) => {\n  require('got').post(e.url);\n  return 1;\n};" },
  // A parenthesised module name: ESTree drops the parentheses, so the rule resolves the binding.
  { rule: 'handler/background-work', code: "const ax = require(('axios'));\nexports.handler = async (e) => {\n  ax.post('/x', e);\n  return 1;\n};" },
  { rule: 'handler/background-work', code: "exports.handler = async (e) => {\n  Promise[('all')]([e.a, e.b]);\n  return 1;\n};" },
  { rule: 'handler/background-work', code: 'const audit = async (e) => e;\nexports.handler = async (e) => {\n  const p = audit(e);\n  return 1;\n};' },
  { rule: 'handler/background-work', code: 'exports.handler = async (e) => {\n  e.items.forEach(async (i) => {\n    await i.save();\n  });\n};' },
  {
    rule: 'handler/background-work',
    code: "import * as m from 'undici';\nexport async function handler(e: any) {\n  (m.request(e.url) as Promise<unknown>);\n  return 1;\n}",
  },
  { rule: 'handler/background-work', code: 'exports.handler = async (e) => {\n  e.client.send(new PutCommand(e))!;\n  return 1;\n};' },
  // cold-start-import: an await at module load, also in a computed class member name.
  {
    rule: 'handler/cold-start-import',
    code: "class A {\n  [await fetch('https://x').then((r) => r.text())]() {}\n}\nexport const handler = async () => new A();",
    file: 'src/handler.mjs',
  },
  { rule: 'handler/cold-start-import', code: "const cfg = await fetch('https://cfg');\nexport const handler = async () => cfg;", file: 'src/handler.mjs' },
  { rule: 'handler/cold-start-import', code: "import AWS from 'aws-sdk';\nexport const handler = async () => new AWS.S3().listBuckets().promise();" },
  // in-memory-state: a module-scope value a function writes, through wrappers and optional chains.
  {
    rule: 'handler/in-memory-state',
    code: 'const seen = new Set();\nexports.handler = async (e) => {\n  if (seen.has(e.id)) return;\n  (seen)?.add(e.id);\n};',
  },
  { rule: 'handler/in-memory-state', code: 'export let count = 0;\nexport const handler = async () => {\n  count += 1;\n  return count;\n};' },
  {
    rule: 'handler/in-memory-state',
    code: 'const orders = {};\nclass Repo {\n  save(o) {\n    orders[o.id] = o;\n  }\n  get(id) {\n    return orders[id];\n  }\n}\nexports.handler = async (e) => new Repo().save(e);',
  },
  {
    rule: 'handler/in-memory-state',
    code: "const session = require('express-session');\nconst app = require('express')();\napp.use(session({ secret: 'k' }));\nmodule.exports = app;",
  },
  // runtime-coupling: a callback handler, and a context member read by name.
  { rule: 'handler/runtime-coupling', code: 'exports.handler = function (event, context, cb) {\n  cb(null, { ok: true });\n};' },
  // The callback called through a default value, a type annotation and a method.
  { rule: 'handler/runtime-coupling', code: 'export const handler = (event: unknown, context: unknown, done: Function = () => {}) => done(null, 1);' },
  { rule: 'handler/runtime-coupling', code: 'module.exports.handler = function (e, ctx, reply) {\n  (reply)(null, e);\n};' },
  // long-running: a loop with no condition, a literal one, one on the clock, and a busy-wait function that sleeps.
  { rule: 'handler/long-running', code: 'exports.handler = async () => {\n  for (let i = 0; ; i++) {\n    process(i);\n  }\n};' },
  { rule: 'handler/long-running', code: 'exports.handler = async (e) => {\n  do {\n    e.n++;\n  } while ((1 as any));\n};', file: 'src/h.ts' },
  {
    rule: 'handler/long-running',
    code: 'exports.handler = async (e) => {\n  const start = Date.now();\n  while (performance.now() - start < 20 * 60 * 1000) e.step();\n};',
  },
  {
    rule: 'handler/long-running',
    code: 'function hold(ms) {\n  const end = Date.now() + ms;\n  while (Date.now() < end) {}\n}\nexports.handler = async (e) => {\n  for (let i = 0; i < 100; i++) {\n    e.poll();\n    hold(30000);\n  }\n};',
  },
  { rule: 'handler/runtime-coupling', code: 'exports.handler = async (event, { getRemainingTimeInMillis }) => getRemainingTimeInMillis();' },
  // event-source: shapes by destructuring, bracket names, types.
  { rule: 'handler/event-source', code: 'exports.handler = async ({ Records }) => Records.map((r) => r.body);' },
  { rule: 'handler/event-source', code: "exports.handler = async (event) => event['detail-type'];" },
  { rule: 'handler/event-source', code: "import type { SQSEvent } from 'aws-lambda';\nexport const handler = async (event: SQSEvent) => event;" },
];

const NEGATIVE = `'use strict';
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { writeFile } = require('node:fs/promises');
const client = new DynamoDBClient({});
const cache = new Map();
const scratch = () => writeFile('/tmp/scratch.json', '{}');

async function formatOrder(input, opts = {}) {
  const items = Array.isArray(input.items) ? input.items : [];
  logger.debug('formatOrder failed once', items.length);
  items.forEach((it, idx) => cache.get(it.id ?? idx));
  await retry(() => client.send(new GetOrderCommand({ id: input.id })), { attempts: 4 });
  for (const item of items) item.total = (item.price ?? 0) * 2;
  for (let i = 0; i < items.length; i++) items[i].rank = i;
  let page = input.first;
  while (page) page = page.next;
  // A callback with three parameters that does not use its third.
  const total = items.reduce((sum, it, _at) => sum + it.price, 0);
  return { ok: true, session: opts.session, count: items.length, total };
}
exports.formatOrder = formatOrder;
exports.scratch = scratch;
`;

describe('structural gates', () => {
  for (const c of POSITIVE) {
    it(`${c.rule} still reports: ${c.code
      .split('\n')
      .find((l) => /[a-z]/.test(l))!
      .slice(0, 60)}`, () => {
      const file = c.file ?? 'src/handler.ts';
      assert.ok(findingsOf(rule(c.rule), c.code, file).length > 0, 'expected a finding');
      const sf = jsSourceFile(c.code, file, false, true);
      assert.ok(gatedRules([rule(c.rule)], sf, c.code).length === 1, 'the gate must let the rule run');
    });
  }

  it('say no on ordinary code: awaited calls, reads of module-scope values, literals in names and strings only', () => {
    const facts = sourceFacts(jsSourceFile(NEGATIVE, 'src/lib/order.js', false, true), NEGATIVE);
    assert.deepEqual(
      {
        tla: facts.topLevelAwait(),
        callback: facts.calledCallback(),
        unawaited: facts.unawaitedAsyncCall(),
        state: facts.moduleStateWrite(),
        loop: facts.longLoop(),
      },
      { tla: false, callback: false, unawaited: false, state: false, loop: false },
    );
    const gated = ['handler/background-work', 'handler/cold-start-import', 'handler/in-memory-state', 'handler/long-running', 'handler/runtime-coupling'].map(
      rule,
    );
    assert.deepEqual(gatedRules(gated, jsSourceFile(NEGATIVE, 'src/lib/order.js', false, true), NEGATIVE), []);
    assert.deepEqual(findingsOf(rule('handler/background-work'), NEGATIVE, 'src/lib/order.js'), []);
  });
});
