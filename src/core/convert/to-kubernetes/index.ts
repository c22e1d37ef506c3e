// Lambda function unit → Kubernetes objects (+ Dockerfile, runner, IAM trust policy), then laid out as plain
// manifests, a Helm chart or a kustomize base. Mapping facts: reference §4 (Job/CronJob, resources), §5 (IRSA, Pod
// Identity), §6 (KEDA, trigger mapping), §8 (running handlers in containers).
import { joinPath, dirOf, TEMPLATE_ONLY } from '../../workspace';
import { dotnetProjectOf } from '../../join';
import { splitHandler } from '../../model/cloudformation';
import { describeRouteAuth, routeAuthOf, routeAuthReplacement } from '../../model/routeAuth';
import { streamKind } from '../../model/invokers';
import { CONVERTED_FROM, ROLE_ARN_ANNOTATION, type UnitEvent } from '../../types';
import { eventBridgeToCronJob } from '../cron';
import { irsaTrustPolicy, podIdentityAssociation, podIdentityTrustPolicy, roleArnFor, type IdentityMode } from '../iam';
import {
  ConvertBlockedError,
  ConvertError,
  DEFAULT_DEADLINE_ALLOWANCE_SECONDS,
  type ConvertOptions,
  type ConvertResult,
  type GeneratedFile,
  type Unit,
} from '../types';
import { isSecretEntry } from '../../secrets';
import { dockerWord, oneLine } from '../paths';
import { MB_PER_VCPU, isCopyableValue, k8sName, toJson, toYaml } from '../util';
import { layoutHelm } from './helm';
import { NODE_RUNNER, NODE_RUNNER_FILE } from './runner-node';
import { PYTHON_RUNNER, PYTHON_RUNNER_FILE } from './runner-python';
import { RIE_RUNNER, RIE_RUNNER_FILE } from './runner-rie';
import { describeLambdaUnit } from './settings';
import {
  entryGap,
  functionImageRef,
  httpPayloadOf,
  imageLanguage,
  isWebSocket,
  primaryEvent,
  runnerFor,
  servedByDeployment,
  shapeFor,
  webAdapterPort,
  type RunnerKind,
  type WorkloadShape,
} from './runner';
import { ADAPTER_LAYER } from '../../webAdapter';
import { blockerComments, renderConversionReport } from '../report';

type Obj = Record<string, unknown>;
export { functionImageRef, primaryEvent, runnerFor, servedByDeployment, webAdapterPort } from './runner';

/** Where a value the reviewer must fill sits; the Helm layout turns these into values. */
export interface Plan {
  name: string;
  namespace: string;
  serviceAccount: string;
  identity: IdentityMode;
  shape: WorkloadShape;
  image: string;
  /** The runner the image gets: ours for Node.js and Python, the Lambda Runtime Interface Emulator for Java/.NET. */
  runtime: RunnerKind;
  roleArn: string;
  region: string;
  schedule?: string;
  timeZone?: string;
  queueURL?: string;
  envNames: string[];
  /** The Lambda Web Adapter's own settings, left out of the pod of an app that serves HTTP itself. */
  adapterOnly: string[];
  configData: Record<string, string>;
  /** Variables read from the Secret `secretName`, which the user creates (never generated, never with values). */
  secretNames: string[];
  secretName: string;
  /** Null when the memory size is unresolved in the source: a placeholder, never a default. */
  resources: { requests: Record<string, string>; limits: Record<string, string> } | null;
  /** The function's timeout, or a placeholder string when the source leaves it unresolved. */
  timeoutSeconds: number | string;
  /** Start-up allowance added to the timeout for activeDeadlineSeconds. */
  deadlineAllowanceSeconds: number;
  /** timeout + allowance, or a placeholder. */
  activeDeadlineSeconds: number | string;
  memoryMB: number | string;
  backoffLimit: number;
  maxReplicaCount?: number;
  /** Job parallelism from reserved concurrency. */
  parallelism?: number;
  tmpSizeMiB: number;
  /** `kubernetes.io/arch` for the nodeSelector (arm64 or amd64). */
  arch: 'arm64' | 'amd64';
  /** A disabled schedule/event source: CronJob `suspend: true`, a paused ScaledJob, a Deployment at 0 replicas. */
  suspended: boolean;
  replicas: number;
  /** EFS mounts → PersistentVolume + PVC on the EFS CSI driver. */
  efs: { name: string; accessPoint: string; accessPointId: string; mountPath: string }[];
  startingDeadlineSeconds: number;
  /** HTTP: event payload format and the route templates (for path parameters). */
  httpPayload?: '1.0' | '2.0' | 'alb';
  httpRoutes: string[];
  /** The Ingress's Prefix paths: one per route the Deployment serves, `/` when any route is the whole API. */
  httpPaths: string[];
  /** Layers, as written, for Dockerfile steps. */
  layers: string[];
  ingressScheme: 'internet-facing' | 'internal';
}

/** Extra Lambda settings some extractors provide beyond the shared Unit fields. */
interface LambdaExtras {
  maximumRetryAttempts?: number;
  region?: string;
}

const PLACEHOLDER_REGION = '<REGION>';
const ASYNC_TYPES = new Set(['schedule', 's3', 'sns', 'eventbridge']);

/** `arn:aws:sqs:region:acct:name` or a queue URL → queue URL; logical ids stay unresolved. */
function queueUrlFrom(detail: string | undefined): { url?: string; region?: string } {
  if (!detail) return {};
  const arn = /^arn:aws[\w-]*:sqs:([a-z0-9-]+):(\d{12}):([\w.-]+)$/.exec(detail);
  if (arn) return { url: `https://sqs.${arn[1]}.amazonaws.com/${arn[2]}/${arn[3]}`, region: arn[1] };
  const url = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/\d{12}\/[\w.-]+$/.exec(detail);
  if (url) return { url: detail, region: url[1] };
  return {};
}

export function cpuMillisFor(memoryMB: number): number {
  return Math.max(10, Math.ceil(((memoryMB / MB_PER_VCPU) * 1000) / 10) * 10);
}

