import { attr, blocksOf, type HclBlock, type HclBody, type HclFile, type HclValue, type Range } from '../parsers/hcl';
import type { FileFacts, ModuleCall, SizedField, Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { type RouteAuth, routeAuthFromType } from './routeAuth';
import { finishUnit, markEdgeFunction, maskEnvironment, num, str } from './runtimes';
import { addGranted, apiPermissionEvent, mappingSource, permissionEvent, type GrantedInvoke } from './invokers';

/** terraform-aws-modules/lambda from the registry, or its repository by git URL. */
const LAMBDA_MODULE = /terraform-aws-modules\/lambda\/aws|terraform-aws-modules\/terraform-aws-lambda/;
/** A module source inside this workspace (Terraform reads `./` and `../` paths as local). */
const LOCAL_SOURCE = /^\.\.?\//;

/** Inputs that describe a function: a name and code (handler/runtime) or an image. */
function functionLike(body: HclBody): boolean {
  return Boolean(attr(body, 'function_name') && (attr(body, 'handler') || attr(body, 'runtime') || attr(body, 'image_uri')));
}

/**
 * A wrapper the pre-commit-terraform `terraform_wrapper_module_for_each` hook generates (a module's `wrappers/main.tf`):
 * one instance per entry of `var.items`, every input `try(each.value.X, var.defaults.X, …)`. It declares no function of
 * its own: the functions are whatever its callers pass in.
 */
function isGeneratedWrapper(body: HclBody): boolean {
  const forEach = attr(body, 'for_each')?.value;
  if (forEach?.kind !== 'ref' || forEach.path[0] !== 'var') return false;
  let inputs = 0;
  for (const [k, a] of body.attributes) {
    if (k === 'source' || k === 'for_each' || k === 'version' || k === 'providers' || k === 'depends_on') continue;
    if (a.value.kind !== 'expr' || !/^try\(\s*each\.value\./.test(a.value.text)) return false;
    inputs++;
  }
  return inputs > 0;
}

/** terraform-aws-modules/lambda's docker-build module, from the registry or a local copy. */
const DOCKER_BUILD_MODULE = /(?:^|\/)modules\/docker-build\/?$/;

/** `var.x` or `"${var.x}"`: the variable's name. */
function varName(v: HclValue | undefined): string | undefined {
  if (v?.kind === 'ref' && v.path[0] === 'var' && v.path.length === 2) return v.path[1];
  if (v?.kind === 'template' && v.parts.length === 1 && typeof v.parts[0] !== 'string' && v.parts[0].ref[0] === 'var' && v.parts[0].ref.length === 2)
    return v.parts[0].ref[1];
  return undefined;
}

interface Ctx {
  vars: Map<string, HclValue | undefined>;
  locals: Map<string, HclValue>;
  archives: Map<string, HclBody>;
  unresolved: Set<string>;
  /** Values evaluated so far in this file; see EVALUATION_BUDGET. */
  steps: number;
  /** `each.key` / `each.value` of the for_each instance being read, or `count.index`. */
  each?: { key: string; value: unknown };
  countIndex?: number;
}

/** Above this many instances a count or for_each is reported as one repeated unit. */
const MAX_INSTANCES = 20;

type Instances = { kind: 'each'; items: { key: string; value: unknown }[] } | { kind: 'count'; n: number } | { kind: 'repeated'; text: string } | undefined;

/** The instances of a resource or module: literal `for_each` keys or a literal `count`; anything else is `repeated`. */
function instancesOf(body: HclBody, ctx: Ctx, text: (v: HclValue) => string): Instances {
  const count = attr(body, 'count')?.value;
  if (count) {
    const n = evaluate(count, ctx);
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_INSTANCES) return { kind: 'count', n };
    return { kind: 'repeated', text: `count = ${text(count)}` };
  }
  const forEach = attr(body, 'for_each')?.value;
  if (!forEach) return undefined;
  const v = evaluate(forEach, ctx);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length <= MAX_INSTANCES)
    return { kind: 'each', items: [...new Set(v as string[])].map((k) => ({ key: k, value: k })) };
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length <= MAX_INSTANCES)
    return { kind: 'each', items: Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value })) };
  return { kind: 'repeated', text: `for_each = ${text(forEach)}` };
}

/**
 * Values one file may evaluate. Locals that each list another local ten times, ten deep, would otherwise expand to
 * 10^10 values (a "billion laughs" through `local.*`); real files evaluate a few hundred.
 */
const EVALUATION_BUDGET = 100_000;

/** Evaluates literals, `var.*` defaults, `local.*` and string templates of those; anything else is unknown. */
function evaluate(v: HclValue | undefined, ctx: Ctx, depth = 0): unknown {
  if (!v || depth > 10 || ++ctx.steps > EVALUATION_BUDGET) return undefined;
  switch (v.kind) {
    case 'literal':
      return v.value;
    case 'tuple':
      return v.items.map((i) => evaluate(i, ctx, depth + 1));
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, evaluate(e.value, ctx, depth + 1)]));
    case 'ref':
      return evalRef(v.path, ctx, depth);
    case 'template': {
      let out = '';
      for (const p of v.parts) {
        if (typeof p === 'string') out += p;
        else {
          const r = evalRef(p.ref, ctx, depth);
          if (r === undefined || typeof r === 'object') return undefined;
          out += String(r);
        }
      }
      return out;
    }
    case 'expr':
      return literalStrings(v.text);
    default:
      return undefined;
  }
}

/** `toset(["a", "b"])` or `tolist([…])` of string literals (in a `for_each`, or a local one names): those strings. */
function literalStrings(text: string): string[] | undefined {
  const m = /^to(?:set|list)\(\s*\[([^\]]*)\]\s*\)$/s.exec(text.trim());
  return m && /^(\s*"[^"$]*"\s*,?)*\s*$/.test(m[1]) ? [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]) : undefined;
}

function evalRef(path: string[], ctx: Ctx, depth: number): unknown {
  const [head, name] = path;
  if (head === 'each' && ctx.each) {
    if (name === 'key') return ctx.each.key;
    if (name === 'value') {
      let cur = ctx.each.value;
      for (const seg of path.slice(2)) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
      return cur;
    }
  }
  if (head === 'count' && name === 'index' && ctx.countIndex !== undefined) return ctx.countIndex;
  if (head === 'path' && (name === 'module' || name === 'root' || name === 'cwd')) return '.';
  if (head === 'var' && name) {
    if (!ctx.vars.has(name)) return undefined;
    const d = ctx.vars.get(name);
    if (!d) {
      // A variable without a default comes from tfvars or the CLI: not read, shown as unresolved.
      ctx.unresolved.add(`var.${name}`);
      return undefined;
    }
    return evaluate(d, ctx, depth + 1);
  }
  if (head === 'local' && name) return evaluate(ctx.locals.get(name), ctx, depth + 1);
  return undefined;
}

