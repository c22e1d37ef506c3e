import type { Document, Node } from 'yaml';
import { getPath, mapEntries, mapGet, mapPair, nodeRange, parseYaml, seqItems, toJS, type ParsedYaml } from '../parsers/yaml';
import { baseName } from '../detect';
import { conditionAt } from '../helmTemplate';
import {
  CONVERTED_FROM,
  ROLE_ARN_ANNOTATION,
  type ContainerInfo,
  type K8sRoute,
  type K8sService,
  type Unit,
  type UnitEvent,
  type UnitSource,
  type VolumeInfo,
  type WorkloadPatch,
} from '../types';
import { MASK } from '../secrets';
import { patchOf } from './build';
import { finishUnit, maskEnvironment, num, str } from './runtimes';

/** Workload kinds that run their program to completion and serve no requests. */
export const JOB_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob', 'ScaledJob']);

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'ScaledJob', 'Rollout']);

/**
 * A Deployment, or an Argo Rollouts `Rollout` with a pod template of its own (a Deployment whose new versions replace
 * the old by steps, canary or blue-green): the same long-running pods, judged and converted alike.
 */
export function isDeploymentKind(kind: string | undefined): boolean {
  return kind === 'Deployment' || kind === 'Rollout';
}
/** KEDA queue scalers that map back to a Lambda event source mapping. */
const SQS_SCALER = 'aws-sqs-queue';

/** A character that Helm placeholders are made of: a plain YAML scalar character that real manifests don't use. */
const TEMPLATE_MARK = '\u00a4';

interface HelmPreprocessed {
  text: string;
  /** Directives that produce values (e.g. `{{ .Values.image.tag }}`), with their offsets. */
  directives: { text: string; start: number; end: number }[];
}

/**
 * Makes a Helm template parseable as YAML without rendering it: directive-only lines become blank, inline directives
 * become a same-length placeholder, so every offset still points into the original file.
 */
function preprocessHelm(text: string): HelmPreprocessed {
  const directives: HelmPreprocessed['directives'] = [];
  const chars = text.split('');
  const re = /\{\{-?[\s\S]*?-?\}\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl;
    const rest = (text.slice(lineStart, start) + text.slice(end, lineEnd)).replace(/\{\{-?[\s\S]*?-?\}\}/g, '');
    const inner = m[0].replace(/^\{\{-?\s*|\s*-?\}\}$/g, '');
    // `template "x" .` writes the named template where it stands, as `include` does: not a control directive.
    const control = /^(if|else|end|range|with|define|block|\/\*)\b/.test(inner) || inner.startsWith('/*');
    const ownLine = rest.trim() === '';
    if (!control && /\.Values|\.Release|\.Chart|include|template|toYaml|tpl|required|default/.test(inner)) directives.push({ text: m[0], start, end });
    const blank = ownLine || control || mergedBlock(text, lineStart, start, end, lineEnd, inner);
    for (let i = start; i < end; i++) {
      if (chars[i] === '\n') continue;
      chars[i] = blank ? ' ' : TEMPLATE_MARK;
    }
  }
  keepBlockScalarsOpen(text, chars);
  return { text: chars.join(''), directives };
}

/**
 * A block scalar whose first lines were directives (`- |` then `{{- if .Values.auth.enabled }}` above the script, as
 * Bitnami's charts write container commands): blanked, they are leading blank lines wider than the script's own
 * indentation, which YAML rejects. The first of them stays a placeholder (`{{…}}` once read), so it is the scalar's first
 * line and sets the indentation the script continues at.
 */
function keepBlockScalarsOpen(text: string, chars: string[]): void {
  let blockIndent = -1;
  let leading = false;
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const processed = chars.slice(at, end).join('');
    const indent = /^ */.exec(processed)![0].length;
    const empty = processed.trim() === '';
    if (blockIndent >= 0 && !empty && indent <= blockIndent) blockIndent = -1;
    if (blockIndent >= 0 && leading) {
      if (!empty) leading = false;
      else {
        const brace = text.indexOf('{{', at);
        if (brace >= 0 && brace < end && brace - at > blockIndent) {
          const close = text.indexOf('}}', brace);
          for (let i = brace; i < Math.min(close < 0 ? end : close + 2, end); i++) chars[i] = TEMPLATE_MARK;
          leading = false;
        }
      }
    }
    if (blockIndent < 0 && /(?:^|:|-)\s*[|>][-+]?\d*\s*$/.test(processed) && !empty) {
      blockIndent = indent;
      leading = true;
    }
    at = end + 1;
  }
}

/**
 * `livenessProbe: {{- include "render" .Values.livenessProbe | nindent 12 }}` followed by more keys of that map
 * (`tcpSocket:` one level in, as Bitnami's charts write probes): the directive renders the map's first entries on lines
 * of their own, so the key's value is the map the following lines continue, not a scalar. The directive is blanked then.
 */
function mergedBlock(text: string, lineStart: number, start: number, end: number, lineEnd: number, inner: string): boolean {
  if (!/\bn?indent\s+\d+/.test(inner) || text.slice(end, lineEnd).trim() !== '') return false;
  const key = /^(\s*)(?:- )?[^\s#{][^:]*:\s*$/.exec(text.slice(lineStart, start));
  if (!key) return false;
  for (let at = lineEnd + 1; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl);
    at = nl < 0 ? text.length : nl + 1;
    if (line.replace(/\{\{-?[\s\S]*?-?\}\}/g, '').trim() === '') continue;
    return /^\s*/.exec(line)![0].length > key[1].length;
  }
  return false;
}

/** A container's `resources` (a manifest's, or a chart's values) as strings: `{ limits: { nvidia.com/gpu: "1" } }`. */
export function resourcesOf(v: unknown): ContainerInfo['resources'] | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const clean = (x: unknown) => (x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, String(y)])) : undefined);
  const out: NonNullable<ContainerInfo['resources']> = {};
  if (clean(o.requests)) out.requests = clean(o.requests);
  if (clean(o.limits)) out.limits = clean(o.limits);
  return out;
}

