// The one report model every view renders: the HTML export and the webview (media/report.js) and the Markdown export.
// Built from an AssessResult plus the cost config; plain JSON so it can be posted to a webview or embedded in a page.
import { applySeverityOverrides } from '../engine';
import { keepsFinding } from '../direction';
import { concurrencyLimit } from '../rules/report/concurrency-limit';
import type { LambdaShiftConfig } from '../config';
import { defaultConfig } from '../config';
import { docsUrl, formatMessage, unitFinding } from '../rules/types';
import { isDeploymentKind } from '../model/kubernetes';
import type {
  AnalysisError,
  AnalyzeOptions,
  AssessResult,
  Category,
  DecidingReason,
  Description,
  EventType,
  Finding,
  Severity,
  Unit,
  UnitSource,
  Verdict,
} from '../types';
import {
  measuredClusterCost,
  measuredInputs,
  timeoutWallFindings,
  TIMEOUT_WALL_RULE_ID,
  usageConcurrency,
  type UnitUsage,
  type UsageBasis,
  type UsageConcurrency,
} from '../usage';
import { buildApplications, buildSplit, type ApplicationRow, type FleetSplit } from './fleet';
import { ownsFinding, verdictOfFinding } from './verdict';
import {
  breakEven,
  costCurve,
  fargateCost,
  kubernetesCost,
  lambdaCost,
  MB_PER_VCPU,
  portfolioLambdaCost,
  type BreakEven,
  type ClusterCost,
  type CostInputs,
  type CurvePoint,
  type FargateCost,
  type LambdaCost,
  type Rates,
} from './cost';

const REPORT_MODEL_VERSION = 1;
export const CONCURRENCY_RULE_ID = concurrencyLimit.id;
/** Appended to a concurrency message when the measured ramp also outpaces Lambda's scaling rate. */
const BURST_CLAUSE =
  '; and its concurrency rose by {rise} within {window} s, faster than the {rate} new environments per 10 s ({allowed} in {window} s) Lambda adds per function, so it would be throttled (HTTP 429) while scaling';

type Platform = 'lambda' | 'kubernetes' | 'fargate';

/** A finding as the report shows it: the contract's fields it needs, plus the rule page. */
interface FindingRow extends Pick<Finding, 'ruleId' | 'category' | 'severity' | 'direction' | 'file' | 'line' | 'column' | 'message' | 'unit'> {
  helpUri: string;
}

export interface UnitRow {
  /** Stable within one model; used by the views to address a row. */
  id: string;
  name: string;
  kind: Unit['kind'];
  workloadKind?: string;
  source: UnitSource;
  file: string;
  line: number;
  /** The move this unit is assessed for. */
  direction: 'to-kubernetes' | 'to-lambda';
  verdict: Verdict;
  effort: string;
  blockers: number;
  warnings: number;
  /** Its findings of the move's direction that change nothing in the verdict: notes to read (a handler to replace…). */
  notes: number;
  timeoutSeconds?: number;
  memoryMB?: number;
  events: string[];
  /** The verdict's top reasons (findings at the verdict's level, then a note such as "verdict from manifests only"). */
  decidedBy: DecidingReason[];
  /** Every place the unit is described (empty when only its own file). */
  describedIn: Description[];
  /** The code the unit was joined to, and how. */
  codeFiles: string[];
  joinedBy?: string;
  inputs: CostInputs;
  /** Where the inputs came from, e.g. `lambdashift.yaml` or `defaults for http`. */
  inputsSource: string;
  /** Whether the costs rest on measured usage (docs/cost-model.md, "Measured usage"). */
  basis: UsageBasis;
  /** The unit's measured usage, as in the JSON contract. */
  usage?: UnitUsage;
  /** With measured pods: use over requests and the share of the pod cost that paid for idle requests. */
  cluster?: { utilisation: { cpu?: number; memory?: number }; idleShare?: number };
  /** For a measured unit: what the estimate (without measurements) said, to show where measurements flip the choice. */
  estimate?: { lambda: number; kubernetes: number; cheaper: 'lambda' | 'kubernetes' };
  /** The repository (`assess --repos`). */
  application?: string;
  cost: {
    lambda: LambdaCost;
    kubernetes: ClusterCost;
    fargate: FargateCost | null;
    cheapest: Platform;
    breakEven: BreakEven;
    /** Monthly cost (either platform) at the break-even traffic, for the chart's marker. */
    breakEvenCost: number | null;
    concurrency: UsageConcurrency;
  };
  curve: CurvePoint[];
}

