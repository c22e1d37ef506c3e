// Lambda → Kubernetes: what each setting of the function became. One entry per Unit field (the type makes a missing
// field a compile error; test/unit/convert/settings.test.ts checks every field each extractor sets has a row).
import { ADAPTER_LAYER } from '../../webAdapter';
import { LAMBDA_ONLY_INVOKERS } from '../../model/invokers';
import { describeRouteAuth, routeAuthOf, routeAuthReplacement } from '../../model/routeAuth';
import type { SizedField, Unit, UnitEvent } from '../../types';
import { BOOKKEEPING_FIELDS, eventKeys, show, type FieldTable, type ReportRow } from '../report';
import { functionImageRef, lambdaDefaults, primaryEvent, servedByDeployment, sqsFilterPatterns, type Plan } from './index';

type Describe = (unit: Unit, plan: Plan) => ReportRow[];

const row = (setting: string, value: unknown, outcome: ReportRow['outcome'], became: string): ReportRow => ({ setting, value: show(value), outcome, became });

/** Advice for function properties the model lists in `otherSettings` (by the name each format uses). */
const OTHER_ADVICE: [RegExp, string][] = [
  [
    /^(Tracing|tracing|tracing_config|provider\.tracing)$/,
    'X-Ray tracing: run the ADOT collector (or X-Ray daemon) in the cluster and instrument the handler with OpenTelemetry; Lambda set this up for you',
  ],
  [
    /^(ProvisionedConcurrencyConfig|provisionedConcurrency|provider\.provisionedConcurrency|provisioned_concurrent_executions)$/,
    'provisioned concurrency keeps environments warm: a Deployment keeps its replicas running; for Jobs, start-up time is covered by the deadline allowance',
  ],
  [/^(SnapStart|snapStart|snap_start|provider\.snapStart)$/, 'SnapStart does not apply: containers start from the image'],
  [
    /^(KmsKeyArn|kmsKeyArn|kms_key_arn|provider\.kmsKeyArn|environmentEncryption)$/,
    'environment encryption key: enable KMS envelope encryption of Secrets on the cluster (EKS secrets encryption)',
  ],
  [
    /^(LoggingConfig|logs|logRetentionInDays|logging_config|provider\.logs|provider\.logRetentionInDays|logRetention|logGroup)$/,
    'logs: the runner writes to stdout/stderr; ship them with Fluent Bit / CloudWatch Container Insights and set retention there',
  ],
  [/^(Tags|tags|provider\.tags)$/, 'tags: add them as labels if you use them for cost allocation'],
  [/^(Description|description)$/, 'description: informational only'],
  [
    /^(AutoPublishAlias|AutoPublishCodeSha256|VersionDescription|DeploymentPreference|publish|currentVersionOptions|provider\.versionFunctions)$/,
    'versions/aliases/gradual deployment: use image tags and a Deployment rollout (or Argo Rollouts) instead',
  ],
  [
    /^(CodeSigningConfigArn|code_signing_config_arn|codeSigningConfig)$/,
    'code signing: sign and verify images instead (e.g. Sigstore cosign with an admission policy)',
  ],
  [/^(RuntimeManagementConfig|runtime_management_config|runtimeManagementMode)$/, 'runtime updates: pin and update the base image tag yourself'],
  [
    /^(ImageConfig|image_config)$/,
    'image entrypoint/command override: the generated Dockerfile sets the entrypoint; carry any WorkingDirectory/Command by hand',
  ],
  [/^(Metadata|Condition|DependsOn)$/, 'CloudFormation resource attribute: no Kubernetes equivalent needed'],
];

function otherAdvice(name: string): string {
  return OTHER_ADVICE.find(([re]) => re.test(name))?.[1] ?? 'not modelled by LambdaShift: check whether the Kubernetes side needs an equivalent';
}

/** `900 (var.timeout in terraform.tfvars)`: a value read from outside the declaration says where. */
const withOrigin = (unit: Unit, field: SizedField): unknown => (unit.valuesFrom?.[field] ? `${show(unit[field])} (${unit.valuesFrom[field]})` : unit[field]);