function containerOf(node: Node | undefined, fieldRanges: Record<string, [number, number]>, key: string, probePorts?: Record<string, string>): ContainerInfo {
  const c = (toJS(node) ?? {}) as Record<string, unknown>;
  const r = nodeRange(node);
  if (r) fieldRanges[key] = r;
  const ports = seqItems(mapGet(node, 'ports')).map((p, j) => {
    const pr = nodeRange(p);
    if (pr) fieldRanges[`${key}.ports.${j}`] = pr;
    const cp = nodeRange(mapGet(p, 'containerPort'));
    if (cp) fieldRanges[`${key}.ports.${j}.containerPort`] = cp;
    const o = (toJS(p) ?? {}) as Record<string, unknown>;
    const port: { containerPort: number; protocol?: string; name?: string } = { containerPort: num(o.containerPort) ?? 0 };
    if (typeof o.protocol === 'string') port.protocol = o.protocol;
    if (typeof o.name === 'string') port.name = o.name;
    return port;
  });
  const ir = nodeRange(mapGet(node, 'image'));
  if (ir) fieldRanges[`${key}.image`] = ir;
  // Health checks over gRPC say what the container serves as plainly as a port name does.
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const pair = mapPair(node, probe);
    const g = nodeRange(mapGet(pair?.value, 'grpc'));
    const k = nodeRange(pair?.key as Node | undefined);
    if (g && k && !fieldRanges[`${key}.probe.grpc`]) fieldRanges[`${key}.probe.grpc`] = [k[0], g[1]];
  }
  // Serving HTTP without a declared containerPort: an httpGet probe, a PORT variable, a --port argument.
  let httpEvidence: string | undefined;
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const pair = mapPair(node, probe);
    const h = mapPair(pair?.value as Node | undefined, 'httpGet');
    const r = nodeRange(h?.key as Node | undefined);
    const hr = nodeRange(h?.value as Node | undefined);
    if (h && r && hr) {
      const port = toJS(mapGet(h.value as Node, 'port'));
      httpEvidence = `an httpGet ${probe}${port !== undefined ? ` on port ${String(port)}` : ''}`;
      if (port !== undefined && probePorts) probePorts[key] = String(port);
      fieldRanges[`${key}.http`] = [r[0], hr[1]];
      break;
    }
  }
  if (!httpEvidence) {
    const envItem = seqItems(mapGet(node, 'env')).find((e) => /^(PORT|HTTP_PORT|SERVER_PORT)$/.test(String(toJS(mapGet(e, 'name')) ?? '')));
    const words = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])].map(String);
    const portArg = words.findIndex((w) => /^--(http-)?port(=|$)/.test(w) || /^--bind(=|$)/.test(w));
    if (envItem && nodeRange(envItem)) {
      httpEvidence = `a ${String(toJS(mapGet(envItem, 'name')))} variable`;
      fieldRanges[`${key}.http`] = nodeRange(envItem)!;
    } else if (portArg >= 0) {
      httpEvidence = `the ${words[portArg].replace(/=.*$/, '')} argument`;
      const r = nodeRange(mapGet(node, Array.isArray(c.args) && (c.args as unknown[]).map(String).includes(words[portArg]) ? 'args' : 'command'));
      if (r) fieldRanges[`${key}.http`] = r;
    }
  }
  const resources = c.resources;
  const rr = nodeRange(mapGet(node, 'resources'));
  if (rr) fieldRanges[`${key}.resources`] = rr;
  const env = Array.isArray(c.env) ? (c.env as Record<string, unknown>[]).map((e) => String(e?.name ?? '')).filter(Boolean) : undefined;
  const out: ContainerInfo = { name: String(c.name ?? '') };
  if (typeof c.image === 'string') out.image = c.image;
  if (ports.length) out.ports = ports;
  const res = resourcesOf(resources);
  if (res) out.resources = res;
  if (env?.length) out.env = env;
  if (Array.isArray(c.command)) out.command = c.command.map(String);
  if (Array.isArray(c.args)) out.args = c.args.map(String);
  const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as Record<string, unknown>[]).map((m) => `${String(m?.name)}:${String(m?.mountPath)}`) : [];
  if (mounts.length) out.mounts = mounts;
  if (typeof c.restartPolicy === 'string') out.restartPolicy = c.restartPolicy;
  if (httpEvidence && !ports.length) out.httpEvidence = httpEvidence;
  return out;
}

/**
 * Pod annotations (and labels) that make an admission webhook inject a sidecar: annotation → the sidecar it adds.
 * Istio: https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/ ; Linkerd:
 * https://linkerd.io/2/features/proxy-injection/ ; Vault: https://developer.hashicorp.com/vault/docs/platform/k8s/injector ;
 * Dapr: https://docs.dapr.io/concepts/dapr-services/sidecar/ ; GKE: https://cloud.google.com/kubernetes-engine/docs/how-to/persistent-volumes/cloud-storage-fuse-csi-driver
 */
export const INJECTED_SIDECARS: Record<string, { sidecar: string; on: RegExp }> = {
  'sidecar.istio.io/inject': { sidecar: 'istio-proxy (Istio)', on: /^true$/i },
  'linkerd.io/inject': { sidecar: 'linkerd-proxy (Linkerd)', on: /^enabled$/i },
  'vault.hashicorp.com/agent-inject': { sidecar: 'vault-agent (HashiCorp Vault)', on: /^true$/i },
  'dapr.io/enabled': { sidecar: 'daprd (Dapr)', on: /^true$/i },
  'gke-gcsfuse/volumes': { sidecar: 'gke-gcsfuse-sidecar (Cloud Storage FUSE)', on: /^true$/i },
};