/** Decides everything about the conversion; layouts only render it. */
export function planKubernetes(unit: Unit, options: ConvertOptions, notes: string[], blockers: string[], warnings: string[] = []): Plan {
  if (unit.kind !== 'lambda-function') throw new ConvertError(`${unit.name} is a Kubernetes workload; convert it with --to lambda.`);
  const extras = unit as Unit & LambdaExtras;
  const name = k8sName(unit.name);
  const namespace = options.namespace ?? unit.namespace ?? 'default';
  const identity = options.identity ?? 'irsa';
  const event = primaryEvent(unit);
  const shape = shapeFor(event);
  const served = servedByDeployment(unit);
  const others = unit.events.filter((e) => e !== event && !served.includes(e));
  // A WebSocket API is no route of a server the runner runs (a blocker of its own): its Ingress keeps its one path.
  const routed = served.length ? served : shape === 'deployment' ? [event!] : [];
  const servedDetail = [...new Set(routed.map((e) => e.detail ?? 'API'))].join(', ');
  if (others.length)
    blockers.push(
      `Only the ${event!.type} trigger is converted; ${others.map((e) => `${e.type}${e.detail ? ` (${e.detail})` : ''}`).join(', ')} need a workload of their own (convert again after splitting the function, or route them through the same SQS queue).`,
    );

  if (event && isWebSocket(event))
    blockers.push(
      `${event.detail ?? 'A WebSocket route'} is a WebSocket API route: the runner serves HTTP requests, not WebSocket connections ($connect, $disconnect and messages). Serve the routes from a server that holds the connections (behind an Ingress that supports WebSocket), or keep the WebSocket API on API Gateway.`,
    );
  const runtime = runnerFor(unit);
  const language = runtimeLabel(unit);
  if (unit.packageType === 'Image') {
    if (runtime === 'unknown')
      blockers.push(
        `${unit.name} is a container image function and its language could not be told from the runtime or the image (${unit.image ?? 'not given'}); no runner is assumed. If its Dockerfile is outside the folder converted, convert from a folder that holds both; otherwise set the function's Runtime, or build an image that calls the handler once and exits non-zero on failure (reference §8, "direct harness").`,
      );
    else if (runtime === 'web')
      notes.push(
        `${unit.name}'s image serves HTTP itself through the AWS Lambda Web Adapter (port ${webAdapterPort(unit)}): it runs on Kubernetes as it is, without a runner; the adapter extension stays idle outside Lambda.`,
      );
    else
      notes.push(
        `${unit.name} is a container image function (${language}, from ${languageSource(unit)}); the generated Dockerfile builds FROM ${functionImageRef(unit)}${functionImageRef(unit) === '<FUNCTION_IMAGE>' && unit.image ? ` (${unit.image} in the source)` : ''} and replaces the Lambda runtime entrypoint with ${runtime === 'java' || runtime === 'dotnet' ? 'the Runtime Interface Emulator wrapper' : 'the LambdaShift runner'}.`,
      );
  } else if (runtime === 'web') {
    notes.push(
      `${unit.name} serves HTTP itself behind the AWS Lambda Web Adapter (its handler ${unit.handler ?? 'script'} starts the app on port ${webAdapterPort(unit)}): the image runs that program on the function's runtime base image, without a runner. The adapter's layer and its AWS_LAMBDA_EXEC_WRAPPER are not needed in a pod.`,
    );
  } else if (!unit.runtime && runtime !== 'unknown') {
    notes.push(
      `${unit.name}'s runtime is not resolved in ${unit.file}; its handler's code (${unit.entryPoints?.[0] ?? unit.codeFile}) is ${language}, so the ${language} runner and that language's default base image are used: pin the image to the version the function runs.`,
    );
  } else if (runtime === 'unknown') {
    blockers.push(
      `No runner is generated for ${unit.runtime ? `the ${unit.runtime} runtime` : 'a function whose runtime and code language are unknown'} (Node.js, Python, Java and .NET are supported); build an image that calls the handler once and exits non-zero on failure (reference §8, "direct harness").`,
    );
  }
  // The assessment found no code for this function (its note ends with TEMPLATE_ONLY): the Dockerfile's COPY of the code
  // folder is a guess, and the runner would fail at start without the handler's module.
  const notFound =
    unit.packageType !== 'Image' && !unit.codeFile ? unit.decidedBy?.find((d) => !d.ruleId && d.message.endsWith(`: ${TEMPLATE_ONLY}`)) : undefined;
  if (notFound && runtime !== 'unknown') {
    const folder = codeFolderOf(unit);
    warnings.push(
      `${unit.name}'s code was not found (${notFound.message.slice(0, -`: ${TEMPLATE_ONLY}`.length)}). The Dockerfile copies ${folder === '.' ? 'the folder converted' : folder} as the code and the runner loads ${unit.handler ?? 'the handler'} from it: put the handler's sources there, or convert from a folder that holds them.`,
    );
  }
  const gap = entryGap(unit);
  if (gap?.kind === 'pass-through')
    blockers.push(
      `${unit.name} serves HTTP through the AWS Lambda Web Adapter, which posted its ${gap.event.type} events to ${gap.path}: in a pod nothing receives them or posts them. Add a consumer that posts each event to ${gap.path} (scaled by KEDA for a queue), or have the app consume the source itself.`,
    );
  if (gap?.kind === 'one-shot') {
    blockers.push(
      `${language}: the Runtime Interface Emulator wrapper runs one invocation per Job; ${gap.shape === 'deployment' ? 'serving HTTP needs the function rewritten as an HTTP server (or the AWS Lambda Web Adapter pattern in reverse)' : 'consuming SQS needs a consumer loop in the function (or a Node/Python runner)'}.`,
    );
  }

  let schedule: string | undefined;
  let timeZone: string | undefined;
  if (shape === 'cronjob') {
    const r = eventBridgeToCronJob(String(event!.detail ?? ''));
    if (!r.ok) throw new ConvertError(`${unit.name}: ${r.error}`);
    schedule = r.schedule;
    notes.push(...r.notes);
    const tz = typeof event!.timeZone === 'string' && event!.timeZone ? event!.timeZone : undefined;
    timeZone = tz ?? 'Etc/UTC';
    notes.push(`Schedule ${event!.detail} → '${schedule}' with timeZone ${timeZone}${tz ? ' (from the schedule)' : ' (EventBridge rules run in UTC)'}.`);
  }

  // Sizes: the source's value, else the documented default of the format (never a default in place of an unresolved value).
  const defaults = lambdaDefaults(unit);
  const allowance = options.deadlineAllowanceSeconds ?? DEFAULT_DEADLINE_ALLOWANCE_SECONDS;
  let timeoutSeconds: number | string;
  let activeDeadlineSeconds: number | string;
  const unresolvedTimeout = unit.timeoutSeconds === undefined ? unit.unresolvedFields?.timeoutSeconds : undefined;
  if (unresolvedTimeout) {
    timeoutSeconds = '<TIMEOUT_SECONDS>';
    activeDeadlineSeconds = '<TIMEOUT_SECONDS_PLUS_ALLOWANCE>';
    warnings.push(
      `Timeout is ${unresolvedTimeout} in ${unit.file}, which LambdaShift does not resolve: LAMBDASHIFT_TIMEOUT_SECONDS and activeDeadlineSeconds are placeholders (<TIMEOUT_SECONDS>, <TIMEOUT_SECONDS_PLUS_ALLOWANCE> = timeout + ${allowance} s; Helm: values.yaml timeoutSeconds, required). Fill them with the deployed value; no default was assumed.`,
    );
  } else {
    timeoutSeconds = unit.timeoutSeconds ?? defaults.timeoutSeconds;
    activeDeadlineSeconds = timeoutSeconds + allowance;
  }
  let memoryMB: number | string;
  let resources: Plan['resources'];
  const unresolvedMemory = unit.memoryMB === undefined ? unit.unresolvedFields?.memoryMB : undefined;
  if (unresolvedMemory) {
    memoryMB = '<MEMORY_MB>';
    resources = null;
    warnings.push(
      `MemorySize is ${unresolvedMemory} in ${unit.file}, which LambdaShift does not resolve: the container's memory and CPU are placeholders (<MEMORY_MB>Mi, <CPU> = MemorySize / 1,769 vCPU; Helm: values.yaml resources, required). No default was assumed.`,
    );
  } else {
    memoryMB = unit.memoryMB ?? defaults.memoryMB;
    const cpu = `${cpuMillisFor(memoryMB)}m`;
    resources = { requests: { cpu, memory: `${memoryMB}Mi` }, limits: { cpu, memory: `${memoryMB}Mi` } };
    notes.push(
      `Memory ${memoryMB} MB${unit.memoryMB === undefined ? ` (${defaults.why})` : ''} → ${memoryMB}Mi request = limit; CPU ${cpu} from Lambda's 1,769 MB ≈ 1 vCPU ratio (requests = limits keeps the Pod Guaranteed and CPU proportional, as on Lambda).`,
    );
  }
  const tmpSizeMiB = unit.ephemeralStorageMB ?? 512;
  const async = event ? ASYNC_TYPES.has(event.type) : false;
  const retries = unit.maximumRetryAttempts ?? extras.maximumRetryAttempts;
  const backoffLimit = shape === 'scaledjob' ? 0 : (retries ?? (async ? 2 : 0));
  if (shape === 'scaledjob')
    notes.push(
      'backoffLimit is 0 for the ScaledJob: a failed message becomes visible again after its visibility timeout and the queue redrive policy (maxReceiveCount → DLQ) decides retries, as with the Lambda event source mapping.',
    );
  else if (shape !== 'deployment')
    notes.push(
      `backoffLimit ${backoffLimit} mirrors Lambda's ${retries !== undefined ? 'configured' : async ? 'default asynchronous' : 'synchronous (no)'} retries. activeDeadlineSeconds ${activeDeadlineSeconds} = timeout ${timeoutSeconds} + a ${allowance} s start-up allowance (image pull, container start and module loading count against a Job's deadline, not a Lambda's; --deadline-allowance). It bounds the whole Job including retries; raise it to (backoffLimit + 1) × (timeout + allowance) if a retry after a slow failure must still run.`,
    );

  const env = unit.environment ?? {};
  // The port of the app's own server behind the Lambda Web Adapter, if it has one.
  const servesItself = webAdapterPort(unit);
  // Behind the adapter, its settings (AWS_LWA_*, the /opt/bootstrap exec wrapper) are read by the adapter only: the app
  // that serves HTTP itself in the pod has no use for them.
  const isAdapterOnly = (n: string) =>
    servesItself !== undefined && (n.startsWith('AWS_LWA_') || (n === 'AWS_LAMBDA_EXEC_WRAPPER' && env[n] === '/opt/bootstrap'));
  const adapterOnly = Object.keys(env).filter(isAdapterOnly).sort();
  const envNames = Object.keys(env)
    .filter((n) => !isAdapterOnly(n))
    .sort();
  // Secret by name or by value (the model already shows those as ***): a secretKeyRef, never a value anywhere.
  const secretNames = envNames.filter((n) => isSecretEntry(n, env[n]));
  const configData: Record<string, string> = {};
  const unknownValues: string[] = [];
  for (const n of envNames) {
    if (secretNames.includes(n)) continue;
    const v = env[n];
    if (isCopyableValue(n, v)) configData[n] = v;
    else {
      configData[n] = 'REPLACE_ME';
      unknownValues.push(n);
    }
  }
  const secretName = `${name}-secrets`;
  if (unknownValues.length) notes.push(`ConfigMap values to fill (not literal in the source, never resolved): ${unknownValues.join(', ')}.`);
  if (secretNames.length) {
    notes.push(
      `Secret variables (by name or by value) are read from the Secret ${namespace}/${secretName}, which is not generated: create it with the keys ${secretNames.join(', ')} before applying — from Secrets Manager (External Secrets Operator) or with kubectl create secret generic ${secretName} -n ${namespace} --from-env-file=<a file kept out of git>. Their values were not copied.`,
    );
  }

  const role = roleArnFor(unit.role, `${name}-role`);
  if (!role.known)
    notes.push(
      `Role ARN placeholder ${role.arn}: use the function's execution role (its permission policies stay; only the trust policy changes) — ${unit.policies?.length ? `SAM policies to keep: ${unit.policies.join(', ')}` : `create one with the same permissions if ${ROLE_MAKER[unit.source] ?? 'the deployment'} generated it`}.`,
    );

  let queueURL: string | undefined;
  let region = extras.region ?? PLACEHOLDER_REGION;
  if (shape === 'scaledjob') {
    const q = event!.type === 'sqs' ? queueUrlFrom(event!.detail) : {};
    if (q.region) region = q.region;
    queueURL =
      q.url ?? `https://sqs.${region}.amazonaws.com/<ACCOUNT_ID>/${event!.type === 'sqs' ? String(event!.detail ?? 'queue').split('.')[0] : `${name}-events`}`;
    if (!q.url)
      notes.push(
        `Queue URL is a placeholder (${queueURL}): the template refers to ${event!.detail ?? 'the queue'} by reference; put the deployed queue's URL there.`,
      );
    if (event!.type !== 'sqs') {
      const how: Record<string, string> = {
        s3: 'add an S3 event notification to an SQS queue (S3 → SQS)',
        sns: 'subscribe an SQS queue to the topic (raw message delivery off, so the runner can rebuild the SNS event)',
        eventbridge: 'add the SQS queue as a target of the EventBridge rule',
      };
      notes.push(
        `${event!.type.toUpperCase()} cannot start a Pod directly: ${how[event!.type]}, then KEDA starts one Job per message (reference §6.6). The runner unwraps each message into the ${event!.type} event the handler expects.`,
      );
    }
  }
  if (region === PLACEHOLDER_REGION) notes.push(`AWS_REGION is a placeholder (${PLACEHOLDER_REGION}); Lambda set it for you, Kubernetes does not.`);
  const eventConcurrency = event?.type === 'sqs' && typeof event.maximumConcurrency === 'number' ? event.maximumConcurrency : undefined;
  const caps = [unit.reservedConcurrency, eventConcurrency].filter((n): n is number => n !== undefined);
  const maxReplicaCount = caps.length ? Math.min(...caps) : undefined;
  const suspended = event?.enabled === false || unit.reservedConcurrency === 0;
  if (unit.reservedConcurrency === 0)
    warnings.push(
      `Reserved concurrency is 0: the function is switched off (every invocation is throttled); the workload is generated suspended/paused to match.`,
    );

  const http = unit.events.filter((e) => e.type === 'http');
  // A route API Gateway guarded (an authorizer, an API key, IAM auth) stays off the internet until its check is rebuilt.
  const guarded = http.map((e) => routeAuthOf(e)).find(Boolean);
  if (shape === 'deployment' && guarded)
    warnings.push(
      `The API route${http.length > 1 ? 's' : ''} ${http.map((e) => e.detail ?? 'API').join(', ')} ${http.length > 1 ? 'were' : 'was'} guarded by ${describeRouteAuth(guarded)}, which an Ingress does not carry: the generated Ingress is internal (not internet-facing) so the route is not open to anyone. Before exposing it, ${routeAuthReplacement(guarded)}.`,
    );
  const httpPayload: Plan['httpPayload'] = shape === 'deployment' ? httpPayloadOf(event!) : undefined;
  const httpRoutes = http.map((e) => String(e.detail ?? '')).filter((d) => /^([A-Z]+ |ANY )?\//.test(d));
  if (shape === 'deployment' && servesItself !== undefined) {
    notes.push(
      `HTTP (${servedDetail}) → Deployment + Service + Ingress. The image's own server answers on port ${servesItself}, as it did behind the Lambda Web Adapter: no runner and no event shapes; one Pod now handles many requests at once, so module-level request state is shared (unlike one request per Lambda environment).`,
    );
  } else if (shape === 'deployment') {
    notes.push(
      `HTTP (${servedDetail}) → Deployment + Service + Ingress. The runner serves HTTP on 8080 and turns each request into ${httpPayload === '1.0' ? 'a REST API (payload 1.0)' : 'an HTTP API (payload 2.0)'} event${httpPayload === 'alb' ? ' (ALB target shape)' : ''}${httpRoutes.length ? ` with path parameters from the route${httpRoutes.length > 1 ? 's' : ''} ${httpRoutes.join(', ')}` : ''}; one Pod now handles many requests at once, so module-level request state is shared (unlike one request per Lambda environment). Alternatively rewrite the handler as a plain HTTP server.`,
    );
  }
  const replicas = suspended ? 0 : maxReplicaCount !== undefined ? Math.max(1, Math.min(2, maxReplicaCount)) : 2;
  const parallelism = shape === 'job' && maxReplicaCount !== undefined && maxReplicaCount > 0 ? 1 : undefined;
  const efs = (unit.fileSystems ?? []).map((f, i) => ({
    name: `${name}-efs${i ? `-${i}` : ''}`.slice(0, 63),
    accessPoint: f.accessPoint,
    accessPointId: /access-point\/(fsap-[0-9a-f]+)/.exec(f.accessPoint)?.[1] ?? '<ACCESS_POINT_ID>',
    mountPath: /^\/mnt\/[A-Za-z0-9_.\/-]+$/.test(f.mountPath) ? f.mountPath : `/mnt/efs${i ? i : ''}`,
  }));
  const startingDeadlineSeconds = unit.maximumEventAgeSeconds !== undefined ? Math.max(10, Math.min(unit.maximumEventAgeSeconds, 21600)) : 300;
  if (event?.type === 'stream') {
    const kind = streamKind(event);
    const consumer =
      kind === 'kafka'
        ? 'a long-running consumer in its own consumer group that commits its offsets, scaled by KEDA apache-kafka'
        : kind === 'broker'
          ? 'a long-running consumer that holds its own broker connection and acknowledges messages, scaled by KEDA rabbitmq-queue or activemq'
          : 'a long-running consumer with checkpointing (KCL / DynamoDB Streams adapter) scaled by KEDA aws-kinesis-stream or aws-dynamodb-streams';
    blockers.push(`Stream triggers (${event.detail}) need ${consumer}; a one-shot Job template is generated as a start only.`);
  }
  if (shape === 'job')
    notes.push(
      'No trigger: a Job template that runs the handler once with LAMBDASHIFT_EVENT (JSON) as the event; create it per invocation (kubectl create job --from or the Kubernetes API).',
    );

  const image = `<ACCOUNT_ID>.dkr.ecr.${region}.amazonaws.com/${name}:v1`;
  notes.push(`Image placeholder ${image}: build it with the generated Dockerfile and push it to your registry.`);
  if (unit.durable)
    blockers.push(
      `Durable function (DurableConfig: execution timeout ${unit.durable.executionTimeoutSeconds ?? '?'} s${unit.durable.retentionDays !== undefined ? `, history kept ${unit.durable.retentionDays} days` : ''}): its checkpoint/replay SDK needs the Lambda durable execution service, which Kubernetes does not have. Keep it on Lambda, or move the workflow to Step Functions or a workflow engine on the cluster (Argo Workflows, Temporal).`,
    );
  const arch = unit.architecture === 'arm64' ? 'arm64' : 'amd64';
  return {
    name,
    namespace,
    serviceAccount: name,
    identity,
    shape,
    image,
    runtime,
    roleArn: role.arn,
    region,
    schedule,
    timeZone,
    queueURL,
    envNames,
    adapterOnly,
    configData,
    secretNames,
    secretName,
    resources,
    timeoutSeconds,
    deadlineAllowanceSeconds: allowance,
    activeDeadlineSeconds,
    memoryMB,
    backoffLimit,
    maxReplicaCount,
    parallelism,
    tmpSizeMiB,
    arch,
    suspended,
    replicas,
    efs,
    startingDeadlineSeconds,
    httpPayload,
    httpRoutes,
    httpPaths: ingressPaths(routed),
    layers: unit.layers ?? [],
    ingressScheme: guarded || http.some((e) => e.authType === 'AWS_IAM') ? 'internal' : 'internet-facing',
  };
}

/** The route's literal prefix (`GET /orders/{id}` → `/orders/`), `/` for a route without a path; `/` alone when any is `/`. */
function ingressPaths(events: readonly UnitEvent[]): string[] {
  const paths = [
    ...new Set(
      events.map((e) => {
        const part =
          String(e.detail ?? '')
            .split(' ')
            .pop() ?? '/';
        return part.startsWith('/') ? part.replace(/\{[^}]*\+\}.*$/, '').replace(/\{[^}]*\}.*$/, '') || '/' : '/';
      }),
    ),
  ];
  return paths.includes('/') ? ['/'] : paths;
}

