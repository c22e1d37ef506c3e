import type { Document, Node, Pair } from 'yaml';
import { getPath, isScalar, mapEntries, mapGet, nodeRange, seqItems, toJS } from '../parsers/yaml';
import type { SizedField, Unit, UnitEvent } from '../types';
import { describeRef, refTarget, splitHandler } from './cloudformation';
import type { RouteAuth } from './routeAuth';
import { apiV2Event, finishUnit, maskEnvironment, num, str } from './runtimes';
import { nonAwsProvider } from '../rules/iac/non-aws-provider';

/**
 * Variable sources that would need the environment, the file system or AWS. They are never read: the value stays
 * unknown and the reference is listed in `unit.unresolved`.
 */
const EXTERNAL = /^(env|ssm|cf|s3|aws|file|sls:instanceId|param|secrets?|vault|terraform)\b|^file\(/;

interface Resolver {
  /** Resolves `${...}` variables in a value; `undefined` when any part cannot be known. */
  value(v: unknown): unknown;
  unresolved: Set<string>;
}

/**
 * Variable resolutions one function may make. `${self:…}` values that each repeat another one many times, a dozen
 * deep, would otherwise take exponential time (a "billion laughs" through variables); real files need a few hundred.
 */
const RESOLUTION_BUDGET = 10_000;

function makeResolver(root: Record<string, unknown>): Resolver {
  const unresolved = new Set<string>();
  let steps = 0;
  const lookupSelf = (path: string, depth: number): unknown => {
    let cur: unknown = root;
    for (const seg of path.split('.').filter(Boolean)) {
      if (!cur || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
    return resolve(cur, depth + 1);
  };
  const stage = (depth: number): string => {
    const s = lookupSelf('provider.stage', depth);
    return typeof s === 'string' && s ? s : 'dev';
  };
  const source = (src: string, depth: number): unknown => {
    const s = src.trim();
    if (/^'.*'$|^".*"$/.test(s)) return s.slice(1, -1);
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (s === 'true' || s === 'false') return s === 'true';
    if (s.startsWith('self:')) return lookupSelf(s.slice(5), depth);
    if (s === 'sls:stage') return stage(depth);
    if (s === 'opt:stage' || s === 'opt:region' || s.startsWith('opt:')) return undefined; // CLI options: use the fallback
    if (EXTERNAL.test(s)) {
      unresolved.add('${' + s + '}');
      return undefined;
    }
    return undefined;
  };
  /** `a, b, 'c'` → first defined source (Serverless's fallback chain). Commas inside quotes or parens don't split. */
  const expression = (expr: string, depth: number): unknown => {
    const parts: string[] = [];
    let cur = '';
    let quote = '';
    let paren = 0;
    for (const ch of expr) {
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') paren++;
      else if (ch === ')') paren--;
      else if (ch === ',' && paren === 0) {
        parts.push(cur);
        cur = '';
        continue;
      }
      cur += ch;
    }
    parts.push(cur);
    for (const p of parts) {
      const v = source(p, depth);
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  };
  const resolve = (v: unknown, depth = 0): unknown => {
    if (depth > 12) return undefined; // cycles (`${self:a}` ↔ `${self:b}`) stay unknown
    if (++steps > RESOLUTION_BUDGET) return undefined;
    if (typeof v === 'string') {
      if (!v.includes('${')) return v;
      const whole = /^\$\{([^{}]+)\}$/.exec(v);
      if (whole) return expression(whole[1], depth);
      let ok = true;
      let out = v;
      // Innermost first, so `${self:custom.${sls:stage}.timeout}` works.
      for (let guard = 0; guard < 20 && /\$\{([^{}]+)\}/.test(out); guard++) {
        out = out.replace(/\$\{([^{}]+)\}/, (_m, e: string) => {
          const r = expression(e, depth);
          if (r === undefined || typeof r === 'object') {
            ok = false;
            return '';
          }
          return String(r);
        });
      }
      return ok ? out : undefined;
    }
    return v;
  };
  return { value: (v) => resolve(v), unresolved };
}

function eventOf(type: string, raw: unknown, r: Resolver, resources: Record<string, unknown>): UnitEvent {
  const e = eventBase(type, raw, r, resources);
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const enabled = r.value(o.enabled);
  if (enabled === false || enabled === 'false') e.enabled = false;
  return e;
}

function eventBase(type: string, raw: unknown, r: Resolver, resources: Record<string, unknown>): UnitEvent {
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  // Resolving records `${cf:...}`-style sources as unresolved; the event detail keeps the reference text.
  for (const k of ['arn', 'topicName', 'bucket', 'queue', 'stream']) if (typeof o[k] === 'string') r.value(o[k]);
  const s = typeof raw === 'string' ? String(r.value(raw) ?? raw) : undefined;
  const queueVisibility = (arn: unknown): number | undefined => {
    const target = refTarget(arn);
    const q = target ? (resources[target] as Record<string, unknown> | undefined) : undefined;
    if (!q || q.Type !== 'AWS::SQS::Queue') return undefined;
    return num((q.Properties as Record<string, unknown> | undefined)?.VisibilityTimeout) ?? 30;
  };
  switch (type) {
    case 'http':
    case 'httpApi': {
      const detail = s ?? [str(r.value(o.method))?.toUpperCase(), str(r.value(o.path))].filter(Boolean).join(' ');
      return { type: 'http', detail: detail || type, apiGateway: type === 'http' ? 'rest' : 'http' };
    }
    case 'alb':
      return { type: 'http', detail: `ALB ${str(o.priority) ?? ''}`.trim(), alb: true };
    case 'websocket':
      return apiV2Event(true, s ?? str(o.route) ?? '');
    case 'sqs': {
      const arn = s ?? o.arn;
      const e: UnitEvent = { type: 'sqs', detail: describeRef(arn) };
      if (o.batchSize !== undefined) e.batchSize = r.value(o.batchSize);
      const vis = queueVisibility(arn);
      if (vis !== undefined) e.visibilityTimeout = vis;
      if (o.filterPatterns !== undefined)
        e.filterCriteria = { Filters: (Array.isArray(o.filterPatterns) ? o.filterPatterns : [o.filterPatterns]).map((p) => ({ Pattern: JSON.stringify(p) })) };
      if (num(r.value(o.maximumBatchingWindow)) !== undefined) e.maximumBatchingWindowInSeconds = num(r.value(o.maximumBatchingWindow));
      if (num(r.value(o.maximumConcurrency)) !== undefined) e.maximumConcurrency = num(r.value(o.maximumConcurrency));
      if (typeof o.functionResponseType === 'string') e.functionResponseTypes = [o.functionResponseType];
      return e;
    }
    case 'sns': {
      const e: UnitEvent = { type: 'sns', detail: s ?? describeRef(o.topicName ?? o.arn) };
      if (o.filterPolicy !== undefined) e.filterPolicy = o.filterPolicy;
      return e;
    }
    case 's3':
      return { type: 's3', detail: s ?? describeRef(r.value(o.bucket)) };
    case 'schedule': {
      const rate = s ?? (Array.isArray(o.rate) ? String(o.rate[0]) : str(r.value(o.rate)));
      const e: UnitEvent = { type: 'schedule', detail: rate };
      if (typeof o.timezone === 'string') e.timeZone = o.timezone;
      return e;
    }
    case 'stream':
      return { type: 'stream', detail: `${str(o.type) ?? (/dynamodb/.test(String(s)) ? 'dynamodb' : 'kinesis')} ${describeRef(s ?? o.arn) ?? ''}`.trim() };
    case 'kafka':
    case 'msk':
    case 'activemq':
    case 'rabbitmq':
      return { type: 'stream', detail: type };
    case 'eventBridge':
    case 'cloudwatchEvent':
      if (o.schedule) return { type: 'schedule', detail: str(r.value(o.schedule)) };
      return { type: 'eventbridge', detail: o.pattern ? JSON.stringify(o.pattern) : (str(o.eventBus) ?? type) };
    default:
      return { type: 'other', detail: type };
  }
}

const SIZED = new Set<string>(['timeoutSeconds', 'memoryMB', 'ephemeralStorageMB', 'reservedConcurrency']);

/** Function keys the model reads into unit fields; any other key is listed in `otherSettings`. */
const MODELLED_KEYS = new Set([
  'handler',
  'runtime',
  'timeout',
  'memorySize',
  'ephemeralStorageSize',
  'architecture',
  'events',
  'environment',
  'reservedConcurrency',
  'layers',
  'image',
  'vpc',
  'fileSystemConfig',
  'destinations',
  'maximumRetryAttempts',
  'maximumEventAge',
  'onError',
  'url',
  'durableConfig',
  'role',
  'name',
  'package',
  'iamRoleStatements',
]);

/** Provider keys that act as function settings and are not modelled (called out when a function inherits them). */
const PROVIDER_FUNCTION_KEYS = new Set([
  'tracing',
  'kmsKeyArn',
  'logRetentionInDays',
  'logs',
  'provisionedConcurrency',
  'snapStart',
  'versionFunctions',
  'tags',
]);

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => describeRef(x) ?? '');
  return v === undefined ? undefined : [describeRef(v) ?? ''];
}

/** A serverless-lift queue construct whose worker is a function. */
interface LiftQueue {
  id: string;
  batchSize: unknown;
}

/** Extracts the functions of a serverless.yml (v3/v4). Provider settings are defaults; a function's own value wins. */
/** A `destinations` entry: a function name or ARN, or `{ type, arn }`. */
function destinationRef(v: unknown): string | undefined {
  return describeRef(v && typeof v === 'object' ? (v as Record<string, unknown>).arn : v);
}

export function extractServerlessUnits(doc: Document.Parsed, file: string): Unit[] {
  const root = doc.contents as Node | null;
  if (!root) return [];
  // Functions for kubeless, OpenWhisk, Google or Azure are not Lambda functions (iac/non-aws-provider lists them).
  if (nonAwsProvider(root)) return [];
  const js = (toJS(root) ?? {}) as Record<string, unknown>;
  const provider = mapGet(root, 'provider');
  const resources = ((js.resources as Record<string, unknown> | undefined)?.Resources ?? {}) as Record<string, unknown>;
  const units: Unit[] = [];
  /** Functions of this service named as another's authorizer: authorizer name → the routes it guards. */
  const authorizers = new Map<string, string[]>();
  // HTTP API authorizers are declared once under provider.httpApi.authorizers and named by the route.
  const httpApiAuthorizers = (toJS(getPath(provider, ['httpApi', 'authorizers'])) ?? {}) as Record<string, unknown>;
  // The functions, then the workers of serverless-lift queue constructs (`constructs.<id>: { type: queue, worker: {
  // handler … } }`): Lift declares each as a function named `<id>Worker`, fed by the queue it creates.
  const entries: [string, Node | undefined, Pair, LiftQueue?][] = mapEntries(mapGet(root, 'functions'));
  for (const [id, construct, pair] of mapEntries(mapGet(root, 'constructs'))) {
    const worker = mapGet(construct, 'worker');
    if (toJS(mapGet(construct, 'type')) !== 'queue' || !worker) continue;
    entries.push([`${id}Worker`, worker, pair, { id, batchSize: toJS(mapGet(construct, 'batchSize')) }]);
  }
  for (const [name, fn, pair, liftQueue] of entries) {
    const r = makeResolver(js);
    const fieldRanges: Record<string, [number, number]> = {};
    const unresolvedFields: Partial<Record<SizedField, string>> = {};
    const field = (key: string, as: string, providerKey = key): unknown => {
      const own = mapGet(fn, key);
      const node = own ?? mapGet(provider, providerKey);
      const range = nodeRange(node);
      if (range && as) fieldRanges[as] = range;
      const raw = toJS(node);
      const v = r.value(raw);
      // `${ssm:…}`, `${env:…}`, `${opt:…}` without a fallback: decided at deploy time, never replaced by a default.
      if (SIZED.has(as) && typeof raw === 'string' && raw.includes('${') && num(v) === undefined) unresolvedFields[as as SizedField] = raw;
      return v;
    };
    const handler = str(field('handler', 'handler', '\0'));
    const events: UnitEvent[] = [];
    for (const item of seqItems(mapGet(fn, 'events'))) {
      const [entry] = mapEntries(item);
      if (!entry) continue;
      const range = nodeRange(item);
      if (range) fieldRanges[`events.${events.length}`] = range;
      const e = eventOf(entry[0], toJS(entry[1]), r, resources);
      const auth = routeAuth(entry[0], toJS(entry[1]), httpApiAuthorizers);
      if (auth) e.authorizer = auth;
      events.push(e);
      const guard = authorizerFunction(entry[0], toJS(entry[1]), httpApiAuthorizers);
      if (guard) authorizers.set(guard, [...(authorizers.get(guard) ?? []), `${name} ${e.detail ?? ''}`.trim()]);
    }
    if (liftQueue) {
      // Lift sets the queue's visibility timeout to six times the worker's timeout, so none is recorded here.
      const e: UnitEvent = { type: 'sqs', detail: `${liftQueue.id} (Lift queue)` };
      const batch = num(r.value(liftQueue.batchSize));
      if (batch !== undefined) e.batchSize = batch;
      events.push(e);
    }
    const env = {
      ...((r.value(toJS(getPath(provider, ['environment']))) ?? {}) as Record<string, unknown>),
      ...((toJS(mapGet(fn, 'environment')) ?? {}) as Record<string, unknown>),
    };
    const envResolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, r.value(v)]));
    const image = mapGet(fn, 'image');
    // `image: app` / `image: { name: app }` names an image the framework builds from provider.ecr.images.app.path.
    const imageJs = toJS(image);
    const ecrName = typeof imageJs === 'string' ? imageJs : imageJs && typeof imageJs === 'object' ? str((imageJs as Record<string, unknown>).name) : undefined;
    const ecrImage = ecrName ? (toJS(getPath(provider, ['ecr', 'images', ecrName])) as Record<string, unknown> | undefined) : undefined;
    const imageContext = ecrImage && typeof ecrImage === 'object' ? str(ecrImage.path) : undefined;
    const iam = (toJS(getPath(provider, ['iam', 'role'])) ?? toJS(mapGet(provider, 'iamRoleStatements'))) as unknown;
    const statements = Array.isArray(iam)
      ? iam
      : Array.isArray((iam as Record<string, unknown> | undefined)?.statements)
        ? ((iam as Record<string, unknown>).statements as unknown[])
        : [];
    const actions = statements.flatMap((st) => {
      const a = (st as Record<string, unknown>)?.Action;
      return Array.isArray(a) ? a.map(String) : a !== undefined ? [String(a)] : [];
    });
    const layers = toJS(mapGet(fn, 'layers') ?? mapGet(provider, 'layers'));
    const vpc = r.value(toJS(mapGet(fn, 'vpc') ?? mapGet(provider, 'vpc'))) ?? toJS(mapGet(fn, 'vpc') ?? mapGet(provider, 'vpc'));
    const fsc = toJS(mapGet(fn, 'fileSystemConfig')) as Record<string, unknown> | undefined;
    const destinations = toJS(mapGet(fn, 'destinations')) as Record<string, unknown> | undefined;
    const onFailure = destinations?.onFailure;
    const onSuccess = destinations?.onSuccess;
    const url = toJS(mapGet(fn, 'url'));
    if (url !== undefined && url !== false) {
      const u = url && typeof url === 'object' ? (url as Record<string, unknown>) : {};
      events.push({
        type: 'http',
        detail: 'function URL',
        functionUrl: true,
        authType: u.authorizer === 'aws_iam' ? 'AWS_IAM' : 'NONE',
        ...(typeof u.invokeMode === 'string' ? { invokeMode: u.invokeMode } : {}),
      });
    }
    // serverless-wsgi: the plugin's `wsgi_handler.handler` serves the WSGI app `custom.wsgi.app` names (`app.app`: the
    // module app.py's `app`), which is the function's code.
    const wsgiApp = /^(?:wsgi_handler|wsgi)\.handler$/.test(handler ?? '') ? str(r.value(toJS(getPath(root, ['custom', 'wsgi', 'app'])))) : undefined;
    const wsgiEntry = wsgiApp && /^[\w./-]+\.\w+$/.test(wsgiApp) ? wsgiApp.slice(0, wsgiApp.lastIndexOf('.')).replace(/\./g, '/') : undefined;
    const durable = toJS(mapGet(fn, 'durableConfig')) as Record<string, unknown> | undefined;
    const otherSettings = mapEntries(fn)
      .map(([k]) => k)
      .filter((k) => !MODELLED_KEYS.has(k));
    for (const [k] of mapEntries(provider)) if (PROVIDER_FUNCTION_KEYS.has(k) && !mapGet(fn, k)) otherSettings.push(`provider.${k}`);
    const range = nodeRange(pair.key as Node) ?? [0, 0];
    // A package built beforehand (`package: { artifact: ./out/login/login.zip }`, per function or for the service).
    const artifactOf = (pkg: unknown) => {
      const a = str(r.value(toJS(mapGet(pkg as Node, 'artifact'))));
      return a && /\.(zip|jar)$/i.test(a) && !a.includes('${') ? a.replace(/^(?:\.\/)+/, '') : undefined;
    };
    const artifact = artifactOf(mapGet(fn, 'package')) ?? artifactOf(mapGet(root, 'package'));
    const unit: Unit = {
      kind: 'lambda-function',
      name,
      file,
      line: 0,
      source: 'serverless',
      runtime: str(field('runtime', 'runtime')),
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      timeoutSeconds: num(field('timeout', 'timeoutSeconds')),
      memoryMB: num(field('memorySize', 'memoryMB')),
      ephemeralStorageMB: num(field('ephemeralStorageSize', 'ephemeralStorageMB')),
      architecture: str(field('architecture', '')),
      events,
      environment: Object.keys(env).length ? maskEnvironment(envResolved) : undefined,
      role: typeof iam === 'string' ? iam : undefined,
      policies: actions.length ? actions : undefined,
      reservedConcurrency: num(field('reservedConcurrency', 'reservedConcurrency', '\0')),
      layers: Array.isArray(layers) ? layers.map((l) => describeRef(l) ?? '') : undefined,
      packageType: image ? 'Image' : undefined,
      ...(imageContext ? { codeUri: imageContext, dockerfile: str(ecrImage!.file) } : artifact ? { codeUri: artifact } : {}),
      ...(wsgiEntry ? { entryPoints: [wsgiEntry] } : {}),
      image: image && isScalar(image) ? str(r.value(image.value)) : image ? describeRef(toJS(image)) : undefined,
      unresolvedFields: Object.keys(unresolvedFields).length ? unresolvedFields : undefined,
      vpc:
        vpc && typeof vpc === 'object'
          ? { subnets: list((vpc as Record<string, unknown>).subnetIds), securityGroups: list((vpc as Record<string, unknown>).securityGroupIds) }
          : typeof vpc === 'string'
            ? { subnets: [vpc] }
            : undefined,
      fileSystems: fsc && typeof fsc === 'object' ? [{ accessPoint: describeRef(fsc.arn) ?? '', mountPath: str(fsc.localMountPath) ?? '' }] : undefined,
      durable:
        durable && typeof durable === 'object'
          ? { executionTimeoutSeconds: num(durable.executionTimeout), retentionDays: num(durable.retentionPeriodInDays) }
          : undefined,
      maximumRetryAttempts: num(field('maximumRetryAttempts', '', '\0')),
      maximumEventAgeSeconds: num(field('maximumEventAge', '', '\0')),
      deadLetterTarget: destinationRef(onFailure) ?? describeRef(toJS(mapGet(fn, 'onError'))),
      successTarget: destinationRef(onSuccess),
      otherSettings: otherSettings.length ? otherSettings.sort() : undefined,
      range: [range[0], range[1]],
      fieldRanges,
      readiness: {},
    };
    finishUnit(unit, r.unresolved);
    units.push(unit);
  }
  // A function of the service that guards another's routes is an API Gateway Lambda authorizer.
  for (const [guard, routes] of authorizers) {
    const u = units.find((x) => x.name === guard);
    if (u)
      u.events.push({
        type: 'other',
        detail: `API Gateway authorizer of ${routes.slice(0, 2).join(', ')}${routes.length > 2 ? ', …' : ''}`,
        invokedBy: 'apigateway',
      });
  }
  return units;
}