const size =
  (field: 'timeoutSeconds' | 'memoryMB'): Describe =>
  (unit, plan) => {
    const d = lambdaDefaults(unit);
    const expr = unit.unresolvedFields?.[field];
    if (field === 'timeoutSeconds') {
      const became =
        plan.runtime === 'web'
          ? `no runner countdown: the app serves HTTP itself, so give its server (and the Ingress) a request timeout of ${plan.timeoutSeconds} s`
          : `LAMBDASHIFT_TIMEOUT_SECONDS ${plan.timeoutSeconds} (the runner's countdown)${plan.shape === 'deployment' ? '' : `; activeDeadlineSeconds ${plan.activeDeadlineSeconds} = timeout + ${plan.deadlineAllowanceSeconds} s start-up allowance`}`;
      if (unit.timeoutSeconds !== undefined) return [row('timeoutSeconds', withOrigin(unit, 'timeoutSeconds'), 'mapped', became)];
      if (expr) return [row('timeoutSeconds', expr, 'placeholder', `unresolved in the source: ${became} (fill them)`)];
      return [row('timeoutSeconds', `unset (${d.why})`, 'mapped', became)];
    }
    const became = plan.resources
      ? `memory request = limit ${plan.resources.limits.memory}, CPU ${plan.resources.limits.cpu} (1,769 MB ≈ 1 vCPU)`
      : 'memory <MEMORY_MB>Mi and CPU <CPU> placeholders (fill them)';
    if (unit.memoryMB !== undefined) return [row('memoryMB', withOrigin(unit, 'memoryMB'), 'mapped', became)];
    if (expr) return [row('memoryMB', expr, 'placeholder', `unresolved in the source: ${became}`)];
    return [row('memoryMB', `unset (${d.why})`, 'mapped', became)];
  };