/** Lambda's documented defaults for what the source leaves unset; the Serverless Framework has its own (reference §11). */
export function lambdaDefaults(unit: Unit): { timeoutSeconds: number; memoryMB: number; why: string } {
  if (unit.source === 'serverless') return { timeoutSeconds: 6, memoryMB: 1024, why: 'Serverless Framework provider default: 6 s, 1024 MB' };
  return { timeoutSeconds: 3, memoryMB: 128, why: 'Lambda default: 3 s, 128 MB' };
}

/**
 * The event source mapping's filter patterns as JSON objects, when every one is JSON (SAM/CloudFormation
 * `FilterCriteria.Filters[].Pattern`, serverless `filterPatterns`, Terraform `filter_criteria`); undefined when a
 * pattern is code (CDK `FilterCriteria.filter({...})`) or unresolved, so the runner never applies half a filter.
 */
export function sqsFilterPatterns(e: UnitEvent): Record<string, unknown>[] | undefined {
  const fc = e.filterCriteria as { Filters?: { Pattern?: unknown }[] } | undefined;
  if (!fc || typeof fc !== 'object' || !Array.isArray(fc.Filters) || !fc.Filters.length) return undefined;
  const out: Record<string, unknown>[] = [];
  for (const f of fc.Filters) {
    let p = f?.Pattern;
    if (typeof p === 'string') {
      try {
        p = JSON.parse(p);
      } catch {
        return undefined;
      }
    }
    if (!p || typeof p !== 'object' || Array.isArray(p) || !knownOperators(p)) return undefined;
    out.push(p as Record<string, unknown>);
  }
  return out;
}

