// CloudWatch through the real SDK (@aws-sdk/client-cloudwatch: signing, retries, the AWS JSON 1.0 protocol) over real
// HTTP against test/helpers/cloudWatchApiServer.ts: batching at 500 queries a call, NextToken pages, throttling
// then success, access denied, a failing batch, and the figures each function gets.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fetchLambdaMetrics, type LambdaMetricsOptions } from '../../../src/node/metrics/cloudwatch';
import { startCloudWatchApiServer, type CloudWatchApiServer, type CloudWatchScenario } from '../../helpers/cloudWatchApiServer';

const servers: CloudWatchApiServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const END = new Date('2026-11-30T00:00:00Z');
const credentials = { accessKeyId: 'AKIDCLOUDWATCH', secretAccessKey: 'never-shown' };

async function run(scenario: CloudWatchScenario, opts: Partial<LambdaMetricsOptions> = {}) {
  const server = await startCloudWatchApiServer(scenario);
  servers.push(server);
  const functions = scenario.functions.map((f) => ({ functionName: f.functionName, timeoutSeconds: 30, memoryMB: 512 }));
  const result = await fetchLambdaMetrics({ region: 'eu-west-1', endpointUrl: server.url, credentials, functions, days: 2, end: END, maxAttempts: 3, ...opts });
  return { server, result };
}

