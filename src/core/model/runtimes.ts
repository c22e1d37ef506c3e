// Lambda runtime lifecycle and small helpers shared by every extractor.
import type { Unit, UnitEvent } from '../types';
import type { RouteAuth } from './routeAuth';

/**
 * Deprecation ("no new functions, no patches") and block-update dates, from the AWS runtime table as scraped into
 * endoflife.date on 2026-08-22 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). AWS calls these
 * forecasts; re-read the live table when updating.
 */
export const RUNTIME_TABLE: Record<string, { deprecation: string; blockUpdate: string }> = {
  'nodejs24.x': { deprecation: '2028-04-30', blockUpdate: '2028-07-01' },
  'nodejs22.x': { deprecation: '2027-04-30', blockUpdate: '2027-07-01' },
  'nodejs20.x': { deprecation: '2026-04-30', blockUpdate: '2027-03-03' },
  'nodejs18.x': { deprecation: '2025-09-01', blockUpdate: '2027-03-03' },
  'python3.14': { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  'python3.13': { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  'python3.12': { deprecation: '2028-10-31', blockUpdate: '2029-01-10' },
  'python3.11': { deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  'python3.10': { deprecation: '2026-10-31', blockUpdate: '2027-03-03' },
  'python3.9': { deprecation: '2025-12-15', blockUpdate: '2027-03-03' },
  java25: { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  java21: { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  java17: { deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  'java17.al2023': { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  'java11.al2023': { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  'java8.al2023': { deprecation: '2029-06-30', blockUpdate: '2029-08-31' },
  java11: { deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  'java8.al2': { deprecation: '2027-06-30', blockUpdate: '2027-08-31' },
  // .NET, from the same AWS table as listed by endoflife.ai ([secondary]
  // https://dev.to/endoflifeai/aws-lambda-net-5-6-and-8-every-deprecation-date-2k83): block-update dates, not creation.
  dotnet10: { deprecation: '2028-11-14', blockUpdate: '2029-01-15' },
  dotnet8: { deprecation: '2026-11-10', blockUpdate: '2027-03-03' },
  dotnet6: { deprecation: '2024-12-20', blockUpdate: '2027-03-03' },
};

/** Supported runtimes of each family, oldest first: the last is what an upgrade writes. */
const SUCCESSORS: [RegExp, string[]][] = [
  [/^nodejs/, ['nodejs22.x', 'nodejs24.x']],
  [/^python/, ['python3.13', 'python3.14']],
  [/^java/, ['java21', 'java25']],
  [/^dotnet/, ['dotnet10']],
  [/^ruby/, ['ruby3.4']],
  [/^(?:go1\.x|provided)$/, ['provided.al2023']],
];

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** The supported runtimes to move `runtime` to (newest last), itself left out; none for an unknown family. */
export function runtimeSuccessors(runtime: string): string[] {
  return (SUCCESSORS.find(([re]) => re.test(runtime))?.[1] ?? []).filter((r) => r !== runtime);
}

/** Runtimes long past every date in the table (blocked for updates before 2026). */
export const RETIRED_RUNTIMES = new Set([
  'nodejs16.x',
  'nodejs14.x',
  'nodejs12.x',
  'nodejs10.x',
  'nodejs8.10',
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'python3.8',
  'python3.7',
  'python3.6',
  'python2.7',
  'java8',
  'dotnetcore3.1',
  'dotnetcore2.1',
  'dotnetcore2.0',
  'dotnetcore1.0',
  'go1.x',
  'provided',
  'ruby2.7',
  'ruby2.5',
]);

/** The date of the runtime table; used as "today" when a caller gives none, so results stay reproducible. */
export const RUNTIME_TABLE_DATE = '2026-08-22';

/** CDK `Runtime.NODEJS_20_X` / `Runtime.PYTHON_3_12` → `nodejs20.x` / `python3.12`. */
export function cdkRuntimeId(member: string): string | undefined {
  let m = /^NODEJS_(\d+)_X$/.exec(member);
  if (m) return `nodejs${m[1]}.x`;
  m = /^PYTHON_(\d+)_(\d+)$/.exec(member);
  if (m) return `python${m[1]}.${m[2]}`;
  m = /^JAVA_(\d+)(?:_(\w+))?$/.exec(member);
  if (m) return `java${m[1]}${m[2] ? '.' + m[2].toLowerCase() : ''}`;
  m = /^DOTNET_(\d+)$/.exec(member);
  if (m) return `dotnet${m[1]}`;
  m = /^RUBY_(\d+)_(\d+)$/.exec(member);
  if (m) return `ruby${m[1]}.${m[2]}`;
  // aws-cdk-lib's "latest Node.js in every region" (`isVariable`: a newer aws-cdk-lib may name a newer version; the
  // synthesized template carries the one the app's aws-cdk-lib names). nodejs24.x in aws-cdk-lib's runtime.ts as of the
  // runtime table's date.
  if (member === 'NODEJS_LATEST') return 'nodejs24.x';
  if (member === 'DOTNET_CORE_3_1') return 'dotnetcore3.1';
  if (member === 'GO_1_X') return 'go1.x';
  if (member === 'PROVIDED') return 'provided';
  if (member === 'PROVIDED_AL2023') return 'provided.al2023';
  if (member === 'PROVIDED_AL2') return 'provided.al2';
  return undefined;
}

// One detector for every extractor: src/core/secrets.ts.
export { maskEnvironment } from '../secrets';

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** 1-based line of an offset, for extractors that run outside the IaC branch of analyzeFile. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * A function declared as Lambda@Edge (`cloudfront.experimental.EdgeFunction`, the lambda module's `lambda_at_edge =
 * true`): made in us-east-1 and replicated to CloudFront's edge locations, whether or not a distribution in the same
 * file names it. `declaredBy` says how, for the message.
 */
export function markEdgeFunction(unit: Unit, at: [number, number], declaredBy: string): void {
  // A distribution's association already says so, where it is.
  if (unit.events.some((e) => e.invokedBy === 'cloudfront')) return;
  unit.fieldRanges![`events.${unit.events.length}`] = at;
  unit.events.push({ type: 'other', detail: `a Lambda@Edge function (${declaredBy})`, invokedBy: 'cloudfront' });
}

/**
 * The CDK models' reading of a construct made in a helper method: each of the helper's calls (and, when some call's id
 * does not read, the construct's own unit with every parameter unknown) is read with the helper's parameters bound in
 * `consts` to that call's arguments, then `consts` is put back. A parameter bound to nothing hides a constant of its name.
 */
export function readPerHelperCall<N, C extends { bindings: readonly (readonly [string, N | undefined])[] }>(
  consts: Map<string, N>,
  helper: { calls: C[]; unread: boolean; params: string[] } | undefined,
  own: (bindings: [string, undefined][]) => C,
  read: (c: C) => void,
): void {
  const runs = [...(!helper || helper.unread ? [own((helper?.params ?? []).map((k): [string, undefined] => [k, undefined]))] : []), ...(helper?.calls ?? [])];
  const bind = (pairs: readonly (readonly [string, N | undefined])[]) => {
    for (const [k, v] of pairs) {
      if (v) consts.set(k, v);
      else consts.delete(k);
    }
  };
  for (const c of runs) {
    const saved = c.bindings.map(([k]) => [k, consts.get(k)] as const);
    bind(c.bindings);
    read(c);
    bind(saved);
  }
}

/**
 * The trigger of API Gateway v2 routes (`keys`: their route keys, or what names the integration when no route does): a
 * WebSocket API's, or an HTTP API's, with the guard of the first guarded route. Every format reads them alike.
 */
export function apiV2Event(websocket: boolean, keys: string, authorizer?: RouteAuth): UnitEvent {
  const e: UnitEvent = websocket
    ? { type: 'http', detail: `websocket ${keys}`.trim(), websocket: true, apiGateway: 'websocket' }
    : { type: 'http', detail: `HTTP API ${keys}`.trim(), apiGateway: 'http' };
  if (authorizer) e.authorizer = authorizer;
  return e;
}

/**
 * Finishes an extracted unit: records the values that were left unresolved (sorted) and drops fields the source did
 * not set, so JSON output and goldens carry only what the IaC declares.
 */
export function finishUnit(unit: Unit, unresolved?: ReadonlySet<string>): Unit {
  if (unresolved?.size) unit.unresolved = [...unresolved].sort();
  for (const k of Object.keys(unit) as (keyof Unit)[]) if (unit[k] === undefined) delete unit[k];
  return unit;
}

/** A name in CONSTANT_CASE with at least two parts (`JAVA_21`, `ORDERS_FN`): an enum member or a module constant. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** CDK event source classes (aws-lambda-event-sources) → the trigger they are, for the TypeScript, Python and Java models. */
export const CDK_EVENT_SOURCES: Readonly<Record<string, UnitEvent['type']>> = {
  SqsEventSource: 'sqs',
  SnsEventSource: 'sns',
  S3EventSource: 's3',
  S3EventSourceV2: 's3',
  KinesisEventSource: 'stream',
  DynamoEventSource: 'stream',
  ManagedKafkaEventSource: 'stream',
  SelfManagedKafkaEventSource: 'stream',
};
