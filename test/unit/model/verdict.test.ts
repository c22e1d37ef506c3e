import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeReadiness, decidingReasons, effortSize, readinessOf, topReason, unitSummary, verdictOfFinding } from '../../../src/core/report/verdict';
import type { Finding, Unit } from '../../../src/core/types';

const fn: Unit = {
  kind: 'lambda-function',
  name: 'Nightly',
  file: 't.yaml',
  line: 3,
  source: 'sam',
  timeoutSeconds: 900,
  memoryMB: 1024,
  events: [{ type: 'schedule', detail: 'rate(1 hour)' }],
  readiness: {},
};
const finding = (severity: Finding['severity'], direction: Finding['direction'], unit = 'Nightly'): Finding => ({
  ruleId: 'x/y',
  category: 'config-risk',
  severity,
  direction,
  file: 't.yaml',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  message: 'm',
  unit,
});

describe('readiness', () => {
  it('is ready with no findings, effort S', () => assert.deepEqual(computeReadiness(fn, []), { toKubernetes: 'ready', effort: 'S', effortPoints: 0 }));
  it('is changes with warnings: 3 points each', () =>
    assert.deepEqual(computeReadiness(fn, [finding('warning', 'to-kubernetes'), { ...finding('warning', 'both'), message: 'n' }]), {
      toKubernetes: 'changes',
      effort: 'M',
      effortPoints: 6,
    }));
  it('a finding said word for word in two files counts once; the same words from another rule count again', () => {
    const a = { ...finding('warning', 'both'), message: '`lib` is tied to the Lambda runtime.' };
    const inShared = { ...a, file: 'shared.ts', line: 3 };
    assert.equal(computeReadiness(fn, [a, inShared]).effortPoints, 3);
    assert.equal(computeReadiness(fn, [a, inShared, { ...a, ruleId: 'x/z' }]).effortPoints, 6);
    assert.equal(computeReadiness(fn, [a, { ...inShared, severity: 'error' }]).toKubernetes, 'blocked', 'the verdict still takes every finding');
  });
  it('serving gRPC is one redesign however many places say so; other listening-server findings still count', () => {
    const wl: Unit = { ...fn, kind: 'k8s-workload', name: 'basket' };
    const of = (ruleId: string, severity: Finding['severity'], message: string): Finding => ({
      ...finding(severity, 'to-lambda', 'basket'),
      ruleId,
      category: 'listening-server',
      message,
    });
    const proto = of('build/grpc-service', 'error', 'basket serves gRPC service Basket, defined here.');
    const port = of('iac/listening-server', 'error', 'basket exposes gRPC port 81; a gRPC server needs long-lived HTTP/2 connections.');
    const code = of('csharp/listening-server', 'warning', '`MapGrpcService<BasketService>()` serves gRPC on a port.');
    const http = of('iac/listening-server', 'warning', 'basket serves HTTP on port 80.');
    assert.deepEqual(computeReadiness(wl, [proto, port, code]), { toLambda: 'blocked', effort: 'M', effortPoints: 8 });
    assert.equal(computeReadiness(wl, [proto, port, http]).effortPoints, 11);
    // A finding of another category that mentions gRPC is another change.
    assert.equal(computeReadiness(wl, [proto, { ...port, category: 'config-risk' }]).effortPoints, 16);
  });
  it('a service that calls only Lambda is one cause, from the IaC caller and the handler event type alike', () => {
    const of = (ruleId: string, message: string): Finding => ({ ...finding('error', 'to-kubernetes'), ruleId, category: 'event-source', message });
    const iac = of('iac/event-source', 'Nightly is invoked by Firehose delivery stream S, and Firehose data transformation call only Lambda functions.');
    const code = of('java/event-source', '`KinesisFirehoseEvent` is an event of Firehose data transformation, and only a Lambda function can receive it.');
    const cognito = of(
      'go/event-source',
      '`events.CognitoEventUserPoolsPreSignup` is an event of Cognito triggers, and only a Lambda function can receive it.',
    );
    assert.equal(computeReadiness(fn, [iac, code]).effortPoints, 8);
    assert.equal(computeReadiness(fn, [iac, code, cognito]).effortPoints, 16);
    // A warning of the same service (an event-source change, not a redesign) is not that cause.
    assert.equal(computeReadiness(fn, [iac, { ...code, severity: 'warning' }]).effortPoints, 11);
  });
  it('is blocked by one error: 8 points', () =>
    assert.deepEqual(computeReadiness(fn, [finding('error', 'both'), finding('info', 'both')]), { toKubernetes: 'blocked', effort: 'M', effortPoints: 9 }));
  it('ignores the other direction and other units', () =>
    assert.equal(computeReadiness(fn, [finding('error', 'to-lambda'), finding('error', 'both', 'Other')]).toKubernetes, 'ready'));
  it('workloads get toLambda', () =>
    assert.deepEqual(Object.keys(computeReadiness({ ...fn, kind: 'k8s-workload' }, [])), ['toLambda', 'effort', 'effortPoints']));
  it('sizes points S < 3 ≤ M < 10 ≤ L < 20 ≤ XL', () => assert.deepEqual([2, 3, 9, 10, 19, 20].map(effortSize), ['S', 'M', 'M', 'L', 'L', 'XL']));
});

