// Issue #20: every setting of the source is carried, mapped or called out; sizes are the source's, the format's
// documented default, or a placeholder (never a default in disguise); blockers stop a conversion. Each defect of the
// issue has a test here that failed before the fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { analyzeFile, analyzeWorkspace } from '../../../src/core/analyze';
import { convertUnit } from '../../../src/core/convert';
import { EVENT_KEYS } from '../../../src/core/convert/report';
import { runnerFor } from '../../../src/core/convert/to-kubernetes';
import { LAMBDA_FIELDS } from '../../../src/core/convert/to-kubernetes/settings';
import { WORKLOAD_FIELDS } from '../../../src/core/convert/to-lambda';
import { ConvertBlockedError, type ConvertResult } from '../../../src/core/convert/types';
import { assessTexts } from '../../helpers/assessTexts';
import type { Unit } from '../../../src/core/types';
import { validateObject } from './k8sValidate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated objects are walked by known paths
type Obj = Record<string, any>;

const ACCESS_POINT = 'arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0';

/** One function per format with every setting the extractors read. */
const SOURCES: Record<string, { file: string; text: string; unit: string }> = {
  sam: {
    file: 'template.yaml',
    unit: 'WorkerFunction',
    text: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Timeout:
    Type: Number
Resources:
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      FunctionName: worker
      Timeout: !Ref Timeout
      MemorySize: 1024
      EphemeralStorage: { Size: 2048 }
      Architectures: [arm64]
      Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:shared:3]
      ReservedConcurrentExecutions: 5
      Role: arn:aws:iam::123456789012:role/worker
      Tracing: Active
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      FileSystemConfigs: [{ Arn: ${ACCESS_POINT}, LocalMountPath: /mnt/data }]
      DurableConfig: { ExecutionTimeout: 3600, RetentionPeriodInDays: 7 }
      EventInvokeConfig: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 600, DestinationConfig: { OnFailure: { Type: SQS, Destination: arn:aws:sqs:eu-west-1:123456789012:dlq }, OnSuccess: { Type: SQS, Destination: arn:aws:sqs:eu-west-1:123456789012:done } } }
      FunctionUrlConfig: { AuthType: AWS_IAM }
      Environment: { Variables: { STAGE: prod } }
      Events:
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 hour), Enabled: false } }
        Queue: { Type: SQS, Properties: { Queue: arn:aws:sqs:eu-west-1:123456789012:in, BatchSize: 5, FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] }, ScalingConfig: { MaximumConcurrency: 3 }, FunctionResponseTypes: [ReportBatchItemFailures] } }
        Topic: { Type: SNS, Properties: { Topic: arn:aws:sns:eu-west-1:123456789012:t, FilterPolicy: { kind: [a] } } }
        Api: { Type: Api, Properties: { Path: '/todos/{id}', Method: get } }
  Pipeline:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions: { WorkerArn: !GetAtt WorkerFunction.Arn }
`,
  },
  serverless: {
    file: 'serverless.yml',
    unit: 'worker',
    text: `service: svc
provider:
  name: aws
  runtime: python3.12
  tracing: { lambda: true }
functions:
  worker:
    handler: handler.main
    memorySize: \${ssm:/svc/memory}
    architecture: arm64
    layers: [arn:aws:lambda:eu-west-1:123456789012:layer:deps:1]
    reservedConcurrency: 2
    vpc: { subnetIds: [subnet-1], securityGroupIds: [sg-1] }
    fileSystemConfig: { arn: ${ACCESS_POINT}, localMountPath: /mnt/data }
    maximumRetryAttempts: 0
    destinations: { onFailure: arn:aws:sqs:eu-west-1:123456789012:dlq, onSuccess: { type: sqs, arn: arn:aws:sqs:eu-west-1:123456789012:done } }
    url: true
    events:
      - schedule: { rate: cron(0 3 * * ? *), enabled: false }
      - sqs: { arn: arn:aws:sqs:eu-west-1:123456789012:in, batchSize: 4, filterPatterns: [{ body: { kind: [a] } }], maximumConcurrency: 2 }
      - sns: { arn: arn:aws:sns:eu-west-1:123456789012:t, filterPolicy: { kind: [a] } }
