// Measured usage of Kubernetes workloads from Prometheus (`assess --prometheus-url`), through its HTTP API
// (`/api/v1/query_range`, https://prometheus.io/docs/prometheus/latest/querying/api/) with Node's fetch. Five range
// queries per workload (request rate, latency, CPU, memory, replicas); each failure is that query's alone: the
// figures it would have given stay on the estimate, with a note on the unit. The bearer token is sent, never shown.
import type { AnalysisError } from '../../core/types';
import { PROMETHEUS_QUERY_KEYS, renderQuery, steepestRise, type PrometheusQueryKey, type UnitUsage, type WorkloadTarget } from '../../core/usage';

export interface PrometheusOptions {
  /** Base URL of the Prometheus server (a path prefix such as /prometheus is kept). */
  url: string;
  /** Bearer token; only ever sent in the Authorization header. */
  token?: string;
  /** How to name where the token came from in messages, e.g. `$PROM_TOKEN (--prometheus-token-env)`. */
  tokenSource?: string;
  targets: WorkloadTarget[];
  /** Length of the window in days (default 14). */
  days?: number;
  /** End of the window (default: now), rounded down to the step. */
  end?: Date;
  /** Resolution in seconds (default: the smallest multiple of 60 s that keeps a series under 10,000 points). */
  stepSeconds?: number;
  /** Queries in flight at once (default 4). */
  concurrency?: number;
  /** Per-query timeout in ms (default 30,000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?(p: { done: number; total: number; message: string }): void;
}

export interface PrometheusResult {
  /** By target key. */
  usage: Map<string, UnitUsage>;
  errors: AnalysisError[];
  queries: number;
  failed: number;
}

type Matrix = { metric: Record<string, string>; values: [number, string][] }[];
type Answer = { ok: true; matrix: Matrix } | { ok: false; message: string; unreachable?: boolean };

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The step for a window: at least 60 s, a multiple of 60 s, under Prometheus' 11,000 points per series. */
export function defaultStep(windowSeconds: number): number {
  return Math.max(60, Math.ceil(windowSeconds / 10_000 / 60) * 60);
}

function endpointOf(base: string): URL {
  const u = new URL(base);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return new URL('api/v1/query_range', u);
}

/** A message with the token (should a server echo it) and control characters removed, cut to a sensible length. */
function clean(text: string, token: string | undefined): string {
  let t = text;
  if (token) t = t.split(token).join('***');
  return t
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 240);
}

