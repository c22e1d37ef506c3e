// Kubernetes objects declared through Terraform's kubernetes provider (`resource "kubernetes_deployment_v1" "api"`):
// each resource's blocks are the manifest's fields in snake_case, and a block the provider repeats is one item of the
// manifest's list (`container {}` twice is `containers:` of two). The resource is turned into the manifest it stands
// for and read by the Kubernetes model, so its workloads are judged as a manifest's are; every position the model
// reports is taken back to the attribute or block of the .tf file it came from. Nothing is evaluated beyond literals:
// a reference (`var.image`, `kubernetes_namespace.x.metadata[0].name`) stays unknown, and inside a string it is kept
// as a template marker (`{{ var.tag }}`), which the model treats as it treats an unrendered Helm value.
import { stringify } from 'yaml';
import { blocksOf, type HclBlock, type HclBody, type HclFile, type HclValue, type Range } from '../parsers/hcl';
import { nodeRange, parseYaml } from '../parsers/yaml';
import type { K8sRoute, K8sService, Unit } from '../types';
import { extractKubernetes } from './kubernetes';

/** Resource type → the manifest kind it declares (the provider's `_v1` names and the older ones). */
const KINDS: Record<string, string> = {
  kubernetes_deployment: 'Deployment',
  kubernetes_deployment_v1: 'Deployment',
  kubernetes_stateful_set: 'StatefulSet',
  kubernetes_stateful_set_v1: 'StatefulSet',
  kubernetes_daemonset: 'DaemonSet',
  kubernetes_daemon_set_v1: 'DaemonSet',
  kubernetes_job: 'Job',
  kubernetes_job_v1: 'Job',
  kubernetes_cron_job: 'CronJob',
  kubernetes_cron_job_v1: 'CronJob',
  kubernetes_pod: 'Pod',
  kubernetes_pod_v1: 'Pod',
  kubernetes_service: 'Service',
  kubernetes_service_v1: 'Service',
};
const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Pod: 'v1',
  Service: 'v1',
};

/** Blocks the provider repeats for the items of a manifest list: block type → the list's field. */
const LISTS: Record<string, string> = {
  container: 'containers',
  init_container: 'initContainers',
  port: 'ports',
  env: 'env',
  env_from: 'envFrom',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_claim_template: 'volumeClaimTemplates',
  toleration: 'tolerations',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  match_expressions: 'matchExpressions',
};

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

interface Converted {
  value: unknown;
  /** Manifest path (`spec.template.spec.containers.0.image`) → where the .tf file writes it. */
  ranges: Map<string, Range>;
}

/** Literal locals and variable defaults of the file (`local.app_name`, `var.image`): `local.NAME` / `var.NAME` → value. */
type Literals = ReadonlyMap<string, string | number | boolean>;

function literalsOf(parsed: HclFile): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  const keep = (key: string, v: HclValue | undefined) => {
    if (v?.kind === 'literal' && v.value !== null && typeof v.value !== 'object') out.set(key, v.value as string | number | boolean);
  };
  for (const b of blocksOf(parsed.body, 'locals')) for (const [k, a] of b.body.attributes) keep(`local.${k}`, a.value);
  for (const b of blocksOf(parsed.body, 'variable')) if (b.labels[0]) keep(`var.${b.labels[0]}`, b.body.attributes.get('default')?.value);
  return out;
}

function valueOf(v: HclValue, literals: Literals): unknown {
  switch (v.kind) {
    case 'literal':
      return v.value;
    case 'ref':
      // A local or a variable's default written as a literal in this file; any other reference stays unknown.
      return v.path.length === 2 ? literals.get(v.path.join('.')) : undefined;
    case 'tuple':
      return v.items.map((i) => valueOf(i, literals));
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, valueOf(e.value, literals)]));
    case 'template':
      return v.parts
        .map((p) =>
          typeof p === 'string' ? p : p.ref.length === 2 && literals.has(p.ref.join('.')) ? String(literals.get(p.ref.join('.'))) : `{{ ${p.ref.join('.')} }}`,
        )
        .join('');
    default:
      return undefined;
  }
}

