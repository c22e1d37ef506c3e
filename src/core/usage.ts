// Measured usage: what a unit really did over a window (CloudWatch for Lambda functions, Prometheus for Kubernetes
// workloads), and what the cost model, the concurrency check and the timeout wall make of it. Pure: the clients that
// read the metrics live in src/node/metrics and hand their figures over as `UnitUsage`.
import type { LambdaShiftConfig } from './config';
import { controlPlaneShare, fargatePodSize, nodeUnitRates, type ClusterCost, type CostInputs, type FargateCost, type Rates } from './report/cost';
import { timeoutWall } from './rules/report/timeout-wall';
import { formatMessage, unitFinding } from './rules/types';
import type { Finding, Unit } from './types';

/** The contract's optional `units[].usage` (schemaVersion 1). Every figure is over the window `from`–`to`. */
export interface UnitUsage {
  source: 'cloudwatch' | 'prometheus';
  /** What was measured: the deployed function name, or `namespace/workload`. */
  subject: string;
  /** ISO 8601 start and end of the window, and its length in days. */
  from: string;
  to: string;
  days: number;
  /** Invocations (Lambda `Invocations` Sum) or requests served (Prometheus request rate integrated) in the window. */
  requests?: number;
  /** Busiest per-second request rate seen at the sampling resolution (`stepSeconds`). */
  peakRps?: number;
  /** Sample spacing of the time series behind the peaks and the ramp, seconds. */
  stepSeconds?: number;
  /** Lambda `Duration` average / p99 / maximum, or the server latency (average) of a workload, in ms. */
  durationMs?: { avg?: number; p99?: number; max?: number };
  /** Lambda `ConcurrentExecutions` Maximum; for a workload, the peak of request rate × latency (Little's law). */
  peakConcurrency?: number;
  /** `true` when peakConcurrency was derived from request rate × duration rather than read from a metric. */
  concurrencyDerived?: boolean;
  /** Steepest rise of concurrency between two consecutive samples: `rise` environments within `seconds`. */
  ramp?: { rise: number; seconds: number };
  /** Lambda `Throttles` and `Errors` Sums. */
  throttles?: number;
  errors?: number;
  /** The deployed configuration the figures were measured against (from the AWS inventory). */
  timeoutSeconds?: number;
  memoryMB?: number;
  /** Kubernetes: the workload's CPU (cores) and working-set memory (bytes), summed over its pods. */
  cpuCores?: { avg: number; peak: number };
  memoryBytes?: { avg: number; peak: number };
  /** Kubernetes: running pods over the window. */
  replicas?: { avg: number; min: number; max: number };
  /** What could not be measured and why; those inputs stay on the estimate. */
  notes?: string[];
}

export type UsageBasis = 'measured' | 'partly measured' | 'estimated';

/** The steepest rise between two samples one period apart, as { rise, seconds }. */
export function steepestRise(points: [number, number][], stepSeconds: number): { rise: number; seconds: number } | undefined {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  let best: number | undefined;
  for (let k = 1; k < sorted.length; k++) {
    if (Math.abs(sorted[k][0] - sorted[k - 1][0] - stepSeconds) > 0.5) continue;
    const rise = sorted[k][1] - sorted[k - 1][1];
    if (best === undefined || rise > best) best = rise;
  }
  return best === undefined || best <= 0 ? undefined : { rise: Math.round(best * 1000) / 1000, seconds: stepSeconds };
}

const SECONDS_PER_DAY = 86_400;

/** Requests per month at the measured rate (window scaled to `hoursPerMonth`). */
function monthlyRequests(usage: UnitUsage, hoursPerMonth: number): number | undefined {
  if (usage.requests === undefined || !(usage.days > 0)) return undefined;
  return (usage.requests * hoursPerMonth * 3600) / (usage.days * SECONDS_PER_DAY);
}

/** Which cost input each measurement feeds. */
const FEEDS: Record<string, keyof CostInputs> = {
  requests: 'requestsPerMonth',
  duration: 'avgDurationMs',
  peak: 'peakRps',
  replicas: 'minReplicas',
  memory: 'memoryMB',
};