/** Events whose route can have an `authorizer`: REST (`http`), HTTP API (`httpApi`), WebSocket `$connect` (`websocket`). */
const GUARDED_EVENTS = new Set(['http', 'httpApi', 'websocket']);

/**
 * The guard of an `http`, `httpApi` or `websocket` event: its `authorizer` (a function of the service or a Lambda ARN, a Cognito
 * user pool ARN or `type: COGNITO_USER_POOLS`, `aws_iam`; for HTTP APIs a named authorizer of provider.httpApi.authorizers,
 * JWT unless `type: request`), else `private: true` (an API key).
 */
function routeAuth(type: string, raw: unknown, httpApiAuthorizers: Record<string, unknown>): RouteAuth | undefined {
  if (!GUARDED_EVENTS.has(type) || !raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const a = o.authorizer;
  const def = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
  const name = typeof a === 'string' ? a : str(def.name);
  const arn = typeof a === 'string' && a.startsWith('arn:') ? a : str(def.arn);
  const kindOf = String(def.type ?? '').toLowerCase();
  const label = name && !name.startsWith('arn:') && !name.includes('${') ? { name } : {};
  if (name === 'aws_iam' || kindOf === 'aws_iam') return { kind: 'iam' };
  if (type === 'httpApi' && a !== undefined) {
    const declared = (name ? httpApiAuthorizers[name] : undefined) as Record<string, unknown> | undefined;
    const declaredType = String(declared?.type ?? '').toLowerCase();
    if (declared && typeof declared === 'object') return { kind: declaredType === 'request' ? 'lambda' : 'jwt', ...label };
    if (def.id !== undefined) return { kind: 'jwt' };
    return undefined;
  }
  if (a !== undefined && a !== null && a !== false) {
    if (kindOf === 'cognito_user_pools' || /:cognito-idp:/.test(arn ?? '')) return { kind: 'cognito', ...label };
    // An ARN or name only known at deploy time (`${ssm:…}`) could be either kind.
    if ((name ?? arn ?? '').includes('${') && !kindOf) return { kind: 'other' };
    if (name || arn || def.authorizerId !== undefined) return { kind: 'lambda', ...label };
  }
  return o.private === true ? { kind: 'apiKey' } : undefined;
}

/**
 * The function of the same service an HTTP or WebSocket event names as its authorizer: `authorizer: authFn`,
 * `authorizer: { name: authFn }` (REST, WebSocket), or an HTTP API authorizer of `provider.httpApi.authorizers` with a `functionName`. Not IAM, Cognito
 * or an ARN of another stack's function.
 */
function authorizerFunction(type: string, raw: unknown, httpApiAuthorizers: Record<string, unknown>): string | undefined {
  if (!GUARDED_EVENTS.has(type) || !raw || typeof raw !== 'object') return undefined;
  const a = (raw as Record<string, unknown>).authorizer;
  const name = typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : undefined;
  if (typeof name !== 'string' || !name || name === 'aws_iam' || name.includes(':') || name.includes('${')) return undefined;
  if (type === 'httpApi') {
    const def = httpApiAuthorizers[name] as Record<string, unknown> | undefined;
    const fn = def && typeof def === 'object' && def.type === 'request' ? def.functionName : undefined;
    return typeof fn === 'string' ? fn : undefined;
  }
  return name;
}
