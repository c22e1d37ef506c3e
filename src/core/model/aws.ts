// Deployed Lambda functions (Lambda API response shapes) → units, findings on their deployed configuration, and the
// merge with workspace units (drift). Pure: the SDK calls live in src/cli/aws; this file only sees their results.
import { daysBetween, RETIRED_RUNTIMES, RUNTIME_TABLE, runtimeSuccessors } from './runtimes';
import { LAMBDA_MAX_TIMEOUT_SECONDS, timeoutLimit } from '../rules/iac/timeout-limit';
import { applySeverityOverrides } from '../engine';
import { awsDeprecatedRuntime, awsMemoryLimit, awsPackageSize, awsReservedConcurrencyZero, awsSqsBatch, awsDrift } from '../rules/aws';
import { formatMessage, unitFinding, type RuleMeta, type UnitAnchor } from '../rules/types';
import { computeReadiness } from '../report/verdict';
import type { AnalysisError, AssessResult, Finding, RuleSeverityOverride, Severity, Unit, UnitEvent } from '../types';

// ---------------------------------------------------------------------------------------------------------------
// Input shapes: the subset of the Lambda API reference fields we read. Structurally compatible with the SDK's types.

/** https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html */
export interface AwsFunctionConfig {
  FunctionName?: string;
  FunctionArn?: string;
  Runtime?: string;
  Handler?: string;
  Timeout?: number;
  MemorySize?: number;
  /** Bytes of the deployment package (zip); 0 or absent for container images. */
  CodeSize?: number;
  PackageType?: string;
  Architectures?: string[];
  EphemeralStorage?: { Size?: number };
  Layers?: { Arn?: string; CodeSize?: number }[];
  Role?: string;
  State?: string;
  LastModified?: string;
}

/** https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingConfiguration.html */
export interface AwsEventSourceMapping {
  UUID?: string;
  FunctionArn?: string;
  EventSourceArn?: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  ScalingConfig?: { MaximumConcurrency?: number };
  State?: string;
}

/** https://docs.aws.amazon.com/lambda/latest/api/API_FunctionUrlConfig.html */
export interface AwsFunctionUrl {
  FunctionUrl?: string;
  AuthType?: string;
  InvokeMode?: string;
}

/** Everything the inventory learnt about one function. `undefined` means "not known" (denied or failed call). */
export interface AwsFunctionRecord {
  config: AwsFunctionConfig;
  /** From GetFunction `Code.ImageUri` (container images only). */
  imageUri?: string;
  /** From GetFunctionConcurrency (or GetFunction `Concurrency`); `null` = no reservation, `undefined` = unknown. */
  reservedConcurrency?: number | null;
  eventSourceMappings?: AwsEventSourceMapping[];
  urls?: AwsFunctionUrl[];
  /** Human-readable facts that stayed unknown because a call was denied or failed. */
  unknown?: string[];
}

/** One denied call: which API, for which function (absent for account-wide calls), and what that leaves unknown. */
export interface AwsDenied {
  call: string;
  function?: string;
  leavesUnknown: string;
}

/** What `fetchAwsUnits` returns and what `mergeAwsIntoResult` consumes. */
export interface AwsInventory {
  region: string;
  units: Unit[];
  findings: Finding[];
  errors: AnalysisError[];
  denied: AwsDenied[];
}

export interface AwsAnalyzeOptions {
  region: string;
  /** ISO date (YYYY-MM-DD) the runtime deprecation check compares against; an input so results are reproducible. */
  today: string;
  rules?: Record<string, RuleSeverityOverride>;
}

