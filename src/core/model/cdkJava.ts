// Lambda functions declared with the CDK in Java, read from the tree-sitter tree like the TypeScript CDK model
// (src/core/model/cdk.ts): `Function.Builder.create(this, "Id").runtime(Runtime.JAVA_21).handler("…").build()` and
// `new Function(this, "Id", FunctionProps.builder()….build())`. The app is never run: only literals and the CDK's own
// helpers (Duration, Runtime, Architecture, Map.of) are read.
import type { SyntaxNode } from '../parsers/treesitter';
import type { Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { CDK_EVENT_SOURCES, cdkRuntimeId, finishUnit, maskEnvironment } from './runtimes';

const FUNCTION_CLASSES = new Set(['Function', 'SingletonFunction', 'DockerImageFunction']);
/** Builder methods read into unit fields; the others are listed in `otherSettings`. */
const MODELLED = new Set([
  'runtime',
  'handler',
  'code',
  'timeout',
  'memorySize',
  'architecture',
  'environment',
  'functionName',
  'events',
  'build',
  'create',
  'builder',
]);
/** Builder methods → the unit fields they set (for positions of findings about a field). */
const FIELD_OF: Record<string, string> = { timeout: 'timeoutSeconds', memorySize: 'memoryMB' };

/** True when the file imports the CDK's Lambda module (`software.amazon.awscdk.services.lambda`). */
export function importsCdkJava(text: string): boolean {
  return /^\s*import\s+software\.amazon\.awscdk\.services\.lambda\b/m.test(text);
}

function walk(n: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    visit(cur);
    for (let i = cur.children.length - 1; i >= 0; i--) stack.push(cur.children[i]);
  }
}

const args = (call: SyntaxNode): SyntaxNode[] => call.get('arguments')?.namedChildren ?? [];

function stringOf(n: SyntaxNode | undefined): string | undefined {
  if (n?.type !== 'string_literal') return undefined;
  const parts = n.namedChildren;
  if (parts.some((p) => p.type !== 'string_fragment')) return parts.length ? undefined : '';
  return parts.map((p) => p.text).join('');
}

function numberOf(n: SyntaxNode | undefined): number | undefined {
  if (n?.type !== 'decimal_integer_literal') return undefined;
  const v = Number(n.text.replace(/_/g, '').replace(/[lL]$/, ''));
  return Number.isFinite(v) ? v : undefined;
}

/** The member a `Runtime.JAVA_21` / `Architecture.ARM_64` expression names. */
const memberName = (n: SyntaxNode | undefined): string | undefined => (n?.type === 'field_access' ? n.get('field')?.text : undefined);

/** `Duration.seconds(30)`, `Duration.minutes(5)` → seconds. */
function durationOf(n: SyntaxNode | undefined): number | undefined {
  if (n?.type !== 'method_invocation' || n.get('object')?.text !== 'Duration') return undefined;
  const v = numberOf(args(n)[0]);
  const factor: Record<string, number> = { millis: 0.001, seconds: 1, minutes: 60, hours: 3600 };
  const f = factor[n.get('name')?.text ?? ''];
  return v === undefined || f === undefined ? undefined : v * f;
}

/** A builder chain from its last call (`….build()`) down to the first: each method with its arguments. */
function chain(last: SyntaxNode): { name: string; call: SyntaxNode }[] {
  const out: { name: string; call: SyntaxNode }[] = [];
  for (let n: SyntaxNode | undefined = last; n?.type === 'method_invocation'; n = n.get('object')) out.unshift({ name: n.get('name')?.text ?? '', call: n });
  return out;
}