/** Records `inject.<annotation>` field ranges for the pod template's injection annotations that are switched on. */
function injectionsOf(podMeta: Node | undefined, fieldRanges: Record<string, [number, number]>): void {
  for (const where of ['annotations', 'labels']) {
    const map = mapGet(podMeta, where);
    for (const [name, spec] of Object.entries(INJECTED_SIDECARS)) {
      const pair = mapPair(map, name);
      if (!pair || !spec.on.test(String(toJS(pair.value as Node | undefined) ?? ''))) continue;
      const k = nodeRange(pair.key as Node | undefined);
      const v = nodeRange(pair.value as Node | undefined);
      if (k && v && !fieldRanges[`inject.${name}`]) fieldRanges[`inject.${name}`] = [k[0], v[1]];
    }
  }
}

/** Keys of the Secrets and ConfigMaps declared in the same file, for `envFrom`. Secret values are never read. */
interface EnvSources {
  secrets: Map<string, string[]>;
  configMaps: Map<string, string[]>;
}

/**
 * Env of the main container with values masked: a `secretKeyRef` or an `envFrom` Secret is secret whatever its name
 * (`***`), a `configMapKeyRef` is a name with an unknown value (''), literal values go through the detector.
 */
function envOf(node: Node | undefined, sources: EnvSources, refs: Record<string, { configMap: string; key: string }> = {}): Record<string, string> | undefined {
  const env = toJS(mapGet(node, 'env'));
  const from = toJS(mapGet(node, 'envFrom'));
  const out: Record<string, unknown> = {};
  const secretNames = new Set<string>();
  for (const f of Array.isArray(from) ? (from as Record<string, unknown>[]) : []) {
    const prefix = typeof f?.prefix === 'string' ? f.prefix : '';
    const secret = str((f?.secretRef as Record<string, unknown> | undefined)?.name);
    const cm = str((f?.configMapRef as Record<string, unknown> | undefined)?.name);
    for (const k of (secret && sources.secrets.get(secret)) || []) {
      out[prefix + k] = undefined;
      secretNames.add(prefix + k);
    }
    for (const k of (cm && sources.configMaps.get(cm)) || []) {
      out[prefix + k] = undefined;
      refs[prefix + k] = { configMap: cm!, key: k };
    }
  }
  for (const e of Array.isArray(env) ? (env as Record<string, unknown>[]) : []) {
    const name = String(e?.name ?? '');
    if (!name) continue;
    const cmRef = (e?.valueFrom as Record<string, unknown> | undefined)?.configMapKeyRef as Record<string, unknown> | undefined;
    if (cmRef && typeof cmRef.name === 'string' && typeof cmRef.key === 'string') refs[name] = { configMap: cmRef.name, key: cmRef.key };
    if ((e?.valueFrom as Record<string, unknown> | undefined)?.secretKeyRef) secretNames.add(name);
    else secretNames.delete(name);
    out[name] = e?.value;
  }
  const masked = maskEnvironment(out) ?? {};
  for (const n of secretNames) masked[n] = MASK;
  return Object.keys(masked).length ? masked : undefined;
}

/** The ConfigMaps a container takes every key of (`envFrom`), whether or not their file is this one. */
function envFromConfigMaps(node: Node | undefined): Unit['envFromConfigMaps'] {
  const from = toJS(mapGet(node, 'envFrom'));
  const out: NonNullable<Unit['envFromConfigMaps']> = [];
  for (const f of Array.isArray(from) ? (from as Record<string, unknown>[]) : []) {
    const configMap = str((f?.configMapRef as Record<string, unknown> | undefined)?.name);
    if (configMap) out.push({ configMap, prefix: typeof f?.prefix === 'string' ? f.prefix : '' });
  }
  return out.length ? out : undefined;
}

/**
 * The deploy-time hook a workload is (`helm.sh/hook: pre-install,pre-upgrade`, `argocd.argoproj.io/hook: PreSync`), with
 * its phases; undefined for none, and for a Helm test (no unit at all) or an Argo CD `Skip`.
 */
function deployHookOf(metadata: Node | undefined): { tool: 'Helm' | 'Argo CD'; phases: string[]; annotation: string } | undefined {
  for (const [annotation, tool] of [
    ['helm.sh/hook', 'Helm'],
    ['argocd.argoproj.io/hook', 'Argo CD'],
  ] as const) {
    const value = toJS(getPath(metadata, ['annotations', annotation]));
    if (typeof value !== 'string') continue;
    // A chart that sets the phase from its values (`"helm.sh/hook": {{ $hookType }}`) is a hook all the same.
    if (value.includes(TEMPLATE_MARK)) return { tool, phases: ['phase set by the chart'], annotation };
    const phases = value
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p && p !== 'Skip' && !/^test(-success|-failure)?$/.test(p));
    if (phases.length) return { tool, phases, annotation };
  }
  return undefined;
}