describe('CloudWatch GetMetricData (real SDK, real HTTP)', () => {
  it('reads each figure: invocations, duration average/p99/maximum, peak concurrency and its ramp, throttles, errors', async () => {
    const { server, result } = await run({
      functions: [
        {
          functionName: 'orders',
          invocations: [600, 600, 600, 1200],
          concurrency: [4, 4, 4, 30],
          duration: { avg: 120, p99: 480, max: 2900 },
          throttles: 12,
          errors: 3,
        },
      ],
    });
    assert.deepEqual(result.errors, []);
    const u = result.usage.get('orders')!;
    // 2 days = 576 five-minute blocks; the pattern repeats every 4 blocks: 144 × (600 × 3 + 1,200) = 432,000.
    assert.equal(u.requests, 432_000);
    assert.equal(u.peakRps, 4); // 1,200 in 300 s
    assert.deepEqual(u.durationMs, { avg: 120, p99: 480, max: 2900 });
    assert.equal(u.peakConcurrency, 30);
    assert.deepEqual(u.ramp, { rise: 26, seconds: 300 });
    assert.equal(u.throttles, 12);
    assert.equal(u.errors, 3);
    assert.deepEqual([u.from, u.to, u.days, u.timeoutSeconds, u.memoryMB], ['2026-11-28T00:00:00.000Z', '2026-11-30T00:00:00.000Z', 2, 30, 512]);
    // One call for the function's seven queries, one for the account-wide ConcurrentExecutions.
    assert.deepEqual(
      server.calls.map((c) => c.queries),
      [7, 1],
    );
    assert.deepEqual(result.account, { source: 'cloudwatch', peakConcurrency: 30, from: '2026-11-28T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', days: 2 });
    assert.ok(
      server.calls.every((c) => c.jsonProtocol && c.accessKeyId === 'AKIDCLOUDWATCH'),
      'signed JSON 1.0 requests',
    );
  });

  it('asks for at most 500 queries a call (7 per function) and pages through NextToken without counting twice', async () => {
    const functions = Array.from({ length: 80 }, (_, i) => ({
      functionName: `fn-${String(i).padStart(2, '0')}`,
      invocations: i + 1,
      concurrency: 1,
      duration: { avg: 100, p99: 200, max: 300 },
    }));
    const { server, result } = await run({ functions, pageSize: 5_000 });
    assert.deepEqual(result.errors, []);
    // 80 functions × 7 = 560 queries: 71 functions (497 queries) in the first batch, 9 (63) in the second.
    const firstPages = server.calls.filter((c) => c.page === 0);
    assert.deepEqual(
      firstPages.map((c) => c.queries),
      [497, 63, 1],
    );
    assert.ok(server.calls.every((c) => c.queries <= 500));
    // 71 × (576 + 576 + 5) = 82,147 datapoints in batch 1 → 17 pages of 5,000; 9 × 1,157 = 10,413 → 3 pages; then
    // one call for the account-wide series (576 datapoints).
    assert.equal(server.calls.length, 21);
    assert.equal(result.pages, 20);
    // 80 functions at concurrency 1 in every block: 80 at once, account-wide.
    assert.equal(result.account?.peakConcurrency, 80);
    assert.equal(result.usage.size, 80);
    for (const [i, f] of functions.entries()) assert.equal(result.usage.get(f.functionName)!.requests, (i + 1) * 576, f.functionName);
  });

  it('retries throttling (HTTP 400 Throttling) and then succeeds', async () => {
    const { server, result } = await run({
      functions: [{ functionName: 'busy', invocations: 10, concurrency: 1, duration: { avg: 50, p99: 90, max: 100 } }],
      faults: [{ kind: 'throttle', times: 2 }],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      server.calls.map((c) => c.status),
      [400, 400, 200, 200],
    );
    assert.equal(result.usage.get('busy')!.requests, 5760);
  });

  it('reports access denied once, names the permission, and leaves every function on the estimate', async () => {
    const functions = Array.from({ length: 75 }, (_, i) => ({ functionName: `fn-${i}`, invocations: 1 }));
    const { server, result } = await run({ functions, faults: [{ kind: 'denied' }] });
    assert.equal(result.denied, true);
    assert.equal(result.usage.size, 0);
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0].message,
      /GetMetricData was denied: the usage of all 75 functions is unknown and stays on the estimate\. Grant cloudwatch:GetMetricData/,
    );
    assert.equal(result.errors[0].file, 'aws://cloudwatch/eu-west-1');
    // Denial is account-wide: neither the second batch nor the account-wide series is tried.
    assert.equal(server.calls.length, 1);
    assert.equal(result.account, undefined);
    assert.ok(!JSON.stringify(result).includes('never-shown'));
  });

  it('keeps the other batches when one fails for good, and uses nothing of a batch that failed half-way', async () => {
    const functions = Array.from({ length: 72 }, (_, i) => ({
      functionName: `fn-${String(i).padStart(2, '0')}`,
      invocations: 1,
      concurrency: 1,
      duration: { avg: 10, p99: 10, max: 10 },
    }));
    // The second batch (fn-71 alone) fails on every attempt.
    const { result } = await run({ functions, pageSize: 50_000, faults: [{ kind: 'error', function: 'fn-71' }] }, { maxAttempts: 2 });
    assert.equal(result.usage.size, 71);
    assert.equal(result.usage.has('fn-71'), false);
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0].message,
      /^GetMetricData for function fn-71 failed with HTTP 500 \(InternalServiceFault: Internal failure\); those functions stay on the estimate/,
    );

    const { result: half } = await run({ functions: functions.slice(0, 3), pageSize: 500, faults: [{ kind: 'error', page: 1 }] }, { maxAttempts: 2 });
    assert.equal(half.usage.size, 0);
    assert.match(half.errors[0].message, /GetMetricData for 3 functions \(fn-00, fn-01, fn-02\) failed with HTTP 500/);
  });

  it('derives peak concurrency from invocations × duration where CloudWatch has no ConcurrentExecutions series', async () => {
    const { result } = await run({ functions: [{ functionName: 'quiet', invocations: [300, 3000], duration: { avg: 200, p99: 400, max: 800 } }] });
    const u = result.usage.get('quiet')!;
    // Busiest block: 3,000 in 300 s = 10/s × 0.2 s = 2 concurrent.
    assert.equal(u.peakConcurrency, 2);
    assert.equal(u.concurrencyDerived, true);
    assert.deepEqual(u.ramp, { rise: 1.8, seconds: 300 });
    assert.match(u.notes!.join(' '), /no ConcurrentExecutions datapoints/);
  });

  it('counts a function nobody invoked as no traffic, with a note', async () => {
    const { result } = await run({ functions: [{ functionName: 'unused', invocations: 0 }] });
    const u = result.usage.get('unused')!;
    assert.equal(u.requests, 0);
    assert.equal(u.durationMs, undefined);
    assert.match(u.notes!.join(' '), /no Invocations datapoints in the last 2 days/);
  });

  it('reads the account-wide peak (no FunctionName dimension), which is below the sum of per-function peaks that happened at different times', async () => {
    const { server, result } = await run({
      functions: [
        { functionName: 'day', invocations: 10, concurrency: [40, 2], duration: { avg: 100, p99: 100, max: 100 } },
        { functionName: 'night', invocations: 10, concurrency: [2, 50], duration: { avg: 100, p99: 100, max: 100 } },
      ],
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.usage.get('day')!.peakConcurrency! + result.usage.get('night')!.peakConcurrency!, 90);
    assert.equal(result.account?.peakConcurrency, 52);
    assert.equal(server.calls.at(-1)!.queries, 1);
  });

  it('falls back to the sum with a note when the account-wide series is denied or empty, keeping every function measured', async () => {
    const fns = [{ functionName: 'a', invocations: 10, concurrency: 5, duration: { avg: 100, p99: 100, max: 100 } }];
    const { result } = await run({ functions: fns, faults: [{ kind: 'denied', accountLevel: true }] });
    assert.equal(result.denied, false);
    assert.equal(result.usage.size, 1);
    assert.equal(result.account, undefined);
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0].message,
      /^The account-wide ConcurrentExecutions \(no FunctionName dimension\) could not be read: GetMetricData was denied for it\. The fleet's peak concurrency is the sum of each function's peak instead, an upper bound/,
    );
    const { result: empty } = await run({ functions: fns, accountConcurrency: 'none' });
    assert.equal(empty.account, undefined);
    assert.match(empty.errors[0].message, /^No account-level ConcurrentExecutions datapoints in the last 2 days/);
  });
});