/** Operators both runners apply; a pattern with any other stays a note rather than a Pod that stops on it. */
const FILTER_OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr']);

function knownOperators(p: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (Array.isArray(p)) return p.every((x) => x === null || typeof x !== 'object' || (Object.keys(x).length === 1 && FILTER_OPERATORS.has(Object.keys(x)[0])));
  if (p && typeof p === 'object')
    return Object.entries(p).every(([k, v]) =>
      k === '$or' ? Array.isArray(v) && v.every((alt) => knownOperators(alt, depth + 1)) : knownOperators(v, depth + 1),
    );
  return true;
}

/** Where the image's language was told from, for the notes. */
function languageSource(unit: Unit): string {
  if (unit.runtime) return 'its runtime';
  return imageLanguage(unit.image ?? '') !== 'unknown' || !unit.imageBuild
    ? 'the image name'
    : `the base image ${unit.imageBuild.from} of ${unit.imageBuild.dockerfile}`;
}

function runtimeLabel(unit: Unit): string {
  const r = runnerFor(unit);
  return unit.runtime ?? (r === 'node' ? 'Node.js' : r === 'python' ? 'Python' : r === 'java' ? 'Java' : r === 'dotnet' ? '.NET' : 'unknown language');
}

function labels(plan: Plan): Obj {
  return { 'app.kubernetes.io/name': plan.name, 'app.kubernetes.io/part-of': plan.name };
}

function meta(plan: Plan, name: string, unit: Unit, extra: Obj = {}): Obj {
  // The role marker lets a conversion back to Lambda keep the execution role (the ServiceAccount may live elsewhere).
  const role = plan.roleArn && !plan.roleArn.includes('<') ? { [ROLE_ARN_ANNOTATION]: plan.roleArn } : {};
  return { name, namespace: plan.namespace, labels: labels(plan), annotations: { [CONVERTED_FROM]: `${unit.file}#${unit.name}`, ...role }, ...extra };
}

function withAnnotations(m: Obj, extra: Record<string, string>): Obj {
  return { ...m, annotations: { ...(m.annotations as Obj), ...extra } };
}

function eventSourceMode(unit: Unit): string {
  const e = primaryEvent(unit);
  if (!e) return 'event';
  if (e.type === 'schedule') return 'schedule';
  if (e.type === 'http') return 'http';
  if (e.type === 'sqs' || e.type === 's3' || e.type === 'sns' || e.type === 'eventbridge') return 'sqs';
  return 'event';
}