/** Extracts the Lambda functions a Java CDK app (see importsCdkJava) declares. Offsets are the tree's (UTF-16, like the text). */
export function extractCdkJavaUnits(root: SyntaxNode, file: string, lineAt: (offset: number) => number): Unit[] {
  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  /** Methods that return one function (null: more than one). */
  const byMethod = new Map<string, Unit | null>();
  const build = (at: SyntaxNode, cls: string, id: string | undefined, calls: { name: string; call: SyntaxNode }[]) => {
    const fieldRanges: NonNullable<Unit['fieldRanges']> = {};
    const arg = (name: string): SyntaxNode | undefined => {
      const c = calls.find((x) => x.name === name);
      if (c) fieldRanges[FIELD_OF[name] ?? name] = [c.call.get('name')!.start, c.call.end];
      return c ? args(c.call)[0] : undefined;
    };
    const runtimeMember = memberName(arg('runtime'));
    const handler = stringOf(arg('handler'));
    const code = arg('code');
    const codeUri =
      code?.type === 'method_invocation' && /^(fromAsset|fromDockerBuild|fromAssetImage)$/.test(code.get('name')?.text ?? '')
        ? stringOf(args(code)[0])
        : undefined;
    // `Code.fromInline("exports.handler = …")`, `new InlineCode(…)`: code written in the app, which no one reads.
    const inlineCode =
      (code?.type === 'method_invocation' && code.get('name')?.text === 'fromInline') ||
      (code?.type === 'object_creation_expression' && /(^|\.)InlineCode$/.test(code.get('type')?.text ?? ''));
    const env: Record<string, unknown> = {};
    const envArg = arg('environment');
    if (envArg?.type === 'method_invocation' && /^Map$/.test(envArg.get('object')?.text ?? '') && envArg.get('name')?.text === 'of') {
      const a = args(envArg);
      for (let i = 0; i + 1 < a.length; i += 2) {
        const k = stringOf(a[i]);
        if (k) env[k] = stringOf(a[i + 1]);
      }
    }
    const events: UnitEvent[] = [];
    const eventsArg = arg('events');
    if (eventsArg) {
      walk(eventsArg, (n) => {
        const type = n.type === 'object_creation_expression' ? CDK_EVENT_SOURCES[n.get('type')?.text ?? ''] : undefined;
        if (type) events.push({ type, detail: args(n)[0]?.text ?? n.get('type')!.text });
      });
    }
    const timeout = durationOf(arg('timeout'));
    const memory = numberOf(arg('memorySize'));
    const arch = memberName(arg('architecture'));
    const name = stringOf(arg('functionName')) ?? id ?? `function@${lineAt(at.start)}`;
    const other = calls.map((c) => c.name).filter((n) => !MODELLED.has(n));
    const unit: Unit = {
      kind: 'lambda-function',
      name,
      file,
      line: lineAt(at.start),
      source: 'cdk',
      runtime: runtimeMember ? cdkRuntimeId(runtimeMember) : undefined,
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      ...(inlineCode ? { inlineCode } : {}),
      timeoutSeconds: timeout,
      memoryMB: memory,
      architecture: arch ? (arch === 'ARM_64' ? 'arm64' : 'x86_64') : undefined,
      events,
      environment: Object.keys(env).length ? maskEnvironment(env) : undefined,
      packageType: cls === 'DockerImageFunction' ? 'Image' : undefined,
      otherSettings: other.length ? [...new Set(other)].sort() : undefined,
      range: [at.start, at.end],
      fieldRanges,
      readiness: {},
    };
    finishUnit(unit);
    units.push(unit);
    // `Function orders = Function.Builder.create(…)…build();` (or `this.orders = …`): later `orders.addEventSource(…)`
    // and the constructs given `orders` add triggers.
    const decl =
      at.parent?.type === 'variable_declarator'
        ? at.parent.get('name')?.text
        : at.parent?.type === 'assignment_expression'
          ? at.parent.get('left')?.text.replace(/^this\./, '')
          : undefined;
    if (decl) byVar.set(decl, unit);
    // `private Function createLambda() { return Function.Builder.create(…)….build(); }`: the method's calls are it.
    if (at.parent?.type === 'return_statement') {
      let m: SyntaxNode | undefined = at.parent;
      while (m && m.type !== 'method_declaration') m = m.parent;
      const name = m?.get('name')?.text;
      if (name) byMethod.set(name, byMethod.has(name) ? null : unit);
    }
  };
  walk(root, (n) => {
    // Function.Builder.create(this, "Id")….build()
    if (n.type === 'method_invocation' && n.get('name')?.text === 'build') {
      const calls = chain(n);
      const first = calls[0];
      const owner = (first?.call.get('object')?.text ?? '').replace(/\s+/g, '');
      const cls = /(?:^|\.)(\w+)\.Builder$/.exec(owner)?.[1];
      if (first?.name === 'create' && cls && FUNCTION_CLASSES.has(cls)) build(n, cls, stringOf(args(first.call)[1]), calls);
      return;
    }
    // new Function(this, "Id", FunctionProps.builder()….build())
    if (n.type === 'object_creation_expression') {
      const cls = n.get('type')?.text ?? '';
      const a = args(n);
      if (!FUNCTION_CLASSES.has(cls) || a.length < 3 || a[2].type !== 'method_invocation') return;
      const calls = chain(a[2]);
      if (calls[0]?.name !== 'builder') return;
      build(n, cls, stringOf(a[1]), calls);
    }
  });
  // `Function fn = Function.Builder.create(…)….build(); … return fn;`
  walk(root, (n) => {
    const value = n.type === 'return_statement' ? n.namedChildren[0] : undefined;
    const u = value?.type === 'identifier' ? byVar.get(value.text) : undefined;
    let m: SyntaxNode | undefined = n.parent;
    while (u && m && m.type !== 'method_declaration') m = m.parent;
    const name = u ? m?.get('name')?.text : undefined;
    if (name) byMethod.set(name, byMethod.has(name) && byMethod.get(name) !== u ? null : u!);
  });
  if (units.length) addTriggers(root, byVar, byMethod);
  return units;
}

