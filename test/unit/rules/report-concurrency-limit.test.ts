// report/concurrency-limit: peak concurrency (peak rps × duration) against the account quota, per unit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { withReportFindings } from '../../../src/core/report/model';
import { concurrencyLimit } from '../../../src/core/rules/report/concurrency-limit';
import type { AssessResult, Unit } from '../../../src/core/types';

const lambda: Unit = { kind: 'lambda-function', name: 'api', file: 'template.yaml', line: 3, source: 'sam', events: [{ type: 'http' }], readiness: { toKubernetes: 'ready' } };
const workload: Unit = { kind: 'k8s-workload', workloadKind: 'Deployment', name: 'web', file: 'k8s/web.yaml', line: 1, source: 'kubernetes', events: [], readiness: { toLambda: 'ready' } };
const result = (units: Unit[]): AssessResult => ({ schemaVersion: 1, tool: { name: 'lambdashift', version: '0' }, findings: [], units, errors: [], stats: { files: 1, analyzed: 1, skipped: 0, ms: 0 } });
const traffic = (name: string, rps: number, ms: number) => parseConfig(`units:\n  ${name}:\n    peakRps: ${rps}\n    avgDurationMs: ${ms}`).config;
const found = (r: AssessResult) => r.findings.filter((f) => f.ruleId === concurrencyLimit.id);

describe(concurrencyLimit.id, () => {
  describe('valid', () => {
    it('default traffic stays far below the quota', () => assert.deepEqual(found(withReportFindings(result([lambda, workload]))), []));
    it('exactly at the quota is not above it (1,000 rps × 1,000 ms)', () => assert.deepEqual(found(withReportFindings(result([workload]), traffic('web', 1000, 1000))), []));
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
    it('a severity override applies to the report rule too', () => {
      const [f] = found(withReportFindings(result([workload]), traffic('web', 5000, 400), { 'report/concurrency-limit': 'error' }));
      assert.equal(f.severity, 'error');
    });
  });
});