async function queryRange(opts: PrometheusOptions, query: string, start: number, end: number, step: number): Promise<Answer> {
  const url = endpointOf(opts.url);
  url.searchParams.set('query', query);
  url.searchParams.set('start', String(start));
  url.searchParams.set('end', String(end));
  url.searchParams.set('step', String(step));
  const signals = [AbortSignal.timeout(opts.timeoutMs ?? 30_000), ...(opts.signal ? [opts.signal] : [])];
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json', ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}) },
      signal: AbortSignal.any(signals),
    });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why =
      err.name === 'TimeoutError' ? `no answer within ${(opts.timeoutMs ?? 30_000) / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, unreachable: err.name !== 'TimeoutError', message: `could not reach Prometheus at ${url.origin} (${clean(String(why), opts.token)})` };
  }
  const text = await res.text().catch(() => '');
  let body: { status?: string; errorType?: string; error?: string; data?: { resultType?: string; result?: Matrix } } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (res.status === 401 || res.status === 403) {
    return {
      ok: false,
      unreachable: true,
      message: `Prometheus refused the query (HTTP ${res.status})${opts.tokenSource ? `: check the token in ${opts.tokenSource}` : ': pass a token with --prometheus-token-env'}`,
    };
  }
  if (!body || typeof body !== 'object') {
    return {
      ok: false,
      message: `the answer (HTTP ${res.status}) is not Prometheus API JSON; check that --prometheus-url is the Prometheus server (or its API prefix)`,
    };
  }
  if (body.status !== 'success') {
    return {
      ok: false,
      message: `Prometheus answered HTTP ${res.status}${body.errorType ? ` ${clean(body.errorType, opts.token)}` : ''}: ${clean(body.error ?? 'no error text', opts.token)}`,
    };
  }
  if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
    return {
      ok: false,
      message: `the query gave a ${body.data?.resultType ?? 'missing'} result, not a range (matrix); it must be an instant-vector expression`,
    };
  }
  return { ok: true, matrix: body.data.result };
}

/** Values of all series added up per timestamp (the queries aggregate to one series; extra series are summed). */
function summed(m: Matrix): [number, number][] {
  const at = new Map<number, number>();
  for (const s of m) {
    for (const [t, v] of s.values ?? []) {
      const n = Number(v);
      if (!Number.isFinite(n)) continue;
      at.set(t, (at.get(t) ?? 0) + n);
    }
  }
  return [...at].sort((a, b) => a[0] - b[0]);
}

const mean = (p: [number, number][]) => p.reduce((s, [, v]) => s + v, 0) / p.length;
const peak = (p: [number, number][]) => Math.max(...p.map(([, v]) => v));

const LABEL: Record<PrometheusQueryKey, string> = { requestRate: 'request rate', latency: 'latency', cpu: 'CPU', memory: 'memory', replicas: 'replicas' };
const CONSEQUENCE: Record<PrometheusQueryKey, string> = {
  requestRate: 'traffic stays on the estimate',
  latency: 'duration stays on the estimate',
  cpu: 'the pods are charged for their CPU requests only',
  memory: 'the pods are charged for their memory requests only',
  replicas: 'the Kubernetes cost stays on the estimate',
};

/** One workload's usage from its five answers. */
function toUsage(
  t: WorkloadTarget,
  answers: Map<PrometheusQueryKey, Answer>,
  window: { from: string; to: string; days: number; seconds: number; step: number },
): UnitUsage {
  const notes: string[] = [];
  const base: UnitUsage = { source: 'prometheus', subject: `${t.namespace}/${t.workload}`, from: window.from, to: window.to, days: window.days };
  /** The workload's usage with nothing measured, and why. */
  const unmeasured = (note: string): UnitUsage => ({ ...base, notes: [note] });
  const failures = [...answers.values()].filter((a): a is Extract<Answer, { ok: false }> => !a.ok);
  if (failures.length === PROMETHEUS_QUERY_KEYS.length && new Set(failures.map((f) => f.message)).size === 1) {
    // The server never answered: one note, not five.
    return unmeasured(`not measured: ${failures[0].message}`);
  }
  const empty = [...answers.values()].every((a) => a.ok && a.matrix.every((m) => !m.values?.length));
  if (answers.size === PROMETHEUS_QUERY_KEYS.length && empty) {
    return unmeasured(
      `no series for ${t.namespace}/${t.workload} (pods ${t.pod}) in the window: it stays on the estimate (not running, or its pods are named otherwise: set metrics.prometheus.units.${t.unit}.pod or .workload in lambdashift.yaml)`,
    );
  }
  const points = (k: PrometheusQueryKey): [number, number][] | undefined => {
    const a = answers.get(k);
    if (!a) return undefined;
    if (!a.ok) {
      notes.push(`${LABEL[k]} query failed (${a.message}): ${CONSEQUENCE[k]}`);
      return undefined;
    }
    const p = k === 'latency' && a.matrix.length > 1 ? summed(a.matrix.slice(0, 1)) : summed(a.matrix);
    if (k === 'latency' && a.matrix.length > 1) notes.push(`the latency query returned ${a.matrix.length} series; the first was used`);
    if (!p.length) {
      notes.push(
        `the ${LABEL[k]} query returned no data for ${t.namespace}/${t.workload}: ${CONSEQUENCE[k]}${k === 'requestRate' ? ` (set metrics.prometheus.queries.requestRate, or metrics.prometheus.units.${t.unit}.requestRate, in lambdashift.yaml)` : ''}`,
      );
      return undefined;
    }
    return p;
  };
  const usage: UnitUsage = { ...base, stepSeconds: window.step };
  const expected = Math.floor(window.seconds / window.step) + 1;
  const rr = points('requestRate');
  if (rr) {
    const avg = mean(rr);
    usage.requests = Math.round(avg * window.seconds);
    usage.peakRps = round(peak(rr), 4);
    const coverage = rr.length / expected;
    if (coverage < 0.9) notes.push(`request-rate samples cover ${Math.round(coverage * 100)}% of the window; the rate is averaged over the samples there are`);
  }
  const lat = points('latency');
  if (lat) {
    const rps = new Map(rr ?? []);
    let weighted = 0;
    let weight = 0;
    const conc: [number, number][] = [];
    for (const [ts, seconds] of lat) {
      const r = rps.get(ts);
      if (r === undefined) continue;
      weighted += seconds * r;
      weight += r;
      conc.push([ts, r * seconds]);
    }
    const avgSeconds = weight > 0 ? weighted / weight : mean(lat);
    usage.durationMs = { avg: round(avgSeconds * 1000, 1) };
    if (conc.length) {
      usage.peakConcurrency = round(peak(conc), 3);
      usage.concurrencyDerived = true;
      const ramp = steepestRise(conc, window.step);
      if (ramp) usage.ramp = ramp;
    }
  }
  const cpu = points('cpu');
  if (cpu) usage.cpuCores = { avg: round(mean(cpu), 4), peak: round(peak(cpu), 4) };
  const mem = points('memory');
  if (mem) usage.memoryBytes = { avg: Math.round(mean(mem)), peak: Math.round(peak(mem)) };
  const rep = points('replicas');
  if (rep) usage.replicas = { avg: round(mean(rep), 3), min: Math.min(...rep.map(([, v]) => v)), max: peak(rep) };
  if (notes.length) usage.notes = notes;
  return usage;
}

/** Runs every workload's queries, at most `concurrency` at once. Rejects only when `signal` aborts. */
export async function fetchWorkloadMetrics(opts: PrometheusOptions): Promise<PrometheusResult> {
  const days = opts.days ?? 14;
  const seconds = Math.round(days * 86_400);
  const step = opts.stepSeconds ?? defaultStep(seconds);
  const end = Math.floor((opts.end ?? new Date()).getTime() / 1000 / step) * step;
  const start = end - seconds;
  // The rate window spans at least one step, so consecutive samples cover the window between them.
  const range = Math.max(300, step);
  const window = { from: new Date(start * 1000).toISOString(), to: new Date(end * 1000).toISOString(), days, seconds, step };
  const tasks = opts.targets.flatMap((t) => PROMETHEUS_QUERY_KEYS.map((k) => ({ t, k })));
  const answers = new Map<string, Map<PrometheusQueryKey, Answer>>();
  const result: PrometheusResult = { usage: new Map(), errors: [], queries: 0, failed: 0 };
  let unreachable: string | undefined;
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const { t, k } = tasks[next++];
      let a: Answer;
      if (unreachable) a = { ok: false, message: unreachable };
      else {
        a = await queryRange(opts, renderQuery(t.queries[k], t, range), start, end, step);
        result.queries++;
        // Once the server is unreachable or refuses us, the remaining queries would only fail the same way.
        if (!a.ok && a.unreachable) unreachable ??= a.message;
      }
      if (!a.ok) result.failed++;
      const mine = answers.get(t.key) ?? new Map<PrometheusQueryKey, Answer>();
      mine.set(k, a);
      answers.set(t.key, mine);
      done++;
      opts.onProgress?.({ done, total: tasks.length, message: `${t.namespace}/${t.workload} ${LABEL[k]}` });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, tasks.length)) }, lane));
  if (opts.signal?.aborted) throw Object.assign(new Error('Prometheus metrics cancelled'), { name: 'AbortError' });
  if (unreachable)
    result.errors.push({
      file: new URL(opts.url).origin,
      message: `${unreachable}; the workloads stay on the estimate. Check --prometheus-url${opts.tokenSource ? ` and ${opts.tokenSource}` : ''}.`,
    });
  for (const t of opts.targets) result.usage.set(t.key, toUsage(t, answers.get(t.key) ?? new Map(), window));
  return result;
}
