import { threadsOrProcesses } from '../../../src/core/rules/handler/threads-or-processes';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(threadsOrProcesses, {
  valid: [
    { name: 'bullmq Worker is a queue consumer, not a thread', code: `import { Worker } from 'bullmq';\nnew Worker('q', async () => {});` },
    { name: 'a Worker class of our own', code: `import { Worker } from './worker';\nconst w = new Worker();` },
    { name: 'RegExp exec', code: `const m = /a(b)/.exec(text);\nconst r = pattern.exec(s);` },
    {
      name: 'db.exec on a database handle',
      code: `import Database from 'better-sqlite3';\nconst db = new Database('/tmp/x.db');\ndb.exec('create table t (a)');`,
    },
    {
      name: 'os.cpus for logging, no parallelism in the file',
      code: `import os from 'node:os';\nexport const handler = async () => ({ cores: os.cpus().length });`,
    },
    { name: 'cluster only checked, never forked', code: `import cluster from 'node:cluster';\nexport const isPrimary = cluster.isPrimary;` },
    {
      name: 'fork under a main-module guard',
      code: `const { fork } = require('child_process');\nif (require.main === module) {\n  fork('./dev-server.js');\n}`,
    },
    { name: 'test file', file: 'src/__tests__/pool.ts', code: `import { Worker } from 'node:worker_threads';\nnew Worker('./w.js');` },
    { name: 'a benchmark (Vitest *.bench.ts)', file: 'src/pool.bench.ts', code: `import cluster from 'node:cluster';\ncluster.fork();` },
    { name: 'a type test (TSTyche *.tst.ts)', file: 'src/pool.tst.ts', code: `import { Worker } from 'node:worker_threads';\nnew Worker('./w.js');` },
    { name: 'a type test (tsd *.test-d.ts)', file: 'src/pool.test-d.ts', code: `import { Worker } from 'node:worker_threads';\nnew Worker('./w.js');` },
    { name: 'spawn from an unrelated module', code: `import { spawn } from './game';\nspawn('enemy');` },
    {
      name: 'child_process type import only',
      code: `import type { ChildProcess } from 'node:child_process';\nexport function pid(c: ChildProcess) { return c.pid; }`,
    },
  ],
  invalid: [
    {
      name: 'worker_threads Worker',
      code: `import { Worker } from 'node:worker_threads';\nexport const handler = async () => {\n  const w = new Worker('./resize.js');\n};`,
      errors: [{ line: 3, column: 13, message: 'worker_threads `Worker`' }],
    },
    {
      name: 'aliased destructured require',
      code: `const { Worker: W } = require('node:worker_threads');\nnew W(__dirname + '/job.js');`,
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'cluster.fork',
      code: `const cluster = require('cluster');\nif (cluster.isPrimary) {\n  cluster.fork();\n}`,
      errors: [{ line: 3, column: 3, message: 'cluster.fork' }],
    },
    {
      name: 'child_process fork',
      code: `import { fork } from 'child_process';\nconst child = fork('./worker.js');`,
      errors: [{ line: 2, column: 15, message: 'second Node process' }],
    },
    {
      name: 'spawn via namespace',
      code: `import * as cp from 'node:child_process';\nexport const handler = async () => { cp.spawn('ffmpeg', ['-i', 'in.mp4']); };`,
      errors: [{ line: 2, column: 38, message: 'child_process `spawn`' }],
    },
    {
      name: 'exec and execFile',
      code: `const { exec, execFile } = require('child_process');\nexec('ls');\nexecFile('convert', ['a.png']);`,
      errors: [{ line: 2 }, { line: 3 }],
    },
    {
      name: 'execSync is info',
      code: `import { execSync } from 'node:child_process';\nexport const handler = async () => execSync('git rev-parse HEAD').toString();`,
      errors: [{ line: 2, severity: 'info', message: 'execSync' }],
    },
    {
      name: 'piscina pool and worker count from os.cpus()',
      code: `import Piscina from 'piscina';\nimport os from 'node:os';\nconst pool = new Piscina({ filename: './w.js', maxThreads: os.cpus().length });`,
      errors: [{ line: 3, column: 14, message: 'Piscina' }],
    },
    {
      name: 'workerpool pool',
      code: `const workerpool = require('workerpool');\nconst pool = workerpool.pool('./w.js');`,
      errors: [{ line: 2, column: 14, message: 'workerpool' }],
    },
    {
      name: 'cpus().length used to size workers',
      code: `import { cpus } from 'node:os';\nimport { Worker } from 'node:worker_threads';\nfor (let i = 0; i < cpus().length; i++) startWorker(i);`,
      errors: [{ line: 3, column: 21, message: 'visible cores' }],
    },
    { name: 'execa', code: `import { execa } from 'execa';\nawait execa('ffmpeg', ['-version']);`, errors: [{ line: 2, column: 7 }] },
  ],
});
