// A real HTTP server on 127.0.0.1 speaking CloudWatch's GetMetricData the way @aws-sdk/client-cloudwatch 3.1162 calls
// it: the AWS JSON 1.0 protocol (POST /, `Content-Type: application/x-amz-json-1.0`,
// `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, `x-amzn-query-mode: true`, timestamps as epoch seconds),
// with query-compatible errors (`x-amzn-query-error: <Code>;Sender`). Tests drive the real SDK client (signing,
// retries, pagination, deserialisation) over real sockets against it.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The resolution the fake data is defined at; every query period must be a multiple of it. */
const BASE_PERIOD = 300;

export interface FakeLambdaMetrics {
  functionName: string;
  /** Invocations in each 5-minute block from the window start (cycled when shorter than the window), or per block. */
  invocations: number | number[];
  /** ConcurrentExecutions Maximum per 5-minute block; absent: CloudWatch has no such series for the function. */
  concurrency?: number | number[];
  /** Duration statistics in ms over any period that had invocations. */
  duration?: { avg: number; p99: number; max: number };
  /** Throttles and Errors over the whole window (spread evenly over shorter periods). */
  throttles?: number;
  errors?: number;
}

interface CloudWatchFault {
  /** `throttle`: 400 Throttling `times` times, then normal; `denied`: 403 AccessDenied; `error`: 500 InternalServiceError. */
  kind: 'throttle' | 'denied' | 'error';
  /** Only for the request with this 0-based page index within a paginated series of calls (any page when absent). */
  page?: number;
  /** Only for calls whose queries mention this function. */
  function?: string;
  /** Only for calls with an account-level query (no FunctionName dimension). */
  accountLevel?: boolean;
  times?: number;
}

export interface CloudWatchScenario {
  region?: string;
  account?: string;
  functions: FakeLambdaMetrics[];
  /**
   * The account's ConcurrentExecutions Maximum per 5-minute block (the query without a FunctionName dimension). Absent:
   * the sum of the functions' concurrency in each block, as Lambda would count them running at the same time.
   */
  accountConcurrency?: number | number[] | 'none';
  /** Datapoints per response page (all queries together); default 100,800, the API's own maximum. */
  pageSize?: number;
  faults?: CloudWatchFault[];
}

interface RecordedCall {
  target: string;
  status: number;
  queries: number;
  /** 0-based page index of this call (0 without NextToken). */
  page: number;
  accessKeyId?: string;
  /** The request looked like the SDK's JSON protocol (content type and query-mode header). */
  jsonProtocol: boolean;
}

export interface CloudWatchApiServer {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

interface Query {
  Id: string;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] }; Period: number; Stat: string };
  ReturnData?: boolean;
}

const at = (v: number | number[] | undefined, i: number): number | undefined => (v === undefined ? undefined : Array.isArray(v) ? v[i % v.length] : v);

/** The datapoints one query gets over [start, end): timestamps (epoch seconds) and values. */
/** Account-level series (no dimensions): only ConcurrentExecutions Maximum is modelled. */
function accountPoints(
  ms: NonNullable<Query['MetricStat']>,
  fns: Map<string, FakeLambdaMetrics>,
  start: number,
  end: number,
  account: CloudWatchScenario['accountConcurrency'],
): { t: number; v: number }[] {
  if (`${ms.Metric.MetricName}:${ms.Stat}` !== 'ConcurrentExecutions:Maximum' || account === 'none') return [];
  const blocks = ms.Period / BASE_PERIOD;
  const periods = Math.floor((end - start) / ms.Period);
  const out: { t: number; v: number }[] = [];
  for (let k = 0; k < periods; k++) {
    const values: number[] = [];
    for (let b = k * blocks; b < (k + 1) * blocks; b++) {
      if (account !== undefined) values.push(at(account, b) ?? 0);
      else {
        const running = [...fns.values()]
          .map((f) => ((at(f.invocations, b) ?? 0) > 0 ? at(f.concurrency, b) : undefined))
          .filter((c): c is number => c !== undefined);
        if (running.length) values.push(running.reduce((x, y) => x + y, 0));
      }
    }
    if (values.length) out.push({ t: start + k * ms.Period, v: Math.max(...values) });
  }
  return out;
}

