import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../../helpers/tmp';
import { parse, parseAllDocuments } from 'yaml';
import { helm } from '../../helpers/helm';
import { convertToKubernetes } from '../../../src/core/convert/to-kubernetes';
import { ConvertBlockedError, ConvertError, type ConvertResult } from '../../../src/core/convert/types';
import type { Unit } from '../../../src/core/types';
import { validateObject } from './k8sValidate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated objects are walked by known paths
type Obj = Record<string, any>;

function fn(over: Partial<Unit> = {}): Unit {
  return {
    kind: 'lambda-function',
    name: 'ReportFunction',
    file: 'svc/template.yaml',
    line: 10,
    source: 'sam',
    runtime: 'nodejs22.x',
    handler: 'app.handler',
    codeUri: 'src/',
    timeoutSeconds: 120,
    memoryMB: 1769,
    events: [],
    environment: { STAGE: 'prod', TABLE_NAME: '', API_TOKEN: 'tok_live_abcdef0123456789abcdef', DB_PASSWORD: 'hunter2' },
    readiness: {},
    ...over,
  };
}

const kinds = (r: ConvertResult) => r.objects!.map((o) => o.kind);
const find = (r: ConvertResult, kind: string) => r.objects!.find((o) => o.kind === kind) as Obj;
const podOf = (o: Obj): Obj =>
  o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.kind === 'ScaledJob' ? o.spec.jobTargetRef.template.spec : o.spec.template.spec;
const jobOf = (o: Obj): Obj => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec : o.kind === 'ScaledJob' ? o.spec.jobTargetRef : o.spec);

