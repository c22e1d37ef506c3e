import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunctionNode, memberPath, walk, type Node, walkTypes } from '../../js/ast';
import type { ModuleInfo } from '../../js/module';
import { findHandlerExports } from '../../js/scope';

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** A Lambda handler function found in a file, with the names its Lambda-specific parameters go by. */
export interface HandlerFn {
  name: string;
  fn: FunctionNode;
  /** The event parameter: an identifier name, or the destructuring pattern itself. */
  event?: string | TSESTree.ObjectPattern;
  context?: string | TSESTree.ObjectPattern;
  callback?: string;
  /** The `aws-lambda` type that names the handler or its event (`SQSHandler`, `S3Event`, …), with where it is written. */
  lambdaType?: { name: string; node: Node };
  /**
   * Found only because its first parameter is named like an event (findHandlers' `byEventName`): exported under another
   * name, one parameter, no type. A handler only if what it reads of the event is Lambda's.
   */
  byEventName?: true;
}

const CONVENTIONAL = /^(handler|main|lambdaHandler|lambda_handler|handle|default)$/;
const CONTEXT_NAME = /^_?(context|ctx|lambdaContext|awsContext|lambdaCtx)$/i;
const EVENT_NAME = /^_?(event|evt|lambdaEvent|awsEvent)$/i;
const HTTP_REQ = /^_?(req|request|ctx)$/;
const HTTP_RES = /^_?(res|response|reply|h|next)$/;
/** Types from `@types/aws-lambda` that mark a function as a handler or a value as a Lambda event. */
const AWS_LAMBDA_TYPE = /^(Handler|Context|Callback|[A-Z][A-Za-z0-9]*(Event|EventV2|Handler|HandlerV2|Record|BatchResponse|Result|ResultV2))$/;

/**
 * The `aws-lambda` type an annotation names (its imported name, so aliases resolve), or undefined. Only types imported
 * from `aws-lambda` or written as `AWSLambda.X` count: `MouseEvent` or a DOM `CustomEvent` must not make a handler.
 */
export function lambdaTypeName(annotation: TSESTree.TypeNode | undefined, modules: ModuleInfo): { name: string; node: TSESTree.TSTypeReference } | undefined {
  if (!annotation || annotation.type !== 'TSTypeReference') return undefined;
  const n = annotation.typeName;
  let name: string | undefined;
  if (n.type === 'Identifier') {
    const b = modules.bindings.get(n.name);
    if (b?.module === 'aws-lambda') name = b.path[0] ?? n.name;
  } else if (n.type === 'TSQualifiedName' && n.left.type === 'Identifier') {
    const b = modules.bindings.get(n.left.name);
    if (n.left.name === 'AWSLambda' || (b?.module === 'aws-lambda' && b.path.length === 0)) name = n.right.name;
  }
  return name && AWS_LAMBDA_TYPE.test(name) ? { name, node: annotation } : undefined;
}

function paramName(p: TSESTree.Parameter | undefined): string | TSESTree.ObjectPattern | undefined {
  if (!p) return undefined;
  const inner = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'ObjectPattern') return inner;
  return undefined;
}

function paramType(p: TSESTree.Parameter | undefined, modules: ModuleInfo): { name: string; node: Node } | undefined {
  if (!p) return undefined;
  const inner = p.type === 'AssignmentPattern' ? p.left : p;
  return 'typeAnnotation' in inner && inner.typeAnnotation ? lambdaTypeName(inner.typeAnnotation.typeAnnotation, modules) : undefined;
}

/**
 * Local function declarations, `const f = () => …` initialisers and classes, by name, so `export { handler }`,
 * `middy(base)` and `new Lambda().handler` resolve.
 */
function localFunctions(ast: TSESTree.Program, modules: ModuleInfo): Map<string, { fn: Node; type?: { name: string; node: Node } }> {
  const out = new Map<string, { fn: Node; type?: { name: string; node: Node } }>();
  walkTypes(ast, ['FunctionDeclaration', 'VariableDeclarator', 'ClassDeclaration'], (node) => {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) out.set(node.id.name, { fn: node });
    else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      out.set(node.id.name, { fn: node.init, type: lambdaTypeName(node.id.typeAnnotation?.typeAnnotation, modules) });
    }
  });
  return out;
}