export interface ReportModel {
  version: typeof REPORT_MODEL_VERSION;
  tool: AssessResult['tool'];
  stats: AssessResult['stats'];
  summary: {
    units: number;
    bySource: { source: string; count: number }[];
    verdicts: Record<'to-kubernetes' | 'to-lambda', Record<Verdict, number>>;
    findings: Record<Severity, number>;
    /** By category: the findings that block their unit's move (`errors`) and those that change it (`warnings`), as the verdict counts them. */
    topBlockers: { category: Category; errors: number; warnings: number }[];
  };
  units: UnitRow[];
  findings: { category: Category; findings: FindingRow[] }[];
  portfolio: {
    lambda: number;
    kubernetes: number;
    fargate: number;
    cheaperOn: Record<Platform, string[]>;
    freeTier: boolean;
    peakConcurrency: number;
    /**
     * How peakConcurrency was found: `sum` of every unit's peak (as if all peaks coincided), or `account`: the
     * account-wide ConcurrentExecutions CloudWatch measured for the deployed functions, plus the peaks of the units it
     * does not cover (workloads that would move to Lambda).
     */
    concurrencyBasis: 'sum' | 'account';
    /** The account-wide measurement, when there is one. */
    accountPeakConcurrency?: number;
    accountConcurrency: number;
  };
  /** Every unit ranked by the monthly difference between Lambda and Kubernetes (the 80/20 split). */
  split: FleetSplit;
  /** One row per repository, with `assess --repos`. */
  applications?: ApplicationRow[];
  rates: Rates;
  errors: AnalysisError[];
}

type TriggerDefaults = Pick<CostInputs, 'requestsPerMonth' | 'avgDurationMs' | 'peakRps'>;

/** Traffic assumed when the config says nothing; documented in docs/cost-model.md. */
const TRIGGER_DEFAULTS: Record<EventType | 'none', TriggerDefaults> = {
  http: { requestsPerMonth: 1_000_000, avgDurationMs: 200, peakRps: 10 },
  sqs: { requestsPerMonth: 500_000, avgDurationMs: 500, peakRps: 20 },
  sns: { requestsPerMonth: 100_000, avgDurationMs: 300, peakRps: 5 },
  s3: { requestsPerMonth: 100_000, avgDurationMs: 1000, peakRps: 5 },
  stream: { requestsPerMonth: 2_000_000, avgDurationMs: 100, peakRps: 20 },
  eventbridge: { requestsPerMonth: 100_000, avgDurationMs: 300, peakRps: 5 },
  schedule: { requestsPerMonth: 30, avgDurationMs: 60_000, peakRps: 0.1 },
  direct: { requestsPerMonth: 100_000, avgDurationMs: 200, peakRps: 5 },
  other: { requestsPerMonth: 100_000, avgDurationMs: 200, peakRps: 5 },
  none: { requestsPerMonth: 100_000, avgDurationMs: 200, peakRps: 5 },
};

/** How many values a cron field matches (approximate: enough to estimate runs per month). */
function cronFieldCount(field: string, size: number): number {
  if (field === '*' || field === '?') return size;
  let n = 0;
  for (const part of field.split(',')) {
    const step = /^(\*|\d+(?:-\d+)?)\/(\d+)$/.exec(part);
    if (step) {
      const [a, b] = step[1] === '*' ? [0, size - 1] : step[1].includes('-') ? step[1].split('-').map(Number) : [Number(step[1]), size - 1];
      n += Math.floor((b - a) / Number(step[2])) + 1;
    } else if (/^\w+-\w+$/.test(part)) {
      const [a, b] = part.split('-');
      const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
      const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : days.indexOf(s.toUpperCase()));
      n += Math.max(1, num(b) - num(a) + 1);
    } else {
      n += 1;
    }
  }
  return Math.min(n, size);
}

