import { isScalar, type Document, type Node } from 'yaml';
import { getPath, mapEntries, mapGet, nodeRange, scalarValue, toJS } from '../parsers/yaml';
import { CONVERTED_FROM, type SizedField, type Unit, type UnitEvent } from '../types';
import { type RouteAuth, routeAuthFromType, samAuthorizer } from './routeAuth';
import { apiV2Event, finishUnit, maskEnvironment, num, str } from './runtimes';
import { addGranted, apiPermissionEvent, mappingSource, permissionEvent, type GrantedInvoke } from './invokers';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** Resolves `!Ref Param` to the parameter's Default; literals pass through; anything else is unknown. */
function resolveValue(node: Node | undefined, params: Map<string, unknown>): unknown {
  const v = toJS(node);
  if (v && typeof v === 'object' && !Array.isArray(v) && 'Ref' in (v as Record<string, unknown>)) {
    const ref = String((v as Record<string, unknown>).Ref);
    return params.get(ref);
  }
  if (v && typeof v === 'object') return undefined;
  return v;
}

/** SAM event → normalised event. */
function samEvent(type: string, props: Record<string, unknown>): UnitEvent {
  const e = samEventBase(type, props);
  // Settings every conversion must carry or call out (issue #20): disabled sources, filters, batching.
  if (props.Enabled === false || props.Enabled === 'false' || props.State === 'DISABLED') e.enabled = false;
  if (props.FilterCriteria !== undefined) e.filterCriteria = props.FilterCriteria;
  if (props.FilterPolicy !== undefined) e.filterPolicy = props.FilterPolicy;
  if (num(props.MaximumBatchingWindowInSeconds) !== undefined) e.maximumBatchingWindowInSeconds = num(props.MaximumBatchingWindowInSeconds);
  const maxConcurrency = num((props.ScalingConfig as Record<string, unknown> | undefined)?.MaximumConcurrency);
  if (maxConcurrency !== undefined) e.maximumConcurrency = maxConcurrency;
  if (Array.isArray(props.FunctionResponseTypes)) e.functionResponseTypes = props.FunctionResponseTypes.map(String);
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}

function samEventBase(type: string, props: Record<string, unknown>): UnitEvent {
  switch (type) {
    case 'Schedule':
    case 'ScheduleV2': {
      const e: UnitEvent = { type: 'schedule', detail: str(props.Schedule ?? props.ScheduleExpression) };
      if (typeof props.ScheduleExpressionTimezone === 'string') e.timeZone = props.ScheduleExpressionTimezone;
      return e;
    }
    case 'SQS':
      return { type: 'sqs', detail: describeRef(props.Queue), batchSize: props.BatchSize };
    case 'SNS':
      return { type: 'sns', detail: describeRef(props.Topic) };
    case 'S3':
      return { type: 's3', detail: describeRef(props.Bucket) };
    case 'Api':
    case 'HttpApi':
      return { type: 'http', detail: [str(props.Method)?.toUpperCase(), str(props.Path)].filter(Boolean).join(' ') || type };
    case 'Kinesis':
    case 'DynamoDB':
    case 'MSK':
    case 'MQ':
    case 'SelfManagedKafka':
      return { type: 'stream', detail: `${type} ${describeRef(props.Stream ?? props.Queues ?? props.Topics) ?? ''}`.trim() };
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
      return { type: 'eventbridge', detail: props.Pattern ? JSON.stringify(props.Pattern) : undefined };
    default:
      return { type: 'other', detail: type };
  }
}

/** A short human description of a CloudFormation value (`!GetAtt Queue.Arn` → `Queue.Arn`). */
/** An `EventInvokeConfig`'s `DestinationConfig.OnSuccess`/`OnFailure` destination, as written. */
function destinationOf(config: Record<string, unknown>, outcome: 'OnSuccess' | 'OnFailure'): unknown {
  return ((config.DestinationConfig as Record<string, unknown> | undefined)?.[outcome] as Record<string, unknown> | undefined)?.Destination;
}

export function describeRef(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(describeRef).join(', ');
  const o = v as Record<string, unknown>;
  if ('Ref' in o) return String(o.Ref);
  if ('Fn::GetAtt' in o) return Array.isArray(o['Fn::GetAtt']) ? (o['Fn::GetAtt'] as unknown[]).join('.') : String(o['Fn::GetAtt']);
  if ('Fn::Sub' in o) return typeof o['Fn::Sub'] === 'string' ? o['Fn::Sub'] : describeRef((o['Fn::Sub'] as unknown[])[0]);
  return JSON.stringify(v);
}

const SIZED = new Set<string>(['timeoutSeconds', 'memoryMB', 'ephemeralStorageMB', 'reservedConcurrency']);

