// Monthly cost of one unit on Lambda, on Kubernetes (EKS on EC2 nodes) and on EKS Fargate. Pure arithmetic over
// inputs and rates; every default rate comes from /work/shared/reference/lambda-k8s-facts.md §2–3 and is cited in
// docs/cost-model.md. Money is USD per month (hoursPerMonth, default 730 h).

type Architecture = 'x86_64' | 'arm64';
/** `always-on`: a Deployment that runs all month (APIs, queue consumers). `scheduled`: a Job per invocation (CronJob). */
type RunMode = 'always-on' | 'scheduled';

export interface CostInputs {
  requestsPerMonth: number;
  avgDurationMs: number;
  memoryMB: number;
  architecture: Architecture;
  /** Peak requests per second, for the concurrency check. */
  peakRps: number;
  /** Provisioned-concurrency environments kept warm all month (0 = none). */
  provisionedConcurrency: number;
  mode: RunMode;
  /** Replicas a Deployment keeps even when idle. */
  minReplicas: number;
  /** Pod CPU request (vCPU) and memory request (GiB) on Kubernetes. */
  podCpu: number;
  podMemoryGiB: number;
}

export interface Tier {
  /** Upper bound of the tier in GB-seconds per month; `null` for the last tier. */
  upTo: number | null;
  perGbSecond: number;
}

export interface Rates {
  hoursPerMonth: number;
  lambda: {
    perMillionRequests: number;
    x86: Tier[];
    arm64: Tier[];
    provisionedPerGbSecond: { x86_64: number; arm64: number };
    provisionedDurationPerGbSecond: { x86_64: number; arm64: number };
    freeTier: boolean;
    freeRequests: number;
    freeGbSeconds: number;
    accountConcurrency: number;
    /** New execution environments per function per 10 s. */
    scalingPer10s: number;
  };
  kubernetes: {
    nodePricePerHour: number;
    nodeVcpu: number;
    nodeMemoryGiB: number;
    /** OpenCost's default CPU-hour price over its default RAM GiB-hour price (0.031611 / 0.004237). */
    cpuToRamRatio: number;
    controlPlanePerHour: number;
    /** Workloads sharing the cluster's control plane; 0 = the number of units in the report. */
    clusterWorkloads: number;
    /** Average CPU utilisation an autoscaler keeps pods at. */
    targetUtilization: number;
    /** Pod start-up time billed on every scheduled run. */
    jobStartupSeconds: number;
  };
  fargate: {
    perVcpuHour: number;
    perGbHour: number;
    /** Fargate bills per second with a one-minute minimum. */
    minimumSeconds: number;
  };
}

export const DEFAULT_RATES: Rates = {
  hoursPerMonth: 730,
  lambda: {
    perMillionRequests: 0.2,
    x86: [
      { upTo: 6e9, perGbSecond: 0.0000166667 },
      { upTo: 15e9, perGbSecond: 0.000015 },
      { upTo: null, perGbSecond: 0.0000133334 },
    ],
    arm64: [
      { upTo: 7.5e9, perGbSecond: 0.0000133334 },
      { upTo: 18.75e9, perGbSecond: 0.0000120001 },
      { upTo: null, perGbSecond: 0.0000106667 },
    ],
    provisionedPerGbSecond: { x86_64: 0.0000041667, arm64: 0.0000033334 },
    provisionedDurationPerGbSecond: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    freeTier: false,
    freeRequests: 1_000_000,
    freeGbSeconds: 400_000,
    accountConcurrency: 1000,
    scalingPer10s: 1000,
  },
  kubernetes: {
    nodePricePerHour: 0.096,
    nodeVcpu: 2,
    nodeMemoryGiB: 8,
    cpuToRamRatio: 0.031611 / 0.004237,
    controlPlanePerHour: 0.1,
    clusterWorkloads: 0,
    targetUtilization: 0.7,
    jobStartupSeconds: 10,
  },
  fargate: { perVcpuHour: 0.04048, perGbHour: 0.004445, minimumSeconds: 60 },
};

/** Lambda gives 1 vCPU of CPU time at 1,769 MB and scales linearly (facts §1.4). */
export const MB_PER_VCPU = 1769;

