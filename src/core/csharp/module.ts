// What a C# file imports and declares, so rules match types by what they are (`ILambdaContext` from
// Amazon.Lambda.Core) and follow a variable to what built it (`app` → `WebApplication.CreateBuilder.Build`).
import { nodesOfTypes, walk, type SyntaxNode } from '../parsers/treesitter';
import { ON_LAMBDA_ENV } from '../langs/common';

export interface CsModuleInfo {
  /** Namespaces of `using` directives (aliases resolved to their target). */
  usings: Set<string>;
  /** `using X = A.B.C;` → X → A.B.C. */
  aliases: Map<string, string>;
  /** Namespaces this file declares. */
  namespaces: string[];
  /** Variable, field, property or parameter → what it was declared as or built from (simple names). */
  types: Map<string, string>;
  /** Classes and records, nested ones included. */
  classes: SyntaxNode[];
  /** Methods of this file by name (for `CreateHostBuilder(args).Build().Run()`). */
  methods: Map<string, SyntaxNode>;
}

export function unparen(n: SyntaxNode | undefined): SyntaxNode | undefined {
  let cur = n;
  while (cur?.type === 'parenthesized_expression') cur = cur.namedChildren[0];
  return cur;
}

/** The simple name of a type: `Dictionary<string, int>` → `Dictionary`, `System.Threading.Timer` → `Timer`. */
export function simpleType(t: SyntaxNode | undefined): string | undefined {
  if (!t) return undefined;
  if (t.type === 'generic_name') return t.namedChildren[0]?.text;
  if (t.type === 'identifier' || t.type === 'predefined_type') return t.text;
  if (t.type === 'qualified_name') return simpleType(t.get('name'));
  if (t.type === 'nullable_type') return simpleType(t.namedChildren[0]);
  if (t.type === 'array_type') return simpleType(t.get('type'));
  return undefined;
}

/** Arguments of an invocation or object creation, unwrapped from their `argument` nodes. */
export function callArgs(call: SyntaxNode): SyntaxNode[] {
  return (call.get('arguments')?.namedChildren ?? []).filter((a) => a.type === 'argument').map((a) => a.namedChildren[a.namedChildren.length - 1]);
}

/** `x.Method(...)` → `Method`; `Method<T>(...)` → `Method`. */
export function invokedName(call: SyntaxNode): string | undefined {
  const fn = call.get('function');
  if (fn?.type === 'member_access_expression') return simpleType(fn.get('name'));
  return simpleType(fn);
}

/** The receiver of `x.Method(...)`. */
export function receiverOf(call: SyntaxNode): SyntaxNode | undefined {
  const fn = call.get('function');
  return fn?.type === 'member_access_expression' ? fn.get('expression') : undefined;
}

/** The literal text a string expression starts with (plain, verbatim, raw, or an interpolated string's head). */
export function csStringHead(n: SyntaxNode | undefined): string | undefined {
  let s = unparen(n);
  while (s?.type === 'binary_expression' && s.children.some((c) => !c.named && c.type === '+')) s = unparen(s.get('left'));
  if (!s) return undefined;
  if (s.type === 'string_literal' || s.type === 'raw_string_literal')
    return s.namedChildren
      .filter((c) => c.type === 'string_literal_content' || c.type === 'raw_string_content' || c.type === 'escape_sequence')
      .map((c) => c.text)
      .join('');
  if (s.type === 'verbatim_string_literal') return s.text.replace(/^@"/, '').replace(/"$/, '');
  if (s.type === 'interpolated_string_expression') {
    let out = '';
    for (const c of s.namedChildren) {
      if (c.type === 'interpolation') break;
      if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
    }
    return out;
  }
  return undefined;
}

/** The value of a plain string literal. */
export function csString(n: SyntaxNode | undefined): string | undefined {
  const s = unparen(n);
  return s?.type === 'string_literal' || s?.type === 'verbatim_string_literal' || s?.type === 'raw_string_literal' ? csStringHead(s) : undefined;
}

/**
 * What produced a value, by simple names: `new Dictionary<…>()` → `Dictionary`, `WebApplication.CreateBuilder(args)` →
 * `WebApplication.CreateBuilder`, `builder.Build()` → `WebApplication.CreateBuilder.Build`; a call of a method of this
 * file is followed into its expression body or single return.
 */