/** Findings about deployed functions have no file; they point here, line 1 (documented in docs/inventory.md). */
export function awsFunctionFile(region: string, name: string): string {
  return `aws://lambda/${region}/${name}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The aws/* rules (metadata in src/core/rules/aws/) are checked here; `iac/timeout-limit` is reused so one rule id covers the limit
// whether it was read from a template or from the account.

// ---------------------------------------------------------------------------------------------------------------
// Runtime dates: the AWS runtime table as captured in the facts reference §1.6 (forecasts; AWS moves them).

interface RuntimeDates {
  deprecation: string;
  blockUpdate: string;
  successor: string;
}

/** The runtime to suggest: the newest supported one of its family. */
function successorOf(id: string): string {
  return runtimeSuccessors(id).pop() ?? 'a supported runtime';
}

// One source of truth for the dates: the model's runtime table (facts §1.6).
const RUNTIME_DATES: Record<string, RuntimeDates> = Object.fromEntries(
  Object.entries(RUNTIME_TABLE).map(([id, d]) => [id, { ...d, successor: successorOf(id) }]),
);

const SOON_DAYS = 180;

// ---------------------------------------------------------------------------------------------------------------
// Units

function functionNameFromArn(arn: string): string | undefined {
  // arn:aws:lambda:region:account:function:name[:qualifier]
  const parts = arn.split(':');
  return parts.length >= 7 && parts[5] === 'function' ? parts[6] : undefined;
}

function queueName(arn: string | undefined): string {
  if (!arn) return 'an unknown source';
  const last = arn.split(':').pop() ?? arn;
  return last || arn;
}

function eventTypeOf(sourceArn: string | undefined): UnitEvent['type'] {
  const service = sourceArn?.split(':')[2];
  switch (service) {
    case 'sqs':
      return 'sqs';
    case 'kinesis':
    case 'dynamodb':
    case 'kafka':
      return 'stream';
    default:
      return 'other';
  }
}

/** Turns one function record into a unit with `source: 'aws'`, file `aws://lambda/<region>/<name>`, line 1. */
export function awsToUnit(rec: AwsFunctionRecord, region: string): Unit {
  const c = rec.config;
  const name = c.FunctionName ?? (c.FunctionArn ? functionNameFromArn(c.FunctionArn) : undefined) ?? '(unnamed)';
  const events: UnitEvent[] = [];
  for (const m of rec.eventSourceMappings ?? []) {
    const type = eventTypeOf(m.EventSourceArn);
    const ev: UnitEvent = { type, detail: m.EventSourceArn ?? m.UUID };
    if (m.BatchSize !== undefined) ev.batchSize = m.BatchSize;
    if (m.MaximumBatchingWindowInSeconds) ev.maximumBatchingWindowInSeconds = m.MaximumBatchingWindowInSeconds;
    if (m.State) ev.state = m.State;
    // The queue's visibility timeout is not readable through the Lambda API; AWS asks for at least 6× the timeout.
    if (type === 'sqs' && c.Timeout !== undefined) ev.minVisibilityTimeoutSeconds = c.Timeout * 6;
    events.push(ev);
  }
  for (const u of rec.urls ?? []) {
    events.push({ type: 'http', detail: u.FunctionUrl, authType: u.AuthType, ...(u.InvokeMode ? { invokeMode: u.InvokeMode } : {}) });
  }
  const unit: Unit = { kind: 'lambda-function', name, file: awsFunctionFile(region, name), line: 1, source: 'aws', events, readiness: {} };
  if (c.Runtime) unit.runtime = c.Runtime;
  if (c.Handler) unit.handler = c.Handler;
  if (c.Timeout !== undefined) unit.timeoutSeconds = c.Timeout;
  if (c.MemorySize !== undefined) unit.memoryMB = c.MemorySize;
  if (c.EphemeralStorage?.Size !== undefined) unit.ephemeralStorageMB = c.EphemeralStorage.Size;
  if (c.Architectures?.length) unit.architecture = c.Architectures[0];
  if (c.Role) unit.role = c.Role;
  if (typeof rec.reservedConcurrency === 'number') unit.reservedConcurrency = rec.reservedConcurrency;
  const layers = (c.Layers ?? []).map((l) => l.Arn).filter((a): a is string => Boolean(a));
  if (layers.length) unit.layers = layers;
  if (c.PackageType === 'Zip' || c.PackageType === 'Image') unit.packageType = c.PackageType;
  if (rec.imageUri) unit.image = rec.imageUri;
  if (rec.unknown?.length) unit.unresolved = [...rec.unknown];
  return unit;
}

// ---------------------------------------------------------------------------------------------------------------
// Findings on deployed configuration

function at(region: string, unit: string): UnitAnchor {
  return { file: awsFunctionFile(region, unit), line: 1, unit };
}

function make(meta: RuleMeta, messageId: string, data: Record<string, string | number>, where: UnitAnchor, severity?: Severity): Finding {
  return unitFinding(meta, formatMessage(meta.messages[messageId], data), where, severity);
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
const PACKAGE_WARN_BYTES = 50 * MB;
const PACKAGE_INFO_BYTES = 25 * MB;
const LAMBDA_MAX_MEMORY_MB = 10_240;
const NEAR = 0.9;

const TIMEOUT_NEAR_MESSAGE =
  "Function {name} has a {timeout} s timeout, within 10% of Lambda's 900 s maximum: a little growth in its work gets it killed mid-run. Measure its longest runs and plan to split the work or run it as a Kubernetes Job with activeDeadlineSeconds.";

/** Findings on one deployed function's configuration. */
export function awsConfigFindings(rec: AwsFunctionRecord, opts: AwsAnalyzeOptions): Finding[] {
  const unit = awsToUnit(rec, opts.region);
  const name = unit.name;
  const where = at(opts.region, name);
  const out: Finding[] = [];
  const c = rec.config;

  if (c.Timeout !== undefined) {
    if (c.Timeout >= LAMBDA_MAX_TIMEOUT_SECONDS) {
      out.push(make(timeoutLimit.meta, 'atWall', { name, timeout: c.Timeout }, where));
    } else if (c.Timeout >= LAMBDA_MAX_TIMEOUT_SECONDS * NEAR) {
      out.push({
        ...make(timeoutLimit.meta, 'atWall', { name, timeout: c.Timeout }, where, 'info'),
        message: formatMessage(TIMEOUT_NEAR_MESSAGE, { name, timeout: c.Timeout }),
      });
    }
  }

  if (c.MemorySize !== undefined && c.MemorySize >= LAMBDA_MAX_MEMORY_MB * NEAR) {
    const cpu = Math.min(6, Math.round((c.MemorySize / 1769) * 10) / 10);
    if (c.MemorySize >= LAMBDA_MAX_MEMORY_MB) out.push(make(awsMemoryLimit, 'atMax', { name, memory: c.MemorySize, cpu }, where));
    else out.push(make(awsMemoryLimit, 'nearMax', { name, memory: c.MemorySize, cpu }, where, 'info'));
  }

  if (c.Runtime) {
    const dates = RUNTIME_DATES[c.Runtime];
    if (dates) {
      const data = { name, runtime: c.Runtime, deprecation: dates.deprecation, block: dates.blockUpdate, successor: dates.successor };
      if (opts.today >= dates.blockUpdate) out.push(make(awsDeprecatedRuntime, 'blocked', data, where, 'error'));
      else if (opts.today >= dates.deprecation) out.push(make(awsDeprecatedRuntime, 'deprecated', data, where));
      else if (daysBetween(opts.today, dates.deprecation) <= SOON_DAYS) out.push(make(awsDeprecatedRuntime, 'soon', data, where, 'info'));
    } else if (RETIRED_RUNTIMES.has(c.Runtime)) {
      out.push(make(awsDeprecatedRuntime, 'retired', { name, runtime: c.Runtime, successor: successorOf(c.Runtime) }, where));
    }
  }

  // Container images report no CodeSize; their size is not available through the Lambda API.
  if (c.PackageType !== 'Image' && c.CodeSize !== undefined) {
    const layerBytes = (c.Layers ?? []).reduce((s, l) => s + (l.CodeSize ?? 0), 0);
    const total = c.CodeSize + layerBytes;
    const data = { name, size: mb(total), code: mb(c.CodeSize), layers: mb(layerBytes) };
    if (total >= PACKAGE_WARN_BYTES) out.push(make(awsPackageSize, 'large', data, where));
    else if (total >= PACKAGE_INFO_BYTES) out.push(make(awsPackageSize, 'notable', data, where, 'info'));
  }

  if (rec.reservedConcurrency === 0) out.push(make(awsReservedConcurrencyZero, 'zero', { name }, where));

  for (const m of rec.eventSourceMappings ?? []) {
    if (eventTypeOf(m.EventSourceArn) !== 'sqs' || m.State === 'Disabled') continue;
    const data = { name, queue: queueName(m.EventSourceArn), uuid: m.UUID ?? '(unknown id)' };
    const batch = m.BatchSize ?? 10;
    if (batch > 1 && !(m.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures')) {
      out.push(make(awsSqsBatch, 'wholeBatch', { ...data, batch }, where));
    }
    const max = m.ScalingConfig?.MaximumConcurrency;
    if (max !== undefined && typeof rec.reservedConcurrency === 'number' && rec.reservedConcurrency > 0 && max > rec.reservedConcurrency) {
      out.push(make(awsSqsBatch, 'overReserved', { ...data, max, reserved: rec.reservedConcurrency }, where));
    }
  }
  return applySeverityOverrides(out, opts.rules);
}

/** Units and configuration findings for every fetched function, in a stable order. */
export function analyzeAwsFunctions(records: AwsFunctionRecord[], opts: AwsAnalyzeOptions): { units: Unit[]; findings: Finding[] } {
  const sorted = [...records].sort((a, b) => (a.config.FunctionName ?? '').localeCompare(b.config.FunctionName ?? ''));
  const units = sorted.map((r) => awsToUnit(r, opts.region));
  const findings = sorted.flatMap((r) => awsConfigFindings(r, opts));
  for (const u of units) u.readiness = computeReadiness(u, findings);
  return { units, findings };
}

// ---------------------------------------------------------------------------------------------------------------
// Merge with the workspace

export interface AwsMatch {
  aws: Unit;
  workspace: Unit;
  /** How they were paired: the same name, a CloudFormation-generated physical name, or a Serverless `service-stage-fn` name. */
  by: 'name' | 'arn' | 'cloudformation-name' | 'serverless-name';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How an AWS function name relates to a workspace unit's declared name, if it does. */
function relation(awsName: string, ws: Unit): AwsMatch['by'] | undefined {
  if (ws.name === awsName || ws.functionName === awsName) return 'name';
  if (ws.name.startsWith('arn:') && functionNameFromArn(ws.name) === awsName) return 'arn';
  // CloudFormation names functions without FunctionName `<stack>-<LogicalId>-<random suffix>`.
  if (
    (ws.source === 'sam' || ws.source === 'cloudformation' || ws.source === 'cdk') &&
    new RegExp(`^.+-${escapeRegExp(ws.name)}-[A-Za-z0-9]{6,}$`).test(awsName)
  )
    return 'cloudformation-name';
  // The Serverless Framework deploys `<service>-<stage>-<function key>`.
  if (ws.source === 'serverless' && new RegExp(`^.+-.+-${escapeRegExp(ws.name)}$`).test(awsName)) return 'serverless-name';
  return undefined;
}

const STRENGTH: Record<AwsMatch['by'], number> = { name: 0, arn: 0, 'cloudformation-name': 1, 'serverless-name': 1 };

/**
 * Pairs AWS units with workspace Lambda units (exact name or ARN first, then generated-name patterns). A pattern that
 * fits several workspace units is ambiguous: the function is left unpaired but is not called "missing from IaC".
 */
export function matchAwsUnits(workspaceUnits: Unit[], awsUnits: Unit[]): { matches: AwsMatch[]; unmatched: Unit[]; ambiguous: Unit[] } {
  const candidates = workspaceUnits.filter((u) => u.kind === 'lambda-function' && u.source !== 'aws');
  const matches: AwsMatch[] = [];
  const unmatched: Unit[] = [];
  const ambiguous: Unit[] = [];
  for (const a of awsUnits) {
    const rel = candidates.map((w) => ({ w, by: relation(a.name, w) })).filter((x): x is { w: Unit; by: AwsMatch['by'] } => x.by !== undefined);
    if (!rel.length) {
      unmatched.push(a);
      continue;
    }
    const best = Math.min(...rel.map((r) => STRENGTH[r.by]));
    const top = rel.filter((r) => STRENGTH[r.by] === best);
    if (top.length === 1) matches.push({ aws: a, workspace: top[0].w, by: top[0].by });
    else ambiguous.push(a);
  }
  return { matches, unmatched, ambiguous };
}

function driftAt(ws: Unit): UnitAnchor {
  return { file: ws.file, line: ws.line, unit: ws.name };
}

/**
 * Merges deployed units into the workspace's: paired functions stay represented by their workspace unit, and every
 * difference in timeout, memory or runtime becomes a drift finding at the declaration; unpaired functions join the
 * list as `source: 'aws'` units with a "not in IaC" finding.
 */
export function mergeAwsUnits(workspaceUnits: Unit[], awsUnits: Unit[]): { units: Unit[]; driftFindings: Finding[]; matches: AwsMatch[] } {
  const { matches, unmatched, ambiguous } = matchAwsUnits(workspaceUnits, awsUnits);
  const driftFindings: Finding[] = [];
  for (const { aws, workspace } of matches) {
    const fields: [string, unknown, unknown, string][] = [
      ['timeout', aws.timeoutSeconds, workspace.timeoutSeconds, ' s'],
      ['memory', aws.memoryMB, workspace.memoryMB, ' MB'],
      ['runtime', aws.runtime, workspace.runtime, ''],
    ];
    for (const [field, deployed, declared, unitSuffix] of fields) {
      // Unknown on either side (unresolved parameter, denied call) is not drift.
      if (deployed === undefined || declared === undefined || deployed === declared) continue;
      driftFindings.push(
        make(
          awsDrift,
          'field',
          { name: aws.name, field, deployed: `${String(deployed)}${unitSuffix}`, declared: `${String(declared)}${unitSuffix}`, file: workspace.file },
          driftAt(workspace),
        ),
      );
    }
  }
  for (const a of unmatched) {
    const region = a.file.split('/')[3] ?? '';
    driftFindings.push(make(awsDrift, 'notInIac', { name: a.name, region }, { file: a.file, line: 1, unit: a.name }, 'info'));
  }
  return { units: [...workspaceUnits, ...unmatched, ...ambiguous], driftFindings, matches };
}

/** Human-readable lines for denied calls, e.g. for the contract's `errors`. */
function deniedMessage(d: AwsDenied): string {
  return `${d.call} was denied${d.function ? ` for ${d.function}` : ' (account-wide)'}; unknown as a result: ${d.leavesUnknown}. Grant lambda:${d.call} (see docs/inventory.md) to fill it in.`;
}

/**
 * Folds an AWS inventory into a workspace assessment (`assess --include-aws`): merged units, configuration findings
 * re-attributed to the paired workspace unit, drift findings, denied calls and fetch errors as `errors`, and verdicts
 * recomputed.
 */
export function mergeAwsIntoResult(result: AssessResult, inv: AwsInventory, rules?: Record<string, RuleSeverityOverride>): AssessResult {
  const { units, driftFindings, matches } = mergeAwsUnits(result.units, inv.units);
  const rename = new Map(matches.map((m) => [m.aws.name, m.workspace.name]));
  const awsFindings = inv.findings.map((f) => (f.unit && rename.has(f.unit) ? { ...f, unit: rename.get(f.unit) } : f));
  const findings = [...result.findings, ...awsFindings, ...applySeverityOverrides(driftFindings, rules)].sort((x, y) =>
    x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column || x.ruleId.localeCompare(y.ruleId),
  );
  const merged = units.map((u) => ({ ...u, readiness: computeReadiness(u, findings) }));
  const errors: AnalysisError[] = [
    ...result.errors,
    ...inv.errors,
    ...inv.denied.map((d) => ({ file: d.function ? awsFunctionFile(inv.region, d.function) : `aws://lambda/${inv.region}`, message: deniedMessage(d) })),
  ];
  return { ...result, findings, units: merged, errors };
}