/** The function of method `name` of the class an expression is an instance of (`new C()`, a const holding one) or is (static). */
function methodOf(obj: Node, name: string, locals: ReturnType<typeof localFunctions>): Node | undefined {
  let value: Node | undefined = obj;
  let isStatic = false;
  if (value.type === 'Identifier') {
    value = locals.get(value.name)?.fn;
    isStatic = value?.type === 'ClassDeclaration' || value?.type === 'ClassExpression';
  }
  let cls: Node | undefined = value;
  if (value?.type === 'NewExpression') cls = value.callee.type === 'Identifier' ? locals.get(value.callee.name)?.fn : value.callee;
  if (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression') return undefined;
  for (const m of cls.body.body) {
    if (m.type !== 'MethodDefinition' || m.kind !== 'method' || m.computed || m.static !== isStatic) continue;
    if (m.key.type === 'Identifier' && m.key.name === name) return m.value as Node;
  }
  return undefined;
}

/**
 * Follows an exported value to the function that receives (event, context): through local names, wrappers such as
 * `middy(fn).use(…)` or `withLogger(fn)`, and `fn.bind(x)`. Wrappers are unwrapped by taking the first function
 * argument, which is how middy, Powertools and most home-grown wrappers are called.
 */
function resolveFunction(
  node: Node | undefined,
  locals: ReturnType<typeof localFunctions>,
  seen = new Set<Node>(),
): { fn: FunctionNode; type?: { name: string; node: Node } } | undefined {
  if (!node || seen.has(node)) return undefined;
  seen.add(node);
  if (isFunctionNode(node)) return { fn: node };
  switch (node.type) {
    case 'Identifier': {
      const local = locals.get(node.name);
      if (!local) return undefined;
      const r = resolveFunction(local.fn, locals, seen);
      return r ? { fn: r.fn, type: r.type ?? local.type } : undefined;
    }
    case 'ExportSpecifier':
      return resolveFunction(node.local as Node, locals, seen);
    case 'VariableDeclarator':
      return resolveFunction(node.init ?? undefined, locals, seen);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return resolveFunction(node.expression, locals, seen);
    case 'MemberExpression': {
      // A class's method: `new Lambda().handler`, `instance.handler` (`const instance = new Lambda()`), and a static
      // `Lambda.handler`; the Powertools class-handler pattern exports `instance.handler.bind(instance)`.
      if (node.computed || node.property.type !== 'Identifier') return undefined;
      const method = methodOf(node.object, node.property.name, locals);
      return method ? resolveFunction(method, locals, seen) : undefined;
    }
    case 'CallExpression': {
      const callee = node.callee;
      // `middy(fn).use(a).use(b)` and `fn.bind(this)`: the receiver of a method call carries the function.
      if (callee.type === 'MemberExpression') {
        const viaReceiver = resolveFunction(callee.object, locals, seen);
        if (viaReceiver) return viaReceiver;
      }
      for (const arg of node.arguments) {
        const r = resolveFunction(arg as Node, locals, seen);
        if (r) return r;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The Lambda handlers a file exports. A function counts when it is exported under a conventional handler name, when
 * it or its event is typed with an `aws-lambda` type, or when its parameters are named like (event, context).
 * `byEventName`: also an exported function whose first parameter is named like an event (`module.exports.resize =
 * (event) => …`, the handler a serverless.yml names), marked so: the caller must find Lambda's shapes in what it reads.
 */
export function findHandlers(ast: TSESTree.Program, modules: ModuleInfo, byEventName = false): HandlerFn[] {
  const locals = localFunctions(ast, modules);
  const out: HandlerFn[] = [];
  const seen = new Set<Node>();
  // `export const handler: SQSHandler = …`: the annotation sits on the declarator, which findHandlerExports skips.
  // Indexed once by initialiser, so files with thousands of exports stay linear.
  const declaratorOf = new Map<Node, TSESTree.VariableDeclarator>();
  for (const stmt of ast.body) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declaration.declarations) if (d.init && d.id.type === 'Identifier') declaratorOf.set(d.init, d);
  }
  for (const exp of findHandlerExports(ast)) {
    let declaredType: { name: string; node: Node } | undefined;
    if (exp.node.type === 'ExportSpecifier') declaredType = locals.get((exp.node.local as TSESTree.Identifier).name)?.type;
    else {
      const d = declaratorOf.get(exp.node);
      if (d && d.id.type === 'Identifier') declaredType = lambdaTypeName(d.id.typeAnnotation?.typeAnnotation, modules);
    }
    const resolved = resolveFunction(exp.node, locals);
    if (!resolved || seen.has(resolved.fn)) continue;
    const { fn } = resolved;
    const params = fn.params;
    const lambdaType = declaredType ?? resolved.type ?? paramType(params[0], modules) ?? paramType(params[1], modules);
    const event = paramName(params[0]);
    const context = paramName(params[1]);
    const third = paramName(params[2]);
    // Under another export name a single `event` parameter is too weak a sign (DOM and emitter callbacks take one too).
    const looksLikeHandler = CONVENTIONAL.test(exp.name) || lambdaType !== undefined || (typeof context === 'string' && CONTEXT_NAME.test(context));
    const byEvent = !looksLikeHandler && byEventName && typeof event === 'string' && EVENT_NAME.test(event);
    if ((!looksLikeHandler && !byEvent) || params.length === 0) continue;
    // `(req, res, next)` is a web-framework handler: no Lambda event, context or callback there.
    if ((typeof event === 'string' && HTTP_REQ.test(event)) || (typeof context === 'string' && HTTP_RES.test(context))) continue;
    seen.add(fn);
    out.push({
      name: exp.name,
      fn,
      event,
      context,
      callback: typeof third === 'string' ? third : undefined,
      lambdaType,
      ...(byEvent ? { byEventName: true as const } : {}),
    });
  }
  return out;
}

/** Names bound to a value inside a function: the parameter name plus `const alias = name` copies. */
export function aliasesOf(fn: Node, name: string): Set<string> {
  const names = new Set([name]);
  walk(fn, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const p = memberPath(node.init);
      if (p && p.length === 1 && names.has(p[0])) names.add(node.id.name);
    }
  });
  return names;
}
