// A real HTTP server on 127.0.0.1 that speaks the slice of the Lambda REST API the inventory calls, so tests drive the
// real SDK client (signing, retries, pagination, deserialisation) over real sockets. Bodies follow the API reference:
// https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html, API_GetFunction.html,
// API_GetFunctionConcurrency.html, API_ListEventSourceMappings.html, API_ListFunctionUrlConfigs.html
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type LambdaCall = 'ListFunctions' | 'GetFunction' | 'GetFunctionConcurrency' | 'ListEventSourceMappings' | 'ListFunctionUrlConfigs';

export interface FakeFunction {
  FunctionName: string;
  Runtime?: string;
  Handler?: string;
  Timeout?: number;
  MemorySize?: number;
  CodeSize?: number;
  PackageType?: 'Zip' | 'Image';
  Layers?: { Arn: string; CodeSize: number }[];
  Environment?: { Variables: Record<string, string> };
  /** Server-side only: GetFunction's Code.ImageUri. */
  imageUri?: string;
  /** Server-side only: GetFunctionConcurrency's value; absent = no reservation. */
  reserved?: number;
  /** Server-side only: ListFunctionUrlConfigs entries. */
  urls?: { AuthType: 'NONE' | 'AWS_IAM'; InvokeMode?: 'BUFFERED' | 'RESPONSE_STREAM' }[];
}

interface FakeMapping {
  UUID: string;
  /** Function name; the server expands it to an ARN (optionally with a qualifier). */
  function: string;
  qualifier?: string;
  EventSourceArn: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  ScalingConfig?: { MaximumConcurrency: number };
  State?: string;
}

interface Fault {
  call: LambdaCall;
  /** Only for this function (per-function calls); any function when absent. */
  function?: string;
  /** Only on this page (0-based) of a paginated call. */
  page?: number;
  /** `throttle`: 429 TooManyRequestsException `times` times, then normal; `denied`: 403 AccessDeniedException;
   * `malformed`: 200 with a body that is not JSON; `error`: 500 ServiceException. */
  kind: 'throttle' | 'denied' | 'malformed' | 'error';
  times?: number;
}

export interface Scenario {
  region?: string;
  account?: string;
  functions: FakeFunction[];
  mappings?: FakeMapping[];
  /** Page size the server uses for ListFunctions / ListEventSourceMappings when MaxItems is larger or absent. */
  pageSize?: number;
  faults?: Fault[];
}

interface RecordedRequest {
  call: LambdaCall | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  function?: string;
  /** The SigV4 access key id the request was signed with (not the secret; the server never sees that). */
  accessKeyId?: string;
  status: number;
}

export interface LambdaApiServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests in flight right now, and the most seen at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

function route(method: string, pathname: string): { call: LambdaCall | 'unknown'; fn?: string } {
  if (method !== 'GET') return { call: 'unknown' };
  let m: RegExpExecArray | null;
  if (/^\/2015-03-31\/functions\/?$/.test(pathname)) return { call: 'ListFunctions' };
  if (/^\/2015-03-31\/event-source-mappings\/?$/.test(pathname)) return { call: 'ListEventSourceMappings' };
  if ((m = /^\/2019-09-30\/functions\/([^/]+)\/concurrency$/.exec(pathname))) return { call: 'GetFunctionConcurrency', fn: decodeURIComponent(m[1]) };
  if ((m = /^\/2021-10-31\/functions\/([^/]+)\/urls$/.exec(pathname))) return { call: 'ListFunctionUrlConfigs', fn: decodeURIComponent(m[1]) };
  if ((m = /^\/2015-03-31\/functions\/([^/]+)$/.exec(pathname))) return { call: 'GetFunction', fn: decodeURIComponent(m[1]) };
  return { call: 'unknown' };
}