function podSpec(plan: Plan, unit: Unit): Obj {
  const handler = cdkBundle(unit)?.handler ?? unit.handler ?? unit.imageBuild?.handler ?? 'index.handler';
  const mode = eventSourceMode(unit);
  const ev = primaryEvent(unit);
  const env: Obj[] = [
    { name: 'LAMBDASHIFT_HANDLER', value: handler },
    { name: 'LAMBDASHIFT_TIMEOUT_SECONDS', value: String(plan.timeoutSeconds) },
    { name: 'LAMBDASHIFT_EVENT_SOURCE', value: mode },
    { name: 'LAMBDASHIFT_FUNCTION_NAME', value: unit.name },
    { name: 'LAMBDASHIFT_MEMORY_MB', value: String(plan.memoryMB) },
    { name: 'AWS_REGION', value: plan.region },
  ];
  if (mode === 'sqs') {
    env.push({ name: 'LAMBDASHIFT_SQS_QUEUE_URL', value: plan.queueURL });
    env.push({
      name: 'LAMBDASHIFT_SQS_BATCH_SIZE',
      value: String(ev?.type === 'sqs' && typeof ev.batchSize === 'number' ? Math.min(10, ev.batchSize) : ev?.type === 'sqs' ? 10 : 1),
    });
    if (ev && ev.type !== 'sqs') env.push({ name: 'LAMBDASHIFT_SQS_ENVELOPE', value: ev.type });
    const filters = ev?.type === 'sqs' ? sqsFilterPatterns(ev) : undefined;
    if (filters) env.push({ name: 'LAMBDASHIFT_SQS_FILTERS', value: JSON.stringify(filters) });
  }
  if (mode === 'http') {
    env.push({ name: 'PORT', value: '8080' });
    env.push({ name: 'LAMBDASHIFT_HTTP_PAYLOAD', value: plan.httpPayload ?? '2.0' });
    if (plan.httpRoutes.length) env.push({ name: 'LAMBDASHIFT_HTTP_ROUTES', value: JSON.stringify(plan.httpRoutes) });
  }
  // One entry per variable (not envFrom) so the names stay visible to reviewers and to tools reading the Pod spec.
  for (const n of plan.envNames) {
    if (plan.secretNames.includes(n)) env.push({ name: n, valueFrom: { secretKeyRef: { name: plan.secretName, key: n } } });
    else env.push({ name: n, valueFrom: { configMapKeyRef: { name: `${plan.name}-config`, key: n } } });
  }
  const container: Obj = {
    name: 'handler',
    image: plan.image,
    imagePullPolicy: 'IfNotPresent',
    env,
    resources: plan.resources ?? { requests: { cpu: '<CPU>', memory: '<MEMORY_MB>Mi' }, limits: { cpu: '<CPU>', memory: '<MEMORY_MB>Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...plan.efs.map((f) => ({ name: f.name, mountPath: f.mountPath }))],
  };
  if (plan.runtime === 'web') {
    // The image is its own HTTP server: only the function's own configuration, no runner settings.
    // The runner's PORT goes; the function's own (the port its app listens on, from the ConfigMap) stays.
    container.env = env.filter((e) => !String(e.name).startsWith('LAMBDASHIFT_') && !(e.name === 'PORT' && e.valueFrom === undefined));
  }
  if (mode === 'http') {
    container.ports = [{ name: 'http', containerPort: plan.runtime === 'web' ? (webAdapterPort(unit) ?? 8080) : 8080, protocol: 'TCP' }];
    // A Deployment is long-lived, so unlike Jobs it gets probes; the handler has no health route, so probe the socket.
    container.readinessProbe = { tcpSocket: { port: 'http' }, periodSeconds: 10 };
    container.livenessProbe = { tcpSocket: { port: 'http' }, periodSeconds: 20, failureThreshold: 3 };
  }
  return {
    serviceAccountName: plan.serviceAccount,
    ...(mode === 'http' ? {} : { restartPolicy: 'Never' }),
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    // The image is built for the function's architecture (Lambda: x86_64 unless arm64 is set).
    nodeSelector: { 'kubernetes.io/arch': plan.arch },
    containers: [container],
    // Lambda's only writable path is /tmp; keep the root filesystem read-only and give /tmp the same size.
    volumes: [
      { name: 'tmp', emptyDir: { sizeLimit: `${plan.tmpSizeMiB}Mi` } },
      ...plan.efs.map((f) => ({ name: f.name, persistentVolumeClaim: { claimName: f.name } })),
    ],
  };
}

function jobSpec(plan: Plan, unit: Unit, podLabels: Obj): Obj {
  return {
    backoffLimit: plan.backoffLimit,
    activeDeadlineSeconds: plan.activeDeadlineSeconds,
    ttlSecondsAfterFinished: 86400,
    ...(plan.shape === 'job' || plan.shape === 'cronjob' ? { parallelism: plan.parallelism ?? 1, completions: 1 } : {}),
    template: { metadata: { labels: podLabels }, spec: podSpec(plan, unit) },
  };
}

/** The Kubernetes objects, each with the file it goes to. */
export function buildObjects(plan: Plan, unit: Unit): { file: string; obj: Obj }[] {
  const out: { file: string; obj: Obj }[] = [];
  const saAnnotations: Obj = plan.identity === 'irsa' ? { 'eks.amazonaws.com/role-arn': plan.roleArn, 'eks.amazonaws.com/sts-regional-endpoints': 'true' } : {};
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(plan, plan.serviceAccount, unit) };
  (sa.metadata as Obj).annotations = { ...((sa.metadata as Obj).annotations as Obj), ...saAnnotations };
  out.push({ file: 'serviceaccount.yaml', obj: sa });
  if (Object.keys(plan.configData).length) {
    out.push({
      file: 'configmap.yaml',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(plan, `${plan.name}-config`, unit), data: plan.configData },
    });
  }
  for (const f of plan.efs) {
    // Static provisioning on the EFS CSI driver: volumeHandle <file system id>::<access point id> (the access point
    // keeps the POSIX user and root directory the function used).
    out.push({
      file: `pv-${f.name}.yaml`,
      obj: {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: f.name, labels: labels(plan), annotations: { [CONVERTED_FROM]: `${unit.file}#${unit.name}` } },
        spec: {
          capacity: { storage: '5Gi' },
          volumeMode: 'Filesystem',
          accessModes: ['ReadWriteMany'],
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: 'efs-sc',
          csi: { driver: 'efs.csi.aws.com', volumeHandle: `<FILE_SYSTEM_ID>::${f.accessPointId}` },
        },
      },
    });
    out.push({
      file: `pvc-${f.name}.yaml`,
      obj: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta(plan, f.name, unit),
        spec: { accessModes: ['ReadWriteMany'], storageClassName: 'efs-sc', volumeName: f.name, resources: { requests: { storage: '5Gi' } } },
      },
    });
  }
  const podLabels = labels(plan);
  switch (plan.shape) {
    case 'cronjob':
      out.push({
        file: 'cronjob.yaml',
        obj: {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: meta(plan, plan.name, unit),
          spec: {
            schedule: plan.schedule,
            timeZone: plan.timeZone,
            // Lambda lets scheduled invocations overlap unless reserved concurrency is 1.
            concurrencyPolicy: plan.maxReplicaCount === 1 ? 'Forbid' : 'Allow',
            startingDeadlineSeconds: plan.startingDeadlineSeconds,
            suspend: plan.suspended,
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: { metadata: { labels: podLabels }, spec: jobSpec(plan, unit, podLabels) },
          },
        },
      });
      break;
    case 'job':
      out.push({ file: 'job.yaml', obj: { apiVersion: 'batch/v1', kind: 'Job', metadata: meta(plan, plan.name, unit), spec: jobSpec(plan, unit, podLabels) } });
      break;
    case 'scaledjob': {
      const ev = primaryEvent(unit);
      const batch = ev?.type === 'sqs' && typeof ev.batchSize === 'number' ? Math.min(10, ev.batchSize) : ev?.type === 'sqs' ? 10 : 1;
      out.push({
        file: 'triggerauthentication.yaml',
        obj: {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'TriggerAuthentication',
          metadata: meta(plan, `${plan.name}-aws`, unit),
          // IRSA: KEDA assumes the role annotated on the workload's ServiceAccount. Pod Identity: the KEDA operator's own identity.
          spec: { podIdentity: plan.identity === 'irsa' ? { provider: 'aws', identityOwner: 'workload' } : { provider: 'aws' } },
        },
      });
      out.push({
        file: 'scaledjob.yaml',
        obj: {
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'ScaledJob',
          metadata: plan.suspended ? withAnnotations(meta(plan, plan.name, unit), { 'autoscaling.keda.sh/paused': 'true' }) : meta(plan, plan.name, unit),
          spec: {
            jobTargetRef: { ...jobSpec(plan, unit, podLabels), parallelism: 1, completions: 1 },
            pollingInterval: 30,
            maxReplicaCount: plan.maxReplicaCount ?? 100,
            successfulJobsHistoryLimit: 5,
            failedJobsHistoryLimit: 5,
            triggers: [
              {
                type: 'aws-sqs-queue',
                authenticationRef: { name: `${plan.name}-aws` },
                metadata: { queueURL: plan.queueURL, queueLength: String(batch), awsRegion: plan.region, scaleOnInFlight: 'false' },
              },
            ],
          },
        },
      });
      break;
    }
    case 'deployment': {
      const paths = plan.httpPaths;
      out.push({
        file: 'deployment.yaml',
        obj: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta(plan, plan.name, unit),
          spec: {
            replicas: plan.replicas,
            selector: { matchLabels: podLabels },
            template: { metadata: { labels: podLabels }, spec: podSpec(plan, unit) },
          },
        },
      });
      out.push({
        file: 'service.yaml',
        obj: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: meta(plan, plan.name, unit),
          spec: { type: 'ClusterIP', selector: podLabels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
        },
      });
      out.push({
        file: 'ingress.yaml',
        obj: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: meta(plan, plan.name, unit, {}),
          spec: {
            ingressClassName: 'alb',
            rules: [
              { http: { paths: paths.map((path) => ({ path, pathType: 'Prefix', backend: { service: { name: plan.name, port: { name: 'http' } } } })) } },
            ],
          },
        },
      });
      const ing = out[out.length - 1].obj.metadata as Obj;
      ing.annotations = { ...(ing.annotations as Obj), 'alb.ingress.kubernetes.io/scheme': plan.ingressScheme, 'alb.ingress.kubernetes.io/target-type': 'ip' };
      break;
    }
  }
  return out;
}

/** The AWS base image of a zip function's runtime (its entrypoint is replaced), with the OS and interpreter it ran on. */
function lambdaBaseImage(runtime: string | undefined): string {
  const rt = runtime ?? '';
  let m = /^python(3\.\d+)$/.exec(rt);
  if (m) return `public.ecr.aws/lambda/python:${m[1]}`;
  m = /^nodejs(\d+)\.x$/.exec(rt);
  if (m) return `public.ecr.aws/lambda/nodejs:${m[1]}`;
  m = /^java(\d+)/.exec(rt);
  if (m) return `public.ecr.aws/lambda/java:${m[1]}`;
  m = /^dotnet(\d+)/.exec(rt);
  if (m) return `public.ecr.aws/lambda/dotnet:${m[1]}`;
  m = /^ruby(\d+\.\d+)$/.exec(rt);
  if (m) return `public.ecr.aws/lambda/ruby:${m[1]}`;
  return rt === 'provided.al2' || rt === 'provided' ? 'public.ecr.aws/lambda/provided:al2' : 'public.ecr.aws/lambda/provided:al2023';
}

