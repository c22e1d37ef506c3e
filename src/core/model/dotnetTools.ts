// Amazon.Lambda.Tools' project defaults (`aws-lambda-tools-defaults.json`, written by `dotnet new lambda.*`): what
// `dotnet lambda deploy-function` deploys from the project folder. With `function-handler` (or `package-type: image`)
// and no `template`, the file is the function's declaration; with `template`, `dotnet lambda deploy-serverless`
// deploys the CloudFormation template it names instead, and the file declares nothing itself.
//
// Keys and their meaning follow the tool (aws/aws-extensions-for-dotnet-cli, LambdaDefinedCommandOptions.cs): a key
// is an option's switch without its dashes, looked up case-sensitively (System.Text.Json's TryGetProperty, which
// takes the last of repeated keys); comments are skipped (JsonCommentHandling.Skip); `environment-variables` is a
// string `K1=v1;K2=v2` whose tokens may be double-quoted.
import type { Document, Node, Pair } from 'yaml';
import { mapEntries, nodeRange, toJS } from '../parsers/yaml';
import type { Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { finishUnit, maskEnvironment, num, str } from './runtimes';

/**
 * The text with `//` and `/* *\/` comments (outside strings) turned into spaces, newlines kept: the tool skips
 * comments, and offsets stay those of the file, so positions and line numbers are unchanged.
 */
export function blankJsonComments(text: string): string {
  if (!text.includes('/')) return text;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== '/' || (text[i + 1] !== '/' && text[i + 1] !== '*')) continue;
    const block = text[i + 1] === '*';
    let end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
    end = end < 0 ? text.length : block ? end + 2 : end;
    out += text.slice(from, i) + text.slice(i, end).replace(/[^\r\n]/g, ' ');
    from = end;
    i = end - 1;
  }
  return out + text.slice(from);
}

/** `K1=v1;K2="a;b"` → entries, as Amazon.Lambda.Tools' ParseKeyValueOption reads it (a quoted token may hold `;`/`=`). */
function parseKeyValueOption(option: string): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  const token = (endToken: string): string => {
    if (pos >= option.length) return '';
    let start = pos;
    let end = -1;
    const quoted = option[pos] === '"';
    if (quoted) {
      start = ++pos;
      while (pos < option.length && option[pos] !== '"') pos++;
      if (pos < option.length) end = pos;
    }
    while (pos < option.length && option[pos] !== endToken) pos++;
    if (!quoted && pos < option.length) end = pos;
    const t = end < 0 ? option.slice(start) : option.slice(start, end);
    pos++;
    return t;
  };
  while (pos < option.length) {
    const name = token('=').trim();
    const value = token(';');
    // The tool rejects an entry without a name (`;;`, `=x`); the others still say what the function is given.
    if (name) out[name] = value;
  }
  return out;
}

/** The file's top-level keys: the last pair of each (the tool's lookup), with its key and value nodes. */
function topLevel(root: Node | null): Map<string, Pair> {
  return new Map(mapEntries(root).map(([k, , pair]) => [k, pair]));
}

/** A comma-delimited option (`function-layers`, `function-subnets`) written as a string or a JSON array. */
function list(v: unknown): string[] | undefined {
  const items = Array.isArray(v) ? v.map((x) => str(x) ?? '') : typeof v === 'string' ? v.split(',') : [];
  const out = items.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** Function settings the tool applies that the model does not read into fields (a conversion calls each out). */
const OTHER_FUNCTION_SETTINGS = [
  'file-system-configs',
  'function-tags',
  'image-entrypoint',
  'image-working-directory',
  'kms-key',
  'log-application-level',
  'log-format',
  'log-group',
  'log-system-level',
  'snap-start-apply-on',
  'tracing-mode',
];

/** The folder a project file is in (`src/Orders/aws-lambda-tools-defaults.json` → `Orders`), '' at the root. */
function folderName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  return parts.length > 1 ? parts[parts.length - 2] : '';
}

/**
 * The function `dotnet lambda deploy-function` deploys from this project, or none: a file without `function-handler`
 * (and not an image function), or one naming a `template` (deploy-serverless reads the template instead). The unit is
 * named by `function-name`, else after the project folder; its code is the project folder (the CodeUri equivalent).
 */
