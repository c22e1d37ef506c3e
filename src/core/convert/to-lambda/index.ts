// Kubernetes workload unit → SAM template (AWS::Serverless::Function, container image package). Limits from
// reference §1 (900 s, 128–10,240 MB, 1,769 MB ≈ 1 vCPU), schedules §6.6, Lambda Web Adapter §8.
import { CONVERTED_FROM, type ContainerInfo, type Unit } from '../../types';
import { cronJobToEventBridge } from '../cron';
import { lambdaTrustPolicy, roleArnFor } from '../iam';
import { ConvertBlockedError, ConvertError, type ConvertOptions, type ConvertResult, type GeneratedFile } from '../types';
import { BOOKKEEPING_FIELDS, blockerComments, renderConversionReport, show, type FieldTable, type ReportRow } from '../report';
import { cpuMillisFor } from '../to-kubernetes';
import { num } from '../../model/runtimes';
import { isDeploymentKind } from '../../model/kubernetes';
import { isSecretEntry } from '../../secrets';
import { oneLine } from '../paths';
import { MB_PER_VCPU, cpuToCores, isCopyableValue, k8sName, logicalId, memoryToMiB, toJson, toYaml } from '../util';

type Obj = Record<string, unknown>;

const MAX_TIMEOUT = 900;
const MIN_MEMORY = 128;
const MAX_MEMORY = 10240;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);
/** Lambda sets these itself and rejects them in the function configuration; LAMBDASHIFT_* drive our runner only. */
const RESERVED_ENV =
  /^(AWS_REGION|AWS_DEFAULT_REGION|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_EXECUTION_ENV|AWS_LAMBDA_[A-Z_]+|AWS_XRAY_[A-Z_]+|_HANDLER|_X_AMZN_TRACE_ID|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|TZ|LAMBDASHIFT_[A-Z_]+|PORT|HOSTNAME)$/;

/** MemorySize that gives at least the memory limit and the CPU the Pod requested (CPU scales with memory on Lambda). */
export function memorySizeFor(container: ContainerInfo | undefined): { memoryMB: number; reason: string } {
  const res = container?.resources;
  const mem = memoryToMiB(res?.limits?.memory ?? res?.requests?.memory);
  const cpu = cpuToCores(res?.requests?.cpu ?? res?.limits?.cpu);
  const forCpu = cpu !== undefined ? Math.ceil(cpu * MB_PER_VCPU) : undefined;
  let memoryMB = mem ?? forCpu ?? 512;
  let reason =
    mem !== undefined ? `memory ${res?.limits?.memory ?? res?.requests?.memory}` : forCpu !== undefined ? `CPU ${cpu}` : 'no resources set (default 512 MB)';
  // A CPU that our own Lambda → Kubernetes mapping derived from this memory (rounded up to 10m) is not a real need.
  const ours = mem !== undefined && cpu !== undefined && Math.round(cpu * 1000) === cpuMillisFor(mem);
  if (forCpu !== undefined && mem !== undefined && !ours && forCpu > mem * 1.01) {
    memoryMB = forCpu;
    reason = `CPU ${cpu} vCPU needs ${forCpu} MB at 1,769 MB per vCPU (more than memory ${mem} MiB)`;
  }
  return { memoryMB: Math.min(MAX_MEMORY, Math.max(MIN_MEMORY, memoryMB)), reason };
}

function isUtc(tz: string | undefined): boolean {
  return tz === undefined || UTC_ZONES.has(tz);
}

/**
 * An Argo Rollouts strategy as SAM's gradual deployment of an alias (AutoPublishAlias with a CodeDeploy
 * DeploymentPreference): https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html
 */
const ROLLOUT_NOTES: Record<'canary' | 'blueGreen', string> = {
  canary:
    "Argo Rollouts canary → AutoPublishAlias live with the CodeDeploy DeploymentPreference Canary10Percent5Minutes: each deploy publishes a version, sends it 10 % of the alias's traffic for 5 minutes, then all of it. The Rollout's own steps (setWeight, pause), AnalysisTemplates and traffic router do not carry over: pick the predefined configuration closest to the steps (Canary10Percent5/10/15/30Minutes, Linear10PercentEvery1/2/3/10Minutes) and turn the analysis into CloudWatch alarms (DeploymentPreference.Alarms) or a PreTraffic hook.",
  blueGreen:
    "Argo Rollouts blue-green → AutoPublishAlias live with the CodeDeploy DeploymentPreference AllAtOnce: each deploy publishes a version and moves the alias's traffic to it at once. The preview Service and promotion (autoPromotionEnabled, prePromotionAnalysis) become a PreTraffic hook, a function that tests the new version before the switch; scaleDownDelaySeconds has no counterpart (earlier versions stay published).",
};

