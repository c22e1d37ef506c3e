// A small fleet with measured usage: three Lambda functions measured by CloudWatch, three workloads measured by
// Prometheus, one function on the estimate. test/unit/report/measured-fleet.test.ts works out its costs by hand; the
// browser suite renders it.
import type { AssessResult, Unit } from '../../src/core/types';
import type { UnitUsage } from '../../src/core/usage';

const DAYS = 14;
export const WINDOW = DAYS * 86_400;
const window = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', days: DAYS };
const cw = (subject: string, u: Partial<UnitUsage>): UnitUsage => ({ source: 'cloudwatch', subject, ...window, stepSeconds: 300, ...u });
const prom = (subject: string, u: Partial<UnitUsage>): UnitUsage => ({ source: 'prometheus', subject, ...window, stepSeconds: 60, ...u });

function fn(name: string, memoryMB: number, timeoutSeconds: number, event: Unit['events'][number] | undefined, usage?: UnitUsage): Unit {
  return {
    kind: 'lambda-function',
    name,
    file: 'app/template.yaml',
    line: 1,
    source: 'sam',
    runtime: 'nodejs22.x',
    memoryMB,
    timeoutSeconds,
    events: event ? [event] : [],
    readiness: { toKubernetes: 'ready' },
    ...(usage ? { usage } : {}),
  };
}
function workload(name: string, cpu: string, memory: string, replicas: number, usage: UnitUsage): Unit {
  return {
    kind: 'k8s-workload',
    workloadKind: 'Deployment',
    name,
    file: `k8s/${name}.yaml`,
    line: 1,
    source: 'kubernetes',
    namespace: 'prod',
    replicas,
    containers: [{ name: 'app', ports: [{ containerPort: 8080 }], resources: { requests: { cpu, memory } } }],
    events: [],
    readiness: { toLambda: 'ready' },
    usage,
  };
}

const GiB = 2 ** 30;
const units: Unit[] = [
  // A: 10 requests/s for 14 days = 12,096,000 invocations at 100 ms, 512 MB.
  fn(
    'api',
    512,
    10,
    { type: 'http', detail: 'GET /' },
    cw('api', {
      requests: 12_096_000,
      peakRps: 30,
      durationMs: { avg: 100, p99: 300, max: 900 },
      peakConcurrency: 20,
      throttles: 0,
      timeoutSeconds: 10,
      memoryMB: 512,
    }),
  ),
  // B: one run a day of 13 min (max 14.5 min) on a 900 s timeout, 1,024 MB: the timeout wall.
  fn(
    'nightly',
    1024,
    900,
    { type: 'schedule', detail: 'rate(1 day)' },
    cw('nightly', { requests: 14, durationMs: { avg: 780_000, p99: 860_000, max: 870_000 }, peakConcurrency: 1, timeoutSeconds: 900, memoryMB: 1024 }),
  ),
  // C: never invoked.
  fn(
    'idle',
    256,
    30,
    { type: 'sqs', detail: 'q' },
    cw('idle', { requests: 0, timeoutSeconds: 30, memoryMB: 256, notes: ['no Invocations datapoints in the last 14 days: counted as no traffic'] }),
  ),
  // D: 2 requests/s at 50 ms on 2 pods of 0.5 vCPU / 1 GiB, using 0.1 vCPU and 0.5 GiB each.
  workload(
    'web',
    '500m',
    '1Gi',
    3,
    prom('prod/web', {
      requests: 2 * WINDOW,
      peakRps: 6,
      durationMs: { avg: 50 },
      peakConcurrency: 0.3,
      concurrencyDerived: true,
      replicas: { avg: 2, min: 2, max: 2 },
      cpuCores: { avg: 0.2, peak: 0.4 },
      memoryBytes: { avg: 1 * GiB, peak: 1.2 * GiB },
    }),
  ),
  // E: 200 requests/s at 300 ms on 4 pods of 1 vCPU / 2 GiB.
  workload(
    'search',
    '1',
    '2Gi',
    4,
    prom('prod/search', {
      requests: 200 * WINDOW,
      peakRps: 600,
      durationMs: { avg: 300 },
      peakConcurrency: 180,
      concurrencyDerived: true,
      replicas: { avg: 4, min: 4, max: 4 },
      cpuCores: { avg: 3.2, peak: 3.9 },
      memoryBytes: { avg: 6 * GiB, peak: 7 * GiB },
    }),
  ),
  // F: 1 request/s at 2 s, with a flash crowd of 5,000/s (10,000 concurrent) that rose by 9,000 within 60 s.
  workload(
    'sale',
    '250m',
    '512Mi',
    2,
    prom('prod/sale', {
      requests: 1 * WINDOW,
      peakRps: 5000,
      durationMs: { avg: 2000 },
      peakConcurrency: 10_000,
      concurrencyDerived: true,
      ramp: { rise: 9000, seconds: 60 },
      replicas: { avg: 2.5, min: 2, max: 12 },
      cpuCores: { avg: 0.3, peak: 4 },
      memoryBytes: { avg: 0.6 * GiB, peak: 3 * GiB },
    }),
  ),
  // G: no measurements: default http traffic (1M requests, 200 ms) at 128 MB.
  fn('report', 128, 10, { type: 'http', detail: 'GET /report' }),
];

export const measuredResult: AssessResult = {
  schemaVersion: 1,
  tool: { name: 'lambdashift', version: '0.0.0-test' },
  findings: [],
  units,
  errors: [],
  stats: { files: 1, analyzed: 1, skipped: 0, ms: 0 },
};