/** One workload document → unit. `podSpecPath` differs per kind (CronJob nests two templates). */
function workloadUnit(doc: Node, kind: string, file: string, source: UnitSource, sources: EnvSources): Unit | undefined {
  const fieldRanges: Record<string, [number, number]> = {};
  const metadata = mapGet(doc, 'metadata');
  const spec = mapGet(doc, 'spec');
  const jobSpec =
    kind === 'CronJob' ? getPath(spec, ['jobTemplate', 'spec']) : kind === 'Job' ? spec : kind === 'ScaledJob' ? mapGet(spec, 'jobTargetRef') : undefined;
  const podSpec =
    kind === 'Pod' ? spec : kind === 'CronJob' || kind === 'ScaledJob' ? getPath(jobSpec, ['template', 'spec']) : getPath(spec, ['template', 'spec']);
  const containers = seqItems(mapGet(podSpec, 'containers'));
  const initContainers = seqItems(mapGet(podSpec, 'initContainers'));
  const kindRange = nodeRange(mapGet(doc, 'kind'));
  if (kindRange) fieldRanges.workloadKind = kindRange;
  const probePorts: Record<string, string> = {};
  const infos = containers.map((c, i) => containerOf(c, fieldRanges, `containers.${i}`, probePorts));
  // Kustomize strategic-merge patches look like workloads but carry no image; their base is the unit.
  if (isPatchDoc(doc, kind)) return undefined;
  // A Helm test (`helm.sh/hook: test`) runs only under `helm test`, to check a release: no workload of the fleet.
  if (/(^|,)\s*test(-success|-failure)?\s*(,|$)/.test(String(toJS(getPath(metadata, ['annotations', 'helm.sh/hook'])) ?? ''))) return undefined;
  const init = initContainers.map((c, i) => containerOf(c, fieldRanges, `initContainers.${i}`));
  const podTemplate = kind === 'Pod' ? doc : kind === 'CronJob' || kind === 'ScaledJob' ? getPath(jobSpec, ['template']) : getPath(spec, ['template']);
  injectionsOf(mapGet(podTemplate, 'metadata'), fieldRanges);
  // `generateName` (a Job a hook or CI creates again and again): Kubernetes adds a random suffix to that prefix.
  const nameNode = mapGet(metadata, 'name') ?? mapGet(metadata, 'generateName');
  const rawName = str(toJS(nameNode))?.replace(/(?<=.)-$/, '');
  // A templated name is unknown until rendered: name the unit after its chart and template file instead.
  const chart = /(?:^|\/)([^/]+)\/templates\//.exec(file)?.[1];
  // The template's path under templates/ (`redis/deployment`), so two templates of one chart do not share a name.
  const template = /(?:^|\/)templates\/(.+)$/.exec(file)?.[1] ?? baseName(file);
  const name = rawName && !rawName.includes(TEMPLATE_MARK) ? rawName : `${chart ?? kind.toLowerCase()}/${template.replace(/\.ya?ml$/i, '')}`;
  const volumes: VolumeInfo[] = [];
  for (const [i, v] of seqItems(mapGet(podSpec, 'volumes')).entries()) {
    const o = (toJS(v) ?? {}) as Record<string, unknown>;
    const type = Object.keys(o).find((k) => k !== 'name') ?? 'unknown';
    const sizeLimit = type === 'emptyDir' ? str((o.emptyDir as Record<string, unknown> | null)?.sizeLimit) : undefined;
    volumes.push({ name: String(o.name ?? ''), type, ...(sizeLimit ? { sizeLimit } : {}) });
    const r = nodeRange(v);
    if (r) fieldRanges[`volumes.${i}`] = r;
  }
  for (const [i, t] of seqItems(mapGet(spec, 'volumeClaimTemplates')).entries()) {
    volumes.push({ name: String(toJS(getPath(t, ['metadata', 'name'])) ?? ''), type: 'volumeClaimTemplate' });
    const r = nodeRange(t);
    if (r) fieldRanges[`volumeClaimTemplates.${i}`] = r;
  }
  const field = (node: Node | undefined, as: string): unknown => {
    const r = nodeRange(node);
    if (r) fieldRanges[as] = r;
    return toJS(node);
  };
  const events: UnitEvent[] = [];
  const schedule = kind === 'CronJob' ? str(field(mapGet(spec, 'schedule'), 'schedule')) : undefined;
  if (schedule) events.push({ type: 'schedule', detail: schedule, ...(toJS(mapGet(spec, 'suspend')) === true ? { enabled: false } : {}) });
  if (kind === 'ScaledJob') events.push(...kedaQueueEvents(toJS(mapGet(spec, 'triggers'))));
  // A Helm or Argo CD hook runs when the release is installed or the application syncs: the deploy is its trigger.
  const hook = kind === 'Job' || kind === 'Pod' ? deployHookOf(metadata) : undefined;
  if (hook) {
    events.push({ type: 'other', detail: `${hook.tool} ${hook.phases.join(', ')} hook`, deployHook: hook.tool, phases: hook.phases });
    const r = nodeRange(getPath(metadata, ['annotations', hook.annotation]));
    if (r) fieldRanges[`events.${events.length - 1}`] = r;
  }
  // The Job-level deadline bounds the whole run; a pod-level one only bounds each attempt, so prefer the former.
  const deadlineNode = mapGet(jobSpec, 'activeDeadlineSeconds') ?? mapGet(podSpec, 'activeDeadlineSeconds');
  const range = nodeRange(nameNode) ?? kindRange ?? nodeRange(doc) ?? [0, 0];
  const hostNetwork = toJS(mapGet(podSpec, 'hostNetwork')) === true;
  const cmRefs: Record<string, { configMap: string; key: string }> = {};
  // Where each variable of the main container is set (its value, else the entry), for findings about what it names.
  for (const e of seqItems(mapGet(containers[0], 'env'))) {
    const envName = str(toJS(mapGet(e, 'name')));
    const r = nodeRange(mapGet(e, 'value')) ?? nodeRange(e);
    if (envName && r) fieldRanges[`env.${envName}`] = r;
  }
  const unit: Unit = {
    kind: 'k8s-workload',
    name,
    file,
    line: 0,
    source,
    workloadKind: kind,
    namespace: str(toJS(mapGet(metadata, 'namespace'))),
    events,
    containers: infos,
    initContainers: init.length ? init : undefined,
    schedule,
    timeZone: kind === 'CronJob' ? str(toJS(mapGet(spec, 'timeZone'))) : undefined,
    activeDeadlineSeconds: num(field(deadlineNode, 'activeDeadlineSeconds')),
    replicas: num(field(mapGet(spec, 'replicas'), 'replicas')),
    restartPolicy: kind === 'Pod' ? str(field(mapGet(podSpec, 'restartPolicy'), 'restartPolicy')) : undefined,
    environment: envOf(containers[0], sources, cmRefs),
    envConfigMapRefs: Object.keys(cmRefs).length ? cmRefs : undefined,
    envFromConfigMaps: envFromConfigMaps(containers[0]),
    volumes: volumes.length ? volumes : undefined,
    sidecars: infos.length > 1 ? infos.slice(1).map((c) => c.name) : undefined,
    role: str(toJS(mapGet(podSpec, 'serviceAccountName'))),
    roleArn: str(toJS(getPath(metadata, ['annotations', ROLE_ARN_ANNOTATION]))),
    architecture: str(toJS(getPath(podSpec, ['nodeSelector', 'kubernetes.io/arch']))),
    image: infos[0]?.image,
    range: [range[0], range[1]],
    fieldRanges,
    ...(Object.keys(probePorts).length ? { httpProbePorts: probePorts } : {}),
    readiness: {},
    generatedFrom: str(toJS(getPath(metadata, ['annotations', CONVERTED_FROM]))),
  };
  if (kind === 'Rollout') {
    const strategy = mapGet(spec, 'strategy');
    const canary = mapGet(strategy, 'canary');
    const chosen = canary ? 'canary' : mapGet(strategy, 'blueGreen') ? 'blueGreen' : undefined;
    if (chosen) {
      unit.rolloutStrategy = chosen;
      const r = nodeRange(mapGet(strategy, chosen));
      if (r) fieldRanges.rolloutStrategy = r;
    }
  }
  if (hostNetwork) unit.volumes = [...(unit.volumes ?? []), { name: 'hostNetwork', type: 'hostNetwork' }];
  finishUnit(unit);
  return unit;
}