/** Runs per month of `rate(...)`, EventBridge `cron(...)` or a 5-field Kubernetes schedule; undefined if unknown. */
export function runsPerMonth(expression: string | undefined, hoursPerMonth: number): number | undefined {
  if (!expression) return undefined;
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const perHour = rate[2].startsWith('minute') ? 60 / n : rate[2].startsWith('hour') ? 1 / n : 1 / (24 * n);
    return n > 0 ? Math.round(hoursPerMonth * perHour) : undefined;
  }
  const inner = /^cron\((.*)\)$/i.exec(expression.trim())?.[1] ?? expression;
  const macros: Record<string, number> = {
    '@hourly': hoursPerMonth,
    '@daily': hoursPerMonth / 24,
    '@midnight': hoursPerMonth / 24,
    '@weekly': hoursPerMonth / 168,
  };
  if (macros[inner.trim()]) return Math.round(macros[inner.trim()]);
  const f = inner.trim().split(/\s+/);
  if (f.length < 5) return undefined;
  const [min, hour, dom, , dow] = f;
  const perDay = cronFieldCount(min, 60) * cronFieldCount(hour, 24);
  const days = hoursPerMonth / 24;
  const domDays = dom === '*' || dom === '?' ? days : cronFieldCount(dom, 31);
  const dowShare = dow === '*' || dow === '?' ? 1 : cronFieldCount(dow, 7) / 7;
  return Math.max(1, Math.round(perDay * Math.min(domDays, days * dowShare)));
}

const CPU = /^(\d+(?:\.\d+)?)(m?)$/;
const MEM = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T|k)?$/;
const MEM_GIB: Record<string, number> = {
  '': 1 / 2 ** 30,
  Ki: 1 / 2 ** 20,
  Mi: 1 / 1024,
  Gi: 1,
  Ti: 1024,
  K: 1e3 / 2 ** 30,
  k: 1e3 / 2 ** 30,
  M: 1e6 / 2 ** 30,
  G: 1e9 / 2 ** 30,
  T: 1e12 / 2 ** 30,
};

/** Sum of the containers' requests; undefined when none is set or one cannot be read. */
function podRequests(unit: Unit): { cpu?: number; memoryGiB?: number } {
  let cpu = 0;
  let mem = 0;
  let haveCpu = false;
  let haveMem = false;
  for (const c of unit.containers ?? []) {
    const req = c.resources?.requests ?? c.resources?.limits;
    const cm = req?.cpu !== undefined ? CPU.exec(String(req.cpu)) : null;
    if (cm) {
      cpu += Number(cm[1]) / (cm[2] ? 1000 : 1);
      haveCpu = true;
    }
    const mm = req?.memory !== undefined ? MEM.exec(String(req.memory)) : null;
    if (mm) {
      mem += Number(mm[1]) * MEM_GIB[mm[2] ?? ''];
      haveMem = true;
    }
  }
  return { cpu: haveCpu ? cpu : undefined, memoryGiB: haveMem ? mem : undefined };
}

const round = (n: number, step: number) => Math.round(n / step) * step;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** `units.<repository>/<name>` (with --repos), else `units.<name>`. */
function unitOverrides(unit: Unit, config: LambdaShiftConfig) {
  return (unit.repository !== undefined ? config.units[`${unit.repository}/${unit.name}`] : undefined) ?? config.units[unit.name];
}

function usageLabel(u: UnitUsage): string {
  return `${u.source === 'cloudwatch' ? 'CloudWatch' : 'Prometheus'}, ${u.days} day${u.days === 1 ? '' : 's'}`;
}

/**
 * Cost inputs for one unit: the unit's own facts, then trigger defaults, then `defaults.<trigger>`, then measured
 * usage, then `units.<name>`.
 */