describe('unitSummary (CodeLens title)', () => {
  it('names timeout, memory, the first trigger and blockers', () => {
    const u = { ...fn, readiness: { toKubernetes: 'blocked' as const } };
    assert.equal(
      unitSummary(u, [finding('error', 'both'), finding('error', 'to-kubernetes'), finding('warning', 'both')]),
      'Lambda · 900 s · 1024 MB · schedule rate(1 hour) — 2 blockers',
    );
  });
  it('summarises a CronJob with its deadline and extra triggers', () => {
    const u: Unit = {
      kind: 'k8s-workload',
      name: 'c',
      file: 'c.yaml',
      line: 1,
      source: 'kubernetes',
      workloadKind: 'CronJob',
      activeDeadlineSeconds: 600,
      events: [{ type: 'schedule', detail: '0 3 * * *' }, { type: 'http' }],
      readiness: { toLambda: 'changes' },
    };
    assert.equal(unitSummary(u, []), 'Kubernetes CronJob · 600 s deadline · schedule 0 3 * * * +1 — changes needed');
  });
});

/**
 * What each kind of finding means for a move (docs/readiness.md): blocked = a redesign, changes = code or configuration
 * changes, ready = packaging and configuration only.
 */
describe('verdict semantics', () => {
  const wl: Unit = {
    kind: 'k8s-workload',
    name: 'svc',
    file: 'k8s/svc.yaml',
    line: 4,
    source: 'kubernetes',
    workloadKind: 'Deployment',
    events: [],
    readiness: {},
  };
  const f = (over: Partial<Finding>): Finding => ({ ...finding('warning', 'to-lambda', 'svc'), file: 'k8s/svc.yaml', ...over });
  const table: [string, Unit, Partial<Finding>[], 'ready' | 'changes' | 'blocked'][] = [
    [
      'a deprecated runtime is an upgrade to make on the way to a container, even past its block date (error)',
      fn,
      [{ category: 'deprecated-runtime', severity: 'error', direction: 'both', unit: 'Nightly' }],
      'changes',
    ],
    [
      'a deprecated runtime warning is changes too',
      fn,
      [{ category: 'deprecated-runtime', severity: 'warning', direction: 'both', unit: 'Nightly' }],
      'changes',
    ],
    [
      'an SQS trigger to replace with a KEDA consumer is changes',
      fn,
      [{ category: 'event-source', severity: 'warning', direction: 'to-kubernetes', unit: 'Nightly' }],
      'changes',
    ],
    [
      "a function timeout above Lambda's wall still blocks staying, not moving (other direction ignored)",
      fn,
      [{ category: 'timeout-limit', severity: 'error', direction: 'to-lambda', unit: 'Nightly' }],
      'ready',
    ],
    ['an HTTP app behind an adapter is changes', wl, [{ category: 'listening-server', severity: 'warning' }], 'changes'],
    ['a gRPC server as the interface blocks', wl, [{ category: 'listening-server', severity: 'error' }], 'blocked'],
    ['stateful storage blocks', wl, [{ category: 'stateful-storage', severity: 'error' }], 'blocked'],
    ['memory above 10,240 MB blocks', wl, [{ category: 'resource-limit', severity: 'error' }], 'blocked'],
    [
      'a deprecated-runtime error on a workload (to Lambda) is not capped',
      wl,
      [{ category: 'deprecated-runtime', severity: 'error', direction: 'both' }],
      'blocked',
    ],
    ['notes only: ready', wl, [{ category: 'cold-start-import', severity: 'info' }], 'ready'],
    ['nothing: ready', wl, [], 'ready'],
  ];
  for (const [name, unit, findings, want] of table) {
    it(name, () => {
      const own = findings.map((o) => f({ unit: unit.name, ...o }));
      assert.equal(unit.kind === 'lambda-function' ? readinessOf(unit, own).toKubernetes : readinessOf(unit, own).toLambda, want);
    });
  }
  it('effort counts a capped finding at the weight of its verdict (3), not its severity', () => {
    assert.deepEqual(readinessOf(fn, [f({ category: 'deprecated-runtime', severity: 'error', direction: 'both', unit: 'Nightly' })]), {
      toKubernetes: 'changes',
      effort: 'M',
      effortPoints: 3,
    });
    assert.equal(verdictOfFinding({ category: 'deprecated-runtime', severity: 'error' }, 'to-lambda'), 'blocked');
  });
  it("reasons: findings at the verdict's level, code before build files before manifests, at most three, then the note", () => {
    const own = [
      f({ ruleId: 'iac/listening-server', severity: 'error', message: 'svc exposes gRPC port 7000; more.', file: 'k8s/svc.yaml', line: 20 }),
      f({ ruleId: 'iac/listening-server', severity: 'warning', message: 'svc serves HTTP. More.', file: 'k8s/svc.yaml', line: 21 }),
      f({
        ruleId: 'build/grpc-service',
        severity: 'error',
        message: 'svc serves gRPC service Svc (defined in its build context, svc): more.',
        file: 'svc/svc.proto',
        line: 3,
      }),
      f({
        ruleId: 'handler/listening-server',
        severity: 'error',
        message: '`server` (gRPC server) binds a port, which Lambda cannot accept. Keep it.',
        file: 'svc/server.js',
        line: 9,
      }),
      f({ ruleId: 'iac/stateful-storage', severity: 'error', message: 'another. X.', file: 'helm/svc.yaml', line: 2 }),
    ];
    const u = { ...wl, readiness: readinessOf(wl, own) };
    const reasons = decidingReasons(u, own, 'Go code in svc is not analysed yet: verdict from manifests only');
    assert.deepEqual(
      reasons.map((r) => r.ruleId ?? 'note'),
      ['handler/listening-server', 'build/grpc-service', 'iac/listening-server', 'note'],
    );
    assert.equal(reasons[0].message, '`server` (gRPC server) binds a port, which Lambda cannot accept.');
    assert.equal(topReason({ ...u, decidedBy: reasons }), '`server` (gRPC server) binds a port (server.js:9)');
  });
  it('the top reason never cuts code in backticks at its commas or colons', () => {
    const reason = (message: string) => topReason({ ...wl, decidedBy: [{ ruleId: 'python/event-source', message, file: 'src/t/main.py', line: 51 }] });
    assert.equal(
      reason('`event.get("Records", [])` reads a batch that a Lambda trigger delivers; in a Pod nothing delivers it.'),
      '`event.get("Records", [])` reads a batch that a Lambda trig… (main.py:51)',
    );
    assert.equal(reason('`os.environ["A: B"]` is read here, and more.'), '`os.environ["A: B"]` is read here (main.py:51)');
  });
  it('a ready verdict from manifests alone says so; a ready one with nothing found lists nothing', () => {
    assert.deepEqual(decidingReasons({ ...wl, readiness: { toLambda: 'ready' } }, [], 'no build found for image x: verdict from manifests only'), [
      { message: 'no build found for image x: verdict from manifests only' },
    ]);
    assert.deepEqual(decidingReasons({ ...wl, readiness: { toLambda: 'ready' } }, [f({ severity: 'info' })]), []);
  });
  it('the CodeLens summary names the top reason', () => {
    const u: Unit = {
      ...wl,
      readiness: { toLambda: 'changes' },
      decidedBy: [
        {
          ruleId: 'iac/listening-server',
          severity: 'warning',
          message: 'svc serves HTTP on port 8080, but Lambda delivers requests as events.',
          file: 'k8s/svc.yaml',
          line: 21,
        },
      ],
    };
    assert.equal(unitSummary(u, []), 'Kubernetes Deployment — changes needed: svc serves HTTP on port 8080 (svc.yaml:21)');
  });
  it('two units with one name in different files: findings count only for the unit whose files hold them', () => {
    const a: Unit = { ...wl, file: 'a/svc.yaml' };
    const b: Unit = { ...wl, file: 'b/svc.yaml' };
    const inB = f({ severity: 'error', file: 'b/svc.yaml' });
    assert.equal(computeReadiness(a, [inB], 2).toLambda, 'ready');
    assert.equal(computeReadiness(b, [inB], 2).toLambda, 'blocked');
  });
});
