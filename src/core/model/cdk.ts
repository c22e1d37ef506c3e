import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, stringValue, type Node, walkTypes, isFunctionNode } from '../js/ast';
import { resolveRef, type ModuleInfo } from '../js/module';
import { isTestFile } from '../js/scope';
import type { CdkInstance, FileFacts, SizedField, Unit, UnitEvent } from '../types';
import { splitHandler } from './cloudformation';
import { routeAuthFromType, type RouteAuth, type RouteAuthKind } from './routeAuth';
import { apiV2Event, CDK_EVENT_SOURCES, cdkRuntimeId, finishUnit, lineOf, markEdgeFunction, maskEnvironment, readPerHelperCall } from './runtimes';
import { addGranted, invokesFunction, permissionEvent, type GrantedInvoke } from './invokers';

const FUNCTION_CLASSES = new Set(['Function', 'NodejsFunction', 'PythonFunction', 'GoFunction', 'DockerImageFunction', 'SingletonFunction', 'EdgeFunction']);
/**
 * Text that may declare a unit: a function class's name as a whole word (an import specifier, a member, a destructured
 * key: cdkClass reads the name as written). Without it, extractCdkUnits finds nothing.
 */
export const CDK_FUNCTION_NAME = new RegExp(`\\b(?:${[...FUNCTION_CLASSES].join('|')})\\b`);
const CDK_MODULE = /^(aws-cdk-lib|@aws-cdk\/)/;

/** Cheap gate: only files that import the CDK are walked. */
function importsCdk(modules: ModuleInfo): boolean {
  for (const m of modules.modules) if (CDK_MODULE.test(m)) return true;
  return false;
}

type Range = [number, number];

/** What a CDK class reference resolves to (last segment), when it comes from the CDK. */
function cdkClass(node: Node, modules: ModuleInfo): string | undefined {
  const b = resolveRef(node, modules.bindings);
  if (!b || !CDK_MODULE.test(b.module)) return undefined;
  return b.path[b.path.length - 1];
}

/**
 * The CDK module a construct class comes from (`aws-lambda`, `aws-cloudfront`, `aws-lambda-python-alpha`), from its
 * import (`aws-cdk-lib/aws-lambda`, `@aws-cdk/aws-lambda-python-alpha`) or the namespace it is reached through
 * (`aws_lambda.Function` from `aws-cdk-lib`); undefined when neither says.
 */
function cdkServiceOf(node: Node, modules: ModuleInfo): string | undefined {
  const b = resolveRef(node, modules.bindings);
  if (!b || !CDK_MODULE.test(b.module)) return undefined;
  const fromModule = /^(?:aws-cdk-lib|@aws-cdk)\/(aws-[\w-]+)/.exec(b.module)?.[1];
  if (fromModule) return fromModule;
  const ns = b.path.find((p) => p.startsWith('aws_'));
  return ns?.replace(/_/g, '-');
}

/** A function class of the module it must come from: CloudFront's `Function` is a CloudFront Function, no Lambda. */
function isFunctionConstruct(cls: string, service: string | undefined): boolean {
  if (!FUNCTION_CLASSES.has(cls)) return false;
  if (service === undefined) return true;
  return cls === 'EdgeFunction' ? service === 'aws-cloudfront' : service.startsWith('aws-lambda');
}

/** A path as stringOf spells it (`.//../src`, `./x`) without its `.` segments, leading slashes and doubled ones. */
function cleanPath(p: string): string {
  return p
    .replace(/(^|\/)\.(?=\/)/g, '$1')
    .replace(/^\/+/, '')
    .replace(/\/{2,}/g, '/');
}

/** API Gateway authorizer constructs (REST and HTTP APIs) by the guard they make; the id is the argument named. */
const AUTHORIZER_CLASSES: Record<string, { kind: RouteAuthKind; id: number }> = {
  CognitoUserPoolsAuthorizer: { kind: 'cognito', id: 1 },
  TokenAuthorizer: { kind: 'lambda', id: 1 },
  RequestAuthorizer: { kind: 'lambda', id: 1 },
  HttpUserPoolAuthorizer: { kind: 'cognito', id: 0 },
  HttpJwtAuthorizer: { kind: 'jwt', id: 0 },
  HttpLambdaAuthorizer: { kind: 'lambda', id: 0 },
  HttpIamAuthorizer: { kind: 'iam', id: 0 },
};

/** The value of a property of an object literal, by name. */
function propOf(obj: Node | undefined, name: string): Node | undefined {
  if (obj?.type !== 'ObjectExpression') return undefined;
  for (const p of obj.properties) if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === name) return unwrap(p.value as Node);
  return undefined;
}

/**
 * The guards of a CDK app's API routes: the options of `resource.addMethod(verb, integration, { authorizer,
 * authorizationType, apiKeyRequired })` and `httpApi.addRoutes({ integration, authorizer })`, keyed by the integration
 * (the `new LambdaIntegration(…)` itself, or the variable holding it), and each API's defaults (`defaultMethodOptions`
 * of a RestApi or LambdaRestApi, `defaultAuthorizer` of an HttpApi), which apply when the file has one API of that
 * kind and the route says nothing. `null` is a route that turns its guard off (`AuthorizationType.NONE`).
 */
function routeGuards(ast: TSESTree.Program, modules: ModuleInfo, stringOf: (n: Node | undefined) => string | undefined) {
  const authVars = new Map<string, RouteAuth>();
  const byIntegration = new Map<Node | string, RouteAuth | null>();
  const defaults: Record<'rest' | 'http', (RouteAuth | undefined)[]> = { rest: [], http: [] };
  const keyOf = (n: Node | undefined): string | undefined => {
    const p = n ? memberPath(unwrap(n)) : undefined;
    return p?.join('.');
  };
  const authOf = (n: Node | undefined): RouteAuth | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type === 'NewExpression') {
      const cls = cdkClass(n.callee, modules);
      const spec = cls ? AUTHORIZER_CLASSES[cls] : undefined;
      if (!spec) return undefined;
      const id = stringOf(n.arguments[spec.id] as Node | undefined);
      return spec.kind === 'iam' ? { kind: 'iam' } : id ? { kind: spec.kind, name: id } : { kind: spec.kind };
    }
    const key = keyOf(n);
    return key ? authVars.get(key) : undefined;
  };
  const ofOptions = (opts: Node | undefined): RouteAuth | null | undefined => {
    const typeNode = propOf(opts, 'authorizationType');
    const type = typeNode ? memberPath(typeNode)?.at(-1) : undefined;
    if (type === 'NONE') return null;
    const auth = authOf(propOf(opts, 'authorizer') ?? propOf(opts, 'defaultAuthorizer'));
    if (auth) return auth;
    if (type === 'IAM') return { kind: 'iam' };
    if (type === 'COGNITO') return { kind: 'cognito' };
    if (type === 'CUSTOM') return { kind: 'lambda' };
    const apiKey = propOf(opts, 'apiKeyRequired');
    return apiKey?.type === 'Literal' && apiKey.value === true ? { kind: 'apiKey' } : undefined;
  };
  const ofApi = (props: Node | undefined, kind: 'rest' | 'http'): RouteAuth | undefined =>
    (kind === 'rest' ? ofOptions(propOf(props, 'defaultMethodOptions')) : ofOptions(props)) ?? undefined;
  walkTypes(ast, ['NewExpression'], (node, ancestors) => {
    if (node.type !== 'NewExpression') return;
    const cls = cdkClass(node.callee, modules);
    if (cls && AUTHORIZER_CLASSES[cls]) {
      const parent = ancestors[ancestors.length - 1];
      const auth = authOf(node);
      const key =
        parent?.type === 'VariableDeclarator' ? keyOf(parent.id as Node) : parent?.type === 'AssignmentExpression' ? keyOf(parent.left as Node) : undefined;
      if (key && auth) authVars.set(key, auth);
    }
  });
  walkTypes(ast, ['NewExpression', 'CallExpression'], (node) => {
    if (node.type === 'NewExpression') {
      const cls = cdkClass(node.callee, modules);
      if (cls === 'RestApi' || cls === 'LambdaRestApi' || cls === 'SpecRestApi') defaults.rest.push(ofApi(node.arguments[2] as Node, 'rest'));
      else if (cls === 'HttpApi') defaults.http.push(ofApi(node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined, 'http'));
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
    const method = node.callee.property.name;
    const [integration, opts] =
      method === 'addMethod'
        ? [node.arguments[1] as Node | undefined, node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined]
        : method === 'addRoutes' && node.arguments[0]
          ? [propOf(unwrap(node.arguments[0] as Node), 'integration'), unwrap(node.arguments[0] as Node)]
          : [undefined, undefined];
    if (!integration) return;
    const guard = ofOptions(opts);
    const at = unwrap(integration);
    const key = at.type === 'NewExpression' ? at : keyOf(at);
    if (key !== undefined && guard !== undefined) byIntegration.set(key, guard);
  });
  const fallback = (kind: 'rest' | 'http') => (defaults[kind].length === 1 ? defaults[kind][0] : undefined);
  return {
    ofApi: (props: Node | undefined, kind: 'rest' | 'http') => ofApi(props, kind),
    /** The guard of the routes an integration construct serves: its own route options, else its API's default. */
    ofIntegration(node: Node, ancestors: readonly Node[], kind: 'rest' | 'http'): RouteAuth | undefined {
      const parent = ancestors[ancestors.length - 1];
      const name =
        parent?.type === 'VariableDeclarator' ? keyOf(parent.id as Node) : parent?.type === 'AssignmentExpression' ? keyOf(parent.left as Node) : undefined;
      const own = byIntegration.has(node) ? byIntegration.get(node) : name !== undefined && byIntegration.has(name) ? byIntegration.get(name) : undefined;
      if (own === null) return undefined;
      return own ?? fallback(kind);
    },
  };
}