function inputsFor(unit: Unit, config: LambdaShiftConfig): { inputs: CostInputs; source: string; basis: UsageBasis } {
  const trigger: EventType | 'none' =
    unit.events[0]?.type ??
    (unit.workloadKind === 'CronJob' ? 'schedule' : isDeploymentKind(unit.workloadKind) && unit.containers?.some((c) => c.ports?.length) ? 'http' : 'none');
  const base = { ...TRIGGER_DEFAULTS[trigger] };
  const scheduled = trigger === 'schedule' || unit.workloadKind === 'Job' || unit.workloadKind === 'CronJob';
  if (trigger === 'schedule') {
    const runs = runsPerMonth(unit.events[0]?.detail ?? unit.schedule, config.rates.hoursPerMonth);
    if (runs) base.requestsPerMonth = runs;
    if (unit.timeoutSeconds) base.avgDurationMs = Math.min(base.avgDurationMs, (unit.timeoutSeconds * 1000) / 2);
  }
  let inputs: CostInputs;
  if (unit.kind === 'lambda-function') {
    // The deployed memory, when measurements came with it, sizes the pod too.
    const memoryMB = unit.usage?.memoryMB ?? unit.memoryMB ?? 128;
    inputs = {
      ...base,
      memoryMB,
      architecture: unit.architecture === 'arm64' ? 'arm64' : 'x86_64',
      provisionedConcurrency: 0,
      mode: scheduled ? 'scheduled' : 'always-on',
      minReplicas: scheduled ? 0 : 1,
      podCpu: Math.max(0.25, round(memoryMB / MB_PER_VCPU, 0.01)),
      podMemoryGiB: Math.max(0.5, round(memoryMB / 1024, 0.01)),
    };
  } else {
    const req = podRequests(unit);
    const podCpu = req.cpu ?? 0.25;
    const podMemoryGiB = req.memoryGiB ?? 0.5;
    inputs = {
      ...base,
      memoryMB: clamp(Math.ceil(Math.max(podMemoryGiB * 1024, podCpu * MB_PER_VCPU)), 128, 10_240),
      architecture: 'x86_64',
      provisionedConcurrency: 0,
      mode: scheduled ? 'scheduled' : 'always-on',
      minReplicas: scheduled ? 0 : (unit.replicas ?? 1),
      podCpu,
      podMemoryGiB,
    };
  }
  const fromTrigger = config.defaults[trigger];
  const fromUnit = unitOverrides(unit, config);
  const measured = measuredInputs(unit, config.rates, Object.keys(fromUnit ?? {}));
  inputs = { ...inputs, ...fromTrigger, ...measured.inputs, ...fromUnit };
  let source =
    fromUnit && Object.keys(fromUnit).length
      ? 'lambdashift.yaml'
      : fromTrigger && Object.keys(fromTrigger).length
        ? `lambdashift.yaml defaults for ${trigger}`
        : `defaults for ${trigger}`;
  if (measured.measured.length && unit.usage)
    source = `${measured.basis} (${usageLabel(unit.usage)}: ${measured.measured.join(', ')}); the rest from ${source}`;
  return { inputs, source, basis: measured.basis };
}

/**
 * Report findings. Concurrency (category `resource-limit`): a unit whose peak concurrency (measured, or peak RPS ×
 * duration) exceeds the account's Lambda concurrency, or whose measured ramp outpaces Lambda's scaling rate. The
 * timeout wall (`timeout-limit`): a function measured at 80% of its timeout or more. Returns the result with any
 * earlier such findings replaced, so it is idempotent.
 */