/** A construct as written: `new X(a, b, XProps.builder().k(v)….build())` or `X.Builder.create(a, b).k(v)….build()`. */
interface Construct {
  cls: string;
  node: SyntaxNode;
  args: SyntaxNode[];
  props: Map<string, SyntaxNode>;
}

function constructOf(n: SyntaxNode): Construct | undefined {
  const propsOf = (calls: { name: string; call: SyntaxNode }[]) =>
    new Map(calls.filter((c) => c.name !== 'build' && c.name !== 'builder' && c.name !== 'create').map((c) => [c.name, args(c.call)[0]]));
  if (n.type === 'object_creation_expression') {
    const cls = (n.get('type')?.text ?? '').replace(/^.*\./, '').replace(/<.*$/, '');
    const a = args(n);
    const last = a[a.length - 1];
    // Props built with `XProps.builder()….build()` or `new XProps.Builder()….build()`.
    const calls = last?.type === 'method_invocation' && last.get('name')?.text === 'build' ? chain(last) : [];
    return { cls, node: n, args: a, props: propsOf(calls) };
  }
  if (n.type === 'method_invocation' && n.get('name')?.text === 'build') {
    const calls = chain(n);
    const first = calls[0];
    const cls = /(?:^|\.)(\w+)\.Builder$/.exec((first?.call.get('object')?.text ?? '').replace(/\s+/g, ''))?.[1];
    if (first?.name === 'create' && cls) return { cls, node: n, args: args(first.call), props: propsOf(calls) };
  }
  return undefined;
}

