// iac/cluster-service: a workload configured with the cluster DNS name of another Service (`CART_ADDR=cart:7070`,
// `--backend-url=http://backend:9898`, `redis.shop.svc.cluster.local`) calls it inside the cluster. A Lambda function
// is outside: those names do not resolve there. Which names are Services is known from the whole workspace.
import { selects } from '../model/kubernetes';
import { clusterService } from '../rules/iac/cluster-service';
import { makeReporter } from '../rules/types';
import { applySeverityOverrides } from '../engine';
import type { AnalyzeOptions, FileAnalysis, K8sService, RawFinding, Unit } from '../types';
import type { ExtraFinding } from './index';

/** Variable names that hold an address (`CART_SERVICE_ADDR`, `REDIS_HOST`, `FRONTEND_URL`, `KAFKA_BROKERS`). */
const ADDRESS_VARIABLE = /(?:^|_)(?:HOSTS?|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINTS?|SERVERS?|SERVICE|SVC|DSN|BROKERS?|UPSTREAM|BACKEND|TARGET)$/i;

/** A DNS name as a host: labels of letters, digits and hyphens. */
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

interface Address {
  host: string;
  /** Written with a scheme or a port: an address whatever the variable is called. */
  explicit: boolean;
}

/** The hosts a value names: `cart:7070`, `http://user@cart/x`, `kafka-0.kafka:9092,kafka-1.kafka:9092`. */
function addressesIn(value: string): Address[] {
  const out: Address[] = [];
  for (const part of value.split(/[\s,;]+/)) {
    if (!part) continue;
    // A JDBC URL is a URL after its `jdbc:` (`jdbc:postgresql://ledger-db:5432/db`).
    let rest = part.replace(/^jdbc:/i, '');
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
    if (scheme) rest = rest.slice(scheme[0].length);
    rest = rest.replace(/^[^@/]*@/, '').split(/[/?#]/, 1)[0];
    const m = /^([^:]+)(?::(\d+))?$/.exec(rest);
    if (!m || !HOST.test(m[1].toLowerCase())) continue;
    out.push({ host: m[1].toLowerCase(), explicit: !!scheme || m[2] !== undefined });
  }
  return out;
}

/**
 * The Service a host names in the cluster: `name`, `name.namespace`, `name.namespace.svc[.cluster.local]`, or a
 * StatefulSet pod behind a headless Service (`kafka-0.kafka`). Names under `.svc` are the cluster's whatever the
 * workspace holds; shorter ones only when the workspace has such a Service.
 */
function serviceNamed(host: string, services: ReadonlyMap<string, ReadonlySet<string | undefined>>): string | undefined {
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  if (svc > 0 && (svc === labels.length - 1 || labels.slice(svc).join('.') === 'svc.cluster.local')) {
    // `name.namespace.svc`, or a pod of a headless Service: `pod.name.namespace.svc`.
    const before = labels.slice(0, svc);
    return before.length >= 3 ? before[1] : before[0];
  }
  if (labels.length === 1) return services.has(host) ? host : undefined;
  if (labels.length === 2) {
    const [a, b] = labels;
    if (services.get(a)?.has(b)) return a;
    if (/-\d+$/.test(a) && services.has(b)) return b;
  }
  return undefined;
}

/** Every Service of the workspace by name, with the namespaces it is declared in (undefined: none written). */
function workspaceServices(declared: ReadonlyMap<string, readonly K8sService[]>): Map<string, Set<string | undefined>> {
  const out = new Map<string, Set<string | undefined>>();
  for (const [name, list] of declared) if (name && !name.includes('{{')) out.set(name, new Set(list.map((s) => s.namespace)));
  return out;
}

/** ConfigMap values of the workspace by ConfigMap name (the first file that declares one wins). */
function workspaceConfigMaps(analyses: readonly FileAnalysis[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const a of analyses) for (const [name, data] of Object.entries(a.facts?.k8sConfigMaps ?? {})) if (!out.has(name)) out.set(name, data);
  return out;
}

/**
 * iac/cluster-service for one workload: the Services other than its own that its main container's variables (its own
 * values, or the ConfigMap values they are read from) and arguments name. Values are never quoted, only the Services
 * and where they were named.
 */
function clusterCalls(
  u: Unit,
  services: ReadonlyMap<string, ReadonlySet<string | undefined>>,
  configMaps: ReadonlyMap<string, Record<string, string>>,
  own: (name: string) => boolean,
  byFile: ReadonlyMap<string, FileAnalysis>,
): { file: string; raw: RawFinding }[] {
  if (u.kind !== 'k8s-workload') return [];
  const targets: string[] = [];
  const where: string[] = [];
  let at: [number, number] | undefined;
  const consider = (value: string, label: string, addressName: boolean, range?: [number, number]) => {
    for (const a of addressesIn(value)) {
      if (!a.explicit && !addressName && !a.host.includes('.svc')) continue;
      const name = serviceNamed(a.host, services);
      if (!name || own(name) || targets.includes(name)) continue;
      targets.push(name);
      if (!where.includes(label)) where.push(label);
      at ??= range;
    }
  };
  for (const [name, value] of Object.entries(u.environment ?? {})) {
    const ref = u.envConfigMapRefs?.[name];
    const v = value || (ref ? configMaps.get(ref.configMap)?.[ref.key] : undefined);
    if (v) consider(v, ref && !value ? `${name} from ConfigMap ${ref.configMap}` : name, ADDRESS_VARIABLE.test(name), u.fieldRanges?.[`env.${name}`]);
  }
  // Every key of a ConfigMap read whole (`envFrom`), as the variable it becomes; where the workload's code is known and
  // mentions address variables, only the ones it mentions (a ConfigMap of every Service's address, shared by all
  // workloads, says nothing of which each one calls).
  const read = new Set((u.codeFiles ?? []).flatMap((f) => byFile.get(f)?.facts?.addressNames ?? []));
  for (const { configMap, prefix } of u.envFromConfigMaps ?? [])
    for (const [key, v] of Object.entries(configMaps.get(configMap) ?? {}))
      if (v && !u.environment?.[prefix + key] && (!read.size || !ADDRESS_VARIABLE.test(prefix + key) || read.has(prefix + key)))
        consider(v, `${prefix}${key} from ConfigMap ${configMap}`, ADDRESS_VARIABLE.test(prefix + key), u.fieldRanges?.['containers.0']);
  const main = u.containers?.[0];
  for (const arg of [...(main?.command ?? []), ...(main?.args ?? [])]) {
    // `--backend-url=http://backend:9898`: the value after `=`; a bare argument counts only with a scheme or a port.
    const eq = /^--?([\w.-]+)=(.*)$/.exec(arg);
    consider(eq ? eq[2] : arg, 'an argument', eq ? ADDRESS_VARIABLE.test(eq[1].replace(/[-.]/g, '_')) : false, u.fieldRanges?.['containers.0']);
  }
  const out: { file: string; raw: RawFinding }[] = [];
  if (targets.length) out.push({ file: u.file, raw: report(u, 'calls', targets, where, at ?? u.range ?? [0, 0]) });
  // Hosts written in the code the workload runs (`host="redis"`, `Server=db;`, `postgres://…@db/app`), one finding at
  // the first; the Services its configuration names already are not repeated.
  const codeTargets: string[] = [];
  const codeWhere: string[] = [];
  let first: { file: string; at: [number, number] } | undefined;
  for (const f of u.codeFiles ?? []) {
    for (const r of byFile.get(f)?.facts?.hostRefs ?? []) {
      const name = serviceNamed(r.host, services);
      if (!name || own(name) || targets.includes(name) || codeTargets.includes(name)) continue;
      codeTargets.push(name);
      const base = f.slice(f.lastIndexOf('/') + 1);
      if (!codeWhere.includes(base)) codeWhere.push(base);
      first ??= { file: f, at: [r.start, r.end] };
    }
  }
  if (first) out.push({ file: first.file, raw: report(u, 'code', codeTargets, codeWhere, first.at) });
  return out;
}

function report(u: Unit, messageId: 'calls' | 'code', targets: string[], where: string[], at: [number, number]): RawFinding {
  const shown = targets.length > 4 ? `${targets.slice(0, 3).join(', ')} and ${targets.length - 3} more` : targets.join(', ');
  const raw: RawFinding[] = [];
  makeReporter(
    clusterService,
    raw,
  )({ unit: u.name, messageId, data: { name: u.name, targets: shown, where: where.slice(0, 3).join(', ') + (where.length > 3 ? ', …' : '') }, at });
  return raw[0];
}

/** Every Service declaration of the workspace by name (several files may declare one name). */
function serviceDeclarations(analyses: readonly FileAnalysis[]): Map<string, K8sService[]> {
  const out = new Map<string, K8sService[]>();
  for (const a of analyses)
    for (const s of a.facts?.k8sServices ?? []) {
      const list = out.get(s.name);
      if (list) list.push(s);
      else out.set(s.name, [s]);
    }
  return out;
}

/**
 * Whether a Service is the workload's own (one that selects its pods, or that its triggers name), not another to reach:
 * its own URL in its settings. Asked per name the workload's settings mention, through the declarations of that name
 * (a test of every Service of the workspace for every workload was quadratic: 5 s of a warm re-scan of 10,000 files).
 */
function ownService(u: Unit, declared: ReadonlyMap<string, readonly K8sService[]>): (name: string) => boolean {
  return (name) => u.events.some((e) => e.service && String(e.service) === name) || (declared.get(name) ?? []).some((s) => selects(s, u));
}

/**
 * iac/cluster-service for every workload, once each has its code files (the join's last step): what its configuration
 * names at its manifest, what its code names at the first literal.
 */
export function clusterServiceFindings(
  units: readonly Unit[],
  analyses: readonly FileAnalysis[],
  byFile: ReadonlyMap<string, FileAnalysis>,
  rules: AnalyzeOptions['rules'],
): ExtraFinding[] {
  const declared = serviceDeclarations(analyses);
  const services = workspaceServices(declared);
  const configMaps = workspaceConfigMaps(analyses);
  const out: ExtraFinding[] = [];
  for (const u of units) {
    if (u.kind !== 'k8s-workload' || u.generatedFrom) continue;
    for (const { file, raw } of clusterCalls(u, services, configMaps, ownService(u, declared), byFile))
      for (const r of applySeverityOverrides([raw], rules)) out.push({ file, raw: r, unit: u });
  }
  return out;
}