function describeEvent(e: UnitEvent, i: number, plan: Plan, primary: boolean): ReportRow[] {
  const at = (k: string) => `events[${i}].${k}`;
  const rows: ReportRow[] = [];
  const what = `${e.type}${e.detail ? ` ${e.detail}` : ''}`;
  for (const k of eventKeys(e)) {
    const v = e[k];
    switch (k) {
      case 'type':
        rows.push(
          primary
            ? row(
                at('type'),
                what,
                'mapped',
                plan.shape === 'cronjob'
                  ? `CronJob ${plan.schedule} (${plan.timeZone})`
                  : plan.shape === 'scaledjob'
                    ? `KEDA ScaledJob on ${plan.queueURL}${e.type !== 'sqs' ? ` (${e.type} routed through SQS)` : ''}`
                    : plan.shape === 'deployment'
                      ? `Deployment + Service + Ingress (${e.functionUrl ? 'function URL' : e.alb ? 'ALB' : 'API'} → payload ${plan.httpPayload})`
                      : 'Job template',
              )
            : row(at('type'), what, 'blocker', 'only one trigger per workload: needs a workload of its own (see blockers)'),
        );
        break;
      case 'detail':
        break; // shown with the type
      case 'batchSize':
        rows.push(
          row(
            at(k),
            v,
            primary ? 'mapped' : 'note',
            primary ? `KEDA queueLength and the runner's receive batch (max 10 per ReceiveMessage)` : 'not converted (secondary trigger)',
          ),
        );
        break;
      case 'visibilityTimeout':
        rows.push(row(at(k), v, 'note', 'the runner receives with VisibilityTimeout = timeout + 60 s, overriding the queue default per message'));
        break;
      case 'timeZone':
        rows.push(row(at(k), v, 'carried', `CronJob timeZone ${plan.timeZone ?? v}`));
        break;
      case 'enabled':
        rows.push(
          row(
            at(k),
            v,
            'mapped',
            plan.shape === 'cronjob'
              ? 'CronJob suspend: true'
              : plan.shape === 'scaledjob'
                ? 'ScaledJob annotation autoscaling.keda.sh/paused: "true"'
                : 'replicas 0',
          ),
        );
        break;
      case 'filterCriteria':
        rows.push(
          primary && e.type === 'sqs' && sqsFilterPatterns(e)
            ? row(
                at(k),
                v,
                'mapped',
                `LAMBDASHIFT_SQS_FILTERS: the runner matches each message against the ${sqsFilterPatterns(e)!.length} pattern(s) and deletes those that match none without calling the handler, as Lambda did (KEDA still counts them in queueLength, so a pod may start for messages it then drops)`,
              )
            : row(
                at(k),
                v,
                'note',
                'Lambda dropped non-matching messages before invoking; these patterns are not JSON LambdaShift can read, or use an operator the runner does not apply, so the runner passes every message: filter at the start of the handler (same pattern), or filter before the queue (SNS subscription / EventBridge rule)',
              ),
        );
        break;
      case 'filterPolicy':
        rows.push(
          row(
            at(k),
            v,
            'mapped',
            'set the same FilterPolicy on the SNS → SQS subscription that feeds the ScaledJob: SNS then filters before delivery, as it did for the Lambda subscription',
          ),
        );
        break;
      case 'maximumBatchingWindowInSeconds':
        rows.push(row(at(k), v, 'note', 'not reproduced: the runner long-polls up to 10 s and handles what it received'));
        break;
      case 'maximumConcurrency':
        rows.push(row(at(k), v, 'mapped', `KEDA maxReplicaCount ${plan.maxReplicaCount ?? v}`));
        break;
      case 'functionResponseTypes':
        rows.push(row(at(k), v, 'carried', 'the runner deletes only messages not listed in batchItemFailures'));
        break;
      case 'functionUrl':
        rows.push(row(at(k), v, 'mapped', 'Deployment + Service + Ingress (ALB)'));
        break;
      case 'authType':
        rows.push(
          row(
            at(k),
            v,
            v === 'AWS_IAM' ? 'note' : 'carried',
            v === 'AWS_IAM'
              ? 'IAM (SigV4) auth has no Ingress equivalent: the Ingress is internal; put an authenticating proxy or ALB OIDC in front before exposing it'
              : 'public Ingress (internet-facing), as the URL was',
          ),
        );
        break;
      case 'authorizer': {
        const guard = routeAuthOf(e);
        rows.push(
          row(
            at(k),
            guard ? describeRouteAuth(guard) : JSON.stringify(v),
            'note',
            `not carried: the Ingress is internal until the check is rebuilt (${guard ? routeAuthReplacement(guard) : 'make the same check at the ingress or in the app'})`,
          ),
        );
        break;
      }
      case 'invokeMode':
        rows.push(
          row(
            at(k),
            v,
            v === 'RESPONSE_STREAM' && plan.runtime !== 'web' ? 'note' : 'carried',
            plan.runtime === 'web'
              ? "the app's own server answers, streaming as it did behind the adapter"
              : v === 'RESPONSE_STREAM'
                ? 'the runner buffers the response; stream from a plain HTTP server if that matters'
                : 'buffered responses',
          ),
        );
        break;
      case 'apiGateway':
        rows.push(
          row(
            at(k),
            v,
            'mapped',
            plan.runtime === 'web' && v !== 'websocket'
              ? 'served by the app itself, with its own routes, as behind the Lambda Web Adapter'
              : v === 'rest'
                ? 'REST API → runner payload 1.0 (requestContext, multiValueHeaders, pathParameters)'
                : v === 'websocket'
                  ? 'WebSocket API: not served by the runner (blocker)'
                  : 'HTTP API → runner payload 2.0',
          ),
        );
        break;
      case 'alb':
        rows.push(row(at(k), v, 'mapped', 'Ingress (ALB) → runner payload alb (ALB target events)'));
        break;
      case 'websocket':
        rows.push(
          row(
            at(k),
            v,
            'blocker',
            'WebSocket APIs (connect/disconnect/message routes, @connections callbacks) have no runner mode: serve WebSockets from the app',
          ),
        );
        break;
      case 'invokedBy':
        rows.push(
          row(
            at(k),
            v,
            v === 'stepfunctions' || v === 'appsync' ? 'note' : 'blocker',
            v === 'stepfunctions'
              ? 'the state machine invokes the function by ARN: change its task (eks:runJob.sync for the Job, an HTTP task to the Service, or SQS)'
              : v === 'appsync'
                ? 'the AppSync data source invokes the function by ARN: make it an HTTP data source pointing at the Service'
                : `${LAMBDA_ONLY_INVOKERS[String(v)]?.service ?? 'This service'} can only run Lambda functions: keep this one on Lambda`,
          ),
        );
        break;
      case 'rule':
      case 'scheduler':
        rows.push(row(at(k), v, 'mapped', 'the CronJob replaces the EventBridge rule/schedule'));
        break;
      default:
        rows.push(row(at(k), v, 'note', 'not modelled for this direction: check it by hand'));
    }
  }
  return rows;
}

