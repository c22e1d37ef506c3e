// What a Java file imports and declares, so rules match types and calls by what they are (`Context` the Lambda
// context, not any class named Context) and follow a variable to the type it was declared with or built from.
import { nodesOfTypes, type SyntaxNode } from '../parsers/treesitter';
import { ON_LAMBDA_ENV } from '../langs/common';

/** The declarations collectJavaModuleInfo reads, from the type index. */
const MODULE_NODES = [
  'class_declaration',
  'enum_declaration',
  'record_declaration',
  'interface_declaration',
  'field_declaration',
  'local_variable_declaration',
  'formal_parameter',
  'catch_formal_parameter',
  'enhanced_for_statement',
];

export interface JavaModuleInfo {
  packageName: string;
  /** Simple name → fully qualified name, from single-type imports (`Context` → `com.amazonaws…runtime.Context`). */
  imports: Map<string, string>;
  /** Packages imported with `.*`. */
  wildcards: string[];
  /** Static imports: member name → `Class.member` (`run` → `SpringApplication.run`). */
  staticImports: Map<string, string>;
  /** Variable, field or parameter → the simple type name it was declared with or built from (`ex` → `ExecutorService`). */
  types: Map<string, string>;
  /** Every class, enum and record declaration, nested ones included. */
  classes: SyntaxNode[];
}

export const LAMBDA_RUNTIME_PKG = 'com.amazonaws.services.lambda.runtime';
export const LAMBDA_EVENTS_PKG = 'com.amazonaws.services.lambda.runtime.events';

export function unparen(n: SyntaxNode | undefined): SyntaxNode | undefined {
  let cur = n;
  while (cur?.type === 'parenthesized_expression') cur = cur.namedChildren[0];
  return cur;
}

/** `a.b.c` of a scoped identifier. */
function dotted(n: SyntaxNode | undefined): string {
  return (n?.text ?? '').replace(/\s+/g, '');
}

/** The simple name of a type node: `Map<String, X>` → `Map`, `java.util.Map` → `Map`, `Outer.Inner` → `Inner`. */
export function simpleType(t: SyntaxNode | undefined): string | undefined {
  if (!t) return undefined;
  if (t.type === 'generic_type') return simpleType(t.namedChildren[0]);
  if (t.type === 'type_identifier' || t.type === 'identifier') return t.text;
  if (t.type === 'scoped_type_identifier' || t.type === 'scoped_identifier') return t.text.slice(t.text.lastIndexOf('.') + 1).trim();
  if (t.type === 'array_type') return simpleType(t.get('element'));
  if (t.type === 'integral_type' || t.type === 'floating_point_type' || t.type === 'boolean_type') return t.text;
  return undefined;
}

/** The value of a string literal (text blocks included); undefined for anything else. */
export function javaString(n: SyntaxNode | undefined): string | undefined {
  const s = unparen(n);
  if (s?.type !== 'string_literal') return undefined;
  return s.children
    .filter((c) => c.type === 'string_fragment' || c.type === 'escape_sequence' || c.type === 'multiline_string_fragment')
    .map((c) => (c.type === 'escape_sequence' ? c.text.replace(/^\\n$/, '\n') : c.text))
    .join('');
}

/** The literal text an expression starts with: a string or the left end of a `"a/" + b` concatenation. */
export function javaStringHead(n: SyntaxNode | undefined): string | undefined {
  let cur = unparen(n);
  while (cur?.type === 'binary_expression' && cur.children.some((c) => !c.named && c.type === '+')) cur = unparen(cur.get('left'));
  return javaString(cur);
}

export function callArgs(call: SyntaxNode): SyntaxNode[] {
  return call.get('arguments')?.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'line_comment' && c.type !== 'block_comment') ?? [];
}

/** The operator token of a binary, assignment or unary expression. */
export function operatorOf(n: SyntaxNode): string | undefined {
  return n.children.find((c) => !c.named && c.field === 'operator')?.type ?? n.children.find((c) => !c.named)?.type;
}

/** True when the simple name `name` resolves to a type of package `pkg` (an explicit or a wildcard import, or this package). */
export function importsType(info: JavaModuleInfo, name: string, pkg: string): boolean {
  const fqn = info.imports.get(name);
  if (fqn) return fqn === `${pkg}.${name}`;
  return info.wildcards.includes(pkg) || info.packageName === pkg;
}