/** A workload document that only patches another: no container has an image, or it deletes (`$patch: delete`). */
function isPatchDoc(doc: Node, kind: string): boolean {
  if (toJS(mapGet(doc, '$patch')) === 'delete') return true;
  if (kind === 'Pod') return false;
  const spec = mapGet(doc, 'spec');
  const podSpec =
    kind === 'CronJob'
      ? getPath(spec, ['jobTemplate', 'spec', 'template', 'spec'])
      : kind === 'ScaledJob'
        ? getPath(spec, ['jobTargetRef', 'template', 'spec'])
        : getPath(spec, ['template', 'spec']);
  return seqItems(mapGet(podSpec, 'containers')).every((c) => typeof toJS(mapGet(c, 'image')) !== 'string');
}

/** The patch-like workload documents of a manifest (see isPatchDoc): facts for the join, never units. */
export function extractWorkloadPatches(docs: Document.Parsed[], text: string): WorkloadPatch[] {
  const out: WorkloadPatch[] = [];
  for (const d of docs) {
    const root = d.contents as Node | null;
    const kind = str(toJS(mapGet(root, 'kind')));
    const name = str(toJS(getPath(root, ['metadata', 'name'])));
    if (!root || !kind || !name || !WORKLOAD_KINDS.has(kind) || !isPatchDoc(root, kind)) continue;
    out.push(patchOf(root, kind, name, text));
  }
  return out;
}

/** KEDA `aws-sqs-queue` triggers → SQS events (queue URL, `queueLength` as the batch size). */
function kedaQueueEvents(triggers: unknown): UnitEvent[] {
  const out: UnitEvent[] = [];
  for (const t of Array.isArray(triggers) ? (triggers as Record<string, unknown>[]) : []) {
    if (t?.type !== SQS_SCALER) continue;
    const md = (t.metadata ?? {}) as Record<string, unknown>;
    const e: UnitEvent = { type: 'sqs', detail: str(md.queueURL) ?? str(md.queueURLFromEnv) ?? 'queue', scaler: SQS_SCALER };
    if (num(md.queueLength) !== undefined) e.batchSize = num(md.queueLength);
    out.push(e);
  }
  return out;
}

/**
 * True when the Service sends traffic to the workload's pods: every selector entry is one of the pod template's labels
 * (a value Helm fills in, `{{…}}` once read, is unknown and matches nothing; within one template the same placeholder
 * text is the same value), or a Helm Service selects by the named template the pod
 * labels are written with.
 */
export function selects(s: K8sService, u: Unit): boolean {
  if (s.selectorInclude) return u.podLabelIncludes?.includes(s.selectorInclude) ?? false;
  const entries = Object.entries(s.selector);
  const labels = u.podLabels;
  if (!entries.length || !labels) return false;
  // A value written with a directive matches a label written with the same directive (`app: {{ template "x.name" . }}`
  // in both, Helm 2's scaffold): one chart's templates render it alike. A placeholder (`{{…}}`) matches nothing.
  return entries.every(([k, v]) => !v.includes('{{…}}') && labels[k] === v);
}

/**
 * A label map (pod labels, a Service's selector) as strings. In a Helm template a value written with a directive is its
 * directive text as written (`{{ template "x.name" . }}`, quotes and spaces trimmed), so that two templates' values can
 * be compared; undefined for no map.
 */
function labelMap(node: Node | undefined, text: string | undefined): Record<string, string> | undefined {
  if (!node || !(node as { items?: unknown }).items || Array.isArray(toJS(node))) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of mapEntries(node)) {
    const value = toJS(v);
    if (value === undefined || value === null || typeof value === 'object') continue;
    let s = String(value);
    const r = nodeRange(v);
    if (s.includes(TEMPLATE_MARK) && text !== undefined && r) {
      const raw = text
        .slice(r[0], r[1])
        .trim()
        .replace(/^["']|["']$/g, '')
        .replace(/\s+/g, ' ');
      s = raw.includes('{{') && !raw.includes(TEMPLATE_MARK) ? raw : s;
    }
    out[k] = s;
  }
  return out;
}

/**
 * Whether a Service that selects a workload's pods can route to them: a port whose target is a port name (`targetPort:
 * task-logs`) reaches only pods whose containers declare a port of that name, so a Service whose every port names one
 * the workload's containers do not declare has no endpoints there (a Helm chart's headless Service for the StatefulSet
 * form of a component its values deploy as a Deployment). Numeric, templated or absent targets always may, and any
 * target where a chart writes the container's ports with a directive.
 */
export function routesTo(s: K8sService, u: Unit): boolean {
  const declared = (u.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name));
  if (declared.some((n) => n?.includes('{{')) || Object.keys(u.templated ?? {}).some((k) => k.endsWith('.ports'))) return true;
  const targets = s.targetPorts ?? [];
  return !targets.length || targets.some((t) => t === '' || /^\d+$/.test(t) || t.includes('{{') || t.includes(TEMPLATE_MARK) || declared.includes(t));
}

