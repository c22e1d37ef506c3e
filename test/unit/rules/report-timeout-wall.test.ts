// report/timeout-wall: valid (near misses that stay silent) and invalid (the wall, with the figures and the advice).
// Its docs page, registry entry and messages are checked with every other rule's (test/unit/meta/rules.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/core/config';
import { withReportFindings } from '../../../src/core/report/model';
import { allRuleMetas } from '../../../src/core/rules';
import { timeoutWall } from '../../../src/core/rules/report/timeout-wall';
import type { AssessResult, Unit } from '../../../src/core/types';
import { timeoutWallFindings, type UnitUsage } from '../../../src/core/usage';

function fn(timeout: number, duration: UnitUsage['durationMs'], extra: Partial<Unit> = {}, usage: Partial<UnitUsage> = {}): Unit {
  return {
    kind: 'lambda-function',
    name: 'Worker',
    file: 'template.yaml',
    line: 7,
    source: 'sam',
    timeoutSeconds: timeout,
    events: [{ type: 'sqs', detail: 'Queue' }],
    readiness: {},
    usage: {
      source: 'cloudwatch',
      subject: 'worker',
      from: '2026-11-16T00:00:00Z',
      to: '2026-11-30T00:00:00Z',
      days: 14,
      requests: 100,
      durationMs: duration,
      ...usage,
    },
    ...extra,
  };
}

describe('report/timeout-wall', () => {
  const valid: [string, Unit][] = [
    ['79% of the timeout', fn(100, { avg: 20_000, p99: 60_000, max: 79_000 })],
    ['no measured maximum', fn(100, { avg: 90_000 })],
    ['no measurements at all', { ...fn(100, {}), usage: undefined }],
    [
      'a workload measured by Prometheus',
      {
        ...fn(100, { avg: 99_000 }),
        kind: 'k8s-workload',
        usage: { source: 'prometheus', subject: 'ns/w', from: '', to: '', days: 14, durationMs: { avg: 99_000, max: 99_000 } },
      },
    ],
    ['no timeout known', { ...fn(0, { max: 99_000 }), timeoutSeconds: undefined }],
  ];
  for (const [name, unit] of valid) it(`stays silent: ${name}`, () => assert.deepEqual(timeoutWallFindings([unit]), []));

  it('reports 80% of the timeout with the figures, at the declaration', () => {
    const [f] = timeoutWallFindings([fn(100, { avg: 30_000, p99: 70_000, max: 80_000 })]);
    assert.equal(f.ruleId, 'report/timeout-wall');
    assert.equal(f.category, 'timeout-limit');
    assert.equal(f.severity, 'warning');
    assert.deepEqual([f.file, f.line, f.column, f.unit], ['template.yaml', 7, 1, 'Worker']);
    assert.match(f.message, /^Function Worker ran for up to 80 s over the last 14 days \(p99 70 s, average 30 s\): 80% of its 100 s timeout/);
    // Below Lambda's 900 s cap the first way out is a longer timeout; the three alternatives follow, each with its page.
    assert.match(
      f.message,
      /raise the timeout \(Lambda allows up to 900 s, https:\/\/docs\.aws\.amazon\.com\/lambda\/latest\/dg\/configuration-timeout\.html\)/,
    );
    assert.match(f.message, /durable functions .*lambda-runtime-environment\.html/);
    assert.match(f.message, /Managed Instances \(asynchronous and event-source invocations may run up to 90 min .*lambda-managed-instances\.html\)/);
    assert.match(f.message, /Kubernetes Job .*activeDeadlineSeconds.*workloads\/controllers\/job\//);
  });

  it('says the function timed out when the maximum reached the timeout, and prefers the deployed timeout', () => {
    const [f] = timeoutWallFindings([fn(30, { avg: 20_000, p99: 58_000, max: 60_000 }, {}, { timeoutSeconds: 60 })]);
    assert.match(
      f.message,
      /^Function Worker reached its 60 s timeout over the last 14 days \(maximum duration 60 s, p99 58 s, average 20 s\): invocations were cut off\./,
    );
  });

  it('does not offer a longer timeout at the 900 s cap, and notes that Managed Instances do not lengthen synchronous calls', () => {
    const [f] = timeoutWallFindings([fn(900, { avg: 600_000, p99: 800_000, max: 860_000 }, { events: [{ type: 'http', detail: 'POST /report' }] })]);
    assert.doesNotMatch(f.message, /raise the timeout/);
    assert.match(f.message, /96% of its 900 s timeout/);
    assert.match(f.message, /not synchronous calls like this function's/);
  });

  it('is registered (SARIF, --rule), added by the report and follows severity overrides', () => {
    assert.ok(allRuleMetas.includes(timeoutWall));
    const result: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'lambdashift', version: '0' },
      findings: [],
      units: [fn(60, { max: 60_000 })],
      errors: [],
      stats: { files: 0, analyzed: 0, skipped: 0, ms: 0 },
    };
    const config = parseConfig('').config;
    assert.deepEqual(
      withReportFindings(result, config).findings.map((f) => [f.ruleId, f.severity]),
      [['report/timeout-wall', 'warning']],
    );
    assert.deepEqual(
      withReportFindings(result, config, { 'report/timeout-wall': 'error' }).findings.map((f) => f.severity),
      ['error'],
    );
    assert.deepEqual(withReportFindings(result, config, { 'report/timeout-wall': 'off' }).findings, []);
    // Idempotent: working the report findings out again replaces them.
    assert.equal(withReportFindings(withReportFindings(result, config), config).findings.length, 1);
  });
});