/** True when any import (single-type, wildcard or static) is in one of the packages. */
export function importsPackage(info: JavaModuleInfo, prefix: RegExp): boolean {
  for (const f of info.imports.values()) if (prefix.test(f)) return true;
  for (const w of info.wildcards) if (prefix.test(`${w}.`)) return true;
  for (const f of info.staticImports.values()) if (prefix.test(f)) return true;
  return false;
}

/**
 * What produced a value, by simple names: a constructor (`new HashMap<>()` → `HashMap`), a static factory
 * (`Executors.newFixedThreadPool(2)` → `Executors.newFixedThreadPool`), a variable's declared type, and
 * `<type>.<method>` for calls on those.
 */
export function typeOfExpr(n: SyntaxNode | undefined, info: JavaModuleInfo, depth = 0): string | undefined {
  const x = unparen(n);
  if (!x || depth > 8) return undefined;
  switch (x.type) {
    case 'identifier':
      return info.types.get(x.text);
    case 'field_access':
      return x.get('object')?.type === 'this' ? info.types.get(x.get('field')?.text ?? '') : undefined;
    case 'object_creation_expression':
      return simpleType(x.get('type'));
    case 'cast_expression':
      return simpleType(x.get('type'));
    case 'method_invocation': {
      const obj = x.get('object');
      const name = x.get('name')?.text ?? '';
      if (!obj) return info.staticImports.get(name);
      // `Executors.newFixedThreadPool` — a type name, not a variable.
      if (obj.type === 'identifier' && !info.types.has(obj.text) && /^[A-Z]/.test(obj.text)) return `${obj.text}.${name}`;
      if (obj.type === 'scoped_identifier' || obj.type === 'field_access') {
        const simple = simpleType(obj) ?? '';
        if (/^[A-Z]/.test(simple) && obj.get('object')?.type !== 'this') return `${simple}.${name}`;
      }
      const base = typeOfExpr(obj, info, depth + 1);
      return base ? `${base}.${name}` : undefined;
    }
    default:
      return undefined;
  }
}

function declaredType(t: SyntaxNode | undefined, value: SyntaxNode | undefined, info: JavaModuleInfo): string | undefined {
  const s = simpleType(t);
  if (s && s !== 'var') return s;
  return typeOfExpr(value, info);
}