/** The events a Service and the Ingress routes to it give a workload it selects. */
export function serviceEvents(s: K8sService, routes: readonly K8sRoute[]): UnitEvent[] {
  const out: UnitEvent[] = [
    {
      type: 'http',
      detail: `Service ${s.name} ${s.ports.join(', ')}`.trim(),
      service: s.name,
      ...(s.type ? { serviceType: s.type } : {}),
      ...(s.grpc ? { protocol: 'grpc' } : {}),
    },
  ];
  for (const r of routes) if (r.service === s.name) out.push({ type: 'http', detail: `Ingress ${r.ingress}${r.host ? ` ${r.host}` : ''}`, ingress: r.ingress });
  return out;
}

/** The named template a Helm map is written with, when it is the map's only content (`{{- include "x" . | nindent 4 }}`). */
const INCLUDE_BLOCK = /^\s*\{\{-?\s*(?:include|template)\s+"([^"]+)"[^}]*\}\}\s*$/;

/** What a manifest describes: its workloads, and its Services and Ingress routes (which the join also matches across files). */
export function extractKubernetes(
  docs: Document.Parsed[],
  file: string,
  source: UnitSource = 'kubernetes',
  text?: string,
): { units: Unit[]; services: K8sService[]; routes: K8sRoute[]; configMaps: Record<string, Record<string, string>> } {
  const units: Unit[] = [];
  const services: K8sService[] = [];
  const serviceAccountRoles = new Map<string, string>();
  const scaledObjects: { target: string; events: UnitEvent[] }[] = [];
  const routes: K8sRoute[] = [];
  const sources: EnvSources = { secrets: new Map(), configMaps: new Map() };
  const configMaps: Record<string, Record<string, string>> = {};
  // A Helm map written by one named template: the include's name, on the key's own line (`selector: {{- include "x" .
  // | nindent 4 }}`) or alone on the next one.
  const includeAfter = (keyNode: unknown): string | undefined => {
    const r = nodeRange(keyNode as Node | undefined);
    if (!text || !r) return undefined;
    const lineEnd = text.indexOf('\n', r[1]);
    const own = text.slice(r[1], lineEnd < 0 ? text.length : lineEnd).replace(/^\s*:/, '');
    if (INCLUDE_BLOCK.test(own)) return INCLUDE_BLOCK.exec(own)?.[1];
    if (lineEnd < 0) return undefined;
    const next = text.slice(lineEnd + 1).split('\n', 1)[0];
    return INCLUDE_BLOCK.exec(next)?.[1];
  };
  for (const d of docs) {
    const root = d.contents as Node | null;
    const kind = root ? str(toJS(mapGet(root, 'kind'))) : undefined;
    if (kind !== 'Secret' && kind !== 'ConfigMap') continue;
    const name = str(toJS(getPath(root!, ['metadata', 'name'])));
    // Only the keys: a Secret's data/stringData values are secret by definition and never leave the parse tree.
    const keys = [
      ...mapEntries(mapGet(root!, 'data')),
      ...mapEntries(mapGet(root!, 'stringData')),
      ...(kind === 'ConfigMap' ? mapEntries(mapGet(root!, 'binaryData')) : []),
    ]
      .map(([k]) => k)
      .filter(Boolean);
    if (name) (kind === 'Secret' ? sources.secrets : sources.configMaps).set(name, keys);
    // A ConfigMap's short one-line values (addresses, flags), masked as any environment is: what workloads read from it.
    if (kind === 'ConfigMap' && name) {
      const data = toJS(mapGet(root!, 'data'));
      const short = Object.entries(data && typeof data === 'object' ? (data as Record<string, unknown>) : {})
        .map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(v)])
        .filter(([, v]) => v.length <= 256 && !v.includes('\n'));
      const masked = short.length ? maskEnvironment(Object.fromEntries(short)) : undefined;
      if (masked && Object.keys(masked).length) configMaps[name] = masked;
    }
  }
  for (const d of docs) {
    const root = d.contents as Node | null;
    if (!root) continue;
    const written = str(toJS(mapGet(root, 'kind')));
    if (!written) continue;
    // `kind: {{ if .Values.useStatefulSet }}StatefulSet{{ else }}Deployment{{ end }}` reads as the kinds of its
    // branches once the control directives are blanked: a kind the values choose, too.
    const branches = written.split(/\s+/);
    const templatedKind = written.includes(TEMPLATE_MARK) || (branches.length > 1 && branches.every((k) => WORKLOAD_KINDS.has(k)));
    const kind = source === 'helm' && templatedKind ? templatedWorkloadKind(root, text, d.range[0]) : written;
    if (!kind) continue;
    if (WORKLOAD_KINDS.has(kind)) {
      const u = workloadUnit(root, kind, file, source, sources);
      if (!u) continue;
      units.push(u);
      const metadataPath = kind === 'Pod' ? ['metadata'] : kind === 'CronJob' ? undefined : ['spec', 'template', 'metadata'];
      if (metadataPath) {
        const labels = labelMap(getPath(root, [...metadataPath, 'labels']) as Node | undefined, text);
        if (labels) u.podLabels = labels;
        const include = includeAfter(mapPair(getPath(root, metadataPath) as Node | undefined, 'labels')?.key);
        if (include) u.podLabelIncludes = [include];
      }
    } else if (kind === 'ServiceAccount') {
      const arn = str(toJS(getPath(root, ['metadata', 'annotations', 'eks.amazonaws.com/role-arn'])));
      const name = str(toJS(getPath(root, ['metadata', 'name'])));
      if (arn && name) serviceAccountRoles.set(name, arn);
    } else if (kind === 'ScaledObject') {
      const target = str(toJS(getPath(root, ['spec', 'scaleTargetRef', 'name'])));
      const events = kedaQueueEvents(toJS(getPath(root, ['spec', 'triggers'])));
      if (target && events.length) scaledObjects.push({ target, events });
    } else if (kind === 'Service') {
      const spec = (toJS(mapGet(root, 'spec')) ?? {}) as Record<string, unknown>;
      const list = Array.isArray(spec.ports) ? (spec.ports as Record<string, unknown>[]) : [];
      const ports = list.map(
        (p) => `${p?.port}${p?.targetPort !== undefined ? `→${p.targetPort}` : ''}${p?.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`,
      );
      // `appProtocol: grpc` (or kubernetes.io/h2c) and gRPC-named ports tell what the Service carries.
      const grpc = list.some((p) => /^(grpc|kubernetes\.io\/h2c)/i.test(String(p?.appProtocol ?? '')) || /^grpc/i.test(String(p?.name ?? '')));
      const selector = labelMap(getPath(root, ['spec', 'selector']) as Node | undefined, text) ?? {};
      const selectorInclude = Object.keys(selector).length ? undefined : includeAfter(mapPair(mapGet(root, 'spec'), 'selector')?.key);
      const namespace = str(toJS(getPath(root, ['metadata', 'namespace'])));
      // A chart's Service written only under a condition (`{{- if .Values.metrics.enabled }}` around the file).
      const when = source === 'helm' && text !== undefined && root.range ? conditionAt(text, root.range[0], 0) : undefined;
      services.push({
        ...(when ? { when } : {}),
        name: String(toJS(getPath(root, ['metadata', 'name'])) ?? ''),
        ...(namespace ? { namespace } : {}),
        selector,
        ...(selectorInclude ? { selectorInclude } : {}),
        ports,
        targetPorts: list.map((p) => (p?.targetPort === undefined || p.targetPort === null ? '' : String(p.targetPort))),
        ...(str(spec.type) ? { type: str(spec.type) } : {}),
        grpc,
      });
    } else if (kind === 'Ingress') {
      const rules = toJS(getPath(root, ['spec', 'rules']));
      for (const rule of Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []) {
        const paths = ((rule?.http as Record<string, unknown> | undefined)?.paths ?? []) as Record<string, unknown>[];
        for (const p of paths) {
          const svc = ((p?.backend as Record<string, unknown> | undefined)?.service as Record<string, unknown> | undefined)?.name;
          if (typeof svc === 'string') routes.push({ ingress: String(toJS(getPath(root, ['metadata', 'name']))), service: svc, host: str(rule.host) });
        }
      }
    }
  }
  for (const u of units) {
    if (!u.roleArn && u.role && serviceAccountRoles.has(u.role)) u.roleArn = serviceAccountRoles.get(u.role);
    for (const so of scaledObjects) if (so.target === u.name && u.workloadKind !== 'ScaledJob') u.events.push(...so.events);
    for (const s of services) if (selects(s, u) && routesTo(s, u)) u.events.push(...serviceEvents(s, routes));
  }
  return { units, services, routes, configMaps };
}

