// Helm layout: the same objects as the manifests, with the values a team changes per environment (image,
// resources, schedule, env, identity, namespace, queue) moved to values.yaml. Templates are produced by rendering the
// objects with marker tokens and swapping the markers for template expressions, so the manifests and the chart can
// never drift apart structurally.
import type { GeneratedFile, Unit } from '../types';
import { toYaml } from '../util';
import type { Plan } from './index';

type Obj = Record<string, unknown>;

interface Marker {
  expr: string;
  /** A block value (`toYaml ... | nindent`), rendered on its own line under the key. */
  block?: boolean;
}

export function layoutHelm(plan: Plan, unit: Unit, objects: { file: string; obj: Obj }[]): GeneratedFile[] {
  const markers = new Map<string, Marker>();
  const mark = (expr: string, block = false): string => {
    const token = `LSHELM${String(markers.size).padStart(4, '0')}X`;
    markers.set(token, { expr, block });
    return token;
  };
  const templates: GeneratedFile[] = [];
  // An unresolved timeout has no value in values.yaml: rendering fails with this message until it is set.
  const requiredTimeout = `(required ${JSON.stringify(`timeoutSeconds: set the function timeout${unit.unresolvedFields?.timeoutSeconds ? ` (${unit.unresolvedFields.timeoutSeconds} in the source)` : ''}`)} .Values.timeoutSeconds)`;
  for (const { file, obj } of objects) {
    const o = structuredClone(obj) as Obj;
    const md = o.metadata as Obj;
    const kind = o.kind as string;
    // `helm install -n NS` decides the namespace; values.yaml namespace overrides it only when set.
    if (kind !== 'PersistentVolume') md.namespace = mark('{{ .Values.namespace | default .Release.Namespace }}');
    if (kind === 'ServiceAccount') {
      md.name = mark('{{ .Values.serviceAccount.name }}');
      if (plan.identity === 'irsa') (md.annotations as Obj)['eks.amazonaws.com/role-arn'] = mark('{{ .Values.identity.roleArn | quote }}');
    }
    if (kind === 'ConfigMap') o.data = mark('{{- toYaml .Values.env | nindent 2 }}', true);
    if (kind === 'CronJob') {
      const spec = o.spec as Obj;
      spec.schedule = mark('{{ .Values.schedule | quote }}');
      spec.timeZone = mark('{{ .Values.timeZone | quote }}');
      spec.suspend = mark('{{ .Values.suspend }}');
    }
    if (kind === 'ScaledJob') {
      const spec = o.spec as Obj;
      spec.maxReplicaCount = mark('{{ .Values.maxReplicaCount }}');
      const trig = (spec.triggers as Obj[])[0].metadata as Obj;
      trig.queueURL = mark('{{ .Values.sqs.queueURL | quote }}');
      trig.awsRegion = mark('{{ .Values.awsRegion | quote }}');
    }
    if (kind === 'Deployment') (o.spec as Obj).replicas = mark('{{ .Values.replicas }}');
    const pod = podOf(o);
    if (pod) {
      pod.serviceAccountName = mark('{{ .Values.serviceAccount.name }}');
      const c = (pod.containers as Obj[])[0];
      c.image = mark('{{ .Values.image.repository }}:{{ .Values.image.tag }}');
      c.resources = mark(
        `{{- toYaml (required ${JSON.stringify(`resources: set the memory/CPU (${unit.unresolvedFields?.memoryMB ? `MemorySize is ${unit.unresolvedFields.memoryMB} in the source` : 'from MemorySize'})`)} .Values.resources) | nindent 12 }}`,
        true,
      );
      for (const e of c.env as Obj[]) {
        if (e.name === 'AWS_REGION') e.value = mark('{{ .Values.awsRegion | quote }}');
        if (e.name === 'LAMBDASHIFT_SQS_QUEUE_URL') e.value = mark('{{ .Values.sqs.queueURL | quote }}');
        if (e.name === 'LAMBDASHIFT_TIMEOUT_SECONDS') e.value = mark(`{{ ${requiredTimeout} | quote }}`);
        const ref = (e.valueFrom as Obj | undefined)?.secretKeyRef as Obj | undefined;
        if (ref) ref.name = mark('{{ .Values.secretName | quote }}');
      }
      (pod.volumes as Obj[])[0].emptyDir = { sizeLimit: mark('{{ .Values.tmpSize }}') };
      const job = jobOf(o);
      if (job) {
        job.activeDeadlineSeconds = mark(`{{ add ${requiredTimeout} .Values.deadlineAllowanceSeconds }}`);
        job.backoffLimit = mark('{{ .Values.backoffLimit }}');
      }
    }
    templates.push({ path: `templates/${file}`, content: render(toYaml(o), markers) });
  }
  const [repository, tag] = splitImage(plan.image);
  const values: Obj = {
    // Empty: the release namespace (helm install -n). The IRSA trust policy was generated for the namespace below.
    namespace: '',
    image: { repository, tag },
    resources: plan.resources,
    timeoutSeconds: typeof plan.timeoutSeconds === 'number' ? plan.timeoutSeconds : null,
    deadlineAllowanceSeconds: plan.deadlineAllowanceSeconds,
    backoffLimit: plan.backoffLimit,
    tmpSize: `${plan.tmpSizeMiB}Mi`,
    awsRegion: plan.region,
    serviceAccount: { name: plan.serviceAccount },
    identity: { mode: plan.identity, roleArn: plan.roleArn },
    env: plan.configData,
  };
  // The Secret's name only: its values never belong in values.yaml (create it outside the chart).
  if (plan.secretNames.length) values.secretName = plan.secretName;
  if (plan.shape === 'cronjob') Object.assign(values, { schedule: plan.schedule, timeZone: plan.timeZone, suspend: plan.suspended });
  if (plan.shape === 'scaledjob') Object.assign(values, { sqs: { queueURL: plan.queueURL }, maxReplicaCount: plan.maxReplicaCount ?? 100 });
  if (plan.shape === 'deployment') Object.assign(values, { replicas: plan.replicas });
  const chart = {
    apiVersion: 'v2',
    name: plan.name,
    description: `${unit.name} converted from AWS Lambda by LambdaShift`,
    type: 'application',
    version: '0.1.0',
    appVersion: '1.0.0',
  };
  return [
    { path: 'Chart.yaml', content: toYaml(chart) },
    {
      path: 'values.yaml',
      content: `# Values for ${plan.name}. Placeholders (<...>, REPLACE_ME) must be set per environment; null values are required (unresolved in the source).\n# The IRSA trust policy (iam/trust-policy.json) names namespace ${plan.namespace} and ServiceAccount ${plan.serviceAccount}: install into that namespace or regenerate it.\n${toYaml(values)}`,
    },
    { path: '.helmignore', content: 'Dockerfile\nREADME.md\niam/\n*.cjs\n*.py\n' },
    ...templates,
  ];
}