/**
 * Where a value set once for several resources is written: `local.x` points at the local's value, so a finding about
 * a shared setting is reported once, at its definition. (A variable's default is not: tfvars may set it per stack.)
 */
function sharedRange(v: HclValue, ctx: Ctx): Range | undefined {
  if (v.kind !== 'ref' || v.path.length !== 2 || v.path[0] !== 'local') return undefined;
  const target = ctx.locals.get(v.path[1]);
  return target?.kind === 'literal' ? target.range : undefined;
}

/** `aws_lambda_function.x.arn` / `module.x.lambda_function_arn` → a key naming the function. */
function functionKey(v: HclValue | undefined): string | undefined {
  const path = v?.kind === 'ref' ? v.path : v?.kind === 'template' ? v.parts.find((p): p is { ref: string[] } => typeof p !== 'string')?.ref : undefined;
  if (!path) return undefined;
  if (path[0] === 'aws_lambda_function' && path[1]) return `aws_lambda_function.${path[1]}`;
  if (path[0] === 'aws_lambda_alias' && path[1]) return `alias.${path[1]}`;
  if (path[0] === 'module' && path[1]) return `module.${path[1]}`;
  return undefined;
}

function refText(v: HclValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'ref') return v.path.join('.');
  if (v.kind === 'literal') return v.value === null ? undefined : String(v.value);
  if (v.kind === 'template') return v.parts.map((p) => (typeof p === 'string' ? p : `\${${p.ref.join('.')}}`)).join('');
  return undefined;
}

function interpolated(v: HclValue | undefined): string | undefined {
  return v?.kind === 'ref' ? `\${${v.path.join('.')}}` : refText(v);
}

/** The authorizer name an `authorizer_id` names (`aws_api_gateway_authorizer.cognito.id` → `cognito`). */
function authorizerName(v: HclValue | undefined): string | undefined {
  return v?.kind === 'ref' && /^aws_api_?gateway(?:v2)?_authorizer$/.test(v.path[0] ?? '') ? v.path[1] : undefined;
}

/**
 * The guard of the REST method an integration serves (its `http_method = aws_api_gateway_method.m.http_method`):
 * the method's `authorization` (COGNITO_USER_POOLS, CUSTOM, AWS_IAM), else `api_key_required`.
 */
function restMethodAuth(file: HclFile, method: HclValue | undefined, ctx: Ctx): RouteAuth | undefined {
  if (method?.kind !== 'ref' || method.path[0] !== 'aws_api_gateway_method' || !method.path[1]) return undefined;
  const m = resourceBody(file, 'aws_api_gateway_method', method.path[1]);
  const auth = routeAuthFromType(evaluate(attr(m, 'authorization')?.value, ctx), authorizerName(attr(m, 'authorizer_id')?.value));
  return auth ?? (evaluate(attr(m, 'api_key_required')?.value, ctx) === true ? { kind: 'apiKey' } : undefined);
}

/** The guard of the first HTTP API route whose `target` is this integration (`integrations/${…integration.name.id}`). */
function httpRouteAuth(file: HclFile, integration: string | undefined, ctx: Ctx): RouteAuth | undefined {
  if (!integration) return undefined;
  for (const b of blocksOf(file.body, 'resource')) {
    if (b.labels[0] !== 'aws_apigatewayv2_route') continue;
    const target = refText(attr(b.body, 'target')?.value) ?? '';
    if (!target.includes(`aws_apigatewayv2_integration.${integration}.`)) continue;
    const auth = routeAuthFromType(evaluate(attr(b.body, 'authorization_type')?.value, ctx), authorizerName(attr(b.body, 'authorizer_id')?.value));
    if (auth) return auth;
  }
  return undefined;
}

/**
 * The code folder or file of terraform-aws-modules/lambda's `source_path`: a path, or a list of paths and
 * `{ path, commands, patterns }` objects (the first names the code: a build's `commands` run in it).
 */
function sourcePathOf(sp: unknown): string | undefined {
  const first: unknown = Array.isArray(sp) ? sp[0] : sp;
  return str(first) ?? (first && typeof first === 'object' ? str((first as Record<string, unknown>).path) : undefined);
}

function resourceBody(file: HclFile, type: string, name: string): HclBody | undefined {
  return blocksOf(file.body, 'resource').find((b) => b.labels[0] === type && b.labels[1] === name)?.body;
}

const SIZED = new Set<string>(['timeoutSeconds', 'memoryMB', 'ephemeralStorageMB', 'reservedConcurrency']);

/** `aws_lambda_function` attributes and blocks read into unit fields; the rest are listed in `otherSettings`. */
const RESOURCE_MODELLED = new Set([
  'function_name',
  'handler',
  'runtime',
  'filename',
  'source_code_hash',
  's3_bucket',
  's3_key',
  's3_object_version',
  'timeout',
  'memory_size',
  'ephemeral_storage',
  'architectures',
  'environment',
  'role',
  'reserved_concurrent_executions',
  'layers',
  'image_uri',
  'package_type',
  'vpc_config',
  'file_system_config',
  'durable_config',
  'dead_letter_config',
  'depends_on',
  'count',
  'for_each',
  'provider',
  'lifecycle',
]);

/** terraform-aws-modules/lambda inputs read into unit fields. */
const MODULE_MODELLED = new Set([
  'source',
  'version',
  'function_name',
  'handler',
  'runtime',
  'source_path',
  'timeout',
  'memory_size',
  'ephemeral_storage_size',
  'architectures',
  'environment_variables',
  'lambda_role',
  'reserved_concurrent_executions',
  'layers',
  'image_uri',
  'package_type',
  'vpc_subnet_ids',
  'vpc_security_group_ids',
  'file_system_arn',
  'file_system_local_mount_path',
  'dead_letter_target_arn',
  'destination_on_failure',
  'destination_on_success',
  'maximum_retry_attempts',
  'maximum_event_age_in_seconds',
  'create_lambda_function_url',
  'authorization_type',
  'event_source_mapping',
  'create_package',
  'local_existing_package',
  'depends_on',
  'count',
  'for_each',
  'providers',
  'description',
  'tags',
  'create_role',
  'attach_policy',
  'attach_policy_json',
  'attach_policy_statements',
  'policy',
  'policy_json',
  'policy_statements',
  'allowed_triggers',
  'publish',
  'attach_dead_letter_policy',
  'attach_network_policy',
  'create_current_version_allowed_triggers',
  'lambda_at_edge',
]);