export interface LambdaCost {
  gbSeconds: number;
  requests: number;
  compute: number;
  provisioned: number;
  total: number;
}

export interface ClusterCost {
  /** Average replicas over the month (always-on), or 0 for scheduled. */
  replicas: number;
  podHours: number;
  compute: number;
  controlPlane: number;
  total: number;
}

export interface FargateCost extends ClusterCost {
  vcpu: number;
  memoryGB: number;
}

/** Cost of `gbSeconds` over volume tiers, starting `alreadyUsed` GB-s into the month's tiers. */
export function tieredCost(gbSeconds: number, tiers: Tier[], alreadyUsed = 0): number {
  let cost = 0;
  let from = alreadyUsed;
  let left = gbSeconds;
  for (const t of tiers) {
    if (left <= 0) break;
    const room = t.upTo === null ? Infinity : Math.max(0, t.upTo - from);
    const take = Math.min(left, room);
    cost += take * t.perGbSecond;
    left -= take;
    from += take;
  }
  return cost;
}

function lambdaGbSeconds(i: Pick<CostInputs, 'requestsPerMonth' | 'avgDurationMs' | 'memoryMB'>): number {
  return i.requestsPerMonth * (i.avgDurationMs / 1000) * (i.memoryMB / 1024);
}

/**
 * Lambda: requests + GB-seconds over the architecture's tiers; with provisioned concurrency, the warm pool's
 * GB-seconds all month plus invocations it absorbs at the lower PC duration rate, overflow at on-demand rates.
 * Free tier is applied only to portfolio totals (it is per account), see `portfolioLambdaCost`.
 */
export function lambdaCost(i: CostInputs, rates: Rates = DEFAULT_RATES): LambdaCost {
  const r = rates.lambda;
  const gbSeconds = lambdaGbSeconds(i);
  const requests = (i.requestsPerMonth / 1e6) * r.perMillionRequests;
  let provisioned = 0;
  let onDemandGbs = gbSeconds;
  if (i.provisionedConcurrency > 0) {
    const poolGbs = i.provisionedConcurrency * (i.memoryMB / 1024) * rates.hoursPerMonth * 3600;
    const served = Math.min(gbSeconds, poolGbs);
    provisioned = poolGbs * r.provisionedPerGbSecond[i.architecture] + served * r.provisionedDurationPerGbSecond[i.architecture];
    onDemandGbs = gbSeconds - served;
  }
  const compute = tieredCost(onDemandGbs, i.architecture === 'arm64' ? r.arm64 : r.x86);
  return { gbSeconds, requests, compute, provisioned, total: requests + compute + provisioned };
}

/** OpenCost's split of a node's hourly price into a per-vCPU-hour and a per-GiB-hour rate (facts §3.4). */
export function nodeUnitRates(k: Rates['kubernetes']): { perVcpuHour: number; perGiBHour: number } {
  const ramMultiple = k.nodeVcpu * k.cpuToRamRatio + k.nodeMemoryGiB;
  const perGiBHour = k.nodePricePerHour / ramMultiple;
  return { perVcpuHour: perGiBHour * k.cpuToRamRatio, perGiBHour };
}

/** The control plane's monthly cost divided among the workloads that share the cluster. */
export function controlPlaneShare(rates: Rates, workloads: number): number {
  const n = rates.kubernetes.clusterWorkloads > 0 ? rates.kubernetes.clusterWorkloads : Math.max(1, workloads);
  return (rates.kubernetes.controlPlanePerHour * rates.hoursPerMonth) / n;
}

/**
 * Replicas an always-on Deployment averages over the month. A request that keeps a Lambda of `memoryMB` busy for
 * its duration needs memoryMB/1769 vCPU for that time; pods are filled to `targetUtilization`. Fractional on purpose:
 * an autoscaled fleet averaged over a month, which keeps the curve continuous so break-even has one answer.
 */
function averageReplicas(i: CostInputs, rates: Rates): number {
  const avgConcurrency = (i.requestsPerMonth * (i.avgDurationMs / 1000)) / (rates.hoursPerMonth * 3600);
  const vcpuPerRequest = i.memoryMB / MB_PER_VCPU;
  const needed = (avgConcurrency * vcpuPerRequest) / (i.podCpu * rates.kubernetes.targetUtilization);
  return Math.max(i.minReplicas, needed);
}