export function collectJavaModuleInfo(root: SyntaxNode): JavaModuleInfo {
  const info: JavaModuleInfo = { packageName: '', imports: new Map(), wildcards: [], staticImports: new Map(), types: new Map(), classes: [] };
  for (const top of root.namedChildren) {
    if (top.type === 'package_declaration') info.packageName = dotted(top.namedChildren.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier'));
    else if (top.type === 'import_declaration') {
      const path = dotted(top.namedChildren.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier'));
      const isStatic = top.hasToken('static');
      const star = top.namedChildren.some((c) => c.type === 'asterisk');
      if (!path) continue;
      if (star) {
        if (!isStatic) info.wildcards.push(path);
      } else if (isStatic) {
        const parts = path.split('.');
        info.staticImports.set(parts[parts.length - 1], parts.slice(-2).join('.'));
      } else info.imports.set(path.slice(path.lastIndexOf('.') + 1), path);
    }
  }
  for (const n of nodesOfTypes(root, MODULE_NODES)) {
    if (n.type === 'class_declaration' || n.type === 'enum_declaration' || n.type === 'record_declaration' || n.type === 'interface_declaration')
      info.classes.push(n);
    if (n.type === 'field_declaration' || n.type === 'local_variable_declaration') {
      for (const d of n.all('declarator')) {
        const name = d.get('name')?.text;
        const t = declaredType(n.get('type'), d.get('value'), info);
        if (name && t && !info.types.has(name)) info.types.set(name, t);
      }
    } else if (n.type === 'formal_parameter' || n.type === 'catch_formal_parameter' || n.type === 'enhanced_for_statement') {
      const name = n.get('name')?.text;
      const t = simpleType(n.get('type') ?? n.namedChildren.find((c) => c.type === 'catch_type')?.namedChildren[0]);
      if (name && t && !info.types.has(name)) info.types.set(name, t);
    }
  }
  return info;
}

/** Type names a class extends or implements (simple names, generics dropped). */
export function supertypes(cls: SyntaxNode): string[] {
  const out: string[] = [];
  const sup = cls.get('superclass')?.namedChildren[0];
  if (sup) out.push(simpleType(sup) ?? '');
  const ifaces = cls.get('interfaces')?.namedChildren.find((c) => c.type === 'type_list')?.namedChildren ?? [];
  for (const i of ifaces) out.push(simpleType(i) ?? '');
  return out.filter(Boolean);
}

/** Annotation names on a declaration (`@GetMapping("/x")` → `GetMapping`). */
export function annotationsOf(decl: SyntaxNode): SyntaxNode[] {
  const mods = decl.namedChildren.find((c) => c.type === 'modifiers');
  return mods?.namedChildren.filter((c) => c.type === 'annotation' || c.type === 'marker_annotation') ?? [];
}

export function annotationName(a: SyntaxNode): string {
  return simpleType(a.get('name')) ?? '';
}

export function hasModifier(decl: SyntaxNode, modifier: string): boolean {
  const mods = decl.namedChildren.find((c) => c.type === 'modifiers');
  return !!mods?.children.some((c) => c.type === modifier);
}

/** The interfaces of aws-lambda-java-core a handler class implements. */
export const LAMBDA_HANDLER_INTERFACES: readonly string[] = ['RequestHandler', 'RequestStreamHandler'];

/** Classes whose instance the Lambda runtime creates once per environment and calls for every event. */
export function isLambdaHandlerClass(cls: SyntaxNode, info: JavaModuleInfo): boolean {
  return supertypes(cls).some((s) => LAMBDA_HANDLER_INTERFACES.includes(s) && importsType(info, s, LAMBDA_RUNTIME_PKG));
}

/** Methods Lambda invokes: `handleRequest` of a handler class, or any method taking the Lambda `Context`. */
function isLambdaHandlerMethod(m: SyntaxNode, info: JavaModuleInfo): boolean {
  if (m.type !== 'method_declaration') return false;
  const cls = enclosingClass(m);
  if (cls && isLambdaHandlerClass(cls, info) && m.get('name')?.text === 'handleRequest') return true;
  const params = m.get('parameters')?.namedChildren.filter((p) => p.type === 'formal_parameter') ?? [];
  const last = simpleType(params[params.length - 1]?.get('type'));
  return last === 'Context' && importsType(info, 'Context', LAMBDA_RUNTIME_PKG) && params.length >= 2;
}

export function enclosingClass(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'class_declaration' || p.type === 'enum_declaration' || p.type === 'record_declaration') return p;
  return undefined;
}

const MAPPING_ANNOTATIONS = new Set([
  'GetMapping',
  'PostMapping',
  'PutMapping',
  'DeleteMapping',
  'PatchMapping',
  'RequestMapping',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'Get',
  'Post',
  'Put',
  'Delete',
  'Patch',
  'MessageMapping',
]);

/**
 * Methods that serve one request: Lambda handler methods, Spring MVC/WebFlux, JAX-RS and Micronaut endpoint methods,
 * servlet `doGet`/`doPost`…, and unary gRPC methods (`(Req, StreamObserver<Res>)` on an `…ImplBase` subclass).
 */
export function isRequestMethod(m: SyntaxNode, info: JavaModuleInfo): boolean {
  if (m.type !== 'method_declaration') return false;
  if (isLambdaHandlerMethod(m, info)) return true;
  if (annotationsOf(m).some((a) => MAPPING_ANNOTATIONS.has(annotationName(a)))) return true;
  const name = m.get('name')?.text ?? '';
  const cls = enclosingClass(m);
  const supers = cls ? supertypes(cls) : [];
  if (/^do(Get|Post|Put|Delete|Patch)$/.test(name) && supers.some((s) => /Servlet$/.test(s))) return true;
  const params = m.get('parameters')?.namedChildren.filter((p) => p.type === 'formal_parameter') ?? [];
  return supers.some((s) => /ImplBase$/.test(s)) && params.length === 2 && simpleType(params[1].get('type')) === 'StreamObserver';
}

/** The method, constructor or initializer a node is in. */
export function enclosingMethod(ancestors: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const t = ancestors[i].type;
    if (t === 'method_declaration' || t === 'constructor_declaration' || t === 'static_initializer' || t === 'compact_constructor_declaration')
      return ancestors[i];
    if (t === 'class_body') return undefined;
  }
  return undefined;
}

