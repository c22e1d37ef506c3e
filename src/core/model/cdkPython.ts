// Lambda functions declared with the CDK in Python (`aws_lambda.Function(self, "Id", runtime=…, handler=…, code=…)`),
// read from the tree-sitter tree like the TypeScript CDK model (src/core/model/cdk.ts) reads typescript-estree's. The
// app is never run: only literals, module-level constants and the CDK's own helpers (Duration, Size, Runtime) are read.
import { callArgs, numberValue, stringPrefix, stringValue, unparen, walk, type PyNode } from '../python/ast';
import { nodesOfType } from '../parsers/treesitter';
import { qualifiedName, type PyModuleInfo } from '../python/module';
import type { SizedField, Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { CDK_EVENT_SOURCES, cdkRuntimeId, CONSTANT_NAME, finishUnit, markEdgeFunction, maskEnvironment, readPerHelperCall } from './runtimes';
import { addGranted, invokesFunction, permissionEvent, type GrantedInvoke } from './invokers';

const FUNCTION_CLASSES = new Set(['Function', 'PythonFunction', 'NodejsFunction', 'DockerImageFunction', 'SingletonFunction']);

/** Keyword arguments read into unit fields; the rest are listed in `otherSettings` (camelCase, as CDK documents them). */
const MODELLED = new Set([
  'runtime',
  'handler',
  'code',
  'entry',
  'index',
  'timeout',
  'memory_size',
  'environment',
  'architecture',
  'ephemeral_storage_size',
  'reserved_concurrent_executions',
  'layers',
  'vpc',
  'vpc_subnets',
  'security_groups',
  'filesystem',
  'retry_attempts',
  'max_event_age',
  'dead_letter_queue',
  'dead_letter_topic',
  'dead_letter_queue_enabled',
  'on_failure',
  'on_success',
  'role',
  'function_name',
  'initial_policy',
  'uuid',
  'lambda_purpose',
  'bundling',
  'durable_config',
]);

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const isCdk = (q: string | undefined): q is string => Boolean(q && /^aws_cdk(\.|$)/.test(q));

function importsCdkPython(module: PyModuleInfo): boolean {
  for (const m of module.modules) if (/^aws_cdk(\.|$)/.test(m)) return true;
  return false;
}

/** A parameter's name and default value (`handler`, `memory=256`, `lambda_id: str`). */
function parameterOf(p: PyNode): { name: string; fallback?: PyNode } | undefined {
  if (p.type === 'identifier') return { name: p.text };
  if (p.type === 'typed_parameter') {
    const id = p.namedChildren.find((c) => c.type === 'identifier');
    return id ? { name: id.text } : undefined;
  }
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
    const id = p.get('name');
    return id?.type === 'identifier' ? { name: id.text, fallback: p.get('value') } : undefined;
  }
  return undefined;
}

/**
 * When a function construct's id is a parameter of the function around it (`def create_lambda(self, scope, lambda_id,
 * handler): return aws_lambda.Function(scope, lambda_id, handler=handler, …)`): each call of that function in this file
 * whose id argument reads as a string, with what to bind each parameter to while the construct is read (the argument
 * or the default; nothing for an argument that is itself one of the parameters, so no name is read through itself).
 */
function pyHelperCalls(
  root: PyNode,
  construct: PyNode,
  str: (n: PyNode | undefined) => string | undefined,
): { calls: { call: PyNode; bindings: [string, PyNode | undefined][] }[]; unread: boolean; params: string[] } | undefined {
  const cargs = callArgs(construct);
  const idArg = unparen(cargs.positional[1] ?? cargs.keywords.get('id'));
  if (idArg?.type !== 'identifier') return undefined;
  let fn = construct.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const fnName = fn?.get('name')?.text;
  if (!fn || !fnName) return undefined;
  let params = (fn.get('parameters')?.namedChildren ?? []).map(parameterOf);
  if (params[0] && (params[0].name === 'self' || params[0].name === 'cls')) params = params.slice(1);
  const names = params.map((p) => p?.name);
  if (!names.includes(idArg.text)) return undefined;
  const out: { call: PyNode; bindings: [string, PyNode | undefined][] }[] = [];
  let unread = false;
  walk(root, (n) => {
    if (n === fn) return 'skip';
    if (n.type !== 'call') return;
    const f = n.get('function');
    const called = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? f.get('attribute')?.text : undefined;
    if (called !== fnName) return;
    const a = callArgs(n);
    const argFor = (i: number) => {
      const p = params[i];
      return p ? (a.keywords.get(p.name) ?? a.positional[i] ?? p.fallback) : undefined;
    };
    if (str(argFor(names.indexOf(idArg.text))) === undefined) {
      unread = true;
      return;
    }
    const bindings: [string, PyNode | undefined][] = [];
    params.forEach((p, i) => {
      if (!p) return;
      const v = unparen(argFor(i));
      bindings.push([p.name, v && !(v.type === 'identifier' && names.includes(v.text)) ? v : undefined]);
    });
    out.push({ call: n, bindings });
  });
  return out.length ? { calls: out, unread, params: params.flatMap((p) => (p ? [p.name] : [])) } : undefined;
}

