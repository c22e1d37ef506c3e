// Kubernetes workload unit → SAM template (AWS::Serverless::Function, container image package). Limits from
// reference §1 (900 s, 128–10,240 MB, 1,769 MB ≈ 1 vCPU), schedules §6.6, Lambda Web Adapter §8.
import { CONVERTED_FROM, type ContainerInfo, type Unit } from '../../types';
import { cronJobToEventBridge } from '../cron';
import { lambdaTrustPolicy, roleArnFor } from '../iam';
import { ConvertError, type ConvertOptions, type ConvertResult, type GeneratedFile } from '../types';
import { isSecretEntry } from '../../secrets';
import { oneLine } from '../paths';
import { MB_PER_VCPU, cpuToCores, k8sName, logicalId, memoryToMiB, toJson, toYaml } from '../util';

type Obj = Record<string, unknown>;

const MAX_TIMEOUT = 900;
const MIN_MEMORY = 128;
const MAX_MEMORY = 10240;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);
/** Lambda sets these itself and rejects them in the function configuration; LAMBDASHIFT_* drive our runner only. */
const RESERVED_ENV = /^(AWS_REGION|AWS_DEFAULT_REGION|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_EXECUTION_ENV|AWS_LAMBDA_[A-Z_]+|AWS_XRAY_[A-Z_]+|_HANDLER|_X_AMZN_TRACE_ID|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|TZ|LAMBDASHIFT_[A-Z_]+|PORT|HOSTNAME)$/;

/** MemorySize that gives at least the memory limit and the CPU the Pod requested (CPU scales with memory on Lambda). */
export function memorySizeFor(container: ContainerInfo | undefined): { memoryMB: number; reason: string } {
  const res = container?.resources;
  const mem = memoryToMiB(res?.limits?.memory ?? res?.requests?.memory);
  const cpu = cpuToCores(res?.requests?.cpu ?? res?.limits?.cpu);
  const forCpu = cpu !== undefined ? Math.ceil(cpu * MB_PER_VCPU) : undefined;
  let memoryMB = mem ?? forCpu ?? 512;
  let reason = mem !== undefined ? `memory ${res?.limits?.memory ?? res?.requests?.memory}` : forCpu !== undefined ? `CPU ${cpu}` : 'no resources set (default 512 MB)';
  // Within 1% the CPU-derived size is rounding from our own Lambda → Kubernetes mapping, not a real need.
  if (forCpu !== undefined && mem !== undefined && forCpu > mem * 1.01) {
    memoryMB = forCpu;
    reason = `CPU ${cpu} vCPU needs ${forCpu} MB at 1,769 MB per vCPU (more than memory ${mem} MiB)`;
  }
  return { memoryMB: Math.min(MAX_MEMORY, Math.max(MIN_MEMORY, memoryMB)), reason };
}

function isUtc(tz: string | undefined): boolean {
  return tz === undefined || UTC_ZONES.has(tz);
}

