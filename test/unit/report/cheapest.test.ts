// "Cheapest" in the report is among the platforms a unit can run on (#19): where it runs today, and the other side
// only when its move there is not blocked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../../src/core/config';
import { buildReportModel } from '../../../src/core/report/model';
import type { AssessResult, Unit, Verdict } from '../../../src/core/types';

function result(units: Unit[]): AssessResult {
  return {
    schemaVersion: 1,
    tool: { name: 'lambdashift', version: 't' },
    findings: [],
    units,
    errors: [],
    stats: { files: 0, analyzed: 0, skipped: 0, ms: 0 },
  };
}
// A busy HTTP function: at 50 M requests a month, Kubernetes is far cheaper than Lambda.
const fn = (name: string, verdict: Verdict): Unit => ({
  kind: 'lambda-function',
  name,
  file: `${name}/template.yaml`,
  line: 1,
  source: 'sam',
  memoryMB: 1024,
  events: [{ type: 'http' }],
  readiness: { toKubernetes: verdict },
});
// An idle scheduled workload: Lambda is far cheaper than a pod that runs all month.
const job = (name: string, verdict: Verdict): Unit => ({
  kind: 'k8s-workload',
  name,
  workloadKind: 'Deployment',
  file: `${name}/deploy.yaml`,
  line: 1,
  source: 'kubernetes',
  events: [],
  replicas: 2,
  readiness: { toLambda: verdict },
});

describe('cheapest platform', () => {
  it('a function that can move: the cheaper side; one that is blocked: where it runs', () => {
    const busy = { units: { a: { requestsPerMonth: 50_000_000, avgDurationMs: 300 }, b: { requestsPerMonth: 50_000_000, avgDurationMs: 300 } } };
    const model = buildReportModel(result([fn('a', 'changes'), fn('b', 'blocked')]), { ...defaultConfig(), ...busy });
    const row = (n: string) => model.units.find((u) => u.name === n)!;
    assert.ok(row('a').cost.kubernetes.total < row('a').cost.lambda.total, 'the traffic makes Kubernetes cheaper');
    assert.notEqual(row('a').cost.cheapest, 'lambda');
    assert.equal(row('b').cost.cheapest, 'lambda', 'blocked from Kubernetes: it stays on Lambda');
    assert.deepEqual(model.portfolio.cheaperOn.lambda, ['b']);
  });
  it('a workload that can move: Lambda when cheaper; one that is blocked: its cluster', () => {
    const idle = { units: { c: { requestsPerMonth: 1000, avgDurationMs: 100 }, d: { requestsPerMonth: 1000, avgDurationMs: 100 } } };
    const model = buildReportModel(result([job('c', 'ready'), job('d', 'blocked')]), { ...defaultConfig(), ...idle });
    const row = (n: string) => model.units.find((u) => u.name === n)!;
    assert.ok(row('c').cost.lambda.total < row('c').cost.kubernetes.total);
    assert.equal(row('c').cost.cheapest, 'lambda');
    assert.notEqual(row('d').cost.cheapest, 'lambda', 'blocked from Lambda: Kubernetes or Fargate');
  });
});