/** CDK constructs (Python) whose service invokes the functions their arguments name: by class name, with its module. */
const PY_INVOKERS: Record<string, { module: RegExp; by: string; event: UnitEvent['type']; what: string; keywords: string[]; positional?: number }> = {
  Provider: {
    module: /\.custom_resources\./,
    by: 'cloudformation',
    event: 'other',
    what: 'CloudFormation custom resource provider',
    keywords: ['on_event_handler', 'is_complete_handler'],
  },
  CustomResource: {
    module: /^aws_cdk\.CustomResource$|\.aws_cloudformation\./,
    by: 'cloudformation',
    event: 'other',
    what: 'CloudFormation custom resource',
    keywords: ['service_token'],
  },
  UserPool: { module: /\.aws_cognito\./, by: 'cognito', event: 'other', what: 'Cognito user pool trigger of', keywords: ['lambda_triggers'] },
  RotationSchedule: {
    module: /\.aws_secretsmanager\./,
    by: 'secretsmanager',
    event: 'other',
    what: 'Secrets Manager rotation schedule',
    keywords: ['rotation_lambda'],
  },
  CfnIntegrationAssociation: { module: /\.aws_connect\./, by: 'connect', event: 'other', what: 'Amazon Connect integration', keywords: ['integration_arn'] },
  LambdaFunctionProcessor: {
    module: /\.aws_kinesisfirehose/,
    by: 'firehose',
    event: 'other',
    what: 'Firehose delivery stream processor',
    keywords: ['lambda_function'],
    positional: 0,
  },
};