/** `ports:` written by a directive (on its line or the next), in a container's text. */
const PORTS_FROM_DIRECTIVE = /(?:^|\n)\s*ports:\s*(?:\n\s*)?(\{\{[^}]*\}\})/;

/** `resources:` filled by `toYaml .Values.x` (on its line or the next), in a container's text. */
const RESOURCES_FROM_VALUES = /(?:^|\n)\s*resources:\s*(?:\n\s*)?\{\{-?\s*toYaml\s+(\.Values(?:\.[A-Za-z_][\w-]*)+)\s*(?:\|[^}]*)?-?\}\}/;

/** A directive right before a value on its line. */
const LEADING_DIRECTIVE = /\{\{[^{}]*\}\}\s*$/;
/** An `{{ end }}` right after a value on its line. */
const TRAILING_CONTROL = /^[ \t]*\{\{-?\s*end\s*-?\}\}/;

/**
 * A Helm template whose kind its values choose (`kind: {{ .Values.master.kind }}`, Bitnami's Redis): a pod template
 * (`spec.template.spec.containers`) is a workload, read as a StatefulSet where it always has what only one has
 * (`serviceName`, `volumeClaimTemplates` outside any `{{ if }}`), else a Deployment, until the join renders the kind
 * from the chart's values (a kind it cannot render, such as a `ternary` on a variable, stays so).
 */
function templatedWorkloadKind(root: Node, text: string | undefined, from: number): string | undefined {
  const spec = mapGet(root, 'spec');
  if (!seqItems(mapGet(getPath(spec, ['template', 'spec']) as Node | undefined, 'containers')).length) return undefined;
  const always = (key: string) => {
    const pair = mapPair(spec as Node | undefined, key);
    const at = pair && nodeRange(pair.key as Node)?.[0];
    return at !== undefined && (text === undefined || conditionAt(text, at, from) === undefined);
  };
  return always('serviceName') || always('volumeClaimTemplates') ? 'StatefulSet' : 'Deployment';
}

