// Behaviour of the parallel and cached scan: the same report whoever computed each file's analysis, cache hits only
// for unchanged inputs, and a damaged or unwritable cache that never fails a scan. No timing assertions.
import assert from 'node:assert/strict';
import { cpSync, readdirSync, rmSync, writeFileSync, readFileSync, utimesSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { formatJson } from '../../../src/core/report/json';
import type { AssessResult } from '../../../src/core/types';
import { configKey } from '../../../src/node/cache';
import { lastScanStats, ScanCancelled, scanPaths, type ScanOptions } from '../../../src/node/scan';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** The report without its timing, which is the only field allowed to differ between runs. */
function stable(r: AssessResult): string {
  return formatJson({ ...r, stats: { ...r.stats, ms: 0 } });
}

let work: string;
let ws: string;
const scan = (opts: ScanOptions = {}) => scanPaths(ws, ['.'], opts);

before(() => {
  work = tempDir('lambdashift-perf-');
  ws = path.join(work, 'ws');
  cpSync(EXAMPLES, ws, { recursive: true });
  // Enough extra handlers that a two-thread pool really splits the work, each with something to report.
  for (let i = 0; i < 12; i++) {
    writeFileSync(
      path.join(ws, `notifications-serverless/src/extra${i}.js`),
      `const fs = require('fs');\nconst AWS = require('aws-sdk');\nsetInterval(() => flush(${i}), 1000);\nexports.handler = async (event) => {\n  fs.writeFileSync('/var/data/out${i}.json', JSON.stringify(event));\n  return { ok: true };\n};\nfunction flush(n) { return n; }\n`,
    );
  }
  writeFileSync(path.join(ws, 'notifications-serverless/src/broken.js'), 'export const = ;\n');
  writeFileSync(path.join(ws, 'notifications-serverless/settings.json'), '{ "not": "iac" }\n');
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('parallel scan', () => {
  it('gives output identical to the single-threaded scan, findings, units and parse errors included', async () => {
    const single = await scan({ jobs: 1 });
    assert.equal(lastScanStats().workers, 0);
    const parallel = await scan({ jobs: 2, forceWorkers: true });
    assert.equal(lastScanStats().workers, 2, 'the pool must really have been used');
    assert.equal(lastScanStats().threaded, lastScanStats().analysed, 'every file came back from a thread');
    assert.ok(single.findings.length > 12, 'the fixture must produce findings, or the comparison proves nothing');
    assert.ok(single.units.length > 0);
    assert.ok(single.findings.some((f) => f.category === 'parse-error' && f.file.endsWith('broken.js')));
    assert.equal(stable(parallel), stable(single));
  });

  it('analyses Python files in worker threads too', async () => {
    const single = await scan({ jobs: 1 });
    const parallel = await scan({ jobs: 2, forceWorkers: true });
    const py = (r: AssessResult) => r.findings.filter((f) => f.file.endsWith('.py')).map((f) => `${f.ruleId}:${f.line}`);
    assert.ok(py(single).length > 0, 'the Python fixture must produce findings');
    assert.deepEqual(py(parallel), py(single));
    assert.ok(!parallel.errors.some((e) => /Python parser not loaded/.test(e.message)), JSON.stringify(parallel.errors));
  });
});

describe('analysis cache', () => {
  it('a warm scan analyses nothing and reports exactly what a cold scan did', async () => {
    const dir = path.join(work, 'cache-warm');
    const uncached = await scan({ jobs: 1 });
    const cold = await scan({ jobs: 1, cacheDir: dir });
    assert.ok(lastScanStats().analysed > 0);
    assert.equal(lastScanStats().cacheHits, 0);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.bin')).length, 1);
    const warm = await scan({ jobs: 1, cacheDir: dir });
    assert.equal(lastScanStats().analysed, 0);
    assert.ok(lastScanStats().cacheHits > 0);
    const warmParallel = await scan({ jobs: 2, forceWorkers: true, cacheDir: dir });
    assert.equal(lastScanStats().analysed, 0);
    assert.equal(stable(cold), stable(uncached));
    assert.equal(stable(warm), stable(uncached));
    assert.equal(stable(warmParallel), stable(uncached));
  });

  it('re-analyses exactly the file whose content changed', async () => {
    const dir = path.join(work, 'cache-change');
    const file = path.join(ws, 'notifications-serverless/src/extra3.js');
    const original = readFileSync(file, 'utf8');
    await scan({ jobs: 1, cacheDir: dir });
    try {
      writeFileSync(file, original.replace('setInterval(() => flush(3), 1000);\n', ''));
      const changed = await scan({ jobs: 1, cacheDir: dir });
      assert.equal(lastScanStats().analysed, 1);
      const fresh = await scan({ jobs: 1 });
      assert.equal(stable(changed), stable(fresh));
      assert.ok(!changed.findings.some((f) => f.file.endsWith('extra3.js') && f.line === 3 && f.category === 'background-work'));
    } finally {
      writeFileSync(file, original);
    }
    const restored = await scan({ jobs: 1, cacheDir: dir });
    assert.ok(restored.findings.some((f) => f.file.endsWith('extra3.js') && f.category === 'background-work'));
  });

  it('does not trust an entry whose mtime is recent even when size and mtime match (same-tick edits)', async () => {
    const dir = path.join(work, 'cache-racy');
    const file = path.join(ws, 'notifications-serverless/src/extra5.js');
    const original = readFileSync(file, 'utf8');
    try {
      await scan({ jobs: 1, cacheDir: dir });
      const before = statSync(file);
      // Same length, different meaning; the mtime is then put back exactly.
      writeFileSync(file, original.replace('setInterval(', 'setImmediat('));
      utimesSync(file, before.atime, before.mtime);
      const after = await scan({ jobs: 1, cacheDir: dir });
      assert.equal(stable(after), stable(await scan({ jobs: 1 })));
      assert.ok(!after.findings.some((f) => f.file.endsWith('extra5.js') && f.line === 3 && f.category === 'background-work'));
    } finally {
      writeFileSync(file, original);
    }
  });

  it('keys entries by configuration: a rule override re-analyses instead of reusing', async () => {
    const dir = path.join(work, 'cache-config');
    await scan({ jobs: 1, cacheDir: dir });
    const off = await scan({ jobs: 1, cacheDir: dir, rules: { 'handler/background-work': 'off' } });
    assert.ok(lastScanStats().analysed > 0);
    assert.ok(!off.findings.some((f) => f.ruleId === 'handler/background-work'));
    assert.notEqual(configKey({}), configKey({ rules: { 'handler/background-work': 'off' } }));
    assert.equal(configKey({ rules: { a: 'off', b: 'info' } }), configKey({ rules: { b: 'info', a: 'off' } }));
  });

  it('re-detects a YAML file when a sibling that decides its kind appears', async () => {
    const dir = path.join(work, 'cache-kind');
    const chartDir = path.join(ws, 'chart');
    cpSync(path.join(ws, 'inventory-k8s/k8s/deployment.yaml'), path.join(chartDir, 'values.yaml'));
    try {
      const a = await scan({ jobs: 1, cacheDir: dir });
      writeFileSync(path.join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
      const b = await scan({ jobs: 1, cacheDir: dir });
      assert.equal(stable(b), stable(await scan({ jobs: 1 })));
      assert.notEqual(stable(a), stable(b));
    } finally {
      rmSync(chartDir, { recursive: true, force: true });
    }
  });

  it('ignores a corrupt cache, warns, gives the right result and rebuilds it', async () => {
    const dir = path.join(work, 'cache-corrupt');
    await scan({ jobs: 1, cacheDir: dir });
    const [bin] = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    const full = readFileSync(path.join(dir, bin));
    for (const damage of [Buffer.from('not a cache at all'), full.subarray(0, Math.floor(full.length / 2)), Buffer.alloc(0)]) {
      writeFileSync(path.join(dir, bin), damage);
      const warnings: string[] = [];
      const r = await scan({ jobs: 1, cacheDir: dir, onWarning: (m) => warnings.push(m) });
      assert.equal(stable(r), stable(await scan({ jobs: 1 })));
      assert.ok(
        warnings.some((w) => w.includes(bin)),
        `expected a warning naming the cache file, got ${JSON.stringify(warnings)}`,
      );
      await scan({ jobs: 1, cacheDir: dir });
      assert.equal(lastScanStats().analysed, 0, 'the rebuilt cache must serve the next scan');
    }
  });

  it('an unwritable cache location warns and never fails the scan', async () => {
    const blocker = path.join(work, 'a-file');
    writeFileSync(blocker, 'x');
    const warnings: string[] = [];
    const r = await scan({ jobs: 1, cacheDir: path.join(blocker, 'cache'), onWarning: (m) => warnings.push(m) });
    assert.equal(stable(r), stable(await scan({ jobs: 1 })));
    assert.ok(warnings.some((w) => /could not write the analysis cache/.test(w)));
  });
});

describe('cache housekeeping', () => {
  it('keeps the files of the three most recent other configurations and deletes older ones', async () => {
    const dir = path.join(work, 'cache-prune');
    await scan({ jobs: 1, cacheDir: dir });
    const current = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    assert.equal(current.length, 1);
    // Five other configurations (earlier evaluation dates, say), from one to five days old.
    const day = 86_400_000;
    const others = [1, 2, 3, 4, 5].map((age) => {
      const name = `analyses-${'0'.repeat(15)}${age}.bin`;
      writeFileSync(path.join(dir, name), 'old');
      const when = new Date(Date.now() - age * day);
      utimesSync(path.join(dir, name), when, when);
      return name;
    });
    writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    // A scan that writes the cache prunes; one with nothing to write leaves the folder alone.
    writeFileSync(path.join(ws, 'notifications-serverless/src/prune-trigger.js'), 'exports.handler = async () => 1;\n');
    try {
      await scan({ jobs: 1, cacheDir: dir });
    } finally {
      rmSync(path.join(ws, 'notifications-serverless/src/prune-trigger.js'));
    }
    const left = readdirSync(dir).sort();
    assert.deepEqual(left, [...current, ...others.slice(0, 3), 'notes.txt'].sort());
  });
});

describe('editor overrides, progress and cancellation', () => {
  const rel = 'notifications-serverless/src/extra3.js';

  it('analyses an override text instead of the file on disk, and never caches it', async () => {
    const dir = path.join(work, 'cache-override');
    const onDisk = readFileSync(path.join(ws, rel), 'utf8');
    const edited = onDisk.replace('setInterval(() => flush(3), 1000);\n', '');
    const withOverride = await scan({ jobs: 1, cacheDir: dir, overrides: new Map([[rel, edited]]) });
    assert.ok(!withOverride.findings.some((f) => f.file === rel && f.category === 'background-work'), 'the override text has no setInterval');
    // The same text written to disk gives the same assessment.
    writeFileSync(path.join(ws, rel), edited);
    try {
      assert.equal(stable(withOverride), stable(await scan({ jobs: 1 })));
    } finally {
      writeFileSync(path.join(ws, rel), onDisk);
    }
    // Back on disk's text, from the same cache: the override did not leak into it.
    const after = await scan({ jobs: 1, cacheDir: dir });
    assert.ok(after.findings.some((f) => f.file === rel && f.category === 'background-work'));
    assert.equal(stable(after), stable(await scan({ jobs: 1 })));
  });

  it('reports progress up to the total, and stops when cancelled', async () => {
    const seen: [number, number][] = [];
    await scan({ jobs: 1, onProgress: (done, total) => seen.push([done, total]) });
    const total = seen[0][1];
    assert.ok(total > 20);
    assert.deepEqual(seen.at(-1), [total, total]);
    assert.ok(
      seen.every(([d], i) => i === 0 || d >= seen[i - 1][0]),
      'progress never goes back',
    );
    let polls = 0;
    await assert.rejects(scan({ jobs: 1, isCancelled: () => ++polls > 3 }), ScanCancelled);
    assert.equal(polls, 4, 'the scan stops at the first poll that says cancelled');
  });
});