export async function startLambdaApiServer(scenario: Scenario): Promise<LambdaApiServer> {
  const region = scenario.region ?? 'eu-west-1';
  const account = scenario.account ?? '123456789012';
  const arn = (name: string, q?: string) => `arn:aws:lambda:${region}:${account}:function:${name}${q ? `:${q}` : ''}`;
  const byName = new Map(scenario.functions.map((f) => [f.FunctionName, f]));
  const faultHits = new Map<Fault, number>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let peak = 0;

  const configuration = (f: FakeFunction) => {
    const { imageUri: _i, reserved: _r, urls: _u, ...api } = f;
    return {
      FunctionArn: arn(f.FunctionName),
      Role: `arn:aws:iam::${account}:role/${f.FunctionName}-role`,
      CodeSha256: 'c2hhMjU2LW5vdC1yZWFs',
      Version: '$LATEST',
      LastModified: '2026-05-01T10:00:00.000+0000',
      State: 'Active',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      PackageType: 'Zip',
      Timeout: 3,
      MemorySize: 128,
      CodeSize: 1024,
      ...api,
    };
  };

  const page = <T>(items: T[], query: Record<string, string>) => {
    const start = query.Marker ? Number(Buffer.from(query.Marker, 'base64url').toString()) : 0;
    const size = Math.min(Number(query.MaxItems ?? Infinity), scenario.pageSize ?? 50);
    const slice = items.slice(start, start + size);
    const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
    return { slice, next, pageIndex: Math.floor(start / size) };
  };

  const server = http.createServer((req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    const u = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(u.searchParams);
    const { call, fn } = route(req.method ?? 'GET', u.pathname);
    const auth = String(req.headers.authorization ?? '');
    const accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      requests.push({ call, method: req.method ?? '', path: u.pathname, query, function: fn, accessKeyId, status });
      // A tiny delay keeps several requests in flight at once, so the parallelism bound is observable.
      setTimeout(() => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${requests.length}`, ...headers });
        res.end(text);
      }, 5);
    };
    const error = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
      send(
        status,
        { Type: 'User', Message: message, message },
        { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.awsgirapi/`, ...headers },
      );

    if (!auth.startsWith('AWS4-HMAC-SHA256 ')) return error(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (call === 'unknown') return error(404, 'UnknownOperationException', `no route for ${req.method} ${u.pathname}`);
    if (fn !== undefined && !byName.has(fn)) return error(404, 'ResourceNotFoundException', `Function not found: ${arn(fn)}`);

    for (const f of scenario.faults ?? []) {
      if (f.call !== call || (f.function !== undefined && f.function !== fn)) continue;
      if (f.page !== undefined) {
        const items: unknown[] = call === 'ListFunctions' ? scenario.functions : (scenario.mappings ?? []);
        if (page(items, query).pageIndex !== f.page) continue;
      }
      const hits = faultHits.get(f) ?? 0;
      if (f.times !== undefined && hits >= f.times) continue;
      faultHits.set(f, hits + 1);
      switch (f.kind) {
        case 'throttle':
          return error(429, 'TooManyRequestsException', 'Rate exceeded', { 'retry-after': '0' });
        case 'denied':
          return error(
            403,
            'AccessDeniedException',
            `User: arn:aws:iam::${account}:user/reader is not authorized to perform: lambda:${call} on resource: ${fn ? arn(fn) : '*'} because no identity-based policy allows the lambda:${call} action`,
          );
        case 'malformed':
          return send(200, '{"Functions": [ {"FunctionName": "half');
        case 'error':
          return error(500, 'ServiceException', 'Internal failure');
      }
    }

    switch (call) {
      case 'ListFunctions': {
        const p = page(scenario.functions, query);
        return send(200, { Functions: p.slice.map(configuration), ...(p.next ? { NextMarker: p.next } : {}) });
      }
      case 'ListEventSourceMappings': {
        const all = (scenario.mappings ?? []).filter((m) => !query.FunctionName || m.function === query.FunctionName);
        const p = page(all, query);
        return send(200, {
          EventSourceMappings: p.slice.map(({ function: name, qualifier, ...m }) => ({
            FunctionArn: arn(name, qualifier),
            State: 'Enabled',
            LastModified: 1767225600,
            ...m,
          })),
          ...(p.next ? { NextMarker: p.next } : {}),
        });
      }
      case 'GetFunction': {
        const f = byName.get(fn!)!;
        const code = f.imageUri
          ? { RepositoryType: 'ECR', ImageUri: f.imageUri, ResolvedImageUri: `${f.imageUri.split(':')[0]}@sha256:${'0'.repeat(64)}` }
          : {
              RepositoryType: 'S3',
              Location: `https://awslambda-${region}-tasks.s3.${region}.amazonaws.com/snapshots/${account}/${f.FunctionName}?X-Amz-Signature=fake`,
            };
        return send(200, {
          Configuration: configuration(f),
          Code: code,
          Tags: { team: 'demo' },
          ...(f.reserved !== undefined ? { Concurrency: { ReservedConcurrentExecutions: f.reserved } } : {}),
        });
      }
      case 'GetFunctionConcurrency': {
        const f = byName.get(fn!)!;
        return send(200, f.reserved !== undefined ? { ReservedConcurrentExecutions: f.reserved } : {});
      }
      case 'ListFunctionUrlConfigs': {
        const f = byName.get(fn!)!;
        return send(200, {
          FunctionUrlConfigs: (f.urls ?? []).map((x, i) => ({
            FunctionUrl: `https://${f.FunctionName.toLowerCase()}${i}.lambda-url.${region}.on.aws/`,
            FunctionArn: arn(f.FunctionName),
            AuthType: x.AuthType,
            InvokeMode: x.InvokeMode ?? 'BUFFERED',
            CreationTime: '2026-01-01T00:00:00.000Z',
            LastModifiedTime: '2026-01-01T00:00:00.000Z',
          })),
        });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