/** `System.getenv("X")` → X. */
export function envRead(n: SyntaxNode | undefined, info: JavaModuleInfo): string | undefined {
  const x = unparen(n);
  if (x?.type !== 'method_invocation' || x.get('name')?.text !== 'getenv') return undefined;
  const obj = x.get('object');
  if (obj ? obj.text !== 'System' : info.staticImports.get('getenv') !== 'System.getenv') return undefined;
  return javaString(callArgs(x)[0]);
}

type Where = 'lambda' | 'local' | undefined;
const invert = (w: Where): Where => (w === 'lambda' ? 'local' : w === 'local' ? 'lambda' : undefined);

/** 'local' when a condition holds only off Lambda (`System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null`). */
function classifyJavaGuard(cond: SyntaxNode | undefined, info: JavaModuleInfo, depth = 0): Where {
  const c = unparen(cond);
  if (!c || depth > 4) return undefined;
  if (c.type === 'unary_expression' && operatorOf(c) === '!') return invert(classifyJavaGuard(c.get('operand'), info, depth + 1));
  if (c.type !== 'binary_expression') return undefined;
  const op = operatorOf(c);
  if (op === '&&') return classifyJavaGuard(c.get('left'), info, depth + 1) ?? classifyJavaGuard(c.get('right'), info, depth + 1);
  if (op !== '==' && op !== '!=') return undefined;
  const [l, r] = [c.get('left'), c.get('right')];
  const env = envRead(l, info) ?? envRead(r, info);
  const other = envRead(l, info) ? r : l;
  if (!env || !ON_LAMBDA_ENV.has(env) || unparen(other)?.type !== 'null_literal') return undefined;
  return op === '==' ? 'local' : 'lambda';
}

export function isJavaLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[], info: JavaModuleInfo): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'if_statement' && (child.field === 'consequence' || child.field === 'alternative')) {
      const w = classifyJavaGuard(a.get('condition'), info);
      if ((w === 'local' && child.field === 'consequence') || (w === 'lambda' && child.field === 'alternative')) return true;
    }
    child = a;
  }
  return false;
}

/** Test sources are deployed nowhere. */
export function isJavaTestFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  return /(^|\/)src\/(test|it|integrationTest)\//.test(f) || /(^|\/)tests?\//.test(f) || /(Test|Tests|IT|TestCase)\.java$/.test(f);
}

const JAVA_LANG = [
  'String',
  'Object',
  'Integer',
  'Long',
  'Boolean',
  'Double',
  'Float',
  'Short',
  'Byte',
  'Character',
  'Void',
  'Number',
  'Math',
  'System',
  'Thread',
  'Runnable',
  'Exception',
  'RuntimeException',
  'Error',
  'Throwable',
  'Override',
  'Deprecated',
  'Class',
  'Iterable',
  'StringBuilder',
  'Enum',
  'Record',
];

/**
 * Files of this project the class uses, as paths relative to its folder: imported classes of the same source root
 * (`com.example.util.Json` from `com/example/api/Handler.java` → `../util/Json.java`) and capitalised names of the same
 * package (`./Order.java`); the join keeps those that exist.
 */
export function projectImports(root: SyntaxNode, info: JavaModuleInfo): string[] {
  const own = info.packageName.split('.').filter(Boolean);
  const out = new Set<string>();
  const rel = (fqn: string) => {
    const parts = fqn.split('.');
    let common = 0;
    while (common < own.length && common < parts.length - 1 && own[common] === parts[common]) common++;
    // Only classes that share the top-level package (the project's own code), not libraries.
    if (common === 0 || own.length === 0) return;
    const up = own.length - common;
    out.add(`${up === 0 ? './' : '../'.repeat(up)}${parts.slice(common).join('/')}.java`);
  };
  for (const fqn of info.imports.values()) rel(fqn);
  const imported = new Set([...info.imports.keys(), ...JAVA_LANG]);
  for (const n of nodesOfTypes(root, ['type_identifier', 'method_invocation'])) {
    if (out.size > 200) break;
    const name = n.type === 'type_identifier' ? n.text : n.get('object')?.type === 'identifier' ? n.get('object')!.text : undefined;
    if (name && /^[A-Z]\w*$/.test(name) && !imported.has(name) && !info.types.has(name)) out.add(`./${name}.java`);
  }
  return [...out];
}