const NODE_IMAGE: Record<string, string> = { 'nodejs18.x': '18', 'nodejs20.x': '20', 'nodejs22.x': '22', 'nodejs24.x': '24' };

/** Dockerfile whose build context is the assessed root (`docker build -f <out>/Dockerfile .`). */
export function dockerfile(plan: Plan, unit: Unit, outDir: string): string {
  const words = dockerWords(unit);
  const codeRoot = words.codeRoot ?? '<CODE_DIR>';
  const runnerFile = plan.runtime === 'python' ? PYTHON_RUNNER_FILE : plan.runtime === 'java' || plan.runtime === 'dotnet' ? RIE_RUNNER_FILE : NODE_RUNNER_FILE;
  const runnerSrc = oneLine(joinPath(outDir, runnerFile));
  const sqs = eventSourceMode(unit) === 'sqs';
  const isImage = unit.packageType === 'Image';
  const imageRef = functionImageRef(unit);
  const head = [
    `# Generated by LambdaShift from ${oneLine(unit.file)} (${oneLine(unit.name)}). Build from the folder that was converted:`,
    `#   docker build -f ${oneLine(joinPath(outDir, 'Dockerfile'))} -t ${oneLine(plan.image)} .`,
    ...(isImage ? [] : words.unsafe.map((u) => `# ${oneLine(u)}`)),
    ...(isImage && unit.imageBuild && imageRef === '<FUNCTION_IMAGE>'
      ? [
          `# <FUNCTION_IMAGE> is the function's image, built from ${oneLine(unit.imageBuild.dockerfile)} (FROM ${oneLine(unit.imageBuild.from)}): build and push it first.`,
        ]
      : []),
  ];
  // Layers: Lambda unpacked them under /opt; the image must carry their contents (no layer service on Kubernetes).
  const layerCopies = (layers: readonly string[]) =>
    layers.length
      ? [
          `# Lambda layers (${layers.length}) were unpacked under /opt. Put their contents in the image: download each one`,
          '# (aws lambda get-layer-version-by-arn --arn <ARN> → Content.Location), unzip it into layers/<name>/ in the build',
          '# context, and uncomment its COPY line. Layers that only add an extension (e.g. a monitoring agent) can be dropped.',
          ...layers.map((l, i) => `# COPY layers/layer${i + 1}/ /opt/    # ${oneLine(l)}`),
        ]
      : [];
  const layerLines = plan.layers.length
    ? [
        ...layerCopies(plan.layers),
        plan.runtime === 'python' ? 'ENV PYTHONPATH=/opt/python' : 'ENV NODE_PATH=/opt/nodejs/node_modules:/opt/nodejs/node22/node_modules',
      ]
    : [];
  if (plan.runtime === 'web' && isImage) {
    return [...head, '# The function image serves HTTP itself (AWS Lambda Web Adapter): it runs on Kubernetes unchanged.', `FROM ${imageRef}`, ''].join('\n');
  }
  if (plan.runtime === 'web') {
    // A zip function behind the adapter: its handler (`run.sh`, a `bootstrap` binary) starts the app, which listens on
    // its port. The runtime's own base image keeps what the program expects (paths, LAMBDA_TASK_ROOT, the interpreter).
    const base = lambdaBaseImage(unit.runtime);
    const start = `/var/task/${unit.handler ?? 'bootstrap'}`;
    const family = /^(python|nodejs)/.exec(unit.runtime ?? '')?.[1];
    return [
      ...head,
      '# The function serves HTTP itself behind the AWS Lambda Web Adapter: its handler starts the app, so the image runs it',
      "# directly (the adapter's layer and exec wrapper only turn Lambda invocations into requests).",
      `FROM ${base}`,
      'WORKDIR /var/task',
      ...layerCopies(plan.layers.filter((l) => !ADAPTER_LAYER.test(l))),
      ...(family
        ? []
        : ["# sam build compiles this runtime's package (Maven, Gradle, dotnet publish, go build): copy its output (.aws-sam/build/<Function>) instead."]),
      `COPY ${codeRoot}/ /var/task/`,
      ...(family === 'python' ? ['RUN if [ -f requirements.txt ]; then pip install --no-cache-dir --target /var/task -r requirements.txt; fi'] : []),
      ...(family === 'nodejs' ? ['RUN if [ -f package-lock.json ]; then npm ci --omit=dev; elif [ -f package.json ]; then npm install --omit=dev; fi'] : []),
      `RUN chmod +x ${oneLine(start)}`,
      'USER 1000:1000',
      `ENTRYPOINT [${JSON.stringify(oneLine(start))}]`,
      '',
    ].join('\n');
  }
  if (plan.runtime === 'java' || plan.runtime === 'dotnet') {
    // A runtime without a version to read (unresolved, `dotnetcore3.1`) takes the current LTS image.
    const rt = unit.runtime ?? '';
    const base = isImage ? imageRef : lambdaBaseImage(/^(?:java|dotnet)\d/.test(rt) ? rt : plan.runtime === 'java' ? 'java21' : 'dotnet8');
    return [
      ...head,
      `# ${plan.runtime === 'java' ? 'Java' : '.NET'}: the AWS base image runs the handler through its Runtime Interface Client; the Runtime Interface`,
      '# Emulator (in the base image) takes one invocation over HTTP, and lambdashift-rie.sh sends it and exits with its outcome',
      '# (reference §8, pattern 1). Build the artifact first (mvn package / gradle build / dotnet lambda package).',
      `FROM ${base}`,
      ...(isImage
        ? []
        : [
            plan.runtime === 'java'
              ? `COPY ${codeRoot}/target/classes/ /var/task/`
              : isPublishOutput(unit.codeUri)
                ? `COPY ${codeRoot}/ /var/task/`
                : `COPY ${codeRoot}/bin/Release/publish/ /var/task/`,
          ]),
      ...(isImage || plan.runtime !== 'java' ? [] : [`COPY ${codeRoot}/target/dependency/ /var/task/lib/`]),
      ...layerCopies(plan.layers),
      'RUN if ! command -v curl >/dev/null; then (dnf install -y curl-minimal || microdnf install -y curl-minimal); fi',
      `COPY ${runnerSrc} /var/runtime/${RIE_RUNNER_FILE}`,
      'USER 1000:1000',
      `ENTRYPOINT ["/bin/sh", "/var/runtime/${RIE_RUNNER_FILE}"]`,
      '',
    ].join('\n');
  }
  if (plan.runtime === 'python') {
    const ver = /^python(3\.\d+)/.exec(unit.runtime ?? '')?.[1] ?? '3.12';
    if (isImage) {
      return [
        ...head,
        '# The function image (Python) expects the Lambda Runtime API; run the handler with the LambdaShift runner instead.',
        `FROM ${imageRef}`,
        ...layerLines,
        `COPY ${runnerSrc} /var/task/${PYTHON_RUNNER_FILE}`,
        'ENV LAMBDASHIFT_TASK_ROOT=/var/task',
        ...(sqs ? ['RUN pip install --no-cache-dir boto3'] : []),
        'USER 1000:1000',
        `ENTRYPOINT ["python3", "/var/task/${PYTHON_RUNNER_FILE}"]`,
        '',
      ].join('\n');
    }
    return [
      ...head,
      `FROM python:${ver}-slim`,
      'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 LAMBDA_TASK_ROOT=/var/task LAMBDASHIFT_TASK_ROOT=/var/task',
      'WORKDIR /var/task',
      ...layerLines,
      `COPY ${codeRoot}/ ./`,
      `RUN if [ -f requirements.txt ]; then pip install --no-cache-dir --target /var/task -r requirements.txt; fi${sqs ? ' && pip install --no-cache-dir --target /var/task boto3' : ''}`,
      `COPY ${runnerSrc} /var/task/${PYTHON_RUNNER_FILE}`,
      'USER 1000:1000',
      `CMD ["python", "/var/task/${PYTHON_RUNNER_FILE}"]`,
      '',
    ].join('\n');
  }
  if (isImage || plan.runtime === 'unknown') {
    return [
      ...head,
      plan.runtime === 'unknown'
        ? "# The function's language is unknown (see the blockers): this assumes Node.js only so the file is complete; replace it."
        : '# The function image (Node.js) expects the Lambda Runtime API; run the handler with the LambdaShift runner instead.',
      `FROM ${isImage ? imageRef : '<FUNCTION_IMAGE>'}`,
      ...layerLines,
      `COPY ${runnerSrc} /var/task/${NODE_RUNNER_FILE}`,
      'ENV LAMBDASHIFT_TASK_ROOT=/var/task',
      'USER 1000:1000',
      `ENTRYPOINT ["node", "/var/task/${NODE_RUNNER_FILE}"]`,
      '',
    ].join('\n');
  }
  const node = NODE_IMAGE[unit.runtime ?? ''] ?? '22';
  const codeFile = unit.codeFile;
  const isTs = !!codeFile && /\.[cm]?tsx?$/.test(codeFile);
  const lines = [...head];
  if (isTs && unit.handler && splitHandler(unit.handler)) {
    const entry = words.entry ?? '<ENTRY_FILE>';
    const modulePath = words.modulePath ?? '<HANDLER_MODULE>';
    lines.push(
      '# TypeScript: bundle the handler (and its dependencies) the way sam build --esbuild would.',
      `FROM node:${node}-slim AS build`,
      'WORKDIR /src',
      `COPY ${codeRoot}/ ./`,
      'RUN if [ -f package-lock.json ]; then npm ci; elif [ -f package.json ]; then npm install; fi',
      `RUN npx --yes esbuild@0.25 ${entry} --bundle --platform=node --target=node${node} --outfile=/out/${modulePath}.js`,
      '',
      `FROM node:${node}-slim`,
      'ENV NODE_ENV=production LAMBDA_TASK_ROOT=/var/task LAMBDASHIFT_TASK_ROOT=/var/task',
      'WORKDIR /var/task',
      ...layerLines,
      'COPY --from=build /out/ ./',
    );
  } else {
    lines.push(
      `FROM node:${node}-slim`,
      'ENV NODE_ENV=production LAMBDA_TASK_ROOT=/var/task LAMBDASHIFT_TASK_ROOT=/var/task',
      'WORKDIR /var/task',
      ...layerLines,
      `COPY ${codeRoot}/ ./`,
      'RUN if [ -f package-lock.json ]; then npm ci --omit=dev; elif [ -f package.json ]; then npm install --omit=dev; fi',
    );
  }
  if (sqs)
    lines.push(
      '# The runner receives and deletes the SQS messages itself (KEDA only counts them).',
      'RUN npm install --no-save --omit=dev --no-audit --no-fund @aws-sdk/client-sqs@3',
    );
  lines.push(
    `COPY ${runnerSrc} /var/task/${NODE_RUNNER_FILE}`,
    '# uid 1000 is the node user of the official image; the Pod runs as it with a read-only root filesystem.',
    'USER 1000:1000',
    `CMD ["node", "/var/task/${NODE_RUNNER_FILE}"]`,
    '',
  );
  return lines.join('\n');
}