export function typeOfExpr(n: SyntaxNode | undefined, info: CsModuleInfo, depth = 0): string | undefined {
  const x = unparen(n);
  if (!x || depth > 10) return undefined;
  switch (x.type) {
    case 'identifier':
      return info.types.get(x.text);
    case 'object_creation_expression':
      return simpleType(x.get('type'));
    case 'await_expression':
      return typeOfExpr(x.namedChildren[0], info, depth + 1);
    case 'member_access_expression': {
      const obj = x.get('expression');
      const name = simpleType(x.get('name')) ?? '';
      if (obj?.type === 'identifier' && !info.types.has(obj.text) && /^[A-Z]/.test(obj.text)) return `${obj.text}.${name}`;
      const base = typeOfExpr(obj, info, depth + 1);
      return base ? `${base}.${name}` : undefined;
    }
    case 'invocation_expression': {
      const fn = x.get('function');
      if (fn?.type === 'identifier' || fn?.type === 'generic_name') {
        const m = info.methods.get(simpleType(fn) ?? '');
        const body = m ? returnedExpr(m) : undefined;
        return body ? typeOfExpr(body, info, depth + 1) : undefined;
      }
      return typeOfExpr(fn, info, depth + 1);
    }
    default:
      return undefined;
  }
}

/** The expression a method returns: its `=> expr` body, or its only `return expr;`. */
function returnedExpr(m: SyntaxNode): SyntaxNode | undefined {
  const body = m.get('body');
  if (body?.type === 'arrow_expression_clause') return body.namedChildren[0];
  const returns: SyntaxNode[] = [];
  if (body)
    walk(body, (n) => {
      if (n.type === 'local_function_statement' || n.type === 'lambda_expression') return 'skip';
      if (n.type === 'return_statement') returns.push(n);
    });
  return returns.length === 1 ? returns[0].namedChildren[0] : undefined;
}

const MODULE_DECLARATIONS = [
  'using_directive',
  'namespace_declaration',
  'file_scoped_namespace_declaration',
  'class_declaration',
  'record_declaration',
  'struct_declaration',
  'method_declaration',
  'local_function_statement',
];

export function collectCsModuleInfo(root: SyntaxNode): CsModuleInfo {
  const info: CsModuleInfo = { usings: new Set(), aliases: new Map(), namespaces: [], types: new Map(), classes: [], methods: new Map() };
  // From the type index, in walk order (a using directive holds no declarations).
  for (const n of nodesOfTypes(root, MODULE_DECLARATIONS)) {
    if (n.type === 'using_directive') {
      const target = n.namedChildren.find((c) => c.type === 'qualified_name' || c.type === 'identifier' || c.type === 'generic_name');
      const alias = n.get('name');
      if (alias && target && alias !== target) info.aliases.set(alias.text, target.text);
      else if (target) info.usings.add(target.text.replace(/\s+/g, ''));
      continue;
    }
    if (n.type === 'namespace_declaration' || n.type === 'file_scoped_namespace_declaration')
      info.namespaces.push((n.get('name')?.text ?? '').replace(/\s+/g, ''));
    if (n.type === 'class_declaration' || n.type === 'record_declaration' || n.type === 'struct_declaration') info.classes.push(n);
    if (n.type === 'method_declaration' || n.type === 'local_function_statement') {
      const name = n.get('name')?.text;
      if (name && !info.methods.has(name)) info.methods.set(name, n);
    }
  }
  for (const n of nodesOfTypes(root, ['variable_declaration', 'parameter', 'property_declaration'])) {
    if (n.type === 'variable_declaration') {
      const declared = simpleType(n.get('type'));
      for (const d of n.namedChildren.filter((c) => c.type === 'variable_declarator')) {
        const name = d.get('name')?.text;
        const value = d.namedChildren.find((c) => c.field !== 'name' && c.type !== 'bracketed_argument_list');
        const t = declared && declared !== 'var' ? declared : typeOfExpr(value, info);
        if (name && t && !info.types.has(name)) info.types.set(name, t);
      }
    } else if (n.type === 'parameter' || n.type === 'property_declaration') {
      const name = n.get('name')?.text;
      const t = simpleType(n.get('type'));
      if (name && t && !info.types.has(name)) info.types.set(name, t);
    }
  }
  return info;
}

/** True when the file uses a namespace (`using Amazon.Lambda.Core;`) or declares one inside it. */
export function usesNamespace(info: CsModuleInfo, ns: RegExp): boolean {
  for (const u of info.usings) if (ns.test(u)) return true;
  for (const a of info.aliases.values()) if (ns.test(a)) return true;
  return info.namespaces.some((n) => ns.test(n));
}

