// Node 20's test runner takes no globs: find the unit test files and run them in one `node --test`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'unit');
const filter = process.argv.slice(2);
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
const reporter = process.env.CI ? 'spec' : 'dot';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
