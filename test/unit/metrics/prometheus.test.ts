// The Prometheus client against a real Prometheus (Debian's package; test/setup-prometheus.sh installs it): a fixed
// data set turned into TSDB blocks by promtool, queried over HTTP by src/node/metrics/prometheus.ts with the default
// queries. Fails, never skips, when the binaries are missing.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import type { Unit } from '../../../src/core/types';
import { defaultMetricsConfig, prometheusTargets, usageKey, type MetricsConfig } from '../../../src/core/usage';
import { fetchWorkloadMetrics } from '../../../src/node/metrics/prometheus';
import { findBinary, startPrometheus, type RunningPrometheus } from '../../helpers/prometheus';

const MiB = 2 ** 20;
const DAY = 86_400;
const INTERVAL = 60;
// One day and an hour of samples up to now, so the window's first rate has five minutes of history.
const END = Math.floor(Date.now() / 1000 / INTERVAL) * INTERVAL;
const START = END - DAY - 3600;
const SAMPLES = (END - START) / INTERVAL + 1;
const HALF = Math.floor(SAMPLES / 2);
const pods = (name: string, n: number) => Array.from({ length: n }, (_, k) => `${name}-7d9f8b6c5-${String.fromCharCode(97 + k).repeat(5)}`);

let prom: RunningPrometheus;
before(async () => {
  prom = await startPrometheus({
    start: START,
    interval: INTERVAL,
    samples: SAMPLES,
    workloads: [
      // 10 requests/s at 200 ms on 2 pods using 0.5 cores and 512 MiB in all.
      { namespace: 'shop', pods: () => pods('api', 2), rps: () => 10, latencySeconds: 0.2, cpuCores: () => 0.5, memoryBytes: () => 512 * MiB },
      // A workload whose name starts like `api`: its pods must not count for `api`.
      { namespace: 'shop', pods: () => pods('api-worker', 2), rps: () => 1000, latencySeconds: 1, cpuCores: () => 8, memoryBytes: () => 8192 * MiB },
      // gRPC counters instead of HTTP ones.
      { namespace: 'shop', grpc: true, pods: () => pods('quotes', 1), rps: () => 4, latencySeconds: 0.5, cpuCores: () => 0.1, memoryBytes: () => 128 * MiB },
      // 2 pods for the first half of the window, 4 for the second.
      {
        namespace: 'batch',
        pods: (i) => pods('scaled', i < HALF ? 2 : 4),
        rps: (i) => (i < HALF ? 2 : 4),
        latencySeconds: 0.1,
        cpuCores: (i) => (i < HALF ? 0.2 : 0.4),
        memoryBytes: (i) => (i < HALF ? 2 : 4) * 100 * MiB,
      },
    ],
  });
});
after(async () => {
  await prom?.close();
});

function deployment(name: string, namespace: string, kind = 'Deployment'): Unit {
  return {
    kind: 'k8s-workload',
    workloadKind: kind,
    name,
    namespace,
    file: `k8s/${name}.yaml`,
    line: 1,
    source: 'kubernetes',
    events: [],
    readiness: {},
    containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '512Mi' } } }],
  };
}

async function measure(units: Unit[], metrics: MetricsConfig = defaultMetricsConfig(), url = prom.url, token?: string) {
  const { targets } = prometheusTargets(units, metrics);
  const r = await fetchWorkloadMetrics({
    url,
    token,
    tokenSource: token ? '$PROM_TOKEN (--prometheus-token-env)' : undefined,
    targets,
    days: 1,
    end: new Date(END * 1000),
  });
  return { ...r, of: (u: Unit) => r.usage.get(usageKey(u))! };
}

const near = (actual: number | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance * expected, `${what}: ${actual} is not within ${tolerance * 100}% of ${expected}`);

