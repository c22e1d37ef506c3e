// Lambda functions and their triggers declared with the CDK in a language parsed by tree-sitter (Java, C#), read the
// same way whatever the language: each construct is reduced to its class, its arguments and its props (builder calls
// in Java, object initialisers in C#; props keyed in camelCase), by a small per-language syntax (cdkJava.ts,
// cdkCsharp.ts). The app is never run: only literals and the CDK's own helpers (Duration, Runtime, Architecture,
// Schedule) are read. The TypeScript and Python models (cdk.ts, cdkPython.ts) read the same constructs from their trees.
import { nodesOfTypes, walk as walkTree, type SyntaxNode } from '../parsers/treesitter';
import type { Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { CDK_EVENT_SOURCES, cdkRuntimeId, CONSTANT_NAME, finishUnit, maskEnvironment } from './runtimes';

/** A prop of a construct: its value, and where it is set (a builder call, an initialiser's assignment). */
export interface CdkProp {
  value: SyntaxNode;
  range: [number, number];
}

/** A construct as written: `new X(a, b, props)`, `X.Builder.create(a, b).k(v)….build()`, `new X(a) { K = v }`. */
export interface CdkConstruct {
  cls: string;
  node: SyntaxNode;
  args: SyntaxNode[];
  /** Keyed in camelCase (`handler`, `lambdaFunction`), as the CDK's TypeScript names them. */
  props: Map<string, CdkProp>;
}

/** How one language writes what the reader needs. */
export interface CdkSyntax {
  /**
   * The node types `construct`, `call` and `ref` can read anything from: the reader visits only nodes of these types,
   * taken from the tree's type index in the order a walk meets them, instead of walking every node.
   */
  types: { construct: readonly string[]; call: readonly string[]; ref: readonly string[] };
  construct(n: SyntaxNode): CdkConstruct | undefined;
  /** A method call: the object it is called on (none for a method of the class itself), its camelCase name, arguments. */
  call(n: SyntaxNode): { object?: SyntaxNode; name: string; args: SyntaxNode[] } | undefined;
  /** The name a reference reads: `x`, or a field of the class (`this.x`). */
  ref(n: SyntaxNode): string | undefined;
  /** `fn.getFunctionArn()`, `fn.FunctionArn`: the expression whose function attribute (ARN, name, version) is read. */
  attributeOf(n: SyntaxNode): SyntaxNode | undefined;
  string(n: SyntaxNode | undefined): string | undefined;
  number(n: SyntaxNode | undefined): number | undefined;
  /** The member a `Runtime.JAVA_21` / `Architecture.ARM_64` expression names. */
  member(n: SyntaxNode | undefined): string | undefined;
  isFalse(n: SyntaxNode | undefined): boolean;
  /** `Map.of("K", "v")`, `new Dictionary<string, string> { { "K", "v" } }`. */
  environment(n: SyntaxNode | undefined): Record<string, unknown> | undefined;
  /** Every variable and field the file assigns: its name, the value, and the node assigned (for a function's name). */
  assignments(root: SyntaxNode): Iterable<{ name: string; value: SyntaxNode }>;
  /** The name a construct is assigned to where it is written (`Function fn = …`, `this.fn = …`). */
  assignedName(n: SyntaxNode): string | undefined;
  /** Method declarations: name, parameter names, and the value it returns when it has one return (or an expression body). */
  methods(root: SyntaxNode): Iterable<{ name: string; params: string[]; returns?: SyntaxNode }>;
  /** The method whose `return` gives this node (its name), if any. */
  returnedBy(n: SyntaxNode): string | undefined;
}

/**
 * The declarations part of a syntax for the C-family trees (Java, C#), which name these nodes alike: variable
 * declarators and assignments, method declarations with their parameters and returns. `value` reads a declarator's
 * value, `methodName` spells a method's name as calls are (C#'s PascalCase in camelCase), `expressionBody` is a
 * method's `=> expr` where the language has one.
 */
export function cFamilyDeclarations(
  ref: (n: SyntaxNode) => string | undefined,
  value: (declarator: SyntaxNode) => SyntaxNode | undefined,
  methodName: (name: string) => string = (name) => name,
  expressionBody: (method: SyntaxNode) => SyntaxNode | undefined = () => undefined,
): Pick<CdkSyntax, 'assignments' | 'assignedName' | 'methods' | 'returnedBy'> {
  return {
    *assignments(root) {
      for (const n of nodesOfTypes(root, ['variable_declarator', 'assignment_expression'])) {
        const name = n.type === 'variable_declarator' ? n.get('name')?.text : ref(n.get('left')!);
        const v = n.type === 'variable_declarator' ? value(n) : n.get('right');
        if (name && v) yield { name, value: v };
      }
    },
    assignedName(n) {
      const p = n.parent;
      return p?.type === 'variable_declarator' ? p.get('name')?.text : p?.type === 'assignment_expression' ? ref(p.get('left')!) : undefined;
    },
    *methods(root) {
      for (const m of nodesOfTypes(root, ['method_declaration'])) {
        const name = m.get('name')?.text;
        const returns = nodesOfTypes(m, ['return_statement']);
        const params = (m.get('parameters')?.namedChildren ?? []).map((p) => p.get('name')?.text ?? '');
        if (name) yield { name: methodName(name), params, returns: expressionBody(m) ?? (returns.length === 1 ? returns[0].namedChildren[0] : undefined) };
      }
    },
    returnedBy(n) {
      if (n.parent?.type !== 'return_statement') return undefined;
      let m: SyntaxNode | undefined = n.parent;
      while (m && m.type !== 'method_declaration') m = m.parent;
      const name = m?.get('name')?.text;
      return name ? methodName(name) : undefined;
    },
  };
}

/** Every named node under `n`, `n` first, in document order. */
const walk = (n: SyntaxNode, visit: (n: SyntaxNode) => void): void => walkTree(n, (x) => void visit(x));

const FUNCTION_CLASSES = new Set(['Function', 'SingletonFunction', 'DockerImageFunction']);
/** Props read into unit fields; the others are listed in `otherSettings`. */
const MODELLED = new Set(['runtime', 'handler', 'code', 'timeout', 'memorySize', 'architecture', 'environment', 'functionName', 'events']);
/** Props → the unit fields they set (for positions of findings about a field). */
const FIELD_OF: Record<string, string> = { timeout: 'timeoutSeconds', memorySize: 'memoryMB' };

/** `Duration.seconds(30)`, `Duration.Minutes(5)` → seconds. */
function durationOf(n: SyntaxNode | undefined, syntax: CdkSyntax): number | undefined {
  const c = n ? syntax.call(n) : undefined;
  if (!c || c.object?.text !== 'Duration') return undefined;
  const v = syntax.number(c.args[0]);
  const factor: Record<string, number> = { millis: 0.001, seconds: 1, minutes: 60, hours: 3600, days: 86400 };
  const f = factor[c.name];
  return v === undefined || f === undefined ? undefined : v * f;
}

/** `Schedule.expression("rate(2 minutes)")`, `Schedule.rate(Duration.minutes(5))`, `Schedule.cron(<CronOptions>)`. */
function scheduleOf(n: SyntaxNode | undefined, syntax: CdkSyntax): string | undefined {
  const c = n ? syntax.call(n) : undefined;
  if (!c || c.object?.text !== 'Schedule') return undefined;
  if (c.name === 'expression') return syntax.string(c.args[0]);
  if (c.name === 'rate') {
    const seconds = durationOf(c.args[0], syntax);
    if (seconds === undefined) return undefined;
    const [v, unit] = seconds % 86400 === 0 ? [seconds / 86400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : [seconds / 60, 'minute'];
    return Number.isInteger(v) ? `rate(${v} ${unit}${v === 1 ? '' : 's'})` : undefined;
  }
  const options = c.name === 'cron' && c.args[0] ? syntax.construct(c.args[0]) : undefined;
  if (options) {
    const o = (k: string) => (options.props.has(k) ? (syntax.string(options.props.get(k)!.value) ?? '*') : undefined);
    // CDK's defaults: unset fields are `*`, except that day and weekDay can't both be `*`.
    const day = o('day') ?? (o('weekDay') ? '?' : '*');
    return `cron(${o('minute') ?? '*'} ${o('hour') ?? '*'} ${day} ${o('month') ?? '*'} ${o('weekDay') ?? '?'} ${o('year') ?? '*'})`;
  }
  return undefined;
}

/** Extracts the Lambda functions a CDK app in a tree-sitter language declares, with their triggers. */
export function extractCdkTreeUnits(root: SyntaxNode, file: string, lineAt: (offset: number) => number, syntax: CdkSyntax): Unit[] {
  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  /** Methods that return one function (null: more than one). */
  const byMethod = new Map<string, Unit | null>();
  const locals = new Map<string, SyntaxNode>();
  for (const { name, value } of syntax.assignments(root)) locals.set(name, value);
  const methods = new Map<string, { params: string[]; returns?: SyntaxNode } | null>();
  for (const m of syntax.methods(root)) methods.set(m.name, methods.has(m.name) ? null : m);
  /**
   * The props of a construct; of the props object it is given in a variable (`new Function(this, "Id", props)`); or of
   * the props a method of the class returns (`new Function(this, "Id", propsFor(env, "com.acme.Handler"))`), with that
   * call's arguments for the method's parameters.
   */
  const propsOf = (c: CdkConstruct): { props: Map<string, CdkProp>; bound: Map<string, SyntaxNode> } => {
    const none = { props: c.props, bound: new Map<string, SyntaxNode>() };
    const last = c.args[c.args.length - 1];
    if (c.props.size || !last) return none;
    const kept = syntax.ref(last);
    const given = kept !== undefined && locals.get(kept) ? syntax.construct(locals.get(kept)!) : undefined;
    if (given) return { props: given.props, bound: none.bound };
    const call = syntax.call(last);
    const method = call && !call.object ? methods.get(call.name) : undefined;
    const returned = method?.returns ? syntax.construct(method.returns) : undefined;
    if (!method || !returned) return none;
    return { props: returned.props, bound: new Map(method.params.flatMap((p, i) => (call!.args[i] ? [[p, call!.args[i]] as const] : []))) };
  };
  /** A string written as a literal or kept in a variable or field (`private string handler = "…"`). */
  const text = (n: SyntaxNode | undefined): string | undefined => {
    const name = n ? syntax.ref(n) : undefined;
    return syntax.string(n) ?? (name !== undefined ? syntax.string(locals.get(name)) : undefined);
  };
  /**
   * The enum member an expression names: `Runtime.JAVA_21`; a member imported statically (`import static
   * …lambda.Runtime.PYTHON_3_12;` then `.runtime(PYTHON_3_12)`); or one kept in a variable or field first.
   */
  const memberOf = (n: SyntaxNode | undefined): string | undefined => {
    const member = syntax.member(n);
    if (member !== undefined || !n) return member;
    const name = syntax.ref(n);
    if (name === undefined) return undefined;
    const kept = locals.get(name);
    return kept ? syntax.member(kept) : CONSTANT_NAME.test(name) ? name : undefined;
  };
  const build = (c: CdkConstruct) => {
    const { props, bound } = propsOf(c);
    const fieldRanges: NonNullable<Unit['fieldRanges']> = {};
    const prop = (name: string): SyntaxNode | undefined => {
      const p = props.get(name);
      if (p) fieldRanges[FIELD_OF[name] ?? name] = p.range;
      const param = p ? syntax.ref(p.value) : undefined;
      return (param !== undefined ? bound.get(param) : undefined) ?? p?.value;
    };
    const runtimeMember = memberOf(prop('runtime'));
    const handler = text(prop('handler'));
    // The code object, or the variable it was kept in first (`DockerImageCode code = DockerImageCode.FromImageAsset(…)`).
    const written = prop('code');
    const kept = written ? syntax.ref(written) : undefined;
    const code = (kept !== undefined ? locals.get(kept) : undefined) ?? written;
    const codeCall = code ? syntax.call(code) : undefined;
    const codeUri = codeCall && /^(fromAsset|fromDockerBuild|fromAssetImage|fromImageAsset)$/.test(codeCall.name) ? text(codeCall.args[0]) : undefined;
    // `Code.fromInline("exports.handler = …")`, `new InlineCode(…)`: code written in the app, which no one reads.
    const inlineCode = codeCall?.name === 'fromInline' || (code ? syntax.construct(code)?.cls === 'InlineCode' : false);
    const env = syntax.environment(prop('environment')) ?? {};
    const events: UnitEvent[] = [];
    const eventsArg = prop('events');
    if (eventsArg)
      walk(eventsArg, (n) => {
        const src = syntax.construct(n);
        const type = src ? CDK_EVENT_SOURCES[src.cls] : undefined;
        if (src && type) events.push({ type, detail: src.args[0]?.text ?? src.cls });
      });
    const timeout = durationOf(prop('timeout'), syntax);
    const memory = syntax.number(prop('memorySize'));
    const arch = memberOf(prop('architecture'));
    const id = text(c.args[1]);
    const name = text(prop('functionName')) ?? id ?? `function@${lineAt(c.node.start)}`;
    const other = [...props.keys()].filter((n) => !MODELLED.has(n));
    const unit: Unit = {
      kind: 'lambda-function',
      name,
      file,
      line: lineAt(c.node.start),
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
      // `Runtime.FROM_IMAGE` is how a plain Function takes an image (`Code.fromEcrImage`, `fromAssetImage`).
      packageType: c.cls === 'DockerImageFunction' || runtimeMember === 'FROM_IMAGE' ? 'Image' : undefined,
      otherSettings: other.length ? [...new Set(other)].sort() : undefined,
      range: [c.node.start, c.node.end],
      fieldRanges,
      readiness: {},
    };
    finishUnit(unit);
    units.push(unit);
    // `Function orders = …` (or `this.orders = …`): later `orders.addEventSource(…)` and the constructs given `orders`
    // add triggers; `return Function…` makes the method's calls the function.
    const assigned = syntax.assignedName(c.node);
    if (assigned) byVar.set(assigned, unit);
    const method = syntax.returnedBy(c.node);
    if (method) byMethod.set(method, byMethod.has(method) ? null : unit);
  };
  for (const n of nodesOfTypes(root, syntax.types.construct)) {
    const c = syntax.construct(n);
    if (c && FUNCTION_CLASSES.has(c.cls) && c.args.length >= 2) build(c);
  }
  if (!units.length) return units;
  // `Function fn = …; … return fn;`
  for (const n of nodesOfTypes(root, syntax.types.ref)) {
    const name = syntax.ref(n);
    const u = name !== undefined ? byVar.get(name) : undefined;
    const method = u ? syntax.returnedBy(n) : undefined;
    if (method) byMethod.set(method, byMethod.has(method) && byMethod.get(method) !== u ? null : u!);
  }
  addTriggers(root, syntax, byVar, byMethod, locals);
  return units;
}

/** Constructs whose service invokes the functions their props (`keys`) or an argument (`arg`) name. */
const INVOKERS: Record<string, { event: UnitEvent; keys?: string[]; arg?: number }> = {
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

/**
 * The triggers an app gives its functions: event sources, API Gateway integrations, function URLs, EventBridge rules and
 * schedules, S3 notifications, SNS subscriptions, and the services that invoke a function by its ARN (Step Functions
 * tasks, custom resource providers, authorizers, user pool triggers, Firehose processors). A function is named by its
 * variable or field, an attribute of it, an alias of it, a method that returns it, or a parameter that every call of
 * the method in the file gives the same function.
 */
function addTriggers(
  root: SyntaxNode,
  syntax: CdkSyntax,
  byVar: ReadonlyMap<string, Unit>,
  byMethod: ReadonlyMap<string, Unit | null>,
  locals: ReadonlyMap<string, SyntaxNode>,
): void {
  const params = new Map<string, Unit | null>();
  const fnOf = (n: SyntaxNode | undefined, depth = 0): Unit | undefined => {
    if (!n || depth > 8) return undefined;
    const name = syntax.ref(n);
    if (name !== undefined) return byVar.get(name) ?? fnOf(locals.get(name), depth + 1) ?? params.get(name) ?? undefined;
    const attribute = syntax.attributeOf(n);
    if (attribute) return fnOf(attribute, depth + 1);
    const call = syntax.call(n);
    if (call && !call.object) return byMethod.get(call.name) ?? undefined;
    // `Alias.Builder.create(this, "Prod").version(fn.getCurrentVersion())`: the alias invokes the function.
    const c = syntax.construct(n);
    return c?.cls === 'Alias' ? fnOf(c.props.get('version')?.value, depth + 1) : undefined;
  };
  // `createHttpApi(lambda)` with `HttpApi createHttpApi(Function dynamoLambda)`: the parameter is the function every
  // call of the method in this file gives it (null: calls give different ones).
  const declared = new Map<string, string[]>();
  for (const m of syntax.methods(root)) declared.set(m.name, declared.has(m.name) ? [] : m.params);
  for (const n of nodesOfTypes(root, syntax.types.call)) {
    const call = syntax.call(n);
    if (!call || call.object) continue;
    const names = declared.get(call.name) ?? [];
    call.args.forEach((a, i) => {
      const u = names[i] ? fnOf(a) : undefined;
      if (u) params.set(names[i], params.has(names[i]) && params.get(names[i]) !== u ? null : u);
    });
  }
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
        const name = u ? undefined : syntax.ref(x);
        if (u) out.add(u);
        // A value kept in a variable (`String uri = "…" + fn.getFunctionArn() + "…"; ….uri(uri)`), not another construct
        // (a Provider's functions are the provider's, not those of the custom resource given its service token).
        else if (name !== undefined && locals.has(name) && !seen.has(name) && !syntax.construct(locals.get(name)!)) {
          seen.add(name);
          for (const v of fnsIn(locals.get(name), seen)) out.add(v);
        }
      });
    return [...out];
  };
  const valueOf = (n: SyntaxNode | undefined) => {
    const name = n ? syntax.ref(n) : undefined;
    return (name !== undefined ? locals.get(name) : undefined) ?? n;
  };
  const constructIn = (n: SyntaxNode | undefined) => {
    const v = valueOf(n);
    return v ? syntax.construct(v) : undefined;
  };
  const ruleEvent = (c: CdkConstruct): UnitEvent => {
    const schedule = c.props.get('schedule');
    const off = syntax.isFalse(c.props.get('enabled')?.value) ? { enabled: false } : {};
    return schedule
      ? { type: 'schedule', detail: scheduleOf(schedule.value, syntax) ?? 'schedule (not a literal)', ...off }
      : { type: 'eventbridge', detail: syntax.string(c.args[1]) ?? 'EventBridge rule', ...off };
  };
  for (const n of nodesOfTypes(root, [...new Set([...syntax.types.call, ...syntax.types.construct])])) {
    const call = syntax.call(n);
    if (call) {
      if (call.name === 'addEventSource') {
        // fn.addEventSource(new SqsEventSource(queue)) / (KinesisEventSource.Builder.create(stream)….build())
        const src = constructIn(call.args[0]);
        const type = src ? CDK_EVENT_SOURCES[src.cls] : undefined;
        if (src && type) add(fnOf(call.object), { type, detail: src.args[0]?.text ?? src.cls }, n);
      } else if (call.name === 'addFunctionUrl') {
        add(fnOf(call.object), { type: 'http', detail: 'function URL', functionUrl: true }, n);
      } else if (call.name === 'addTarget') {
        // rule.addTarget(new LambdaFunction(fn))
        const target = constructIn(call.args[0]);
        const rule = call.object ? constructIn(call.object) : undefined;
        if (target?.cls === 'LambdaFunction' && rule?.cls === 'Rule') add(fnOf(target.args[0]), ruleEvent(rule), n);
      } else if (/^add(?:Event|ObjectCreated|ObjectRemoved)Notification$/.test(call.name)) {
        // bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn))
        for (const a of call.args) {
          const d = constructIn(a);
          if (d?.cls === 'LambdaDestination') add(fnOf(d.args[0]), { type: 's3', detail: call.object?.text ?? 'bucket' }, n);
        }
      }
    }
    const c = syntax.construct(n);
    if (!c) continue;
    if (c.cls === 'Rule') {
      // A rule's targets: Rule.Builder.create(this, "Nightly")….targets(List.of(new LambdaFunction(fn))), Targets = new[] { … }
      const targets = c.props.get('targets')?.value;
      if (targets)
        walk(targets, (x) => {
          const t = syntax.construct(x);
          if (t?.cls === 'LambdaFunction') add(fnOf(t.args[0]), ruleEvent(c), c.node);
        });
      continue;
    }
    if (c.cls === 'Integration') {
      // A proxy integration whose URI names the function's ARN (`…/functions/" + fn.getFunctionArn() + "/invocations`).
      if (/\bAWS(?:_PROXY)?$/.test(c.props.get('type')?.value.text ?? ''))
        for (const u of fnsIn(c.props.get('uri')?.value)) add(u, { type: 'http', detail: 'API Gateway', apiGateway: 'rest' }, c.node);
      continue;
    }
    if (c.cls === 'CfnSchedule') {
      // EventBridge Scheduler: scheduleExpression("rate(5 minutes)"), target(TargetProperty.builder().arn(fn.getFunctionArn()))
      const expr = syntax.string(c.props.get('scheduleExpression')?.value);
      for (const u of fnsIn(c.props.get('target')?.value)) add(u, { type: 'schedule', detail: expr ?? 'schedule (not a literal)' }, c.node);
      continue;
    }
    const spec = INVOKERS[c.cls];
    if (!spec) continue;
    const id = syntax.string(c.args[1]);
    const event: UnitEvent = { ...spec.event, ...(spec.event.invokedBy && id ? { detail: `${spec.event.detail} ${id}` } : {}) };
    const found = new Set(
      spec.arg !== undefined ? [fnOf(c.args[spec.arg])].filter((u): u is Unit => !!u) : (spec.keys ?? []).flatMap((k) => fnsIn(c.props.get(k)?.value)),
    );
    for (const u of found) add(u, event, c.node);
  }
}
