// Measured usage of deployed Lambda functions from CloudWatch (`assess --include-aws --metrics`). One GetMetricData
// call asks for up to 500 metric queries (7 per function), paginated with NextToken; credentials, profile, region and
// endpoint are the inventory's. A denied or failed call never stops the assessment: the functions it covered stay on
// the estimate and the call is reported. Metrics: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
// API: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AnalysisError } from '../../core/types';
import { steepestRise, type UnitUsage } from '../../core/usage';
import { clientConfig, isAbort, readSdkFailure, type AwsConnection } from '../aws/sdk';

interface LambdaMetricsTarget {
  /** The deployed function name (the `FunctionName` dimension). */
  functionName: string;
  timeoutSeconds?: number;
  memoryMB?: number;
}

export interface LambdaMetricsOptions extends AwsConnection {
  signal?: AbortSignal;
  functions: LambdaMetricsTarget[];
  /** Length of the window in days (default 14). */
  days?: number;
  /** End of the window (default: now), rounded down to the period. */
  end?: Date;
  /** Resolution of the invocation and concurrency series (default 300 s; 3600 s for windows over 63 days). */
  periodSeconds?: number;
  /** Metric queries per GetMetricData call (at most 500, the API's limit). */
  queriesPerCall?: number;
  onProgress?(p: { done: number; total: number; message: string }): void;
  /** Also read the account-wide ConcurrentExecutions (default true). */
  account?: boolean;
}

export interface LambdaMetricsResult {
  /** By function name. */
  usage: Map<string, UnitUsage>;
  errors: AnalysisError[];
  /** GetMetricData was denied: nothing could be measured. */
  denied: boolean;
  /** GetMetricData requests made that returned data (pages), for tests and progress. */
  pages: number;
  /** The account-level `ConcurrentExecutions` maximum (no FunctionName dimension), when it could be read. */
  account?: { source: 'cloudwatch'; peakConcurrency: number; from: string; to: string; days: number };
}

/** Queries per function, in this order; `series` ones at the period's resolution, the others over the whole window. */
const QUERIES = [
  { key: 'inv', metric: 'Invocations', stat: 'Sum', series: true },
  { key: 'conc', metric: 'ConcurrentExecutions', stat: 'Maximum', series: true },
  { key: 'avg', metric: 'Duration', stat: 'Average', series: false },
  { key: 'p99', metric: 'Duration', stat: 'p99', series: false },
  { key: 'max', metric: 'Duration', stat: 'Maximum', series: false },
  { key: 'thr', metric: 'Throttles', stat: 'Sum', series: false },
  { key: 'err', metric: 'Errors', stat: 'Sum', series: false },
] as const;
type QueryKey = (typeof QUERIES)[number]['key'];

const MAX_QUERIES_PER_CALL = 500;
class MetricsAborted extends Error {
  constructor() {
    super('CloudWatch metrics cancelled');
    this.name = 'AbortError';
  }
}

/** A failed GetMetricData call as a sentence naming the call and what it leaves unknown; never echoes credentials. */
function describe(e: unknown, subject: string, endpoint: string): { denied: boolean; message: string } {
  const { name, status, raw, denied, badCredentials, unreachable } = readSdkFailure(e);
  if (denied) {
    return {
      denied: true,
      message: `GetMetricData was denied: the usage of ${subject} is unknown and stays on the estimate. Grant cloudwatch:GetMetricData (README, "Measured usage") to measure it.`,
    };
  }
  if (badCredentials) {
    return {
      denied: false,
      message: `GetMetricData for ${subject} could not authenticate (${name}): no usable AWS credentials. Pass --profile <name>, set AWS_PROFILE, or sign in (aws sso login).`,
    };
  }
  if (unreachable) {
    return {
      denied: false,
      message: `GetMetricData for ${subject} could not reach ${endpoint} (${raw}). Check the region, --endpoint-url and your network; those functions stay on the estimate.`,
    };
  }
  return {
    denied: false,
    message: `GetMetricData for ${subject} failed${status ? ` with HTTP ${status}` : ''} (${name}: ${raw}); those functions stay on the estimate. Retry later.`,
  };
}