/** Numeric values a literal HCL value holds (a number, or a string of digits as Terraform converts it). */
function numericAttributes(body: HclBody, valueOf: (name: string) => HclValue | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of body.attributes.keys()) {
    const v = valueOf(name);
    const n = v?.kind === 'literal' ? num(v.value) : undefined;
    if (n !== undefined) out[name] = n;
  }
  return out;
}

/** What a Lambda runtime id looks like: only such values are kept from variables (tfvars may hold secrets). */
const RUNTIME_ID = /^(?:nodejs|python|java|dotnet|ruby|go|provided)[\w.]*$/;

/** A Terraform file's variable defaults that are runtime ids, for the runtime of functions declared in sibling files. */
export function terraformRuntimeDefaults(parsed: HclFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of blocksOf(parsed.body, 'variable')) {
    const d = attr(b.body, 'default')?.value;
    if (b.labels[0] && d?.kind === 'literal' && typeof d.value === 'string' && RUNTIME_ID.test(d.value)) out[b.labels[0]] = d.value;
  }
  return out;
}

/** A tfvars file's values that are runtime ids (`lambda_runtime = "python3.12"`). */
export function terraformVarRuntimes(parsed: HclFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, a] of parsed.body.attributes)
    if (a.value.kind === 'literal' && typeof a.value.value === 'string' && RUNTIME_ID.test(a.value.value)) out[name] = a.value.value;
  return out;
}

/** The same from a terraform.tfvars.json object. */
export function terraformJsonVarRuntimes(text: string): Record<string, string> {
  try {
    const data: unknown = JSON.parse(text);
    const out: Record<string, string> = {};
    if (data && typeof data === 'object' && !Array.isArray(data))
      for (const [k, v] of Object.entries(data)) if (typeof v === 'string' && RUNTIME_ID.test(v)) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** A Terraform file's numeric variable defaults, for sized fields of functions declared in sibling files. */
export function terraformDefaults(parsed: HclFile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of blocksOf(parsed.body, 'variable')) {
    const d = attr(b.body, 'default')?.value;
    const n = d?.kind === 'literal' ? num(d.value) : undefined;
    if (b.labels[0] && n !== undefined) out[b.labels[0]] = n;
  }
  return out;
}

/**
 * The numeric values a `terraform.tfvars` / `*.auto.tfvars` file sets (HCL or JSON). Only numbers are kept: the sizes
 * they feed are numbers, and a tfvars file is where passwords and tokens are often written.
 */
export function terraformVarNumbers(parsed: HclFile): Record<string, number> {
  return numericAttributes(parsed.body, (name) => attr(parsed.body, name)?.value);
}

export function terraformJsonVarNumbers(text: string): { values: Record<string, number>; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { values: {}, error: `not valid JSON: ${(e as Error).message}` };
  }
  const values: Record<string, number> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) for (const [k, v] of Object.entries(data)) if (num(v) !== undefined) values[k] = num(v)!;
  return { values };
}

/** Reads a Terraform file's functions and their triggers. Positions are the attribute values that set each field. */
export function extractTerraformUnits(parsed: HclFile, file: string): Unit[] {
  return extractTerraform(parsed, file).units;
}