function podHoursFor(i: CostInputs, rates: Rates, minimumSeconds: number): { replicas: number; podHours: number } {
  if (i.mode === 'scheduled') {
    const seconds = Math.max(minimumSeconds, i.avgDurationMs / 1000 + rates.kubernetes.jobStartupSeconds);
    return { replicas: 0, podHours: (i.requestsPerMonth * seconds) / 3600 };
  }
  const replicas = averageReplicas(i, rates);
  return { replicas, podHours: replicas * rates.hoursPerMonth };
}

/** EKS on EC2 nodes: pod requests × OpenCost unit rates × hours the pod must run + a share of the control plane. */
export function kubernetesCost(i: CostInputs, rates: Rates = DEFAULT_RATES, workloads = 1): ClusterCost {
  const unit = nodeUnitRates(rates.kubernetes);
  const hourly = i.podCpu * unit.perVcpuHour + i.podMemoryGiB * unit.perGiBHour;
  const { replicas, podHours } = podHoursFor(i, rates, 0);
  const compute = podHours * hourly;
  const controlPlane = controlPlaneShare(rates, workloads);
  return { replicas, podHours, compute, controlPlane, total: compute + controlPlane };
}

/** EKS Fargate sizes (facts §3.2): vCPU → allowed memory GB (min, max, step). */
const FARGATE_SIZES: [number, number, number, number][] = [
  [0.25, 0.5, 2, 0.5],
  [0.5, 1, 4, 1],
  [1, 2, 8, 1],
  [2, 4, 16, 1],
  [4, 8, 30, 1],
  [8, 16, 60, 4],
  [16, 32, 120, 8],
];

/**
 * The Fargate size a pod runs as: its requests plus 256 MB for the node agents, rounded up to the next valid
 * combination. The 0.25 vCPU row allows 0.5, 1 and 2 GB only. Returns null when no size fits.
 */
export function fargatePodSize(podCpu: number, podMemoryGiB: number): { vcpu: number; memoryGB: number } | null {
  const wantGB = podMemoryGiB + 0.25;
  for (const [vcpu, min, max, step] of FARGATE_SIZES) {
    if (vcpu < podCpu) continue;
    if (wantGB > max) continue;
    let gb = min;
    if (vcpu === 0.25) gb = [0.5, 1, 2].find((g) => g >= wantGB)!;
    else while (gb < wantGB) gb += step;
    return { vcpu, memoryGB: gb };
  }
  return null;
}

/** EKS Fargate: the rounded pod size × Fargate rates × hours (one-minute minimum per run) + control-plane share. */
export function fargateCost(i: CostInputs, rates: Rates = DEFAULT_RATES, workloads = 1): FargateCost | null {
  const size = fargatePodSize(i.podCpu, i.podMemoryGiB);
  if (!size) return null;
  const hourly = size.vcpu * rates.fargate.perVcpuHour + size.memoryGB * rates.fargate.perGbHour;
  const { replicas, podHours } = podHoursFor(i, rates, rates.fargate.minimumSeconds);
  const compute = podHours * hourly;
  const controlPlane = controlPlaneShare(rates, workloads);
  return { vcpu: size.vcpu, memoryGB: size.memoryGB, replicas, podHours, compute, controlPlane, total: compute + controlPlane };
}

export type BreakEven = { kind: 'at'; requestsPerMonth: number } | { kind: 'kubernetes-always' } | { kind: 'lambda-always' };

const MAX_REQUESTS = 1e13;

/**
 * Monthly requests at which Lambda and Kubernetes cost the same, other inputs fixed. Below it Lambda is cheaper.
 * Lambda's cost per request is above Kubernetes' marginal cost per request once pods are full, so the difference
 * changes sign at most once; found by doubling then bisection.
 */