export function convertToLambda(unit: Unit, options: ConvertOptions): ConvertResult {
  if (unit.kind !== 'k8s-workload') throw new ConvertError(`${unit.name} is a Lambda function; convert it with --to kubernetes.`);
  const notes: string[] = [];
  const blockers: string[] = [];
  const kind = unit.workloadKind ?? 'Deployment';
  const id = logicalId(unit.name);
  const containers = unit.containers ?? [];
  const main = containers[0];
  if (containers.length > 1) blockers.push(`${containers.length} containers (${containers.map((c) => c.name).join(', ')}): a function runs one image; sidecars need another home (Lambda extensions, a managed service, or stay on Kubernetes).`);
  if (['StatefulSet', 'DaemonSet'].includes(kind)) blockers.push(`${kind} workloads keep state or run per node; a Lambda function has neither (reference §7). Stay on Kubernetes or redesign around managed storage.`);

  const props: Obj = { PackageType: 'Image', ImageUri: { Ref: 'ImageUri' } };
  const events: Obj = {};
  // Timeout
  let timeout: number;
  if (kind === 'Deployment') {
    timeout = 30;
    notes.push('Timeout 30 s for an HTTP service: API Gateway HTTP API integrations time out at 30 s.');
  } else if (unit.activeDeadlineSeconds !== undefined) {
    if (unit.activeDeadlineSeconds > MAX_TIMEOUT) {
      blockers.push(`activeDeadlineSeconds ${unit.activeDeadlineSeconds} exceeds Lambda's 900 s maximum: split the work into steps (Step Functions), use Lambda durable functions for checkpointed long runs, or stay on Kubernetes.`);
      timeout = MAX_TIMEOUT;
    } else timeout = unit.activeDeadlineSeconds;
  } else {
    timeout = MAX_TIMEOUT;
    notes.push(`No activeDeadlineSeconds: Timeout is set to the 900 s maximum. Check the job's real duration; if it can exceed 15 minutes, use Step Functions or durable functions instead.`);
  }
  props.Timeout = timeout;

  const mem = memorySizeFor(main);
  props.MemorySize = mem.memoryMB;
  notes.push(`MemorySize ${mem.memoryMB} MB from ${mem.reason}.`);
  const rawMem = memoryToMiB(main?.resources?.limits?.memory ?? main?.resources?.requests?.memory);
  const rawCpu = cpuToCores(main?.resources?.requests?.cpu ?? main?.resources?.limits?.cpu);
  if ((rawMem ?? 0) > MAX_MEMORY || (rawCpu ?? 0) * MB_PER_VCPU > MAX_MEMORY) blockers.push(`The container asks for more than Lambda's 10,240 MB / ~6 vCPU maximum (memory ${rawMem ?? '-'} MiB, CPU ${rawCpu ?? '-'}); stay on Kubernetes or split the work.`);

  // Environment: names only. ConfigMap/literal values are never copied; a variable that is secret by name, by value
  // (the model shows it as ***) or by source (secretKeyRef, envFrom a Secret) becomes a Secrets Manager reference.
  const env = unit.environment ?? {};
  const names = [...new Set([...containers.flatMap((c) => c.env ?? []), ...Object.keys(env)])].filter((n) => !RESERVED_ENV.test(n)).sort();
  const isSecret = (n: string) => isSecretEntry(n, env[n]);
  const secretId = `${unit.namespace ?? 'default'}/${k8sName(unit.name, 63)}`;
  if (names.length) {
    const vars: Record<string, string> = {};
    for (const n of names) vars[n] = isSecret(n) ? `{{resolve:secretsmanager:${secretId}:SecretString:${n}}}` : 'REPLACE_ME';
    props.Environment = { Variables: vars };
    const secrets = names.filter(isSecret);
    if (secrets.length) notes.push(`Secret variables (${secrets.join(', ')}) become Secrets Manager dynamic references to the secret '${secretId}' (JSON keys of the same names); create it before deploying. Their values were not copied. The resolved value is visible in the function configuration; fetch it at run time instead if that matters.`);
    if (names.length > secrets.length) notes.push(`Environment values to fill (ConfigMap/literal values are never copied): ${names.filter((n) => !isSecret(n)).join(', ')}.`);
  }

  // Trigger
  if (kind === 'CronJob') {
    if (!unit.schedule) throw new ConvertError(`${unit.name}: the CronJob has no schedule to convert.`);
    const r = cronJobToEventBridge(unit.schedule);
    if (!r.ok) throw new ConvertError(`${unit.name}: ${r.error}`);
    if (isUtc(unit.timeZone)) {
      events.Schedule = { Type: 'Schedule', Properties: { Schedule: r.schedule } };
      if (unit.timeZone === undefined) notes.push(`The CronJob has no timeZone, so it ran in the kube-controller-manager's zone; the EventBridge rule runs in UTC. Set ScheduleV2 with ScheduleExpressionTimezone if the cluster was not on UTC.`);
    } else {
      events.Schedule = { Type: 'ScheduleV2', Properties: { ScheduleExpression: r.schedule, ScheduleExpressionTimezone: unit.timeZone } };
      notes.push(`timeZone ${unit.timeZone} → ScheduleV2 (an AWS::Scheduler::Schedule) with ScheduleExpressionTimezone, which follows daylight saving time.`);
    }
    notes.push(`Schedule '${unit.schedule}' → ${r.schedule} (day-of-week shifted to EventBridge's 1 = SUN; '?' where EventBridge requires it).`);
  } else if (kind === 'Deployment') {
    const port = main?.ports?.[0]?.containerPort;
    if (port === undefined) {
      blockers.push('The Deployment exposes no container port, so it looks like a long-running worker or consumer; Lambda needs an event to run (SQS event source mapping, schedule). Move the loop body into a handler for that event, or stay on Kubernetes.');
    } else {
      events.Http = { Type: 'HttpApi', Properties: { Path: '/{proxy+}', Method: 'ANY' } };
      props.Environment = { Variables: { ...((props.Environment as Obj | undefined)?.Variables as Obj), AWS_LWA_PORT: String(port) } };
      notes.push(`HTTP on port ${port} → HttpApi event with the AWS Lambda Web Adapter: add the adapter extension to the image (see Dockerfile.lambda) so the same server runs on Lambda; AWS_LWA_PORT=${port}. Lambda sends one request at a time per environment and freezes it between requests, so background work in the server stops (reference §7).`);
    }
  } else if (kind === 'Job') {
    notes.push('Job → function with no event: invoke it (aws lambda invoke, Step Functions, or an EventBridge rule) where the Job used to be created.');
  }
  if (kind !== 'Deployment' || main?.ports?.length === undefined) {
    notes.push(`The image must answer the Lambda Runtime API: add the Runtime Interface Client (aws-lambda-ric / awslambdaric) and a handler that does what the container command${main?.command ? ` (${[...(main.command ?? []), ...(main.args ?? [])].join(' ')})` : ''} did, returning on success and throwing on failure (reference §8).`);
  }
  if (Object.keys(events).length) props.Events = events;

  // Identity
  const files: GeneratedFile[] = [];
  const role = roleArnFor(unit.role, `${k8sName(unit.name, 63)}-role`);
  if (role.known) {
    props.Role = role.arn;
    notes.push(`Role ${role.arn} (from the ServiceAccount): replace its trust policy with iam/lambda-trust-policy.json (lambda.amazonaws.com); its permissions stay.`);
  } else {
    notes.push('No IAM role found on the ServiceAccount: SAM creates a basic execution role; attach the permissions the Pod had (IRSA/Pod Identity role) with Policies, or set Role and give it iam/lambda-trust-policy.json.');
  }
  files.push({ path: 'iam/lambda-trust-policy.json', content: toJson(lambdaTrustPolicy()) });

  const findingBlockers = (options.findings ?? []).filter((f) => f.severity === 'error' && f.direction !== 'to-kubernetes').map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
  blockers.push(...findingBlockers);

  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: `${unit.name} (${kind}) converted from Kubernetes by LambdaShift`,
    Parameters: { ImageUri: { Type: 'String', Description: `ECR image URI for ${unit.name} (Lambda pulls images from ECR in the same Region)`, Default: main?.image && !/[{}$\s]/.test(main.image) ? main.image : '<ACCOUNT_ID>.dkr.ecr.<REGION>.amazonaws.com/image:tag' } },
    // The same marker as the Kubernetes annotation, so a later scan knows this function came from the workload.
    Resources: { [id]: { Type: 'AWS::Serverless::Function', Metadata: { [CONVERTED_FROM]: `${unit.file}#${unit.name}` }, Properties: props } },
  };
  const header = [
    `# Generated by LambdaShift from ${oneLine(unit.file)} (${oneLine(kind)} ${oneLine(unit.name)}). Review before deploying.`,
    ...(blockers.length ? ['# Blockers (the function will not behave like the workload until these are addressed):', ...blockers.map((b) => `#   - ${oneLine(b)}`)] : ['# Blockers: none found.']),
    '# Notes:',
    ...notes.map((n) => `#   - ${oneLine(n)}`),
  ].join('\n');
  files.unshift({ path: 'template.yaml', content: `${header}\n${toYaml(template)}` });
  if (kind === 'Deployment' && main?.ports?.length) {
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
  return { files, notes, blockers };
}