/** The functions of a Terraform file, and its calls of local modules (joined with the modules' functions later). */
export function extractTerraform(
  parsed: HclFile,
  file: string,
): {
  units: Unit[];
  moduleCalls: ModuleCall[];
  moduleUnits: NonNullable<FileFacts['moduleUnits']>;
  functionKeys: NonNullable<FileFacts['tfFunctionKeys']>;
  triggers: NonNullable<FileFacts['tfTriggers']>;
} {
  const ctx: Ctx = { vars: new Map(), locals: new Map(), archives: new Map(), unresolved: new Set(), steps: 0 };
  for (const b of blocksOf(parsed.body, 'variable')) if (b.labels[0]) ctx.vars.set(b.labels[0], attr(b.body, 'default')?.value);
  for (const b of blocksOf(parsed.body, 'locals')) for (const [k, a] of b.body.attributes) ctx.locals.set(k, a.value);
  for (const b of blocksOf(parsed.body, 'data')) if (b.labels[0] === 'archive_file' && b.labels[1]) ctx.archives.set(b.labels[1], b.body);

  const units: Unit[] = [];
  const moduleUnits = new Map<Unit, { vars?: Record<string, string>; source?: string }>();
  const byKey = new Map<string, Unit[]>();
  const src = (v: HclValue) => (v.kind === 'expr' ? v.text : v.kind === 'ref' ? v.path.join('.') : v.kind === 'literal' ? JSON.stringify(v.value) : '…');
  /** One unit per literal instance of a `count`/`for_each` block, or one marked repeated. */
  const makeAll = (block: HclBlock, key: string, names: Record<string, string>): void => {
    const inst = instancesOf(block.body, ctx, src);
    const label = block.labels[block.type === 'module' ? 0 : 1] ?? key;
    const list: Unit[] = [];
    if (!inst) list.push(make(block, key, names));
    else if (inst.kind === 'count') {
      for (let i = 0; i < inst.n; i++) {
        ctx.countIndex = i;
        list.push(make(block, key, names, `${label}[${i}]`));
      }
    } else if (inst.kind === 'each') {
      for (const item of inst.items) {
        ctx.each = item;
        list.push(make(block, key, names, `${label}["${item.key}"]`));
      }
    } else {
      const u = make(block, key, names, `${label}[*]`);
      u.unresolved = [...(u.unresolved ?? []), `repeated: ${inst.text} (one unit stands for every instance)`];
      list.push(u);
    }
    ctx.each = undefined;
    ctx.countIndex = undefined;
    // A name that does not vary per instance (`function_name = "worker"` with count = 2) names none of them.
    if (inst && inst.kind !== 'repeated' && list.length > 1 && new Set(list.map((u) => u.name)).size < list.length) {
      list.forEach((u, i) => (u.name = inst.kind === 'count' ? `${label}[${i}]` : `${label}["${inst.items[i].key}"]`));
    }
    byKey.set(key, list);
  };
  const make = (block: HclBlock, key: string, names: Record<string, string>, instanceName?: string): Unit => {
    ctx.unresolved = new Set();
    const body = block.body;
    const fieldRanges: Record<string, Range> = {};
    const unresolvedFields: Partial<Record<SizedField, string>> = {};
    const tfVariables: NonNullable<Unit['tfVariables']> = {};
    const read = (a: { value: HclValue } | undefined, as: string): unknown => {
      if (!a) return undefined;
      if (as) fieldRanges[as] = sharedRange(a.value, ctx) ?? a.value.range;
      const v = evaluate(a.value, ctx);
      // `timeout = var.timeout`: the stack's tfvars (read at the workspace join) may set it, whatever the default says.
      if (SIZED.has(as) && a.value.kind === 'ref' && a.value.path[0] === 'var' && a.value.path.length === 2) {
        const d = num(v);
        tfVariables[as as SizedField] = {
          variable: a.value.path[1],
          ...(d !== undefined ? { default: d } : {}),
          ...(ctx.unresolved.has(`var.${a.value.path[1]}`) ? { listed: true } : {}),
        };
      }
      // `var.timeout` without a default (set in tfvars or on the command line): unknown here, never a default.
      if (v === undefined && SIZED.has(as)) unresolvedFields[as as SizedField] = refText(a.value) ?? 'an expression';
      return v;
    };
    const moduleVars: Record<string, string> = {};
    const get = (name: string | undefined, as: string): unknown => {
      if (!name) return undefined;
      const a = attr(body, name);
      const v = varName(a?.value);
      if (v) moduleVars[name] = v;
      return read(a, as);
    };
    const nested = (blockType: string, name: string, as: string): unknown => read(attr(blocksOf(body, blockType)[0]?.body, name), as);
    const texts = (v: HclValue | undefined): string[] | undefined =>
      v?.kind === 'tuple' ? v.items.map((i) => refText(i) ?? '?') : v ? [refText(v) ?? '?'] : undefined;
    const fnName = str(get(names.name, ''));
    const handler = str(get('handler', 'handler'));
    const isModule = block.type === 'module';
    let codeUri: string | undefined;
    let codeFile: string | undefined;
    /** The package is an archive_file of `source { content = … }` blocks: code written in the configuration. */
    let inlineCode = false;
    /** Where a package built outside this configuration comes from (`s3_existing_package`, `filename = module.x.…`). */
    let prebuiltPackage: string | undefined;
    if (isModule) {
      // terraform-aws-modules/lambda's source_path.
      codeUri = sourcePathOf(get('source_path', ''));
      // A module that takes aws_lambda_function's own `filename` (DataDog/lambda-datadog and other wrappers): the archive.
      const fileArg = attr(body, 'filename')?.value;
      if (codeUri === undefined && fileArg) {
        const fileVar = varName(fileArg);
        const path = fileVar ? undefined : str(evaluate(fileArg, ctx));
        if (fileVar) moduleVars.filename = fileVar;
        else if (path && /\.(zip|jar)$/i.test(path)) codeUri = path.replace(/^(?:\.\/)+/, '');
      }
      // `create_package = false`: the module deploys a package built elsewhere, a local archive or an S3 object.
      if (codeUri === undefined && evaluate(attr(body, 'create_package')?.value, ctx) === false) {
        const local = attr(body, 'local_existing_package')?.value;
        const path = str(evaluate(local, ctx));
        // `module.pkg.local_filename`: the archive another call of the module builds (`create_function = false`) from
        // its source_path, in this file.
        const builder =
          local?.kind === 'ref' && local.path[0] === 'module' && local.path[2] === 'local_filename'
            ? blocksOf(parsed.body, 'module').find((m) => m.labels[0] === local.path[1])
            : undefined;
        const built = builder ? sourcePathOf(evaluate(attr(builder.body, 'source_path')?.value, ctx)) : undefined;
        if (path && /\.(zip|jar)$/i.test(path)) codeUri = path.replace(/^(?:\.\/)+/, '');
        else if (built) codeUri = built;
        else if (local) prebuiltPackage = `local_existing_package = ${refText(local) ?? src0(local)}`;
        else if (attr(body, 's3_existing_package')) prebuiltPackage = 's3_existing_package';
      }
    } else {
      const filename = attr(body, 'filename')?.value;
      // The archive the function's package is: its `filename`, or (a package uploaded to S3 first) the archive its
      // `source_code_hash` is taken from.
      const archiveRef = (v: HclValue | undefined) =>
        v?.kind === 'ref' && v.path[0] === 'data' && v.path[1] === 'archive_file' ? ctx.archives.get(v.path[2]) : undefined;
      const archive = archiveRef(filename) ?? archiveRef(attr(body, 'source_code_hash')?.value);
      // A zip committed beside the configuration (`filename = "lambda.zip"`, `"${path.module}/fn.zip"`, a local's
      // path): named, so the verdict's note can say so.
      const fileVar = varName(filename);
      const path = fileVar ? undefined : str(evaluate(filename, ctx));
      const zip = path && /\.(zip|jar)$/i.test(path) ? path.replace(/^(?:\.\/)+/, '') : undefined;
      if (zip && !archive) codeUri = zip;
      // A package another module or step builds (`filename = module.package.local_filename`), or an object in a bucket
      // named outside the configuration.
      const s3 = attr(body, 's3_bucket')?.value;
      if (!archive && path === undefined && !fileVar && filename) prebuiltPackage = `filename = ${refText(filename) ?? src0(filename)}`;
      else if (!archive && !filename && s3?.kind === 'literal' && typeof s3.value === 'string') prebuiltPackage = `s3_bucket = ${s3.value}`;
      if (fileVar) moduleVars.filename = fileVar;
      if (archive && !attr(archive, 'source_dir') && !attr(archive, 'source_file') && blocksOf(archive, 'source').length) inlineCode = true;
      if (archive) {
        const dirVar = varName(attr(archive, 'source_dir')?.value) ?? varName(attr(archive, 'source_file')?.value);
        if (dirVar) moduleVars[attr(archive, 'source_dir') ? 'source_dir' : 'source_file'] = dirVar;
        codeUri = str(evaluate(attr(archive, 'source_dir')?.value, ctx));
        const sourceFile = str(evaluate(attr(archive, 'source_file')?.value, ctx));
        if (sourceFile) codeUri = sourceFile.includes('/') ? sourceFile.slice(0, sourceFile.lastIndexOf('/')) : '.';
      }
    }
    // `image_uri = module.image.image_uri` from terraform-aws-modules/lambda's docker-build module: the image is built
    // from that module's source_path (with its docker_file_path, relative to it).
    let dockerfile: string | undefined;
    const imageRef = attr(body, 'image_uri')?.value;
    if (codeUri === undefined && imageRef?.kind === 'ref' && imageRef.path[0] === 'module' && imageRef.path[2] === 'image_uri') {
      const build = blocksOf(parsed.body, 'module').find((m) => m.labels[0] === imageRef.path[1])?.body;
      const from = str(evaluate(attr(build, 'source')?.value, ctx));
      const context = build && from && DOCKER_BUILD_MODULE.test(from) ? str(evaluate(attr(build, 'source_path')?.value, ctx)) : undefined;
      if (context) {
        codeUri = context.replace(/^(?:\.\/)+/, '') || '.';
        dockerfile = str(evaluate(attr(build, 'docker_file_path')?.value, ctx));
      }
    }
    const runtime = str(get('runtime', 'runtime'));
    // `runtime = var.lambda_runtime` declared in variables.tf or set in tfvars: filled in by the join (join/tfvars.ts).
    const runtimeVar = varName(attr(body, 'runtime')?.value);
    const envRaw = isModule ? get('environment_variables', '') : nested('environment', 'variables', '');
    const arch = get('architectures', '');
    const layers = get('layers', '');
    const layersValue = attr(body, 'layers')?.value;
    const layerRefs = layersValue?.kind === 'tuple' ? layersValue.items.map((v) => refText(v)) : undefined;
    const imageUri = str(get('image_uri', ''));
    const packageType = str(get('package_type', ''));
    const range = block.headerRange;
    const vpcBody = blocksOf(body, 'vpc_config')[0]?.body;
    const vpc = isModule
      ? attr(body, 'vpc_subnet_ids') || attr(body, 'vpc_security_group_ids')
        ? { subnets: texts(attr(body, 'vpc_subnet_ids')?.value), securityGroups: texts(attr(body, 'vpc_security_group_ids')?.value) }
        : undefined
      : vpcBody
        ? { subnets: texts(attr(vpcBody, 'subnet_ids')?.value), securityGroups: texts(attr(vpcBody, 'security_group_ids')?.value) }
        : undefined;
    const fsBlocks = blocksOf(body, 'file_system_config');
    const fileSystems = isModule
      ? attr(body, 'file_system_arn')
        ? [{ accessPoint: refText(attr(body, 'file_system_arn')?.value) ?? '?', mountPath: str(get('file_system_local_mount_path', '')) ?? '' }]
        : undefined
      : fsBlocks.length
        ? fsBlocks.map((b) => ({
            accessPoint: refText(attr(b.body, 'arn')?.value) ?? '?',
            mountPath: str(evaluate(attr(b.body, 'local_mount_path')?.value, ctx)) ?? '',
          }))
        : undefined;
    const durableBody = blocksOf(body, 'durable_config')[0]?.body;
    // The module's asynchronous destinations (create_async_event_config): the failure one stands for a dead-letter target.
    const dlq = isModule
      ? (refText(attr(body, 'dead_letter_target_arn')?.value) ?? refText(attr(body, 'destination_on_failure')?.value))
      : refText(attr(blocksOf(body, 'dead_letter_config')[0]?.body, 'target_arn')?.value);
    const successTarget = isModule ? refText(attr(body, 'destination_on_success')?.value) : undefined;
    const modelled = isModule ? MODULE_MODELLED : RESOURCE_MODELLED;
    const otherSettings = [...body.attributes.keys(), ...body.blocks.map((b) => b.type)].filter((k) => !modelled.has(k));
    const unit: Unit = {
      kind: 'lambda-function',
      name: (instanceName && (!fnName || (!ctx.each && ctx.countIndex === undefined)) ? instanceName : fnName) ?? block.labels[isModule ? 0 : 1] ?? key,
      file,
      line: 0,
      source: 'terraform',
      runtime,
      ...(runtime === undefined && runtimeVar ? { tfRuntimeVariable: runtimeVar } : {}),
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri: codeUri?.replace(/^\.\//, ''),
      codeFile,
      timeoutSeconds: num(get('timeout', 'timeoutSeconds')),
      memoryMB: num(get('memory_size', 'memoryMB')),
      ephemeralStorageMB: num(isModule ? get('ephemeral_storage_size', 'ephemeralStorageMB') : nested('ephemeral_storage', 'size', 'ephemeralStorageMB')),
      architecture: Array.isArray(arch) && typeof arch[0] === 'string' ? arch[0] : undefined,
      events: [],
      environment: envRaw && typeof envRaw === 'object' ? maskEnvironment(envRaw as Record<string, unknown>) : undefined,
      role: refText(attr(body, isModule ? 'lambda_role' : 'role')?.value),
      reservedConcurrency: num(get('reserved_concurrent_executions', 'reservedConcurrency')),
      // A layer another block makes (`module.layer.lambda_layer_arn`) is named by that reference.
      layers: Array.isArray(layers) ? layers.map((l, i) => String(l ?? layerRefs?.[i] ?? '?')) : undefined,
      packageType: packageType === 'Image' || imageUri ? 'Image' : undefined,
      ...(inlineCode ? { inlineCode } : {}),
      ...(dockerfile ? { dockerfile } : {}),
      ...(prebuiltPackage && !imageUri && packageType !== 'Image' ? { prebuiltPackage } : {}),
      // A reference is written as Terraform interpolates it (`${var.image_uri}`), never mistaken for an image name.
      image: imageUri ?? interpolated(attr(body, 'image_uri')?.value),
      unresolvedFields: Object.keys(unresolvedFields).length ? unresolvedFields : undefined,
      tfVariables: Object.keys(tfVariables).length ? tfVariables : undefined,
      vpc,
      fileSystems,
      durable: durableBody
        ? {
            executionTimeoutSeconds: num(evaluate(attr(durableBody, 'execution_timeout')?.value, ctx)),
            retentionDays: num(evaluate(attr(durableBody, 'retention_period')?.value, ctx)),
          }
        : undefined,
      maximumRetryAttempts: isModule ? num(get('maximum_retry_attempts', '')) : undefined,
      maximumEventAgeSeconds: isModule ? num(get('maximum_event_age_in_seconds', '')) : undefined,
      deadLetterTarget: dlq,
      successTarget,
      otherSettings: otherSettings.length ? [...new Set(otherSettings)].sort() : undefined,
      range: [range[0], range[1]],
      fieldRanges,
      readiness: {},
    };
    const source = isModule ? str(evaluate(attr(body, 'source')?.value, ctx)) : undefined;
    const local = source && LOCAL_SOURCE.test(source) ? source : undefined;
    // A code path the module builds from its variables (`filename = "../out/${var.function_name}/${var.function_name}.zip"`):
    // each call fills it with its own inputs (join/terraform.ts).
    const paths: Record<string, (string | { variable: string } | { module: true })[]> = {};
    for (const name of ['filename', 'source_path', 'source_dir']) {
      const v = attr(body, name)?.value;
      if (v?.kind !== 'template' || !v.parts.some((p) => typeof p !== 'string' && p.ref[0] === 'var')) continue;
      const parts = v.parts.map((p) =>
        typeof p === 'string'
          ? p
          : p.ref[0] === 'var' && p.ref.length === 2
            ? { variable: p.ref[1] }
            : p.ref.join('.') === 'path.module'
              ? { module: true as const }
              : undefined,
      );
      if (parts.every((p) => p !== undefined)) paths[name] = parts as (string | { variable: string } | { module: true })[];
    }
    if (Object.keys(moduleVars).length || local || Object.keys(paths).length)
      moduleUnits.set(unit, {
        ...(Object.keys(moduleVars).length ? { vars: moduleVars } : {}),
        ...(Object.keys(paths).length ? { paths } : {}),
        ...(local ? { source: local } : {}),
      });
    if (isModule && evaluate(attr(body, 'create_lambda_function_url')?.value, ctx) === true) {
      const auth = str(evaluate(attr(body, 'authorization_type')?.value, ctx));
      unit.events.push({ type: 'http', detail: 'function URL', functionUrl: true, ...(auth ? { authType: auth } : {}) });
    }
    finishUnit(unit, ctx.unresolved);
    units.push(unit);
    return unit;
  };

  for (const b of blocksOf(parsed.body, 'resource')) {
    if (b.labels[0] === 'aws_lambda_function' && b.labels[1]) makeAll(b, `aws_lambda_function.${b.labels[1]}`, { name: 'function_name' });
  }
  const moduleCalls: ModuleCall[] = [];
  for (const b of blocksOf(parsed.body, 'module')) {
    const src = attr(b.body, 'source')?.value;
    if (src?.kind !== 'literal' || typeof src.value !== 'string' || !b.labels[0]) continue;
    const source = src.value;
    // The well-known lambda module, and any module whose inputs describe a function (a wrapper from git or a
    // registry, or a local module, which the join replaces with the module's own functions when it finds them).
    // `create = false` / `create_function = false` (the lambda module's switches): the call creates no function; nor
    // does `create_layer = true`, which makes the module build a layer instead (its function's count is
    // `create && create_function && !create_layer`).
    const off =
      evaluate(attr(b.body, 'create')?.value, ctx) === false ||
      evaluate(attr(b.body, 'create_function')?.value, ctx) === false ||
      evaluate(attr(b.body, 'create_layer')?.value, ctx) === true;
    if (!off && !isGeneratedWrapper(b.body) && (LAMBDA_MODULE.test(source) || functionLike(b.body)))
      makeAll(b, `module.${b.labels[0]}`, { name: 'function_name' });
    if (LOCAL_SOURCE.test(source)) {
      const inputs: ModuleCall['inputs'] = {};
      for (const [k, a] of b.body.attributes) {
        if (k === 'source' || k === 'version' || k === 'providers' || k === 'depends_on') continue;
        ctx.unresolved = new Set();
        const value = evaluate(a.value, ctx);
        inputs[k] = {
          range: sharedRange(a.value, ctx) ?? a.value.range,
          ...(value !== undefined ? { value } : {}),
          ...(value === undefined ? { text: refText(a.value) ?? src0(a.value) } : {}),
        };
      }
      moduleCalls.push({ name: b.labels[0], source, inputs, range: b.headerRange });
    }
  }
  for (const b of blocksOf(parsed.body, 'resource')) {
    if (b.labels[0] === 'aws_lambda_alias' && b.labels[1]) {
      const target = byKey.get(functionKey(attr(b.body, 'function_name')?.value) ?? '');
      if (target) byKey.set(`alias.${b.labels[1]}`, target);
    }
  }

  // A trigger on a repeated function (`aws_lambda_function.f[each.key].arn`) is attached to each instance.
  const triggers: NonNullable<FileFacts['tfTriggers']> = [];
  const attach = (fnValue: HclValue | undefined, event: UnitEvent, at: Range) => {
    const key = functionKey(fnValue) ?? '';
    // A function another file of the module declares: the join attaches the trigger there.
    if (!byKey.has(key) && key.startsWith('aws_lambda_function.')) triggers.push({ key, event: { ...event } });
    for (const u of byKey.get(key) ?? []) {
      u.fieldRanges![`events.${u.events.length}`] = at;
      u.events.push({ ...event });
    }
  };
  const queueVisibility = (v: HclValue | undefined): number | undefined => {
    if (v?.kind !== 'ref' || v.path[0] !== 'aws_sqs_queue' || !v.path[1]) return undefined;
    const q = resourceBody(parsed, 'aws_sqs_queue', v.path[1]);
    if (!q) return undefined;
    // An SQS queue's default visibility timeout is 30 s.
    return num(evaluate(attr(q, 'visibility_timeout_seconds')?.value, ctx)) ?? 30;
  };
  const granted: GrantedInvoke[] = [];
  for (const b of blocksOf(parsed.body, 'resource')) {
    const [type] = b.labels;
    const body = b.body;
    const at = b.headerRange;
    if (type === 'aws_cloudwatch_event_target') {
      const rule = attr(body, 'rule')?.value;
      const ruleName = rule?.kind === 'ref' && rule.path[0] === 'aws_cloudwatch_event_rule' ? rule.path[1] : undefined;
      const ruleBody = ruleName ? resourceBody(parsed, 'aws_cloudwatch_event_rule', ruleName) : undefined;
      const schedule = str(evaluate(attr(ruleBody, 'schedule_expression')?.value, ctx));
      const e: UnitEvent = schedule ? { type: 'schedule', detail: schedule } : { type: 'eventbridge', detail: ruleName ?? refText(rule) };
      if (ruleName) e.rule = ruleName;
      const state = evaluate(attr(ruleBody, 'state')?.value, ctx);
      if (state === 'DISABLED' || evaluate(attr(ruleBody, 'is_enabled')?.value, ctx) === false) e.enabled = false;
      attach(attr(body, 'arn')?.value, e, at);
    } else if (type === 'aws_lambda_event_source_mapping') {
      const src = attr(body, 'event_source_arn')?.value;
      const text = refText(src) ?? '';
      const vis = queueVisibility(src);
      const isSqs = vis !== undefined || /sqs/.test(text);
      const what = mappingSource(blocksOf(body, 'self_managed_event_source')[0], attr(body, 'topics'), attr(body, 'queues'));
      const e: UnitEvent = isSqs ? { type: 'sqs', detail: text } : { type: 'stream', detail: what === 'stream' ? text : `${what} ${text}`.trim() };
      const batch = num(evaluate(attr(body, 'batch_size')?.value, ctx));
      if (batch !== undefined) e.batchSize = batch;
      if (evaluate(attr(body, 'enabled')?.value, ctx) === false) e.enabled = false;
      const filters = blocksOf(blocksOf(body, 'filter_criteria')[0]?.body, 'filter').map((f) => ({
        Pattern: str(evaluate(attr(f.body, 'pattern')?.value, ctx)) ?? refText(attr(f.body, 'pattern')?.value) ?? '?',
      }));
      if (filters.length) e.filterCriteria = { Filters: filters };
      const maxConcurrency = num(evaluate(attr(blocksOf(body, 'scaling_config')[0]?.body, 'maximum_concurrency')?.value, ctx));
      if (maxConcurrency !== undefined) e.maximumConcurrency = maxConcurrency;
      if (vis !== undefined) e.visibilityTimeout = vis;
      attach(attr(body, 'function_name')?.value, e, at);
    } else if (type === 'aws_scheduler_schedule') {
      const target = blocksOf(body, 'target')[0];
      const e: UnitEvent = { type: 'schedule', detail: str(evaluate(attr(body, 'schedule_expression')?.value, ctx)), scheduler: true };
      const tz = str(evaluate(attr(body, 'schedule_expression_timezone')?.value, ctx));
      if (tz) e.timeZone = tz;
      if (evaluate(attr(body, 'state')?.value, ctx) === 'DISABLED') e.enabled = false;
      attach(attr(target?.body, 'arn')?.value, e, at);
    } else if (type === 'aws_apigatewayv2_integration' || type === 'aws_api_gateway_integration') {
      const rest = type === 'aws_api_gateway_integration';
      const e: UnitEvent = { type: 'http', detail: 'API Gateway', apiGateway: rest ? 'rest' : 'http' };
      const auth = rest ? restMethodAuth(parsed, attr(body, 'http_method')?.value, ctx) : httpRouteAuth(parsed, b.labels[1], ctx);
      if (auth) e.authorizer = auth;
      attach(attr(body, rest ? 'uri' : 'integration_uri')?.value, e, at);
    } else if (type === 'aws_lb_target_group_attachment' || type === 'aws_alb_target_group_attachment') {
      // aws_alb_* are the provider's older names of the aws_lb_* resources, the same resource.
      attach(attr(body, 'target_id')?.value, { type: 'http', detail: `ALB ${refText(attr(body, 'target_group_arn')?.value) ?? ''}`.trim(), alb: true }, at);
    } else if (type === 'aws_vpclattice_target_group_attachment') {
      const target = blocksOf(body, 'target')[0];
      attach(
        attr(target?.body, 'id')?.value,
        { type: 'http', detail: `VPC Lattice target group ${refText(attr(body, 'target_group_identifier')?.value) ?? ''}`.trim() },
        at,
      );
    } else if (type === 'aws_lambda_function_url') {
      const auth = str(evaluate(attr(body, 'authorization_type')?.value, ctx));
      attach(attr(body, 'function_name')?.value, { type: 'http', detail: 'function URL', functionUrl: true, ...(auth ? { authType: auth } : {}) }, at);
    } else if (type === 'aws_sns_topic_subscription') {
      if (evaluate(attr(body, 'protocol')?.value, ctx) === 'lambda') {
        const policy = evaluate(attr(body, 'filter_policy')?.value, ctx) ?? refText(attr(body, 'filter_policy')?.value);
        attach(
          attr(body, 'endpoint')?.value,
          { type: 'sns', detail: refText(attr(body, 'topic_arn')?.value), ...(policy !== undefined ? { filterPolicy: policy } : {}) },
          at,
        );
      }
    } else if (type && TF_INVOKERS[type]) {
      // Services that invoke a function by its ARN: a state machine's tasks, a user pool's triggers, an AppSync data
      // source, CloudFront's Lambda@Edge associations. Every function the resource (or its named blocks) refers to.
      const spec = TF_INVOKERS[type];
      const scope = spec.blocks ? blocksDeep(body, spec.blocks) : [body];
      const keys = new Set<string>();
      for (const part of scope) for (const ref of functionRefs(part)) keys.add(ref);
      for (const key of keys)
        attach(
          { kind: 'ref', path: key.startsWith('alias.') ? ['aws_lambda_alias', key.slice(6)] : key.split('.'), range: at },
          { type: spec.event, detail: `${spec.what} ${b.labels[1] ?? ''}`.trim(), invokedBy: spec.by },
          at,
        );
    } else if (type === 'aws_lambda_function_event_invoke_config') {
      for (const u of byKey.get(functionKey(attr(body, 'function_name')?.value) ?? '') ?? []) {
        const retries = num(evaluate(attr(body, 'maximum_retry_attempts')?.value, ctx));
        if (retries !== undefined) u.maximumRetryAttempts = retries;
        const age = num(evaluate(attr(body, 'maximum_event_age_in_seconds')?.value, ctx));
        if (age !== undefined) u.maximumEventAgeSeconds = age;
        const destination = (outcome: string) => refText(attr(blocksOf(blocksOf(body, 'destination_config')[0]?.body, outcome)[0]?.body, 'destination')?.value);
        const dest = destination('on_failure');
        if (dest) u.deadLetterTarget = dest;
        const success = destination('on_success');
        if (success) u.successTarget = success;
      }
    } else if (type === 'aws_s3_bucket_notification') {
      for (const n of blocksOf(body, 'lambda_function'))
        attach(attr(n.body, 'lambda_function_arn')?.value, { type: 's3', detail: refText(attr(body, 'bucket')?.value) }, at);
    } else if (type === 'aws_lambda_permission') {
      // A permission for a Lambda-only service's hook (model/invokers.ts), counted once every resource is read.
      const principal = str(evaluate(attr(body, 'principal')?.value, ctx));
      const sourceArn = interpolated(attr(body, 'source_arn')?.value);
      const where = b.labels[1] ?? 'permission';
      const event =
        permissionEvent(principal, refText(attr(body, 'source_arn')?.value), where) ??
        apiPermissionEvent(principal, sourceArn, `aws_lambda_permission ${where}`, /aws_api_gateway_rest_api\./.test(sourceArn ?? ''));
      if (event) for (const unit of byKey.get(functionKey(attr(body, 'function_name')?.value) ?? '') ?? []) granted.push({ unit, event, at });
    }
  }
  addGranted(granted);
  // terraform-aws-modules/eventbridge: `rules = { name = { schedule_expression | event_pattern } }` and
  // `targets = { name = [{ arn = module.fn.lambda_function_arn }] }`, matched by the rule's key.
  for (const b of blocksOf(parsed.body, 'module')) {
    if (!/terraform-aws-modules\/eventbridge\/aws|terraform-aws-eventbridge/.test(str(evaluate(attr(b.body, 'source')?.value, ctx)) ?? '')) continue;
    const rules = attr(b.body, 'rules')?.value;
    const targets = attr(b.body, 'targets')?.value;
    if (targets?.kind !== 'object') continue;
    for (const t of targets.entries) {
      const rule = rules?.kind === 'object' ? rules.entries.find((r) => r.key === t.key)?.value : undefined;
      const setting = (key: string) => (rule?.kind === 'object' ? rule.entries.find((e) => e.key === key)?.value : undefined);
      const schedule = str(evaluate(setting('schedule_expression'), ctx));
      const e: UnitEvent = schedule ? { type: 'schedule', detail: schedule } : { type: 'eventbridge', detail: t.key };
      e.rule = t.key;
      if (evaluate(setting('enabled'), ctx) === false || evaluate(setting('state'), ctx) === 'DISABLED') e.enabled = false;
      for (const item of t.value.kind === 'tuple' ? t.value.items : [])
        if (item.kind === 'object') attach(item.entries.find((x) => x.key === 'arn')?.value, e, t.keyRange);
    }
  }
  // The lambda module declares its own triggers.
  for (const b of blocksOf(parsed.body, 'module')) {
    for (const u of byKey.get(`module.${b.labels[0]}`) ?? []) {
      // `lambda_at_edge = true`: the module makes a Lambda@Edge function (us-east-1, replicated to CloudFront's edges).
      const edge = attr(b.body, 'lambda_at_edge');
      if (edge && evaluate(edge.value, ctx) === true) markEdgeFunction(u, edge.range, 'lambda_at_edge = true');
      const esm = attr(b.body, 'event_source_mapping')?.value;
      if (esm?.kind === 'object') {
        for (const entry of esm.entries) {
          const o = entry.value.kind === 'object' ? entry.value : undefined;
          const setting = (key: string) => o?.entries.find((e) => e.key === key)?.value;
          const src = setting('event_source_arn');
          const what = mappingSource(setting('self_managed_event_source'), setting('topics'), setting('queues'));
          const text = [what === 'stream' ? undefined : what, refText(src) ?? entry.key].filter(Boolean).join(' ');
          const vis = queueVisibility(src);
          u.fieldRanges![`events.${u.events.length}`] = entry.keyRange;
          u.events.push(
            vis !== undefined || /sqs/.test(text)
              ? { type: 'sqs', detail: text, ...(vis !== undefined ? { visibilityTimeout: vis } : {}) }
              : { type: 'stream', detail: text },
          );
        }
      }
    }
  }
  const keyOf = new Map<Unit, string>();
  for (const [key, list] of byKey) if (key.startsWith('aws_lambda_function.')) for (const u of list) keyOf.set(u, key);
  return {
    units,
    moduleCalls,
    moduleUnits: units.flatMap((u, i) => (moduleUnits.has(u) ? [{ unit: i, ...moduleUnits.get(u) }] : [])),
    functionKeys: units.flatMap((u, i) => (keyOf.has(u) ? [{ unit: i, key: keyOf.get(u)! }] : [])),
    triggers,
  };
}

function src0(v: HclValue): string {
  return v.kind === 'expr' ? v.text : '…';
}

/** Terraform resources whose service invokes the functions they name (`blocks`: only inside these nested blocks). */
const TF_INVOKERS: Record<string, { by: string; event: UnitEvent['type']; what: string; blocks?: string[] }> = {
  aws_sfn_state_machine: { by: 'stepfunctions', event: 'direct', what: 'Step Functions state machine' },
  aws_api_gateway_authorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer' },
  aws_apigatewayv2_authorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer' },
  aws_cognito_user_pool: { by: 'cognito', event: 'other', what: 'Cognito user pool trigger of', blocks: ['lambda_config'] },
  aws_appsync_datasource: { by: 'appsync', event: 'direct', what: 'AppSync data source', blocks: ['lambda_config'] },
  aws_cloudfront_distribution: {
    by: 'cloudfront',
    event: 'other',
    what: 'Lambda@Edge association of CloudFront distribution',
    blocks: ['lambda_function_association'],
  },
  aws_kinesis_firehose_delivery_stream: { by: 'firehose', event: 'other', what: 'Firehose delivery stream', blocks: ['processing_configuration'] },
  aws_lex_intent: { by: 'lex', event: 'other', what: 'Lex intent', blocks: ['fulfillment_activity', 'dialog_code_hook'] },
  aws_secretsmanager_secret_rotation: { by: 'secretsmanager', event: 'other', what: 'Secrets Manager rotation of' },
  aws_s3control_object_lambda_access_point: { by: 's3objectlambda', event: 'other', what: 'S3 Object Lambda access point' },
  aws_config_config_rule: { by: 'config', event: 'other', what: 'AWS Config rule', blocks: ['source'] },
  aws_connect_lambda_function_association: { by: 'connect', event: 'other', what: 'Amazon Connect integration' },
  aws_bedrockagent_agent_action_group: { by: 'bedrock', event: 'other', what: 'Bedrock agent action group', blocks: ['action_group_executor'] },
};

/** Blocks of these types anywhere under `body` (lambda_function_association sits in cache behaviours). */
function blocksDeep(body: HclBody, types: readonly string[], depth = 0): HclBody[] {
  const out: HclBody[] = [];
  if (depth > 8) return out;
  for (const b of body.blocks) {
    if (types.includes(b.type)) out.push(b.body);
    else out.push(...blocksDeep(b.body, types, depth + 1));
  }
  return out;
}

/**
 * The functions a body refers to (`aws_lambda_function.x.arn`, `.qualified_arn`, an alias, a module's output), in
 * attribute values, templates and expressions such as `jsonencode({ Resource = aws_lambda_function.x.arn })`.
 */
function functionRefs(body: HclBody, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8) return out;
  const visit = (v: HclValue | undefined, d: number): void => {
    if (!v || d > 20) return;
    if (v.kind === 'ref' || v.kind === 'template') {
      const key = functionKey(v);
      if (key) out.add(key);
      if (v.kind === 'template') for (const p of v.parts) if (typeof p !== 'string') visit({ kind: 'ref', path: p.ref, range: v.range }, d + 1);
    } else if (v.kind === 'object') for (const e of v.entries) visit(e.value, d + 1);
    else if (v.kind === 'tuple') for (const i of v.items) visit(i, d + 1);
    else if (v.kind === 'expr')
      for (const m of v.text.matchAll(/\b(aws_lambda_function|aws_lambda_alias)\.([\w-]+)/g))
        out.add(m[1] === 'aws_lambda_alias' ? `alias.${m[2]}` : `${m[1]}.${m[2]}`);
  };
  for (const a of body.attributes.values()) visit(a.value, 0);
  for (const b of body.blocks) functionRefs(b.body, out, depth + 1);
  return out;
}