export function breakEven(i: CostInputs, rates: Rates = DEFAULT_RATES, workloads = 1): BreakEven {
  const diff = (r: number) => lambdaCost({ ...i, requestsPerMonth: r }, rates).total - kubernetesCost({ ...i, requestsPerMonth: r }, rates, workloads).total;
  if (diff(0) >= 0) return { kind: 'kubernetes-always' };
  let hi = 1;
  while (diff(hi) < 0) {
    hi *= 2;
    if (hi > MAX_REQUESTS) return { kind: 'lambda-always' };
  }
  let lo = hi / 2;
  for (let k = 0; k < 200 && hi - lo > 0.5; k++) {
    const mid = (lo + hi) / 2;
    if (diff(mid) < 0) lo = mid;
    else hi = mid;
  }
  return { kind: 'at', requestsPerMonth: Math.round(hi) };
}

export interface CurvePoint {
  requestsPerMonth: number;
  lambda: number;
  kubernetes: number;
  fargate: number | null;
}

/** Monthly cost at log-spaced traffic levels spanning the current traffic and the break-even point. */
export function costCurve(i: CostInputs, rates: Rates, workloads: number, be: BreakEven, points = 25): CurvePoint[] {
  const anchors = [Math.max(1, i.requestsPerMonth)];
  if (be.kind === 'at' && be.requestsPerMonth > 0) anchors.push(be.requestsPerMonth);
  const lo = Math.max(0, Math.floor(Math.log10(Math.min(...anchors))) - 1);
  const hi = Math.max(lo + 2, Math.ceil(Math.log10(Math.max(...anchors))) + 1);
  const out: CurvePoint[] = [];
  for (let k = 0; k < points; k++) {
    const r = Math.round(10 ** (lo + ((hi - lo) * k) / (points - 1)));
    const at = { ...i, requestsPerMonth: r };
    out.push({
      requestsPerMonth: r,
      lambda: lambdaCost(at, rates).total,
      kubernetes: kubernetesCost(at, rates, workloads).total,
      fargate: fargateCost(at, rates, workloads)?.total ?? null,
    });
  }
  return out;
}

export interface ConcurrencyCheck {
  /** Concurrent executions at peak: peak RPS × average duration (Little's law). */
  peakConcurrency: number;
  exceedsAccount: boolean;
  /** Seconds to scale from zero to the peak at the per-function scaling rate. */
  secondsToPeak: number;
}

export function concurrencyCheck(i: CostInputs, rates: Rates = DEFAULT_RATES): ConcurrencyCheck {
  const peakConcurrency = i.peakRps * (i.avgDurationMs / 1000);
  return {
    peakConcurrency,
    exceedsAccount: peakConcurrency > rates.lambda.accountConcurrency,
    secondsToPeak: Math.ceil(peakConcurrency / rates.lambda.scalingPer10s) * 10,
  };
}

/**
 * Lambda cost of a whole portfolio: volume tiers count aggregate GB-seconds per architecture, and the free tier
 * (1M requests + 400,000 GB-s, shared by both architectures) is taken once, from the most expensive GB-seconds first.
 */
export function portfolioLambdaCost(units: CostInputs[], rates: Rates = DEFAULT_RATES): number {
  const r = rates.lambda;
  let requests = 0;
  let provisioned = 0;
  const gbs = { x86_64: 0, arm64: 0 };
  for (const u of units) {
    const c = lambdaCost(u, rates);
    requests += u.requestsPerMonth;
    provisioned += c.provisioned;
    // Only on-demand GB-seconds count toward the tiers.
    const served = u.provisionedConcurrency > 0 ? Math.min(c.gbSeconds, u.provisionedConcurrency * (u.memoryMB / 1024) * rates.hoursPerMonth * 3600) : 0;
    gbs[u.architecture] += c.gbSeconds - served;
  }
  if (r.freeTier) {
    requests = Math.max(0, requests - r.freeRequests);
    let free = r.freeGbSeconds;
    const fromX86 = Math.min(free, gbs.x86_64);
    gbs.x86_64 -= fromX86;
    free -= fromX86;
    gbs.arm64 = Math.max(0, gbs.arm64 - free);
  }
  return (requests / 1e6) * r.perMillionRequests + tieredCost(gbs.x86_64, r.x86) + tieredCost(gbs.arm64, r.arm64) + provisioned;
}