/** Function properties the model reads into a unit field (everything else lands in `otherSettings`). */
const MODELLED_PROPERTIES = new Set([
  'Handler',
  'Runtime',
  'CodeUri',
  'Code',
  'InlineCode',
  'FunctionName',
  'Timeout',
  'MemorySize',
  'EphemeralStorage',
  'Architectures',
  'Environment',
  'Events',
  'Role',
  'Policies',
  'ReservedConcurrentExecutions',
  'Layers',
  'PackageType',
  'ImageUri',
  'VpcConfig',
  'FileSystemConfigs',
  'DurableConfig',
  'EventInvokeConfig',
  'DeadLetterQueue',
  'DeadLetterConfig',
  'FunctionUrlConfig',
]);

/** `!Ref Timeout` / `{ 'Fn::If': … }` as a short reference text for notes. */
function describeIntrinsic(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const [k] = Object.keys(v as object);
    if (k === 'Ref') return `!Ref ${String((v as Record<string, unknown>).Ref)}`;
    if (k?.startsWith('Fn::')) return `!${k.slice(4)} ${describeRef((v as Record<string, unknown>)[k]) ?? ''}`.trim();
  }
  return describeRef(v) ?? String(v);
}

function refList(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map((x) => describeRef(x) ?? '');
  return v === undefined ? undefined : [describeRef(v) ?? ''];
}

/** `src/app.handler` → { file: 'src/app', export: 'handler' }. */
export function splitHandler(handler: string): { modulePath: string; exportName: string } | undefined {
  const i = handler.lastIndexOf('.');
  if (i <= 0) return undefined;
  return { modulePath: handler.slice(0, i), exportName: handler.slice(i + 1) };
}