/**
 * The cost inputs measurements replace, and the basis they give the unit. Traffic (requests, duration, peak) comes
 * from either source; the deployed memory from the inventory; for a workload, the floor of replicas it ran with.
 * `overridden` lists inputs `lambdashift.yaml` (or the report's editor) sets for the unit by name: those win, and no
 * longer count as measured.
 */
export function measuredInputs(
  unit: Unit,
  rates: Rates,
  overridden: readonly string[] = [],
): { inputs: Partial<CostInputs>; basis: UsageBasis; measured: string[] } {
  const u = unit.usage;
  if (!u) return { inputs: {}, basis: 'estimated', measured: [] };
  const found: Partial<Record<keyof typeof FEEDS, number>> = {};
  const perMonth = monthlyRequests(u, rates.hoursPerMonth);
  if (perMonth !== undefined) found.requests = Math.round(perMonth);
  if (u.durationMs?.avg !== undefined && u.durationMs.avg > 0) found.duration = Math.round(u.durationMs.avg * 10) / 10;
  if (u.peakRps !== undefined) found.peak = Math.round(u.peakRps * 1000) / 1000;
  if (unit.kind === 'lambda-function' && u.memoryMB !== undefined) found.memory = u.memoryMB;
  if (unit.kind === 'k8s-workload' && u.replicas) found.replicas = u.replicas.min;
  const inputs: Record<string, number> = {};
  const measured: string[] = [];
  for (const [what, value] of Object.entries(found) as [string, number][]) {
    const key = FEEDS[what];
    if (overridden.includes(key)) continue;
    inputs[key] = value;
    if (what !== 'memory') measured.push(what);
  }
  const traffic = measured.includes('requests');
  // A function nobody invoked is fully measured: without invocations its duration costs nothing.
  const complete =
    unit.kind === 'lambda-function' ? traffic && (measured.includes('duration') || found.requests === 0) : traffic && measured.includes('replicas');
  const basis: UsageBasis = complete ? 'measured' : measured.length ? 'partly measured' : 'estimated';
  return { inputs: inputs as Partial<CostInputs>, basis, measured };
}

export interface MeasuredCluster {
  kubernetes: ClusterCost;
  fargate: FargateCost | null;
  /** Average use over the pods' requests (1 = fully used). */
  utilisation: { cpu?: number; memory?: number };
  /** Share of the allocated (billed) pod cost that paid for requested but unused CPU and memory. */
  idleShare?: number;
}

/**
 * What a workload costs on the cluster as it really ran: average replicas × hours × each pod's allocation, where a pod
 * is charged for max(request, usage) of CPU and memory (OpenCost's allocation rule, facts §3.4), plus its share of
 * the control plane. Fargate prices the same replicas at the pod size Fargate would round the requests up to.
 * Undefined unless the replicas were measured.
 */