/** Extracts the Lambda functions a Python CDK app declares, with their triggers. Offsets are the tree's. */
export function extractCdkPythonUnits(root: PyNode, module: PyModuleInfo, file: string, lineAt: (offset: number) => number): Unit[] {
  if (!importsCdkPython(module)) return [];
  // `TIMEOUT = 30`, `source = KinesisEventSource(...)`: names assigned once in the file, read where an argument names
  // them. A name assigned twice (two scopes, or reassigned) is ambiguous and left out.
  const consts = new Map<string, PyNode>();
  const seen = new Set<string>();
  walk(root, (a) => {
    if (a.type !== 'assignment') return;
    const left = a.get('left');
    const right = a.get('right');
    if ((left?.type !== 'identifier' && left?.type !== 'attribute') || !right) return;
    if (seen.has(left.text)) consts.delete(left.text);
    else consts.set(left.text, right);
    seen.add(left.text);
  });
  const deref = (n: PyNode | undefined, depth = 0): PyNode | undefined => {
    const u = unparen(n);
    return (u?.type === 'identifier' || u?.type === 'attribute') && consts.has(u.text) && depth < 5 ? deref(consts.get(u.text), depth + 1) : u;
  };
  const q = (n: PyNode | undefined) => qualifiedName(n, module.bindings);
  const num = (n: PyNode | undefined) => numberValue(deref(n));
  const str = (n: PyNode | undefined, depth = 0): string | undefined => {
    const d = deref(n);
    const s = stringValue(d);
    if (s !== undefined) return s;
    // f"{handler}.handler": each interpolation read the same way (no format spec or conversion).
    if (d?.type === 'string' && stringPrefix(d) === 'f' && depth < 4) {
      let out = '';
      for (const c of d.children) {
        if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
        else if (c.type === 'interpolation') {
          if (c.namedChildren.length !== 1) return undefined;
          const v = str(c.namedChildren[0], depth + 1);
          if (v === undefined) return undefined;
          out += v;
        }
      }
      return out;
    }
    // os.path.join(os.path.dirname(__file__), "..", "lambda") → a path relative to this file.
    if (d?.type === 'call' && /(^|\.)path\.join$|^os\.path\.join$/.test(q(d.get('function')) ?? d.get('function')?.text ?? '')) {
      // os.getcwd() is where `cdk synth` runs, the app's folder, which asset paths are relative to anyway.
      // Either spelled in place or through a name (`DIRNAME = os.path.dirname(__file__)`).
      const here = (a: PyNode) => {
        const t = (deref(a) ?? a).text.replace(/\s+/g, '');
        return (/__file__/.test(t) && /dirname|parent/.test(t)) || /^os\.getcwd\(\)$/.test(t);
      };
      const parts = callArgs(d).positional.map((a) => (here(a) ? '.' : str(a)));
      return parts.every((p) => p !== undefined) ? parts.join('/') : undefined;
    }
    return undefined;
  };
  const method = (call: PyNode | undefined): { obj: PyNode | undefined; name: string } | undefined => {
    const f = call?.type === 'call' ? call.get('function') : undefined;
    return f?.type === 'attribute' ? { obj: f.get('object'), name: f.get('attribute')?.text ?? '' } : undefined;
  };
  /**
   * The file whose text an expression is: `open("f").read()`, or `fp.read()` where `with open("f") as fp` (the first
   * argument of `open` a string).
   */
  const readFileArg = (n: PyNode | undefined): string | undefined => {
    const m = method(n);
    if (m?.name !== 'read') return undefined;
    const opened = (c: PyNode | undefined) => (c?.type === 'call' && c.get('function')?.text === 'open' ? str(callArgs(c).positional[0]) : undefined);
    const direct = opened(unparen(m.obj));
    if (direct || m.obj?.type !== 'identifier') return direct;
    for (const p of nodesOfType(root, 'as_pattern')) {
      const alias = p.get('alias');
      if (alias && alias.text === m.obj.text) return opened(unparen(p.namedChildren[0]));
    }
    return undefined;
  };
  /** `Duration.seconds(30)` / `cdk.Duration.minutes(5)` → seconds. */
  const duration = (n: PyNode | undefined): number | undefined => {
    const d = deref(n);
    const m = method(d);
    if (!m || !/(^|\.)Duration$/i.test(q(m.obj) ?? m.obj?.text ?? '')) return undefined;
    const v = num(callArgs(d!).positional[0]);
    const factor: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400, millis: 0.001 };
    return v !== undefined && factor[m.name] !== undefined ? v * factor[m.name] : undefined;
  };
  const sizeMB = (n: PyNode | undefined): number | undefined => {
    const d = deref(n);
    const m = method(d);
    const v = d ? num(callArgs(d).positional[0]) : undefined;
    if (!m || v === undefined || !/(^|\.)Size$/.test(q(m.obj) ?? m.obj?.text ?? '')) return undefined;
    return m.name === 'mebibytes' ? v : m.name === 'gibibytes' ? v * 1024 : undefined;
  };
  const lastSegment = (n: PyNode | undefined) => {
    const t = unparen(n)?.text ?? '';
    return t.slice(t.lastIndexOf('.') + 1);
  };
  const snippet = (n: PyNode | undefined) => (n ? n.text.replace(/\s+/g, ' ').slice(0, 120) : undefined);

  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  const calls: { call: PyNode; cls: string }[] = [];
  walk(root, (n) => {
    if (n.type !== 'call') return;
    const cls = q(n.get('function'));
    if (isCdk(cls)) calls.push({ call: n, cls });
  });
  /** EdgeFunction constructs, by unit: Lambda@Edge functions whether or not a distribution here names them. */
  const edgeFunctions = new Map<Unit, [number, number]>();
  /** The function (or method) a node is inside, if any. */
  const enclosingDef = (n: PyNode): PyNode | undefined => {
    let p = n.parent;
    while (p && p.type !== 'function_definition') p = p.parent;
    return p ?? undefined;
  };
  /** The name or attribute a call is assigned to (`fn = Function(…)`, `self.fn = (Function(…))`). */
  const assignedTo = (site: PyNode): PyNode | undefined => {
    let p = site.parent;
    while (p && p.type === 'parenthesized_expression') p = p.parent;
    const left = p?.type === 'assignment' ? p.get('left') : undefined;
    return left && (left.type === 'identifier' || left.type === 'attribute') ? left : undefined;
  };
  /** `self.api` → `api`. */
  const assignedName = (site: PyNode): string | undefined => assignedTo(site)?.text.split('.').pop();
  /**
   * The key a variable is known by: a local name with the function it is local to (two methods may each call their
   * function `lambda_function`), an attribute (`self.fn`) or a module-level name as written.
   */
  const varKey = (n: PyNode): string => {
    if (n.type !== 'identifier') return n.text;
    const fn = enclosingDef(n);
    return fn ? `${fn.start}:${n.text}` : n.text;
  };
  /** What each call of a method (`self.m(…)` or `m(…)`) of the file is assigned to, by method name; read once. */
  let callTargets: Map<string, PyNode[]> | undefined;
  const targetsOfCalls = (method: string): PyNode[] => {
    if (!callTargets) {
      const targets = new Map<string, PyNode[]>();
      walk(root, (n) => {
        if (n.type !== 'call') return;
        const callee = n.get('function');
        const name =
          callee?.type === 'attribute' && callee.get('object')?.text === 'self'
            ? callee.get('attribute')?.text
            : callee?.type === 'identifier'
              ? callee.text
              : undefined;
        const target = name ? assignedTo(n) : undefined;
        if (name && target) targets.set(name, [...(targets.get(name) ?? []), target]);
      });
      callTargets = targets;
    }
    return callTargets.get(method) ?? [];
  };
  /**
   * A function a method makes and returns (`fn = Function(…)` … `return fn` in `_build_worker`): what each call of the
   * method is assigned to (`self.worker = self._build_worker(…)`) names it too, for the triggers added there.
   */
  const returnedTo = (site: PyNode, left: PyNode): PyNode[] => {
    if (left.type !== 'identifier') return [];
    const fn = enclosingDef(site);
    const method = fn?.get('name')?.text;
    if (!fn || !method) return [];
    let returns = false;
    walk(fn, (n) => {
      if (n.type === 'return_statement' && unparen(n.namedChildren[0])?.text === left.text) returns = true;
    });
    return returns ? targetsOfCalls(method) : [];
  };
  /** A construct id that names a constant (`constants.GET_ACTIVITY_LAMBDA`, `ORDERS_FN`): the constant's name. */
  const idConstant = (n: PyNode | undefined): string | undefined => {
    const u = unparen(n);
    const last = u?.type === 'attribute' ? u.get('attribute')?.text : u?.type === 'identifier' ? u.text : undefined;
    return last && CONSTANT_NAME.test(last) ? last : undefined;
  };
  /** A function a method returns as it makes it (`return Function(…)`): named by what each call of the method is assigned to. */
  const returnedDirectly = (site: PyNode): PyNode[] => {
    let p = site.parent;
    while (p && p.type === 'parenthesized_expression') p = p.parent;
    const method = p?.type === 'return_statement' ? enclosingDef(site)?.get('name')?.text : undefined;
    return method ? targetsOfCalls(method) : [];
  };
  /**
   * One unit for a function construct `call`; `site` is where it is declared (the call itself, or the call of the helper
   * method that makes it), whose assignment names the unit for the triggers.
   */
  const build = (call: PyNode, name: string, site: PyNode): void => {
    const args = callArgs(call);
    // `**common_props`: a dict literal or `dict(...)` assigned once in the file supplies keyword arguments.
    for (const a of call.get('arguments')?.namedChildren ?? []) {
      if (a.type !== 'dictionary_splat') continue;
      const d = deref(a.namedChildren[0]);
      if (d?.type === 'dictionary') {
        for (const pair of d.namedChildren) {
          const k = pair.type === 'pair' ? stringValue(pair.get('key')) : undefined;
          if (k && !args.keywords.has(k)) args.keywords.set(k, pair.get('value')!);
        }
      } else if (d?.type === 'call' && d.get('function')?.text === 'dict') {
        for (const [k, v] of callArgs(d).keywords) if (!args.keywords.has(k)) args.keywords.set(k, v);
      }
    }
    const kw = (k: string, as?: string): PyNode | undefined => {
      const v = args.keywords.get(k);
      if (v && as) fieldRanges[as] = [v.start, v.end];
      return v;
    };
    const fieldRanges: Record<string, [number, number]> = {};
    const unresolvedFields: Partial<Record<SizedField, string>> = {};
    const sized = (k: string, as: SizedField, read: (n: PyNode | undefined) => number | undefined): number | undefined => {
      const n = kw(k, as);
      const v = read(n);
      if (n && v === undefined) unresolvedFields[as] = snippet(n)!;
      return v;
    };
    const runtimeNode = kw('runtime', 'runtime');
    let handler = str(kw('handler', 'handler'));
    // `runtime=_lambda.Runtime.PYTHON_3_12`, or a module-level constant holding it (`LAMBDA_RUNTIME = …`).
    const runtimeMember = runtimeNode ? lastSegment(deref(runtimeNode) ?? runtimeNode) : undefined;
    const runtime = runtimeMember ? cdkRuntimeId(runtimeMember) : undefined;
    let codeUri: string | undefined;
    const code = deref(kw('code'));
    const cm = method(code);
    // `Code.from_asset(dir)`; an image's build context: `DockerImageCode.from_image_asset(dir)`, `EcrImageCode.from_asset_image(dir)`.
    const imageCode = cm?.name === 'from_image_asset' || cm?.name === 'from_asset_image';
    if (cm && (cm.name === 'from_asset' || imageCode))
      codeUri = str(callArgs(code!).positional[0] ?? callArgs(code!).keywords.get('path') ?? callArgs(code!).keywords.get('directory'));
    let entryPoints: string[] | undefined;
    // Inline code (`Code.from_inline(...)`, `InlineCode(...)`): a string written here is read by no one; a file the
    // app reads into it (`with open("handler.py") as fp: code = fp.read()`) is the function's code, from the app's folder.
    let inlineCode = false;
    const inlineArg =
      cm?.name === 'from_inline' || cm?.name === 'InlineCode' || (code?.type === 'call' && /(^|\.)InlineCode$/.test(code.get('function')?.text ?? ''))
        ? deref(callArgs(code!).positional[0] ?? callArgs(code!).keywords.get('code'))
        : undefined;
    if (inlineArg) {
      const read = readFileArg(inlineArg);
      if (read) {
        codeUri = '.';
        entryPoints = [read.replace(/^\.\//, '')];
      } else inlineCode = true;
    }
    const entry = str(kw('entry', 'entry'));
    if (name === 'PythonFunction' && entry) {
      codeUri = entry;
      handler = `${(str(kw('index')) ?? 'index.py').replace(/\.py$/, '')}.${handler ?? 'handler'}`;
    } else if (name === 'NodejsFunction' && entry) {
      const clean = entry.replace(/^\.\//, '');
      handler = `${clean.replace(/\.[cm]?[jt]sx?$/, '')}.${handler ?? 'handler'}`;
      entryPoints = [clean];
    }
    const env: Record<string, unknown> = {};
    const envNode = deref(kw('environment'));
    if (envNode?.type === 'dictionary') {
      for (const pair of envNode.namedChildren) {
        if (pair.type !== 'pair') continue;
        const k = stringValue(pair.get('key'));
        if (k) env[k] = str(pair.get('value'));
      }
    }
    const layersNode = deref(kw('layers'));
    const layers = layersNode?.type === 'list' ? layersNode.namedChildren.map((e) => snippet(e) ?? '?') : layersNode ? [snippet(layersNode)!] : undefined;
    const vpc = kw('vpc');
    const fs = kw('filesystem');
    const dlq = kw('dead_letter_queue') ?? kw('dead_letter_topic') ?? kw('on_failure');
    const other = [...args.keywords.keys()]
      .filter((k) => !MODELLED.has(k) && k !== 'id' && k !== 'scope')
      .map(camel)
      .sort();
    const arch = kw('architecture');
    // `durable_config=DurableConfig(execution_timeout=Duration.hours(1), retention_period=Duration.days(7))` or a dict.
    const durableNode = deref(kw('durable_config'));
    const durableArg = (k: string): PyNode | undefined =>
      durableNode?.type === 'call'
        ? callArgs(durableNode).keywords.get(k)
        : durableNode?.type === 'dictionary'
          ? durableNode.namedChildren.find((p) => p.type === 'pair' && stringValue(p.get('key')) === k)?.get('value')
          : undefined;
    const retention = duration(durableArg('retention_period'));
    const unit: Unit = {
      kind: 'lambda-function',
      // An id the file computes is unknown: the function name it deploys as names it, else the variable or attribute the
      // construct is kept in, else its line.
      name:
        str(args.positional[1] ?? args.keywords.get('id')) ??
        idConstant(args.positional[1] ?? args.keywords.get('id')) ??
        str(args.keywords.get('function_name')) ??
        assignedName(site) ??
        `function@${lineAt(site.start)}`,
      file,
      line: lineAt(site.start),
      source: 'cdk',
      runtime,
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      entryPoints,
      timeoutSeconds: sized('timeout', 'timeoutSeconds', duration),
      memoryMB: sized('memory_size', 'memoryMB', num),
      ephemeralStorageMB: sized('ephemeral_storage_size', 'ephemeralStorageMB', sizeMB),
      architecture: arch ? (lastSegment(arch) === 'ARM_64' ? 'arm64' : 'x86_64') : undefined,
      events: [],
      environment: Object.keys(env).length ? maskEnvironment(env) : undefined,
      reservedConcurrency: sized('reserved_concurrent_executions', 'reservedConcurrency', num),
      layers,
      // `Runtime.FROM_IMAGE` is how a plain Function takes an image (`EcrImageCode`, `Code.from_asset_image`).
      packageType: name === 'DockerImageFunction' || imageCode || runtimeMember === 'FROM_IMAGE' ? 'Image' : undefined,
      ...(inlineCode ? { inlineCode } : {}),
      image: name === 'DockerImageFunction' || imageCode || runtimeMember === 'FROM_IMAGE' ? snippet(kw('code')) : undefined,
      functionName: str(kw('function_name')),
      unresolvedFields: Object.keys(unresolvedFields).length ? unresolvedFields : undefined,
      vpc: vpc
        ? {
            subnets: kw('vpc_subnets') ? [snippet(kw('vpc_subnets'))!] : [`${snippet(vpc)} (private subnets by default)`],
            securityGroups: kw('security_groups') ? [snippet(kw('security_groups'))!] : undefined,
          }
        : undefined,
      fileSystems: fs ? [{ accessPoint: snippet(fs)!, mountPath: /from_efs_access_point\([^,]+,\s*['"]([^'"]+)['"]/.exec(fs.text)?.[1] ?? '' }] : undefined,
      durable: durableNode
        ? { executionTimeoutSeconds: duration(durableArg('execution_timeout')), retentionDays: retention !== undefined ? retention / 86400 : undefined }
        : undefined,
      maximumRetryAttempts: num(kw('retry_attempts')),
      maximumEventAgeSeconds: duration(kw('max_event_age')),
      deadLetterTarget: dlq ? snippet(dlq) : kw('dead_letter_queue_enabled') ? 'a queue CDK creates (dead_letter_queue_enabled)' : undefined,
      successTarget: snippet(kw('on_success')),
      otherSettings: other.length ? other : undefined,
      range: [call.start, call.end],
      fieldRanges,
      readiness: {},
    };
    if (name === 'EdgeFunction') edgeFunctions.set(unit, [site.start, site.end]);
    finishUnit(unit);
    units.push(unit);
    const left = assignedTo(site);
    for (const target of left ? [left, ...returnedTo(site, left)] : returnedDirectly(site)) byVar.set(varKey(target), unit);
  };
  for (const { call, cls } of calls) {
    const name = cls.slice(cls.lastIndexOf('.') + 1);
    if (!(FUNCTION_CLASSES.has(name) && /aws_lambda/.test(cls)) && !(name === 'EdgeFunction' && /aws_cloudfront/.test(cls))) continue;
    // Made in a helper method from its parameters (`def create_lambda(self, scope, lambda_id, handler)`): a unit per
    // call of the helper in this file, read with that call's arguments.
    const helper = pyHelperCalls(root, call, str);
    // Calls whose id does not read (a loop, a computed name) are the construct's own unit, as without a helper, read
    // with its parameters unknown.
    readPerHelperCall(
      consts,
      helper,
      (bindings) => ({ call, bindings }),
      (h) => build(call, name, h.call),
    );
  }
  if (!units.length) return units;

  const unitOf = (n: PyNode | undefined) => {
    const u = unparen(n);
    return u ? byVar.get(varKey(u)) : undefined;
  };
  const add = (u: Unit | undefined, e: UnitEvent, at: PyNode) => {
    if (!u) return;
    u.fieldRanges![`events.${u.events.length}`] = [at.start, at.end];
    u.events.push(e);
  };
  /** `[targets.LambdaFunction(fn)]` → the units. */
  const lambdaTargets = (n: PyNode | undefined): Unit[] => {
    const d = deref(n);
    if (d?.type === 'list') return d.namedChildren.flatMap(lambdaTargets);
    if (d?.type === 'call' && /LambdaFunction$/.test(q(d.get('function')) ?? '')) {
      const u = unitOf(callArgs(d).positional[0] ?? callArgs(d).keywords.get('handler'));
      return u ? [u] : [];
    }
    return [];
  };
  const schedule = (n: PyNode | undefined): string | undefined => {
    const d = deref(n);
    const m = method(d);
    if (!m || !/(^|\.)Schedule$/.test(q(m.obj) ?? m.obj?.text ?? '')) return undefined;
    const a = callArgs(d!);
    if (m.name === 'expression') return str(a.positional[0]);
    if (m.name === 'rate') {
      const s = duration(a.positional[0] ?? a.keywords.get('duration'));
      if (s === undefined) return undefined;
      return s % 86400 === 0
        ? `rate(${s / 86400} day${s === 86400 ? '' : 's'})`
        : s % 3600 === 0
          ? `rate(${s / 3600} hour${s === 3600 ? '' : 's'})`
          : s % 60 === 0
            ? `rate(${s / 60} minute${s === 60 ? '' : 's'})`
            : undefined;
    }
    if (m.name === 'cron') {
      const f = (k: string) => str(a.keywords.get(k));
      const day = f('day') ?? (f('week_day') ? '?' : '*');
      return `cron(${f('minute') ?? '*'} ${f('hour') ?? '*'} ${day} ${f('month') ?? '*'} ${f('week_day') ?? '?'} ${f('year') ?? '*'})`;
    }
    return undefined;
  };
  /** The functions a value names: a function, `fn.function_arn`, or one inside lists, dicts and calls (a few deep). */
  const namedFunctions = (n: PyNode | undefined, depth = 0, out = new Set<Unit>()): Set<Unit> => {
    const v = unparen(n);
    if (!v || depth > 4) return out;
    const direct =
      unitOf(v) ??
      (v.type === 'attribute' && /^function_(?:arn|name)$|^current_version$|^latest_version$/.test(v.get('attribute')?.text ?? '')
        ? unitOf(v.get('object'))
        : undefined);
    if (direct) out.add(direct);
    else if (v.type === 'call') for (const x of [...callArgs(v).positional, ...callArgs(v).keywords.values()]) namedFunctions(x, depth + 1, out);
    else if (v.type === 'list' || v.type === 'tuple') for (const x of v.namedChildren) namedFunctions(x, depth + 1, out);
    else if (v.type === 'dictionary') for (const pair of v.namedChildren) namedFunctions(pair.get('value'), depth + 1, out);
    else if (v.type === 'identifier' && depth < 2) {
      const d = deref(v);
      if (d && d !== v) namedFunctions(d, depth + 1, out);
    }
    return out;
  };
  /** Permissions granted to a Lambda-only service (model/invokers.ts), added once every trigger is read. */
  const granted: GrantedInvoke[] = [];
  const grant = (fnNode: PyNode | undefined, principalNode: PyNode | undefined, arnNode: PyNode | undefined, at: PyNode): void => {
    const p = deref(principalNode);
    const principal = p?.type === 'call' && /(^|\.)ServicePrincipal$/.test(q(p.get('function')) ?? '') ? str(callArgs(p).positional[0]) : str(p);
    const event = permissionEvent(principal, arnNode?.text, 'permission');
    const [unit] = namedFunctions(fnNode);
    if (event && unit) granted.push({ unit, event, at: [at.start, at.end] });
  };
  const rules = new Map<string, { schedule?: string; enabled: boolean }>();
  for (const { call, cls } of calls) {
    const name = cls.slice(cls.lastIndexOf('.') + 1);
    const a = callArgs(call);
    if (name === 'AwsCustomResource' && /\.custom_resources\./.test(cls)) {
      // on_create=cr.AwsSdkCall(service="Lambda", action="invoke", parameters={"FunctionName": fn.function_name}): the
      // function runs during deployments, for the stack.
      const id = str(a.positional[1] ?? a.keywords.get('id')) ?? name;
      for (const key of ['on_create', 'on_update', 'on_delete']) {
        const sdk = deref(a.keywords.get(key));
        if (sdk?.type !== 'call') continue;
        const k = callArgs(sdk).keywords;
        if (!invokesFunction(str(k.get('service')), str(k.get('action')))) continue;
        const params = deref(k.get('parameters'));
        const pair = params?.type === 'dictionary' ? params.namedChildren.find((p) => stringValue(p.get('key')) === 'FunctionName') : undefined;
        for (const u of namedFunctions(pair?.get('value')))
          if (!u.events.some((e) => e.invokedBy === 'cloudformation'))
            add(
              u,
              { type: 'other', detail: `CloudFormation custom resource ${id} (an AwsCustomResource calling Lambda Invoke)`, invokedBy: 'cloudformation' },
              call,
            );
      }
      continue;
    }
    const invoker = PY_INVOKERS[name];
    if (invoker && invoker.module.test(cls)) {
      // Constructs whose service invokes the functions their arguments name (a custom resource's provider, a user
      // pool's triggers, a rotation schedule, a delivery stream's processor).
      const id = str(a.positional[1] ?? a.keywords.get('id')) ?? name;
      const found = new Set<Unit>();
      for (const k of invoker.keywords) namedFunctions(a.keywords.get(k), 0, found);
      if (invoker.positional !== undefined) namedFunctions(a.positional[invoker.positional], 0, found);
      for (const u of found)
        if (!u.events.some((e) => e.invokedBy === invoker.by)) add(u, { type: invoker.event, detail: `${invoker.what} ${id}`, invokedBy: invoker.by }, call);
      continue;
    }
    if (name === 'Rule' && /aws_events/.test(cls)) {
      const sched = a.keywords.has('schedule') ? (schedule(a.keywords.get('schedule')) ?? 'schedule (not a literal)') : undefined;
      const enabled = a.keywords.get('enabled')?.text !== 'False';
      let p = call.parent;
      while (p && p.type === 'parenthesized_expression') p = p.parent;
      if (p?.type === 'assignment' && p.get('left')) rules.set(p.get('left')!.text, { schedule: sched, enabled });
      const off = enabled ? {} : { enabled: false };
      for (const u of lambdaTargets(a.keywords.get('targets')))
        add(u, sched ? { type: 'schedule', detail: sched, ...off } : { type: 'eventbridge', detail: stringValue(a.positional[1]), ...off }, call);
    } else if (name === 'CfnPermission' && /aws_lambda/.test(cls)) {
      grant(a.keywords.get('function_name'), a.keywords.get('principal'), a.keywords.get('source_arn'), call);
    } else if (name === 'LambdaRestApi') {
      add(unitOf(a.keywords.get('handler')), { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, call);
    } else if (name === 'LambdaIntegration') {
      add(unitOf(a.positional[0] ?? a.keywords.get('handler')), { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, call);
    } else if (name === 'HttpLambdaIntegration') {
      add(unitOf(a.positional[1] ?? a.keywords.get('handler')), { type: 'http', detail: 'API Gateway', apiGateway: 'http' }, call);
    } else if (name === 'LambdaProxyIntegration' && /apigatewayv2/.test(cls)) {
      // CDK v1's (and the early v2 alpha's) HTTP API integration: `LambdaProxyIntegration(handler=fn)`.
      add(unitOf(a.keywords.get('handler') ?? a.positional[0]), { type: 'http', detail: 'API Gateway', apiGateway: 'http' }, call);
    } else if ((name === 'TokenAuthorizer' || name === 'RequestAuthorizer') && /aws_apigateway/.test(cls)) {
      const id = str(a.positional[1] ?? a.keywords.get('id')) ?? name;
      add(unitOf(a.keywords.get('handler')), { type: 'other', detail: `API Gateway authorizer ${id}`, invokedBy: 'apigateway' }, call);
    } else if ((name === 'HttpLambdaAuthorizer' || name === 'WebSocketLambdaAuthorizer') && /authorizers/.test(cls)) {
      const id = str(a.positional[0] ?? a.keywords.get('id')) ?? name;
      add(unitOf(a.positional[1] ?? a.keywords.get('handler')), { type: 'other', detail: `API Gateway authorizer ${id}`, invokedBy: 'apigateway' }, call);
    } else if (name === 'LambdaInvoke' && /aws_stepfunctions_tasks/.test(cls)) {
      const id = str(a.positional[1] ?? a.keywords.get('id')) ?? name;
      add(unitOf(a.keywords.get('lambda_function')), { type: 'direct', detail: `Step Functions task ${id}`, invokedBy: 'stepfunctions' }, call);
    } else if ((name === 'RunLambdaTask' || name === 'InvokeFunction') && /aws_stepfunctions_tasks/.test(cls)) {
      // CDK v1's tasks take the function first and are named by the `sfn.Task` they are given to.
      let owner = call.parent;
      while (owner && !(owner.type === 'call' && /aws_stepfunctions\.Task$/.test(q(owner.get('function')) ?? ''))) owner = owner.parent;
      const id = owner ? str(callArgs(owner).positional[1] ?? callArgs(owner).keywords.get('id')) : undefined;
      add(
        unitOf(a.positional[0] ?? a.keywords.get('lambda_function')),
        { type: 'direct', detail: `Step Functions task ${id ?? name}`, invokedBy: 'stepfunctions' },
        call,
      );
    }
  }
  // Method calls on a function or rule variable: add_event_source, add_function_url, add_target.
  walk(root, (n) => {
    if (n.type !== 'call') return;
    const m = method(n);
    if (!m) return;
    const a = callArgs(n);
    if (m.name === 'add_event_source') {
      const src = deref(a.positional[0]);
      const cls = src?.type === 'call' ? q(src.get('function')) : undefined;
      const type = cls && isCdk(cls) ? CDK_EVENT_SOURCES[cls.slice(cls.lastIndexOf('.') + 1)] : undefined;
      if (!type) return;
      const sa = callArgs(src!);
      const e: UnitEvent = { type, detail: sa.positional[0]?.text ?? cls };
      const batch = num(sa.keywords.get('batch_size'));
      if (batch !== undefined) e.batchSize = batch;
      if (sa.keywords.get('enabled')?.text === 'False') e.enabled = false;
      if (sa.keywords.has('filters')) e.filterCriteria = snippet(sa.keywords.get('filters'));
      if (sa.keywords.has('filter_policy')) e.filterPolicy = snippet(sa.keywords.get('filter_policy'));
      const maxc = num(sa.keywords.get('max_concurrency'));
      if (maxc !== undefined) e.maximumConcurrency = maxc;
      const win = duration(sa.keywords.get('max_batching_window'));
      if (win !== undefined) e.maximumBatchingWindowInSeconds = win;
      if (sa.keywords.get('report_batch_item_failures')?.text === 'True') e.functionResponseTypes = ['ReportBatchItemFailures'];
      add(unitOf(m.obj), e, n);
    } else if (m.name === 'add_function_url') {
      const auth = /FunctionUrlAuthType\.(\w+)/.exec(n.text)?.[1];
      add(unitOf(m.obj), { type: 'http', detail: 'function URL', functionUrl: true, ...(auth ? { authType: auth } : {}) }, n);
    } else if (m.name === 'add_target') {
      const rule = m.obj ? rules.get(m.obj.text) : undefined;
      const off = rule && !rule.enabled ? { enabled: false } : {};
      for (const u of lambdaTargets(a.positional[0]))
        add(u, rule?.schedule ? { type: 'schedule', detail: rule.schedule, ...off } : { type: 'eventbridge', detail: m.obj?.text, ...off }, n);
    } else if (/^add_(?:event|object_created|object_removed)_notification$/.test(m.name)) {
      // bucket.add_event_notification(s3.EventType.OBJECT_CREATED, s3n.LambdaDestination(fn)); the created/removed forms
      // take the destination first.
      const dest = deref(a.positional[m.name === 'add_event_notification' ? 1 : 0]);
      if (dest?.type === 'call' && /LambdaDestination$/.test(q(dest.get('function')) ?? ''))
        add(unitOf(callArgs(dest).positional[0]), { type: 's3', detail: m.obj?.text }, n);
    } else if (m.name === 'add_permission') {
      grant(m.obj, a.keywords.get('principal'), a.keywords.get('source_arn'), n);
    } else if (m.name === 'add_rotation_schedule') {
      const id = str(a.positional[0] ?? a.keywords.get('id'));
      add(
        unitOf(a.keywords.get('rotation_lambda')),
        { type: 'other', detail: `Secrets Manager rotation schedule ${id ?? 'of a secret'}`, invokedBy: 'secretsmanager' },
        n,
      );
    } else if (m.name === 'grant_invoke') {
      // fn.grant_invoke(state_machine), a state machine made here: its tasks invoke the function.
      const grantee = a.positional[0] ?? a.keywords.get('grantee');
      const made = deref(grantee);
      const machine = made?.type === 'call' ? q(made.get('function')) : undefined;
      if (machine && isCdk(machine) && /\.aws_stepfunctions\.StateMachine$/.test(machine)) {
        const u = unitOf(m.obj);
        const id = str(callArgs(made!).positional[1] ?? callArgs(made!).keywords.get('id')) ?? grantee?.text ?? 'a state machine';
        if (u && !u.events.some((e) => e.invokedBy === 'stepfunctions'))
          add(u, { type: 'direct', detail: `Step Functions state machine ${id}`, invokedBy: 'stepfunctions' }, n);
      } else grant(m.obj, grantee, undefined, n);
    } else if (m.name === 'add_trigger' && a.positional[1]) {
      // user_pool.add_trigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn)
      add(unitOf(a.positional[1]), { type: 'other', detail: `Cognito user pool trigger of ${m.obj?.text ?? 'a user pool'}`, invokedBy: 'cognito' }, n);
    }
  });
  addGranted(granted);
  // After every association is read: a distribution that names the function says so where it does.
  for (const [u, at] of edgeFunctions) markEdgeFunction(u, at, 'cloudfront.experimental.EdgeFunction');
  return units;
}