export function withReportFindings(result: AssessResult, config: LambdaShiftConfig = defaultConfig(), rules?: AnalyzeOptions['rules']): AssessResult {
  const extra: Finding[] = [];
  const rates = config.rates;
  for (const unit of result.units) {
    if (!keepsFinding(config.direction ?? 'both', concurrencyLimit.direction, [unit.kind])) continue;
    const { inputs } = inputsFor(unit, config);
    const check = usageConcurrency(unit, inputs, rates);
    if (!check.exceedsAccount && !check.burst?.exceeds) continue;
    const onLambda = unit.kind === 'lambda-function';
    const u = unit.usage;
    const data = {
      name: unit.name,
      need: Math.ceil(check.peakConcurrency).toLocaleString('en-US'),
      quota: rates.lambda.accountConcurrency.toLocaleString('en-US'),
      seconds: check.secondsToPeak,
      rps: check.basis === 'estimated' ? inputs.peakRps : +inputs.peakRps.toFixed(2),
      ms: inputs.avgDurationMs,
      days: u ? `${u.days} day${u.days === 1 ? '' : 's'}` : '',
      rise: check.burst ? Math.ceil(check.burst.rise).toLocaleString('en-US') : '',
      window: check.burst?.seconds ?? 0,
      rate: rates.lambda.scalingPer10s.toLocaleString('en-US'),
      allowed: check.burst ? Math.floor(check.burst.allowed).toLocaleString('en-US') : '',
    };
    const burst = check.burst?.exceeds ? formatMessage(BURST_CLAUSE, data) : '';
    const template = !check.exceedsAccount
      ? concurrencyLimit.messages.burst
      : check.basis === 'measured'
        ? concurrencyLimit.messages.exceedsMeasured
        : check.basis === 'derived'
          ? concurrencyLimit.messages.exceedsDerived
          : concurrencyLimit.messages.exceeds;
    // On Lambda already, the quota is a known constraint rather than a new risk of the move.
    extra.push(
      unitFinding(
        concurrencyLimit,
        formatMessage(template, { ...data, burst }),
        { file: unit.file, line: unit.line, unit: unit.name },
        onLambda ? 'info' : undefined,
      ),
    );
  }
  extra.push(...timeoutWallFindings(result.units));
  const findings = result.findings
    .filter((f) => f.ruleId !== CONCURRENCY_RULE_ID && f.ruleId !== TIMEOUT_WALL_RULE_ID)
    .concat(applySeverityOverrides(extra, rules));
  return { ...result, findings };
}

function eventLabel(e: Unit['events'][number]): string {
  return [e.type, e.detail].filter(Boolean).join(' ');
}

/**
 * The cheapest platform among those the unit can run on: where it runs today, and the other side unless its move there
 * is blocked (a blocked workload is not "cheaper on Lambda"). Fargate is Kubernetes (EKS) capacity.
 */