/** Type names a class derives from or implements. */
function baseTypes(cls: SyntaxNode): string[] {
  const list = cls.namedChildren.find((c) => c.type === 'base_list');
  return (list?.namedChildren ?? []).map((t) => simpleType(t.type === 'primary_constructor_base_type' ? t.namedChildren[0] : t) ?? '').filter(Boolean);
}

function attributesOf(decl: SyntaxNode): SyntaxNode[] {
  return decl.namedChildren.filter((c) => c.type === 'attribute_list').flatMap((l) => l.namedChildren.filter((a) => a.type === 'attribute'));
}

function attributeName(a: SyntaxNode): string {
  return (simpleType(a.get('name')) ?? '').replace(/Attribute$/, '');
}

/** The attribute of a Lambda Annotations function (`[LambdaFunction]`, `[LambdaFunctionAttribute]`). */
export const LAMBDA_FUNCTION_ATTRIBUTE = 'LambdaFunction';

/**
 * A Lambda Annotations function (`[LambdaFunction]`, Amazon.Lambda.Annotations): the handler Lambda calls is generated
 * from the attribute at build time. Returns the HTTP route attribute it also carries (`HttpApi`, `RestApi`), '' for
 * none, or undefined when the method is no such function.
 */
export function lambdaAnnotation(method: SyntaxNode, module: CsModuleInfo): string | undefined {
  const names = attributesOf(method).map(attributeName);
  if (!names.includes(LAMBDA_FUNCTION_ATTRIBUTE)) return undefined;
  if (!usesNamespace(module, /^Amazon\.Lambda\.Annotations(\.|$)/) && !method.text.includes('Amazon.Lambda.Annotations')) return undefined;
  return names.find((n) => n === 'HttpApi' || n === 'RestApi') ?? '';
}

/** The bases of a hosted service, by simple name. */
export const HOSTED_SERVICE_BASES: readonly string[] = ['BackgroundService', 'IHostedService'];

/** The hosted-service base a class derives from (`BackgroundService`, `IHostedService`): it runs for the life of the process. */
export function hostedServiceBase(cls: SyntaxNode): string | undefined {
  return baseTypes(cls).find((b) => HOSTED_SERVICE_BASES.includes(b));
}

export function hasModifier(decl: SyntaxNode, modifier: string): boolean {
  return decl.namedChildren.some((c) => c.type === 'modifier' && c.text === modifier);
}

export function enclosingClass(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'class_declaration' || p.type === 'record_declaration' || p.type === 'struct_declaration') return p;
  return undefined;
}

/** The type of the context the Lambda .NET runtime passes a handler (Amazon.Lambda.Core), by simple name. */
export const LAMBDA_CONTEXT_TYPE = 'ILambdaContext';

/** Methods the Lambda .NET runtime calls: they take an `ILambdaContext`. */
export function isLambdaHandlerMethod(m: SyntaxNode): boolean {
  if (m.type !== 'method_declaration') return false;
  const params = m.get('parameters')?.namedChildren.filter((p) => p.type === 'parameter') ?? [];
  return params.some((p) => simpleType(p.get('type')) === LAMBDA_CONTEXT_TYPE);
}

const HTTP_ATTRIBUTES = new Set(['HttpGet', 'HttpPost', 'HttpPut', 'HttpDelete', 'HttpPatch', 'Route']);

/**
 * Methods that serve one request: Lambda handlers, MVC/Web API actions (an Http* attribute, or a public method of a
 * `…Controller`), gRPC service methods (a `ServerCallContext` parameter), and lambdas handed to minimal-API `Map*`.
 */
export function isRequestMethod(m: SyntaxNode): boolean {
  if (m.type === 'lambda_expression') {
    const call = m.parent?.parent?.parent;
    return call?.type === 'invocation_expression' && /^Map(Get|Post|Put|Delete|Patch|Methods)$/.test(invokedName(call) ?? '');
  }
  if (m.type !== 'method_declaration') return false;
  if (isLambdaHandlerMethod(m)) return true;
  if (attributesOf(m).some((a) => HTTP_ATTRIBUTES.has(attributeName(a)))) return true;
  const params = m.get('parameters')?.namedChildren.filter((p) => p.type === 'parameter') ?? [];
  if (params.some((p) => simpleType(p.get('type')) === 'ServerCallContext')) return true;
  const cls = enclosingClass(m);
  return !!cls && hasModifier(m, 'public') && baseTypes(cls).some((b) => b === 'ControllerBase' || b === 'Controller');
}