export function convertToLambda(unit: Unit, options: ConvertOptions): ConvertResult {
  if (unit.kind !== 'k8s-workload') throw new ConvertError(`${unit.name} is a Lambda function; convert it with --to kubernetes.`);
  const notes: string[] = [];
  const warnings: string[] = [];
  const blockers: string[] = [];
  const rows: ReportRow[] = [];
  const row = (setting: string, value: unknown, outcome: ReportRow['outcome'], became: string) => rows.push({ setting, value: show(value), outcome, became });
  // Our own runner's settings say exactly what the function was (a workload LambdaShift converted from Lambda).
  const runnerEnv = unit.environment ?? {};
  const ownTimeout = num(runnerEnv.LAMBDASHIFT_TIMEOUT_SECONDS);
  const ownMemory = num(runnerEnv.LAMBDASHIFT_MEMORY_MB);
  const sqsEvent = unit.events.find((e) => e.type === 'sqs');
  const kind = unit.workloadKind ?? 'Deployment';
  const served = isDeploymentKind(kind);
  const id = logicalId(unit.name);
  const containers = unit.containers ?? [];
  const main = containers[0];
  if (containers.length > 1)
    blockers.push(
      `${containers.length} containers (${containers.map((c) => c.name).join(', ')}): a function runs one image; sidecars need another home (Lambda extensions, a managed service, or stay on Kubernetes).`,
    );
  if (['StatefulSet', 'DaemonSet'].includes(kind))
    blockers.push(
      `${kind} workloads keep state or run per node; a Lambda function has neither (reference §7). Stay on Kubernetes or redesign around managed storage.`,
    );
  const grpc = grpcSignals(unit);
  if (grpc.length)
    blockers.push(
      `gRPC service (${grpc.join('; ')}): API Gateway and function URLs speak HTTP/1.1 request/response to Lambda, not HTTP/2 gRPC (no streaming, no trailers); an HttpApi would not serve gRPC clients. Keep it on Kubernetes (or ECS), or put a gRPC-to-JSON gateway in front and convert the JSON API.`,
    );

  const props: Obj = { PackageType: 'Image', ImageUri: { Ref: 'ImageUri' } };
  const events: Obj = {};
  // Timeout
  let timeout: number;
  if (served) {
    timeout = 30;
    notes.push('Timeout 30 s for an HTTP service: API Gateway HTTP API integrations time out at 30 s.');
  } else if (ownTimeout !== undefined) {
    timeout = ownTimeout;
    notes.push(
      `Timeout ${ownTimeout} s from LAMBDASHIFT_TIMEOUT_SECONDS (the function's own timeout; activeDeadlineSeconds ${unit.activeDeadlineSeconds ?? '-'} includes the start-up allowance).`,
    );
  } else if (unit.activeDeadlineSeconds !== undefined) {
    if (unit.activeDeadlineSeconds > MAX_TIMEOUT) {
      blockers.push(
        `activeDeadlineSeconds ${unit.activeDeadlineSeconds} exceeds Lambda's 900 s maximum: split the work into steps (Step Functions), use Lambda durable functions for checkpointed long runs, or stay on Kubernetes.`,
      );
      timeout = MAX_TIMEOUT;
    } else timeout = unit.activeDeadlineSeconds;
  } else {
    timeout = MAX_TIMEOUT;
    notes.push(
      `No activeDeadlineSeconds: Timeout is set to the 900 s maximum. Check the job's real duration; if it can exceed 15 minutes, use Step Functions or durable functions instead.`,
    );
  }
  props.Timeout = timeout;

  const mem = ownMemory !== undefined ? { memoryMB: ownMemory, reason: "LAMBDASHIFT_MEMORY_MB (the function's own size)" } : memorySizeFor(main);
  props.MemorySize = mem.memoryMB;
  notes.push(`MemorySize ${mem.memoryMB} MB from ${mem.reason}.`);
  if (unit.architecture === 'arm64') props.Architectures = ['arm64'];
  const tmp = unit.volumes?.find((v) => v.type === 'emptyDir' && (main?.mounts ?? []).includes(`${v.name}:/tmp`));
  const tmpMiB = memoryToMiB(tmp?.sizeLimit);
  if (tmpMiB !== undefined && tmpMiB > 512) props.EphemeralStorage = { Size: Math.min(10240, tmpMiB) };
  const rawMem = memoryToMiB(main?.resources?.limits?.memory ?? main?.resources?.requests?.memory);
  const rawCpu = cpuToCores(main?.resources?.requests?.cpu ?? main?.resources?.limits?.cpu);
  if ((rawMem ?? 0) > MAX_MEMORY || (rawCpu ?? 0) * MB_PER_VCPU > MAX_MEMORY)
    blockers.push(
      `The container asks for more than Lambda's 10,240 MB / ~6 vCPU maximum (memory ${rawMem ?? '-'} MiB, CPU ${rawCpu ?? '-'}); stay on Kubernetes or split the work.`,
    );

  // Environment: names only. ConfigMap/literal values are never copied; a variable that is secret by name, by value
  // (the model shows it as ***) or by source (secretKeyRef, envFrom a Secret) becomes a Secrets Manager reference.
  const env = unit.environment ?? {};
  const names = [...new Set([...containers.flatMap((c) => c.env ?? []), ...Object.keys(env)])].filter((n) => !RESERVED_ENV.test(n)).sort();
  const isSecret = (n: string) => isSecretEntry(n, env[n]);
  const secretId = `${unit.namespace ?? 'default'}/${k8sName(unit.name, 63)}`;
  if (names.length) {
    const vars: Record<string, string> = {};
    const toFill: string[] = [];
    for (const n of names) {
      // A literal, non-secret value (in the manifest or a ConfigMap found beside it) is configuration: carried.
      const literal = literalValue(n, env[n], options.configMaps, unit);
      if (isSecret(n)) vars[n] = `{{resolve:secretsmanager:${secretId}:SecretString:${n}}}`;
      else if (literal !== undefined) vars[n] = literal;
      else {
        vars[n] = 'REPLACE_ME';
        toFill.push(n);
      }
      row(
        `environment.${n}`,
        isSecret(n) ? '(secret)' : (literal ?? '(not a literal)'),
        isSecret(n) ? 'mapped' : literal !== undefined ? 'carried' : 'placeholder',
        isSecret(n) ? `Secrets Manager reference ${secretId}:${n}` : literal !== undefined ? 'Environment.Variables (same value)' : 'REPLACE_ME',
      );
    }
    props.Environment = { Variables: vars };
    const secrets = names.filter(isSecret);
    if (secrets.length)
      notes.push(
        `Secret variables (${secrets.join(', ')}) become Secrets Manager dynamic references to the secret '${secretId}' (JSON keys of the same names); create it before deploying. Their values were not copied. The resolved value is visible in the function configuration; fetch it at run time instead if that matters.`,
      );
    if (toFill.length)
      notes.push(`Environment values to fill (from a ConfigMap or Secret not found beside the workload, or not literal): ${toFill.join(', ')}.`);
  }

  // Trigger
  if (kind === 'CronJob') {
    if (!unit.schedule) throw new ConvertError(`${unit.name}: the CronJob has no schedule to convert.`);
    const r = cronJobToEventBridge(unit.schedule);
    if (!r.ok) throw new ConvertError(`${unit.name}: ${r.error}`);
    if (isUtc(unit.timeZone)) {
      events.Schedule = { Type: 'Schedule', Properties: { Schedule: r.schedule } };
      if (unit.timeZone === undefined)
        notes.push(
          `The CronJob has no timeZone, so it ran in the kube-controller-manager's zone; the EventBridge rule runs in UTC. Set ScheduleV2 with ScheduleExpressionTimezone if the cluster was not on UTC.`,
        );
    } else {
      events.Schedule = { Type: 'ScheduleV2', Properties: { ScheduleExpression: r.schedule, ScheduleExpressionTimezone: unit.timeZone } };
      notes.push(`timeZone ${unit.timeZone} → ScheduleV2 (an AWS::Scheduler::Schedule) with ScheduleExpressionTimezone, which follows daylight saving time.`);
    }
    notes.push(`Schedule '${unit.schedule}' → ${r.schedule} (day-of-week shifted to EventBridge's 1 = SUN; '?' where EventBridge requires it).`);
  } else if (served) {
    const port = main?.ports?.[0]?.containerPort;
    if (port === undefined) {
      if (!sqsEvent)
        blockers.push(
          `The ${kind} exposes no container port, so it looks like a long-running worker or consumer; Lambda needs an event to run (SQS event source mapping, schedule). Move the loop body into a handler for that event, or stay on Kubernetes.`,
        );
    } else {
      events.Http = { Type: 'HttpApi', Properties: { Path: '/{proxy+}', Method: 'ANY' } };
      props.Environment = { Variables: { ...((props.Environment as Obj | undefined)?.Variables as Obj), AWS_LWA_PORT: String(port) } };
      notes.push(
        `HTTP on port ${port} → HttpApi event with the AWS Lambda Web Adapter: add the adapter extension to the image (see Dockerfile.lambda) so the same server runs on Lambda; AWS_LWA_PORT=${port}. Lambda sends one request at a time per environment and freezes it between requests, so background work in the server stops (reference §7).`,
      );
    }
    // An Argo Rollouts strategy: each deploy publishes a version and CodeDeploy shifts the alias's traffic to it.
    if (unit.rolloutStrategy) {
      props.AutoPublishAlias = 'live';
      props.DeploymentPreference = { Type: unit.rolloutStrategy === 'canary' ? 'Canary10Percent5Minutes' : 'AllAtOnce' };
      notes.push(ROLLOUT_NOTES[unit.rolloutStrategy]);
    }
  } else if (kind === 'Job' || kind === 'Pod') {
    const hook = unit.events.find((e) => typeof e.deployHook === 'string');
    if (hook)
      warnings.push(
        `${kind} → function with no event: ${hook.deployHook} ran it as a ${String(hook.detail)}. Invoke it from the deployment that replaces the chart (a CDK Trigger, or a CloudFormation custom resource ordered after the resources it needs), or from a step of the pipeline.`,
      );
    else if (kind === 'Job')
      notes.push('Job → function with no event: invoke it (aws lambda invoke, Step Functions, or an EventBridge rule) where the Job used to be created.');
  }
  if (sqsEvent) {
    const queue = queueArnFromUrl(String(sqsEvent.detail ?? ''));
    events.Queue = {
      Type: 'SQS',
      Properties: {
        Queue: queue ?? 'arn:aws:sqs:<REGION>:<ACCOUNT_ID>:<QUEUE_NAME>',
        BatchSize: typeof sqsEvent.batchSize === 'number' ? sqsEvent.batchSize : 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    };
    notes.push(
      `KEDA aws-sqs-queue (${sqsEvent.detail}) → SQS event source mapping${queue ? ` on ${queue}` : ' (queue ARN placeholder)'}: Lambda polls and deletes the messages itself, so the ${kind === 'ScaledJob' ? 'runner' : 'consumer loop'} is no longer needed${kind === 'ScaledJob' ? '' : '; move the loop body into a handler of SQS events'}. The queue's visibility timeout must be at least the function timeout (6× is recommended).`,
    );
    row(
      'events (KEDA aws-sqs-queue)',
      sqsEvent.detail,
      'mapped',
      `SQS event source mapping, BatchSize ${typeof sqsEvent.batchSize === 'number' ? sqsEvent.batchSize : 10}`,
    );
  }
  if (!served || main?.ports?.length === undefined) {
    notes.push(
      `The image must answer the Lambda Runtime API: add the Runtime Interface Client (aws-lambda-ric / awslambdaric) and a handler that does what the container command${main?.command ? ` (${[...(main.command ?? []), ...(main.args ?? [])].join(' ')})` : ''} did, returning on success and throwing on failure (reference §8).`,
    );
  }
  if (Object.keys(events).length) props.Events = events;

  // Identity
  const files: GeneratedFile[] = [];
  const role = roleArnFor(unit.roleArn ?? unit.role, `${k8sName(unit.name, 63)}-role`);
  if (role.known) {
    props.Role = role.arn;
    notes.push(
      `Role ${role.arn} (from the ${unit.roleArn ? `ServiceAccount ${unit.role ?? ''}'s IRSA annotation or the role marker` : 'ServiceAccount'}): replace its trust policy with iam/lambda-trust-policy.json (lambda.amazonaws.com); its permissions stay.`,
    );
  } else {
    notes.push(
      'No IAM role found on the ServiceAccount: SAM creates a basic execution role; attach the permissions the Pod had (IRSA/Pod Identity role) with Policies, or set Role and give it iam/lambda-trust-policy.json.',
    );
  }
  files.push({ path: 'iam/lambda-trust-policy.json', content: toJson(lambdaTrustPolicy()) });

  const findingBlockers = (options.findings ?? [])
    .filter((f) => f.severity === 'error' && f.direction !== 'to-kubernetes')
    .map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
  blockers.push(...findingBlockers);
  if (blockers.length && !options.forceBlockers) throw new ConvertBlockedError(unit.name, blockers);
  if (unit.generatedFrom)
    notes.push(
      `${unit.name} was converted from ${unit.generatedFrom}: deploy that function's own code (the LambdaShift runner in this image is not needed on Lambda).`,
    );
  rows.push(...describeWorkload(unit, { timeout, memoryMB: mem.memoryMB, role: role.known ? role.arn : undefined, events, props, blockers }));

  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: `${unit.name} (${kind}) converted from Kubernetes by LambdaShift`,
    Parameters: {
      ImageUri: {
        Type: 'String',
        Description: `ECR image URI for ${unit.name} (Lambda pulls images from ECR in the same Region)`,
        Default: main?.image && !/[{}$\s]/.test(main.image) ? main.image : '<ACCOUNT_ID>.dkr.ecr.<REGION>.amazonaws.com/image:tag',
      },
    },
    // The same marker as the Kubernetes annotation, so a later scan knows this function came from the workload.
    Resources: { [id]: { Type: 'AWS::Serverless::Function', Metadata: { [CONVERTED_FROM]: `${unit.file}#${unit.name}` }, Properties: props } },
  };
  const header = [
    ...(blockers.length ? [blockerComments(blockers).trimEnd()] : []),
    `# Generated by LambdaShift from ${oneLine(unit.file)} (${oneLine(kind)} ${oneLine(unit.name)}). Review before deploying. CONVERSION.md lists every setting of the workload and what it became.`,
    ...(blockers.length ? [] : ['# Blockers: none found.']),
    '# Notes:',
    ...notes.map((n) => `#   - ${oneLine(n)}`),
  ].join('\n');
  files.unshift({ path: 'template.yaml', content: `${header}\n${toYaml(template)}` });
  if (served && main?.ports?.length) {
    files.push({
      path: 'Dockerfile.lambda',
      content: [
        `# Generated by LambdaShift: the ${oneLine(unit.name)} image plus the AWS Lambda Web Adapter extension, which forwards Lambda invokes to the HTTP server.`,
        '# Pick the current adapter release from https://github.com/awslabs/aws-lambda-web-adapter and set it below.',
        `FROM public.ecr.aws/awsguru/aws-lambda-adapter:<LWA_VERSION> AS adapter`,
        `FROM ${main.image && !/[{}$\s]/.test(main.image) ? main.image : '<IMAGE>'}`,
        'COPY --from=adapter /lambda-adapter /opt/extensions/lambda-adapter',
        `ENV AWS_LWA_PORT=${main.ports[0].containerPort}`,
        '',
      ].join('\n'),
    });
  }
  files.push({ path: 'CONVERSION.md', content: renderConversionReport(unit, 'Lambda (SAM)', rows, blockers, warnings, notes) });
  return { files, notes, blockers, warnings, report: rows };
}