describe('Lambda → Kubernetes', () => {
  it('a CDK NodejsFunction is bundled from its entry into index.js, run as index.<export>, as the construct deploys it', () => {
    const convert = (over: Partial<Unit>) =>
      convertToKubernetes(
        fn({
          environment: {},
          codeUri: undefined,
          source: 'cdk',
          file: 'app/lib/stack.ts',
          runtime: 'nodejs22.x',
          events: [{ type: 'http', detail: 'ALB' }],
          ...over,
        }),
        { to: 'kubernetes', namespace: 'web', forceBlockers: true },
      );
    const r = convert({ handler: '../lambda/index.handler', codeFile: 'app/lambda/index.ts' });
    const dockerfile = r.files.find((f) => f.path === 'Dockerfile')!.content;
    assert.match(dockerfile, /^COPY \.\/ \.\/$/m);
    assert.match(dockerfile, /esbuild@[\d.]+ app\/lambda\/index\.ts --bundle .* --outfile=\/out\/index\.js$/m);
    const env = podOf(find(r, 'Deployment')).containers[0].env as Obj[];
    assert.equal(env.find((e) => e.name === 'LAMBDASHIFT_HANDLER')?.value, 'index.handler');
    // Code.fromAsset('lambda') with `index.handler`: the folder's own module, not a bundle.
    const plain = convert({ handler: 'index.handler', codeFile: 'app/lambda/index.js', runtime: 'nodejs22.x' });
    assert.equal((podOf(find(plain, 'Deployment')).containers[0].env as Obj[]).find((e) => e.name === 'LAMBDASHIFT_HANDLER')?.value, 'index.handler');
    assert.doesNotMatch(plain.files.find((f) => f.path === 'Dockerfile')!.content, /--outfile=\/out\/index\.js/);
  });

  it("the Dockerfile's code folder for units as assessed (no code path, a code file): the module path's root, a Maven project, a publish folder", () => {
    const dockerfile = (over: Partial<Unit>) =>
      convertToKubernetes(fn({ environment: {}, codeUri: undefined, ...over }), { to: 'kubernetes', namespace: 'jobs', forceBlockers: true }).files.find(
        (f) => f.path === 'Dockerfile',
      )!.content;
    // `pkg.handlers.app.handler` in src/pkg/handlers/app.py: the folder above the package.
    assert.match(
      dockerfile({ runtime: 'python3.12', handler: 'pkg.handlers.app.handler', codeFile: 'svc/src/pkg/handlers/app.py' }),
      /^COPY svc\/src\/ \.\/$/m,
    );
    // A bundle's source that is not where the handler names it keeps the template's folder.
    assert.match(dockerfile({ runtime: 'python3.12', handler: 'index.handler', codeFile: 'svc/lambda/main.py' }), /^COPY svc\/ \.\/$/m);
    assert.match(
      dockerfile({ runtime: 'java21', handler: 'com.acme.Handler::handleRequest', codeFile: 'svc/orders/src/main/java/com/acme/Handler.java' }),
      /^COPY svc\/orders\/target\/classes\/ \/var\/task\/$/m,
    );
    // A CDK asset path that is `dotnet publish` output, from the app's root: copied as it is.
    assert.match(
      dockerfile({
        source: 'cdk',
        file: 'app/src/Infra/Stack.cs',
        runtime: 'dotnet8',
        handler: 'Api::Api.Function::Handle',
        codeUri: './api/bin/Release/net8.0/publish',
        codeFile: 'app/api/Function.cs',
      }),
      /^COPY app\/api\/bin\/Release\/net8\.0\/publish\/ \/var\/task\/$/m,
    );
  });
  it('a polled trigger is a blocker naming the consumer its source needs: shards, Kafka, an Amazon MQ broker', () => {
    const cases: [string, RegExp][] = [
      ['AWS::Kinesis::Stream Clicks.Arn', /checkpointing \(KCL \/ DynamoDB Streams adapter\)/],
      ['AWS::MSK::Cluster Cluster.Arn', /consumer group that commits its offsets, scaled by KEDA apache-kafka/],
      ['Amazon MQ aws_mq_broker.b.arn', /holds its own broker connection and acknowledges messages, scaled by KEDA rabbitmq-queue or activemq/],
    ];
    for (const [detail, consumer] of cases)
      assert.throws(
        () => convertToKubernetes(fn({ events: [{ type: 'stream', detail }] }), { to: 'kubernetes', namespace: 'jobs' }),
        (e: unknown) => e instanceof ConvertBlockedError && e.blockers.some((b) => b.startsWith(`Stream triggers (${detail}) need`) && consumer.test(b)),
        detail,
      );
  });
  const cases: [string, Unit['events'], string[]][] = [
    ['schedule', [{ type: 'schedule', detail: 'cron(0 3 ? * MON-FRI *)' }], ['ServiceAccount', 'ConfigMap', 'CronJob']],
    [
      'sqs',
      [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:exports', batchSize: 5 }],
      ['ServiceAccount', 'ConfigMap', 'TriggerAuthentication', 'ScaledJob'],
    ],
    ['http', [{ type: 'http', detail: 'ANY /orders/{proxy+}' }], ['ServiceAccount', 'ConfigMap', 'Deployment', 'Service', 'Ingress']],
    ['s3', [{ type: 's3', detail: 'UploadsBucket' }], ['ServiceAccount', 'ConfigMap', 'TriggerAuthentication', 'ScaledJob']],
    ['sns', [{ type: 'sns', detail: 'Topic' }], ['ServiceAccount', 'ConfigMap', 'TriggerAuthentication', 'ScaledJob']],
    ['none', [], ['ServiceAccount', 'ConfigMap', 'Job']],
  ];
  for (const identity of ['irsa', 'pod-identity'] as const) {
    for (const [label, events, expected] of cases) {
      it(`${label} (${identity}) → ${expected.slice(-1)[0]}, every object valid against the schemas`, () => {
        const r = convertToKubernetes(fn({ events }), { to: 'kubernetes', identity, namespace: 'jobs' });
        assert.deepEqual(kinds(r), expected);
        for (const o of r.objects!) validateObject(o);
        for (const f of r.files.filter((f) => f.path.endsWith('.yaml'))) validateObject(parse(f.content));
      });
    }
  }

  it('maps timeout, memory, CPU, /tmp, retries and hardening onto the Job', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 'schedule', detail: 'rate(1 hour)' }], ephemeralStorageMB: 2048, memoryMB: 3538 }), {
      to: 'kubernetes',
    });
    const cj = find(r, 'CronJob');
    assert.equal(cj.spec.schedule, '0 * * * *');
    assert.equal(cj.spec.timeZone, 'Etc/UTC');
    assert.ok(cj.spec.concurrencyPolicy);
    assert.equal(typeof cj.spec.startingDeadlineSeconds, 'number');
    const job = jobOf(cj);
    assert.equal(job.activeDeadlineSeconds, 180, 'timeout 120 s + the 60 s start-up allowance');
    assert.equal(job.backoffLimit, 2, 'async invocations retry twice by default');
    assert.ok(job.ttlSecondsAfterFinished > 0);
    const pod = podOf(cj);
    const c = pod.containers[0];
    assert.deepEqual(c.resources.requests, { cpu: '2000m', memory: '3538Mi' });
    assert.equal(c.securityContext.readOnlyRootFilesystem, true);
    assert.equal(c.securityContext.allowPrivilegeEscalation, false);
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(c.readinessProbe, undefined);
    assert.equal(c.livenessProbe, undefined);
    assert.deepEqual(c.volumeMounts, [{ name: 'tmp', mountPath: '/tmp' }]);
    assert.deepEqual(pod.volumes, [{ name: 'tmp', emptyDir: { sizeLimit: '2048Mi' } }]);
    assert.equal(pod.restartPolicy, 'Never');
  });

  it('never copies secret values; secrets become secretKeyRefs to a Secret the user creates, literal config goes to the ConfigMap', () => {
    const r = convertToKubernetes(fn({ events: [] }), { to: 'kubernetes' });
    const all = r.files.map((f) => f.content).join('\n');
    assert.ok(!all.includes('tok_live_abcdef0123456789abcdef'));
    assert.ok(!all.includes('hunter2'));
    assert.ok(!kinds(r).includes('Secret'), 'no Secret with placeholder values to apply over the real one');
    assert.deepEqual(find(r, 'ConfigMap').data, { STAGE: 'prod', TABLE_NAME: 'REPLACE_ME' });
    const env = podOf(find(r, 'Job')).containers[0].env as Obj[];
    assert.deepEqual(env.find((e) => e.name === 'API_TOKEN')!.valueFrom, { secretKeyRef: { name: 'report-secrets', key: 'API_TOKEN' } });
    assert.deepEqual(env.find((e) => e.name === 'STAGE')!.valueFrom, { configMapKeyRef: { name: 'report-config', key: 'STAGE' } });
    assert.ok(r.notes.some((n) => n.includes('default/report-secrets') && n.includes('API_TOKEN, DB_PASSWORD')));
  });

  it('a masked value (***) and a secret under an innocent name become secretKeyRefs, never literal ConfigMap values', () => {
    const environment = {
      DATABASE_URL: 'postgres://app:pa55w0rd@db/orders',
      SOMETHING: 'AKIAIOSFODNN7EXAMPLE',
      MASKED: '***',
      GITHUB_AUTH_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:gh',
    };
    for (const format of ['manifests', 'helm', 'kustomize'] as const) {
      const r = convertToKubernetes(fn({ events: [], environment }), { to: 'kubernetes', format });
      const all = r.files.map((f) => f.content).join('\n');
      for (const canary of ['pa55w0rd', 'AKIAIOSFODNN7EXAMPLE', '***']) assert.ok(!all.includes(canary), `${format}: ${canary}`);
      const env = podOf(find(r, 'Job')).containers[0].env as Obj[];
      for (const n of ['DATABASE_URL', 'SOMETHING', 'MASKED']) assert.equal(env.find((e) => e.name === n)!.valueFrom.secretKeyRef.key, n);
      assert.deepEqual(find(r, 'ConfigMap').data, { GITHUB_AUTH_ARN: environment.GITHUB_AUTH_ARN });
    }
  });

  it('SQS → KEDA ScaledJob with aws-sqs-queue, podIdentity provider aws and the resolved queue URL', () => {
    const r = convertToKubernetes(
      fn({ events: [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:exports', batchSize: 5 }], reservedConcurrency: 7 }),
      { to: 'kubernetes' },
    );
    const sj = find(r, 'ScaledJob');
    assert.equal(sj.spec.maxReplicaCount, 7);
    const trig = sj.spec.triggers[0];
    assert.equal(trig.type, 'aws-sqs-queue');
    assert.equal(trig.metadata.queueURL, 'https://sqs.eu-west-1.amazonaws.com/123456789012/exports');
    assert.equal(trig.metadata.awsRegion, 'eu-west-1');
    assert.equal(trig.metadata.queueLength, '5');
    assert.equal(find(r, 'TriggerAuthentication').spec.podIdentity.provider, 'aws');
    assert.equal(jobOf(sj).backoffLimit, 0);
  });

  it('parameterises a queue given by logical id', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 'sqs', detail: 'ExportQueue.Arn' }] }), { to: 'kubernetes' });
    assert.match(find(r, 'ScaledJob').spec.triggers[0].metadata.queueURL, /^https:\/\/sqs\.<REGION>\.amazonaws\.com\/<ACCOUNT_ID>\/ExportQueue$/);
    assert.ok(r.notes.some((n) => /Queue URL is a placeholder/.test(n)));
  });

  it('routes S3 through SQS with a note and tells the runner to unwrap', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 's3', detail: 'Uploads' }] }), { to: 'kubernetes' });
    assert.ok(r.notes.some((n) => /S3 event notification to an SQS queue/.test(n)));
    const env = podOf(find(r, 'ScaledJob')).containers[0].env as Obj[];
    assert.equal(env.find((e) => e.name === 'LAMBDASHIFT_SQS_ENVELOPE')!.value, 's3');
  });

  it('HTTP → Deployment with probes, Service and Ingress, and a note on serving HTTP', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 'http', detail: 'ANY /orders/{proxy+}' }] }), { to: 'kubernetes' });
    const pod = podOf(find(r, 'Deployment'));
    assert.ok(pod.containers[0].readinessProbe);
    assert.equal(find(r, 'Ingress').spec.rules[0].http.paths[0].path, '/orders/');
    assert.ok(r.notes.some((n) => /many requests at once/.test(n)));
  });

  it('IRSA: ServiceAccount annotation and a trust policy bound to namespace + ServiceAccount', () => {
    const r = convertToKubernetes(fn({ role: 'arn:aws:iam::123456789012:role/report-role' }), { to: 'kubernetes', namespace: 'batch' });
    assert.equal(find(r, 'ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn'], 'arn:aws:iam::123456789012:role/report-role');
    const trust = JSON.parse(r.files.find((f) => f.path === 'iam/trust-policy.json')!.content);
    const st = trust.Statement[0];
    assert.equal(st.Action, 'sts:AssumeRoleWithWebIdentity');
    const cond = st.Condition.StringEquals;
    const sub = Object.keys(cond).find((k) => k.endsWith(':sub'))!;
    assert.equal(cond[sub], 'system:serviceaccount:batch:report');
    assert.equal(cond[sub.replace(/:sub$/, ':aud')], 'sts.amazonaws.com');
  });

  it('Pod Identity: pods.eks.amazonaws.com trust, association file, no role annotation', () => {
    const r = convertToKubernetes(fn(), { to: 'kubernetes', identity: 'pod-identity', namespace: 'batch' });
    assert.equal(find(r, 'ServiceAccount').metadata.annotations['eks.amazonaws.com/role-arn'], undefined);
    const trust = JSON.parse(r.files.find((f) => f.path === 'iam/trust-policy.json')!.content);
    assert.deepEqual(trust.Statement[0].Principal, { Service: 'pods.eks.amazonaws.com' });
    assert.deepEqual(trust.Statement[0].Action, ['sts:AssumeRole', 'sts:TagSession']);
    const assoc = JSON.parse(r.files.find((f) => f.path === 'iam/pod-identity-association.json')!.content);
    assert.deepEqual([assoc.namespace, assoc.serviceAccount], ['batch', 'report']);
  });

  it('fails with the schedule reason when cron cannot express it', () => {
    assert.throws(
      () => convertToKubernetes(fn({ events: [{ type: 'schedule', detail: 'cron(0 0 L * ? *)' }] }), { to: 'kubernetes' }),
      (e: unknown) => e instanceof ConvertError && /L = last day/.test(e.message),
    );
  });

  it('refuses a Kubernetes workload', () => {
    assert.throws(() => convertToKubernetes({ ...fn(), kind: 'k8s-workload' }, { to: 'kubernetes' }), /--to lambda/);
  });

  it('generates a Python runner and Dockerfile for Python functions', () => {
    const r = convertToKubernetes(fn({ runtime: 'python3.12', handler: 'app.lambda_handler' }), { to: 'kubernetes', outDir: 'k8s/report' });
    assert.ok(r.files.some((f) => f.path === 'lambdashift_runner.py'));
    assert.match(r.files.find((f) => f.path === 'Dockerfile')!.content, /FROM python:3\.12-slim[\s\S]*COPY k8s\/report\/lambdashift_runner\.py/);
  });

  it('kustomize output renders with kubectl kustomize into valid objects', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:exports' }] }), {
      to: 'kubernetes',
      format: 'kustomize',
      namespace: 'workers',
    });
    const dir = tempDir('ls-kustomize-');
    try {
      for (const f of r.files) {
        mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
        writeFileSync(path.join(dir, f.path), f.content);
      }
      const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      const docs = parseAllDocuments(out).map((d) => d.toJS() as Obj);
      assert.deepEqual(docs.map((d) => d.kind).sort(), ['ConfigMap', 'ScaledJob', 'ServiceAccount', 'TriggerAuthentication']);
      for (const d of docs) {
        assert.equal(d.metadata.namespace, 'workers');
        validateObject(d);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('helm chart: values.yaml parameterises image, resources, schedule, env, identity; real helm lints and renders it into the release namespace', () => {
    const r = convertToKubernetes(fn({ events: [{ type: 'schedule', detail: 'cron(0 3 ? * MON-FRI *)' }] }), {
      to: 'kubernetes',
      format: 'helm',
      namespace: 'jobs',
    });
    const values = parse(r.files.find((f) => f.path === 'values.yaml')!.content) as Obj;
    for (const k of ['image', 'resources', 'schedule', 'env', 'identity', 'namespace', 'secretName', 'timeoutSeconds', 'deadlineAllowanceSeconds'])
      assert.ok(k in values, k);
    assert.ok(!('secretEnv' in values), 'secret values never have a place in values.yaml');
    const dir = writeChart(r);
    try {
      helm(['lint', dir]);
      // helm install -n decides the namespace: nothing in the templates pins it.
      for (const ns of ['jobs', 'other']) for (const d of renderChart(dir, ns)) assert.equal(d.metadata.namespace, ns, `${d.kind} in ${ns}`);
      const docs = renderChart(dir, 'jobs', [
        '--set',
        'secretName=report-credentials',
        '--set',
        'schedule=*/10 * * * *',
        '--set',
        'image.repository=registry.example/report',
        '--set',
        'image.tag=2.0.0',
        '--set',
        'timeoutSeconds=300',
        '--set',
        'deadlineAllowanceSeconds=30',
      ]);
      const cj = docs.find((d) => d.kind === 'CronJob')!;
      assert.equal(cj.spec.schedule, '*/10 * * * *');
      assert.equal(jobOf(cj).activeDeadlineSeconds, 330);
      const c = podOf(cj).containers[0];
      assert.equal(c.image, 'registry.example/report:2.0.0');
      assert.deepEqual(c.resources, values.resources);
      assert.equal(c.env.find((e: Obj) => e.name === 'DB_PASSWORD').valueFrom.secretKeyRef.name, 'report-credentials');
      assert.equal(c.env.find((e: Obj) => e.name === 'LAMBDASHIFT_TIMEOUT_SECONDS').value, '300');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every generated chart (each workload shape, both identities) passes helm lint and renders valid objects with helm template', () => {
    const shapes: Unit['events'][] = [
      [{ type: 'schedule', detail: 'rate(5 minutes)', enabled: false }],
      [{ type: 'sqs', detail: 'arn:aws:sqs:eu-west-1:123456789012:jobs' }],
      [{ type: 'http', detail: 'GET /todos/{id}', apiGateway: 'rest' }],
      [],
      [{ type: 'sns', detail: 'Topic', filterPolicy: { kind: ['a'] } }],
    ];
    for (const identity of ['irsa', 'pod-identity'] as const) {
      for (const events of shapes) {
        const r = convertToKubernetes(
          fn({
            events,
            architecture: 'arm64',
            fileSystems: [{ accessPoint: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0', mountPath: '/mnt/data' }],
          }),
          { to: 'kubernetes', format: 'helm', identity },
        );
        const dir = writeChart(r);
        try {
          helm(['lint', '--strict', dir]);
          const docs = renderChart(dir, 'team-a');
          assert.deepEqual(docs.map((d) => d.kind).sort(), r.objects!.map((o) => o.kind as string).sort());
          for (const d of docs) validateObject(d);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  });

  it('helm: an unresolved timeout or memory is a required value, never a default', () => {
    const r = convertToKubernetes(
      fn({ timeoutSeconds: undefined, memoryMB: undefined, unresolvedFields: { timeoutSeconds: 'var.timeout', memoryMB: 'var.memory' }, events: [] }),
      { to: 'kubernetes', format: 'helm' },
    );
    const values = parse(r.files.find((f) => f.path === 'values.yaml')!.content) as Obj;
    assert.equal(values.timeoutSeconds, null);
    assert.equal(values.resources, null);
    const dir = writeChart(r);
    try {
      assert.throws(() => renderChart(dir, 'x'), /timeoutSeconds: set the function timeout \(var\.timeout in the source\)|resources: set the memory/);
      const docs = renderChart(dir, 'x', [
        '--set',
        'timeoutSeconds=900',
        '--set-json',
        'resources={"requests":{"cpu":"1","memory":"2Gi"},"limits":{"cpu":"1","memory":"2Gi"}}',
      ]);
      const job = docs.find((d) => d.kind === 'Job')!;
      assert.equal(job.spec.activeDeadlineSeconds, 960);
      validateObject(job);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function writeChart(r: ConvertResult): string {
  const dir = tempDir('ls-chart-');
  for (const f of r.files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.content);
  }
  return dir;
}

/** `helm template` with the real binary (test/helpers/helm.ts), into release namespace `ns`. */
function renderChart(dir: string, ns: string, extra: string[] = []): Obj[] {
  const out = helm(['template', 'rel', dir, '--namespace', ns, ...extra]);
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Obj)
    .filter(Boolean);
}

describe('a function whose code is written inline in its template', () => {
  it('says the image cannot be built until the code is a file of its own (a blocker row), and not otherwise', () => {
    const inline = convertToKubernetes(fn({ inlineCode: true, codeUri: undefined }), { to: 'kubernetes' });
    assert.deepEqual(
      inline.report.filter((r) => r.setting === 'inlineCode').map((r) => r.outcome),
      ['blocker'],
    );
    assert.deepEqual(
      convertToKubernetes(fn(), { to: 'kubernetes' }).report.filter((r) => r.setting === 'inlineCode'),
      [],
    );
  });
});