function datapoints(
  q: Query,
  fns: Map<string, FakeLambdaMetrics>,
  start: number,
  end: number,
  account?: CloudWatchScenario['accountConcurrency'],
): { t: number; v: number }[] {
  const ms = q.MetricStat;
  if (!ms || ms.Metric.Namespace !== 'AWS/Lambda') return [];
  if (!ms.Metric.Dimensions?.length) return accountPoints(ms, fns, start, end, account);
  const fn = fns.get(ms.Metric.Dimensions?.find((d) => d.Name === 'FunctionName')?.Value ?? '');
  if (!fn) return [];
  const p = ms.Period;
  const blocks = p / BASE_PERIOD;
  const periods = Math.floor((end - start) / p);
  const windowBlocks = Math.floor((end - start) / BASE_PERIOD);
  const out: { t: number; v: number }[] = [];
  for (let k = 0; k < periods; k++) {
    const first = k * blocks;
    const inv: number[] = [];
    const conc: number[] = [];
    for (let b = first; b < first + blocks; b++) {
      inv.push(at(fn.invocations, b) ?? 0);
      const c = at(fn.concurrency, b);
      if (c !== undefined) conc.push(c);
    }
    const invSum = inv.reduce((s, x) => s + x, 0);
    let v: number | undefined;
    switch (`${ms.Metric.MetricName}:${ms.Stat}`) {
      case 'Invocations:Sum':
        v = invSum > 0 ? invSum : undefined;
        break;
      case 'ConcurrentExecutions:Maximum':
        v = conc.length && invSum > 0 ? Math.max(...conc) : undefined;
        break;
      case 'Duration:Average':
        v = invSum > 0 ? fn.duration?.avg : undefined;
        break;
      case 'Duration:p99':
        v = invSum > 0 ? fn.duration?.p99 : undefined;
        break;
      case 'Duration:Maximum':
        v = invSum > 0 ? fn.duration?.max : undefined;
        break;
      case 'Throttles:Sum':
        v = fn.throttles !== undefined ? (fn.throttles * blocks) / windowBlocks : undefined;
        break;
      case 'Errors:Sum':
        v = fn.errors !== undefined ? (fn.errors * blocks) / windowBlocks : undefined;
        break;
    }
    if (v !== undefined) out.push({ t: start + k * p, v });
  }
  return out;
}

