import { backgroundWork } from '../../../src/core/rules/handler/background-work';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(backgroundWork, {
  valid: [
    { name: 'interval cleared before the handler returns', code: `export const handler = async () => {\n  const t = setInterval(() => beat(), 1000);\n  try { await work(); } finally { clearInterval(t); }\n};` },
    { name: 'setTimeout awaited as a sleep', code: `export const handler = async () => {\n  await new Promise((r) => setTimeout(r, 100));\n};` },
    { name: 'local-only guard', code: `if (require.main === module) {\n  setInterval(() => poll(), 5000);\n}` },
    { name: 'test file', file: 'test/poller.test.ts', code: `setInterval(() => {}, 10);` },
    { name: 'a method named setInterval on another object', code: `scheduler.setInterval(5);\nconfig.setInterval = 3;` },
    { name: 'local shadowing binding imported from elsewhere', code: `import { setInterval } from './fake-timers';\nsetInterval(() => {}, 1);` },
    { name: 'IS_OFFLINE guard (serverless-offline)', code: `if (process.env.IS_OFFLINE) {\n  setInterval(flush, 1000);\n}` },
    { name: 'clearInterval on a stored property handle', code: `class Poller {\n  start() { this.t = setInterval(() => {}, 10); }\n  stop() { clearInterval(this.t); }\n}\nconst p = new Poller();\nexport const handler = async () => { p.start(); await go(); p.stop(); };` },
  ],
  invalid: [
    { name: 'module-scope interval', code: `setInterval(() => flushMetrics(), 10_000);\nexport const handler = async () => ({ ok: true });`, errors: [{ line: 1, column: 1, message: 'freezes the environment' }] },
    { name: 'interval in the handler never cleared', code: `export const handler = async () => {\n  setInterval(() => heartbeat(), 1000);\n  return { ok: true };\n};`, errors: [{ line: 2, column: 3 }] },
    { name: 'globalThis.setInterval', code: `globalThis.setInterval(tick, 5);`, errors: [{ line: 1 }] },
    { name: 'timers module import', code: `import { setInterval as every } from 'node:timers';\nevery(tick, 5);`, errors: [{ line: 2 }] },
    { name: 'timers namespace', code: `const timers = require('timers');\ntimers.setInterval(tick, 5);`, errors: [{ line: 2 }] },
    { name: 'cleared handle is a different timer', code: `const a = setInterval(x, 1);\nconst b = setInterval(y, 1);\nclearInterval(a);`, errors: [{ line: 2 }] },
    { name: 'inside a class started from the handler', code: `class Flusher { start() { setInterval(() => this.flush(), 1000); } }\nexport const handler = async () => { new Flusher().start(); };`, errors: [{ line: 1 }] },
    { name: 'else branch of a local-only guard runs on Lambda', code: `if (require.main === module) { run(); } else { setInterval(poll, 1000); }`, errors: [{ line: 1 }] },
  ],
});