export const LAMBDA_FIELDS: FieldTable<Describe> = {
  ...BOOKKEEPING_FIELDS,
  name: { internal: 'names the workload (k8sName)' },
  file: { internal: 'where it is declared; recorded in the converted-from annotation' },
  handlerExport: { internal: 'derived from handler' },
  codeFile: { internal: 'used for the Dockerfile build stage' },
  inlineCode: (u) =>
    u.inlineCode
      ? [
          row(
            'inlineCode',
            '(set)',
            'blocker',
            'the code is written inside the template: save it as a file of its own (the handler module) so the image can be built from it',
          ),
        ]
      : [],
  prebuiltPackage: (u) =>
    u.prebuiltPackage
      ? [
          row(
            'prebuiltPackage',
            u.prebuiltPackage,
            'blocker',
            'the function deploys a package built outside this configuration: build the image from the sources that package is made from',
          ),
        ]
      : [],
  codeUri: { internal: 'used for the Dockerfile COPY' },
  entryPoints: { internal: 'used for the Dockerfile build stage' },
  buildMethod: (u) =>
    u.buildMethod === 'makefile'
      ? [
          row(
            'buildMethod',
            'makefile',
            'note',
            `sam build runs the Makefile's build-${u.name} target, which this conversion does not run: the Dockerfile copies CodeUri as it is, so put that target's steps (its dotnet publish, go build or copies) in the Dockerfile's build stage`,
          ),
        ]
      : [],
  unresolvedFields: { internal: 'reported with the field it leaves unresolved' },
  tfVariables: { internal: 'the join fills the sized fields from tfvars; valuesFrom says so' },
  valuesFrom: { internal: 'reported with the field it sets' },
  tfRuntimeVariable: { internal: 'the join fills the runtime from tfvars or a default; valuesFrom says so' },
  cdkNodejsDefaultRuntime: { internal: "the join fills the runtime from the app's NodejsFunction default; valuesFrom says so" },
  dockerfile: { internal: 'read by the join into imageBuild' },
  imageBuild: (u, p) => [
    row(
      'imageBuild',
      `${u.imageBuild!.dockerfile} FROM ${u.imageBuild!.from}${u.imageBuild!.handler ? `, CMD ${u.imageBuild!.handler}` : ''}`,
      'mapped',
      `${p.runtime === 'unknown' ? 'language still unknown' : `${p.runtime} runner`}${u.imageBuild!.handler && !u.handler ? `; LAMBDASHIFT_HANDLER ${u.imageBuild!.handler}` : ''}; build that Dockerfile, push it and use its name for <FUNCTION_IMAGE>`,
    ),
  ],
  unresolved: { internal: 'reported as warnings when a size depends on it; other references are listed in notes' },
  runtime: (u, p) => [
    row(
      'runtime',
      u.valuesFrom?.runtime ? `${u.runtime} (${u.valuesFrom.runtime})` : u.runtime,
      p.runtime === 'unknown' ? 'blocker' : 'mapped',
      p.runtime === 'unknown'
        ? 'no runner for this runtime'
        : p.runtime === 'web'
          ? "the runtime's AWS base image running the app itself (Dockerfile); no runner"
          : `${p.runtime === 'java' || p.runtime === 'dotnet' ? 'AWS base image + Runtime Interface Emulator wrapper' : `base image + LambdaShift ${p.runtime} runner`} (Dockerfile)`,
    ),
  ],
  handler: (u, p) =>
    p.runtime === 'web' && u.packageType !== 'Image'
      ? [row('handler', u.handler, 'mapped', `the image's ENTRYPOINT (/var/task/${u.handler}), which starts the app`)]
      : [row('handler', u.handler, 'carried', 'LAMBDASHIFT_HANDLER')],
  functionName: (u) => [
    row(
      'functionName',
      u.functionName,
      'note',
      'the workload is named after the logical id; the runner reports LAMBDASHIFT_FUNCTION_NAME as context.functionName',
    ),
  ],
  timeoutSeconds: size('timeoutSeconds'),
  memoryMB: size('memoryMB'),
  ephemeralStorageMB: (u, p) => [row('ephemeralStorageMB', withOrigin(u, 'ephemeralStorageMB'), 'mapped', `/tmp emptyDir sizeLimit ${p.tmpSizeMiB}Mi`)],
  architecture: (u, p) => [row('architecture', u.architecture, 'mapped', `nodeSelector kubernetes.io/arch: ${p.arch} (build the image for that platform)`)],
  events: (u, p) => {
    const primary = primaryEvent(u);
    const served = servedByDeployment(u);
    return u.events.flatMap((e, i) => describeEvent(e, i, p, e === primary || served.includes(e)));
  },
  environment: (u, p) =>
    Object.keys(u.environment ?? {})
      .sort()
      .map((n) =>
        p.adapterOnly.includes(n)
          ? row(`environment.${n}`, u.environment![n], 'note', 'left out: only the Lambda Web Adapter reads it')
          : p.secretNames.includes(n)
            ? row(`environment.${n}`, '(secret, not copied)', 'mapped', `secretKeyRef ${p.secretName}/${n} (create the Secret)`)
            : p.configData[n] === 'REPLACE_ME'
              ? row(`environment.${n}`, '(not a literal)', 'placeholder', `ConfigMap ${p.name}-config key ${n} = REPLACE_ME`)
              : row(`environment.${n}`, u.environment![n], 'carried', `ConfigMap ${p.name}-config key ${n}`),
      ),
  role: (u, p) => [
    row(
      'role',
      u.role,
      p.roleArn.includes('<') ? 'placeholder' : 'mapped',
      `${p.identity === 'irsa' ? 'IRSA ServiceAccount annotation' : 'Pod Identity association'} for ${p.roleArn}; trust policy in iam/trust-policy.json`,
    ),
  ],
  policies: (u) => [row('policies', (u.policies ?? []).join(', '), 'note', 'keep them on the role; only its trust policy changes')],
  reservedConcurrency: (u, p) => [
    row(
      'reservedConcurrency',
      withOrigin(u, 'reservedConcurrency'),
      'mapped',
      u.reservedConcurrency === 0
        ? 'function switched off → workload suspended/paused'
        : p.shape === 'scaledjob'
          ? `KEDA maxReplicaCount ${p.maxReplicaCount}`
          : p.shape === 'cronjob'
            ? `concurrencyPolicy ${p.maxReplicaCount === 1 ? 'Forbid' : 'Allow'}`
            : p.shape === 'deployment'
              ? `replicas ${p.replicas}; give an HPA maxReplicas ${u.reservedConcurrency} (each Pod serves many requests at once)`
              : `Job parallelism ${p.parallelism ?? 1}`,
    ),
  ],
  layers: (u, p) =>
    (u.layers ?? []).map((l, i) =>
      p.runtime === 'web' && ADAPTER_LAYER.test(l)
        ? row(`layers[${i}]`, l, 'note', 'the Lambda Web Adapter: not needed in a pod, where the app serves HTTP itself')
        : row(`layers[${i}]`, l, 'note', 'Dockerfile: a commented COPY step into /opt; put the layer contents in the image (no layer service on Kubernetes)'),
    ),
  packageType: (u) => [
    row(
      'packageType',
      u.packageType,
      'mapped',
      u.packageType === 'Image' ? 'Dockerfile FROM the function image with the runner as entrypoint' : 'Dockerfile builds the code into an image',
    ),
  ],
  image: (u, p) => [
    row(
      'image',
      u.image,
      p.runtime === 'unknown' ? 'blocker' : 'mapped',
      p.runtime === 'unknown'
        ? 'language unknown: no runner assumed'
        : p.runtime === 'web'
          ? `run as it is: it serves HTTP on ${p.httpRoutes.length ? 'the routes' : 'its port'} through the Lambda Web Adapter`
          : `FROM ${functionImageRef(u)} (${p.runtime})`,
    ),
  ],
  vpc: (u) => [
    row(
      'vpc',
      `subnets ${(u.vpc?.subnets ?? []).join(', ') || '?'}; security groups ${(u.vpc?.securityGroups ?? []).join(', ') || '?'}`,
      'note',
      'Pods get addresses in the cluster VPC (VPC CNI): run the nodes in subnets that reach the same resources, and give the Pod the security groups with Security Groups for Pods (SecurityGroupPolicy) or restrict it with a NetworkPolicy',
    ),
  ],
  fileSystems: (u, p) =>
    (u.fileSystems ?? []).map((f, i) =>
      row(
        `fileSystems[${i}]`,
        `${f.accessPoint} at ${f.mountPath}`,
        'mapped',
        `PersistentVolume + PVC ${p.efs[i]?.name} on the EFS CSI driver (volumeHandle <FILE_SYSTEM_ID>::${p.efs[i]?.accessPointId}), mounted at ${p.efs[i]?.mountPath}; install the driver and StorageClass efs-sc`,
      ),
    ),
  durable: (u) => [row('durable', u.durable, 'blocker', 'durable execution (checkpoint/replay) needs the Lambda service: see blockers')],
  maximumRetryAttempts: (u, p) => [
    row(
      'maximumRetryAttempts',
      u.maximumRetryAttempts,
      'mapped',
      p.shape === 'scaledjob' ? 'backoffLimit 0: the queue redrive policy decides retries' : `backoffLimit ${p.backoffLimit}`,
    ),
  ],
  maximumEventAgeSeconds: (u, p) => [
    row(
      'maximumEventAgeSeconds',
      u.maximumEventAgeSeconds,
      p.shape === 'cronjob' ? 'mapped' : 'note',
      p.shape === 'cronjob'
        ? `startingDeadlineSeconds ${p.startingDeadlineSeconds} (a missed run older than that is skipped)`
        : 'no event age on Kubernetes: messages wait in the queue until its retention period',
    ),
  ],
  deadLetterTarget: (u) => [
    row(
      'deadLetterTarget',
      u.deadLetterTarget,
      'note',
      'failed Jobs no longer send the event there: for queues set a redrive policy (maxReceiveCount → DLQ); for Jobs alert on failed Jobs (kube-state-metrics kube_job_failed) or forward the event from the handler',
    ),
  ],
  successTarget: (u) => [
    row(
      'successTarget',
      u.successTarget,
      'note',
      "no OnSuccess destination on Kubernetes: Lambda sent each invocation's record (request and response) there after the handler returned; publish it from the handler if something downstream reads it",
    ),
  ],
  otherSettings: (u) => (u.otherSettings ?? []).map((k) => row(k, '(set)', 'note', otherAdvice(k))),
  roleArn: (u, p) => [row('roleArn', u.roleArn, 'mapped', `${p.identity} role ${p.roleArn}`)],
  // Kubernetes workload fields: never set on a Lambda function.
  workloadKind: { internal: 'Kubernetes workloads only' },
  rolloutStrategy: { internal: 'Kubernetes workloads only' },
  namespace: (u, p) => [row('namespace', u.namespace, 'carried', `namespace ${p.namespace}`)],
  containers: { internal: 'Kubernetes workloads only' },
  initContainers: { internal: 'Kubernetes workloads only' },
  schedule: { internal: 'Kubernetes workloads only (Lambda schedules are events)' },
  timeZone: { internal: 'Kubernetes workloads only (Lambda schedules carry their zone)' },
  activeDeadlineSeconds: { internal: 'Kubernetes workloads only' },
  replicas: { internal: 'Kubernetes workloads only' },
  restartPolicy: { internal: 'Kubernetes workloads only' },
  volumes: { internal: 'Kubernetes workloads only' },
  sidecars: { internal: 'Kubernetes workloads only' },
  envConfigMapRefs: { internal: 'Kubernetes workloads only' },
  usage: { internal: 'measured usage informs the assessment, not the generated objects' },
  repository: { internal: 'where the unit was found' },
  codeFiles: { internal: 'the code join' },
  joinedBy: { internal: 'the code join' },
  describedIn: { internal: 'where the workload is described' },
  decidedBy: { internal: 'assessment result' },
  templated: { internal: 'Helm values the join fills' },
  constructTemplate: { internal: 'a CDK construct class read without its props; replaced by its instances at the join' },
  inlineSource: { internal: 'the inline code, analysed in place; inlineCode says it is inline' },
  inlineAnalysed: { internal: 'whether the inline code was analysed' },
  buildContext: { internal: 'the image build context, from the join' },
  podLabels: { internal: 'what Services select the pods by; they become the HTTP events' },
  httpProbePorts: { internal: 'whether a workload answers HTTP on the port it serves (build/grpc-service)' },
  podLabelIncludes: { internal: 'what Helm Services select the pods by; they become the HTTP events' },
  staticSite: { internal: 'Kubernetes workloads only' },
  envFromConfigMaps: { internal: 'ConfigMaps read whole; their values are checked for cluster addresses' },
};

/** The report rows for a Lambda function: one or more per set field, in field order. */
export function describeLambdaUnit(unit: Unit, plan: Plan): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const [field, d] of Object.entries(LAMBDA_FIELDS) as [keyof Unit, Describe | { internal: string }][]) {
    const v = unit[field];
    if (typeof d !== 'function') continue;
    // Sizes are always reported: an unset timeout or memory gets the documented default, and that is a decision too.
    if ((v === undefined || (Array.isArray(v) && !v.length)) && field !== 'timeoutSeconds' && field !== 'memoryMB') continue;
    rows.push(...d(unit, plan));
  }
  return rows;
}
