import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeReadiness, effortSize, unitSummary } from '../../../src/core/report/verdict';
import type { Finding, Unit } from '../../../src/core/types';

const fn: Unit = { kind: 'lambda-function', name: 'Nightly', file: 't.yaml', line: 3, source: 'sam', timeoutSeconds: 900, memoryMB: 1024, events: [{ type: 'schedule', detail: 'rate(1 hour)' }], readiness: {} };
const finding = (severity: Finding['severity'], direction: Finding['direction'], unit = 'Nightly'): Finding => ({ ruleId: 'x/y', category: 'config-risk', severity, direction, file: 't.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'm', unit });

describe('readiness', () => {
  it('is ready with no findings, effort S', () => assert.deepEqual(computeReadiness(fn, []), { toKubernetes: 'ready', effort: 'S', effortPoints: 0 }));
  it('is changes with warnings: 3 points each', () => assert.deepEqual(computeReadiness(fn, [finding('warning', 'to-kubernetes'), finding('warning', 'both')]), { toKubernetes: 'changes', effort: 'M', effortPoints: 6 }));
  it('is blocked by one error: 8 points', () => assert.deepEqual(computeReadiness(fn, [finding('error', 'both'), finding('info', 'both')]), { toKubernetes: 'blocked', effort: 'M', effortPoints: 9 }));
  it('ignores the other direction and other units', () => assert.equal(computeReadiness(fn, [finding('error', 'to-lambda'), finding('error', 'both', 'Other')]).toKubernetes, 'ready'));
  it('workloads get toLambda', () => assert.deepEqual(Object.keys(computeReadiness({ ...fn, kind: 'k8s-workload' }, [])), ['toLambda', 'effort', 'effortPoints']));
  it('sizes points S < 3 ≤ M < 10 ≤ L < 20 ≤ XL', () => assert.deepEqual([2, 3, 9, 10, 19, 20].map(effortSize), ['S', 'M', 'M', 'L', 'L', 'XL']));
});

describe('unitSummary (CodeLens title)', () => {
  it('names timeout, memory, the first trigger and blockers', () => {
    const u = { ...fn, readiness: { toKubernetes: 'blocked' as const } };
    assert.equal(unitSummary(u, [finding('error', 'both'), finding('error', 'to-kubernetes'), finding('warning', 'both')]), 'Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers');
  });
  it('summarises a CronJob with its deadline and extra triggers', () => {
    const u: Unit = { kind: 'k8s-workload', name: 'c', file: 'c.yaml', line: 1, source: 'kubernetes', workloadKind: 'CronJob', activeDeadlineSeconds: 600, events: [{ type: 'schedule', detail: '0 3 * * *' }, { type: 'http' }], readiness: { toLambda: 'changes' } };
    assert.equal(unitSummary(u, []), 'Kubernetes CronJob · 600 s deadline · schedule 0 3 * * * +1 — changes needed');
  });
});
