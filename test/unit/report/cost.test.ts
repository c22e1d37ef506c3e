import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  breakEven,
  concurrencyCheck,
  DEFAULT_RATES,
  fargateCost,
  fargatePodSize,
  kubernetesCost,
  lambdaCost,
  nodeUnitRates,
  portfolioLambdaCost,
  tieredCost,
  type CostInputs,
  type Rates,
} from '../../../src/core/report/cost';
import { runsPerMonth } from '../../../src/core/report/model';

const close = (actual: number, expected: number, tol = 1e-6) => assert.ok(Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected} (±${tol})`);

const base: CostInputs = {
  requestsPerMonth: 3_000_000,
  avgDurationMs: 120,
  memoryMB: 512,
  architecture: 'x86_64',
  peakRps: 10,
  provisionedConcurrency: 0,
  mode: 'always-on',
  minReplicas: 1,
  podCpu: 0.5,
  podMemoryGiB: 1,
};

/** Round rates so the arithmetic below is checkable by hand: ratio 8 → ramMultiple = 2·8 + 8 = 24 → $0.004/GiB-h, $0.032/vCPU-h. */
const ROUND: Rates = {
  ...DEFAULT_RATES,
  kubernetes: {
    ...DEFAULT_RATES.kubernetes,
    nodePricePerHour: 0.096,
    nodeVcpu: 2,
    nodeMemoryGiB: 8,
    cpuToRamRatio: 8,
    clusterWorkloads: 4,
    targetUtilization: 0.5,
  },
};

describe('Lambda cost', () => {
  it('x86: requests + GB-seconds at tier 1', () => {
    // GB-s = 3,000,000 × 0.120 s × 512/1024 GB = 180,000; 180,000 × $0.0000166667 = $3.000006; requests 3 × $0.20 = $0.60
    const c = lambdaCost(base);
    close(c.gbSeconds, 180_000);
    close(c.compute, 3.000006);
    close(c.requests, 0.6);
    close(c.total, 3.600006);
  });
  it('arm64 uses the Arm price', () => {
    // 180,000 × $0.0000133334 = $2.400012; + $0.60
    close(lambdaCost({ ...base, architecture: 'arm64' }).total, 3.000012);
  });
  it('volume tiers split GB-seconds at 6B and 15B (x86)', () => {
    // 6e9 × 0.0000166667 = 100,000.2; 1e9 × 0.000015 = 15,000 → 115,000.2
    close(tieredCost(7e9, DEFAULT_RATES.lambda.x86), 115_000.2, 1e-3);
    // 6e9 × 0.0000166667 + 9e9 × 0.000015 + 1e9 × 0.0000133334 = 100,000.2 + 135,000 + 13,333.4
    close(tieredCost(16e9, DEFAULT_RATES.lambda.x86), 248_333.6, 1e-3);
    // starting 5.5e9 into the month: 0.5e9 at tier 1 + 0.5e9 at tier 2 = 8,333.35 + 7,500
    close(tieredCost(1e9, DEFAULT_RATES.lambda.x86, 5.5e9), 15_833.35, 1e-3);
  });
  it('provisioned concurrency: warm pool all month + served GB-s at the PC duration rate', () => {
    // pool = 2 envs × 1 GB × 730 h × 3600 s = 5,256,000 GB-s × $0.0000041667 = $21.9001752
    // served = 1,000,000 × 0.1 s × 1 GB = 100,000 GB-s × $0.0000097222 = $0.97222; requests $0.20; on-demand compute $0
    const c = lambdaCost({ ...base, requestsPerMonth: 1_000_000, avgDurationMs: 100, memoryMB: 1024, provisionedConcurrency: 2 });
    close(c.provisioned, 21.9001752 + 0.97222);
    close(c.compute, 0);
    close(c.total, 23.0723952);
  });
  it('portfolio: free tier taken once, across units', () => {
    // two units × (1M req, 300,000 GB-s): 2M req − 1M free = 1M × $0.20 = $0.20; 600,000 − 400,000 = 200,000 GB-s × $0.0000166667 = $3.33334
    const u = { ...base, requestsPerMonth: 1_000_000, avgDurationMs: 600, memoryMB: 512 };
    const rates = { ...DEFAULT_RATES, lambda: { ...DEFAULT_RATES.lambda, freeTier: true } };
    close(portfolioLambdaCost([u, u], rates), 3.53334);
    // without the free tier: 2 × ($0.20 + 300,000 × 0.0000166667) = 2 × 5.20001 = 10.40002
    close(portfolioLambdaCost([u, u]), 10.40002);
  });
});

describe('Kubernetes cost', () => {
  it('splits a node price with the OpenCost ratio (facts §3.4 table: m6i.large → 0.03125 / 0.004188)', () => {
    const r = nodeUnitRates(DEFAULT_RATES.kubernetes);
    close(r.perVcpuHour, 0.03125, 5e-6);
    close(r.perGiBHour, 0.004188, 5e-6);
    const round = nodeUnitRates(ROUND.kubernetes);
    close(round.perGiBHour, 0.004); // 0.096 / 24
    close(round.perVcpuHour, 0.032); // 0.004 × 8
  });
  it('always-on at low traffic pays for the minimum replicas + a control-plane share', () => {
    // pod = 1 vCPU × $0.032 + 2 GiB × $0.004 = $0.04/h; 2 replicas × 730 h × $0.04 = $58.40; control plane $0.10 × 730 / 4 = $18.25
    const c = kubernetesCost({ ...base, requestsPerMonth: 1000, podCpu: 1, podMemoryGiB: 2, minReplicas: 2 }, ROUND);
    close(c.replicas, 2);
    close(c.compute, 58.4);
    close(c.controlPlane, 18.25);
    close(c.total, 76.65);
  });
  it('always-on at high traffic scales replicas with CPU demand', () => {
    // avg concurrency = 1e8 × 0.5 s / (730 × 3600 s) = 19.0259; vCPU per request = 1769/1769 = 1;
    // replicas = 19.0259 / (1 vCPU × 0.5 utilisation) = 38.0518; compute = 38.0518 × 730 × $0.04 = 1e8 × 0.04 / 3600 = $1,111.11
    const c = kubernetesCost({ ...base, requestsPerMonth: 1e8, avgDurationMs: 500, memoryMB: 1769, podCpu: 1, podMemoryGiB: 2, minReplicas: 1 }, ROUND);
    close(c.replicas, 38.05175, 1e-4);
    close(c.compute, 1111.1111, 1e-3);
  });
  it('scheduled runs pay for duration + start-up only', () => {
    // 30 runs × (20 s + 10 s start-up) = 900 s = 0.25 h × $0.04 = $0.01; + $18.25
    const c = kubernetesCost({ ...base, mode: 'scheduled', requestsPerMonth: 30, avgDurationMs: 20_000, podCpu: 1, podMemoryGiB: 2, minReplicas: 0 }, ROUND);
    close(c.compute, 0.01);
    close(c.total, 18.26);
  });
});

describe('Fargate cost', () => {
  it('rounds pod size up: requests + 256 MB, next valid combination', () => {
    assert.deepEqual(fargatePodSize(0.25, 0.5), { vcpu: 0.25, memoryGB: 1 }); // 0.75 GB → 1 GB
    assert.deepEqual(fargatePodSize(0.29, 0.5), { vcpu: 0.5, memoryGB: 1 }); // 0.29 vCPU → 0.5 row, min 1 GB
    assert.deepEqual(fargatePodSize(1, 2), { vcpu: 1, memoryGB: 3 }); // 2.25 GB → 3 GB
    assert.deepEqual(fargatePodSize(0.1, 1.9), { vcpu: 0.5, memoryGB: 3 }); // 2.15 GB > 2 GB cap of the 0.25 row
    assert.deepEqual(fargatePodSize(8, 20), { vcpu: 8, memoryGB: 24 }); // 20.25 → 4 GB steps from 16: 24
    assert.equal(fargatePodSize(17, 1), null);
  });
  it('always-on and scheduled', () => {
    // 1 vCPU / 3 GB: $0.04048 + 3 × $0.004445 = $0.053815/h; 2 replicas × 730 h = 1,460 h → $78.5699; + $18.25
    const c = fargateCost({ ...base, requestsPerMonth: 1000, podCpu: 1, podMemoryGiB: 2, minReplicas: 2 }, ROUND)!;
    close(c.compute, 78.5699);
    close(c.total, 96.8199);
    // scheduled: 30 runs × max(60 s minimum, 20 + 10 s) = 1,800 s = 0.5 h × $0.053815 = $0.0269075
    const s = fargateCost({ ...base, mode: 'scheduled', requestsPerMonth: 30, avgDurationMs: 20_000, podCpu: 1, podMemoryGiB: 2, minReplicas: 0 }, ROUND)!;
    close(s.compute, 0.0269075);
  });
});

describe('break-even', () => {
  it('scheduled job: control-plane share / (Lambda − pod cost per run)', () => {
    // Lambda per run: 20 s × 1 GB × $0.0000166667 + $0.0000002 = $0.000333534
    // pod per run: 0.5 vCPU × 0.032 + 1 GiB × 0.004 = $0.02/h × 30 s / 3600 = $0.000166667
    // control plane (1 workload) = $73 → break-even = 73 / (0.000333534 − 0.000166667) = 437,474.7 runs
    const rates = { ...ROUND, kubernetes: { ...ROUND.kubernetes, clusterWorkloads: 1 } };
    const be = breakEven({ ...base, mode: 'scheduled', avgDurationMs: 20_000, memoryMB: 1024, podCpu: 0.5, podMemoryGiB: 1, minReplicas: 0 }, rates);
    assert.equal(be.kind, 'at');
    close(be.kind === 'at' ? be.requestsPerMonth : 0, 73 / (0.000333534 - (0.02 * 30) / 3600), 2);
  });
  it('Kubernetes always cheaper when Lambda provisioned concurrency already costs more than the idle pods', () => {
    // PC: 100 envs × 10 GB × 730 h × 3600 × $0.0000041667 ≈ $10,950 vs 1 small pod + $18.25
    assert.deepEqual(breakEven({ ...base, memoryMB: 10_240, provisionedConcurrency: 100 }, ROUND), { kind: 'kubernetes-always' });
  });
  it('Lambda always cheaper when a pod costs more per request than Lambda', () => {
    // a 16 vCPU pod at 5% utilisation for a 128 MB function: pod cost per request ≫ Lambda's
    const rates = { ...ROUND, kubernetes: { ...ROUND.kubernetes, targetUtilization: 0.05 } };
    assert.deepEqual(breakEven({ ...base, memoryMB: 128, podCpu: 16, podMemoryGiB: 64 }, rates), { kind: 'lambda-always' });
  });
});

describe('concurrency check', () => {
  it('peak RPS × duration against 1,000 and the 1,000-per-10 s scaling rate', () => {
    // 5,000 rps × 0.3 s = 1,500 concurrent > 1,000; ceil(1,500 / 1,000) × 10 s = 20 s to reach it
    assert.deepEqual(concurrencyCheck({ ...base, peakRps: 5000, avgDurationMs: 300 }), { peakConcurrency: 1500, exceedsAccount: true, secondsToPeak: 20 });
    // 3,000 rps × 0.3 s = 900: within the default
    assert.equal(concurrencyCheck({ ...base, peakRps: 3000, avgDurationMs: 300 }).exceedsAccount, false);
  });
});

describe('runs per month from schedules', () => {
  it('rate and cron expressions', () => {
    assert.equal(runsPerMonth('rate(5 minutes)', 730), 8760); // 730 h × 12
    assert.equal(runsPerMonth('rate(1 day)', 730), 30); // 730 / 24 = 30.4
    assert.equal(runsPerMonth('cron(0 3 ? * MON-FRI *)', 730), 22); // 1/day × 30.42 days × 5/7
    assert.equal(runsPerMonth('*/15 * * * *', 730), 2920); // 4 × 24 × 30.42
    assert.equal(runsPerMonth('@daily', 730), 30);
    assert.equal(runsPerMonth('not a schedule', 730), undefined);
  });
});