interface Series {
  timestamps: number[];
  values: number[];
  status?: string;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One function's figures from its seven result series. */
function toUsage(t: LambdaMetricsTarget, got: Map<QueryKey, Series>, window: { from: string; to: string; days: number; period: number }): UnitUsage {
  const notes: string[] = [];
  const values = (k: QueryKey) => got.get(k)?.values ?? [];
  const sum = (k: QueryKey) => values(k).reduce((s, v) => s + v, 0);
  const max = (k: QueryKey) => (values(k).length ? Math.max(...values(k)) : undefined);
  for (const [k, s] of got)
    if (s.status && s.status !== 'Complete')
      notes.push(`CloudWatch answered ${s.status} for ${QUERIES.find((q) => q.key === k)!.metric} ${QUERIES.find((q) => q.key === k)!.stat}`);
  const inv = got.get('inv');
  const requests = sum('inv');
  if (!inv?.values.length) notes.push(`no Invocations datapoints in the last ${window.days} days: counted as no traffic`);
  const peakRps = inv?.values.length ? max('inv')! / window.period : undefined;
  // A whole-window statistic comes back as one datapoint; should CloudWatch split the window, average the parts.
  const avg = values('avg').length ? values('avg').reduce((s, v) => s + v, 0) / values('avg').length : undefined;
  const usage: UnitUsage = {
    source: 'cloudwatch',
    subject: t.functionName,
    from: window.from,
    to: window.to,
    days: window.days,
    requests: Math.round(requests),
    stepSeconds: window.period,
    ...(peakRps !== undefined ? { peakRps: round(peakRps, 4) } : {}),
  };
  const durationMs: NonNullable<UnitUsage['durationMs']> = {};
  if (avg !== undefined) durationMs.avg = round(avg, 1);
  if (max('p99') !== undefined) durationMs.p99 = round(max('p99')!, 1);
  if (max('max') !== undefined) durationMs.max = round(max('max')!, 1);
  if (Object.keys(durationMs).length) usage.durationMs = durationMs;
  const conc = got.get('conc');
  const pairs = (s: Series | undefined): [number, number][] => (s ? s.timestamps.map((ts, i) => [ts, s.values[i]]) : []);
  if (conc?.values.length) {
    usage.peakConcurrency = max('conc');
    const ramp = steepestRise(pairs(conc), window.period);
    if (ramp) usage.ramp = ramp;
  } else if (inv?.values.length && avg !== undefined) {
    // No per-function ConcurrentExecutions series: Little's law on the busiest period instead.
    usage.peakConcurrency = round(((max('inv')! / window.period) * avg) / 1000, 3);
    usage.concurrencyDerived = true;
    const ramp = steepestRise(
      pairs(inv).map(([ts, v]) => [ts, ((v / window.period) * avg) / 1000]),
      window.period,
    );
    if (ramp) usage.ramp = ramp;
    notes.push('no ConcurrentExecutions datapoints for this function: peak concurrency derived from invocations × average duration');
  }
  if (got.has('thr')) usage.throttles = Math.round(sum('thr'));
  if (got.has('err')) usage.errors = Math.round(sum('err'));
  if (t.timeoutSeconds !== undefined) usage.timeoutSeconds = t.timeoutSeconds;
  if (t.memoryMB !== undefined) usage.memoryMB = t.memoryMB;
  if (notes.length) usage.notes = notes;
  return usage;
}

/**
 * The account's peak concurrency: `ConcurrentExecutions` Maximum without a FunctionName dimension, which Lambda
 * publishes for the whole account (every function at once), unlike the sum of per-function maxima that happened at
 * different times. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-concurrency.html
 */
async function accountConcurrency(
  client: CloudWatchClient,
  w: { start: Date; end: Date; period: number; signal?: AbortSignal },
): Promise<{ peak?: number; error?: unknown }> {
  let peak: number | undefined;
  let token: string | undefined;
  const seen = new Set<string>();
  try {
    do {
      const res = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: 'account_conc',
              MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions' }, Period: w.period, Stat: 'Maximum' },
              ReturnData: true,
            },
          ],
          StartTime: w.start,
          EndTime: w.end,
          NextToken: token,
          ScanBy: 'TimestampAscending',
        }),
        { abortSignal: w.signal },
      );
      for (const r of res.MetricDataResults ?? []) for (const v of r.Values ?? []) if (Number.isFinite(v)) peak = peak === undefined ? v : Math.max(peak, v);
      token = res.NextToken || undefined;
      if (token && seen.has(token)) token = undefined;
      if (token) seen.add(token);
    } while (token);
  } catch (e) {
    if (isAbort(e, w.signal)) throw new MetricsAborted();
    return { error: e };
  }
  return { peak };
}

/**
 * Reads 14 days (or `days`) of Invocations, Duration (average, p99, maximum), ConcurrentExecutions, Throttles and
 * Errors per function. Rejects only when `signal` aborts.
 */