/**
 * The IaC-derived values a Dockerfile spells out (code folder, TypeScript entry, handler module), each only when it is
 * a plain path that cannot become Dockerfile or shell syntax; `unsafe` says which were left as placeholders and why.
 */
/**
 * A CDK NodejsFunction's bundle: its entry (the handler's module path, written from the stack's folder: `../lambda/index`)
 * is bundled into `index.js`, which Lambda runs as `index.<export>`. The conversion bundles it the same way, from the
 * converted folder (the app's, whose package.json has the dependencies).
 */
function cdkBundle(unit: Unit): { entry: string; handler: string } | undefined {
  const split = unit.handler ? splitHandler(unit.handler) : undefined;
  const code = unit.codeFile;
  if (unit.source !== 'cdk' || !split || !code || !/\.[cm]?[jt]sx?$/.test(code) || !split.modulePath.includes('/')) return undefined;
  return joinPath(dirOf(unit.file), split.modulePath) === code.replace(/\.[^./]+$/, '') ? { entry: code, handler: `index.${split.exportName}` } : undefined;
}

export function dockerWords(unit: Unit): { codeRoot?: string; entry?: string; modulePath?: string; unsafe: string[] } {
  const unsafe: string[] = [];
  const bundle = cdkBundle(unit);
  if (bundle) {
    const entry = dockerWord(bundle.entry);
    if (!entry) unsafe.push(`<ENTRY_FILE>: the handler file ${JSON.stringify(bundle.entry)} is not a plain relative path; set it by hand.`);
    return { codeRoot: '.', entry, modulePath: 'index', unsafe };
  }
  const rawRoot = codeFolderOf(unit);
  const codeRoot = dockerWord(rawRoot);
  if (!codeRoot) unsafe.push(`<CODE_DIR>: the code folder ${JSON.stringify(rawRoot)} is not a plain relative path inside the build context; set it by hand.`);
  let entry: string | undefined;
  let modulePath: string | undefined;
  const codeFile = unit.codeFile;
  const split = unit.handler ? splitHandler(unit.handler) : undefined;
  if (codeFile && /\.[cm]?tsx?$/.test(codeFile) && split) {
    const rawEntry = rawRoot === '.' ? codeFile : codeFile.startsWith(`${rawRoot}/`) ? codeFile.slice(rawRoot.length + 1) : codeFile;
    entry = dockerWord(rawEntry);
    if (!entry) unsafe.push(`<ENTRY_FILE>: the handler file ${JSON.stringify(rawEntry)} is not a plain relative path; set it by hand.`);
    modulePath = dockerWord(split.modulePath);
    if (!modulePath) unsafe.push(`<HANDLER_MODULE>: the handler ${JSON.stringify(unit.handler)} does not name a plain module path; set it by hand.`);
  }
  return { codeRoot, entry, modulePath, unsafe };
}

/**
 * The code folder, relative to the build context. From the code path when the unit carries it (`CodeUri: src/` from
 * the template's folder; a CDK asset path or Terraform's from the first folder above whose path holds the code the join
 * found, as `cdk synth` runs from its app's root and a .NET publish folder belongs to its project). Units as assessed
 * (the CLI's and the editor's) carry their code file instead: the folder is what the handler's module path leaves of it
 * (`src/app.py` for `app.handler` → `src`), a Java file's Maven project, a compiled handler's folder.
 */
function codeFolderOf(unit: Unit): string {
  const declared = joinPath(dirOf(unit.file), unit.codeUri ?? '') || '.';
  const code = unit.codeFile;
  if (unit.codeUri === undefined) return (code && !unit.inlineCode && codeRootFromFile(unit, code)) || declared;
  if (!code || (unit.source !== 'cdk' && unit.source !== 'terraform')) return declared;
  const holds = (folder: string) => {
    const project = dotnetProjectOf(folder) ?? folder;
    return project === '' || project === '.' || code.startsWith(`${project}/`);
  };
  if (holds(declared)) return declared;
  for (let d = dirOf(unit.file); d;) {
    d = dirOf(d);
    const candidate = joinPath(d, unit.codeUri) || '.';
    if (holds(candidate)) return candidate;
    if (!d) break;
  }
  return declared;
}

/** The code folder a handler's code file implies (see codeFolderOf); undefined when the file is not where the handler names it. */
function codeRootFromFile(unit: Unit, code: string): string | undefined {
  const runtime = unit.runtime ?? '';
  if (/^java/.test(runtime)) return /^(.*?)\/?src\/main\/java\//.exec(code)?.[1] || dirOf(code) || '.';
  if (/^(?:dotnet|provided|go)/.test(runtime)) return dirOf(code) || '.';
  // A shell script handler (`run.sh` behind the Lambda Web Adapter) sits in the code folder beside the program it
  // starts, which the join found.
  if (/\.(?:sh|bash)$/i.test(unit.handler ?? '')) return dirOf(code) || '.';
  const split = unit.handler ? splitHandler(unit.handler) : undefined;
  if (!split) return undefined;
  const module = /^python/.test(runtime) ? split.modulePath.replace(/\./g, '/') : split.modulePath;
  const stem = code.replace(/\.[^./]+$/, '');
  if (stem === module) return '.';
  return stem.endsWith(`/${module}`) ? stem.slice(0, -module.length - 1) : undefined;
}

/** What makes a function's execution role when its template does not name one. */
const ROLE_MAKER: Partial<Record<Unit['source'], string>> = {
  sam: 'SAM',
  cloudformation: 'the template',
  serverless: 'the Serverless Framework',
  cdk: 'the CDK app',
  terraform: 'the Terraform configuration',
  'dotnet-lambda-tools': 'the .NET Lambda tools',
};

/** A .NET code path that is already `dotnet publish` output (`bin/Release/net8.0/publish`, `-o dist/Api`): copied as it is. */
const isPublishOutput = (codeUri: string | undefined) => /(?:^|\/)(?:bin\/(?:Release|Debug)(?:\/|$)|publish$|dist(?:\/|$))/i.test(codeUri ?? '');