describe('Prometheus query_range (real Prometheus)', () => {
  it('fails with the install command when the binaries are missing (the suite never skips)', () => {
    assert.throws(
      () => findBinary('promtool', ['/nonexistent']),
      /promtool is not installed, so the real-Prometheus tests cannot run\. Install it with 'bash test\/setup-prometheus\.sh'/,
    );
  });

  it('measures request rate, latency, CPU, memory and replicas of a Deployment, and only of its own pods', async () => {
    const api = deployment('api', 'shop');
    const { of, errors, failed, queries } = await measure([api]);
    assert.deepEqual(errors, []);
    assert.equal(failed, 0);
    assert.equal(queries, 5);
    const u = of(api);
    assert.equal(u.source, 'prometheus');
    assert.equal(u.subject, 'shop/api');
    assert.equal(u.stepSeconds, 60);
    // 10 requests/s for a day = 864,000 requests.
    near(u.requests, 864_000, 0.001, 'requests');
    assert.equal(u.peakRps, 10);
    assert.deepEqual(u.durationMs, { avg: 200 });
    // Little's law: 10/s × 0.2 s = 2 requests in flight.
    assert.equal(u.peakConcurrency, 2);
    assert.equal(u.concurrencyDerived, true);
    assert.deepEqual(u.cpuCores, { avg: 0.5, peak: 0.5 });
    assert.deepEqual(u.memoryBytes, { avg: 512 * MiB, peak: 512 * MiB });
    assert.deepEqual(u.replicas, { avg: 2, min: 2, max: 2 });
    assert.equal(u.notes, undefined);
  });

  it('falls back to gRPC counters, and follows replicas over time', async () => {
    const quotes = deployment('quotes', 'shop');
    const scaled = deployment('scaled', 'batch');
    const { of } = await measure([quotes, scaled]);
    near(of(quotes).requests, 4 * DAY, 0.001, 'gRPC requests');
    assert.deepEqual(of(quotes).durationMs, { avg: 500 });
    const s = of(scaled);
    // The switch comes half-way through the samples, an hour of which lie before the window: the window holds
    // HALF × 60 − 3,600 s on 2 pods at 2 requests/s and the rest of the day on 4 pods at 4/s.
    const onTwo = HALF * INTERVAL - 3600;
    near(s.replicas!.avg, (2 * onTwo + 4 * (DAY - onTwo)) / DAY, 0.005, 'average replicas');
    assert.equal(s.replicas!.min, 2);
    assert.equal(s.replicas!.max, 4);
    near(s.requests, 2 * onTwo + 4 * (DAY - onTwo), 0.005, 'requests of the scaled workload');
    // Latency weighted by traffic is still 100 ms.
    near(s.durationMs!.avg, 100, 0.001, 'latency');
  });

  it('keeps a failed query to itself: the unit notes it and keeps the other figures', async () => {
    const api = deployment('api', 'shop');
    const { config, errors } = parseConfig(
      'metrics:\n  prometheus:\n    units:\n      api:\n        latency: "sum(rate(http_server_requests_seconds_sum{namespace=\\"{{namespace}}\\"[5m]))"\n',
    );
    assert.deepEqual(errors, []);
    const { of, failed } = await measure([api], config.metrics);
    assert.equal(failed, 1);
    const u = of(api);
    assert.equal(u.durationMs, undefined);
    near(u.requests, 864_000, 0.001, 'requests still measured');
    assert.equal(u.notes!.length, 1);
    assert.match(u.notes![0], /^latency query failed \(Prometheus answered HTTP 400 bad_data: .*\): duration stays on the estimate$/);
  });

  it('says so once when a workload has no series at all', async () => {
    const cron = deployment('nightly', 'batch', 'CronJob');
    const { of } = await measure([cron]);
    assert.deepEqual(of(cron).notes, [
      'no series for batch/nightly (pods nightly-[0-9]+-[a-z0-9]{5}) in the window: it stays on the estimate (not running, or its pods are named otherwise: set metrics.prometheus.units.nightly.pod or .workload in lambdashift.yaml)',
    ]);
  });

  it('sends the bearer token, and never shows it, even when the server echoes it', async () => {
    const token = 'tok-3f9a1c77-never-printed';
    const seen: string[] = [];
    // A gate in front of the real Prometheus: 401 without the token; with a wrong one, an error that quotes it.
    const gate = http.createServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      seen.push(auth);
      if (auth === `Bearer ${token}`) {
        const target = new URL(prom.url);
        const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        req.pipe(up);
        return;
      }
      res.writeHead(auth ? 400 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `unknown token in ${auth}` }));
    });
    await new Promise<void>((r) => gate.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    try {
      const api = deployment('api', 'shop');
      const ok = await measure([api], defaultMetricsConfig(), url, token);
      assert.deepEqual(ok.errors, []);
      near(ok.of(api).requests, 864_000, 0.001, 'requests through the gate');
      assert.ok(seen.every((a) => a === `Bearer ${token}`));

      const wrong = await measure([api], defaultMetricsConfig(), url, `${token}-old`);
      const text = JSON.stringify(wrong);
      assert.ok(!text.includes(token), 'the token never appears in results or messages');
      assert.match(wrong.of(api).notes!.join(' '), /unknown token in Bearer \*\*\*/);

      const none = await measure([api], defaultMetricsConfig(), url);
      assert.match(none.errors[0].message, /Prometheus refused the query \(HTTP 401\): pass a token with --prometheus-token-env/);
    } finally {
      gate.closeAllConnections();
      await new Promise<void>((r) => gate.close(() => r()));
    }
  });

  it('reports an unreachable Prometheus once and stops querying it', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
    const units = ['a', 'b', 'c'].map((n) => deployment(n, 'shop'));
    const r = await measure(units, defaultMetricsConfig(), url);
    assert.equal(r.errors.length, 1);
    assert.match(
      r.errors[0].message,
      /^could not reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); the workloads stay on the estimate\. Check --prometheus-url\.$/,
    );
    // Four queries in flight when the first failure came back at most; none after.
    assert.ok(r.queries <= 4, `queries sent: ${r.queries}`);
    for (const u of units) assert.match(r.of(u).notes![0], /^not measured: could not reach Prometheus/);
  });
});