`,
  },
  terraform: {
    file: 'main.tf',
    unit: 'worker',
    text: `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/worker"
  timeout       = var.timeout
  memory_size   = 512
  architectures = ["arm64"]
  layers        = ["arn:aws:lambda:eu-west-1:123456789012:layer:shared:3"]
  reserved_concurrent_executions = 3
  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1"
  ephemeral_storage { size = 1024 }
  vpc_config {
    subnet_ids         = ["subnet-1"]
    security_group_ids = ["sg-1"]
  }
  file_system_config {
    arn              = "${ACCESS_POINT}"
    local_mount_path = "/mnt/data"
  }
  dead_letter_config { target_arn = "arn:aws:sqs:eu-west-1:123456789012:dlq" }
}
resource "aws_lambda_function_event_invoke_config" "worker" {
  function_name                = aws_lambda_function.worker.function_name
  maximum_retry_attempts       = 1
  maximum_event_age_in_seconds = 120
  destination_config {
    on_success { destination = aws_sqs_queue.done.arn }
  }
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
  state               = "DISABLED"
}
resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.worker.arn
}
resource "aws_lambda_event_source_mapping" "in" {
  function_name    = aws_lambda_function.worker.arn
  event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:in"
  batch_size       = 5
  enabled          = false
  filter_criteria {
    filter { pattern = "{\\"body\\":{\\"kind\\":[\\"a\\"]}}" }
  }
}
resource "aws_lambda_function_url" "worker" {
  function_name      = aws_lambda_function.worker.function_name
  authorization_type = "NONE"
}
`,
  },
  cdk: {
    file: 'lib/stack.ts',
    unit: 'Worker',
    text: `import { Duration, Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
const common = { runtime: lambda.Runtime.NODEJS_22_X, timeout: Duration.minutes(5), memorySize: 2048, architecture: lambda.Architecture.ARM_64 };
export function build(scope: any, queue: any, vpc: any, ap: any, layer: any, done: any) {
  const fn = new lambda.Function(scope, 'Worker', {
    ...common,
    handler: 'index.handler',
    code: lambda.Code.fromAsset('lambda'),
    ephemeralStorageSize: Size.gibibytes(1),
    layers: [layer],
    vpc,
    filesystem: lambda.FileSystem.fromEfsAccessPoint(ap, '/mnt/data'),
    retryAttempts: 1,
    onSuccess: new SqsDestination(done),
    reservedConcurrentExecutions: 4,
    tracing: lambda.Tracing.ACTIVE,
    durableConfig: { executionTimeout: Duration.hours(1), retentionPeriod: Duration.days(7) },
  });
  fn.addEventSource(new SqsEventSource(queue, { batchSize: 5, enabled: false, filters: [lambda.FilterCriteria.filter({ body: { kind: lambda.FilterRule.isEqual('a') } })] }));
  new events.Rule(scope, 'Nightly', { schedule: events.Schedule.rate(Duration.hours(1)), enabled: false, targets: [new targets.LambdaFunction(fn)] });
  fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
}
`,
  },
};

function unitOf(name: keyof typeof SOURCES): Unit {
  const s = SOURCES[name];
  const u = analyzeWorkspace([{ file: s.file, text: s.text }]).units.find((x) => x.name === s.unit);
  assert.ok(u, `${name}: unit ${s.unit}`);
  return u;
}

/** True when `convert --to kubernetes` refuses the unit for its blockers. */
function refusedByConvert(u: Unit): boolean {
  try {
    convertUnit(u, { to: 'kubernetes' });
    return false;
  } catch (e) {
    return e instanceof ConvertBlockedError;
  }
}

const toK8s = (u: Unit, over: Partial<Parameters<typeof convertUnit>[1]> = {}): ConvertResult =>
  convertUnit(u, { to: 'kubernetes', forceBlockers: true, ...over });
const obj = (r: ConvertResult, kind: string) => r.objects!.find((o) => o.kind === kind) as Obj;
const podOf = (o: Obj): Obj =>
  o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.kind === 'ScaledJob' ? o.spec.jobTargetRef.template.spec : o.spec.template.spec;
const jobOf = (o: Obj): Obj => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec : o.kind === 'ScaledJob' ? o.spec.jobTargetRef : o.spec);

describe('every source setting is carried, mapped or called out (issue #20)', () => {
  for (const format of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) {
    it(`${format}: each unit field and event key the extractor sets has a row in the conversion report`, () => {
      const u = unitOf(format);
      const r = toK8s(u);
      const settings = new Set(
        r.report.map((row) =>
          row.setting
            .replace(/\[\d+\]/g, '[]')
            .replace(/^environment\..*/, 'environment')
            .replace(/^(events\[\])\..*/, '$1'),
        ),
      );
      const internal = Object.entries(LAMBDA_FIELDS)
        .filter(([, d]) => typeof d !== 'function')
        .map(([k]) => k);
      for (const [field, value] of Object.entries(u)) {
        if (value === undefined || internal.includes(field) || (Array.isArray(value) && !value.length)) continue;
        if (field === 'otherSettings') {
          for (const k of value as string[])
            assert.ok(
              r.report.some((row) => row.setting === k && row.became.length > 0),
              `${format}: ${k} has no row`,
            );
          continue;
        }
        const key = Array.isArray(value) ? `${field}[]` : field;
        assert.ok(settings.has(key) || settings.has(field), `${format}: ${field} has no row in CONVERSION.md (rows: ${[...settings].join(', ')})`);
      }
      for (const [i, e] of u.events.entries()) {
        for (const k of Object.keys(e).filter((k) => e[k] !== undefined)) {
          assert.ok((EVENT_KEYS as readonly string[]).includes(k), `${format}: event key ${k} is not in EVENT_KEYS`);
          if (k === 'detail') continue;
          assert.ok(
            r.report.some((row) => row.setting === `events[${i}].${k}`),
            `${format}: events[${i}].${k} has no row`,
          );
        }
      }
      for (const row of r.report) assert.ok(row.became.trim().length > 0, `${row.setting} says what it became`);
      const md = r.files.find((f) => f.path === 'CONVERSION.md')!.content;
      for (const row of r.report) assert.ok(md.includes(`| ${row.setting.replace(/\|/g, '\\|')} |`), `${row.setting} is in CONVERSION.md`);
    });
  }

  it('the OnSuccess destination is read from every source as written, and its row says nothing sends the record from a pod', () => {
    const expected = {
      sam: 'arn:aws:sqs:eu-west-1:123456789012:done',
      serverless: 'arn:aws:sqs:eu-west-1:123456789012:done',
      terraform: 'aws_sqs_queue.done.arn',
      cdk: 'new SqsDestination(done)',
    };
    for (const [format, target] of Object.entries(expected)) {
      const u = unitOf(format as keyof typeof SOURCES);
      assert.equal(u.successTarget, target, format);
      assert.ok(!(u.otherSettings ?? []).some((k) => /success/i.test(k)), `${format}: not also an unmodelled setting`);
      const row = toK8s(u).report.find((r) => r.setting === 'successTarget');
      assert.equal(row?.outcome, 'note', format);
      assert.match(row!.became, /no OnSuccess destination on Kubernetes.*publish it from the handler/, format);
    }
  });

  it('the field tables cover every Unit field both ways (a new field without a mapping fails here and in the type check)', () => {
    const sample: Required<Record<keyof Unit, true>> = Object.fromEntries(Object.keys(LAMBDA_FIELDS).map((k) => [k, true])) as never;
    assert.deepEqual(Object.keys(WORKLOAD_FIELDS).sort(), Object.keys(sample).sort());
  });

  it('SAM: arm64 → nodeSelector, EFS → PV/PVC on the EFS CSI driver, disabled schedule → suspend, reserved concurrency, retries and DLQ, durable → blocker', () => {
    const u = unitOf('sam');
    assert.throws(
      () => convertUnit(u, { to: 'kubernetes' }),
      (e: unknown) => e instanceof ConvertBlockedError && e.blockers.some((b) => /Durable function/.test(b)),
    );
    // Timeout is `!Ref Timeout` without a Default here (a placeholder, tested below); give it the deployed value.
    const r = toK8s({ ...u, timeoutSeconds: 900 }, { namespace: 'w' });
    const cj = obj(r, 'CronJob');
    assert.equal(cj.spec.suspend, true, 'a disabled schedule is suspended, not active');
    const pod = podOf(cj);
    assert.deepEqual(pod.nodeSelector, { 'kubernetes.io/arch': 'arm64' });
    assert.deepEqual(
      pod.containers[0].volumeMounts.find((m: Obj) => m.mountPath === '/mnt/data'),
      { name: 'worker-efs', mountPath: '/mnt/data' },
    );
    assert.equal(obj(r, 'PersistentVolume').spec.csi.driver, 'efs.csi.aws.com');
    assert.equal(obj(r, 'PersistentVolume').spec.csi.volumeHandle, '<FILE_SYSTEM_ID>::fsap-0123456789abcdef0');
    assert.equal(obj(r, 'PersistentVolumeClaim').spec.volumeName, 'worker-efs');
    assert.equal(jobOf(cj).backoffLimit, 1, 'MaximumRetryAttempts');
    assert.equal(cj.spec.startingDeadlineSeconds, 600, 'MaximumEventAgeInSeconds');
    for (const o of r.objects!) validateObject(o as Obj);
    const rows = (s: RegExp) => r.report.filter((row) => s.test(row.setting));
    assert.match(rows(/^layers/)[0].became, /COPY/);
    assert.match(rows(/^vpc$/)[0].became, /Security Groups for Pods/);
    assert.match(rows(/^deadLetterTarget$/)[0].became, /redrive|failed Jobs/);
    assert.match(rows(/^Tracing$/)[0].became, /ADOT|X-Ray/);
    assert.equal(rows(/^durable$/)[0].outcome, 'blocker');
    assert.match(
      r.files.find((f) => f.path === 'Dockerfile')!.content,
      /^# COPY layers\/layer1\/ \/opt\/ +# arn:aws:lambda:eu-west-1:123456789012:layer:shared:3$/m,
    );
    // Forced: every YAML and the Dockerfile start with the blockers.
    for (const f of r.files.filter((f) => /\.yaml$|Dockerfile$/.test(f.path)))
      assert.match(f.content, /^# BLOCKERS[^\n]*\n(#\s+- [^\n]*\n)*#\s+- [^\n]*Durable function/, f.path);
  });

  it('SNS filter policy → subscription filter; SQS filter criteria → a note; maximum concurrency and reserved concurrency → maxReplicaCount', () => {
    const sns = toK8s({ ...unitOf('sam'), durable: undefined, events: [{ type: 'sns', detail: 'T', filterPolicy: { kind: ['a'] } }] });
    assert.match(sns.report.find((row) => row.setting === 'events[0].filterPolicy')!.became, /FilterPolicy on the SNS → SQS subscription/);
    const sqs = toK8s({
      ...unitOf('sam'),
      durable: undefined,
      events: [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:in', filterCriteria: { Filters: [] }, maximumConcurrency: 3, enabled: false }],
    });
    assert.equal(sqs.report.find((row) => row.setting === 'events[0].filterCriteria')!.outcome, 'note');
    assert.equal(obj(sqs, 'ScaledJob').spec.maxReplicaCount, 3);
    assert.equal(obj(sqs, 'ScaledJob').metadata.annotations['autoscaling.keda.sh/paused'], 'true');
  });

  it('function URLs (SAM FunctionUrlConfig, serverless url, Terraform aws_lambda_function_url, CDK addFunctionUrl) become Deployment + Service + Ingress, not Jobs', () => {
    for (const format of ['sam', 'serverless', 'terraform', 'cdk'] as const) {
      const u = unitOf(format);
      const urlOnly = { ...u, durable: undefined, events: u.events.filter((e) => e.functionUrl) };
      assert.equal(urlOnly.events.length, 1, `${format} extracts the function URL`);
      const r = toK8s(urlOnly);
      assert.deepEqual(
        r.objects!.map((o) => o.kind).filter((k) => ['Deployment', 'Service', 'Ingress', 'Job'].includes(k as string)),
        ['Deployment', 'Service', 'Ingress'],
        format,
      );
    }
    const iam = toK8s({ ...unitOf('sam'), durable: undefined, events: unitOf('sam').events.filter((e) => e.functionUrl) });
    assert.equal(obj(iam, 'Ingress').metadata.annotations['alb.ingress.kubernetes.io/scheme'], 'internal', 'an AWS_IAM URL is not published to the internet');
  });

  it('disabled schedules and event source mappings are read in every format', () => {
    for (const format of ['sam', 'serverless', 'terraform', 'cdk'] as const) {
      const disabled = unitOf(format)
        .events.filter((e) => e.enabled === false)
        .map((e) => e.type);
      assert.ok(disabled.includes('schedule') || disabled.includes('sqs'), `${format}: ${JSON.stringify(unitOf(format).events)}`);
    }
  });

  it('a caller that invokes the function by ARN says what to change: a Step Functions task is a note naming eks:runJob.sync', () => {
    const u = unitOf('sam');
    const i = u.events.findIndex((e) => e.invokedBy === 'stepfunctions');
    assert.ok(i >= 0, JSON.stringify(u.events));
    const row = toK8s(u).report.find((r) => r.setting === `events[${i}].invokedBy`);
    assert.equal(row?.outcome, 'note');
    assert.match(row?.became ?? '', /eks:runJob\.sync/);
  });
});

describe('sizes: the source, the documented default, or a placeholder (issue #20)', () => {
  it('serverless.yml without timeout/memorySize gets the provider defaults 6 s / 1024 MB, not 3 s / 128 MB', () => {
    const [u] = analyzeFile('service: s\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  job:\n    handler: h.run\n', 'serverless.yml').units;
    const r = toK8s(u);
    const job = obj(r, 'Job');
    const c = podOf(job).containers[0];
    assert.equal(c.env.find((e: Obj) => e.name === 'LAMBDASHIFT_TIMEOUT_SECONDS').value, '6');
    assert.equal(c.resources.limits.memory, '1024Mi');
    assert.equal(jobOf(job).activeDeadlineSeconds, 66);
    assert.match(r.report.find((row) => row.setting === 'timeoutSeconds')!.value, /Serverless Framework provider default/);
  });

  it('provider-level timeout/memorySize apply to every function', () => {
    const [u] = analyzeFile(
      'service: s\nprovider: { name: aws, runtime: nodejs20.x, timeout: 30, memorySize: 512 }\nfunctions:\n  job:\n    handler: h.run\n',
      'serverless.yml',
    ).units;
    const c = podOf(obj(toK8s(u), 'Job')).containers[0];
    assert.deepEqual([c.env.find((e: Obj) => e.name === 'LAMBDASHIFT_TIMEOUT_SECONDS').value, c.resources.limits.memory], ['30', '512Mi']);
  });

  it('a Terraform var.timeout without a default is a placeholder with a warning, never the 3 s default', () => {
    const u = unitOf('terraform');
    assert.equal(u.timeoutSeconds, undefined);
    assert.equal(u.unresolvedFields?.timeoutSeconds, 'var.timeout');
    const r = toK8s({ ...u, events: [] });
    const job = obj(r, 'Job');
    assert.equal(jobOf(job).activeDeadlineSeconds, '<TIMEOUT_SECONDS_PLUS_ALLOWANCE>');
    assert.equal(podOf(job).containers[0].env.find((e: Obj) => e.name === 'LAMBDASHIFT_TIMEOUT_SECONDS').value, '<TIMEOUT_SECONDS>');
    assert.ok(r.warnings.some((w) => /var\.timeout.*no default was assumed/.test(w)));
    assert.equal(r.report.find((row) => row.setting === 'timeoutSeconds')!.outcome, 'placeholder');
    assert.ok(!JSON.stringify(r.objects).includes('"activeDeadlineSeconds":63'));
  });

  it('serverless ${ssm:…} memory and SAM !Ref without a Default are placeholders too', () => {
    const sls = toK8s(unitOf('serverless'));
    assert.ok(sls.warnings.some((w) => /\$\{ssm:\/svc\/memory\}/.test(w)));
    assert.equal(podOf(obj(sls, 'CronJob')).containers[0].resources.limits.memory, '<MEMORY_MB>Mi');
    assert.equal(unitOf('sam').unresolvedFields?.timeoutSeconds, '!Ref Timeout');
  });

  it('CDK escape hatches on the CfnFunction (addOverride Properties.DurableConfig / Runtime) are read', () => {
    const text = `import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport function f(scope: any) {\n  const fn = new lambda.Function(scope, 'D', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'i.h', code: lambda.Code.fromAsset('x') });\n  const cfnFn = fn.node.defaultChild as lambda.CfnFunction;\n  cfnFn.addOverride('Properties.Runtime', 'nodejs24.x');\n  cfnFn.addOverride('Properties.DurableConfig', { ExecutionTimeout: 900, RetentionPeriodInDays: 14 });\n  cfnFn.addPropertyOverride('TracingConfig', { Mode: 'Active' });\n}\n`;
    const [u] = analyzeFile(text, 'lib/s.ts').units;
    assert.deepEqual([u.runtime, u.durable, u.otherSettings], ['nodejs24.x', { executionTimeoutSeconds: 900, retentionDays: 14 }, ['TracingConfig']]);
  });

  it('CDK props spread from a const object are read (timeout, memory, runtime, architecture)', () => {
    const u = unitOf('cdk');
    assert.deepEqual([u.timeoutSeconds, u.memoryMB, u.runtime, u.architecture], [300, 2048, 'nodejs22.x', 'arm64']);
  });

  it('activeDeadlineSeconds = timeout + the start-up allowance (default 60 s, configurable)', () => {
    const u: Unit = {
      kind: 'lambda-function',
      name: 'Fn',
      file: 't.yaml',
      line: 1,
      source: 'sam',
      runtime: 'nodejs22.x',
      handler: 'a.h',
      timeoutSeconds: 100,
      events: [],
      readiness: {},
    };
    assert.equal(jobOf(obj(toK8s(u), 'Job')).activeDeadlineSeconds, 160);
    assert.equal(jobOf(obj(toK8s(u, { deadlineAllowanceSeconds: 0 }), 'Job')).activeDeadlineSeconds, 100);
    assert.equal(jobOf(obj(toK8s(u, { deadlineAllowanceSeconds: 300 }), 'Job')).activeDeadlineSeconds, 400);
  });
});

describe('images run the handler in its own language (issue #20)', () => {
  const image = (over: Partial<Unit>): Unit => ({
    kind: 'lambda-function',
    name: 'Img',
    file: 't.yaml',
    line: 1,
    source: 'sam',
    packageType: 'Image',
    events: [],
    readiness: {},
    ...over,
  });
  it('a Python image gets the Python runner, never the Node.js one', () => {
    const u = image({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/lambda/python:3.12' });
    assert.equal(runnerFor(u), 'python');
    const r = toK8s(u);
    assert.ok(r.files.some((f) => f.path === 'lambdashift_runner.py'));
    assert.ok(!r.files.some((f) => f.path === 'lambdashift-runner.cjs'));
    assert.match(r.files.find((f) => f.path === 'Dockerfile')!.content, /ENTRYPOINT \["python3", "\/var\/task\/lambdashift_runner\.py"\]/);
  });
  it('an image whose language cannot be told is a blocker, not assumed Node.js', () => {
    assert.throws(
      () => convertUnit(image({ image: 'ImageUri' }), { to: 'kubernetes' }),
      (e: unknown) => e instanceof ConvertBlockedError && /language could not be told/.test(e.blockers[0]),
    );
  });
  it('Java and .NET run through the Runtime Interface Emulator of the AWS base image', () => {
    for (const runtime of ['java21', 'dotnet8']) {
      const r = toK8s({
        kind: 'lambda-function',
        name: 'J',
        file: 't.yaml',
        line: 1,
        source: 'sam',
        runtime,
        handler: 'com.example.Handler::handleRequest',
        events: [{ type: 'schedule', detail: 'rate(1 hour)' }],
        readiness: {},
      });
      assert.deepEqual(r.blockers, []);
      const dockerfile = r.files.find((f) => f.path === 'Dockerfile')!.content;
      assert.match(dockerfile, runtime === 'java21' ? /FROM public\.ecr\.aws\/lambda\/java:21/ : /FROM public\.ecr\.aws\/lambda\/dotnet:8/);
      assert.match(dockerfile, /ENTRYPOINT \["\/bin\/sh", "\/var\/runtime\/lambdashift-rie\.sh"\]/);
      assert.match(r.files.find((f) => f.path === 'lambdashift-rie.sh')!.content, /2015-03-31\/functions\/function\/invocations/);
    }
  });
  it("a function whose runtime the source leaves unresolved gets its handler code's runner, with a note; none is assumed without code", () => {
    const fn = (over: Partial<Unit>): Unit => ({
      kind: 'lambda-function',
      name: 'F',
      file: 'lib/stack.ts',
      line: 1,
      source: 'cdk',
      events: [],
      readiness: {},
      ...over,
    });
    for (const [codeFile, runner, file] of [
      ['src/handler.mjs', 'node', 'lambdashift-runner.cjs'],
      ['src/handler.py', 'python', 'lambdashift_runner.py'],
    ] as const) {
      const u = fn({ handler: 'handler.main', codeFile });
      assert.equal(runnerFor(u), runner);
      const r = convertUnit(u, { to: 'kubernetes' });
      assert.deepEqual(r.blockers, []);
      assert.ok(r.files.some((f) => f.path === file));
      assert.ok(r.notes.some((n) => n.includes("F's runtime is not resolved in lib/stack.ts") && n.includes(codeFile)));
    }
    assert.equal(runnerFor(fn({ codeFile: 'src/Handler.java' })), 'java');
    assert.equal(runnerFor(fn({ codeFile: 'src/Function.cs' })), 'dotnet');
    // A runtime the source does give is never overridden by the code: an OS-only runtime's C# is a native bootstrap.
    assert.equal(runnerFor(fn({ runtime: 'provided.al2023', codeFile: 'src/Function.cs' })), 'unknown');
    assert.throws(
      () => convertUnit(fn({ handler: 'index.handler' }), { to: 'kubernetes' }),
      (e: unknown) => e instanceof ConvertBlockedError && /a function whose runtime and code language are unknown/.test(e.blockers[0]),
    );
  });
  it('the assessment and the conversion agree: iac/pod-entry-point reports exactly the functions convert refuses for want of an entry point', () => {
    const API = '      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /x\n            Method: get\n';
    const QUEUE = '      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:eu-west-1:123456789012:q\n';
    const cases: [string, string, boolean][] = [
      ['provided.al2023', API, true],
      ['go1.x', '', true],
      ['ruby3.3', QUEUE, true],
      ['java21', API, true],
      ['dotnet8', QUEUE, true],
      ['java21', '', false],
      ['dotnet8', '      Events:\n        S:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 hour)\n', false],
      ['python3.13', API, false],
      ['nodejs22.x', QUEUE, false],
      // Behind the Lambda Web Adapter (its layer): the app serves HTTP, and takes queue messages only as the adapter's POSTs.
      ['provided.al2023\n      Layers:\n        - arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:26', API, false],
      ['provided.al2023\n      Layers:\n        - arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:26', QUEUE, true],
    ];
    for (const [runtime, events, gap] of cases) {
      const text = `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: ${runtime}\n${events}`;
      const a = analyzeFile(text, 'template.yaml');
      const reported = a.findings.some((f) => f.ruleId === 'iac/pod-entry-point');
      assert.equal(reported, gap, `${runtime}: reported`);
      assert.equal(refusedByConvert(a.units[0]), gap, `${runtime}: convert refuses`);
    }
  });
  it('…and for image functions, once the workspace join has read (or not found) their Dockerfile', () => {
    const API = '      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /x\n            Method: get\n';
    const QUEUE = '      Events:\n        Q:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:eu-west-1:123456789012:q\n';
    const fn = (name: string, context: string, events = API) =>
      `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n${events}    Metadata:\n      DockerContext: ./${context}\n      Dockerfile: Dockerfile\n`;
    const adapter =
      'FROM node:22-slim\nCOPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1 /lambda-adapter /opt/extensions/lambda-adapter\nCMD ["node", "index.js"]\n';
    const r = assessTexts({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n${fn('Java', 'java')}${fn('Python', 'py')}${fn('Lost', 'lost')}${fn('WebApi', 'web')}${fn('WebQueue', 'web', QUEUE)}`,
      'java/Dockerfile': 'FROM public.ecr.aws/lambda/java:21\nCMD ["com.acme.Handler::handleRequest"]\n',
      'py/Dockerfile': 'FROM public.ecr.aws/lambda/python:3.13\nCMD ["app.handler"]\n',
      'web/Dockerfile': adapter,
    });
    for (const [name, gap] of [
      ['Java', true],
      ['Python', false],
      ['Lost', true],
      // The Lambda Web Adapter copied in: HTTP is served by the app; queue messages were the adapter's POSTs.
      ['WebApi', false],
      ['WebQueue', true],
    ] as const) {
      const unit = r.units.find((u) => u.name === name)!;
      const reported = r.findings.some((f) => f.ruleId === 'iac/pod-entry-point' && f.message.startsWith(`Function ${name} `));
      assert.equal(reported, gap, `${name}: reported`);
      assert.equal(refusedByConvert(unit), gap, `${name}: convert refuses`);
    }
  });
  it('an image serving HTTP through the Lambda Web Adapter runs as it is on its port', () => {
    const r = toK8s(image({ image: 'registry.example/web:1', environment: { AWS_LWA_PORT: '3000' }, events: [{ type: 'http', detail: '/{proxy+}' }] }));
    const c = podOf(obj(r, 'Deployment')).containers[0];
    assert.equal(c.ports[0].containerPort, 3000);
    assert.ok(!c.env.some((e: Obj) => String(e.name).startsWith('LAMBDASHIFT_')));
    // The adapter's own settings stay with the adapter.
    assert.ok(!c.env.some((e: Obj) => String(e.name).startsWith('AWS_LWA_')));
    assert.ok(!r.files.some((f) => /runner/.test(f.path)));
  });
  it('a zip function behind the Lambda Web Adapter (layer and exec wrapper): its handler script starts the app, which the image runs on its port', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Flask:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: app/
      Handler: run.sh
      Runtime: python3.12
      Environment:
        Variables:
          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap
          PORT: 8000
      Layers:
        - !Sub arn:aws:lambda:\${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:26
      FunctionUrlConfig:
        AuthType: NONE
        InvokeMode: RESPONSE_STREAM
      Events:
        Api:
          Type: HttpApi
  Gin:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: gin/
      Handler: bootstrap
      Runtime: provided.al2023
      Layers:
        - !Sub arn:aws:lambda:\${AWS::Region}:753240598075:layer:LambdaAdapterLayerArm64:26
      Events:
        Api:
          Type: HttpApi
`;
    const units = analyzeFile(text, 'template.yaml').units;
    // Not a gap for the assessment either: the program is the app, whatever the runtime.
    assert.ok(!analyzeFile(text, 'template.yaml').findings.some((f) => f.ruleId === 'iac/pod-entry-point'));
    const flask = toK8s(units.find((u) => u.name === 'Flask')!);
    const c = podOf(obj(flask, 'Deployment')).containers[0];
    assert.equal(c.ports[0].containerPort, 8000);
    // No runner settings, PORT once (the function's own, from its ConfigMap), and not the adapter's exec wrapper, which
    // only the adapter reads: CONVERSION.md says it was left out.
    assert.deepEqual(
      c.env.map((e: Obj) => e.name),
      ['AWS_REGION', 'PORT'],
    );
    assert.ok(!JSON.stringify(obj(flask, 'ConfigMap')).includes('AWS_LAMBDA_EXEC_WRAPPER'));
    assert.match(
      flask.files.find((f) => f.path.endsWith('CONVERSION.md'))!.content,
      /\| environment\.AWS_LAMBDA_EXEC_WRAPPER \| \/opt\/bootstrap \| note \| left out: only the Lambda Web Adapter reads it \|/,
    );
    assert.ok(!flask.files.some((f) => /runner/.test(f.path)));
    const dockerfile = flask.files.find((f) => f.path.endsWith('Dockerfile'))!.content;
    assert.match(dockerfile, /^FROM public\.ecr\.aws\/lambda\/python:3\.12$/m);
    assert.match(dockerfile, /^COPY app\/ \/var\/task\/$/m);
    assert.match(dockerfile, /^RUN if \[ -f requirements\.txt \]/m);
    assert.match(dockerfile, /^ENTRYPOINT \["\/var\/task\/run\.sh"\]$/m);
    // The adapter's own layer is not asked for.
    assert.doesNotMatch(dockerfile, /LambdaAdapterLayer/);
    // The app streams as it did; no runner buffers it.
    const report = flask.files.find((f) => f.path.endsWith('CONVERSION.md'))!.content;
    assert.match(report, /\| RESPONSE_STREAM \| carried \| the app's own server answers, streaming as it did behind the adapter \|/);
    const gin = toK8s(units.find((u) => u.name === 'Gin')!);
    assert.equal(podOf(obj(gin, 'Deployment')).containers[0].ports[0].containerPort, 8080);
    const ginDockerfile = gin.files.find((f) => f.path.endsWith('Dockerfile'))!.content;
    assert.match(ginDockerfile, /^FROM public\.ecr\.aws\/lambda\/provided:al2023$/m);
    assert.match(ginDockerfile, /^ENTRYPOINT \["\/var\/task\/bootstrap"\]$/m);
    assert.match(ginDockerfile, /copy its output \(\.aws-sam\/build\/<Function>\) instead/);
  });
  it("says the image's own server answers, on the port its Dockerfile's ENV gives the adapter, and no runner serves 8080", () => {
    const r = toK8s(
      image({
        image: 'registry.example/web:1',
        imageBuild: { dockerfile: 'app/Dockerfile', from: 'python:3.12', webAdapter: true, port: 8000 },
        events: [{ type: 'http', detail: 'ANY /' }],
      }),
    );
    assert.equal(podOf(obj(r, 'Deployment')).containers[0].ports[0].containerPort, 8000);
    const text = JSON.stringify(r);
    assert.match(text, /own server answers on port 8000, as it did behind the Lambda Web Adapter/);
    assert.doesNotMatch(text, /The runner serves HTTP on 8080/);
  });
});

describe('one Deployment serves every HTTP route of its kind (found converting real functions)', () => {
  const routes = (events: string) =>
    analyzeFile(
      `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.13\n      Events:\n${events}`,
      'template.yaml',
    ).units[0];
  const rest = (name: string, path: string, method = 'post') =>
    `        ${name}:\n          Type: Api\n          Properties:\n            Path: ${path}\n            Method: ${method}\n`;
  const paths = (r: ConvertResult) => (obj(r, 'Ingress').spec.rules[0].http.paths as Obj[]).map((p) => p.path);
  it('several REST routes: no blocker, one Ingress path per route, every route mapped', () => {
    // serverless-patterns dynamic-bedrock-svls-sam: five POST routes of one function were refused as "need a workload of their own".
    const r = convertUnit(routes(rest('Image', '/image') + rest('Text', '/text/{model}') + rest('Get', '/text/{model}', 'get')), { to: 'kubernetes' });
    assert.deepEqual(r.blockers, []);
    assert.deepEqual(paths(r), ['/image', '/text/']);
    for (const o of r.objects!) validateObject(o as Obj);
    assert.equal(r.report.filter((row) => /^events\[\d\]\.type$/.test(row.setting) && row.outcome === 'mapped').length, 3);
    assert.ok(r.notes.some((n) => n.startsWith('HTTP (POST /image, POST /text/{model}, GET /text/{model}) → Deployment')));
  });
  it('a route of the whole API makes the one path /', () => {
    assert.deepEqual(paths(convertUnit(routes(rest('Image', '/image') + rest('Any', '/{proxy+}', 'any')), { to: 'kubernetes' })), ['/']);
  });
  it('a WebSocket API route is a blocker: the runner serves requests, not connections', () => {
    const ws: Unit = {
      kind: 'lambda-function',
      name: 'Chat',
      file: 'template.yaml',
      line: 1,
      source: 'sam',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      events: [{ type: 'http', detail: 'websocket $connect', websocket: true, apiGateway: 'websocket' }],
      readiness: {},
    };
    assert.throws(
      () => convertUnit(ws, { to: 'kubernetes' }),
      (e: unknown) =>
        e instanceof ConvertBlockedError &&
        e.blockers.some((b) => b.startsWith('websocket $connect is a WebSocket API route: the runner serves HTTP requests')),
    );
  });
  it('a route whose event has another shape (an HTTP API beside a REST API) still needs a workload of its own', () => {
    const http = '        Fast:\n          Type: HttpApi\n          Properties:\n            Path: /fast\n            Method: get\n';
    assert.throws(
      () => convertUnit(routes(rest('Image', '/image') + http), { to: 'kubernetes' }),
      (e: unknown) =>
        e instanceof ConvertBlockedError && /Only the http trigger is converted; http \(GET \/fast\) need a workload of their own/.test(e.blockers[0]),
    );
  });
});

describe('a deploy hook converted to Lambda says what invokes it now', () => {
  it('a Helm pre-upgrade Job: a warning naming the hook, the event row a note', () => {
    const manifest = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-upgrade\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: acme/migrate:1\n`;
    const u = analyzeFile(manifest, 'k8s/migrate.yaml').units[0];
    const r = convertUnit(u, { to: 'lambda' });
    assert.ok(r.warnings.some((w) => w.startsWith('Job → function with no event: Helm ran it as a Helm pre-upgrade hook. Invoke it from the deployment')));
    assert.ok(!r.notes.some((n) => n.startsWith('Job → function with no event: invoke it (aws lambda invoke')));
    assert.ok(r.report.some((row) => row.setting === 'events[0]' && row.outcome === 'note' && /no deploy phase on Lambda/.test(row.became)));
  });
});