/** The logical id a CloudFormation value points at (`!Ref F`, `!GetAtt F.Arn`, `!Sub ${F.Arn}`). */
/** The function an API Gateway integration URI invokes, as a reference `attach` reads, when it is one of `functions`. */
function integrationFunction(uri: unknown, functions: ReadonlyMap<string, Unit>): unknown {
  const direct = refTarget(uri);
  if (direct && functions.has(direct)) return uri;
  const text = JSON.stringify(uri ?? '');
  for (const m of text.matchAll(/\$\{([\w]+)(?:\.Arn)?\}|"Fn::GetAtt":\["?([\w]+)/g)) {
    const id = m[1] ?? m[2];
    if (id && functions.has(id)) return { Ref: id };
  }
  return undefined;
}

export function refTarget(v: unknown): string | undefined {
  if (typeof v === 'string') return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if ('Ref' in o) return String(o.Ref);
  if ('Fn::GetAtt' in o) {
    const g = o['Fn::GetAtt'];
    return Array.isArray(g) ? String(g[0]) : String(g).split('.')[0];
  }
  if ('Fn::Sub' in o && typeof o['Fn::Sub'] === 'string') {
    const m = /^\$\{([\w]+)(?:\.[\w.]+)?\}$/.exec(o['Fn::Sub']);
    return m?.[1];
  }
  return undefined;
}

/** Extracts Lambda functions from a parsed SAM/CloudFormation template (YAML or JSON parsed as YAML). */
export function extractCloudFormationUnits(doc: Document.Parsed, file: string): Unit[] {
  const root = doc.contents as Node | null;
  if (!root) return [];
  const isSam = /AWS::Serverless/.test(String(toJS(mapGet(root, 'Transform')) ?? ''));
  const params = new Map<string, unknown>();
  for (const [name, node] of mapEntries(mapGet(root, 'Parameters'))) params.set(name, toJS(mapGet(node, 'Default')));
  const mappings = toJS(mapGet(root, 'Mappings')) as Record<string, Record<string, Record<string, unknown>>> | undefined;
  /** A string a template writes: literal, a parameter's default (`!Ref`), or a `!FindInMap` whose keys are such strings. */
  const stringOf = (v: unknown, depth = 0): string | undefined => {
    if (typeof v === 'string') return v;
    if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 3) return undefined;
    const o = v as Record<string, unknown>;
    if ('Ref' in o) return str(params.get(String(o.Ref)));
    const path = o['Fn::FindInMap'];
    if (!Array.isArray(path) || path.length < 3) return undefined;
    const [m, a, b] = path.slice(0, 3).map((x) => stringOf(x, depth + 1));
    const hit = m !== undefined && a !== undefined && b !== undefined ? mappings?.[m]?.[a]?.[b] : undefined;
    return typeof hit === 'string' ? hit : undefined;
  };
  /**
   * Code deployed from a package in S3 (`Code: { S3Bucket, S3Key }`, SAM's `CodeUri: { Bucket, Key }`): `s3://bucket/key`
   * for a zip or jar, as SAM writes it (the join reads the package's name, join/workspace.ts archiveSource). A bucket
   * decided at deploy time (a region's mapping) is `<bucket>`.
   */
  const packageInS3 = (code: unknown): string | undefined => {
    if (!code || typeof code !== 'object' || Array.isArray(code)) return undefined;
    const c = code as Record<string, unknown>;
    const key = stringOf(c.S3Key ?? c.Key);
    if (!key || !/\.(?:zip|jar)$/i.test(key) || /[\s${}]/.test(key)) return undefined;
    return `s3://${stringOf(c.S3Bucket ?? c.Bucket) ?? '<bucket>'}/${key.replace(/^\/+/, '')}`;
  };
  const globals = getPath(root, ['Globals', 'Function']);
  const resources = mapEntries(mapGet(root, 'Resources'));
  const resourceType = new Map(resources.map(([n, r]) => [n, str(scalarValue(mapGet(r, 'Type')))]));
  const queueVisibility = (target: string | undefined): number | undefined => {
    if (!target || resourceType.get(target) !== 'AWS::SQS::Queue') return undefined;
    const res = resources.find(([n]) => n === target)?.[1];
    // An SQS queue's default visibility timeout is 30 s.
    return num(resolveValue(getPath(res, ['Properties', 'VisibilityTimeout']), params)) ?? 30;
  };
  /**
   * The guard of a SAM Api or HttpApi event: its own `Auth.Authorizer`, else its API's `Auth.DefaultAuthorizer` (the
   * API its RestApiId/ApiId names, or the implicit one), with Globals.Api/HttpApi.Auth merged under the API's own; an API
   * key when the event or API requires one and no authorizer applies.
   */
  const samRouteAuth = (evType: string, evProps: Record<string, unknown>): RouteAuth | undefined => {
    const apiRef = refTarget(evType === 'Api' ? evProps.RestApiId : evProps.ApiId);
    const apiRes = apiRef ? resources.find(([n]) => n === apiRef)?.[1] : undefined;
    const own = (toJS(getPath(apiRes, ['Properties', 'Auth'])) ?? {}) as Record<string, unknown>;
    const global = (toJS(getPath(root, ['Globals', evType, 'Auth'])) ?? {}) as Record<string, unknown>;
    const apiAuth = { ...global, ...own };
    const authorizers = { ...(global.Authorizers as object), ...(own.Authorizers as object) } as Record<string, unknown>;
    const evAuth = (evProps.Auth ?? {}) as Record<string, unknown>;
    const chosen = evAuth.Authorizer !== undefined ? evAuth.Authorizer : apiAuth.DefaultAuthorizer;
    const guard = samAuthorizer(chosen, authorizers);
    if (guard) return guard;
    const apiKey = evAuth.ApiKeyRequired !== undefined ? evAuth.ApiKeyRequired : apiAuth.ApiKeyRequired;
    return apiKey === true || apiKey === 'true' ? { kind: 'apiKey' } : undefined;
  };
  const units: Unit[] = [];
  const byName = new Map<string, Unit>();
  for (const [name, res, pair] of resources) {
    const type = resourceType.get(name);
    if (typeof type !== 'string' || !FUNCTION_TYPES.has(type)) continue;
    const props = mapGet(res, 'Properties');
    const serverless = type === 'AWS::Serverless::Function';
    // The function's own value wins over Globals.Function.
    const prop = (key: string): Node | undefined => mapGet(props, key) ?? (serverless ? mapGet(globals, key) : undefined);
    const fieldRanges: Record<string, [number, number]> = {};
    const unresolvedFields: Partial<Record<SizedField, string>> = {};
    const field = (key: string, as: string): unknown => {
      const node = prop(key);
      const r = nodeRange(node);
      if (r) fieldRanges[as] = r;
      const v = resolveValue(node, params);
      // A parameter without a Default, or an intrinsic (!If, !FindInMap…): the value is decided at deploy time.
      if (v === undefined && node !== undefined && SIZED.has(as)) unresolvedFields[as as SizedField] = describeIntrinsic(toJS(node));
      return v;
    };
    const events: UnitEvent[] = [];
    for (const [, ev, evPair] of mapEntries(mapGet(props, 'Events'))) {
      const evType = str(scalarValue(mapGet(ev, 'Type')));
      const evProps = (toJS(mapGet(ev, 'Properties')) ?? {}) as Record<string, unknown>;
      if (!evType) continue;
      const e = samEvent(evType, evProps);
      if (e.type === 'sqs') {
        const vis = queueVisibility(refTarget(evProps.Queue));
        if (vis !== undefined) e.visibilityTimeout = vis;
      }
      if (evType === 'Api' || evType === 'HttpApi') {
        e.apiGateway = evType === 'Api' ? 'rest' : 'http';
        const auth = samRouteAuth(evType, evProps);
        if (auth) e.authorizer = auth;
      }
      const r = nodeRange(evPair.key as Node);
      if (r) fieldRanges[`events.${events.length}`] = r;
      events.push(e);
    }
    const handler = str(field('Handler', 'handler'));
    // SAM merges map-valued Globals key by key; the function's own variables win.
    const globalEnv = serverless ? (toJS(getPath(globals, ['Environment', 'Variables'])) as Record<string, unknown> | undefined) : undefined;
    const ownEnv = toJS(getPath(props, ['Environment', 'Variables'])) as Record<string, unknown> | undefined;
    const env = globalEnv || ownEnv ? { ...globalEnv, ...ownEnv } : undefined;
    const range = nodeRange(pair.key as Node) ?? [0, 0];
    // An image function's build context (sam build reads Metadata.DockerContext and Metadata.Dockerfile).
    const codeUri =
      str(resolveValue(prop('CodeUri'), params)) ??
      str(toJS(getPath(res, ['Metadata', 'DockerContext']))) ??
      packageInS3(toJS(prop('CodeUri') ?? prop('Code')));
    const dockerfile = str(toJS(getPath(res, ['Metadata', 'Dockerfile'])));
    const inlineNode = (prop('InlineCode') ?? getPath(props, ['Code', 'ZipFile'])) as Node | undefined;
    const inlineCode = inlineNode !== undefined;
    // Code written in the template as a block scalar (`ZipFile: |`, `InlineCode: !Sub |`): its text and where it is
    // written, for the file's analysis to read as the function's code (analyze.ts).
    const scalar = inlineNode && isScalar(inlineNode) ? (inlineNode.value as unknown) : undefined;
    // `!Sub |` reads as `{ 'Fn::Sub': text }`: the text as written, placeholders and all.
    const inlineText =
      typeof scalar === 'string'
        ? scalar
        : scalar && typeof (scalar as Record<string, unknown>)['Fn::Sub'] === 'string'
          ? (scalar as Record<string, string>)['Fn::Sub']
          : undefined;
    const inlineAt = inlineText !== undefined && /^BLOCK_/.test(String((inlineNode as { type?: string }).type)) ? nodeRange(inlineNode) : undefined;
    const entryPoints = toJS(getPath(res, ['Metadata', 'BuildProperties', 'EntryPoints']));
    const buildMethod = str(toJS(getPath(res, ['Metadata', 'BuildMethod'])))?.toLowerCase();
    const arch = toJS(prop('Architectures'));
    const layers = toJS(prop('Layers'));
    const layersRange = nodeRange(prop('Layers'));
    if (layersRange) fieldRanges.layers = layersRange;
    const durableRange = nodeRange(prop('DurableConfig'));
    if (durableRange) fieldRanges.durable = durableRange;
    const policies = toJS(mapGet(props, 'Policies'));
    const role = toJS(mapGet(props, 'Role'));
    const packageType = str(field('PackageType', 'packageType'));
    const ephemeralNode = getPath(prop('EphemeralStorage'), ['Size']);
    const ephemeral = num(resolveValue(ephemeralNode, params));
    if (ephemeral !== undefined) fieldRanges.ephemeralStorageMB = nodeRange(ephemeralNode)!;
    else if (ephemeralNode !== undefined) unresolvedFields.ephemeralStorageMB = describeIntrinsic(toJS(ephemeralNode));
    const vpcConfig = toJS(prop('VpcConfig')) as Record<string, unknown> | undefined;
    const fileSystems = toJS(prop('FileSystemConfigs'));
    const durableConfig = toJS(prop('DurableConfig')) as Record<string, unknown> | undefined;
    const invokeConfig = (toJS(prop('EventInvokeConfig')) ?? {}) as Record<string, unknown>;
    const dlq = (toJS(prop('DeadLetterQueue')) ?? toJS(prop('DeadLetterConfig'))) as Record<string, unknown> | undefined;
    const onFailure = destinationOf(invokeConfig, 'OnFailure');
    const onSuccess = destinationOf(invokeConfig, 'OnSuccess');
    const urlConfig = toJS(prop('FunctionUrlConfig')) as Record<string, unknown> | undefined;
    if (urlConfig && typeof urlConfig === 'object')
      events.push({
        type: 'http',
        detail: 'function URL',
        functionUrl: true,
        ...(typeof urlConfig.AuthType === 'string' ? { authType: urlConfig.AuthType } : {}),
        ...(typeof urlConfig.InvokeMode === 'string' ? { invokeMode: urlConfig.InvokeMode } : {}),
      });
    const declared = new Set([...mapEntries(props).map(([k]) => k), ...(serverless ? mapEntries(globals).map(([k]) => k) : [])]);
    const otherSettings = [...declared].filter((k) => !MODELLED_PROPERTIES.has(k)).sort();
    const reserved = num(field('ReservedConcurrentExecutions', 'reservedConcurrency'));
    const unit: Unit = {
      kind: 'lambda-function',
      name,
      file,
      line: 0, // filled from range by the caller
      source: isSam || serverless ? 'sam' : 'cloudformation',
      runtime: str(field('Runtime', 'runtime')),
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      functionName: str(resolveValue(mapGet(props, 'FunctionName'), params)),
      codeUri,
      ...(inlineCode ? { inlineCode } : {}),
      ...(inlineText !== undefined && inlineAt ? { inlineSource: { code: inlineText, range: inlineAt } } : {}),
      entryPoints: Array.isArray(entryPoints) ? entryPoints.map(String) : undefined,
      ...(buildMethod ? { buildMethod } : {}),
      timeoutSeconds: num(field('Timeout', 'timeoutSeconds')),
      memoryMB: num(field('MemorySize', 'memoryMB')),
      ephemeralStorageMB: ephemeral,
      architecture: Array.isArray(arch) && arch.length ? String(arch[0]) : undefined,
      events,
      environment: maskEnvironment(env),
      role: role === undefined ? undefined : describeRef(role),
      policies: Array.isArray(policies)
        ? policies.map((p) => (typeof p === 'string' ? p : (Object.keys(p as object)[0] ?? describeRef(p) ?? '')))
        : typeof policies === 'string'
          ? [policies]
          : undefined,
      reservedConcurrency: reserved,
      layers: Array.isArray(layers) ? layers.map((l) => describeRef(l) ?? '') : undefined,
      packageType: packageType === 'Image' || packageType === 'Zip' ? packageType : undefined,
      dockerfile,
      image: str(resolveValue(prop('ImageUri'), params)) ?? (prop('ImageUri') ? describeRef(toJS(prop('ImageUri'))) : undefined),
      unresolvedFields: Object.keys(unresolvedFields).length ? unresolvedFields : undefined,
      vpc:
        vpcConfig && typeof vpcConfig === 'object' ? { subnets: refList(vpcConfig.SubnetIds), securityGroups: refList(vpcConfig.SecurityGroupIds) } : undefined,
      fileSystems: Array.isArray(fileSystems)
        ? fileSystems.map((f) => ({
            accessPoint: describeRef((f as Record<string, unknown>)?.Arn) ?? '',
            mountPath: str((f as Record<string, unknown>)?.LocalMountPath) ?? '',
          }))
        : undefined,
      durable:
        durableConfig && typeof durableConfig === 'object'
          ? { executionTimeoutSeconds: num(durableConfig.ExecutionTimeout), retentionDays: num(durableConfig.RetentionPeriodInDays) }
          : undefined,
      maximumRetryAttempts: num(invokeConfig.MaximumRetryAttempts),
      maximumEventAgeSeconds: num(invokeConfig.MaximumEventAgeInSeconds),
      deadLetterTarget: describeRef(dlq?.TargetArn) ?? describeRef(onFailure),
      successTarget: describeRef(onSuccess),
      otherSettings: otherSettings.length ? otherSettings : undefined,
      range: [range[0], range[1]],
      fieldRanges,
      readiness: {},
      generatedFrom: str(toJS(getPath(res, ['Metadata', CONVERTED_FROM]))),
    };
    finishUnit(unit);
    units.push(unit);
    byName.set(name, unit);
  }
  // Permissions granted to a Lambda-only service, kept until every resource that names its function has been read.
  const granted: GrantedInvoke[] = [];
  // Triggers declared as separate resources point back at the function.
  for (const [name, res, pair] of resources) {
    const type = resourceType.get(name);
    const props = mapGet(res, 'Properties');
    const at = nodeRange(pair.key as Node);
    const attach = (fnRef: unknown, e: UnitEvent) => {
      const u = byName.get(refTarget(fnRef) ?? (typeof fnRef === 'string' ? fnRef : ''));
      if (!u) return;
      if (at) u.fieldRanges![`events.${u.events.length}`] = at;
      u.events.push(e);
    };
    if (type === 'AWS::Events::Rule') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const targets = Array.isArray(p.Targets) ? (p.Targets as Record<string, unknown>[]) : [];
      const schedule = str(resolveValue(mapGet(props, 'ScheduleExpression'), params));
      const disabled = p.State === 'DISABLED' ? { enabled: false } : {};
      for (const t of targets) {
        attach(
          t.Arn,
          schedule
            ? { type: 'schedule', detail: schedule, rule: name, ...disabled }
            : { type: 'eventbridge', detail: p.EventPattern ? JSON.stringify(p.EventPattern) : name, rule: name, ...disabled },
        );
      }
    } else if (type === 'AWS::ApiGatewayV2::Integration' || type === 'AWS::ApiGateway::Method') {
      // An API Gateway integration that proxies to a function: `IntegrationUri`/`Integration.Uri` names it (GetAtt, or
      // `arn:…:functions/${Fn.Arn}/invocations` in a Sub). A v2 API's routes say what reaches it; a WEBSOCKET API's
      // routes are WebSocket ones.
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const uri = type === 'AWS::ApiGatewayV2::Integration' ? p.IntegrationUri : (p.Integration as Record<string, unknown> | undefined)?.Uri;
      const fn = integrationFunction(uri, byName);
      if (!fn) continue;
      // A SAM event of the same API already describes it (`Events: {Api: …}` beside the method it generates).
      const kind = type === 'AWS::ApiGateway::Method' ? 'rest' : undefined;
      if (kind && byName.get(refTarget(fn) ?? '')?.events.some((e) => e.type === 'http' && e.apiGateway === kind)) continue;
      if (type === 'AWS::ApiGateway::Method') {
        const e: UnitEvent = { type: 'http', detail: `${typeof p.HttpMethod === 'string' ? p.HttpMethod : 'ANY'} (REST API ${name})`, apiGateway: 'rest' };
        const auth = routeAuthFromType(p.AuthorizationType, refTarget(p.AuthorizerId)) ?? (p.ApiKeyRequired === true ? { kind: 'apiKey' as const } : undefined);
        if (auth) e.authorizer = auth;
        attach(fn, e);
        continue;
      }
      const api = refTarget(p.ApiId);
      const apiProps = api ? ((toJS(mapGet(resources.find(([n]) => n === api)?.[1], 'Properties')) ?? {}) as Record<string, unknown>) : {};
      const websocket = apiProps.ProtocolType === 'WEBSOCKET';
      const routes = resources
        .filter(([n]) => resourceType.get(n) === 'AWS::ApiGatewayV2::Route')
        .map(([, r]) => (toJS(mapGet(r, 'Properties')) ?? {}) as Record<string, unknown>)
        .filter((r) => JSON.stringify(r.Target ?? '').includes(`integrations/\${${name}}`) || refTarget(r.Target) === name);
      const keys = routes.length ? routes.map((r) => (typeof r.RouteKey === 'string' ? r.RouteKey : '?')).join(', ') : name;
      // A route's AuthorizationType (JWT, CUSTOM, AWS_IAM) guards it; the first guarded route speaks for the event.
      const auth = routes.map((r) => routeAuthFromType(r.AuthorizationType, refTarget(r.AuthorizerId))).find(Boolean);
      attach(fn, apiV2Event(websocket, keys, auth));
    } else if (type === 'AWS::Lambda::EventInvokeConfig') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const u = byName.get(refTarget(p.FunctionName) ?? (typeof p.FunctionName === 'string' ? p.FunctionName : ''));
      if (u) {
        if (num(p.MaximumRetryAttempts) !== undefined) u.maximumRetryAttempts = num(p.MaximumRetryAttempts);
        if (num(p.MaximumEventAgeInSeconds) !== undefined) u.maximumEventAgeSeconds = num(p.MaximumEventAgeInSeconds);
        const dest = destinationOf(p, 'OnFailure');
        if (dest !== undefined) u.deadLetterTarget = describeRef(dest);
        const success = destinationOf(p, 'OnSuccess');
        if (success !== undefined) u.successTarget = describeRef(success);
      }
    } else if (type === 'AWS::ElasticLoadBalancingV2::TargetGroup') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      if (p.TargetType === 'lambda')
        for (const t of Array.isArray(p.Targets) ? (p.Targets as Record<string, unknown>[]) : [])
          attach(t?.Id, { type: 'http', detail: `ALB ${name}`, alb: true });
    } else if (type === 'AWS::VpcLattice::TargetGroup') {
      // A VPC Lattice service's target group of type LAMBDA: Lattice invokes the function with each HTTP request.
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      if (p.Type === 'LAMBDA')
        for (const t of Array.isArray(p.Targets) ? (p.Targets as Record<string, unknown>[]) : [])
          attach(t?.Id, { type: 'http', detail: `VPC Lattice target group ${name}` });
    } else if (type === 'AWS::Lambda::Url') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      attach(p.TargetFunctionArn, {
        type: 'http',
        detail: 'function URL',
        functionUrl: true,
        ...(typeof p.AuthType === 'string' ? { authType: p.AuthType } : {}),
      });
    } else if (type === 'AWS::Lambda::EventSourceMapping') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const src = refTarget(p.EventSourceArn);
      const srcType = src ? resourceType.get(src) : undefined;
      const arnText = describeRef(p.EventSourceArn) ?? '';
      const isSqs = srcType === 'AWS::SQS::Queue' || /:sqs:/.test(arnText);
      const e: UnitEvent = isSqs
        ? { type: 'sqs', detail: arnText, batchSize: p.BatchSize, visibilityTimeout: queueVisibility(src) }
        : { type: 'stream', detail: `${srcType ?? mappingSource(p.SelfManagedEventSource, p.Topics, p.Queues)} ${arnText}`.trim(), batchSize: p.BatchSize };
      if (p.Enabled === false || p.Enabled === 'false') e.enabled = false;
      if (p.FilterCriteria !== undefined) e.filterCriteria = p.FilterCriteria;
      if (num((p.ScalingConfig as Record<string, unknown> | undefined)?.MaximumConcurrency) !== undefined)
        e.maximumConcurrency = num((p.ScalingConfig as Record<string, unknown>).MaximumConcurrency);
      if (num(p.MaximumBatchingWindowInSeconds) !== undefined) e.maximumBatchingWindowInSeconds = num(p.MaximumBatchingWindowInSeconds);
      if (Array.isArray(p.FunctionResponseTypes)) e.functionResponseTypes = p.FunctionResponseTypes.map(String);
      for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
      attach(p.FunctionName, e);
    } else if (type && INVOKERS[invokerKey(type)] !== undefined) {
      // Services that invoke a function by its ARN (a state machine's task, a user pool trigger, a custom resource, an
      // AppSync data source, a CloudFront Lambda@Edge association): every function the resource names.
      const invoker = INVOKERS[invokerKey(type)]!;
      const whole = toJS(invoker.path ? getPath(props, invoker.path) : props);
      const p = invoker.under ? valuesUnder(whole, invoker.under) : whole;
      const named = new Set<string>();
      for (const ref of referencedNames(p)) {
        // Lambda@Edge associates a version: follow AWS::Lambda::Version to its function (SAM: `Fn.Version`).
        const version =
          resourceType.get(ref) === 'AWS::Lambda::Version'
            ? refTarget(toJS(mapGet(mapGet(resources.find(([n]) => n === ref)?.[1], 'Properties'), 'FunctionName')) as unknown)
            : undefined;
        const fn = version ?? ref;
        if (byName.has(fn)) named.add(fn);
      }
      for (const fn of named) attach(fn, { type: invoker.event, detail: `${invoker.what} ${name}`, invokedBy: invoker.by });
    } else if (type === 'AWS::Lambda::Permission') {
      // A permission for a service whose only use for a function is a Lambda-only hook (a Cognito trigger, a Bedrock
      // agent's action group) says the function is one even when the service's own resource is made elsewhere.
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const sourceArn = p.SourceArn === undefined ? undefined : JSON.stringify(p.SourceArn);
      const event =
        permissionEvent(str(p.Principal), sourceArn, `permission ${name}`) ??
        apiPermissionEvent(str(p.Principal), sourceArn, `permission ${name}`, restApiPermission(sourceArn, resourceType));
      const unit = event ? byName.get(refTarget(p.FunctionName) ?? str(p.FunctionName) ?? '') : undefined;
      if (event && unit) granted.push({ unit, event, at });
    } else if (type === 'AWS::Scheduler::Schedule') {
      const p = (toJS(props) ?? {}) as Record<string, unknown>;
      const target = (p.Target ?? {}) as Record<string, unknown>;
      const e: UnitEvent = { type: 'schedule', detail: str(p.ScheduleExpression), scheduler: true };
      if (typeof p.ScheduleExpressionTimezone === 'string') e.timeZone = p.ScheduleExpressionTimezone;
      if (p.State === 'DISABLED') e.enabled = false;
      attach(target.Arn, e);
    }
  }
  addGranted(granted);
  return units;
}