/** A Helm template: placeholders for directives, and a note on each unit naming what could not be known. */
export function extractHelmTemplate(text: string, file: string): { units: Unit[]; parsed: ParsedYaml; services: K8sService[]; routes: K8sRoute[] } {
  const pre = preprocessHelm(text);
  const parsed = parseYaml(pre.text);
  // A template that still does not parse after preprocessing is not reported as broken YAML: Helm may well render it.
  const found = parsed.errors.length ? undefined : extractKubernetes(parsed.docs, file, 'helm', text);
  const units = found?.units ?? [];
  for (const u of units) {
    const doc = parsed.docs.find((d) => u.range && d.range[0] <= u.range[0] && u.range[0] <= d.range[2]);
    const [from, to] = doc ? [doc.range[0], doc.range[2]] : [0, text.length];
    const notes = pre.directives.filter((d) => d.start >= from && d.start <= to).map((d) => `template not rendered: ${d.text.replace(/\s+/g, ' ')}`);
    if (notes.length) u.unresolved = [...new Set(notes)].slice(0, 20);
    // The values as written, so the join can fill them from the chart's values.yaml.
    const templated: Record<string, string> = {};
    // A value as written, with the directives that open it on its line (`image: {{ if .Values.registry }}…{{ end }}x`:
    // the `if` is blanked in the YAML, so the scalar starts after it).
    const raw = (r: [number, number] | undefined) => {
      if (!r) return undefined;
      let start = r[0];
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      for (let m = LEADING_DIRECTIVE.exec(text.slice(lineStart, start)); m; m = LEADING_DIRECTIVE.exec(text.slice(lineStart, start)))
        start = lineStart + m.index;
      // …and the `{{ end }}` that closes a block they open, after it on its line (blanked in the YAML too).
      let end = r[1];
      if (/\{\{-?\s*(?:if|with|range)\b/.test(text.slice(start, end)))
        for (let m = TRAILING_CONTROL.exec(text.slice(end)); m; m = TRAILING_CONTROL.exec(text.slice(end))) end += m[0].length;
      return text.slice(start, end).trim();
    };
    const name = raw(u.range);
    if (name?.includes('{{')) templated.name = name;
    // A document written only under a condition (`{{- if .Values.mysql.create }}` around the whole file): the join
    // leaves the workload out when the chart's defaults make it false, as `helm template` writes nothing for it.
    const body = (doc?.contents as Node | null | undefined)?.range?.[0];
    const whole = body !== undefined ? conditionAt(text, body, 0) : undefined;
    if (whole) templated.when = whole;
    for (const [key, r] of Object.entries(u.fieldRanges ?? {})) {
      // Resources a chart writes from its values (`resources:` then `{{- toYaml .Values.resources | nindent 12 }}`, the
      // scaffold's form): the values path, for the join to read.
      const container = /^containers\.(\d+)$/.exec(key);
      if (container && r) {
        // A container written only under a condition (`{{- if .Values.cloneStaticSiteFromGit.enabled }}`): the join
        // leaves it out when the values make it false, so the main container is the one the chart runs.
        const when = conditionAt(text, r[0], from);
        if (when) templated[`${key}.when`] = when;
        // The directive's own line is blank in the YAML, so it may lie just past the container's last value.
        const m = RESOURCES_FROM_VALUES.exec(text.slice(r[0], Math.min(text.length, r[1] + 300)));
        if (m && m.index < r[1] - r[0]) templated[`${key}.resources`] = m[1];
        // Ports written by a directive (`ports: {{- toYaml .Values.containerPorts | nindent 12 }}`): their names are
        // unknown here, so a Service's named target port may be one of them (routesTo).
        const ports = PORTS_FROM_DIRECTIVE.exec(text.slice(r[0], Math.min(text.length, r[1] + 300)));
        if (ports && ports.index < r[1] - r[0]) templated[`${key}.ports`] = ports[1];
        // One image per branch of an if/else (`{{- if .Values.publicRepository }} image: redis:alpine {{- else }} image:
        // {{ .Values.registry }}/redis:alpine {{- end }}`): YAML keeps the last; each is recorded with its condition, for
        // the join to take the one the values choose.
        const images = [...text.slice(r[0], r[1]).matchAll(/^([ \t]*(?:- )?)image:[ \t]*(\S[^\n]*)$/gm)];
        if (images.length > 1 && new Set(images.map((m) => m[1].replace('- ', '  ').length)).size === 1) {
          const alternatives = images.map((m) => ({ when: conditionAt(text, r[0] + m.index!, from), value: m[2].trim().replace(/^["']|["']$/g, '') }));
          if (alternatives.every((a) => a.when))
            alternatives.forEach((a, k) => {
              templated[`${key}.image.${k}`] = a.value;
              templated[`${key}.image.${k}.when`] = a.when!;
            });
        }
        continue;
      }
      // A port or volume written only under a condition (`{{ if .Values.grpc.enabled }}`, `{{- else if
      // .Values.persistence.existingClaim }}`): the condition, for the join to decide.
      if (r && (/^containers\.\d+\.ports\.\d+$/.test(key) || /^volumes\.\d+$/.test(key))) {
        const when = conditionAt(text, r[0], from);
        if (when) templated[`${key}.when`] = when;
        continue;
      }
      if (!/^containers\.\d+\.(?:image|ports\.\d+\.containerPort)$|^replicas$|^workloadKind$|^schedule$/.test(key)) continue;
      const v = raw(r);
      if (v?.includes('{{')) templated[key] = v.replace(/^["']|["']$/g, '');
    }
    if (Object.keys(templated).length) u.templated = templated;
    unmark(u as unknown as Record<string, unknown>);
  }
  const services = found?.services ?? [];
  for (const s of services) unmark(s as unknown as Record<string, unknown>);
  return { units, parsed, services, routes: found?.routes ?? [] };
}

/** Placeholders back to a readable `{{…}}` in every string of a unit (image tags, names). */
function unmark(o: Record<string, unknown> | unknown[]): void {
  for (const [k, v] of Object.entries(o)) {
    if (k === 'range' || k === 'fieldRanges') continue;
    if (typeof v === 'string' && v.includes(TEMPLATE_MARK)) (o as Record<string, unknown>)[k] = v.replace(new RegExp(`${TEMPLATE_MARK}+`, 'g'), '{{…}}');
    else if (v && typeof v === 'object') unmark(v as Record<string, unknown>);
  }
}

/**
 * Non-secret ConfigMap data in a manifest, by ConfigMap name: what a workload beside it reads with configMapKeyRef.
 * Values go through the same detector as every environment (a secret-looking value becomes `***`); Secrets are never read.
 */
export function configMapData(text: string): Record<string, Record<string, string>> {
  const parsed = parseYaml(text);
  const out: Record<string, Record<string, string>> = {};
  if (parsed.errors.length) return out;
  for (const d of parsed.docs) {
    const root = d.contents as Node | null;
    if (!root || str(toJS(mapGet(root, 'kind'))) !== 'ConfigMap') continue;
    const name = str(toJS(getPath(root, ['metadata', 'name'])));
    const data = toJS(mapGet(root, 'data'));
    if (!name || !data || typeof data !== 'object') continue;
    out[name] =
      maskEnvironment(Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]))) ?? {};
  }
  return out;
}
