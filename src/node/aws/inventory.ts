// Live inventory of one account/region through the Lambda API. I/O lives here; turning the responses into units,
// findings and drift is pure (src/core/model/aws.ts). Credentials come from the SDK's default chain (or a profile
// the SDK resolves itself): this module never reads, stores, prints or logs them.
import {
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionUrlConfigsCommand,
  ListFunctionsCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import {
  analyzeAwsFunctions,
  awsFunctionFile,
  type AwsDenied,
  type AwsEventSourceMapping,
  type AwsFunctionConfig,
  type AwsFunctionRecord,
  type AwsFunctionUrl,
  type AwsInventory,
} from '../../core/model/aws';
import type { AnalysisError, RuleSeverityOverride } from '../../core/types';
import { mapLimit } from './pool';
import { clientConfig, isAbort, readSdkFailure, type AwsConnection } from './sdk';

export { formatInventoryText, formatInventoryJson } from './format';
export { matchAwsUnits, mergeAwsIntoResult } from '../../core/model/aws';
// CloudWatch shares this bundle (dist/awsInventory.js), so the AWS SDK's core ships once.
export { fetchLambdaMetrics } from '../metrics/cloudwatch';

export type InventoryCall = 'ListFunctions' | 'GetFunction' | 'GetFunctionConcurrency' | 'ListEventSourceMappings' | 'ListFunctionUrlConfigs';

export interface FetchAwsOptions extends AwsConnection {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  /** YYYY-MM-DD for the runtime deprecation check (default: today, UTC). */
  today?: string;
  rules?: Record<string, RuleSeverityOverride>;
  onProgress?(p: { done: number; total: number; message: string }): void;
}

/** Everything the inventory learnt, plus the raw function records (for tests and future converters). */
export interface FetchAwsResult extends AwsInventory {
  /** False when the function list itself could not be read (denied, no credentials, unreachable). */
  listed: boolean;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; kind: 'denied' | 'error'; message: string };

export class InventoryAborted extends Error {
  constructor() {
    super('AWS inventory cancelled');
    this.name = 'AbortError';
  }
}

/** Turns an SDK failure into a user-facing sentence naming the call; never echoes request headers or credentials. */
export function describeFailure(call: string, subject: string, e: unknown, endpoint?: string): Outcome<never> {
  const { name, status, raw, denied, badCredentials, unreachable } = readSdkFailure(e);
  if (denied) return { ok: false, kind: 'denied', message: `${call} was denied for ${subject}` };
  if (badCredentials) {
    return {
      ok: false,
      kind: 'error',
      message: `${call} for ${subject} could not authenticate (${name}): no usable AWS credentials. Pass --profile <name>, set AWS_PROFILE, or sign in (aws sso login); LambdaShift only uses the SDK's standard credential chain.`,
    };
  }
  if (name === 'SyntaxError' || /deserialization error|in json at position|unexpected end of json|is not valid json|unexpected token/i.test(raw)) {
    return {
      ok: false,
      kind: 'error',
      message: `${call} for ${subject} returned a body that is not valid Lambda API JSON (${raw}). Check that ${endpoint ?? 'the endpoint'} is the Lambda API and not a proxy or captive portal, then retry.`,
    };
  }
  if (name === 'ResourceNotFoundException')
    return { ok: false, kind: 'error', message: `${call} for ${subject}: the function no longer exists (deleted while the inventory ran). Re-run to refresh.` };
  if (unreachable) {
    return {
      ok: false,
      kind: 'error',
      message: `${call} for ${subject} could not reach ${endpoint ?? 'the Lambda endpoint'} (${raw}). Check the region, --endpoint-url and your network.`,
    };
  }
  return {
    ok: false,
    kind: 'error',
    message: `${call} for ${subject} failed${status ? ` with HTTP ${status}` : ''} (${name}: ${raw}). Retry later; other functions were still inventoried.`,
  };
}

/** Copies only the fields LambdaShift uses. Environment variable values (often secrets) are never kept. */
function pickConfig(c: FunctionConfiguration): AwsFunctionConfig {
  return {
    FunctionName: c.FunctionName,
    FunctionArn: c.FunctionArn,
    Runtime: c.Runtime,
    Handler: c.Handler,
    Timeout: c.Timeout,
    MemorySize: c.MemorySize,
    CodeSize: c.CodeSize,
    PackageType: c.PackageType,
    Architectures: c.Architectures,
    EphemeralStorage: c.EphemeralStorage ? { Size: c.EphemeralStorage.Size } : undefined,
    Layers: c.Layers?.map((l) => ({ Arn: l.Arn, CodeSize: l.CodeSize })),
    Role: c.Role,
    State: c.State,
    LastModified: c.LastModified,
  };
}

function functionNameOfArn(arn: string | undefined): string | undefined {
  const parts = (arn ?? '').split(':');
  return parts.length >= 7 && parts[5] === 'function' ? parts[6] : undefined;
}

export function createLambdaClient(opts: AwsConnection): LambdaClient {
  return new LambdaClient(clientConfig(opts, 30_000));
}

/**
 * Lists every function of the region and reads their concurrency, URLs, image and event source mappings with bounded
 * parallelism. One denied or failed call never stops the run: it becomes a `denied` entry (what stays unknown) or an
 * `errors` entry naming the call. Rejects only when `signal` aborts.
 */
export async function fetchAwsUnits(opts: FetchAwsOptions): Promise<FetchAwsResult> {
  const { region, signal } = opts;
  const client = createLambdaClient(opts);
  const endpoint = opts.endpointUrl ?? `https://lambda.${region}.amazonaws.com`;
  const errors: AnalysisError[] = [];
  const denied: AwsDenied[] = [];
  const regionFile = `aws://lambda/${region}`;
  const sendOpts = { abortSignal: signal };
  const progress = (done: number, total: number, message: string) => opts.onProgress?.({ done, total, message });

  try {
    // 1. Every page of ListFunctions. A later page failing keeps what earlier pages returned.
    const configs: AwsFunctionConfig[] = [];
    let marker: string | undefined;
    const seenMarkers = new Set<string>();
    let listed = true;
    for (let page = 1; ; page++) {
      if (signal?.aborted) throw new InventoryAborted();
      progress(0, 0, `ListFunctions page ${page}`);
      try {
        const res = await client.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }), sendOpts);
        for (const f of res.Functions ?? []) if (f.FunctionName) configs.push(pickConfig(f));
        marker = res.NextMarker || undefined;
      } catch (e) {
        if (isAbort(e, signal)) throw new InventoryAborted();
        const o = describeFailure('ListFunctions', `page ${page} of ${region}`, e, endpoint);
        if (!o.ok && o.kind === 'denied')
          denied.push({
            call: 'ListFunctions',
            leavesUnknown: page === 1 ? 'every function (nothing could be listed)' : `functions after the first ${configs.length}`,
          });
        else if (!o.ok)
          errors.push({ file: regionFile, message: page === 1 ? o.message : `${o.message} The inventory lists only the first ${configs.length} functions.` });
        listed = page > 1;
        break;
      }
      if (!marker) break;
      if (seenMarkers.has(marker)) {
        errors.push({
          file: regionFile,
          message: `ListFunctions returned the same NextMarker twice (page ${page}); stopped paging to avoid a loop. The list may be incomplete.`,
        });
        break;
      }
      seenMarkers.add(marker);
    }
    if (!listed) return { region, units: [], findings: [], errors, denied, listed: false };

    // 2. Per-function calls plus the account-wide mapping list, all through one bounded pool.
    const names = configs.map((c) => c.FunctionName!);
    type Task = { call: InventoryCall; fn?: string };
    const tasks: Task[] = [{ call: 'ListEventSourceMappings' }];
    for (const fn of names) tasks.push({ call: 'GetFunction', fn }, { call: 'GetFunctionConcurrency', fn }, { call: 'ListFunctionUrlConfigs', fn });
    const outcomes = new Map<string, Outcome<unknown>>();
    const key = (call: string, fn?: string) => `${call}\u0000${fn ?? ''}`;
    let done = 0;
    progress(0, tasks.length, `${names.length} functions listed`);

    await mapLimit(tasks, opts.concurrency ?? 4, signal, async (t) => {
      const subject = t.fn ?? 'the account';
      try {
        let value: unknown;
        switch (t.call) {
          case 'GetFunction': {
            const r = await client.send(new GetFunctionCommand({ FunctionName: t.fn }), sendOpts);
            value = { imageUri: r.Code?.ImageUri, reserved: r.Concurrency?.ReservedConcurrentExecutions ?? null };
            break;
          }
          case 'GetFunctionConcurrency': {
            const r = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: t.fn }), sendOpts);
            value = r.ReservedConcurrentExecutions ?? null;
            break;
          }
          case 'ListFunctionUrlConfigs': {
            const urls: AwsFunctionUrl[] = [];
            let m: string | undefined;
            do {
              const r = await client.send(new ListFunctionUrlConfigsCommand({ FunctionName: t.fn, Marker: m, MaxItems: 50 }), sendOpts);
              for (const u of r.FunctionUrlConfigs ?? []) urls.push({ FunctionUrl: u.FunctionUrl, AuthType: u.AuthType, InvokeMode: u.InvokeMode });
              m = r.NextMarker && r.NextMarker !== m ? r.NextMarker : undefined;
            } while (m);
            value = urls;
            break;
          }
          case 'ListEventSourceMappings': {
            const all: AwsEventSourceMapping[] = [];
            let m: string | undefined;
            const seen = new Set<string>();
            do {
              const r = await client.send(new ListEventSourceMappingsCommand({ Marker: m, MaxItems: 100 }), sendOpts);
              for (const x of r.EventSourceMappings ?? []) {
                all.push({
                  UUID: x.UUID,
                  FunctionArn: x.FunctionArn,
                  EventSourceArn: x.EventSourceArn,
                  BatchSize: x.BatchSize,
                  MaximumBatchingWindowInSeconds: x.MaximumBatchingWindowInSeconds,
                  FunctionResponseTypes: x.FunctionResponseTypes,
                  ScalingConfig: x.ScalingConfig?.MaximumConcurrency !== undefined ? { MaximumConcurrency: x.ScalingConfig.MaximumConcurrency } : undefined,
                  State: x.State,
                });
              }
              m = r.NextMarker || undefined;
              if (m && seen.has(m)) m = undefined;
              if (m) seen.add(m);
            } while (m);
            value = all;
            break;
          }
          default:
            return;
        }
        outcomes.set(key(t.call, t.fn), { ok: true, value });
      } catch (e) {
        if (isAbort(e, signal)) throw new InventoryAborted();
        outcomes.set(key(t.call, t.fn), describeFailure(t.call, subject, e, endpoint));
      } finally {
        done++;
        progress(done, tasks.length, t.fn ? `${t.call} ${t.fn}` : t.call);
      }
    }).catch((e: unknown) => {
      throw isAbort(e, signal) ? new InventoryAborted() : e;
    });

    // 3. Assemble records; work out exactly what each denied call left unknown.
    const esm = outcomes.get(key('ListEventSourceMappings'))!;
    const mappingsByFn = new Map<string, AwsEventSourceMapping[]>();
    if (esm.ok) {
      for (const m of esm.value as AwsEventSourceMapping[]) {
        const fn = functionNameOfArn(m.FunctionArn);
        if (!fn) continue;
        const list = mappingsByFn.get(fn) ?? [];
        list.push(m);
        mappingsByFn.set(fn, list);
      }
    } else if (esm.kind === 'denied') {
      denied.push({
        call: 'ListEventSourceMappings',
        leavesUnknown: 'the event sources (SQS, Kinesis, DynamoDB, Kafka mappings) of every function, so SQS batch checks were skipped',
      });
    } else errors.push({ file: regionFile, message: `${esm.message} Event sources of every function are unknown.` });

    const records: AwsFunctionRecord[] = configs.map((config) => {
      const fn = config.FunctionName!;
      const file = awsFunctionFile(region, fn);
      const gf = outcomes.get(key('GetFunction', fn)) as Outcome<{ imageUri?: string; reserved: number | null }>;
      const gc = outcomes.get(key('GetFunctionConcurrency', fn)) as Outcome<number | null>;
      const urls = outcomes.get(key('ListFunctionUrlConfigs', fn)) as Outcome<AwsFunctionUrl[]>;
      const reserved = gc.ok ? gc.value : gf.ok ? gf.value.reserved : undefined;
      const isImage = config.PackageType === 'Image';
      const unknown: string[] = [];
      const fail = (call: InventoryCall, o: Outcome<unknown>, leaves: string) => {
        if (o.ok) return;
        if (o.kind === 'denied') denied.push({ call, function: fn, leavesUnknown: leaves });
        else errors.push({ file, message: `${o.message} Unknown as a result: ${leaves}.` });
      };
      if (!gf.ok) {
        fail('GetFunction', gf, isImage ? 'its container image URI' : 'its code location (not used for zip packages; code size came from ListFunctions)');
        if (isImage) unknown.push('image (GetFunction failed)');
      }
      if (!gc.ok)
        fail(
          'GetFunctionConcurrency',
          gc,
          reserved === undefined
            ? 'its reserved concurrency (reserved-concurrency and SQS concurrency checks skipped)'
            : 'nothing (GetFunction reported the reserved concurrency)',
        );
      if (reserved === undefined) unknown.push('reservedConcurrency (GetFunctionConcurrency and GetFunction failed)');
      if (!urls.ok) {
        fail('ListFunctionUrlConfigs', urls, 'its function URLs (HTTP entry points)');
        unknown.push('function URLs (ListFunctionUrlConfigs failed)');
      }
      if (!esm.ok) unknown.push('event source mappings (ListEventSourceMappings failed)');
      return {
        config,
        imageUri: gf.ok ? gf.value.imageUri : undefined,
        reservedConcurrency: reserved,
        eventSourceMappings: esm.ok ? (mappingsByFn.get(fn) ?? []) : undefined,
        urls: urls.ok ? urls.value : undefined,
        unknown,
      };
    });

    const { units, findings } = analyzeAwsFunctions(records, { region, today: opts.today ?? new Date().toISOString().slice(0, 10), rules: opts.rules });
    denied.sort((a, b) => a.call.localeCompare(b.call) || (a.function ?? '').localeCompare(b.function ?? ''));
    return { region, units, findings, errors, denied, listed: true };
  } finally {
    client.destroy();
  }
}