/** The method, constructor, accessor or request lambda a node is in. */
export function enclosingMember(ancestors: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'lambda_expression' && isRequestMethod(a)) return a;
    if (a.type === 'method_declaration' || a.type === 'constructor_declaration' || a.type === 'accessor_declaration' || a.type === 'local_function_statement')
      return a;
    if (a.type === 'declaration_list') return undefined;
  }
  return undefined;
}

/** `Environment.GetEnvironmentVariable("X")` → X. */
export function envRead(n: SyntaxNode | undefined): string | undefined {
  const x = unparen(n);
  if (x?.type !== 'invocation_expression' || invokedName(x) !== 'GetEnvironmentVariable') return undefined;
  return csString(callArgs(x)[0]);
}

type Where = 'lambda' | 'local' | undefined;
const invert = (w: Where): Where => (w === 'lambda' ? 'local' : w === 'local' ? 'lambda' : undefined);

function classifyGuard(cond: SyntaxNode | undefined, depth = 0): Where {
  const c = unparen(cond);
  if (!c || depth > 4) return undefined;
  if (c.type === 'prefix_unary_expression' && c.children.some((t) => !t.named && t.type === '!')) return invert(classifyGuard(c.namedChildren[0], depth + 1));
  if (
    c.type === 'invocation_expression' &&
    /^(string\.)?IsNullOrEmpty$|^(string\.)?IsNullOrWhiteSpace$/.test((c.get('function')?.text ?? '').replace(/^String\./, 'string.'))
  ) {
    const env = envRead(callArgs(c)[0]);
    return env && ON_LAMBDA_ENV.has(env) ? 'local' : undefined;
  }
  if (c.type !== 'binary_expression') return undefined;
  const op = c.children.find((t) => !t.named)?.type;
  if (op === '&&') return classifyGuard(c.get('left'), depth + 1) ?? classifyGuard(c.get('right'), depth + 1);
  if (op !== '==' && op !== '!=') return undefined;
  const env = envRead(c.get('left')) ?? envRead(c.get('right'));
  const other = envRead(c.get('left')) ? c.get('right') : c.get('left');
  if (!env || !ON_LAMBDA_ENV.has(env) || unparen(other)?.type !== 'null_literal') return undefined;
  return op === '==' ? 'local' : 'lambda';
}

/** True in the off-Lambda branch of an on-Lambda check, and inside a `LocalEntryPoint` class (the AWS template's local host). */
export function isCsLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'class_declaration' && a.get('name')?.text === 'LocalEntryPoint') return true;
    if (a.type === 'if_statement' && (child.field === 'consequence' || child.field === 'alternative')) {
      const w = classifyGuard(a.get('condition'));
      if ((w === 'local' && child.field === 'consequence') || (w === 'lambda' && child.field === 'alternative')) return true;
    }
    child = a;
  }
  return false;
}

/** Test projects are deployed nowhere. */
export function isCsTestFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  return /(^|\/)(tests?|[^/]*\.Tests?|[^/]*\.UnitTests|[^/]*\.IntegrationTests)\//i.test(f) || /Tests?\.cs$/.test(f) || /(^|\/)(obj|bin)\//.test(f);
}

/** True for code in `Main` or in top-level statements: it runs only when the assembly is started as a program. */
export function isProgramCode(ancestors: readonly SyntaxNode[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'global_statement') return true;
    if (a.type === 'method_declaration') return a.get('name')?.text === 'Main' && hasModifier(a, 'static');
  }
  return false;
}

/**
 * The namespaces a C# file declares (block-scoped or file-scoped) and those its `using` directives name (aliases by
 * their target; `using static` and the framework's own namespaces left out), read from the text as written: the join
 * needs them for every file, whether or not a rule parsed it.
 */
export function csNamespacesIn(text: string): { declares: string[]; uses: string[] } | undefined {
  if (!/\b(?:namespace|using)\b/.test(text)) return undefined;
  const declares = [...new Set([...text.matchAll(/^[ \t]*namespace[ \t]+([\w.]+)/gm)].map((m) => m[1]))];
  const uses = [
    ...new Set(
      [...text.matchAll(/^[ \t]*(?:global[ \t]+)?using[ \t]+(?:\w+[ \t]*=[ \t]*)?([\w.]+)[ \t]*;/gm)]
        .map((m) => m[1])
        .filter((n) => !/^(?:System|Microsoft|Amazon|AWS|static)\b/.test(n)),
    ),
  ];
  return declares.length || uses.length ? { declares, uses } : undefined;
}
