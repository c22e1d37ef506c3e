import type { Document, Node } from 'yaml';
import { getPath, mapEntries, mapGet, nodeRange, scalarValue, toJS } from '../parsers/yaml';
import type { Unit, UnitEvent } from '../types';

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

function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** SAM event → normalised event. */
function samEvent(type: string, props: Record<string, unknown>): UnitEvent {
  switch (type) {
    case 'Schedule':
    case 'ScheduleV2':
      return { type: 'schedule', detail: str(props.Schedule ?? props.ScheduleExpression), timeZone: str(props.ScheduleExpressionTimezone) };
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

/** `src/app.handler` → { file: 'src/app', export: 'handler' }. */
export function splitHandler(handler: string): { modulePath: string; exportName: string } | undefined {
  const i = handler.lastIndexOf('.');
  if (i <= 0) return undefined;
  return { modulePath: handler.slice(0, i), exportName: handler.slice(i + 1) };
}

/** Extracts Lambda functions from a parsed SAM/CloudFormation template (YAML or JSON parsed as YAML). */
export function extractCloudFormationUnits(doc: Document.Parsed, file: string): Unit[] {
  const root = doc.contents as Node | null;
  if (!root) return [];
  const isSam = /AWS::Serverless/.test(String(toJS(mapGet(root, 'Transform')) ?? ''));
  const params = new Map<string, unknown>();
  for (const [name, node] of mapEntries(mapGet(root, 'Parameters'))) params.set(name, toJS(mapGet(node, 'Default')));
  const globals = getPath(root, ['Globals', 'Function']);
  const units: Unit[] = [];
  for (const [name, res, pair] of mapEntries(mapGet(root, 'Resources'))) {
    const type = scalarValue(mapGet(res, 'Type'));
    if (typeof type !== 'string' || !FUNCTION_TYPES.has(type)) continue;
    const props = mapGet(res, 'Properties');
    const serverless = type === 'AWS::Serverless::Function';
    // The function's own value wins over Globals.Function.
    const prop = (key: string): Node | undefined => mapGet(props, key) ?? (serverless ? mapGet(globals, key) : undefined);
    const fieldRanges: Record<string, [number, number]> = {};
    const field = (key: string, as: string): unknown => {
      const node = prop(key);
      const r = nodeRange(node);
      if (r) fieldRanges[as] = r;
      return resolveValue(node, params);
    };
    const events: UnitEvent[] = [];
    for (const [, ev] of mapEntries(mapGet(props, 'Events'))) {
      const evType = str(scalarValue(mapGet(ev, 'Type')));
      const evProps = (toJS(mapGet(ev, 'Properties')) ?? {}) as Record<string, unknown>;
      if (evType) events.push(samEvent(evType, evProps));
    }
    const handler = str(field('Handler', 'handler'));
    const env = toJS(getPath(props, ['Environment', 'Variables'])) as Record<string, unknown> | undefined;
    const range = nodeRange(pair.key as Node) ?? [0, 0];
    const codeUri = str(resolveValue(prop('CodeUri'), params));
    const entryPoints = toJS(getPath(res, ['Metadata', 'BuildProperties', 'EntryPoints']));
    units.push({
      kind: 'lambda-function',
      name,
      file,
      line: 0, // filled from range by the caller
      source: isSam || serverless ? 'sam' : 'cloudformation',
      runtime: str(field('Runtime', 'runtime')),
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      entryPoints: Array.isArray(entryPoints) ? entryPoints.map(String) : undefined,
      timeoutSeconds: num(field('Timeout', 'timeoutSeconds')),
      memoryMB: num(field('MemorySize', 'memoryMB')),
      events,
      environment: env ? Object.fromEntries(Object.keys(env).map((k) => [k, ''])) : undefined,
      range: [range[0], range[1]],
      fieldRanges,
      readiness: {},
    });
  }
  return units;
}