export async function fetchLambdaMetrics(opts: LambdaMetricsOptions): Promise<LambdaMetricsResult> {
  const days = opts.days ?? 14;
  const windowSeconds = Math.round(days * 86_400);
  const period = opts.periodSeconds ?? (days > 63 ? 3600 : 300);
  const endMs = Math.floor((opts.end ?? new Date()).getTime() / 1000 / period) * period * 1000;
  const start = new Date(endMs - windowSeconds * 1000);
  const end = new Date(endMs);
  const window = { from: start.toISOString(), to: end.toISOString(), days, period };
  const perCall = Math.max(QUERIES.length, Math.min(MAX_QUERIES_PER_CALL, opts.queriesPerCall ?? MAX_QUERIES_PER_CALL));
  const perBatch = Math.floor(perCall / QUERIES.length);
  const names = [...new Set(opts.functions.map((f) => f.functionName))];
  const byName = new Map(opts.functions.map((f) => [f.functionName, f]));
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += perBatch) batches.push(names.slice(i, i + perBatch));
  const result: LambdaMetricsResult = { usage: new Map(), errors: [], denied: false, pages: 0 };
  if (!names.length) return result;
  // GetMetricData has its own TPS quota: the adaptive retry backs off and rate-limits on Throttling.
  const client = new CloudWatchClient(clientConfig(opts, 60_000));
  const endpoint = opts.endpointUrl ?? `https://monitoring.${opts.region}.amazonaws.com`;
  const file = `aws://cloudwatch/${opts.region}`;
  try {
    for (let b = 0; b < batches.length; b++) {
      if (opts.signal?.aborted) throw new MetricsAborted();
      const batch = batches[b];
      opts.onProgress?.({ done: b, total: batches.length, message: `GetMetricData for ${batch.length} function${batch.length === 1 ? '' : 's'}` });
      const queries: MetricDataQuery[] = [];
      batch.forEach((fn, i) => {
        for (const q of QUERIES) {
          queries.push({
            Id: `f${i}_${q.key}`,
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: q.metric, Dimensions: [{ Name: 'FunctionName', Value: fn }] },
              Period: q.series ? period : windowSeconds,
              Stat: q.stat,
            },
            ReturnData: true,
          });
        }
      });
      const got = new Map<string, Series>();
      const subject =
        batch.length === 1 ? `function ${batch[0]}` : `${batch.length} functions (${batch.slice(0, 3).join(', ')}${batch.length > 3 ? ', …' : ''})`;
      let token: string | undefined;
      const seen = new Set<string>();
      let failed: { denied: boolean; message: string } | undefined;
      do {
        try {
          const res = await client.send(
            new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, NextToken: token, ScanBy: 'TimestampAscending' }),
            { abortSignal: opts.signal },
          );
          result.pages++;
          for (const r of res.MetricDataResults ?? []) {
            if (!r.Id) continue;
            const s = got.get(r.Id) ?? { timestamps: [], values: [] };
            (r.Timestamps ?? []).forEach((ts, i) => {
              const v = r.Values?.[i];
              if (v === undefined || !Number.isFinite(v)) return;
              s.timestamps.push(ts.getTime() / 1000);
              s.values.push(v);
            });
            // The last page's status is the one that counts (PartialData means "more on the next page").
            s.status = r.StatusCode;
            got.set(r.Id, s);
          }
          token = res.NextToken || undefined;
          if (token && seen.has(token)) {
            result.errors.push({
              file,
              message: `GetMetricData returned the same NextToken twice for ${subject}; stopped paging to avoid a loop. Their figures may be incomplete.`,
            });
            token = undefined;
          }
          if (token) seen.add(token);
        } catch (e) {
          if (isAbort(e, opts.signal)) throw new MetricsAborted();
          failed = describe(e, subject, endpoint);
          break;
        }
      } while (token);
      if (failed) {
        // A batch that failed half-way would under-count its sums: nothing of it is used.
        if (failed.denied) {
          result.denied = true;
          result.errors.push({
            file,
            message: `GetMetricData was denied: the usage of all ${names.length} function${names.length === 1 ? '' : 's'} is unknown and stays on the estimate. Grant cloudwatch:GetMetricData (README, "Measured usage") to measure them.`,
          });
          break;
        }
        result.errors.push({ file, message: failed.message });
        continue;
      }
      batch.forEach((fn, i) => {
        const mine = new Map<QueryKey, Series>();
        for (const q of QUERIES) {
          const s = got.get(`f${i}_${q.key}`);
          if (s) mine.set(q.key, s);
        }
        result.usage.set(fn, toUsage(byName.get(fn)!, mine, window));
      });
    }
    if (opts.account !== false && !result.denied) {
      if (opts.signal?.aborted) throw new MetricsAborted();
      const acct = await accountConcurrency(client, { start, end, period, signal: opts.signal });
      if (acct.error) {
        const d = describe(acct.error, "the account's ConcurrentExecutions", endpoint);
        result.errors.push({
          file,
          message: `The account-wide ConcurrentExecutions (no FunctionName dimension) could not be read${d.denied ? ': GetMetricData was denied for it' : ` (${d.message})`}. The fleet's peak concurrency is the sum of each function's peak instead, an upper bound (peaks rarely coincide).`,
        });
      } else if (acct.peak === undefined) {
        result.errors.push({
          file,
          message: `No account-level ConcurrentExecutions datapoints in the last ${days} days: the fleet's peak concurrency is the sum of each function's peak instead, an upper bound.`,
        });
      } else {
        result.account = { source: 'cloudwatch', peakConcurrency: acct.peak, from: window.from, to: window.to, days };
      }
    }
    opts.onProgress?.({ done: batches.length, total: batches.length, message: `${result.usage.size} functions measured` });
    return result;
  } finally {
    client.destroy();
  }
}