/** Signs that a workload serves gRPC: a port named grpc, the conventional 50051, a Service port or image naming it. */
export function grpcSignals(unit: Unit): string[] {
  const out: string[] = [];
  for (const [i, c] of (unit.containers ?? []).entries()) {
    // The model marks gRPC health probes by their position (containers.N.probe.grpc).
    if (unit.fieldRanges?.[`containers.${i}.probe.grpc`]) out.push(`container ${c.name} has a gRPC health probe`);
    for (const p of c.ports ?? []) {
      if (/grpc|h2c/i.test(p.name ?? '')) out.push(`container ${c.name} port ${p.containerPort} is named ${p.name}`);
      else if (p.containerPort === 50051) out.push(`container ${c.name} listens on 50051, the gRPC port`);
    }
    if (/grpc/i.test(c.image ?? '') || [...(c.command ?? []), ...(c.args ?? [])].some((a) => /grpc/i.test(a)))
      out.push(`container ${c.name} image or command names gRPC`);
  }
  for (const e of unit.events)
    if (e.type === 'http' && (e.protocol === 'grpc' || /grpc|h2c/i.test(String(e.detail ?? ''))))
      out.push(`${e.detail}${e.protocol === 'grpc' ? ' carries gRPC (port name or appProtocol)' : ''}`);
  return [...new Set(out)];
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → the queue ARN. */
function queueArnFromUrl(u: string): string | undefined {
  const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/([\w.-]+)$/.exec(u);
  return m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined;
}

/** A non-secret literal value for an env var: from the manifest, or from a ConfigMap found beside it (`configMapKeyRef`). */
function literalValue(name: string, value: string | undefined, configMaps: ConvertOptions['configMaps'], unit: Unit): string | undefined {
  if (isCopyableValue(name, value)) return value;
  const ref = unit.envConfigMapRefs?.[name];
  const v = ref ? configMaps?.[ref.configMap]?.[ref.key] : undefined;
  return isCopyableValue(name, v) ? v : undefined;
}

interface Decided {
  timeout: number;
  memoryMB: number;
  role?: string;
  events: Obj;
  props: Obj;
  blockers: string[];
}

type DescribeWorkload = (unit: Unit, d: Decided) => ReportRow[];
const r = (setting: string, value: unknown, outcome: ReportRow['outcome'], became: string): ReportRow => ({ setting, value: show(value), outcome, became });

/** Kubernetes → Lambda: what each workload field became (environment and SQS rows are added where they are decided). */
export const WORKLOAD_FIELDS: FieldTable<DescribeWorkload> = {
  ...BOOKKEEPING_FIELDS,
  name: { internal: 'names the function (logical id)' },
  file: { internal: 'recorded in the converted-from Metadata' },
  environment: { internal: 'one row per variable, written where the values are decided' },
  envConfigMapRefs: { internal: 'used to carry ConfigMap values' },
  rolloutStrategy: (u) => [
    r(
      'rolloutStrategy',
      u.rolloutStrategy,
      'mapped',
      `AutoPublishAlias live, DeploymentPreference ${u.rolloutStrategy === 'canary' ? 'Canary10Percent5Minutes' : 'AllAtOnce'} (CodeDeploy shifts the alias's traffic; the Rollout's steps, analysis and preview Service do not carry over)`,
    ),
  ],
  workloadKind: (u, d) => [
    r(
      'workloadKind',
      u.workloadKind,
      u.workloadKind === 'StatefulSet' || u.workloadKind === 'DaemonSet' ? 'blocker' : 'mapped',
      d.props.Events
        ? `function with ${Object.values(d.events)
            .map((e) => (e as Obj).Type)
            .join(', ')} event`
        : 'function without an event (invoke it)',
    ),
  ],
  namespace: (u) => [r('namespace', u.namespace, 'note', 'Secrets Manager ids of secret variables start with it; Lambda has no namespaces')],
  containers: (u, d) =>
    (u.containers ?? []).flatMap((c, i) => [
      r(
        `containers[${i}]`,
        `${c.name} ${c.image ?? ''}`,
        i === 0 ? 'mapped' : 'blocker',
        i === 0 ? 'PackageType Image, ImageUri parameter' : 'a function runs one image (see blockers)',
      ),
      ...(i === 0 && c.resources ? [r(`containers[${i}].resources`, c.resources, 'mapped', `MemorySize ${d.memoryMB}`)] : []),
      ...(i === 0 && c.ports?.length
        ? [
            r(
              `containers[${i}].ports`,
              c.ports.map((p) => `${p.name ?? ''}${p.containerPort}`).join(', '),
              d.blockers.some((b) => b.startsWith('gRPC')) ? 'blocker' : 'mapped',
              d.blockers.some((b) => b.startsWith('gRPC'))
                ? 'gRPC is not served through API Gateway/function URLs'
                : `AWS_LWA_PORT ${c.ports[0].containerPort} (Lambda Web Adapter)`,
            ),
          ]
        : []),
      ...(i === 0 && (c.command || c.args)
        ? [
            r(
              `containers[${i}].command`,
              [...(c.command ?? []), ...(c.args ?? [])].join(' '),
              'note',
              'the image must answer the Lambda Runtime API (RIC) or serve HTTP through the Web Adapter',
            ),
          ]
        : []),
      ...(i === 0 && c.mounts?.length
        ? [
            r(
              `containers[${i}].mounts`,
              c.mounts.join(', '),
              'note',
              'only /tmp is writable on Lambda (EphemeralStorage); other mounts need EFS (FileSystemConfigs) or S3',
            ),
          ]
        : []),
    ]),
  initContainers: (u) => [
    r(
      'initContainers',
      (u.initContainers ?? []).map((c) => c.name).join(', '),
      'note',
      'no init containers: run that setup at module load (INIT phase, 10 s) or at build time',
    ),
  ],
  schedule: (u, d) => [
    r(
      'schedule',
      u.schedule,
      'mapped',
      `EventBridge ${((d.events.Schedule as Obj | undefined)?.Properties as Obj | undefined)?.Schedule ?? ((d.events.Schedule as Obj | undefined)?.Properties as Obj | undefined)?.ScheduleExpression ?? ''}`,
    ),
  ],
  timeZone: (u) => [r('timeZone', u.timeZone, 'mapped', 'ScheduleV2 ScheduleExpressionTimezone')],
  activeDeadlineSeconds: (u, d) => [
    r('activeDeadlineSeconds', u.activeDeadlineSeconds, u.activeDeadlineSeconds! > 900 ? 'blocker' : 'mapped', `Timeout ${d.timeout}`),
  ],
  replicas: (u) => [r('replicas', u.replicas, 'note', 'Lambda scales per request; set ReservedConcurrentExecutions if the replica count was a ceiling')],
  restartPolicy: (u) => [
    r('restartPolicy', u.restartPolicy, 'mapped', u.restartPolicy === 'Always' ? 'a Pod kept running: see the verdict' : 'one run per invocation'),
  ],
  volumes: (u, d) =>
    (u.volumes ?? []).map((v, i) =>
      r(
        `volumes[${i}]`,
        `${v.name} (${v.type}${v.sizeLimit ? ` ${v.sizeLimit}` : ''})`,
        v.type === 'emptyDir' ? 'mapped' : 'note',
        v.type === 'emptyDir'
          ? `/tmp${d.props.EphemeralStorage ? ` EphemeralStorage ${(d.props.EphemeralStorage as Obj).Size} MB` : ' (512 MB)'}`
          : 'no volumes on Lambda: EFS (FileSystemConfigs) or S3',
      ),
    ),
  sidecars: (u) => [r('sidecars', (u.sidecars ?? []).join(', '), 'blocker', 'see blockers')],
  role: (u, d) => [r('role', u.role, d.role ? 'mapped' : 'note', d.role ? `Role ${d.role}` : 'no role ARN found: SAM creates a basic execution role')],
  roleArn: (u) => [r('roleArn', u.roleArn, 'mapped', `Role ${u.roleArn}`)],
  architecture: (u) => [r('architecture', u.architecture, 'mapped', `Architectures [${u.architecture === 'arm64' ? 'arm64' : 'x86_64'}]`)],
  image: (u) => [r('image', u.image, 'mapped', 'ImageUri parameter default (push it to ECR in the same Region)')],
  events: (u) =>
    u.events
      .filter((e) => e.type !== 'sqs')
      .map((e, i) =>
        r(
          `events[${i}]`,
          `${e.type} ${e.detail ?? ''}`,
          e.type === 'http' ? 'mapped' : e.deployHook ? 'note' : 'carried',
          e.type === 'http'
            ? 'HttpApi event (/{proxy+})'
            : e.deployHook
              ? 'no deploy phase on Lambda: invoke the function from the deployment (a CDK Trigger, a CloudFormation custom resource) or the pipeline'
              : e.type === 'schedule'
                ? `Schedule${e.enabled === false ? ' (disabled: State DISABLED)' : ''}`
                : 'event',
        ),
      ),
  unresolved: (u) => [
    r('unresolved', (u.unresolved ?? []).join(', '), 'note', 'Helm template values not rendered: render the chart and convert the output for exact values'),
  ],
  // Lambda-only fields: never set on a workload.
  runtime: { internal: 'Lambda functions only' },
  handler: { internal: 'Lambda functions only' },
  handlerExport: { internal: 'Lambda functions only' },
  functionName: { internal: 'Lambda functions only' },
  codeFile: { internal: 'code join' },
  codeUri: { internal: 'Lambda functions only' },
  inlineCode: { internal: 'Lambda functions only' },
  prebuiltPackage: { internal: 'Lambda functions only' },
  entryPoints: { internal: 'Lambda functions only' },
  buildMethod: { internal: 'Lambda functions only' },
  timeoutSeconds: { internal: 'Lambda functions only' },
  memoryMB: { internal: 'Lambda functions only' },
  ephemeralStorageMB: { internal: 'Lambda functions only' },
  policies: { internal: 'Lambda functions only' },
  reservedConcurrency: { internal: 'Lambda functions only' },
  layers: { internal: 'Lambda functions only' },
  packageType: { internal: 'Lambda functions only' },
  unresolvedFields: { internal: 'Lambda functions only' },
  tfVariables: { internal: 'Lambda functions only' },
  valuesFrom: { internal: 'Lambda functions only' },
  tfRuntimeVariable: { internal: 'Lambda functions only' },
  cdkNodejsDefaultRuntime: { internal: 'Lambda functions only' },
  dockerfile: { internal: 'Lambda functions only' },
  imageBuild: { internal: 'Lambda functions only' },
  vpc: { internal: 'Lambda functions only' },
  fileSystems: { internal: 'Lambda functions only' },
  durable: { internal: 'Lambda functions only' },
  maximumRetryAttempts: { internal: 'Lambda functions only' },
  maximumEventAgeSeconds: { internal: 'Lambda functions only' },
  deadLetterTarget: { internal: 'Lambda functions only' },
  successTarget: { internal: 'Lambda functions only' },
  otherSettings: (u) =>
    (u.otherSettings ?? []).map((k) => r(k, '(set)', 'note', 'not modelled by LambdaShift: check whether the function needs an equivalent')),
  usage: { internal: 'measured usage informs the assessment, not the generated objects' },
  staticSite: (u) =>
    u.staticSite
      ? [
          r(
            'staticSite',
            `${u.staticSite.server} serving files built from ${u.staticSite.from}`,
            'note',
            'a static site: its files belong in an S3 bucket behind CloudFront, not in a function; the generated function only stands in for the web server (routes its server config proxies to other services become CloudFront behaviours)',
          ),
        ]
      : [],
  repository: { internal: 'where the unit was found' },
  codeFiles: { internal: 'the code join' },
  joinedBy: { internal: 'the code join' },
  describedIn: { internal: 'where the workload is described' },
  decidedBy: { internal: 'assessment result' },
  templated: { internal: 'Helm values the join fills' },
  constructTemplate: { internal: 'Lambda functions only' },
  inlineSource: { internal: 'Lambda functions only' },
  inlineAnalysed: { internal: 'Lambda functions only' },
  buildContext: { internal: 'the image build context, from the join' },
  podLabels: { internal: 'what Services select the pods by; they become the HTTP events' },
  httpProbePorts: { internal: 'whether a workload answers HTTP on the port it serves (build/grpc-service)' },
  podLabelIncludes: { internal: 'what Helm Services select the pods by; they become the HTTP events' },
  envFromConfigMaps: { internal: 'ConfigMaps read whole; their values are checked for cluster addresses' },
};

function describeWorkload(unit: Unit, d: Decided): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const [field, fn] of Object.entries(WORKLOAD_FIELDS) as [keyof Unit, DescribeWorkload | { internal: string }][]) {
    const v = unit[field];
    if (typeof fn !== 'function' || v === undefined || (Array.isArray(v) && !v.length)) continue;
    rows.push(...fn(unit, d));
  }
  return rows;
}
