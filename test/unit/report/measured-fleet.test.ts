// Costs at measured usage for a small fleet, worked out by hand. Seven units, both directions: three Lambda functions
// measured by CloudWatch, three workloads measured by Prometheus and one function left on the estimate. Rates are the
// defaults (us-east-1, 730 h): Lambda $0.20 per million requests and $0.0000166667 per GB-s; nodes m6i.large $0.096/h
// split by OpenCost's CPU:RAM ratio; control plane $0.10/h shared by the 7 units.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { buildReportModel, withReportFindings, type UnitRow } from '../../../src/core/report/model';
import { measuredResult, WINDOW } from '../../helpers/measuredFleet';

// OpenCost split of the m6i.large price: ratio r = 0.031611 / 0.004237 = 7.460703…;
// $/GiB-h = 0.096 / (2 × r + 8) = 0.096 / 22.921407 = 0.00418822; $/vCPU-h = 0.00418822 × r = 0.03124710.
const R = 0.031611 / 0.004237;
const PER_GIB = 0.096 / (2 * R + 8);
const PER_VCPU = PER_GIB * R;
const GBS = 0.0000166667;
const PER_REQUEST = 0.2 / 1e6;
const H = 730;
// Control plane: $0.10 × 730 h = $73 a month, shared by 7 units = $10.428571 each.
const CP = (0.1 * 730) / 7;
// 14 days are 1,209,600 s; a 730-h month is 2,628,000 s: a month is 2,628,000 / 1,209,600 = 2.172619 windows.
const MONTH = H * 3600;