export async function startCloudWatchApiServer(scenario: CloudWatchScenario): Promise<CloudWatchApiServer> {
  const account = scenario.account ?? '123456789012';
  const fns = new Map(scenario.functions.map((f) => [f.functionName, f]));
  const calls: RecordedCall[] = [];
  const hits = new Map<CloudWatchFault, number>();
  const pageSize = scenario.pageSize ?? 100_800;
  const streams = new Map<string, { all: { t: number; v: number }[][]; flat: { q: number; t: number; v: number }[] }>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const auth = String(req.headers.authorization ?? '');
      const accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1];
      const jsonProtocol = req.headers['content-type'] === 'application/x-amz-json-1.0' && req.headers['x-amzn-query-mode'] === 'true';
      const record = (status: number, queries = 0, page = 0) => calls.push({ target, status, queries, page, accessKeyId, jsonProtocol });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${calls.length}`, ...headers });
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, code: string, type: string, message: string, queries = 0, page = 0) => {
        record(status, queries, page);
        send(status, { __type: type, message }, { 'x-amzn-query-error': `${code};Sender` });
      };
      if (req.method !== 'POST' || !jsonProtocol)
        return fail(400, 'InvalidAction', 'InvalidAction', 'expected the AWS JSON 1.0 protocol (POST, application/x-amz-json-1.0, x-amzn-query-mode)');
      if (!auth.startsWith('AWS4-HMAC-SHA256 '))
        return fail(403, 'IncompleteSignature', 'IncompleteSignature', 'Request must be signed with Signature Version 4.');
      if (target !== 'GraniteServiceVersion20100801.GetMetricData') return fail(400, 'InvalidAction', 'InvalidAction', `no operation ${target}`);
      let body: { MetricDataQueries?: Query[]; StartTime?: number; EndTime?: number; NextToken?: string; MaxDatapoints?: number };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(400, 'InvalidParameterValue', 'InvalidParameterValueException', 'body is not JSON');
      }
      const queries = body.MetricDataQueries ?? [];
      if (queries.length === 0 || queries.length > 500)
        return fail(400, 'ValidationError', 'ValidationError', `MetricDataQueries must hold 1 to 500 queries, got ${queries.length}`, queries.length);
      const ids = new Set<string>();
      for (const q of queries) {
        if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id) || ids.has(q.Id))
          return fail(400, 'ValidationError', 'ValidationError', `bad or repeated Id ${q.Id}`, queries.length);
        ids.add(q.Id);
        const p = q.MetricStat?.Period ?? 0;
        if (p < 60 || p % BASE_PERIOD !== 0)
          return fail(400, 'ValidationError', 'ValidationError', `Period ${p} is not a multiple of ${BASE_PERIOD} (this fake's resolution)`, queries.length);
      }
      const start = Number(body.StartTime);
      const end = Number(body.EndTime);
      if (!(end > start)) return fail(400, 'ValidationError', 'ValidationError', 'EndTime must be after StartTime', queries.length);
      const signature = createHash('sha1')
        .update(JSON.stringify([queries, start, end]))
        .digest('hex')
        .slice(0, 12);
      let offset = 0;
      if (body.NextToken) {
        const [sig, off] = Buffer.from(body.NextToken, 'base64url').toString().split(':');
        if (sig !== signature)
          return fail(
            400,
            'InvalidNextToken',
            'InvalidNextToken',
            'The service returned an invalid next token: the request changed between pages.',
            queries.length,
          );
        offset = Number(off);
      }
      const page = Math.floor(offset / pageSize);
      const mentioned = new Set(queries.map((q) => q.MetricStat?.Metric.Dimensions?.find((d) => d.Name === 'FunctionName')?.Value));
      for (const f of scenario.faults ?? []) {
        if (f.page !== undefined && f.page !== page) continue;
        if (f.function !== undefined && !mentioned.has(f.function)) continue;
        if (f.accountLevel !== undefined && f.accountLevel !== mentioned.has(undefined)) continue;
        const n = hits.get(f) ?? 0;
        if (f.times !== undefined && n >= f.times) continue;
        hits.set(f, n + 1);
        if (f.kind === 'throttle') return fail(400, 'Throttling', 'Throttling', 'Rate exceeded', queries.length, page);
        if (f.kind === 'denied')
          return fail(
            403,
            'AccessDenied',
            'AccessDeniedException',
            `User: arn:aws:iam::${account}:user/reader is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action`,
            queries.length,
            page,
          );
        record(500, queries.length, page);
        return send(500, { __type: 'InternalServiceError', message: 'Internal failure' }, { 'x-amzn-query-error': 'InternalServiceError;Receiver' });
      }
      // Every query's datapoints in query order, one stream; a page is a slice of it.
      // The same request's pages share one computation.
      let memo = streams.get(signature);
      if (!memo) {
        const all = queries.map((q) => datapoints(q, fns, start, end, scenario.accountConcurrency));
        const flat: { q: number; t: number; v: number }[] = [];
        all.forEach((points, q) => points.forEach((d) => flat.push({ q, ...d })));
        streams.set(signature, (memo = { all, flat }));
      }
      const { all, flat } = memo;
      const slice = flat.slice(offset, offset + pageSize);
      const next = offset + pageSize < flat.length ? offset + pageSize : undefined;
      const mine = queries.map(() => ({ t: [] as number[], v: [] as number[] }));
      for (const d of slice) {
        mine[d.q].t.push(d.t);
        mine[d.q].v.push(d.v);
      }
      const last = new Array<number>(queries.length).fill(-1);
      flat.forEach((d, k) => (last[d.q] = k));
      const results = queries.map((q, i) => ({
        Id: q.Id,
        Label: q.MetricStat?.Metric.MetricName ?? q.Id,
        Timestamps: mine[i].t,
        Values: mine[i].v,
        StatusCode: last[i] >= offset + pageSize ? 'PartialData' : 'Complete',
      }));
      // A query whose datapoints all came on earlier pages is left out of later ones, as CloudWatch does.
      const shown = results.filter((r, i) => r.Timestamps.length > 0 || (offset === 0 && all[i].length === 0));
      record(200, queries.length, page);
      send(200, {
        MetricDataResults: shown,
        Messages: [],
        ...(next !== undefined ? { NextToken: Buffer.from(`${signature}:${next}`).toString('base64url') } : {}),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