export function measuredClusterCost(unit: Unit, inputs: CostInputs, rates: Rates, workloads: number): MeasuredCluster | undefined {
  const u = unit.usage;
  if (unit.kind !== 'k8s-workload' || !u?.replicas || !(u.replicas.avg > 0)) return undefined;
  const replicas = u.replicas.avg;
  const unitRates = nodeUnitRates(rates.kubernetes);
  const cpuUse = u.cpuCores ? u.cpuCores.avg / replicas : undefined;
  const memUse = u.memoryBytes ? u.memoryBytes.avg / 2 ** 30 / replicas : undefined;
  const cpu = Math.max(inputs.podCpu, cpuUse ?? 0);
  const mem = Math.max(inputs.podMemoryGiB, memUse ?? 0);
  const hourly = cpu * unitRates.perVcpuHour + mem * unitRates.perGiBHour;
  const podHours = replicas * rates.hoursPerMonth;
  const controlPlane = controlPlaneShare(rates, workloads);
  const compute = podHours * hourly;
  const kubernetes: ClusterCost = { replicas, podHours, compute, controlPlane, total: compute + controlPlane };
  const size = fargatePodSize(inputs.podCpu, inputs.podMemoryGiB);
  const fargate: FargateCost | null = size
    ? (() => {
        const fc = podHours * (size.vcpu * rates.fargate.perVcpuHour + size.memoryGB * rates.fargate.perGbHour);
        return { vcpu: size.vcpu, memoryGB: size.memoryGB, replicas, podHours, compute: fc, controlPlane, total: fc + controlPlane };
      })()
    : null;
  const utilisation: MeasuredCluster['utilisation'] = {};
  if (cpuUse !== undefined) utilisation.cpu = cpuUse / inputs.podCpu;
  if (memUse !== undefined) utilisation.memory = memUse / inputs.podMemoryGiB;
  let idleShare: number | undefined;
  if (cpuUse !== undefined && memUse !== undefined) {
    const used = Math.min(cpuUse, cpu) * unitRates.perVcpuHour + Math.min(memUse, mem) * unitRates.perGiBHour;
    idleShare = Math.min(1, Math.max(0, 1 - used / hourly));
  }
  return { kubernetes, fargate, utilisation, ...(idleShare !== undefined ? { idleShare } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Concurrency at scale: the account quota and the per-function scaling rate (facts §1.3).

export interface UsageConcurrency {
  peakConcurrency: number;
  exceedsAccount: boolean;
  /** Seconds to scale from zero to the peak at `scalingPer10s` new environments per 10 s. */
  secondsToPeak: number;
  /** Where the peak came from. */
  basis: 'measured' | 'derived' | 'estimated';
  /** The steepest measured rise and whether Lambda's scaling rate could have followed it. */
  burst?: { rise: number; seconds: number; allowed: number; exceeds: boolean };
  /** Measured Lambda throttles in the window. */
  throttles?: number;
}

/**
 * Peak concurrency of a unit on Lambda. Measured: `ConcurrentExecutions` for a function, request rate × latency for a
 * workload. Otherwise peak RPS × average duration of the cost inputs (Little's law), as before measurements existed.
 */
export function usageConcurrency(unit: Unit, inputs: CostInputs, rates: Rates): UsageConcurrency {
  const u = unit.usage;
  const measured = u?.peakConcurrency;
  const peakConcurrency = measured ?? inputs.peakRps * (inputs.avgDurationMs / 1000);
  const basis: UsageConcurrency['basis'] =
    measured === undefined ? (u?.peakRps !== undefined ? 'derived' : 'estimated') : u?.concurrencyDerived ? 'derived' : 'measured';
  const out: UsageConcurrency = {
    peakConcurrency,
    exceedsAccount: peakConcurrency > rates.lambda.accountConcurrency,
    secondsToPeak: Math.ceil(peakConcurrency / rates.lambda.scalingPer10s) * 10,
    basis,
  };
  if (u?.ramp && u.ramp.seconds > 0) {
    // Lambda adds `scalingPer10s` environments every 10 s per function, refilled continuously (facts §1.3).
    const allowed = (rates.lambda.scalingPer10s * u.ramp.seconds) / 10;
    out.burst = { rise: u.ramp.rise, seconds: u.ramp.seconds, allowed, exceeds: u.ramp.rise > allowed };
  }
  if (u?.throttles !== undefined) out.throttles = u.throttles;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The timeout wall: a function whose measured maximum duration reaches 80% of its timeout.

export const TIMEOUT_WALL_RULE_ID = timeoutWall.id;
/** Share of the timeout at which the maximum duration counts as at the wall. */
const TIMEOUT_WALL_SHARE = 0.8;
const LAMBDA_MAX_TIMEOUT = 900;

const DURABLE = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html';
const MANAGED = 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html';
const JOB = 'https://kubernetes.io/docs/concepts/workloads/controllers/job/';

function seconds(ms: number | undefined): string {
  if (ms === undefined) return 'unknown';
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** What to do at the wall, weighed for this function: its timeout's headroom and whether it is called synchronously. */
function wallAdvice(unit: Unit, timeout: number, maxMs: number): string {
  const sync = unit.events.some((e) => e.type === 'http');
  const raise =
    timeout < LAMBDA_MAX_TIMEOUT && maxMs < LAMBDA_MAX_TIMEOUT * 1000 * TIMEOUT_WALL_SHARE
      ? `If the work is bounded, raise the timeout (Lambda allows up to ${LAMBDA_MAX_TIMEOUT} s, ${timeoutWall.docs.reference}). `
      : '';
  return (
    `${raise}If it keeps growing, weigh three ways out: Lambda durable functions (executions checkpointed across invocations for up to a year; the code must be split into replay-safe steps, ${DURABLE}), ` +
    `Lambda Managed Instances (asynchronous and event-source invocations may run up to 90 min on EC2 capacity you pay for${sync ? ", not synchronous calls like this function's" : ''}, ${MANAGED}), ` +
    `or a Kubernetes Job (no run-time cap; set activeDeadlineSeconds and backoffLimit, ${JOB}).`
  );
}

/** Timeout-wall findings for functions measured near or at their timeout. */
export function timeoutWallFindings(units: readonly Unit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    const u = unit.usage;
    if (unit.kind !== 'lambda-function' || u?.source !== 'cloudwatch') continue;
    const timeout = u.timeoutSeconds ?? unit.timeoutSeconds;
    const max = u.durationMs?.max;
    if (!timeout || max === undefined) continue;
    const share = max / (timeout * 1000);
    if (share < TIMEOUT_WALL_SHARE) continue;
    // Lambda reports the duration of a timed-out invocation as the timeout itself.
    const timedOut = share >= 0.999;
    const data = {
      name: unit.name,
      max: seconds(max),
      p99: seconds(u.durationMs?.p99),
      avg: seconds(u.durationMs?.avg),
      timeout,
      days: u.days,
      share: `${Math.round(share * 100)}%`,
      advice: wallAdvice(unit, timeout, max),
    };
    out.push(
      unitFinding(timeoutWall, formatMessage(timeoutWall.messages[timedOut ? 'timedOut' : 'near'], data), {
        file: unit.file,
        line: unit.line,
        unit: unit.name,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Prometheus queries: defaults and placeholders. `lambdashift.yaml` may replace any of them (metrics.prometheus).

export const PROMETHEUS_QUERY_KEYS = ['requestRate', 'latency', 'cpu', 'memory', 'replicas'] as const;
export type PrometheusQueryKey = (typeof PROMETHEUS_QUERY_KEYS)[number];
export type PrometheusQueries = Record<PrometheusQueryKey, string>;

const SEL = 'namespace="{{namespace}}",pod=~"{{pod}}"';
const CONTAINERS = `${SEL},container!="",container!="POD"`;

/**
 * Default PromQL per workload. `{{namespace}}`, `{{workload}}`, `{{pod}}` (a regular expression for the workload's pod
 * names) and `{{range}}` (the rate window) are filled in per workload, escaped for a PromQL string.
 */
export const DEFAULT_PROMETHEUS_QUERIES: PrometheusQueries = {
  // Micrometer/Spring-style HTTP server histograms, else go-grpc-prometheus counters.
  requestRate: `sum(rate(http_server_requests_seconds_count{${SEL}}[{{range}}])) or sum(rate(grpc_server_handled_total{${SEL}}[{{range}}]))`,
  latency: `(sum(rate(http_server_requests_seconds_sum{${SEL}}[{{range}}])) / sum(rate(http_server_requests_seconds_count{${SEL}}[{{range}}]))) or (sum(rate(grpc_server_handling_seconds_sum{${SEL}}[{{range}}])) / sum(rate(grpc_server_handling_seconds_count{${SEL}}[{{range}}])))`,
  cpu: `sum(rate(container_cpu_usage_seconds_total{${CONTAINERS}}[{{range}}]))`,
  memory: `sum(container_memory_working_set_bytes{${CONTAINERS}})`,
  replicas: `count(sum by (pod) (container_memory_working_set_bytes{${CONTAINERS}}))`,
};

/** Per-unit settings under `metrics.prometheus.units.<name>`: where the workload runs, and any query of its own. */
export type PrometheusUnitSettings = Partial<PrometheusQueries> & { namespace?: string; workload?: string; pod?: string };

export interface MetricsConfig {
  prometheus: { queries: PrometheusQueries; units: Record<string, PrometheusUnitSettings> };
}

export function defaultMetricsConfig(): MetricsConfig {
  return { prometheus: { queries: { ...DEFAULT_PROMETHEUS_QUERIES }, units: {} } };
}

const RE_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** A regular expression matching the pod names a controller of `kind` gives the pods of workload `name`. */
export function podPattern(kind: string | undefined, name: string): string {
  const n = name.replace(RE_SPECIAL, '\\$&');
  switch (kind) {
    case 'Deployment':
    case 'Rollout':
      // <deployment>-<pod-template-hash>-<5 random characters> (a Rollout names its ReplicaSets' pods the same way)
      return `${n}-[a-z0-9]{1,10}-[a-z0-9]{5}`;
    case 'StatefulSet':
      return `${n}-[0-9]+`;
    case 'CronJob':
      // <cronjob>-<scheduled time in minutes>-<5 random characters>
      return `${n}-[0-9]+-[a-z0-9]{5}`;
    case 'DaemonSet':
    case 'Job':
    case 'ReplicaSet':
      return `${n}-[a-z0-9]{5}`;
    default:
      return `${n}(-.+)?`;
  }
}

/** `value` inside a double-quoted PromQL string. */
function promString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Prometheus' duration syntax for whole seconds: `5m`, `90s`, `2h`. */
export function promDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export interface WorkloadTarget {
  /** Identifies the unit among several of one name (`file#name`). */
  key: string;
  /** The unit's name (the key `metrics.prometheus.units` uses). */
  unit: string;
  namespace: string;
  workload: string;
  pod: string;
  queries: PrometheusQueries;
}

/**
 * The namespace, workload name, pod pattern and queries for each workload unit, or why it cannot be measured (a
 * templated Helm name, say). Values from `metrics.prometheus.units.<name>` win over the manifest's.
 */
export function prometheusTargets(units: readonly Unit[], metrics: MetricsConfig): { targets: WorkloadTarget[]; skipped: { unit: string; reason: string }[] } {
  const targets: WorkloadTarget[] = [];
  const skipped: { unit: string; reason: string }[] = [];
  for (const u of units) {
    if (u.kind !== 'k8s-workload') continue;
    const own = metrics.prometheus.units[u.name] ?? {};
    const workload = own.workload ?? u.name;
    if (/[{}$]/.test(workload) && !own.pod) {
      skipped.push({
        unit: u.name,
        reason: `its name '${workload}' is a template; set metrics.prometheus.units.${u.name}.workload (or .pod) in lambdashift.yaml to the deployed name`,
      });
      continue;
    }
    const queries = { ...metrics.prometheus.queries };
    for (const k of PROMETHEUS_QUERY_KEYS) if (own[k]) queries[k] = own[k]!;
    targets.push({
      key: usageKey(u),
      unit: u.name,
      namespace: own.namespace ?? u.namespace ?? 'default',
      workload,
      pod: own.pod ?? podPattern(u.workloadKind, workload),
      queries,
    });
  }
  return { targets, skipped };
}

/** The query text for one target: placeholders filled in, each value escaped for a PromQL string literal. */
export function renderQuery(template: string, t: Pick<WorkloadTarget, 'namespace' | 'workload' | 'pod'>, rangeSeconds: number): string {
  const values: Record<string, string> = {
    namespace: promString(t.namespace),
    workload: promString(t.workload),
    pod: promString(t.pod),
    range: promDuration(rangeSeconds),
  };
  return template.replace(/\{\{\s*(namespace|workload|pod|range)\s*\}\}/g, (_, k: string) => values[k]);
}

/** How measurements are matched back to a unit: its file and name (names alone repeat across repositories). */
export function usageKey(u: Pick<Unit, 'file' | 'name'>): string {
  return `${u.file}#${u.name}`;
}

/** `config.metrics`, or the defaults for a config without it. */
export function metricsConfigOf(config: Partial<Pick<LambdaShiftConfig, 'metrics'>>): MetricsConfig {
  return config.metrics ?? defaultMetricsConfig();
}