describe('blockers stop a conversion (issue #20)', () => {
  const grpc: Unit = {
    kind: 'k8s-workload',
    name: 'greeter',
    file: 'k8s/greeter.yaml',
    line: 1,
    source: 'kubernetes',
    workloadKind: 'Deployment',
    containers: [{ name: 'greeter', image: 'registry.example/greeter:1', ports: [{ containerPort: 50051, name: 'grpc' }] }],
    events: [{ type: 'http', detail: 'Service greeter 50051→grpc' }],
    readiness: {},
  };
  it('a gRPC service is a blocker for Lambda, not an HTTP API with "Blockers: none"', () => {
    assert.throws(
      () => convertUnit(grpc, { to: 'lambda' }),
      (e: unknown) => e instanceof ConvertBlockedError && /gRPC/.test(e.blockers[0]),
    );
    const r = convertUnit(grpc, { to: 'lambda', forceBlockers: true });
    const template = r.files.find((f) => f.path === 'template.yaml')!.content;
    assert.match(template, /^# BLOCKERS[^\n]*\n#\s+- gRPC service/);
    assert.doesNotMatch(template, /Blockers: none/);
  });
  it('gRPC is recognised from a gRPC probe or a Service port named grpc (microservices-demo adservice shape)', () => {
    const manifest = `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: adservice }\nspec:\n  selector: { matchLabels: { app: adservice } }\n  template:\n    metadata: { labels: { app: adservice } }\n    spec:\n      containers:\n        - name: server\n          image: ads:1\n          ports: [{ containerPort: 9555 }]\n          readinessProbe: { grpc: { port: 9555 } }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: adservice }\nspec:\n  selector: { app: adservice }\n  ports: [{ name: grpc, port: 9555, targetPort: 9555 }]\n`;
    const u = analyzeFile(manifest, 'k8s/ads.yaml').units[0];
    assert.throws(
      () => convertUnit(u, { to: 'lambda' }),
      (e: unknown) =>
        e instanceof ConvertBlockedError &&
        /gRPC service \(container server has a gRPC health probe; Service adservice 9555→9555 carries gRPC \(port name or appProtocol\)\)/.test(e.blockers[0]),
    );
  });

  it('an error finding in the target direction blocks; with consent the files start with it', () => {
    const u: Unit = {
      kind: 'lambda-function',
      name: 'Fn',
      file: 't.yaml',
      line: 1,
      source: 'sam',
      runtime: 'nodejs22.x',
      handler: 'a.h',
      events: [],
      readiness: {},
    };
    const findings = [
      {
        ruleId: 'handler/x',
        category: 'background-work' as const,
        severity: 'error' as const,
        direction: 'to-kubernetes' as const,
        file: 'a.js',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 2,
        message: 'breaks',
      },
    ];
    assert.throws(() => convertUnit(u, { to: 'kubernetes', findings }), ConvertBlockedError);
    const r = convertUnit(u, { to: 'kubernetes', findings, forceBlockers: true });
    assert.match(r.files.find((f) => f.path === 'job.yaml')!.content, /^# BLOCKERS[^\n]*\n#\s+- a\.js:3 handler\/x: breaks\n/);
    assert.doesNotThrow(() => parse(r.files.find((f) => f.path === 'job.yaml')!.content));
  });
});

describe('load balancers and retired runtimes (found converting real functions)', () => {
  it('a Lambda behind an ALB target group (Terraform, CloudFormation) becomes a Deployment serving ALB target events', () => {
    const tf = `resource "aws_lambda_function" "fn" {\n  function_name = "fn"\n  handler = "index.handler"\n  runtime = "nodejs22.x"\n}\nresource "aws_lb_target_group_attachment" "a" {\n  target_group_arn = aws_lb_target_group.tg.arn\n  target_id        = aws_lambda_function.fn.arn\n}\n`;
    const [u] = analyzeFile(tf, 'main.tf').units;
    assert.deepEqual(
      u.events.map((e) => e.alb),
      [true],
    );
    const r = toK8s(u);
    assert.equal(podOf(obj(r, 'Deployment')).containers[0].env.find((e: Obj) => e.name === 'LAMBDASHIFT_HTTP_PAYLOAD').value, 'alb');
    const cfn = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: { Handler: index.handler, Runtime: nodejs22.x }\n  Tg:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties: { TargetType: lambda, Targets: [{ Id: !GetAtt Fn.Arn }] }\n`;
    assert.deepEqual(
      analyzeFile(cfn, 'template.yaml').units[0].events.map((e) => e.alb),
      [true],
    );
  });
  it('a retired Lambda runtime does not block a move to Kubernetes (it becomes a note)', () => {
    const u: Unit = {
      kind: 'lambda-function',
      name: 'Old',
      file: 's.yml',
      line: 1,
      source: 'serverless',
      runtime: 'nodejs12.x',
      handler: 'h.run',
      events: [],
      readiness: {},
    };
    const findings = [
      {
        ruleId: 'iac/deprecated-runtime',
        category: 'deprecated-runtime' as const,
        severity: 'error' as const,
        direction: 'both' as const,
        file: 's.yml',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 2,
        message: 'nodejs12.x is retired.',
      },
    ];
    const r = convertUnit(u, { to: 'kubernetes', findings });
    assert.deepEqual(r.blockers, []);
    assert.ok(r.notes.some((n) => /nodejs12\.x is retired\. The image uses a current base image/.test(n)));
  });
});

describe('KEDA with IRSA (issue #20)', () => {
  it('TriggerAuthentication uses podIdentity provider aws with identityOwner workload, so KEDA assumes the workload role', () => {
    const u: Unit = {
      kind: 'lambda-function',
      name: 'Q',
      file: 't.yaml',
      line: 1,
      source: 'sam',
      runtime: 'nodejs22.x',
      handler: 'a.h',
      events: [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:q' }],
      readiness: {},
    };
    const r = toK8s(u, { identity: 'irsa' });
    assert.deepEqual(obj(r, 'TriggerAuthentication').spec, { podIdentity: { provider: 'aws', identityOwner: 'workload' } });
    assert.equal(obj(r, 'ScaledJob').spec.triggers[0].authenticationRef.name, obj(r, 'TriggerAuthentication').metadata.name);
  });
});
