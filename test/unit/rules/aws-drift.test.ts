import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsToUnit, mergeAwsIntoResult, mergeAwsUnits, type AwsFunctionConfig } from '../../../src/core/model/aws';
import type { AssessResult, Unit } from '../../../src/core/types';

const aws = (c: AwsFunctionConfig): Unit =>
  awsToUnit(
    { config: { Runtime: 'nodejs22.x', Timeout: 30, MemorySize: 512, ...c }, reservedConcurrency: null, eventSourceMappings: [], urls: [] },
    'eu-west-1',
  );
const ws = (u: Partial<Unit> & { name: string }): Unit => ({
  kind: 'lambda-function',
  file: 'template.yaml',
  line: 7,
  source: 'sam',
  events: [],
  readiness: {},
  runtime: 'nodejs22.x',
  timeoutSeconds: 30,
  memoryMB: 512,
  ...u,
});
const drift = (w: Unit[], a: Unit[]) =>
  mergeAwsUnits(w, a).driftFindings.map((f) => ({ file: f.file, line: f.line, unit: f.unit, severity: f.severity, message: f.message }));

describe('aws/drift', () => {
  describe('valid (no drift)', () => {
    const cases: [string, Unit[], Unit[]][] = [
      ['same name, same config', [ws({ name: 'orders' })], [aws({ FunctionName: 'orders' })]],
      ['CloudFormation-generated name, same config', [ws({ name: 'Orders' })], [aws({ FunctionName: 'shop-prod-Orders-a1B2c3D4e5F6' })]],
      [
        'Serverless service-stage-function name',
        [ws({ name: 'orders', source: 'serverless', file: 'serverless.yml' })],
        [aws({ FunctionName: 'shop-dev-orders' })],
      ],
      ['IaC timeout unresolved (undefined) is not drift', [ws({ name: 'orders', timeoutSeconds: undefined })], [aws({ FunctionName: 'orders', Timeout: 60 })]],
      [
        'deployed runtime unknown (image) is not drift',
        [ws({ name: 'orders', runtime: undefined })],
        [aws({ FunctionName: 'orders', Runtime: undefined, PackageType: 'Image' })],
      ],
      [
        'ARN as the declared name',
        [ws({ name: 'arn:aws:lambda:eu-west-1:123456789012:function:orders', source: 'terraform' })],
        [aws({ FunctionName: 'orders' })],
      ],
      [
        'a k8s workload next to the paired function is ignored',
        [ws({ name: 'orders' }), { ...ws({ name: 'orders-worker' }), kind: 'k8s-workload', source: 'kubernetes' }],
        [aws({ FunctionName: 'orders' })],
      ],
      [
        'an ambiguous generated name is neither paired nor called missing',
        [ws({ name: 'Orders', file: 'a.yaml' }), ws({ name: 'Orders', file: 'b.yaml', timeoutSeconds: 900 })],
        [aws({ FunctionName: 'stack-Orders-ABCDEF123' })],
      ],
      [
        'exact name beats a pattern match',
        [ws({ name: 'api-prod-orders' }), ws({ name: 'orders', source: 'serverless', timeoutSeconds: 5 })],
        [aws({ FunctionName: 'api-prod-orders' })],
      ],
    ];
    for (const [name, w, a] of cases) it(name, () => assert.deepEqual(drift(w, a), []));
  });

  describe('invalid', () => {
    it('timeout differs: reported at the IaC declaration', () => {
      assert.deepEqual(drift([ws({ name: 'orders', timeoutSeconds: 30 })], [aws({ FunctionName: 'orders', Timeout: 120 })]), [
        {
          file: 'template.yaml',
          line: 7,
          unit: 'orders',
          severity: 'warning',
          message:
            'orders is deployed with timeout 120 s but template.yaml declares 30 s: the migration would be planned from the wrong value. Redeploy from the IaC or update the IaC to match what runs.',
        },
      ]);
    });
    it('memory differs', () =>
      assert.match(
        drift([ws({ name: 'orders' })], [aws({ FunctionName: 'orders', MemorySize: 1024 })])[0].message,
        /memory 1024 MB but template\.yaml declares 512 MB/,
      ));
    it('runtime differs', () =>
      assert.match(
        drift([ws({ name: 'orders', runtime: 'nodejs20.x' })], [aws({ FunctionName: 'orders' })])[0].message,
        /runtime nodejs22\.x but template\.yaml declares nodejs20\.x/,
      ));
    it('all three differ: three findings', () =>
      assert.equal(drift([ws({ name: 'orders', runtime: 'python3.12', timeoutSeconds: 3, memoryMB: 128 })], [aws({ FunctionName: 'orders' })]).length, 3));
    it('CloudFormation-generated name with a different timeout', () =>
      assert.equal(drift([ws({ name: 'Orders', timeoutSeconds: 900 })], [aws({ FunctionName: 'shop-Orders-9ZYX8WVU7T' })])[0].unit, 'Orders'));
    it('Serverless name with different memory', () =>
      assert.equal(
        drift([ws({ name: 'orders', source: 'serverless', file: 'serverless.yml', memoryMB: 1024 })], [aws({ FunctionName: 'shop-prod-orders' })])[0].file,
        'serverless.yml',
      ));
    it('function missing from IaC: info at aws://lambda/<region>/<name>', () => {
      assert.deepEqual(drift([ws({ name: 'orders' })], [aws({ FunctionName: 'orders' }), aws({ FunctionName: 'cron-cleanup' })]), [
        {
          file: 'aws://lambda/eu-west-1/cron-cleanup',
          line: 1,
          unit: 'cron-cleanup',
          severity: 'info',
          message:
            'Function cron-cleanup is deployed in eu-west-1 but no workspace IaC declares it, so its configuration exists only in the account. Import it into IaC (SAM, CloudFormation, Terraform) before migrating, or confirm it is out of scope.',
        },
      ]);
    });
    it('empty workspace: every function is missing from IaC', () =>
      assert.equal(drift([], [aws({ FunctionName: 'a' }), aws({ FunctionName: 'b' })]).length, 2));
    it('a CFN pattern does not pair a Serverless unit (different naming scheme)', () =>
      assert.match(
        drift([ws({ name: 'Orders', source: 'serverless' })], [aws({ FunctionName: 'stack-Orders-ABCDEF123' })])[0].message,
        /no workspace IaC declares it/,
      ));
  });

  it('mergeAwsIntoResult: keeps workspace units, adds unpaired AWS units, re-attributes findings and recomputes verdicts', () => {
    const result: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'lambdashift', version: '0' },
      findings: [],
      units: [ws({ name: 'Orders' })],
      errors: [],
      stats: { files: 1, analyzed: 1, skipped: 0, ms: 1 },
    };
    const paired = aws({ FunctionName: 'shop-Orders-ABCDEF1234', Timeout: 900 });
    const lone = aws({ FunctionName: 'lone' });
    const merged = mergeAwsIntoResult(result, {
      region: 'eu-west-1',
      units: [paired, lone],
      findings: [
        {
          ruleId: 'iac/timeout-limit',
          category: 'timeout-limit',
          severity: 'warning',
          direction: 'both',
          file: paired.file,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          message: 'm. n.',
          unit: paired.name,
        },
      ],
      errors: [],
      denied: [{ call: 'GetFunctionConcurrency', function: 'lone', leavesUnknown: 'its reserved concurrency' }],
    });
    assert.deepEqual(
      merged.units.map((u) => [u.name, u.source]),
      [
        ['Orders', 'sam'],
        ['lone', 'aws'],
      ],
    );
    const orders = merged.findings
      .filter((f) => f.unit === 'Orders')
      .map((f) => f.ruleId)
      .sort();
    assert.deepEqual(orders, ['aws/drift', 'iac/timeout-limit']);
    assert.equal(merged.units[0].readiness.toKubernetes, 'changes');
    assert.equal(merged.units[1].readiness.toKubernetes, 'ready', 'an info "not in IaC" finding does not change the verdict');
    assert.deepEqual(merged.errors, [
      {
        file: 'aws://lambda/eu-west-1/lone',
        message:
          'GetFunctionConcurrency was denied for lone; unknown as a result: its reserved concurrency. Grant lambda:GetFunctionConcurrency (see docs/inventory.md) to fill it in.',
      },
    ]);
  });
});