function identityFiles(plan: Plan): GeneratedFile[] {
  if (plan.identity === 'pod-identity') {
    return [
      { path: 'iam/trust-policy.json', content: toJson(podIdentityTrustPolicy()) },
      { path: 'iam/pod-identity-association.json', content: toJson(podIdentityAssociation(plan.namespace, plan.serviceAccount, plan.roleArn)) },
    ];
  }
  return [{ path: 'iam/trust-policy.json', content: toJson(irsaTrustPolicy(plan.namespace, plan.serviceAccount)) }];
}

function identityNotes(plan: Plan): string[] {
  if (plan.identity === 'pod-identity') {
    return [
      `EKS Pod Identity: replace the role's trust policy with iam/trust-policy.json (pods.eks.amazonaws.com; sts:AssumeRole + sts:TagSession), install the EKS Pod Identity Agent add-on, then create the association: aws eks create-pod-identity-association --cli-input-json file://iam/pod-identity-association.json (set clusterName).`,
      ...(plan.shape === 'scaledjob'
        ? [
            "KEDA (provider aws) checks the queue with the KEDA operator's own identity here: give keda-operator a role that may sqs:GetQueueAttributes on the queue.",
          ]
        : []),
    ];
  }
  return [
    `IRSA: replace the role's trust policy with iam/trust-policy.json (fill <ACCOUNT_ID> and the cluster's OIDC issuer oidc.eks.<REGION>.amazonaws.com/id/<OIDC_ID>); it trusts only system:serviceaccount:${plan.namespace}:${plan.serviceAccount}. The ServiceAccount carries eks.amazonaws.com/role-arn.`,
  ];
}

function readme(unit: Unit, plan: Plan, notes: string[], blockers: string[], warnings: string[], format: string): string {
  return [
    `# ${unit.name} → Kubernetes (${plan.shape}, ${format})`,
    '',
    `Generated by LambdaShift from \`${unit.file}\`. Review every placeholder (\`<...>\`, \`REPLACE_ME\`) before applying. CONVERSION.md lists every setting of the function and what it became.`,
    '',
    ...(blockers.length ? ['## Blockers', '', ...blockers.map((b) => `- ${b}`), ''] : []),
    ...(warnings.length ? ['## Warnings', '', ...warnings.map((w) => `- ${w}`), ''] : []),
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

/** Blockers for a conversion to Kubernetes: the plan's, plus the assessment's error findings in that direction. */
function withFindingBlockers(blockers: string[], options: ConvertOptions, notes: string[]): string[] {
  const out = [...blockers];
  for (const f of options.findings ?? []) {
    if (f.severity !== 'error' || f.direction === 'to-lambda') continue;
    // A retired Lambda runtime is a reason to move, not a reason the move fails: the image picks a supported base.
    if (f.category === 'deprecated-runtime')
      notes.push(`${f.file}:${f.line} ${f.ruleId}: ${f.message} The image uses a current base image instead; test the code on it.`);
    else out.push(`${f.file}:${f.line} ${f.ruleId}: ${f.message}`);
  }
  return out;
}

/**
 * A Node.js or Python function whose code the join found through the name of its package (`functions/GetBook.zip` built
 * from `functions/APIs/getBook.js`, joinedBy `package name`): its handler names the module inside the package
 * (`index.handler`), which the sources do not have. The container runs the source itself, as `getBook.handler` from its
 * folder, and a note says so.
 */
function runFromPackageSource(unit: Unit, notes: string[]): Unit {
  const split = unit.handler ? splitHandler(unit.handler) : undefined;
  const code = unit.codeFile;
  if (unit.joinedBy !== 'package name' || !split || !code || !/^(?:nodejs|python)/.test(unit.runtime ?? '')) return unit;
  const stem = code.slice(code.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  if (/^python/.test(unit.runtime!) ? !/^[A-Za-z_]\w*$/.test(stem) : !/^[\w.-]+$/.test(stem)) return unit;
  const handler = `${stem}.${split.exportName}`;
  // A package whose module is named as its source (`data_transformation.lambda_handler` from data_transformation.py):
  // the code folder is found as for any other function.
  if (handler === unit.handler) return unit;
  notes.push(
    `${unit.name}'s handler ${unit.handler} names a module inside the package it is deployed from, not a source file; ${code} is the source that package is named after, so the container runs it as ${handler} from ${dirOf(code) || '.'}. Check that the package holds nothing else the code needs.`,
  );
  return { ...unit, handler, codeUri: undefined };
}

export function convertToKubernetes(input: Unit, options: ConvertOptions): ConvertResult {
  const notes: string[] = [];
  const unit = runFromPackageSource(input, notes);
  const warnings: string[] = [];
  const planBlockers: string[] = [];
  const plan = planKubernetes(unit, options, notes, planBlockers, warnings);
  const blockers = withFindingBlockers(planBlockers, options, notes);
  // A unit whose blockers make the output non-functional is converted only with explicit consent (issue #20).
  if (blockers.length && !options.forceBlockers) throw new ConvertBlockedError(unit.name, blockers);
  notes.push(...identityNotes(plan));
  const format = options.format ?? 'manifests';
  const outDir = options.outDir ?? '.';
  const objects = buildObjects(plan, unit);
  const files: GeneratedFile[] = [];
  if (format === 'manifests') {
    for (const o of objects) files.push({ path: o.file, content: toYaml(o.obj) });
  } else if (format === 'kustomize') {
    for (const o of objects) {
      const { namespace: _ns, ...metadata } = o.obj.metadata as Obj;
      files.push({ path: `base/${o.file}`, content: toYaml({ ...o.obj, metadata }) });
    }
    files.push({
      path: 'base/kustomization.yaml',
      content: toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: objects.map((o) => o.file) }),
    });
    files.push({
      path: 'kustomization.yaml',
      content: toYaml({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: plan.namespace,
        resources: ['base'],
        images: [{ name: plan.image.replace(/:[^:/]+$/, ''), newTag: plan.image.split(':').pop() }],
      }),
    });
    notes.push(
      `kustomize: the namespace (${plan.namespace}) is set in kustomization.yaml; if an overlay changes it, regenerate the IRSA trust policy (its :sub names the namespace).`,
    );
  } else if (format === 'helm') {
    files.push(...layoutHelm(plan, unit, objects));
    notes.push(
      `Helm: image, resources, schedule, env, identity and timeout are in values.yaml${plan.secretNames.length ? ' (and secretName, the name of the Secret you create, never its values)' : ''}; objects go to the release namespace (helm install -n), or to values.yaml namespace when set. The IRSA trust policy names namespace ${plan.namespace} and ServiceAccount ${plan.serviceAccount}: keep them in step with the release.`,
    );
  } else {
    throw new ConvertError(`unknown format '${format}'; use manifests, helm or kustomize.`);
  }
  files.push(...identityFiles(plan));
  if (plan.runtime === 'python') files.push({ path: PYTHON_RUNNER_FILE, content: PYTHON_RUNNER });
  else if (plan.runtime === 'java' || plan.runtime === 'dotnet') files.push({ path: RIE_RUNNER_FILE, content: RIE_RUNNER });
  else if (plan.runtime !== 'web') files.push({ path: NODE_RUNNER_FILE, content: NODE_RUNNER });
  if (unit.packageType !== 'Image') notes.push(...dockerWords(unit).unsafe.map((u) => `Dockerfile placeholder ${u}`));
  if (unit.unresolved?.length) notes.push(`References not resolved (never read): ${unit.unresolved.join(', ')}.`);
  files.push({ path: 'Dockerfile', content: dockerfile(plan, unit, outDir) });
  const report = describeLambdaUnit(unit, plan);
  files.push({ path: 'README.md', content: readme(unit, plan, notes, blockers, warnings, format) });
  files.push({ path: 'CONVERSION.md', content: renderConversionReport(unit, 'Kubernetes', report, blockers, warnings, notes) });
  if (blockers.length) markBlockers(files, blockers);
  return { files, notes, blockers, warnings, report, objects: objects.map((o) => o.obj) };
}

/** Converted despite blockers: YAML and Dockerfiles start with them as comments, so nobody applies them unaware. */
export function markBlockers(files: GeneratedFile[], blockers: string[]): void {
  const header = blockerComments(blockers);
  for (const f of files) if (/\.ya?ml$|(^|\/)Dockerfile(\.\w+)?$/.test(f.path)) f.content = header + f.content;
}