const result = measuredResult;
const model = buildReportModel(result, parseConfig('').config);
const row = (name: string): UnitRow => model.units.find((u) => u.name === name)!;
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);
/** The rounded figures written in the comments agree to their last digit. */
const roughly = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-4 * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≉ ${expected}`);

// --- the arithmetic ------------------------------------------------------------------------------------------------
// A api: 12,096,000 × 2.172619 = 26,280,000 requests/month.
//   Lambda: 26.28M × $0.20/M = $5.256; 26,280,000 × 0.1 s × 0.5 GB = 1,314,000 GB-s × 0.0000166667 = $21.90004 → $27.15604.
//   Kubernetes: pod 0.29 vCPU (512/1769 rounded) / 0.5 GiB; average concurrency 26,280,000 × 0.1 / 2,628,000 = 1.0;
//   replicas = 1.0 × (512/1769) / (0.29 × 0.7) = 1.425759; 1.425759 × 730 h × (0.29 × 0.0312471 + 0.5 × 0.0041882)
//   = 1.425759 × 730 × 0.0111557 = $11.6108, + $10.4286 control plane = $22.0394. Kubernetes is cheaper.
const A = { requests: 26_280_000, lambda: 26.28 * 0.2 + 26_280_000 * 0.1 * 0.5 * GBS, replicas: (1.0 * (512 / 1769)) / (0.29 * 0.7) };
const A_K8S = A.replicas * H * (0.29 * PER_VCPU + 0.5 * PER_GIB) + CP;
// Its estimate (no measurements): 1M requests × 200 ms at 512 MB: $0.20 + 100,000 GB-s × 0.0000166667 = $1.86667 on
// Lambda; Kubernetes: 1 replica (the floor) × 730 × 0.0111557 + $10.4286 = $18.5723. Lambda was cheaper: A flips.
const A_EST = { lambda: 0.2 + 100_000 * GBS, kubernetes: 1 * H * (0.29 * PER_VCPU + 0.5 * PER_GIB) + CP };
// B nightly: 14 × 2.172619 = 30.4 → 30 runs a month of 780 s at 1 GB.
//   Lambda: 30 × $0.0000002 = $0.000006; 30 × 780 × 1 = 23,400 GB-s × 0.0000166667 = $0.39000 → $0.390008.
//   Kubernetes (a Job per run): 30 × (780 + 10 s start-up) / 3600 = 6.58333 pod-hours × (0.58 × 0.0312471 + 1 × 0.0041882)
//   = 6.58333 × 0.0223115 = $0.146884, + $10.4286 = $10.5755. Lambda is cheaper.
const B = { lambda: 30 * PER_REQUEST + 30 * 780 * 1 * GBS, kubernetes: ((30 * 790) / 3600) * (0.58 * PER_VCPU + 1 * PER_GIB) + CP };
// C idle: no requests: $0 on Lambda; Kubernetes keeps 1 replica of 0.25 vCPU / 0.5 GiB: 730 × (0.25 × 0.0312471 + 0.5 ×
//   0.0041882) = 730 × 0.0099059 = $7.2313, + $10.4286 = $17.6599.
const C = { lambda: 0, kubernetes: H * (0.25 * PER_VCPU + 0.5 * PER_GIB) + CP };
// D web: 2/s × 2,628,000 s = 5,256,000 requests at 50 ms; Lambda memory = max(1 GiB, 0.5 vCPU × 1769) = 1,024 MB.
//   Lambda: 5.256 × $0.20 = $1.0512; 5,256,000 × 0.05 × 1 = 262,800 GB-s × 0.0000166667 = $4.38001 → $5.43121.
//   Kubernetes as it ran: 2 pods × 730 h × (max(0.5, 0.1) × 0.0312471 + max(1, 0.5) × 0.0041882) = 1,460 × 0.0198118
//   = $28.9252, + $10.4286 = $39.3538. Lambda is cheaper. CPU use 0.1/0.5 = 20%, memory 0.5/1 = 50%;
//   idle share = 1 − (0.1 × 0.0312471 + 0.5 × 0.0041882) / 0.0198118 = 1 − 0.0052188 / 0.0198118 = 73.66%.
const D = {
  requests: 5_256_000,
  lambda: 5.256 * 0.2 + 5_256_000 * 0.05 * 1 * GBS,
  kubernetes: 2 * H * (0.5 * PER_VCPU + 1 * PER_GIB) + CP,
  idle: 1 - (0.1 * PER_VCPU + 0.5 * PER_GIB) / (0.5 * PER_VCPU + 1 * PER_GIB),
};
// E search: 200/s → 525,600,000 requests at 300 ms, Lambda memory = max(2 GiB, 1 vCPU × 1769) = 2,048 MB.
//   Lambda: 525.6 × $0.20 = $105.12; 525,600,000 × 0.3 × 2 = 315,360,000 GB-s × 0.0000166667 = $5,256.0105 → $5,361.1305.
//   Kubernetes: 4 × 730 × (1 × 0.0312471 + 2 × 0.0041882) = 2,920 × 0.0396235 = $115.7006, + $10.4286 = $126.1292.
const E = { lambda: 525.6 * 0.2 + 525_600_000 * 0.3 * 2 * GBS, kubernetes: 4 * H * (1 * PER_VCPU + 2 * PER_GIB) + CP };
// F sale: 1/s → 2,628,000 requests at 2 s, Lambda memory = max(512 MiB, 0.25 × 1769 = 442) = 512 MB.
//   Lambda: 2.628 × $0.20 = $0.5256; 2,628,000 × 2 × 0.5 = 2,628,000 GB-s × 0.0000166667 = $43.80009 → $44.32569.
//   Kubernetes: 2.5 pods × 730 × (max(0.25, 0.12) × 0.0312471 + max(0.5, 0.24) × 0.0041882) = 1,825 × 0.0099059
//   = $18.0783, + $10.4286 = $28.5069.
const F = { lambda: 2.628 * 0.2 + 2_628_000 * 2 * 0.5 * GBS, kubernetes: 2.5 * H * (0.25 * PER_VCPU + 0.5 * PER_GIB) + CP };
// G report (estimated): 1M × $0.20/M = $0.20; 1M × 0.2 s × 0.125 GB = 25,000 GB-s × 0.0000166667 = $0.416668 → $0.616668.
//   Kubernetes: 1 replica × 730 × (0.25 × 0.0312471 + 0.5 × 0.0041882) = $7.2313, + $10.4286 = $17.6599.
const G = { lambda: 0.2 + 1_000_000 * 0.2 * 0.125 * GBS, kubernetes: H * (0.25 * PER_VCPU + 0.5 * PER_GIB) + CP };

describe('costs at measured usage, by hand (7 units, both directions)', () => {
  it('scales the measured window to a month and labels each unit measured or estimated', () => {
    assert.equal(MONTH / WINDOW, 2.1726190476190474);
    assert.equal(row('api').inputs.requestsPerMonth, A.requests);
    assert.equal(row('api').inputs.avgDurationMs, 100);
    assert.equal(row('nightly').inputs.requestsPerMonth, 30);
    assert.equal(row('web').inputs.requestsPerMonth, D.requests);
    assert.equal(row('web').inputs.memoryMB, 1024);
    assert.equal(row('search').inputs.memoryMB, 2048);
    assert.equal(row('sale').inputs.memoryMB, 512);
    assert.deepEqual(
      model.units.map((u) => [u.name, u.basis]),
      [
        ['api', 'measured'],
        ['nightly', 'measured'],
        ['idle', 'measured'],
        ['web', 'measured'],
        ['search', 'measured'],
        ['sale', 'measured'],
        ['report', 'estimated'],
      ],
    );
    assert.match(row('api').inputsSource, /^measured \(CloudWatch, 14 days: requests, duration, peak\)/);
    assert.equal(row('report').inputsSource, 'defaults for http');
  });

  it('prices Lambda functions on their measured requests and duration', () => {
    close(row('api').cost.lambda.total, A.lambda, 'api on Lambda');
    roughly(A.lambda, 27.15604, 'api on Lambda, rounded');
    roughly(A_K8S, 22.0394, 'api on Kubernetes, rounded');
    close(row('api').cost.kubernetes.replicas, A.replicas, 'api replicas');
    close(row('api').cost.kubernetes.total, A_K8S, 'api on Kubernetes');
    close(row('nightly').cost.lambda.total, B.lambda, 'nightly on Lambda');
    close(row('nightly').cost.kubernetes.total, B.kubernetes, 'nightly on Kubernetes');
    roughly(B.lambda, 0.390008, 'nightly on Lambda, rounded');
    roughly(B.kubernetes, 10.5755, 'nightly on Kubernetes, rounded');
    roughly(C.kubernetes, 17.6599, 'idle on Kubernetes, rounded');
    close(row('idle').cost.lambda.total, C.lambda, 'idle on Lambda');
    close(row('idle').cost.kubernetes.total, C.kubernetes, 'idle on Kubernetes');
    close(row('report').cost.lambda.total, G.lambda, 'report on Lambda');
    close(row('report').cost.kubernetes.total, G.kubernetes, 'report on Kubernetes');
  });

  it('prices workloads as their pods ran (max of request and use) and on Lambda at their measured traffic', () => {
    close(row('web').cost.lambda.total, D.lambda, 'web on Lambda');
    close(row('web').cost.kubernetes.total, D.kubernetes, 'web on Kubernetes');
    roughly(D.kubernetes, 39.3538, 'web on Kubernetes, rounded');
    close(row('web').cluster!.utilisation.cpu!, 0.2, 'web CPU use');
    close(row('web').cluster!.utilisation.memory!, 0.5, 'web memory use');
    close(row('web').cluster!.idleShare!, D.idle, 'web idle share');
    roughly(D.idle, 0.7366, 'web idle share, rounded');
    roughly(E.lambda, 5361.1305, 'search on Lambda, rounded');
    roughly(E.kubernetes, 126.1292, 'search on Kubernetes, rounded');
    roughly(F.lambda, 44.32569, 'sale on Lambda, rounded');
    roughly(F.kubernetes, 28.5069, 'sale on Kubernetes, rounded');
    close(row('search').cost.lambda.total, E.lambda, 'search on Lambda');
    close(row('search').cost.kubernetes.total, E.kubernetes, 'search on Kubernetes');
    close(row('sale').cost.lambda.total, F.lambda, 'sale on Lambda');
    close(row('sale').cost.kubernetes.total, F.kubernetes, 'sale on Kubernetes');
  });

  it('ranks the fleet by the monthly difference and works out the split', () => {
    const sp = model.split;
    // Differences (Kubernetes − Lambda): search −5,235.00; api −5.12; web +33.92; sale −15.82; idle +17.66;
    // report +17.04; nightly +10.19. Ranked by size: search, web, idle, report, sale, nightly, api.
    assert.deepEqual(
      sp.rows.map((r) => r.name),
      ['search', 'web', 'idle', 'report', 'sale', 'nightly', 'api'],
    );
    const diff = {
      api: A_K8S - A.lambda,
      nightly: B.kubernetes - B.lambda,
      idle: C.kubernetes - C.lambda,
      web: D.kubernetes - D.lambda,
      search: E.kubernetes - E.lambda,
      sale: F.kubernetes - F.lambda,
      report: G.kubernetes - G.lambda,
    };
    for (const r of sp.rows) close(r.difference, diff[r.name as keyof typeof diff], `${r.name} difference`);
    // Lambda cheaper: nightly, idle, web, report (4); Kubernetes cheaper: api, search, sale (3).
    assert.equal(sp.lambdaCheaper.units, 4);
    assert.equal(sp.kubernetesCheaper.units, 3);
    close(sp.lambdaCheaper.saving, diff.nightly + diff.idle + diff.web + diff.report, 'saving where Lambda is cheaper');
    close(sp.kubernetesCheaper.saving, -(diff.api + diff.search + diff.sale), 'saving where Kubernetes is cheaper');
    const lambdaTotal = A.lambda + B.lambda + C.lambda + D.lambda + E.lambda + F.lambda + G.lambda;
    const k8sTotal = A_K8S + B.kubernetes + C.kubernetes + D.kubernetes + E.kubernetes + F.kubernetes + G.kubernetes;
    close(sp.totals.lambda, lambdaTotal, 'everything on Lambda');
    close(sp.totals.kubernetes, k8sTotal, 'everything on Kubernetes');
    // Today: functions on Lambda, workloads on Kubernetes.
    close(sp.totals.current, A.lambda + B.lambda + C.lambda + G.lambda + D.kubernetes + E.kubernetes + F.kubernetes, 'as they run today');
    close(sp.totals.best, A_K8S + B.lambda + C.lambda + D.lambda + E.kubernetes + F.kubernetes + G.lambda, 'each on its cheaper side');
    // Moves: api to Kubernetes; web to Lambda. search dwarfs the rest: 1 unit of 7 carries 80% of the difference.
    assert.deepEqual(sp.moves, { toLambda: 1, toKubernetes: 1, saving: -diff.api + diff.web });
    assert.deepEqual(sp.pareto, { units: 1, share: 1 / 7, difference: 0.8 });
    assert.deepEqual(sp.basis, { measured: 6, 'partly measured': 0, estimated: 1 });
  });

  it('says where measurements flip the estimate', () => {
    close(row('api').estimate!.lambda, A_EST.lambda, 'api estimate on Lambda');
    close(row('api').estimate!.kubernetes, A_EST.kubernetes, 'api estimate on Kubernetes');
    assert.deepEqual(
      model.split.rows.filter((r) => r.flipped).map((r) => r.name),
      ['search', 'sale', 'api'],
    );
    assert.equal(row('report').estimate, undefined);
  });

  it('checks measured concurrency against the account limit and the scaling rate', () => {
    const sale = row('sale').cost.concurrency;
    assert.equal(sale.peakConcurrency, 10_000);
    assert.equal(sale.basis, 'derived');
    assert.equal(sale.exceedsAccount, true);
    // 1,000 new environments per 10 s: 6,000 in 60 s, below the 9,000 the sale needed.
    assert.deepEqual(sale.burst, { rise: 9000, seconds: 60, allowed: 6000, exceeds: true });
    assert.equal(sale.secondsToPeak, 100);
    assert.equal(row('api').cost.concurrency.basis, 'measured');
    assert.equal(row('api').cost.concurrency.peakConcurrency, 20);
    assert.equal(row('report').cost.concurrency.basis, 'estimated');
    const findings = withReportFindings(result).findings;
    const conc = findings.filter((f) => f.ruleId === 'report/concurrency-limit');
    assert.deepEqual(
      conc.map((f) => f.unit),
      ['sale'],
    );
    assert.match(conc[0].message, /10,000 concurrent Lambda environments, above the account's 1,000 default/);
    assert.match(conc[0].message, /rose by 9,000 within 60 s, faster than the 1,000 new environments per 10 s \(6,000 in 60 s\)/);
    const walls = findings.filter((f) => f.ruleId === 'report/timeout-wall');
    assert.deepEqual(
      walls.map((f) => f.unit),
      ['nightly'],
    );
    assert.match(walls[0].message, /up to 870 s .*97% of its 900 s timeout/);
  });
});

describe('the fleet peak concurrency with the account-wide measurement', () => {
  it('without it: the sum of every unit peak, as if they coincided', () => {
    assert.equal(model.portfolio.concurrencyBasis, 'sum');
    close(
      model.portfolio.peakConcurrency,
      model.units.reduce((s, u) => s + u.cost.concurrency.peakConcurrency, 0),
      'sum',
    );
  });
  it('with it: the account figure replaces the CloudWatch-measured functions; the other units add their peaks', () => {
    const m = buildReportModel(
      { ...result, accountUsage: { source: 'cloudwatch', peakConcurrency: 7, from: '2026-11-16T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', days: 14 } },
      parseConfig('').config,
    );
    const others = m.units.filter((u) => u.usage?.source !== 'cloudwatch');
    assert.ok(others.length > 0 && others.length < m.units.length);
    assert.equal(m.portfolio.concurrencyBasis, 'account');
    assert.equal(m.portfolio.accountPeakConcurrency, 7);
    close(m.portfolio.peakConcurrency, 7 + others.reduce((s, u) => s + u.cost.concurrency.peakConcurrency, 0), 'account + others');
    assert.ok(m.portfolio.peakConcurrency < model.portfolio.peakConcurrency);
  });
});