function cheapest(l: number, k: number, f: number | null, kind: Unit['kind'], verdict: Verdict): Platform {
  const lambda: [Platform, number | null][] = [['lambda', l]];
  const cluster: [Platform, number | null][] = [
    ['kubernetes', k],
    ['fargate', f],
  ];
  const here = kind === 'lambda-function' ? lambda : cluster;
  const there = kind === 'lambda-function' ? cluster : lambda;
  const options = verdict === 'blocked' ? here : [...here, ...there];
  let best = options[0];
  for (const o of options) if (o[1] !== null && best[1] !== null && o[1] < best[1]) best = o;
  return best[0];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Builds the report model. `config` supplies rates and per-unit inputs; pass the result of `parseConfig`. */
/**
 * The fleet's peak Lambda concurrency. Per-unit peaks happen at different times, so their sum overstates it; with the
 * account-wide measurement, the functions CloudWatch measured count as that one figure.
 */
function portfolioConcurrency(
  units: UnitRow[],
  account: AssessResult['accountUsage'],
): Pick<ReportModel['portfolio'], 'peakConcurrency' | 'concurrencyBasis' | 'accountPeakConcurrency'> {
  const all = units.reduce((s, r) => s + r.cost.concurrency.peakConcurrency, 0);
  if (!account) return { peakConcurrency: all, concurrencyBasis: 'sum' };
  const others = units.filter((r) => r.usage?.source !== 'cloudwatch').reduce((s, r) => s + r.cost.concurrency.peakConcurrency, 0);
  return { peakConcurrency: account.peakConcurrency + others, concurrencyBasis: 'account', accountPeakConcurrency: account.peakConcurrency };
}

export function buildReportModel(input: AssessResult, config: LambdaShiftConfig = defaultConfig(), rules?: AnalyzeOptions['rules']): ReportModel {
  const result = withReportFindings(input, config, rules);
  const rates = config.rates;
  const workloads = result.units.length;
  const nameCount = new Map<string, number>();
  for (const u of result.units) nameCount.set(u.name, (nameCount.get(u.name) ?? 0) + 1);
  const units: UnitRow[] = result.units.map((u, index) => {
    const direction = u.kind === 'lambda-function' ? 'to-kubernetes' : 'to-lambda';
    const verdict = (direction === 'to-kubernetes' ? u.readiness.toKubernetes : u.readiness.toLambda) ?? 'ready';
    // With --repos two repositories may hold units of one name: a finding belongs to the unit of its own repository.
    // Within one, findings carry the unit's name: where two units share one, only those in the unit's own files are its.
    const ambiguous = (nameCount.get(u.name) ?? 0) > 1;
    // Findings the join stamped with unit identities (src/core/identity.ts) belong to the units they name, whatever the name.
    const mine = result.findings.filter(
      (f) =>
        (f.unitIds
          ? ownsFinding(u, f, false)
          : f.unit === u.name &&
            (u.repository === undefined || f.file.startsWith(`${u.repository}/`) || f.file.startsWith('aws://')) &&
            (f.file.startsWith('aws://') || ownsFinding(u, f, ambiguous && u.repository === undefined))) &&
        (f.direction === direction || f.direction === 'both'),
    );
    const { inputs, source, basis } = inputsFor(u, config);
    const lambda = lambdaCost(inputs, rates);
    const cluster = measuredClusterCost(u, inputs, rates, workloads);
    const kubernetes = cluster?.kubernetes ?? kubernetesCost(inputs, rates, workloads);
    const fargate = cluster ? cluster.fargate : fargateCost(inputs, rates, workloads);
    const be = breakEven(inputs, rates, workloads);
    let estimate: UnitRow['estimate'];
    if (u.usage) {
      const est = inputsFor({ ...u, usage: undefined }, config).inputs;
      const el = lambdaCost(est, rates).total;
      const ek = kubernetesCost(est, rates, workloads).total;
      estimate = { lambda: el, kubernetes: ek, cheaper: ek < el ? 'kubernetes' : 'lambda' };
    }
    return {
      id: `u${index}`,
      name: u.name,
      kind: u.kind,
      ...(u.workloadKind ? { workloadKind: u.workloadKind } : {}),
      source: u.source,
      file: u.file,
      line: u.line,
      direction,
      verdict,
      effort: u.readiness.effort ?? (verdict === 'ready' ? 'S' : 'M'),
      blockers: mine.filter((f) => verdictOfFinding(f, direction) === 'blocked').length,
      warnings: mine.filter((f) => verdictOfFinding(f, direction) === 'changes').length,
      notes: mine.filter((f) => verdictOfFinding(f, direction) === 'ready').length,
      timeoutSeconds: u.timeoutSeconds ?? u.activeDeadlineSeconds,
      memoryMB: u.memoryMB,
      events: u.events.length ? u.events.map(eventLabel) : u.schedule ? [`schedule ${u.schedule}`] : [],
      decidedBy: u.decidedBy ?? [],
      describedIn: u.describedIn ?? [],
      codeFiles: u.codeFiles ?? (u.codeFile ? [u.codeFile] : []),
      ...(u.joinedBy ? { joinedBy: u.joinedBy } : {}),
      inputs,
      inputsSource: source,
      basis,
      ...(u.usage ? { usage: u.usage } : {}),
      ...(cluster ? { cluster: { utilisation: cluster.utilisation, ...(cluster.idleShare !== undefined ? { idleShare: cluster.idleShare } : {}) } } : {}),
      ...(estimate ? { estimate } : {}),
      ...(u.repository !== undefined ? { application: u.repository } : {}),
      cost: {
        lambda,
        kubernetes,
        fargate,
        cheapest: cheapest(lambda.total, kubernetes.total, fargate?.total ?? null, u.kind, verdict),
        breakEven: be,
        breakEvenCost: be.kind === 'at' ? lambdaCost({ ...inputs, requestsPerMonth: be.requestsPerMonth }, rates).total : null,
        concurrency: usageConcurrency(u, inputs, rates),
      },
      curve: costCurve(inputs, rates, workloads, be),
    };
  });

  const bySource = new Map<string, number>();
  for (const u of result.units) bySource.set(u.source, (bySource.get(u.source) ?? 0) + 1);
  const verdicts: ReportModel['summary']['verdicts'] = {
    'to-kubernetes': { ready: 0, changes: 0, blocked: 0 },
    'to-lambda': { ready: 0, changes: 0, blocked: 0 },
  };
  for (const row of units) verdicts[row.direction][row.verdict]++;
  const byCat = new Map<Category, FindingRow[]>();
  for (const f of result.findings) {
    const list = byCat.get(f.category) ?? [];
    list.push({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      direction: f.direction,
      file: f.file,
      line: f.line,
      column: f.column,
      message: f.message,
      ...(f.unit ? { unit: f.unit } : {}),
      helpUri: docsUrl(f.ruleId),
    });
    byCat.set(f.category, list);
  }
  const groups = [...byCat].map(([category, findings]) => ({
    category,
    findings: findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line),
  }));
  const count = (list: FindingRow[], s: Severity) => list.filter((f) => f.severity === s).length;
  groups.sort(
    (a, b) =>
      count(b.findings, 'error') - count(a.findings, 'error') ||
      count(b.findings, 'warning') - count(a.findings, 'warning') ||
      a.category.localeCompare(b.category),
  );
  // What blocks or changes a unit: a finding that counts for none (a build script no function's code reaches) moves
  // no verdict, so it is listed among the findings but not counted here.
  // Counted as the verdict counts them (verdictOfFinding): a retired runtime is an `error` but at most a change for the
  // move to Kubernetes, so it is no blocker there.
  const owned = (list: FindingRow[]) => list.filter((f) => f.unit !== undefined);
  const moveOf = new Map(units.map((r) => [r.name, r.direction]));
  const counted = (list: FindingRow[], v: 'blocked' | 'changes') =>
    owned(list).filter((f) => verdictOfFinding(f, moveOf.get(f.unit!) ?? (f.direction === 'to-lambda' ? 'to-lambda' : 'to-kubernetes')) === v).length;
  const topBlockers = groups
    .map((g) => ({ category: g.category, errors: counted(g.findings, 'blocked'), warnings: counted(g.findings, 'changes') }))
    .filter((g) => g.errors + g.warnings > 0)
    .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.category.localeCompare(b.category))
    .slice(0, 5);

  const cheaperOn: Record<Platform, string[]> = { lambda: [], kubernetes: [], fargate: [] };
  for (const row of units) cheaperOn[row.cost.cheapest].push(row.name);
  const sum = (pick: (r: UnitRow) => number) => units.reduce((s, r) => s + pick(r), 0);
  const applications = buildApplications(units);
  return {
    version: REPORT_MODEL_VERSION,
    tool: result.tool,
    stats: result.stats,
    summary: {
      units: units.length,
      bySource: [...bySource].map(([source, c]) => ({ source, count: c })).sort((a, b) => b.count - a.count || a.source.localeCompare(b.source)),
      verdicts,
      findings: {
        error: result.findings.filter((f) => f.severity === 'error').length,
        warning: result.findings.filter((f) => f.severity === 'warning').length,
        info: result.findings.filter((f) => f.severity === 'info').length,
      },
      topBlockers,
    },
    units,
    findings: groups,
    portfolio: {
      lambda: portfolioLambdaCost(
        units.map((r) => r.inputs),
        rates,
      ),
      kubernetes: sum((r) => r.cost.kubernetes.total),
      fargate: sum((r) => r.cost.fargate?.total ?? 0),
      cheaperOn,
      freeTier: rates.lambda.freeTier,
      ...portfolioConcurrency(units, result.accountUsage),
      accountConcurrency: rates.lambda.accountConcurrency,
    },
    split: buildSplit(units),
    ...(applications ? { applications } : {}),
    rates,
    errors: result.errors,
  };
}