/** Constructs whose service invokes the functions their builder methods (`keys`) or an argument (`arg`) name. */
const JAVA_INVOKERS: Record<string, { event: UnitEvent; keys?: string[]; arg?: number }> = {
  LambdaRestApi: { event: { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, keys: ['handler'] },
  LambdaIntegration: { event: { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, arg: 0 },
  // CDK v1's HTTP API integration (`new LambdaProxyIntegration(LambdaProxyIntegrationProps.builder().handler(fn)…)`).
  LambdaProxyIntegration: { event: { type: 'http', detail: 'API Gateway', apiGateway: 'http' }, keys: ['handler'] },
  HttpLambdaIntegration: { event: { type: 'http', detail: 'API Gateway', apiGateway: 'http' }, arg: 1 },
  FunctionUrl: { event: { type: 'http', detail: 'function URL', functionUrl: true }, keys: ['function'] },
  LambdaSubscription: { event: { type: 'sns', detail: 'SNS subscription' }, arg: 0 },
  LambdaInvoke: { event: { type: 'direct', detail: 'Step Functions task', invokedBy: 'stepfunctions' }, keys: ['lambdaFunction'] },
  Provider: {
    event: { type: 'other', detail: 'CloudFormation custom resource provider', invokedBy: 'cloudformation' },
    keys: ['onEventHandler', 'isCompleteHandler'],
  },
  CustomResource: { event: { type: 'other', detail: 'CloudFormation custom resource', invokedBy: 'cloudformation' }, keys: ['serviceToken'] },
  LambdaFunctionProcessor: { event: { type: 'other', detail: 'Firehose delivery stream', invokedBy: 'firehose' }, arg: 0 },
  TokenAuthorizer: { event: { type: 'other', detail: 'API Gateway authorizer', invokedBy: 'apigateway' }, keys: ['handler'] },
  RequestAuthorizer: { event: { type: 'other', detail: 'API Gateway authorizer', invokedBy: 'apigateway' }, keys: ['handler'] },
  UserPool: { event: { type: 'other', detail: 'Cognito user pool trigger', invokedBy: 'cognito' }, keys: ['lambdaTriggers'] },
};

/** Getters that name a function by one of its attributes (`fn.getFunctionArn()`), as the TypeScript model's functionNamed. */
const FUNCTION_GETTERS = /^get(?:FunctionArn|FunctionName|CurrentVersion|LatestVersion)$/;

/**
 * The triggers a Java CDK app gives its functions: event sources, API Gateway integrations, function URLs, EventBridge
 * rules and schedules, S3 notifications, SNS subscriptions, and the services that invoke a function by its ARN (Step
 * Functions tasks, custom resource providers, authorizers, user pool triggers, Firehose processors).
 */
function addTriggers(root: SyntaxNode, byVar: ReadonlyMap<string, Unit>, byMethod: ReadonlyMap<string, Unit | null>): void {
  const locals = new Map<string, SyntaxNode>();
  /** The function an expression names: its variable or field, a getter of it, a method returning it, an alias of it. */
  const fnOf = (n: SyntaxNode | undefined, depth = 0): Unit | undefined => {
    if (!n || depth > 8) return undefined;
    if (n.type === 'identifier') return byVar.get(n.text) ?? fnOf(locals.get(n.text), depth + 1) ?? params.get(n.text) ?? undefined;
    if (n.type === 'field_access' && n.get('object')?.type === 'this') return byVar.get(n.get('field')?.text ?? '');
    if (n.type !== 'method_invocation') return aliasOf(n, depth);
    const name = n.get('name')?.text ?? '';
    if (FUNCTION_GETTERS.test(name) && !args(n).length) return fnOf(n.get('object'), depth + 1);
    const object = n.get('object');
    if (!object || object.type === 'this') return byMethod.get(name) ?? undefined;
    return aliasOf(n, depth);
  };
  // `Alias.Builder.create(this, "Prod").version(fn.getCurrentVersion())`: the alias invokes the function.
  const aliasOf = (n: SyntaxNode | undefined, depth: number): Unit | undefined => {
    const c = n ? constructOf(n) : undefined;
    return c?.cls === 'Alias' ? fnOf(c.props.get('version'), depth + 1) : undefined;
  };
  const add = (u: Unit | undefined, e: UnitEvent, at: SyntaxNode) => {
    if (!u) return;
    u.fieldRanges![`events.${u.events.length}`] = [at.start, at.end];
    u.events.push({ ...e });
  };
  /** Every function named anywhere in a value (`UserPoolTriggers.builder().preSignUp(fn).build()`). */
  const fnsIn = (n: SyntaxNode | undefined, seen = new Set<string>()): Unit[] => {
    const out = new Set<Unit>();
    if (n)
      walk(n, (x) => {
        const u = fnOf(x);
        if (u) out.add(u);
        // A value kept in a local (`String uri = "…" + fn.getFunctionArn() + "…"; ….uri(uri)`), not another construct
        // (a Provider's functions are the provider's, not those of the custom resource given its service token).
        else if (x.type === 'identifier' && locals.has(x.text) && !seen.has(x.text) && !constructOf(locals.get(x.text)!)) {
          seen.add(x.text);
          for (const v of fnsIn(locals.get(x.text), seen)) out.add(v);
        }
      });
    return [...out];
  };
  // Rules kept in a variable, for `rule.addTarget(new LambdaFunction(fn))`; values kept in one (`LambdaDestination d = …`).
  const rules = new Map<string, UnitEvent>();
  const ruleEvent = (c: Construct): UnitEvent => {
    const schedule = scheduleOf(c.props.get('schedule'));
    const off = c.props.get('enabled')?.type === 'false' ? { enabled: false } : {};
    return c.props.has('schedule')
      ? { type: 'schedule', detail: schedule ?? 'schedule (not a literal)', ...off }
      : { type: 'eventbridge', detail: stringOf(c.args[1]) ?? 'EventBridge rule', ...off };
  };
  walk(root, (n) => {
    if (n.type === 'variable_declarator') {
      const value = n.get('value');
      const name = n.get('name')?.text;
      if (value && name) locals.set(name, value);
      const c = value ? constructOf(value) : undefined;
      if (c?.cls === 'Rule' && name) rules.set(name, ruleEvent(c));
    }
  });
  // `HttpApi api = createHttpApi(lambda);` with `private HttpApi createHttpApi(Function dynamoLambda)`: the parameter is
  // the function every call of the method in this file gives it (null: calls give different ones).
  const params = new Map<string, Unit | null>();
  const declared = new Map<string, string[]>();
  walk(root, (n) => {
    if (n.type !== 'method_declaration' && n.type !== 'constructor_declaration') return;
    const name = n.get('name')?.text;
    const names = (n.get('parameters')?.namedChildren ?? []).map((p) => p.get('name')?.text ?? '');
    if (name) declared.set(name, declared.has(name) ? [] : names);
  });
  walk(root, (n) => {
    if (n.type !== 'method_invocation' || (n.get('object') && n.get('object')!.type !== 'this')) return;
    const names = declared.get(n.get('name')?.text ?? '') ?? [];
    args(n).forEach((a, i) => {
      const u = names[i] ? fnOf(a) : undefined;
      if (u) params.set(names[i], params.has(names[i]) && params.get(names[i]) !== u ? null : u);
    });
  });
  const valueOf = (n: SyntaxNode | undefined) => (n?.type === 'identifier' ? (locals.get(n.text) ?? n) : n);
  walk(root, (n) => {
    // fn.addEventSource(new SqsEventSource(queue)) / (KinesisEventSource.Builder.create(stream)….build())
    if (n.type === 'method_invocation') {
      const method = n.get('name')?.text ?? '';
      const a = args(n);
      if (method === 'addEventSource') {
        const src = constructOf(valueOf(a[0]) ?? a[0]);
        const type = src ? CDK_EVENT_SOURCES[src.cls] : undefined;
        if (src && type) add(fnOf(n.get('object')), { type, detail: src.args[0]?.text ?? src.cls }, n);
      } else if (method === 'addFunctionUrl') {
        add(fnOf(n.get('object')), { type: 'http', detail: 'function URL', functionUrl: true }, n);
      } else if (method === 'addTarget') {
        const target = constructOf(valueOf(a[0]) ?? a[0]);
        const rule = rules.get(n.get('object')?.text ?? '');
        if (target?.cls === 'LambdaFunction' && rule) add(fnOf(target.args[0]), rule, n);
      } else if (/^add(?:Event|ObjectCreated|ObjectRemoved)Notification$/.test(method)) {
        // bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn))
        for (const x of a) {
          const d = constructOf(valueOf(x) ?? x);
          if (d?.cls === 'LambdaDestination') add(fnOf(d.args[0]), { type: 's3', detail: n.get('object')?.text ?? 'bucket' }, n);
        }
      }
    }
    const c = constructOf(n);
    if (!c) return;
    if (c.cls === 'Rule') {
      // Rule.Builder.create(this, "Nightly").schedule(Schedule.expression("rate(1 day)")).targets(List.of(new LambdaFunction(fn)))
      const targets = c.props.get('targets');
      if (targets)
        walk(targets, (x) => {
          const t = constructOf(x);
          if (t?.cls === 'LambdaFunction') add(fnOf(t.args[0]), ruleEvent(c), c.node);
        });
      return;
    }
    if (c.cls === 'Integration') {
      // A proxy integration whose URI names the function's ARN (`…/functions/" + fn.getFunctionArn() + "/invocations`).
      const type = c.props.get('type')?.text ?? '';
      if (/\bAWS(?:_PROXY)?$/.test(type))
        for (const u of fnsIn(c.props.get('uri'))) add(u, { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, c.node);
      return;
    }
    if (c.cls === 'CfnSchedule') {
      // EventBridge Scheduler: scheduleExpression("rate(5 minutes)"), target(TargetProperty.builder().arn(fn.getFunctionArn()))
      const expr = stringOf(c.props.get('scheduleExpression'));
      for (const u of fnsIn(c.props.get('target'))) add(u, { type: 'schedule', detail: expr ?? 'schedule (not a literal)' }, c.node);
      return;
    }
    const spec = JAVA_INVOKERS[c.cls];
    if (!spec) return;
    const id = stringOf(c.args[1]);
    const event: UnitEvent = { ...spec.event, ...(spec.event.invokedBy && id ? { detail: `${spec.event.detail} ${id}` } : {}) };
    const given = spec.arg !== undefined ? [c.args[spec.arg]] : (spec.keys ?? []).map((k) => c.props.get(k));
    const found = new Set(given.flatMap((g) => (spec.keys ? fnsIn(g) : fnOf(g) ? [fnOf(g)!] : [])));
    for (const u of found) add(u, event, c.node);
  });
}

/** `Schedule.expression("rate(2 minutes)")`, `Schedule.rate(Duration.minutes(5))`, `Schedule.cron(CronOptions.builder()….build())`. */
function scheduleOf(n: SyntaxNode | undefined): string | undefined {
  if (n?.type !== 'method_invocation' || n.get('object')?.text !== 'Schedule') return undefined;
  const kind = n.get('name')?.text;
  const a = args(n)[0];
  if (kind === 'expression') return stringOf(a);
  if (kind === 'rate') {
    const seconds = durationOf(a);
    if (seconds === undefined) return undefined;
    const [v, unit] = seconds % 86400 === 0 ? [seconds / 86400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : [seconds / 60, 'minute'];
    return Number.isInteger(v) ? `rate(${v} ${unit}${v === 1 ? '' : 's'})` : undefined;
  }
  if (kind === 'cron' && a?.type === 'method_invocation') {
    const o: Record<string, string> = {};
    for (const c of chain(a)) if (c.name !== 'builder' && c.name !== 'build') o[c.name] = stringOf(args(c.call)[0]) ?? '*';
    // CDK's defaults: unset fields are `*`, except that day and weekDay can't both be `*`.
    const day = o.day ?? (o.weekDay ? '?' : '*');
    return `cron(${o.minute ?? '*'} ${o.hour ?? '*'} ${day} ${o.month ?? '*'} ${o.weekDay ?? '?'} ${o.year ?? '*'})`;
  }
  return undefined;
}