/** A block's body as the manifest object it stands for, recording where each field is written. */
function convertBody(body: HclBody, path: string, ranges: Map<string, Range>, literals: Literals): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, a] of body.attributes) {
    const value = valueOf(a.value, literals);
    if (value === undefined) continue;
    // Map values (labels, resource amounts, a selector) keep their keys as written: only field names are snake_case.
    const key = camel(name);
    out[key] = value;
    ranges.set(`${path}${key}`, a.range);
  }
  const counts = new Map<string, number>();
  for (const b of body.blocks) {
    const list = LISTS[b.type];
    const key = list ?? camel(b.type);
    if (list) {
      const i = counts.get(list) ?? 0;
      counts.set(list, i + 1);
      const items = (out[list] as unknown[] | undefined) ?? [];
      items.push(convertBody(b.body, `${path}${list}.${i}.`, ranges, literals));
      out[list] = items;
      ranges.set(`${path}${list}.${i}`, b.range);
    } else {
      out[key] = convertBody(b.body, `${path}${key}.`, ranges, literals);
      ranges.set(`${path}${key}`, b.range);
    }
  }
  return out;
}

function convertResource(block: HclBlock, kind: string, literals: Literals): Converted {
  const ranges = new Map<string, Range>();
  const body = convertBody(block.body, '', ranges, literals);
  ranges.set('kind', block.headerRange);
  return { value: { apiVersion: API_VERSIONS[kind], kind, ...body }, ranges };
}

/** Manifest paths of a YAML document's nodes, with their ranges in the generated text. */
function pathsOf(node: unknown, path: string, out: { path: string; range: Range }[]): void {
  const r = nodeRange(node as never);
  if (r) out.push({ path, range: r });
  const n = node as { items?: unknown[] } | null;
  if (!n || !Array.isArray(n.items)) return;
  n.items.forEach((item, i) => {
    const pair = item as { key?: { value?: unknown }; value?: unknown };
    if (pair && typeof pair === 'object' && 'key' in pair && pair.key) {
      const k = String(pair.key.value);
      pathsOf(pair.value, path ? `${path}.${k}` : k, out);
    } else pathsOf(item, path ? `${path}.${i}` : String(i), out);
  });
}

/**
 * Workloads and Services of a Terraform file's kubernetes provider resources, read as the manifests they declare, with
 * positions in the .tf file.
 */
export function extractTerraformKubernetes(parsed: HclFile, file: string): { units: Unit[]; services: K8sService[]; routes: K8sRoute[] } {
  const resources = blocksOf(parsed.body, 'resource').filter((b) => KINDS[b.labels[0] ?? ''] && b.labels[1]);
  if (!resources.length) return { units: [], services: [], routes: [] };
  const literals = literalsOf(parsed);
  const converted = resources.map((b) => ({ block: b, ...convertResource(b, KINDS[b.labels[0]], literals) }));
  const text = converted.map((c) => stringify(c.value)).join('---\n');
  const yaml = parseYaml(text);
  if (yaml.errors.length) return { units: [], services: [], routes: [] };
  const { units, services, routes } = extractKubernetes(yaml.docs, file, 'terraform');
  // Each generated document's node ranges, to take the model's positions back to the .tf file.
  const docs = yaml.docs.map((d, i) => {
    const paths: { path: string; range: Range }[] = [];
    pathsOf(d.contents, '', paths);
    return { range: nodeRange(d.contents as never) ?? [0, 0], paths, ...converted[i] };
  });
  const back = (r: Range): Range => {
    const doc = docs.find((d) => r[0] >= d.range[0] && r[0] <= d.range[1]);
    if (!doc) return [0, 0];
    // The deepest node the position starts in, then the nearest enclosing field the .tf file writes.
    let best: { path: string; range: Range } | undefined;
    for (const p of doc.paths) if (r[0] >= p.range[0] && r[0] < p.range[1] && (!best || p.range[1] - p.range[0] <= best.range[1] - best.range[0])) best = p;
    for (let path = best?.path ?? ''; ; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
      const hit = doc.ranges.get(path);
      if (hit) return hit;
      if (!path) return doc.block.headerRange;
    }
  };
  for (const u of units) {
    const doc = u.range ? docs.find((d) => u.range![0] >= d.range[0] && u.range![0] <= d.range[1]) : undefined;
    for (const [k, r] of Object.entries(u.fieldRanges ?? {})) if (r) u.fieldRanges![k] = back(r);
    u.range = doc ? [doc.block.headerRange[0], doc.block.headerRange[1]] : [0, 0];
    u.line = 0;
  }
  return { units, services, routes };
}