function unwrap(node: Node): Node {
  while (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSSatisfiesExpression') node = node.expression;
  return node;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Class properties with an initialiser (`readonly entryPath = path.join(__dirname, '…')`), by name; a name two classes give different values is left out. */
function classProperties(ast: TSESTree.Program): Map<string, Node> {
  const out = new Map<string, Node>();
  const seen = new Set<string>();
  walkTypes(ast, ['PropertyDefinition'], (p) => {
    if (p.type !== 'PropertyDefinition' || p.computed || p.static || p.key.type !== 'Identifier' || !p.value) return;
    if (seen.has(p.key.name)) out.delete(p.key.name);
    else out.set(p.key.name, p.value as Node);
    seen.add(p.key.name);
  });
  return out;
}

/**
 * `const X = <expression>` anywhere in the file, so `timeout: Duration.seconds(TIMEOUT)` and `{ ...defaults, … }` can be
 * read. A name declared twice (two scopes) is ambiguous and left out: reading the wrong one would be worse than none.
 */
function constants(ast: TSESTree.Program): { consts: Map<string, Node>; scoped: Map<string, { init: Node; scope: [number, number] }[]> } {
  const out = new Map<string, Node>();
  const all = new Map<string, { init: Node; scope: [number, number] }[]>();
  walkTypes(ast, ['VariableDeclaration'], (decl, ancestors) => {
    if (decl.type !== 'VariableDeclaration' || decl.kind !== 'const') return;
    const fn = [...ancestors].reverse().find((a) => isFunctionNode(a));
    const scope: [number, number] = fn ? [fn.range[0], fn.range[1]] : [ast.range[0], ast.range[1]];
    for (const d of decl.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      all.set(d.id.name, [...(all.get(d.id.name) ?? []), { init: d.init, scope }]);
    }
  });
  // A name declared once is that value everywhere; one declared in several functions (`const entry` in each of two
  // methods) is each function's own, resolved by where it is read (extractCdkUnits' constOf).
  const scoped = new Map<string, { init: Node; scope: [number, number] }[]>();
  for (const [name, decls] of all) {
    if (decls.length === 1) out.set(name, decls[0].init);
    else scoped.set(name, decls);
  }
  return { consts: out, scoped };
}

/** CDK props this model reads into unit fields; any other prop is listed in `otherSettings`. */
const MODELLED_PROPS = new Set([
  'runtime',
  'handler',
  'entry',
  'code',
  'index',
  'timeout',
  'environment',
  'architecture',
  'memorySize',
  'ephemeralStorageSize',
  'reservedConcurrentExecutions',
  'layers',
  'vpc',
  'vpcSubnets',
  'securityGroups',
  'filesystem',
  'durableConfig',
  'retryAttempts',
  'maxEventAge',
  'deadLetterQueue',
  'deadLetterTopic',
  'deadLetterQueueEnabled',
  'onFailure',
  'onSuccess',
  'role',
  'functionName',
  'initialPolicy',
  'uuid',
  'lambdaPurpose',
  'bundling',
  'depsLockFilePath',
  'projectRoot',
]);

type AnyFunction = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** The name a function is called by in this file: its declaration's, its method's, or the variable or property holding it. */
function helperName(fn: AnyFunction, parent: Node | undefined): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition' || parent?.type === 'Property')
    return parent.key.type === 'Identifier' && !parent.computed ? parent.key.name : undefined;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}

/**
 * The construct class whose constructor is the function at `ancestors[at]` (`class ServiceFunction extends Construct {
 * constructor(scope, id, props) { … } }`), unless it is a Stack, App or Stage.
 */
function constructClassAt(ancestors: readonly Node[], at: number): string | undefined {
  const method = ancestors[at - 1];
  const cls = method?.type === 'MethodDefinition' && method.kind === 'constructor' ? ancestors[at - 3] : undefined;
  const superName = cls && 'superClass' in cls && cls.superClass ? (memberPath(cls.superClass as Node)?.at(-1) ?? '') : '';
  return (cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression') && !/Stack$|^App$|^Stage$/.test(superName) ? cls.id?.name : undefined;
}

/** The construct class around a `new` (its innermost function being that class's constructor), as constructClassAt. */
function constructClassAround(ancestors: readonly Node[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (isFunctionNode(ancestors[i])) return constructClassAt(ancestors, i);
  return undefined;
}

/**
 * When a function construct's id is a parameter of the helper around it (`createLambda(scope, id, handler) { return new
 * Function(scope, id, { handler }) }`): each call of the helper in this file whose id argument reads as a string, with
 * what to bind each parameter to while the construct is read (the argument, followed through constants; nothing for one
 * that cannot be read, so a constant of the same name is not taken for it). Undefined when the id is no parameter or no
 * call reads.
 */
function helperCalls(
  ast: TSESTree.Program,
  node: TSESTree.NewExpression,
  ancestors: readonly Node[],
  stringOf: (n: Node | undefined) => string | undefined,
  /** Whether a `new` makes a function construct (its class resolved through the imports: `Function as LambdaFunction`). */
  makesFunction: (n: TSESTree.NewExpression) => boolean = (n) => FUNCTION_CLASSES.has(memberPath(n.callee as Node)?.at(-1) ?? ''),
): { calls: HelperCall[]; unread: boolean; params: string[] } | undefined {
  const idArg = node.arguments[1];
  let at = -1;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const t = ancestors[i].type;
    if (t === 'FunctionDeclaration' || t === 'FunctionExpression' || t === 'ArrowFunctionExpression') {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const fn = ancestors[at] as AnyFunction;
  const params = fn.params.map((p) =>
    p.type === 'Identifier'
      ? p.name
      : p.type === 'AssignmentPattern' && p.left.type === 'Identifier'
        ? p.left.name
        : p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier'
          ? p.parameter.name
          : undefined,
  );
  // A construct class of this file that makes the function in its constructor (`class ServiceFunction extends
  // Construct { constructor(scope, id, props) { new Function(this, id | 'Fn', { handler: props.handler }) } }`): a unit
  // per `new ServiceFunction(this, 'GetOrder', {...})`, named by that id (the construct's own, CDK's second argument).
  // A Stack (`new AppStack(app, 'Prod')` in a one-file app) is not such a class: its functions keep their own ids.
  const method = ancestors[at - 1];
  const className = constructClassAt(ancestors, at);
  const innerId = idArg?.type === 'Identifier' ? params.indexOf(idArg.name) : -1;
  // Several functions with fixed ids in one construct class are told apart by their path (`GetOrder/Worker`).
  let made = 0;
  if (className && innerId < 0)
    walkTypes(fn as Node, ['NewExpression'], (n) => {
      if (n.type === 'NewExpression' && makesFunction(n)) made++;
    });
  const idIndex = innerId >= 0 ? innerId : className && params.length >= 2 ? 1 : -1;
  const name = className ?? helperName(fn, method);
  if (idIndex < 0 || !name) return undefined;
  const out: HelperCall[] = [];
  let unread = false;
  walkTypes(ast, [className ? 'NewExpression' : 'CallExpression'], (call, callAncestors) => {
    if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return;
    const callee = call.callee;
    const called =
      callee.type === 'Identifier'
        ? callee.name
        : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
          ? callee.property.name
          : undefined;
    if (called !== name || callAncestors.includes(fn)) return;
    const id = call.arguments[idIndex];
    if (!id || id.type === 'SpreadElement' || stringOf(id as Node) === undefined) {
      unread = true;
      return;
    }
    const bindings: [string, Node | undefined][] = [];
    params.forEach((p, i) => {
      if (!p) return;
      const a = call.arguments[i];
      const fallback = fn.params[i].type === 'AssignmentPattern' ? ((fn.params[i] as TSESTree.AssignmentPattern).right as Node) : undefined;
      const value = a && a.type !== 'SpreadElement' ? (a as Node) : fallback;
      bindings.push([p, value && !(value.type === 'Identifier' && params.includes(value.name)) ? value : undefined]);
    });
    const inner = innerId < 0 ? stringOf(idArg as Node | undefined) : undefined;
    const outer = stringOf(id as Node);
    out.push({
      call,
      parent: callAncestors[callAncestors.length - 1],
      bindings,
      ...(innerId < 0 ? { name: made > 1 && inner ? `${outer}/${inner}` : outer } : {}),
    });
  });
  return out.length ? { calls: out, unread, params: params.flatMap((p) => (p ? [p] : [])) } : undefined;
}

/** One call of a helper (or `new` of a construct class) that makes a function: its arguments bound to the parameters. */
interface HelperCall {
  call: Node;
  parent: Node | undefined;
  bindings: [string, Node | undefined][];
  /** The unit's id when the function's own is a fixed string inside a construct class: the instantiation's id. */
  name?: string;
}

/**
 * Extracts Lambda functions declared with CDK constructs in a TS/JS file, with their triggers. Never runs the code.
 * With `facts`, also records what the join needs for construct classes used across files (FileFacts.cdkConstructClasses,
 * FileFacts.cdkInstances).
 */
export function extractCdkUnits(
  ast: TSESTree.Program,
  modules: ModuleInfo,
  text: string,
  file: string,
  facts?: FileFacts,
  /**
   * For a construct class's file read with an instance of another file appended (join/cdkConstructs.ts): the folder
   * `__dirname` stands for at an offset, relative to `file`'s (`.` without it), and the class's file, which a
   * NodejsFunction without `entry` takes its entry's name from.
   */
  instance?: { dirnameAt: (offset: number) => string; classFile: string },
): Unit[] {
  if (!importsCdk(modules)) return [];
  const { consts, scoped } = constants(ast);
  /** The const an identifier reads: the file's only one of that name, else the one of the innermost function around it. */
  const constOf = (n: TSESTree.Identifier): Node | undefined => {
    const unique = consts.get(n.name);
    if (unique) return unique;
    const hits = (scoped.get(n.name) ?? []).filter((d) => n.range[0] >= d.scope[0] && n.range[0] < d.scope[1]);
    return hits.sort((a, b) => a.scope[1] - a.scope[0] - (b.scope[1] - b.scope[0]))[0]?.init;
  };
  const props = classProperties(ast);
  /**
   * What an expression reads, followed through what a construct class's parameters are bound to: `props.handler` of a
   * bound `{ handler: 'get.handler' }`, and `props.timeout ?? 30` (the left when the object has it, else the right).
   */
  /** The object literal a name stands for, through consts and what a construct class's parameters are bound to. */
  const boundObject = (name: TSESTree.Identifier): TSESTree.ObjectExpression | undefined => {
    let o: Node | undefined = constOf(name);
    for (let i = 0; o && i < 5 && unwrap(o).type === 'Identifier'; i++) o = constOf(unwrap(o) as TSESTree.Identifier);
    o = o ? unwrap(o) : undefined;
    return o?.type === 'ObjectExpression' ? o : undefined;
  };
  const deref = (n: Node, depth = 0): Node => {
    n = unwrap(n);
    if (depth > 5) return n;
    if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.object.type === 'Identifier') {
      const o = boundObject(n.object);
      if (o) {
        const key = n.property.name;
        const p = [...o.properties]
          .reverse()
          .find((x): x is TSESTree.Property => x.type === 'Property' && !x.computed && x.key.type === 'Identifier' && x.key.name === key);
        return p ? deref(p.value as Node, depth + 1) : n;
      }
    }
    if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||')) {
      const left = deref(n.left as Node, depth + 1);
      // An absent property of a bound object (or one set to undefined) falls back to the right.
      const absent =
        (left.type === 'MemberExpression' && left.object.type === 'Identifier' && constOf(left.object)) ||
        (left.type === 'Identifier' && left.name === 'undefined');
      return absent ? deref(n.right as Node, depth + 1) : left;
    }
    return n;
  };
  /**
   * An object literal's properties by key, spreads of objects that read included (a `const`, a construct class's
   * `...props.environment`): a later key wins and takes its place in the order, as in JS.
   */
  const objectProperties = (n: Node | undefined, out = new Map<string, TSESTree.Property>(), depth = 0): Map<string, TSESTree.Property> => {
    if (!n || depth > 5) return out;
    n = deref(n);
    if (n.type === 'Identifier' && constOf(n)) return objectProperties(constOf(n), out, depth + 1);
    if (n.type !== 'ObjectExpression') return out;
    for (const p of n.properties) {
      if (p.type === 'SpreadElement') objectProperties(p.argument as Node, out, depth + 1);
      else if (p.type === 'Property') {
        const k = p.key.type === 'Identifier' && !p.computed ? p.key.name : stringValue(p.key as Node);
        if (k) {
          out.delete(k);
          out.set(k, p);
        }
      }
    }
    return out;
  };
  /**
   * A value that sets nothing: `undefined`, or a construct class's `props.x` where the instance's props have no `x`
   * (or set it to `undefined`): `durableConfig: props.durableConfig` makes no durable function unless given one.
   */
  const unset = (n: Node): boolean => {
    const v = deref(n);
    if (v.type === 'Identifier' && v.name === 'undefined') return true;
    if (v.type !== 'MemberExpression' || v.computed || v.object.type !== 'Identifier' || v.property.type !== 'Identifier') return false;
    const o = boundObject(v.object);
    if (!o || o.properties.some((x) => x.type === 'SpreadElement')) return false;
    const key = v.property.name;
    return !o.properties.some(
      (x) => x.type === 'Property' && !x.computed && ((x.key.type === 'Identifier' && x.key.name === key) || stringValue(x.key as Node) === key),
    );
  };
  const numberOf = (n: Node | undefined): number | undefined => {
    if (!n) return undefined;
    n = deref(n);
    if (n.type === 'Literal' && typeof n.value === 'number') return n.value;
    if (n.type === 'Identifier' && constOf(n)) return numberOf(constOf(n));
    return undefined;
  };
  /**
   * The value of a test on an environment variable (`process.env.X === 'true'`, `process.env.X`, `!…`, through a const)
   * when the variable is not set, as in a plain `cdk synth`; undefined for any other test.
   */
  const unsetEnvTest = (t: Node | undefined, depth = 0): boolean | undefined => {
    if (!t || depth > 4) return undefined;
    t = unwrap(t);
    if (t.type === 'Identifier' && constOf(t)) return unsetEnvTest(constOf(t), depth + 1);
    const env = (x: Node) => {
      const p = memberPath(unwrap(x));
      return p !== undefined && p.length === 3 && p[0] === 'process' && p[1] === 'env';
    };
    if (env(t)) return false;
    if (t.type === 'UnaryExpression' && t.operator === '!') {
      const v = unsetEnvTest(t.argument as Node, depth + 1);
      return v === undefined ? undefined : !v;
    }
    if (t.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(t.operator)) {
      const [a, b] = [unwrap(t.left as Node), unwrap(t.right as Node)];
      const lit = env(a) ? b : env(b) ? a : undefined;
      if (!lit || lit.type !== 'Literal' || lit.value === null) return undefined;
      return t.operator === '!==' || t.operator === '!=';
    }
    return undefined;
  };
  const stringOf = (n: Node | undefined): string | undefined => {
    if (!n) return undefined;
    n = deref(n);
    const s = stringValue(n);
    if (s !== undefined) return s;
    // The file's folder, also where an ES module defines it itself (`const __dirname = dirname(fileURLToPath(…))`).
    if (n.type === 'Identifier' && n.name === '__dirname') return instance?.dirnameAt(n.range[0]) ?? '.';
    if (n.type === 'Identifier' && constOf(n)) return stringOf(constOf(n));
    // `this.entryPath`: a property of the stack class with a literal initialiser.
    if (n.type === 'MemberExpression' && n.object.type === 'ThisExpression' && !n.computed && n.property.type === 'Identifier') {
      const init = props.get(n.property.name);
      return init ? stringOf(init) : undefined;
    }
    // `process.env.WORKSHOP === 'true' ? a : b`: the path a synth without that variable takes (the default deploy).
    if (n.type === 'ConditionalExpression') {
      const unset = unsetEnvTest(n.test as Node);
      return unset === undefined ? undefined : stringOf((unset ? n.consequent : n.alternate) as Node);
    }
    // `__dirname + '/../lambdas/x.ts'`, `${__dirname}/../lambdas/x.ts`
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const l = stringOf(n.left as Node);
      const r = l === undefined ? undefined : stringOf(n.right as Node);
      return l !== undefined && r !== undefined ? l + r : undefined;
    }
    if (n.type === 'TemplateLiteral') {
      let out = n.quasis[0]?.value.cooked ?? '';
      for (let i = 0; i < n.expressions.length; i++) {
        const v = stringOf(n.expressions[i] as Node);
        if (v === undefined) return undefined;
        out += v + (n.quasis[i + 1]?.value.cooked ?? '');
      }
      return out;
    }
    // path.join(__dirname, '../lambda', 'x.ts') / path.resolve(...) → a path relative to this file
    if (n.type === 'CallExpression') {
      const callee = memberPath(n.callee)?.join('.');
      if (callee === 'path.join' || callee === 'path.resolve' || callee === 'join' || callee === 'resolve') {
        const parts = n.arguments.map((a) => stringOf(a as Node));
        return parts.every((p) => p !== undefined) ? parts.join('/') : undefined;
      }
    }
    return undefined;
  };
  /** `Duration.seconds(30)`, `cdk.Duration.minutes(15)`, `Duration.hours(1)` → seconds. */
  const durationOf = (n: Node | undefined): { seconds: number; text: string } | undefined => {
    if (!n) return undefined;
    n = deref(n);
    if (n.type === 'Identifier' && constOf(n)) return durationOf(constOf(n));
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    if (!path || path[path.length - 2] !== 'Duration') return undefined;
    const v = numberOf(n.arguments[0] as Node);
    if (v === undefined) return undefined;
    const unit = path[path.length - 1];
    const factor = unit === 'seconds' ? 1 : unit === 'minutes' ? 60 : unit === 'hours' ? 3600 : unit === 'days' ? 86400 : unit === 'millis' ? 0.001 : undefined;
    if (factor === undefined) return undefined;
    const word = unit === 'millis' ? 'millisecond' : unit.replace(/s$/, '');
    return { seconds: v * factor, text: plural(v, word) };
  };
  const sizeMB = (n: Node | undefined): number | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    const v = numberOf(n.arguments[0] as Node);
    if (!path || v === undefined) return undefined;
    const unit = path[path.length - 1];
    return unit === 'mebibytes' ? v : unit === 'gibibytes' ? v * 1024 : undefined;
  };
  const scheduleOf = (n: Node | undefined): string | undefined => {
    if (!n) return undefined;
    n = unwrap(n);
    if (n.type !== 'CallExpression') return undefined;
    const path = memberPath(n.callee);
    // aws-events' Schedule, aws-scheduler's ScheduleExpression: the same rate, cron and expression helpers.
    if (!path || (path[path.length - 2] !== 'Schedule' && path[path.length - 2] !== 'ScheduleExpression')) return undefined;
    const kind = path[path.length - 1];
    const arg = n.arguments[0] as Node | undefined;
    if (kind === 'expression') return stringOf(arg);
    if (kind === 'rate') {
      const d = durationOf(arg);
      if (!d) return undefined;
      const m = /^(\d+) (\w+)$/.exec(d.text);
      return m ? `rate(${m[1]} ${m[2]})` : undefined;
    }
    if (kind === 'cron' && arg?.type === 'ObjectExpression') {
      const o: Record<string, string> = {};
      for (const p of arg.properties) if (p.type === 'Property' && p.key.type === 'Identifier') o[p.key.name] = stringOf(p.value as Node) ?? '*';
      // CDK's defaults: unset fields are `*`, except that day and weekDay can't both be `*`.
      const day = o.day ?? (o.weekDay ? '?' : '*');
      const weekDay = o.weekDay ?? '?';
      return `cron(${o.minute ?? '*'} ${o.hour ?? '*'} ${day} ${o.month ?? '*'} ${weekDay} ${o.year ?? '*'})`;
    }
    return undefined;
  };

  /** `const orders = new Function(…)`, `this.orders = …`, a class field `orders = …`: `orders`. */
  const boundName = (parent: Node | undefined): string | undefined => {
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    if (parent?.type === 'PropertyDefinition' && parent.key.type === 'Identifier') return parent.key.name;
    if (parent?.type === 'AssignmentExpression') return memberPath(parent.left as Node)?.at(-1);
    return undefined;
  };
  const units: Unit[] = [];
  const byVar = new Map<string, Unit>();
  const unitForExpr = (n: Node | undefined): Unit | undefined => {
    if (!n) return undefined;
    const path = memberPath(unwrap(n));
    if (!path) return undefined;
    const u = byVar.get(path.join('.'));
    if (u) return u;
    // The function a construct instance exposes (`orders.function`, `this.orders.handler`): a stand-in per member, so
    // that a class of several functions gives the trigger to the one that member holds (join/cdkConstructs.ts).
    const owner = path.length > 1 ? byVar.get(path.slice(0, -1).join('.')) : undefined;
    if (!owner || !instances.has(owner)) return undefined;
    const member = path[path.length - 1];
    const key = `${path.slice(0, -1).join('.')}\u0000${member}`;
    let stand = memberStands.get(key);
    if (!stand) memberStands.set(key, (stand = { unit: { ...owner, events: [], fieldRanges: {} }, owner, member }));
    return stand.unit;
  };
  /** Per instance and member (`auth.updateClient`): the stand-in unit its triggers are given to. */
  const memberStands = new Map<string, { unit: Unit; owner: Unit; member: string }>();
  /** EdgeFunction constructs, by unit: Lambda@Edge functions whether or not a distribution here names them. */
  const edgeFunctions = new Map<Unit, [number, number]>();
  /**
   * One unit for a function construct. `site` is where it is declared (the `new` expression, or the call of the helper
   * method that makes it), `parent` the node that names what it is assigned to.
   */
  const build = (node: TSESTree.NewExpression, cls: string, site: Node, parent: Node | undefined, named?: string, template?: string, inner?: Node): void => {
    const ownId = stringOf(node.arguments[1] as Node);
    const id = named ?? ownId;
    const fieldRanges: Record<string, Range> = {};
    // Props as written, spreads of `const` objects included (`{ ...commonProps, timeout }`): a later key wins, as in JS.
    const propList = objectProperties(node.arguments[2] as Node | undefined);
    const prop = (key: string, as?: string): Node | undefined => {
      const p = propList.get(key);
      if (!p || unset(p.value as Node)) return undefined;
      if (as) fieldRanges[as] = p.value.range;
      // `{ timeout }` shorthand reads the const of that name.
      return (p.shorthand && p.value.type === 'Identifier' && constOf(p.value) ? constOf(p.value) : p.value) as Node;
    };
    const unresolvedFields: Partial<Record<SizedField, string>> = {};
    const sized = <T>(key: string, as: SizedField, read: (n: Node | undefined) => T | undefined): T | undefined => {
      const n = prop(key, as);
      const v = read(n);
      if (n && v === undefined) unresolvedFields[as] = text.slice(n.range[0], n.range[1]).replace(/\s+/g, ' ').slice(0, 80);
      return v;
    };
    const runtimeNode = prop('runtime', 'runtime');
    // `runtime: lambdaRuntime` where `const lambdaRuntime = lambda.Runtime.NODEJS_24_X`: the const's value.
    let runtimeExpr = runtimeNode ? deref(runtimeNode) : undefined;
    for (let i = 0; i < 5 && runtimeExpr?.type === 'Identifier' && constOf(runtimeExpr); i++) runtimeExpr = deref(constOf(runtimeExpr)!);
    const runtimePath = runtimeExpr ? memberPath(runtimeExpr) : undefined;
    let runtime = runtimePath ? cdkRuntimeId(runtimePath[runtimePath.length - 1]) : undefined;
    const fromImage = cls === 'DockerImageFunction' || runtimePath?.[runtimePath.length - 1] === 'FROM_IMAGE';
    let handler = stringOf(prop('handler', 'handler'));
    const entry = stringOf(prop('entry', 'entry'));
    let codeUri: string | undefined;
    // A code object kept in a const first (`const code = Code.fromCustomCommand(…); new NodejsFunction(…, { code })`).
    const codeProp = prop('code');
    const codeNode = codeProp && unwrap(codeProp).type === 'Identifier' ? (constOf(unwrap(codeProp) as TSESTree.Identifier) ?? codeProp) : codeProp;
    if (codeNode && unwrap(codeNode).type === 'CallExpression') {
      const call = unwrap(codeNode) as TSESTree.CallExpression;
      const p = memberPath(call.callee);
      // `Code.fromAsset(dir)`, and `DockerImageCode.fromImageAsset(dir)`: the image's build context.
      // `Code.fromCustomCommand(dir, command)`: the folder the command builds the package into.
      if (p && /^(?:fromAsset|fromImageAsset|fromCustomCommand)$/.test(p[p.length - 1])) codeUri = stringOf(call.arguments[0] as Node);
      // `Code.fromBucket(asset.bucket, asset.s3ObjectKey)` with `const asset = new Asset(this, 'Code', { path })`: the
      // folder the asset uploads.
      else if (p?.[p.length - 1] === 'fromBucket') {
        const bucket = call.arguments[0] ? unwrap(call.arguments[0] as Node) : undefined;
        const holder = bucket?.type === 'MemberExpression' && bucket.object.type === 'Identifier' ? constOf(bucket.object) : undefined;
        const asset = holder ? unwrap(holder) : undefined;
        if (asset?.type === 'NewExpression' && cdkClass(asset.callee as Node, modules) === 'Asset') {
          const props = asset.arguments[2] ? unwrap(asset.arguments[2] as Node) : undefined;
          const path =
            props?.type === 'ObjectExpression'
              ? props.properties.find((x): x is TSESTree.Property => x.type === 'Property' && x.key.type === 'Identifier' && x.key.name === 'path')
              : undefined;
          if (path) codeUri = stringOf(path.value as Node);
        }
      } else if (p && !/^from[A-Z]/.test(p[p.length - 1]) && call.arguments[0]) {
        // A project's own wrapper of `Code.fromAsset` (`shared.bundleWithLambdaAsset(path.join(__dirname, './functions/
        // api'))`): the folder its first argument names, when that reads as a path.
        const dir = stringOf(call.arguments[0] as Node);
        if (dir && /^[\w@.\-/]+$/.test(dir) && !/^[a-z]+:/.test(dir) && (dir.includes('/') || dir.startsWith('.'))) codeUri = dir;
      }
    }
    // `new AssetCode(dir)`, the class `Code.fromAsset` makes.
    const made = codeNode ? unwrap(codeNode) : undefined;
    if (made?.type === 'NewExpression' && memberPath(made.callee)?.slice(-1)[0] === 'AssetCode' && made.arguments[0])
      codeUri = stringOf(made.arguments[0] as Node);
    let entryPoints: string[] | undefined;
    // Inline code (`Code.fromInline(...)`, `new InlineCode(...)`): a string written here is read by no one; a file the
    // app reads into it (`fs.readFileSync('handler.js', 'utf8')`) is the function's code.
    let inlineCode = false;
    const inline = codeNode ? unwrap(codeNode) : undefined;
    const inlineCallee = inline?.type === 'CallExpression' || inline?.type === 'NewExpression' ? memberPath(inline.callee) : undefined;
    if (inline && inlineCallee && /^(fromInline|InlineCode)$/.test(inlineCallee[inlineCallee.length - 1])) {
      const arg = (inline as TSESTree.CallExpression | TSESTree.NewExpression).arguments[0] as Node | undefined;
      const read = arg && unwrap(arg).type === 'CallExpression' ? (unwrap(arg) as TSESTree.CallExpression) : undefined;
      const readPath = read && /(^|\.)readFileSync$/.test(memberPath(read.callee)?.join('.') ?? '') ? stringOf(read.arguments[0] as Node) : undefined;
      if (readPath) {
        codeUri = '.';
        entryPoints = [cleanPath(readPath)];
      } else inlineCode = true;
    }
    if (cls === 'NodejsFunction' && entry) {
      const exportName = handler ?? 'handler';
      const clean = cleanPath(entry);
      handler = `${clean.replace(/\.[cm]?[jt]sx?$/, '')}.${exportName}`;
      entryPoints = [clean];
    } else if (cls === 'NodejsFunction' && !prop('entry') && ownId && !codeNode) {
      // No entry: the construct derives it from the defining file and the construct's own id, `stack.ts` with id
      // `my-handler` building `stack.my-handler.ts` (or .js, .mjs, …) beside it.
      const defining = instance?.classFile ?? file;
      const folder = instance ? instance.dirnameAt(0) : '.';
      const stem = defining.slice(defining.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
      handler = `${folder === '.' ? '' : `${folder}/`}${stem}.${ownId}.${handler ?? 'handler'}`;
    } else if (cls === 'GoFunction' && entry) {
      // @aws-cdk/aws-lambda-go-alpha: `entry` is the main package's folder or its main.go; the binary is `bootstrap` on
      // provided.al2023 unless a runtime is given.
      codeUri = /\.go$/.test(entry) ? entry.replace(/\/?[^/]*$/, '') || '.' : entry;
      handler = 'bootstrap';
      runtime ??= 'provided.al2023';
    } else if (cls === 'PythonFunction' && entry) {
      codeUri = entry;
      const index = stringOf(prop('index')) ?? 'index.py';
      handler = `${index.replace(/\.py$/, '')}.${handler ?? 'handler'}`;
    }
    const timeout = sized('timeout', 'timeoutSeconds', durationOf);
    const envNode = prop('environment');
    // Spreads of objects that read (a const, a construct class's `...props.environment`) add their keys in place.
    const env: Record<string, unknown> = {};
    for (const [k, p] of objectProperties(envNode)) env[k] = stringOf(p.value as Node);
    const archPath = (() => {
      const a = prop('architecture');
      return a ? memberPath(unwrap(a)) : undefined;
    })();
    const memory = sized('memorySize', 'memoryMB', numberOf);
    const ephemeral = sized('ephemeralStorageSize', 'ephemeralStorageMB', sizeMB);
    const reserved = sized('reservedConcurrentExecutions', 'reservedConcurrency', numberOf);
    const srcText = (n: Node | undefined, max = 120): string | undefined =>
      n ? text.slice(n.range[0], n.range[1]).replace(/\s+/g, ' ').slice(0, max) : undefined;
    const layersProp = prop('layers');
    const layersNode = layersProp ? deref(layersProp) : undefined;
    const layers =
      layersNode && unwrap(layersNode).type === 'ArrayExpression'
        ? // A layer's ARN is written in full (`fromLayerVersionArn(this, 'Id', `arn:…:layer:NAME:25`)`): its name is at the end.
          (unwrap(layersNode) as TSESTree.ArrayExpression).elements.map((e) => srcText(e as Node, 400) ?? '?')
        : layersNode
          ? [srcText(layersNode, 400)!]
          : undefined;
    const vpcNode = prop('vpc');
    const fsNode = prop('filesystem');
    const durableNode = prop('durableConfig');
    const durableProps = durableNode && unwrap(durableNode).type === 'ObjectExpression' ? (unwrap(durableNode) as TSESTree.ObjectExpression).properties : [];
    const durableProp = (k: string) =>
      durableProps.find((p): p is TSESTree.Property => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === k)?.value as Node | undefined;
    const dlq = prop('deadLetterQueue') ?? prop('deadLetterTopic') ?? prop('onFailure');
    const otherSettings = [...propList.keys()].filter((k) => !MODELLED_PROPS.has(k)).sort();
    const unit: Unit = {
      kind: 'lambda-function',
      // An id the file computes (`new Function(this, id, …)` with the stack's own id) is unknown: the variable the
      // construct is kept in names it, else its line.
      name: id ?? boundName(parent) ?? `function@${lineOf(text, site.range[0])}`,
      file,
      line: lineOf(text, site.range[0]),
      source: 'cdk',
      runtime,
      handler,
      handlerExport: handler ? splitHandler(handler)?.exportName : undefined,
      codeUri,
      entryPoints,
      timeoutSeconds: timeout?.seconds,
      memoryMB: memory,
      ephemeralStorageMB: ephemeral,
      architecture: archPath ? (archPath[archPath.length - 1] === 'ARM_64' ? 'arm64' : 'x86_64') : undefined,
      events: [],
      environment: Object.keys(env).length ? maskEnvironment(env) : undefined,
      reservedConcurrency: reserved,
      layers,
      // No `runtime` at all: the construct's default, which its app's cdk.json and aws-cdk-lib version decide (the join).
      ...(cls === 'NodejsFunction' && !runtimeNode ? { cdkNodejsDefaultRuntime: true } : {}),
      // `Runtime.FROM_IMAGE` is how a plain Function takes an image (`Code.fromEcrImage`, `fromAssetImage`).
      packageType: fromImage ? 'Image' : undefined,
      ...(inlineCode ? { inlineCode } : {}),
      image: fromImage ? srcText(prop('code')) : undefined,
      unresolvedFields: Object.keys(unresolvedFields).length ? unresolvedFields : undefined,
      vpc: vpcNode
        ? {
            subnets: prop('vpcSubnets') ? [srcText(prop('vpcSubnets'))!] : [`${srcText(vpcNode)} (private subnets by default)`],
            securityGroups: prop('securityGroups') ? [srcText(prop('securityGroups'))!] : undefined,
          }
        : undefined,
      fileSystems: fsNode
        ? [{ accessPoint: srcText(fsNode)!, mountPath: /fromEfsAccessPoint\([^,]+,\s*['"]([^'"]+)['"]/.exec(srcText(fsNode) ?? '')?.[1] ?? '' }]
        : undefined,
      durable: durableNode
        ? {
            executionTimeoutSeconds: durationOf(durableProp('executionTimeout'))?.seconds,
            retentionDays: durationOf(durableProp('retentionPeriod')) ? durationOf(durableProp('retentionPeriod'))!.seconds / 86400 : undefined,
          }
        : undefined,
      maximumRetryAttempts: numberOf(prop('retryAttempts')),
      maximumEventAgeSeconds: durationOf(prop('maxEventAge'))?.seconds,
      deadLetterTarget: dlq ? srcText(dlq) : prop('deadLetterQueueEnabled') ? 'a queue CDK creates (deadLetterQueueEnabled)' : undefined,
      successTarget: srcText(prop('onSuccess')),
      otherSettings: otherSettings.length ? otherSettings : undefined,
      range: [site.range[0], site.range[1]],
      fieldRanges,
      ...(template ? { constructTemplate: template } : {}),
      readiness: {},
    };
    if (timeout) fieldRanges.timeoutSeconds = prop('timeout')!.range;
    if (cls === 'EdgeFunction') edgeFunctions.set(unit, [site.range[0], site.range[1]]);
    finishUnit(unit);
    units.push(unit);
    bind(parent, unit);
    // Made by a construct class for one instance: what the class keeps it in (`this.fn = new Function(…)`) names it
    // too, for the triggers the class gives it, unless another instance in this file made one there as well.
    if (inner && inner !== parent) {
      const key = bindingKey(inner);
      if (key && !innerShared.has(key)) {
        const had = byVar.get(key);
        if (had && had !== unit) {
          innerShared.add(key);
          byVar.delete(key);
        } else byVar.set(key, unit);
      }
    }
  };
  const innerShared = new Set<string>();
  /** What the construct is kept in (`const fn =`, `this.fn =`, a class field), so triggers written with it find it. */
  const bindingKey = (parent: Node | undefined): string | undefined => {
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    if (parent?.type === 'AssignmentExpression') return memberPath(parent.left)?.join('.');
    if (parent?.type === 'PropertyDefinition' && parent.key.type === 'Identifier') return `this.${parent.key.name}`;
    return undefined;
  };
  const bind = (parent: Node | undefined, unit: Unit) => {
    const key = bindingKey(parent);
    if (key) byVar.set(key, unit);
  };
  /**
   * `new X(this, 'Id', props)` of a class from a module of the project: a stand-in unit that gathers the triggers this
   * file gives it (through the instance, or the function it exposes: `x.function`), recorded as an instance for the
   * join, never a unit of this file.
   */
  const instances = new Map<Unit, Omit<CdkInstance, 'events' | 'eventRanges'>>();
  const instanceOf = (node: TSESTree.NewExpression, parent: Node | undefined): void => {
    // A test's instances deploy nothing.
    if (!facts || node.callee.type === 'Super' || isTestFile(file)) return;
    const ref = resolveRef(node.callee as Node, modules.bindings);
    if (!ref || !/^\.\.?\//.test(ref.module)) return;
    const id = stringOf(node.arguments[1] as Node | undefined);
    const given = node.arguments[2] as Node | undefined;
    if (id === undefined || given?.type === 'SpreadElement') return;
    // Props kept in a const (`const props = {…}; new X(this, 'Id', props)`) are read from its initialiser.
    const propsNode =
      given && unwrap(given).type === 'Identifier' && constOf(unwrap(given) as TSESTree.Identifier) ? constOf(unwrap(given) as TSESTree.Identifier)! : given;
    const stand: Unit = { kind: 'lambda-function', name: id, file, line: 0, source: 'cdk', events: [], fieldRanges: {}, readiness: {} };
    instances.set(stand, {
      module: ref.module,
      className: ref.path.length ? ref.path[ref.path.length - 1] : 'default',
      id,
      props: propsNode ? text.slice(propsNode.range[0], propsNode.range[1]) : '{}',
      propsAt: propsNode ? propsNode.range[0] : node.range[1],
      range: [node.range[0], node.range[1]],
    });
    units.push(stand);
    bind(parent, stand);
  };
  // Pass 1: function constructs. One made in a helper method from its parameters (`createLambda(scope, id, handler)`)
  // is a unit per call of the helper in this file, read with that call's arguments.
  walkTypes(ast, ['NewExpression'], (node, ancestors) => {
    if (node.type !== 'NewExpression') return;
    const cls = cdkClass(node.callee, modules);
    if (!cls) return instanceOf(node, ancestors[ancestors.length - 1]);
    if (!isFunctionConstruct(cls, cdkServiceOf(node.callee, modules))) return;
    const helper = helperCalls(ast, node, ancestors, stringOf, (n) => {
      const c = cdkClass(n.callee, modules);
      return c !== undefined && isFunctionConstruct(c, cdkServiceOf(n.callee, modules));
    });
    // A construct class that no line of this file instantiates: its unit stands for the class until the join finds
    // the instances other files make.
    const template = helper ? undefined : constructClassAround(ancestors);
    // Calls whose id does not read (a loop, a computed name) are the construct's own unit, as without a helper, read
    // with its parameters unknown.
    readPerHelperCall(
      consts,
      helper,
      (bindings): HelperCall => ({ call: node, parent: ancestors[ancestors.length - 1], bindings }),
      (c) => build(node, cls, c.call, c.parent, c.name, template, ancestors[ancestors.length - 1]),
    );
  });
  if (!units.length) return units;
  bindThroughMethods(ast, units, byVar, unitForExpr);

  const addEvent = (u: Unit | undefined, e: UnitEvent, at: Range) => {
    if (!u) return;
    u.fieldRanges![`events.${u.events.length}`] = at;
    u.events.push(e);
  };
  const lambdaTargets = (n: Node | undefined): Unit[] => {
    if (!n) return [];
    n = unwrap(n);
    if (n.type === 'ArrayExpression') return n.elements.flatMap((el) => (el ? lambdaTargets(el as Node) : []));
    if (n.type === 'NewExpression' && cdkClass(n.callee, modules) === 'LambdaFunction') {
      const u = unitForExpr(n.arguments[0] as Node);
      return u ? [u] : [];
    }
    return [];
  };
  /** The function an expression names: itself, or its `functionArn`, `functionName`, `currentVersion`, `latestVersion`. */
  const functionNamed = (n: Node | undefined): Unit | undefined => {
    const e = n ? unwrap(n) : undefined;
    return (
      unitForExpr(e) ??
      (e?.type === 'MemberExpression' && e.property.type === 'Identifier' && /^(?:currentVersion|latestVersion|functionArn|functionName)$/.test(e.property.name)
        ? unitForExpr(e.object as Node)
        : undefined)
    );
  };
  /** Permissions granted to a Lambda-only service (model/invokers.ts), added once every trigger is read. */
  const granted: GrantedInvoke[] = [];
  const grant = (fnNode: Node | undefined, principalNode: Node | undefined, arnNode: Node | undefined, at: Range): void => {
    const p = principalNode ? unwrap(principalNode) : undefined;
    const principal = p?.type === 'NewExpression' && cdkClass(p.callee, modules) === 'ServicePrincipal' ? stringOf(p.arguments[0] as Node) : p && stringOf(p);
    const event = permissionEvent(principal, arnNode ? text.slice(arnNode.range[0], arnNode.range[1]) : undefined, 'permission');
    const unit = functionNamed(fnNode);
    if (event && unit) granted.push({ unit, event, at: [at[0], at[1]] });
  };
  const guards = routeGuards(ast, modules, stringOf);
  const rules = new Map<string, { schedule?: string; pattern: boolean; enabled: boolean }>();
  /**
   * The function an expression names somewhere inside it: an API Gateway integration's URI is built around
   * `fn.functionArn` by concatenation, a template literal or `Fn.join`, perhaps through a const.
   */
  const functionInside = (n: Node | undefined, depth = 0): Unit | undefined => {
    if (!n || depth > 8) return undefined;
    const e = unwrap(n);
    const u = functionNamed(e);
    if (u) return u;
    const parts: (Node | null | undefined)[] =
      e.type === 'BinaryExpression'
        ? [e.left as Node, e.right as Node]
        : e.type === 'TemplateLiteral'
          ? (e.expressions as Node[])
          : e.type === 'CallExpression'
            ? (e.arguments as Node[])
            : e.type === 'ArrayExpression'
              ? (e.elements as (Node | null)[])
              : e.type === 'Identifier' && depth === 0
                ? [constOf(e)]
                : [];
    for (const part of parts) {
      const found = functionInside(part ?? undefined, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  /** API Gateway v2 L1 integrations that proxy to a function, and the L1 routes, matched once all are read. */
  const v2Integrations: { unit: Unit; api: Node | undefined; variable: string | undefined; id: string; at: Range }[] = [];
  const v2Routes: { target: string; routeKey?: string; authorizationType?: string }[] = [];
  // Pass 2: triggers (event sources, rules, API integrations).
  walkTypes(ast, ['NewExpression', 'CallExpression'], (node, ancestors) => {
    if (node.type === 'NewExpression') {
      const cls = cdkClass(node.callee, modules);
      if (cls === 'Rule') {
        const props = node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined;
        let schedule: string | undefined;
        let targets: Node | undefined;
        let pattern = false;
        let enabled = true;
        if (props?.type === 'ObjectExpression') {
          for (const p of props.properties) {
            if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
            if (p.key.name === 'schedule') schedule = scheduleOf(p.value as Node) ?? 'schedule (not a literal)';
            if (p.key.name === 'targets') targets = p.value as Node;
            if (p.key.name === 'eventPattern') pattern = true;
            if (p.key.name === 'enabled' && p.value.type === 'Literal' && p.value.value === false) enabled = false;
          }
        }
        const parent = ancestors[ancestors.length - 1];
        if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') rules.set(parent.id.name, { schedule, pattern, enabled });
        const off = enabled ? {} : { enabled: false };
        for (const u of lambdaTargets(targets))
          addEvent(
            u,
            schedule ? { type: 'schedule', detail: schedule, ...off } : { type: 'eventbridge', detail: stringOf(node.arguments[1] as Node), ...off },
            node.range,
          );
      } else if (cls === 'WebSocketLambdaIntegration') {
        // `new WebSocketLambdaIntegration('ConnectIntegration', fn)`: a WebSocket API route ($connect, $default, a message).
        addEvent(unitForExpr(node.arguments[1] as Node), apiV2Event(true, stringOf(node.arguments[0] as Node) ?? 'route'), node.range);
      } else if ((cls === 'CfnSchedule' || cls === 'Schedule') && cdkServiceOf(node.callee, modules) === 'aws-scheduler') {
        // EventBridge Scheduler: the L1 (`scheduleExpression`, `target.arn`) and the L2 (`schedule:
        // ScheduleExpression.rate(…)`, `target: new LambdaInvoke(fn, …)`).
        const props = node.arguments[2] ? unwrap(node.arguments[2] as Node) : undefined;
        if (props?.type !== 'ObjectExpression') return;
        let schedule: string | undefined;
        let fn: Unit | undefined;
        let timeZone: string | undefined;
        let enabled = true;
        for (const p of props.properties) {
          if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
          const v = unwrap(p.value as Node);
          if (p.key.name === 'scheduleExpression') schedule = stringOf(v) ?? 'schedule (not a literal)';
          else if (p.key.name === 'schedule') schedule = scheduleOf(v) ?? 'schedule (not a literal)';
          else if (p.key.name === 'scheduleExpressionTimezone') timeZone = stringOf(v);
          else if (p.key.name === 'state' && stringOf(v) === 'DISABLED') enabled = false;
          else if (p.key.name === 'enabled' && v.type === 'Literal' && v.value === false) enabled = false;
          else if (p.key.name === 'target') {
            if (v.type === 'ObjectExpression') {
              const arn = v.properties.find((q) => q.type === 'Property' && q.key.type === 'Identifier' && q.key.name === 'arn');
              fn = arn?.type === 'Property' ? functionNamed(arn.value as Node) : undefined;
            } else if (v.type === 'NewExpression' && cdkClass(v.callee, modules) === 'LambdaInvoke') fn = functionNamed(v.arguments[0] as Node);
          }
        }
        if (fn)
          addEvent(
            fn,
            { type: 'schedule', detail: schedule, scheduler: true, ...(timeZone ? { timeZone } : {}), ...(enabled ? {} : { enabled: false }) },
            node.range,
          );
      } else if (cls === 'LambdaRestApi' || cls === 'LambdaIntegration' || cls === 'HttpLambdaIntegration' || cls === 'LambdaProxyIntegration') {
        // LambdaProxyIntegration: CDK v1's (and the early v2 alpha's) HTTP API integration, `{ handler }`.
        const props =
          cls === 'LambdaRestApi' ? unwrap(node.arguments[2] as Node) : cls === 'LambdaProxyIntegration' ? unwrap(node.arguments[0] as Node) : undefined;
        let fnNode = cls === 'LambdaIntegration' ? (node.arguments[0] as Node) : cls === 'HttpLambdaIntegration' ? (node.arguments[1] as Node) : undefined;
        if (props?.type === 'ObjectExpression') {
          for (const p of props.properties) if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'handler') fnNode = p.value as Node;
        }
        const kind = cls === 'HttpLambdaIntegration' || cls === 'LambdaProxyIntegration' ? 'http' : 'rest';
        const e: UnitEvent = { type: 'http', detail: 'API Gateway', apiGateway: kind };
        const auth = cls === 'LambdaRestApi' ? guards.ofApi(props, 'rest') : guards.ofIntegration(node, ancestors, kind);
        if (auth) e.authorizer = auth;
        addEvent(unitForExpr(fnNode), e, node.range);
      } else if (cls === 'AwsCustomResource') {
        // An AwsCustomResource whose SDK call is Lambda's Invoke (`onCreate: { service: 'Lambda', action: 'invoke',
        // parameters: { FunctionName: fn.functionName } }`): the function runs during deployments, for the stack.
        const props = objectProperties(node.arguments[2] as Node | undefined);
        const id = stringOf(node.arguments[1] as Node) ?? 'AwsCustomResource';
        for (const key of ['onCreate', 'onUpdate', 'onDelete']) {
          const sdkCall = objectProperties(props.get(key)?.value as Node | undefined);
          if (!invokesFunction(stringOf(sdkCall.get('service')?.value as Node), stringOf(sdkCall.get('action')?.value as Node))) continue;
          const u = functionNamed(objectProperties(sdkCall.get('parameters')?.value as Node | undefined).get('FunctionName')?.value as Node | undefined);
          if (u && !u.events.some((e) => e.invokedBy === 'cloudformation'))
            addEvent(
              u,
              { type: 'other', detail: `CloudFormation custom resource ${id} (an AwsCustomResource calling Lambda Invoke)`, invokedBy: 'cloudformation' },
              node.range,
            );
        }
      } else if ((cls === 'CfnIntegration' || cls === 'CfnRoute') && cdkServiceOf(node.callee, modules) === 'aws-apigatewayv2') {
        // `new CfnIntegration(this, 'Id', { apiId: api.ref, integrationUri: '…/functions/' + fn.functionArn + '/invocations' })`
        // and the `new CfnRoute(…, { routeKey, target: 'integrations/' + integration.ref })` that reach it.
        const props = objectProperties(node.arguments[2] as Node | undefined);
        const value = (key: string) => props.get(key)?.value as Node | undefined;
        if (cls === 'CfnRoute') {
          const target = value('target');
          if (target)
            v2Routes.push({
              target: text.slice(target.range[0], target.range[1]),
              routeKey: stringOf(value('routeKey')),
              authorizationType: stringOf(value('authorizationType')),
            });
          return;
        }
        const unit = functionInside(value('integrationUri'));
        const parent = ancestors[ancestors.length - 1];
        const variable =
          parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier'
            ? parent.id.name
            : parent?.type === 'AssignmentExpression'
              ? memberPath(parent.left as Node)?.join('.')
              : undefined;
        if (unit) v2Integrations.push({ unit, api: value('apiId'), variable, id: stringOf(node.arguments[1] as Node) ?? 'CfnIntegration', at: node.range });
      } else if (cls === 'CfnPermission') {
        const props = objectProperties(node.arguments[2] as Node | undefined);
        grant(props.get('functionName')?.value as Node, props.get('principal')?.value as Node, props.get('sourceArn')?.value as Node, node.range);
      } else if (cls && INVOKING_CONSTRUCTS[cls]) {
        // Constructs whose service invokes a function by its ARN: a state machine task, a custom resource provider, a
        // user pool's triggers, a distribution's Lambda@Edge associations.
        const spec = INVOKING_CONSTRUCTS[cls];
        // A v1 task is named by the `sfn.Task` it is given to.
        const owner = spec.arg === undefined ? node : [...ancestors].reverse().find((a) => a.type === 'NewExpression' && stringOf(a.arguments[1] as Node));
        // A construct named by its first argument (`new HttpLambdaAuthorizer('Name', fn)`) is its own id.
        const id =
          (spec.arg === 1 ? stringOf(node.arguments[0] as Node) : undefined) ??
          (owner?.type === 'NewExpression' ? stringOf(owner.arguments[1] as Node) : undefined) ??
          cls;
        const given = node.arguments[spec.arg ?? 2];
        const props = given ? unwrap(given as Node) : undefined;
        const found = new Set<Unit>();
        const visit = (n: Node | undefined, depth = 0): void => {
          if (!n || depth > 8) return;
          n = unwrap(n);
          const u = functionNamed(n);
          if (u) {
            found.add(u);
          } else if (n.type === 'ObjectExpression') {
            for (const p of n.properties) {
              if (p.type === 'Property' && (!spec.keys || depth > 0 || (p.key.type === 'Identifier' && spec.keys.includes(p.key.name))))
                visit(p.value as Node, depth + 1);
            }
          } else if (n.type === 'ArrayExpression') {
            for (const el of n.elements) visit((el ?? undefined) as Node | undefined, depth + 1);
          }
        };
        visit(props);
        for (const u of found) addEvent(u, { type: spec.event, detail: `${spec.what} ${id}`, invokedBy: spec.by }, node.range);
      }
      return;
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
    const method = node.callee.property.name;
    const target = node.callee.object as Node;
    if (method === 'addOverride' || method === 'addPropertyOverride') {
      // Escape hatch on the function's CfnFunction: `fn.node.defaultChild` (or a const holding it).
      const base = unwrap(target);
      const targetPath = memberPath(base.type === 'Identifier' && constOf(base) ? unwrap(constOf(base)!) : base);
      const u = targetPath && targetPath.slice(-2).join('.') === 'node.defaultChild' ? byVar.get(targetPath.slice(0, -2).join('.')) : undefined;
      const key = stringOf(node.arguments[0] as Node)?.replace(/^Properties\./, '');
      if (!u || !key) return;
      const value = node.arguments[1] ? unwrap(node.arguments[1] as Node) : undefined;
      const field = (k: string) =>
        (value?.type === 'ObjectExpression'
          ? (
              value.properties.find((p) => p.type === 'Property' && ((p.key.type === 'Identifier' && p.key.name === k) || stringValue(p.key as Node) === k)) as
                TSESTree.Property | undefined
            )?.value
          : undefined) as Node | undefined;
      if (key === 'DurableConfig')
        u.durable = { executionTimeoutSeconds: numberOf(field('ExecutionTimeout')), retentionDays: numberOf(field('RetentionPeriodInDays')) };
      else if (key === 'Runtime' && stringOf(value)) u.runtime = stringOf(value);
      else if (key === 'Timeout' && numberOf(value) !== undefined) u.timeoutSeconds = numberOf(value);
      else if (key === 'MemorySize' && numberOf(value) !== undefined) u.memoryMB = numberOf(value);
      else u.otherSettings = [...new Set([...(u.otherSettings ?? []), key])].sort();
      return;
    }
    if (method === 'addEventSource') {
      const src = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
      if (src?.type !== 'NewExpression') return;
      const cls = cdkClass(src.callee, modules);
      let what = src.arguments[0] ? memberPath(unwrap(src.arguments[0] as Node))?.join('.') : undefined;
      let type = cls ? CDK_EVENT_SOURCES[cls] : undefined;
      // Amazon MQ has no event source class in aws-cdk-lib: construct libraries add one (@cdklabs/cdk-amazonmq's
      // RabbitMqEventSource, ActiveMqEventSource), an event source mapping on a broker queue, read as the stream it is.
      const named = src.callee.type === 'Identifier' ? src.callee.name : memberPath(src.callee)?.at(-1);
      if (!type && named && /^(?:RabbitMq|ActiveMq)EventSource$/.test(named)) {
        type = 'stream';
        const props = src.arguments[0] ? unwrap(src.arguments[0] as Node) : undefined;
        const queue =
          props?.type === 'ObjectExpression'
            ? props.properties.find((q) => q.type === 'Property' && q.key.type === 'Identifier' && q.key.name === 'queueName')
            : undefined;
        what = `MQ ${(queue?.type === 'Property' ? stringOf(queue.value as Node) : undefined) ?? named}`;
      }
      if (!type) return;
      const e: UnitEvent = { type, detail: what ?? cls };
      const opts = src.arguments[1] ? unwrap(src.arguments[1] as Node) : undefined;
      if (opts?.type === 'ObjectExpression') {
        for (const p of opts.properties) {
          if (p.type !== 'Property' || p.key.type !== 'Identifier') continue;
          const v = p.value as Node;
          const code = text.slice(v.range[0], v.range[1]).replace(/\s+/g, ' ').slice(0, 200);
          if (p.key.name === 'batchSize' && numberOf(v) !== undefined) e.batchSize = numberOf(v);
          else if (p.key.name === 'enabled' && v.type === 'Literal' && v.value === false) e.enabled = false;
          else if (p.key.name === 'filters') e.filterCriteria = code;
          else if (p.key.name === 'filterPolicy') e.filterPolicy = code;
          else if (p.key.name === 'maxConcurrency' && numberOf(v) !== undefined) e.maximumConcurrency = numberOf(v);
          else if (p.key.name === 'maxBatchingWindow' && durationOf(v)) e.maximumBatchingWindowInSeconds = durationOf(v)!.seconds;
          else if (p.key.name === 'reportBatchItemFailures' && v.type === 'Literal' && v.value === true) e.functionResponseTypes = ['ReportBatchItemFailures'];
        }
      }
      addEvent(unitForExpr(target), e, node.range);
    } else if (method === 'addTarget') {
      const p = memberPath(target);
      const rule = p ? rules.get(p.join('.')) : undefined;
      const off = rule && !rule.enabled ? { enabled: false } : {};
      for (const u of lambdaTargets(node.arguments[0] as Node))
        addEvent(u, rule?.schedule ? { type: 'schedule', detail: rule.schedule, ...off } : { type: 'eventbridge', detail: p?.join('.'), ...off }, node.range);
    } else if (method === 'addTrigger' && node.arguments[1]) {
      // userPool.addTrigger(UserPoolOperation.PRE_SIGN_UP, fn)
      addEvent(
        unitForExpr(node.arguments[1] as Node),
        { type: 'other', detail: `Cognito user pool trigger of ${memberPath(target)?.join('.') ?? 'a user pool'}`, invokedBy: 'cognito' },
        node.range,
      );
    } else if (method === 'addLambdaDataSource' && node.arguments[1]) {
      addEvent(
        unitForExpr(node.arguments[1] as Node),
        { type: 'direct', detail: `AppSync data source ${stringOf(node.arguments[0] as Node) ?? ''}`.trim(), invokedBy: 'appsync' },
        node.range,
      );
    } else if (method === 'addFunctionUrl') {
      const auth = /FunctionUrlAuthType\.(\w+)/.exec(text.slice(node.range[0], node.range[1]))?.[1];
      addEvent(unitForExpr(target), { type: 'http', detail: 'function URL', functionUrl: true, ...(auth ? { authType: auth } : {}) }, node.range);
    } else if (/^add(?:Event|ObjectCreated|ObjectRemoved)Notification$/.test(method)) {
      // bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), …)
      for (const arg of node.arguments) {
        const a = unwrap(arg as Node);
        const dest = a.type === 'Identifier' && constOf(a) ? unwrap(constOf(a)!) : a;
        if (dest.type === 'NewExpression' && cdkClass(dest.callee as Node, modules) === 'LambdaDestination')
          addEvent(unitForExpr(dest.arguments[0] as Node), { type: 's3', detail: memberPath(target)?.join('.') ?? 'a bucket' }, node.range);
      }
    } else if (method === 'addPermission') {
      // fn.addPermission('Id', { principal: new iam.ServicePrincipal('bedrock.amazonaws.com'), sourceArn: agent.attrAgentArn })
      const props = objectProperties(node.arguments[1] as Node | undefined);
      grant(target, props.get('principal')?.value as Node, props.get('sourceArn')?.value as Node, node.range);
    } else if (method === 'addRotationSchedule') {
      // secret.addRotationSchedule('Rotation', { rotationLambda: fn })
      const fn = objectProperties(node.arguments[1] as Node | undefined).get('rotationLambda')?.value as Node | undefined;
      const id = stringOf(node.arguments[0] as Node);
      addEvent(unitForExpr(fn), { type: 'other', detail: `Secrets Manager rotation schedule ${id ?? 'of a secret'}`, invokedBy: 'secretsmanager' }, node.range);
    } else if (method === 'grantInvoke') {
      // fn.grantInvoke(stateMachine), a state machine made here: its tasks invoke the function (a definition written
      // as JSON names it only inside a string).
      const grantee = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
      const made = grantee?.type === 'Identifier' ? constOf(grantee) : undefined;
      const machine = made ? unwrap(made) : undefined;
      if (machine?.type === 'NewExpression' && cdkClass(machine.callee as Node, modules) === 'StateMachine') {
        const id = stringOf(machine.arguments[1] as Node) ?? (grantee as TSESTree.Identifier).name;
        const u = unitForExpr(target);
        if (u && !u.events.some((e) => e.invokedBy === 'stepfunctions'))
          addEvent(u, { type: 'direct', detail: `Step Functions state machine ${id}`, invokedBy: 'stepfunctions' }, node.range);
      } else grant(target, node.arguments[0] as Node | undefined, undefined, node.range);
    }
  });
  // An L1 integration's API says whether its routes are WebSocket ones (`protocolType`), its routes which keys reach it.
  for (const i of v2Integrations) {
    const api = i.api ? unwrap(i.api) : undefined;
    const apiVar =
      api?.type === 'MemberExpression' &&
      api.object.type === 'Identifier' &&
      api.property.type === 'Identifier' &&
      /^(?:ref|attrApiId)$/.test(api.property.name)
        ? api.object
        : undefined;
    const made = apiVar ? constOf(apiVar) : undefined;
    const apiNew = made ? unwrap(made) : undefined;
    const protocol =
      apiNew?.type === 'NewExpression' ? stringOf(objectProperties(apiNew.arguments[2] as Node | undefined).get('protocolType')?.value as Node) : undefined;
    const ref = i.variable ? new RegExp(`(?<![\\w$.])${i.variable.replace(/[.$]/g, '\\$&')}\\.ref\\b`) : undefined;
    const routes = ref ? v2Routes.filter((r) => ref.test(r.target)) : [];
    const keys = routes.length ? routes.map((r) => r.routeKey ?? '?').join(', ') : i.id;
    const auth = routes.map((r) => routeAuthFromType(r.authorizationType)).find(Boolean);
    addEvent(i.unit, apiV2Event(protocol === 'WEBSOCKET', keys, auth), i.at);
  }
  addGranted(granted);
  // After every association is read: a distribution that names the function says so where it does.
  for (const [u, at] of edgeFunctions) markEdgeFunction(u, at, 'cloudfront.experimental.EdgeFunction');
  if (facts) {
    const classes = [...new Set(units.flatMap((u) => (u.constructTemplate ? [u.constructTemplate] : [])))];
    const byDefault = defaultClassName(ast);
    // The text is read again for each instance (join/cdkConstructs.ts): a file of a size no construct library has is not.
    if (classes.length && text.length <= 400_000)
      facts.cdkConstructClasses = { classes, ...(byDefault && classes.includes(byDefault) ? { defaultClass: byDefault } : {}), text };
    if (instances.size)
      facts.cdkInstances = [...instances].map(([u, i]) => {
        const members = [...memberStands.values()].filter((m) => m.owner === u && m.unit.events.length);
        const events = [...u.events, ...members.flatMap((m) => m.unit.events)];
        const eventRanges = [
          ...u.events.map((_, n) => u.fieldRanges![`events.${n}`] ?? i.range),
          ...members.flatMap((m) => m.unit.events.map((_, n) => m.unit.fieldRanges![`events.${n}`] ?? i.range)),
        ];
        const eventMembers = [...u.events.map(() => undefined), ...members.flatMap((m) => m.unit.events.map(() => m.member))];
        return { ...i, events, eventRanges, ...(members.length ? { eventMembers } : {}) };
      });
  }
  return units.filter((u) => !instances.has(u));
}

/** The name of the class a file exports as its default (`export default class X`). */
function defaultClassName(ast: TSESTree.Program): string | undefined {
  for (const st of ast.body)
    if (st.type === 'ExportDefaultDeclaration' && st.declaration.type === 'ClassDeclaration') return st.declaration.id?.name ?? undefined;
  return undefined;
}

/** CDK constructs whose service invokes the functions their props name (`keys`: only under these props). */
const INVOKING_CONSTRUCTS: Record<string, { by: string; event: UnitEvent['type']; what: string; keys?: string[]; arg?: number }> = {
  LambdaInvoke: { by: 'stepfunctions', event: 'direct', what: 'Step Functions task', keys: ['lambdaFunction'] },
  // CDK v1's Step Functions tasks (`new sfn.Task(this, 'Reserve', { task: new tasks.RunLambdaTask(fn) })`): the function
  // is their first argument, and they have no id of their own.
  RunLambdaTask: { by: 'stepfunctions', event: 'direct', what: 'Step Functions task', arg: 0 },
  InvokeFunction: { by: 'stepfunctions', event: 'direct', what: 'Step Functions task', arg: 0 },
  Provider: { by: 'cloudformation', event: 'other', what: 'CloudFormation custom resource provider', keys: ['onEventHandler', 'isCompleteHandler'] },
  // A custom resource backed by the function itself (`serviceToken: fn.functionArn`), without a Provider.
  CustomResource: { by: 'cloudformation', event: 'other', what: 'CloudFormation custom resource', keys: ['serviceToken'] },
  // A delivery stream's processor (`processor: new LambdaFunctionProcessor(fn)`), named by the stream it is given to.
  LambdaFunctionProcessor: { by: 'firehose', event: 'other', what: 'Firehose delivery stream', arg: 0 },
  RotationSchedule: { by: 'secretsmanager', event: 'other', what: 'Secrets Manager rotation schedule', keys: ['rotationLambda'] },
  CfnAgent: { by: 'bedrock', event: 'other', what: 'Bedrock agent action group of', keys: ['actionGroups'] },
  // An Amazon Connect instance's Lambda integration: its contact flows can invoke the function.
  CfnIntegrationAssociation: { by: 'connect', event: 'other', what: 'Amazon Connect integration', keys: ['integrationArn'] },
  UserPool: { by: 'cognito', event: 'other', what: 'Cognito user pool trigger of', keys: ['lambdaTriggers'] },
  TokenAuthorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', keys: ['handler'] },
  RequestAuthorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', keys: ['handler'] },
  // `new HttpLambdaAuthorizer('Name', fn, props)`: the function is its second argument.
  HttpLambdaAuthorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', arg: 1 },
  WebSocketLambdaAuthorizer: { by: 'apigateway', event: 'other', what: 'API Gateway authorizer', arg: 1 },
  Distribution: {
    by: 'cloudfront',
    event: 'other',
    what: 'Lambda@Edge association of CloudFront distribution',
    keys: ['defaultBehavior', 'additionalBehaviors'],
  },
};

/** The name of the method or function a node is the body of (`getFn() {…}`, `function getFn() {…}`, `getFn = () => …`). */
function functionName(fn: Node, parent: Node | undefined): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}

/** `this.getFn()`, `getFn()`: the name of the method or function called. */
function calledName(n: Node | undefined): string | undefined {
  const c = n ? unwrap(n) : undefined;
  if (c?.type !== 'CallExpression') return undefined;
  if (c.callee.type === 'Identifier') return c.callee.name;
  return c.callee.type === 'MemberExpression' && c.callee.object.type === 'ThisExpression' && c.callee.property.type === 'Identifier'
    ? c.callee.property.name
    : undefined;
}

/**
 * Functions handed around through the file's own methods: a method that returns one function (`private getFn() {
 * return new NodejsFunction(…) }`, or a const it made) names it where its call is kept (`const fn = this.getFn()`,
 * `this.fn = this.getFn()`), and a method's parameter names the function that every call of it in this file gives it
 * (`this.createRestApi(operationalLambda)` → `handler: operationalLambda` inside). Names the file binds already win.
 */
function bindThroughMethods(
  ast: TSESTree.Program,
  units: readonly Unit[],
  byVar: Map<string, Unit>,
  unitForExpr: (n: Node | undefined) => Unit | undefined,
): void {
  const bySite = new Map(units.map((u) => [`${u.range?.[0]}:${u.range?.[1]}`, u]));
  const returned = new Map<string, Unit | null>();
  const params = new Map<string, string[]>();
  walkTypes(ast, ['FunctionExpression', 'FunctionDeclaration', 'ArrowFunctionExpression'], (fn, ancestors) => {
    if (!isFunctionNode(fn)) return;
    const name = functionName(fn, ancestors[ancestors.length - 1]);
    if (!name) return;
    params.set(
      name,
      params.has(name)
        ? []
        : fn.params.map((p) =>
            p.type === 'Identifier' ? p.name : p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier' ? p.parameter.name : '',
          ),
    );
    const values: Node[] = fn.body.type === 'BlockStatement' ? [] : [fn.body as Node];
    if (fn.body.type === 'BlockStatement')
      walkTypes(fn.body as Node, ['ReturnStatement'], (r, inner) => {
        if (r.type === 'ReturnStatement' && r.argument && !inner.some((a) => a !== fn && isFunctionNode(a))) values.push(r.argument as Node);
      });
    for (const v of values) {
      const e = unwrap(v);
      const u = bySite.get(`${e.range[0]}:${e.range[1]}`) ?? (e.type === 'Identifier' ? byVar.get(e.name) : undefined);
      if (u) returned.set(name, returned.has(name) && returned.get(name) !== u ? null : u);
    }
  });
  const keep = (key: string | undefined, u: Unit | null | undefined) => {
    if (key && u && !byVar.has(key)) byVar.set(key, u);
  };
  walkTypes(ast, ['VariableDeclarator', 'AssignmentExpression'], (n) => {
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') keep(n.id.name, returned.get(calledName(n.init as Node) ?? ''));
    if (n.type === 'AssignmentExpression') keep(memberPath(n.left as Node)?.join('.'), returned.get(calledName(n.right as Node) ?? ''));
  });
  const given = new Map<string, Unit | null>();
  walkTypes(ast, ['CallExpression'], (call) => {
    const names = params.get(calledName(call as Node) ?? '') ?? [];
    if (call.type !== 'CallExpression') return;
    call.arguments.forEach((a, i) => {
      const u = names[i] ? unitForExpr(a as Node) : undefined;
      if (u) given.set(names[i], given.has(names[i]) && given.get(names[i]) !== u ? null : u);
    });
  });
  for (const [name, u] of given) keep(name, u);
}