function podOf(o: Obj): Obj | undefined {
  const spec = o.spec as Obj | undefined;
  if (!spec) return undefined;
  const job = jobOf(o);
  const tpl = (job?.template ?? spec.template) as Obj | undefined;
  return tpl?.spec as Obj | undefined;
}

function jobOf(o: Obj): Obj | undefined {
  const spec = o.spec as Obj | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Job') return spec;
  if (o.kind === 'CronJob') return (spec.jobTemplate as Obj).spec as Obj;
  if (o.kind === 'ScaledJob') return spec.jobTargetRef as Obj;
  return undefined;
}

function splitImage(image: string): [string, string] {
  const i = image.lastIndexOf(':');
  return i > image.lastIndexOf('/') ? [image.slice(0, i), image.slice(i + 1)] : [image, 'latest'];
}

function render(yamlText: string, markers: Map<string, Marker>): string {
  return yamlText
    .split('\n')
    .map((line) => {
      const m = /^(\s*)([^:]+:) (LSHELM\d{4}X)$/.exec(line);
      if (m && markers.get(m[3])?.block) {
        const indent = m[1].length + 2;
        const expr = markers.get(m[3])!.expr.replace(/nindent \d+/, `nindent ${indent}`);
        return `${m[1]}${m[2]}\n${' '.repeat(indent)}${expr}`;
      }
      return line.replace(/LSHELM\d{4}X/g, (t) => markers.get(t)?.expr ?? t);
    })
    .join('\n');
}