/** REST API types of a template (payload 1.0), and HTTP API ones (2.0). */
const REST_API_TYPES = new Set(['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi']);
const HTTP_API_TYPES = new Set(['AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api']);

/**
 * Whether an API Gateway permission is for a REST API: its source ARN names one of the template's REST APIs, or it
 * names none and the template's APIs are all REST APIs.
 */
function restApiPermission(sourceArn: string | undefined, resourceType: ReadonlyMap<string, string | undefined>): boolean {
  const named = [...resourceType].filter(([n, t]) => (REST_API_TYPES.has(t ?? '') || HTTP_API_TYPES.has(t ?? '')) && sourceArn?.includes(n));
  const apis = named.length ? named : [...resourceType].filter(([, t]) => REST_API_TYPES.has(t ?? '') || HTTP_API_TYPES.has(t ?? ''));
  return apis.length > 0 && apis.every(([, t]) => REST_API_TYPES.has(t ?? ''));
}

/** AWS services that invoke a function they name in their own resource (not an event source of the function's). */
const INVOKERS: Record<string, { by: string; event: UnitEvent['type']; what: string; path?: string[]; under?: string }> = {
  'AWS::Serverless::StateMachine': { by: 'stepfunctions', event: 'direct', what: 'Step Functions state machine' },
  // A Lambda authorizer: API Gateway calls it before each request of the API (its `AuthorizerUri`, or SAM's `Auth`).
  'AWS::ApiGateway::Authorizer': { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', path: ['AuthorizerUri'] },
  'AWS::ApiGatewayV2::Authorizer': { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', path: ['AuthorizerUri'] },
  'AWS::Serverless::Api': { by: 'apigateway', event: 'other', what: 'API Gateway authorizer of API', path: ['Auth', 'Authorizers'] },
  'AWS::Serverless::HttpApi': { by: 'apigateway', event: 'other', what: 'API Gateway authorizer of API', path: ['Auth', 'Authorizers'] },
  'AWS::StepFunctions::StateMachine': { by: 'stepfunctions', event: 'direct', what: 'Step Functions state machine' },
  'AWS::Cognito::UserPool': { by: 'cognito', event: 'other', what: 'Cognito user pool trigger of', path: ['LambdaConfig'] },
  'AWS::CloudFormation::CustomResource': { by: 'cloudformation', event: 'other', what: 'CloudFormation custom resource', path: ['ServiceToken'] },
  'AWS::AppSync::DataSource': { by: 'appsync', event: 'direct', what: 'AppSync data source', path: ['LambdaConfig'] },
  'AWS::CloudFront::Distribution': {
    by: 'cloudfront',
    event: 'other',
    what: 'Lambda@Edge association of CloudFront distribution',
    path: ['DistributionConfig'],
  },
  // A delivery stream names a function only as its data transformation processor.
  // (`under`: only values under keys of that name, at any depth of the properties.)
  'AWS::KinesisFirehose::DeliveryStream': { by: 'firehose', event: 'other', what: 'Firehose delivery stream', under: 'ProcessingConfiguration' },
  'AWS::Lex::Bot': { by: 'lex', event: 'other', what: 'Lex bot', under: 'LambdaCodeHook' },
  'AWS::Lex::BotAlias': { by: 'lex', event: 'other', what: 'Lex bot alias', under: 'LambdaCodeHook' },
  'AWS::SecretsManager::RotationSchedule': { by: 'secretsmanager', event: 'other', what: 'Secrets Manager rotation schedule', path: ['RotationLambdaARN'] },
  'AWS::S3ObjectLambda::AccessPoint': { by: 's3objectlambda', event: 'other', what: 'S3 Object Lambda access point', under: 'AwsLambda' },
  'AWS::Config::ConfigRule': { by: 'config', event: 'other', what: 'AWS Config rule', path: ['Source'] },
  'AWS::Bedrock::Agent': { by: 'bedrock', event: 'other', what: 'Bedrock agent action group of', under: 'ActionGroupExecutor' },
  'AWS::Connect::IntegrationAssociation': { by: 'connect', event: 'other', what: 'Amazon Connect integration', path: ['IntegrationArn'] },
};

/** The values under keys named `key`, at any depth (a bounded walk). */
function valuesUnder(v: unknown, key: string, depth = 0): unknown[] {
  if (!v || typeof v !== 'object' || depth > 12) return [];
  if (Array.isArray(v)) return v.flatMap((x) => valuesUnder(x, key, depth + 1));
  return Object.entries(v).flatMap(([k, x]) => (k === key ? [x] : valuesUnder(x, key, depth + 1)));
}

/** Custom resources (`Custom::Seed`) are all AWS::CloudFormation::CustomResource to CloudFormation. */
function invokerKey(type: string): string {
  return type.startsWith('Custom::') ? 'AWS::CloudFormation::CustomResource' : type;
}

/**
 * Logical ids a JSON value refers to: `{Ref: X}`, `{"Fn::GetAtt": [X, …]}` / `"X.Arn"`, and `${X}` / `${X.Arn}` inside
 * `Fn::Sub` strings (a state machine's DefinitionString or DefinitionSubstitutions).
 */
function referencedNames(v: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 40 || v === null || v === undefined) return out;
  if (typeof v === 'string') {
    for (const m of v.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) out.add(m[1]);
    return out;
  }
  if (Array.isArray(v)) {
    for (const x of v) referencedNames(x, out, depth + 1);
    return out;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') out.add(o.Ref);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') out.add(getAtt[0]);
    else if (typeof getAtt === 'string') out.add(getAtt.split('.')[0]);
    for (const x of Object.values(o)) referencedNames(x, out, depth + 1);
  }
  return out;
}
