// Deterministic, seeded generator of synthetic LambdaShift workspaces: services with handlers, libraries, tests and
// IaC (SAM, serverless.yml, Kubernetes manifests). Same seed and size → byte-identical files.
// Usage: node bench/generate.mjs <files> [outDir] [seed]
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, good enough for reproducible fixture shapes. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

/** Source files are mostly short with a long tail, like real repositories: 100–3,000 lines. */
function lineTarget(r) {
  const u = r.next();
  if (u < 0.8) return r.int(100, 250);
  if (u < 0.97) return r.int(250, 1000);
  return r.int(1000, 3000);
}

const NOUNS = ['order', 'invoice', 'customer', 'payment', 'shipment', 'stock', 'report', 'session', 'token', 'event', 'user', 'cart'];
const VERBS = ['load', 'save', 'validate', 'transform', 'compute', 'merge', 'publish', 'parse', 'format', 'check', 'apply', 'build'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** One plausible function of ~8–40 lines (TS or JS flavour). */
function fn(r, ts, i) {
  const noun = r.pick(NOUNS);
  const name = `${r.pick(VERBS)}${cap(noun)}${i}`;
  const T = cap(noun);
  const lines = [];
  const sig = ts ? `(input: ${T}Input, opts: Options = {}): Promise<${T}Result>` : '(input, opts = {})';
  lines.push(ts ? `export async function ${name}${sig} {` : `async function ${name}${sig} {`);
  lines.push(`  const started = Date.now();`);
  lines.push(`  const items = Array.isArray(input.items) ? input.items : [];`);
  const n = r.int(2, 12);
  for (let k = 0; k < n; k++) {
    switch (r.int(0, 6)) {
      case 0:
        lines.push(
          `  for (const item of items) {`,
          `    if (!item || item.${noun}Id === undefined) continue;`,
          `    item.total = (item.price ?? 0) * (item.quantity ?? 1) + ${k};`,
          `  }`,
        );
        break;
      case 1:
        lines.push(
          `  const ${noun}Map${k} = new Map${ts ? '<string, number>' : ''}();`,
          `  items.forEach((it, idx) => ${noun}Map${k}.set(String(it.id ?? idx), idx * ${k + 1}));`,
        );
        break;
      case 2:
        lines.push(`  if (opts.strict && items.length > ${r.int(10, 500)}) {`, `    throw new Error(\`too many ${noun}s: \${items.length}\`);`, `  }`);
        break;
      case 3:
        lines.push(
          `  const summary${k} = items.reduce((acc, it) => ({ count: acc.count + 1, sum: acc.sum + (it.total ?? 0) }), { count: 0, sum: 0 });`,
          `  logger.debug('${name} summary', summary${k});`,
        );
        break;
      case 4:
        lines.push(
          `  try {`,
          `    await retry(() => client.send(new Get${T}Command({ id: input.id })), { attempts: ${r.int(2, 5)} });`,
          `  } catch (err) {`,
          `    logger.warn('${noun} lookup failed', { err, id: input.id });`,
          `  }`,
        );
        break;
      case 5:
        lines.push(
          `  const key${k} = \`${noun}/\${input.id}/\${started}\`;`,
          `  const body${k} = JSON.stringify({ key: key${k}, items: items.slice(0, ${r.int(5, 50)}) });`,
        );
        break;
      default:
        lines.push(
          `  // ${noun}s older than the retention window are ignored: they were reconciled upstream.`,
          `  const cutoff${k} = started - ${r.int(1, 90)} * 24 * 3600 * 1000;`,
          `  const recent${k} = items.filter((it) => (it.updatedAt ?? 0) > cutoff${k});`,
        );
    }
  }
  lines.push(`  return { ok: true, count: items.length, tookMs: Date.now() - started }${ts ? ` as ${T}Result` : ''};`, `}`);
  lines.push(ts ? `` : `exports.${name} = ${name};`, ``);
  return lines;
}

function header(r, ts, kind) {
  const lines = [];
  if (ts) {
    lines.push(
      `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';`,
      `import { logger } from '../lib/logger';`,
      `import { retry } from '../lib/retry';`,
    );
    for (const n of NOUNS.slice(0, 4))
      lines.push(`interface ${cap(n)}Input { id: string; items?: any[] }`, `interface ${cap(n)}Result { ok: boolean; count: number; tookMs: number }`);
    lines.push(`type Options = { strict?: boolean };`);
  } else {
    lines.push(
      `'use strict';`,
      `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');`,
      `const { logger } = require('../lib/logger');`,
      `const { retry } = require('../lib/retry');`,
    );
  }
  // A module-scope SDK client is AWS-recommended practice: it must never be reported.
  lines.push(`const client = new DynamoDBClient({});`, `const cache = new Map();`, ``);
  if (kind !== 'handler') return lines;
  // Constructs our rules (and the ESLint baseline's selectors) look for, sprinkled at realistic rates.
  if (r.chance(0.12))
    lines.push(
      ts ? `import http from 'node:http';` : `const http = require('http');`,
      `http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 3000);`,
    );
  if (r.chance(0.15)) lines.push(`setInterval(() => cache.clear(), 60_000);`);
  if (r.chance(0.06))
    lines.push(ts ? `import { Worker } from 'worker_threads';` : `const { Worker } = require('worker_threads');`, `const pool = [new Worker('./resize.js')];`);
  if (r.chance(0.15)) lines.push(ts ? `import * as fs from 'fs';` : `const fs = require('fs');`, `fs.writeFileSync('/var/app/state.json', '{}');`);
  if (r.chance(0.1)) lines.push(ts ? `import AWS from 'aws-sdk';` : `const AWS = require('aws-sdk');`, `const s3 = new AWS.S3();`);
  if (r.chance(0.3))
    lines.push(
      ts ? `import { writeFile } from 'node:fs/promises';` : `const { writeFile } = require('node:fs/promises');`,
      `const scratch = () => writeFile('/tmp/scratch.json', '{}');`,
    );
  lines.push(``);
  return lines;
}

function handlerTail(ts) {
  return ts
    ? [
        `export const handler = async (event: any, context: any) => {`,
        `  const result = await processOrder0({ id: event.id, items: event.items });`,
        `  return { statusCode: 200, body: JSON.stringify(result) };`,
        `};`,
        ``,
      ]
    : [
        `exports.handler = async (event, context) => {`,
        `  const result = await module.exports.process(event);`,
        `  return { statusCode: 200, body: JSON.stringify(result) };`,
        `};`,
        ``,
      ];
}

function codeFile(r, ts, kind, target) {
  const lines = header(r, ts, kind);
  if (kind === 'test') lines.push(ts ? `import { describe, it, expect } from 'vitest';` : `const { describe, it, expect } = require('vitest');`, ``);
  let i = 0;
  if (kind === 'handler' && ts)
    lines.push(
      ...fn({ ...r, pick: () => 'order', int: r.int, chance: r.chance, next: r.next }, ts, 0).map((l) =>
        l.replace(/export async function \w+/, 'export async function processOrder0'),
      ),
    );
  while (lines.length < target - 6) {
    if (kind === 'test') {
      lines.push(
        `describe('${r.pick(NOUNS)} ${i}', () => {`,
        `  it('handles an empty batch', async () => {`,
        `    const out = await run${i}({ id: 'x', items: [] });`,
        `    expect(out.count).toBe(0);`,
        `  });`,
        `});`,
        ``,
      );
      lines.push(...fn(r, ts, ++i));
    } else lines.push(...fn(r, ts, ++i));
  }
  if (kind === 'handler') lines.push(...handlerTail(ts));
  // Whole functions only: cutting at the exact target would leave unbalanced braces, and a file that does not parse
  // skips every rule (an earlier version did this to 70 % of the files and flattered the rule cost).
  while (lines.length < 100) lines.push('');
  return lines.join('\n') + '\n';
}

function samTemplate(r, handlers, target) {
  const lines = [
    `AWSTemplateFormatVersion: '2010-09-09'`,
    `Transform: AWS::Serverless-2016-10-31`,
    `Description: synthetic service`,
    `Globals:`,
    `  Function:`,
    `    Runtime: nodejs20.x`,
    `    MemorySize: 512`,
    `Resources:`,
  ];
  handlers.forEach((h, i) => {
    lines.push(
      `  Fn${i}:`,
      `    Type: AWS::Serverless::Function`,
      `    Properties:`,
      `      CodeUri: ${h.dir}`,
      `      Handler: ${h.module}.handler`,
      `      Timeout: ${r.pick([3, 10, 30, 60, 900])}`,
      `      Events:`,
    );
    if (r.chance(0.5)) lines.push(`        Api:`, `          Type: Api`, `          Properties:`, `            Path: /items/${i}`, `            Method: get`);
    else lines.push(`        Tick:`, `          Type: Schedule`, `          Properties:`, `            Schedule: rate(${r.int(1, 30)} minutes)`);
  });
  let q = 0;
  while (lines.length < target)
    lines.push(
      `  Queue${q}:`,
      `    Type: AWS::SQS::Queue`,
      `    Properties:`,
      `      VisibilityTimeout: ${r.int(30, 900)}`,
      `      MessageRetentionPeriod: 345600`,
      `      Tags:`,
      `        - Key: team`,
      `          Value: t${q++ % 7}`,
    );
  return lines.join('\n') + '\n';
}

function serverlessYml(r, handlers, target) {
  const lines = [
    `service: synthetic-${r.int(1, 9999)}`,
    `provider:`,
    `  name: aws`,
    `  runtime: nodejs20.x`,
    `  timeout: ${r.pick([6, 30, 120])}`,
    `functions:`,
  ];
  handlers.forEach((h, i) =>
    lines.push(`  fn${i}:`, `    handler: ${h.dir}/${h.module}.handler`, `    events:`, `      - schedule: rate(${r.int(1, 12)} hours)`),
  );
  lines.push(`custom:`, `  settings:`);
  let k = 0;
  while (lines.length < target) lines.push(`    key${k}: value-${k++}`);
  return lines.join('\n') + '\n';
}

function k8sManifest(r, name, target) {
  const docs = [];
  let lines = 0;
  let i = 0;
  while (lines < target) {
    const d = [
      `apiVersion: apps/v1`,
      `kind: Deployment`,
      `metadata:`,
      `  name: ${name}-${i}`,
      `spec:`,
      `  replicas: ${r.int(1, 5)}`,
      `  selector:`,
      `    matchLabels: { app: ${name}-${i} }`,
      `  template:`,
      `    metadata:`,
      `      labels: { app: ${name}-${i} }`,
      `    spec:`,
      `      containers:`,
      `        - name: app`,
      `          image: registry.example/${name}:${r.int(1, 40)}`,
      `          ports: [{ containerPort: 8080 }]`,
      `          resources:`,
      `            requests: { cpu: 250m, memory: 256Mi }`,
      `            limits: { memory: 512Mi }`,
    ];
    docs.push(d.join('\n'));
    lines += d.length + 1;
    i++;
  }
  return docs.join('\n---\n') + '\n';
}

/** One TypeScript handler of exactly `lines` lines, for the incremental-latency measurement. */
export function bigHandler(lines, seed = 3000) {
  return codeFile(rng(seed), true, 'handler', lines);
}

/** Writes the workspace; returns its path. Skips the work when a marker says the same (size, seed) is already there. */
export function generate(count, outDir, seed = 42) {
  const marker = path.join(outDir, '.generated.json');
  const want = JSON.stringify({ count, seed, v: 4 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ name: 'synthetic-monorepo', private: true }, null, 2) + '\n');
  const r = rng(seed);
  let written = 0;
  let svc = 0;
  while (written < count) {
    const dir = `services/svc-${String(svc++).padStart(4, '0')}`;
    const ts = r.chance(0.6);
    const ext = ts ? 'ts' : 'js';
    const nHandlers = r.int(2, 6);
    const nLibs = r.int(2, 8);
    const nTests = r.int(1, 3);
    const handlers = [];
    const files = [];
    for (let i = 0; i < nHandlers; i++) {
      const module = `${r.pick(VERBS)}-${r.pick(NOUNS)}-${i}`;
      handlers.push({ dir: 'src/handlers', module });
      files.push([`src/handlers/${module}.${ext}`, codeFile(r, ts, 'handler', lineTarget(r))]);
    }
    for (let i = 0; i < nLibs; i++) files.push([`src/lib/${r.pick(NOUNS)}-${i}.${ext}`, codeFile(r, ts, 'lib', lineTarget(r))]);
    for (let i = 0; i < nTests; i++) files.push([`test/${r.pick(NOUNS)}-${i}.test.${ext}`, codeFile(r, ts, 'test', lineTarget(r))]);
    const iac = r.next();
    if (iac < 0.5) files.push([`template.yaml`, samTemplate(r, handlers, r.int(100, 400))]);
    else if (iac < 0.8) files.push([`serverless.yml`, serverlessYml(r, handlers, r.int(100, 300))]);
    else files.push([`k8s/deployment.yaml`, k8sManifest(r, `svc${svc}`, r.int(100, 400))]);
    for (const [rel, text] of files) {
      if (written >= count) break;
      const abs = path.join(outDir, dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      written++;
    }
  }
  writeFileSync(marker, want);
  return outDir;
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const count = Number(process.argv[2] ?? 1000);
  const out = process.argv[3] ?? path.join(import.meta.dirname, '.work', `ws-${count}`);
  generate(count, out, Number(process.argv[4] ?? 42));
  console.log(out);
}
