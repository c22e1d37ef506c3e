// report/concurrency-limit: peak concurrency (measured, or peak rps × duration) against the account quota, and a
// measured ramp against the per-function scaling rate, per unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { withReportFindings } from '../../../src/core/report/model';
import { concurrencyLimit } from '../../../src/core/rules/report/concurrency-limit';
import type { AssessResult, Unit } from '../../../src/core/types';
import type { UnitUsage } from '../../../src/core/usage';

const lambda: Unit = {
  kind: 'lambda-function',
  name: 'api',
  file: 'template.yaml',
  line: 3,
  source: 'sam',
  events: [{ type: 'http' }],
  readiness: { toKubernetes: 'ready' },
};
const workload: Unit = {
  kind: 'k8s-workload',
  workloadKind: 'Deployment',
  name: 'web',
  file: 'k8s/web.yaml',
  line: 1,
  source: 'kubernetes',
  events: [],
  readiness: { toLambda: 'ready' },
};
const result = (units: Unit[]): AssessResult => ({
  schemaVersion: 1,
  tool: { name: 'lambdashift', version: '0' },
  findings: [],
  units,
  errors: [],
  stats: { files: 1, analyzed: 1, skipped: 0, ms: 0 },
});
const traffic = (name: string, rps: number, ms: number) => parseConfig(`units:\n  ${name}:\n    peakRps: ${rps}\n    avgDurationMs: ${ms}`).config;
const found = (r: AssessResult) => r.findings.filter((f) => f.ruleId === concurrencyLimit.id);
const usage = (u: Partial<UnitUsage>): UnitUsage => ({
  source: 'prometheus',
  subject: 'ns/web',
  from: '2026-11-16T00:00:00Z',
  to: '2026-11-30T00:00:00Z',
  days: 14,
  ...u,
});

describe(concurrencyLimit.id, () => {
  describe('valid', () => {
    it('default traffic stays far below the quota', () => assert.deepEqual(found(withReportFindings(result([lambda, workload]))), []));
    it('exactly at the quota is not above it (1,000 rps × 1,000 ms)', () =>
      assert.deepEqual(found(withReportFindings(result([workload]), traffic('web', 1000, 1000))), []));
    it('a measured ramp Lambda can follow (+5,000 in 60 s; the rate allows 6,000)', () =>
      assert.deepEqual(
        found(
          withReportFindings(
            result([
              {
                ...workload,
                usage: usage({ peakRps: 200, durationMs: { avg: 4000 }, peakConcurrency: 800, concurrencyDerived: true, ramp: { rise: 5000, seconds: 60 } }),
              },
            ]),
          ),
        ),
        [],
      ));
    it('turned off with --rule report/concurrency-limit=off', () =>
      assert.deepEqual(found(withReportFindings(result([workload]), traffic('web', 5000, 400), { 'report/concurrency-limit': 'off' })), []));
  });
  describe('invalid', () => {
    it('a workload moving to Lambda above the quota: warning with the figures', () => {
      const [f] = found(withReportFindings(result([workload]), traffic('web', 5000, 400)));
      assert.equal(f.severity, 'warning');
      assert.equal(f.unit, 'web');
      assert.equal(f.line, 1);
      // 5,000 rps × 0.4 s = 2,000 environments; ceil(2,000 / 1,000) × 10 s = 20 s to scale from zero.
      assert.match(f.message, /about 2,000 concurrent Lambda environments, above the account's 1,000 default, and takes at least 20 s/);
    });
    it('a function already on Lambda: the same figures as info', () => {
      const [f] = found(withReportFindings(result([lambda]), traffic('api', 3000, 500)));
      assert.equal(f.severity, 'info');
      assert.match(f.message, /about 1,500 concurrent/);
    });
    it('a function measured above the quota (ConcurrentExecutions)', () => {
      const [f] = found(
        withReportFindings(
          result([
            { ...lambda, usage: { ...usage({ peakConcurrency: 1450, durationMs: { avg: 300 }, peakRps: 4000 }), source: 'cloudwatch', subject: 'api' } },
          ]),
        ),
      );
      assert.equal(f.severity, 'info');
      assert.match(
        f.message,
        /^Measured over 14 days, 'api' peaked at 1,450 concurrent executions, above the account's 1,000 default, and takes at least 20 s to scale to it from zero\. Request a concurrency quota increase/,
      );
    });
    it('a workload whose measured rate × latency is above the quota and whose ramp outpaces the scaling rate', () => {
      const [f] = found(
        withReportFindings(
          result([
            {
              ...workload,
              usage: usage({ peakRps: 4000, durationMs: { avg: 2000 }, peakConcurrency: 8000, concurrencyDerived: true, ramp: { rise: 7000, seconds: 60 } }),
            },
          ]),
        ),
      );
      assert.match(
        f.message,
        /^At its measured peak of 4000 requests\/s × 2000 ms \(14 days\), 'web' needs about 8,000 concurrent Lambda environments, above the account's 1,000 default, and takes at least 80 s to scale to it from zero; and its concurrency rose by 7,000 within 60 s, faster than the 1,000 new environments per 10 s \(6,000 in 60 s\) Lambda adds per function, so it would be throttled \(HTTP 429\) while scaling\. Request/,
      );
    });
    it('a ramp alone: under the quota at its peak, but rising faster than Lambda scales', () => {
      const [f] = found(
        withReportFindings(
          result([
            {
              ...workload,
              usage: usage({ peakRps: 450, durationMs: { avg: 2000 }, peakConcurrency: 900, concurrencyDerived: true, ramp: { rise: 850, seconds: 5 } }),
            },
          ]),
        ),
      );
      assert.equal(f.severity, 'warning');
      assert.match(
        f.message,
        /^Measured over 14 days, the concurrency 'web' needs on Lambda rose by 850 within 5 s, faster than the 1,000 new environments per 10 s \(500 in 5 s\) Lambda adds per function, so it would be throttled \(HTTP 429\) while scaling\. Smooth the ramp/,
      );
    });
    it('a severity override applies to the report rule too', () => {
      const [f] = found(withReportFindings(result([workload]), traffic('web', 5000, 400), { 'report/concurrency-limit': 'error' }));
      assert.equal(f.severity, 'error');
    });
  });
});