export function extractDotnetToolsUnits(doc: Document.Parsed | undefined, file: string): Unit[] {
  const keys = topLevel((doc?.contents ?? null) as Node | null);
  const pair = (k: string) => keys.get(k);
  const value = (k: string): unknown => toJS(pair(k)?.value as Node | undefined);
  const text = (k: string): string | undefined => {
    const v = str(value(k))?.trim();
    return v ? v : undefined;
  };
  if (text('template')) return [];
  // The tool compares the package type case-insensitively (the templates write `image`).
  const packageType = text('package-type')?.toLowerCase();
  const image = packageType === 'image';
  // An image function's handler is its image command (the .NET base image's CMD is `Assembly::Type::Method`).
  const handlerKey = text('function-handler') ? 'function-handler' : image && list(value('image-command')) ? 'image-command' : undefined;
  if (!handlerKey && !image) return [];
  const handler = handlerKey ? (handlerKey === 'function-handler' ? text(handlerKey) : list(value(handlerKey))?.[0]) : undefined;

  const fieldRanges: Record<string, [number, number]> = {};
  const field = (k: string, as: string): unknown => {
    const r = nodeRange(pair(k)?.value as Node | undefined);
    if (r) fieldRanges[as] = r;
    return value(k);
  };
  const functionName = text('function-name');
  const assembly = handler?.includes('::') ? handler.slice(0, handler.indexOf('::')) : undefined;
  const declared = pair('function-name') ?? pair('function-handler') ?? pair('package-type') ?? pair('image-command');
  const range = nodeRange(declared?.key as Node | undefined) ?? [0, 0];

  if (handlerKey) field(handlerKey, 'handler');
  if (packageType === 'image' || packageType === 'zip') field('package-type', 'packageType');
  // Only the string form is read by the tool (an object here is ignored by `deploy-function`, so it is here too).
  const envText = str(field('environment-variables', 'environment'));
  const env = envText !== undefined ? parseKeyValueOption(envText) : undefined;
  const events: UnitEvent[] = [];
  const url = value('function-url-enable');
  if (url === true || url === 'true') {
    const r = nodeRange(pair('function-url-enable')?.value as Node | undefined);
    if (r) fieldRanges[`events.${events.length}`] = r;
    const auth = text('function-url-auth');
    events.push({ type: 'http', detail: 'function URL', functionUrl: true, ...(auth ? { authType: auth } : {}) });
  }
  const subnets = list(value('function-subnets'));
  const securityGroups = list(value('function-security-groups'));
  const durableTimeout = num(field('durable-execution-timeout', 'durable'));
  const durableDays = num(value('durable-retention-period-in-days'));
  const layers = list(field('function-layers', 'layers'));
  const otherSettings = OTHER_FUNCTION_SETTINGS.filter((k) => keys.has(k) && value(k) !== '' && value(k) !== null);
  const unit: Unit = {
    kind: 'lambda-function',
    name: functionName ?? (folderName(file) || assembly || 'function'),
    file,
    line: 0, // filled from range by the caller
    source: 'dotnet-lambda-tools',
    runtime: str(field('function-runtime', 'runtime'))?.trim() || undefined,
    handler,
    // As SAM's C# handlers have it; an assembly name alone (an executable) or `bootstrap` names no method.
    handlerExport: handler?.includes('::') ? splitHandler(handler)?.exportName : undefined,
    functionName,
    codeUri: '.',
    timeoutSeconds: num(field('function-timeout', 'timeoutSeconds')),
    memoryMB: num(field('function-memory-size', 'memoryMB')),
    ephemeralStorageMB: num(field('ephemerals-storage-size', 'ephemeralStorageMB')),
    architecture: text('function-architecture'),
    events,
    environment: env && Object.keys(env).length ? maskEnvironment(env) : undefined,
    role: text('function-role'),
    layers,
    packageType: image ? 'Image' : packageType === 'zip' ? 'Zip' : undefined,
    ...(image ? { dockerfile: text('dockerfile'), image: text('image-tag') ?? text('tag') } : {}),
    vpc: subnets || securityGroups ? { subnets, securityGroups } : undefined,
    durable: durableTimeout !== undefined || durableDays !== undefined ? { executionTimeoutSeconds: durableTimeout, retentionDays: durableDays } : undefined,
    deadLetterTarget: text('dead-letter-target-arn'),
    otherSettings: otherSettings.length ? otherSettings : undefined,
    range: [range[0], range[1]],
    fieldRanges,
    readiness: {},
  };
  if (unit.vpc) {
    if (!unit.vpc.subnets) delete unit.vpc.subnets;
    if (!unit.vpc.securityGroups) delete unit.vpc.securityGroups;
  }
  if (unit.durable) {
    if (unit.durable.executionTimeoutSeconds === undefined) delete unit.durable.executionTimeoutSeconds;
    if (unit.durable.retentionDays === undefined) delete unit.durable.retentionDays;
  }
  return [finishUnit(unit)];
}
