// Runs a suite's tests (default: unit; `--suite browser` for test/browser) in one `node --test` (Node 20's runner takes no globs, so the files are listed here) and ends
// with one line of totals. The tests get a temporary folder of their own (TMPDIR): whatever a test leaves there is
// listed and fails the run, and the folder is removed, so the machine's temp folder is never scanned or littered.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const suiteAt = args.indexOf('--suite');
const suite = suiteAt >= 0 ? args.splice(suiteAt, 2)[1] : 'unit';
const root = path.resolve(here, suite);
const filter = args;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts') && (filter.length === 0 || filter.some((f) => p.includes(f)))) files.push(p);
  }
};
walk(root);
if (files.length === 0) {
  console.error(`no test files matched under ${root}`);
  process.exit(1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), `lambdashift-${suite}-`));
// Traversable like the system temp folder: one test runs the CLI as an unprivileged user on files in here.
chmodSync(tmp, 0o755);
const totalsFile = path.join(tmp, '.totals');
const reporter = process.env.CI ? 'spec' : 'dot';
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(here, 'reporters/totals.mjs')}`,
    `--test-reporter-destination=${totalsFile}`,
    '--test-concurrency=2',
    ...files,
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      TMPDIR: tmp,
      LAMBDASHIFT_TEST_SUITE: suite,
      // The AWS SDK's notice that Node 20 support ends is true and not ours to act on in a test log.
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
  },
);
let totals = '';
try {
  totals = readFileSync(totalsFile, 'utf8').trim();
} catch {
  totals = `${suite}: 0 passed, 1 failed (the test runner produced no totals)`;
}
// tsx keeps its compile cache under TMPDIR/tsx-<uid>: that one is the runner's, not a test's.
const leftovers = readdirSync(tmp).filter((n) => n !== '.totals' && !/^tsx-/.test(n));
rmSync(tmp, { recursive: true, force: true });
let code = r.status ?? 1;
if (leftovers.length) {
  console.log(
    `\nTests left ${leftovers.length} entr${leftovers.length === 1 ? 'y' : 'ies'} in their temporary folder (each test must remove what it creates):\n${leftovers.map((n) => `  ${n}`).join('\n')}`,
  );
  const m = /^(\S+): (\d+) passed, (\d+) failed(.*)$/.exec(totals);
  if (m) totals = `${m[1]}: ${m[2]} passed, ${Number(m[3]) + 1} failed${m[4]}`;
  code = code || 1;
}
console.log(`\n${totals}`);
process.exit(code);
