// What a Go file imports, declares and binds, so rules match calls by their import path whatever the local names
// (`http.ListenAndServe` → `net/http.ListenAndServe`, `s := grpc.NewServer(); s.Serve(l)` → `google.golang.org/grpc.NewServer.Serve`).
import { nodesOfType, nodesOfTypes, walk, type SyntaxNode } from '../parsers/treesitter';
import { ON_LAMBDA_ENV } from '../langs/common';
import type { FileFacts } from '../types';

export interface GoModuleInfo {
  packageName: string;
  /** Local package name → import path: `http` → `net/http`, `lambda` → `github.com/aws/aws-lambda-go/lambda`. */
  imports: Map<string, string>;
  /** Every import path, blank and dot imports included. */
  paths: Set<string>;
  /** Variable → what produced it: `srv` → `net/http.Server`, `s` → `google.golang.org/grpc.NewServer`. */
  instances: Map<string, string>;
  /** Package-level functions (not methods) by name. */
  functions: Map<string, SyntaxNode>;
}

export interface GoHandler {
  /** The function's name, or `func literal`. */
  name: string;
  /** The function_declaration, method_declaration or func_literal. */
  node: SyntaxNode;
}

const LAMBDA_PKG = 'github.com/aws/aws-lambda-go/lambda';
/** The functions that hand a handler to Lambda's Runtime API. */
export const LAMBDA_START = new Set(
  ['Start', 'StartWithOptions', 'StartWithContext', 'StartHandler', 'StartHandlerWithContext', 'StartHandlerFunc'].map((f) => `${LAMBDA_PKG}.${f}`),
);

/** The name a package is used under when imported without one: the last path element, without a major version. */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last
    .replace(/\.v\d+$/, '')
    .replace(/^go-/, '')
    .replace(/[.-]go$/, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
}

/** The value of a Go string literal (interpreted or raw); undefined for anything else. */
export function goString(n: SyntaxNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'raw_string_literal') return n.text.slice(1, -1);
  if (n.type !== 'interpreted_string_literal') return undefined;
  try {
    return JSON.parse(n.text) as string;
  } catch {
    return n.text.slice(1, -1);
  }
}

/** The literal text an expression starts with: a string, or the left end of a `"a" + b` concatenation. */
export function goStringHead(n: SyntaxNode | undefined): string | undefined {
  let cur = unparen(n);
  while (cur?.type === 'binary_expression' && operatorOf(cur) === '+') cur = unparen(cur.get('left'));
  return goString(cur);
}

export function unparen(n: SyntaxNode | undefined): SyntaxNode | undefined {
  let cur = n;
  while (cur?.type === 'parenthesized_expression') cur = cur.namedChildren[0];
  return cur;
}

/** The operator token of a binary or assignment expression (`==`, `+`, `+=`). */
export function operatorOf(n: SyntaxNode): string | undefined {
  return n.children.find((c) => !c.named && c.field === 'operator')?.type ?? n.children.find((c) => !c.named)?.type;
}

/** Arguments of a call, in order. */
export function callArgs(call: SyntaxNode): SyntaxNode[] {
  return call.get('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
}

/** Import path + name of a selector or qualified type whose package is imported: `http.Server` → `net/http.Server`. */
export function qualifiedName(n: SyntaxNode | undefined, info: GoModuleInfo): string | undefined {
  const x = unparen(n);
  if (!x) return undefined;
  if (x.type === 'selector_expression') {
    const op = x.get('operand');
    const field = x.get('field')?.text;
    if (op?.type === 'identifier' && field && !info.instances.has(op.text)) {
      const path = info.imports.get(op.text);
      if (path) return `${path}.${field}`;
    }
    return undefined;
  }
  if (x.type === 'qualified_type') {
    const path = info.imports.get(x.get('package')?.text ?? '');
    const name = x.get('name')?.text;
    return path && name ? `${path}.${name}` : undefined;
  }
  if (x.type === 'pointer_type' || x.type === 'generic_type') return qualifiedName(x.namedChildren[0], info);
  return undefined;
}

/**
 * What produced a value: a call's callee (`grpc.NewServer()` → `google.golang.org/grpc.NewServer`), a composite
 * literal's type (`&http.Server{}` → `net/http.Server`), a variable's origin; `<type>.<method>` for method results.
 */
export function typeOfExpr(n: SyntaxNode | undefined, info: GoModuleInfo, depth = 0): string | undefined {
  const x = unparen(n);
  if (!x || depth > 8) return undefined;
  switch (x.type) {
    case 'identifier':
      return info.instances.get(x.text);
    case 'unary_expression':
      return operatorOf(x) === '&' ? typeOfExpr(x.get('operand'), info, depth + 1) : undefined;
    case 'composite_literal':
      return qualifiedName(x.get('type'), info);
    case 'call_expression': {
      const fn = x.get('function');
      return qualifiedName(fn, info) ?? typeOfExpr(fn, info, depth + 1);
    }
    case 'selector_expression': {
      const q = qualifiedName(x, info);
      if (q) return q;
      const base = typeOfExpr(x.get('operand'), info, depth + 1);
      return base ? `${base}.${x.get('field')?.text ?? ''}` : undefined;
    }
    default:
      return undefined;
  }
}

function typeName(t: SyntaxNode | undefined, info: GoModuleInfo): string | undefined {
  if (!t) return undefined;
  return qualifiedName(t, info) ?? (t.type === 'pointer_type' ? t.namedChildren[0]?.text : t.type === 'type_identifier' ? t.text : undefined);
}

export function collectGoModuleInfo(root: SyntaxNode): GoModuleInfo {
  const info: GoModuleInfo = { packageName: '', imports: new Map(), paths: new Set(), instances: new Map(), functions: new Map() };
  for (const top of root.namedChildren) {
    if (top.type === 'package_clause') info.packageName = top.namedChildren[0]?.text ?? '';
    else if (top.type === 'import_declaration') {
      walk(top, (n) => {
        if (n.type !== 'import_spec') return;
        const path = goString(n.get('path'));
        if (!path) return 'skip';
        info.paths.add(path);
        const name = n.get('name');
        if (!name) info.imports.set(defaultPackageName(path), path);
        else if (name.type === 'package_identifier') info.imports.set(name.text, path);
        return 'skip';
      });
    } else if (top.type === 'function_declaration') {
      const name = top.get('name')?.text;
      if (name) info.functions.set(name, top);
    }
  }
  for (const n of nodesOfTypes(root, ['short_var_declaration', 'assignment_statement', 'var_spec', 'parameter_declaration'])) {
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement') {
      const left = n.get('left')?.namedChildren ?? [];
      const right = n.get('right')?.namedChildren ?? [];
      if (left.length === right.length) {
        left.forEach((l, i) => {
          if (l.type !== 'identifier') return;
          const t = typeOfExpr(right[i], info);
          if (t) info.instances.set(l.text, t);
        });
      } else if (right.length === 1 && left[0]?.type === 'identifier') {
        // `lis, err := net.Listen(...)`: the first result is the value.
        const t = typeOfExpr(right[0], info);
        if (t) info.instances.set(left[0].text, t);
      }
    } else if (n.type === 'var_spec') {
      const names = n.all('name');
      const values = n.get('value')?.namedChildren ?? [];
      const declared = typeName(n.get('type'), info);
      names.forEach((id, i) => {
        const t = declared ?? typeOfExpr(values[i], info);
        if (t) info.instances.set(id.text, t);
      });
    } else if (n.type === 'parameter_declaration') {
      const t = typeName(n.get('type'), info);
      if (t) for (const id of n.all('name')) if (!info.instances.has(id.text)) info.instances.set(id.text, t);
    }
  }
  return info;
}

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The innermost function (declaration, method or literal) around a node. */
export function enclosingFunction(ancestors: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (FUNCTION_TYPES.has(ancestors[i].type)) return ancestors[i];
  return undefined;
}

/** The declared function or method a node is in (not a literal inside it). */
export function topFunction(ancestors: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (const a of ancestors) if (a.type === 'function_declaration' || a.type === 'method_declaration') return a;
  return undefined;
}

/** Functions handed to `lambda.Start` (and its variants): the Lambda entries of this file. */
export function findGoHandlers(root: SyntaxNode, info: GoModuleInfo): { handlers: GoHandler[]; startCalls: SyntaxNode[] } {
  const handlers: GoHandler[] = [];
  const startCalls: SyntaxNode[] = [];
  const methods = new Map<string, SyntaxNode>();
  for (const top of root.namedChildren) if (top.type === 'method_declaration') methods.set(top.get('name')?.text ?? '', top);
  for (const n of nodesOfType(root, 'call_expression')) {
    const q = qualifiedName(n.get('function'), info);
    if (!q || !LAMBDA_START.has(q)) continue;
    startCalls.push(n);
    const args = callArgs(n);
    const h = q.endsWith('WithContext') && args.length > 1 ? args[1] : args[0];
    if (h?.type === 'identifier') {
      const fn = info.functions.get(h.text);
      if (fn) handlers.push({ name: h.text, node: fn });
    } else if (h?.type === 'selector_expression') {
      const m = methods.get(h.get('field')?.text ?? '');
      if (m) handlers.push({ name: h.get('field')!.text, node: m });
    } else if (h?.type === 'func_literal') handlers.push({ name: 'func literal', node: h });
  }
  return { handlers, startCalls };
}

/**
 * Functions that serve one request: Lambda handlers, net/http handlers (a `*http.Request` parameter) and gRPC unary
 * methods (`(ctx context.Context, req *pb.X) (*pb.Y, error)`). Work they leave running outlives the request.
 */
export function isRequestFunction(fn: SyntaxNode, info: GoModuleInfo, handlers: readonly GoHandler[]): boolean {
  if (handlers.some((h) => h.node === fn)) return true;
  const params = fn.get('parameters')?.namedChildren.filter((p) => p.type === 'parameter_declaration') ?? [];
  const types = params.map((p) => typeName(p.get('type'), info));
  if (types.includes('net/http.Request')) return true;
  if (fn.type === 'method_declaration' && types.length === 2 && types[0] === 'context.Context') {
    const req = params[1].get('type');
    const result = fn.get('result');
    return req?.type === 'pointer_type' && req.namedChildren[0]?.type === 'qualified_type' && (result?.text.replace(/\s+/g, '') ?? '').endsWith(',error)');
  }
  return false;
}

/** `os.Getenv("X")` / `os.LookupEnv("X")` → X. */
export function envRead(n: SyntaxNode | undefined, info: GoModuleInfo): { name: string; lookup: boolean } | undefined {
  const x = unparen(n);
  if (x?.type !== 'call_expression') return undefined;
  const q = qualifiedName(x.get('function'), info);
  if (q !== 'os.Getenv' && q !== 'os.LookupEnv') return undefined;
  const name = goString(callArgs(x)[0]);
  return name ? { name, lookup: q === 'os.LookupEnv' } : undefined;
}

type Where = 'lambda' | 'local' | undefined;
const invert = (w: Where): Where => (w === 'lambda' ? 'local' : w === 'local' ? 'lambda' : undefined);

/** Local flags: `onLambda := os.Getenv("AWS_LAMBDA_FUNCTION_NAME") != ""`, `_, ok := os.LookupEnv("LAMBDA_TASK_ROOT")`. */
function flagsOf(scope: SyntaxNode, info: GoModuleInfo): Map<string, Where> {
  const flags = new Map<string, Where>();
  for (const n of nodesOfTypes(scope, FLAG_DECLARATIONS)) {
    const left = n.type === 'var_spec' ? n.all('name') : (n.get('left')?.namedChildren ?? []);
    const right = n.type === 'var_spec' ? (n.get('value')?.namedChildren ?? []) : (n.get('right')?.namedChildren ?? []);
    if (right.length !== 1) continue;
    const env = envRead(right[0], info);
    if (env?.lookup && left.length === 2 && ON_LAMBDA_ENV.has(env.name)) flags.set(left[1].text, 'lambda');
    else if (left.length === 1) {
      const w = classifyGoGuard(right[0], info);
      if (w) flags.set(left[0].text, w);
    }
  }
  return flags;
}

const FLAG_DECLARATIONS = ['short_var_declaration', 'var_spec'];

/** 'local' when a condition holds only off Lambda (`os.Getenv("AWS_LAMBDA_FUNCTION_NAME") == ""`), 'lambda' when only on it. */
function classifyGoGuard(cond: SyntaxNode | undefined, info: GoModuleInfo, flags?: Map<string, Where>, depth = 0): Where {
  const c = unparen(cond);
  if (!c || depth > 4) return undefined;
  if (c.type === 'identifier') return flags?.get(c.text);
  if (c.type === 'unary_expression' && operatorOf(c) === '!') return invert(classifyGoGuard(c.get('operand'), info, flags, depth + 1));
  if (c.type === 'binary_expression') {
    const op = operatorOf(c);
    if (op === '&&') return classifyGoGuard(c.get('left'), info, flags, depth + 1) ?? classifyGoGuard(c.get('right'), info, flags, depth + 1);
    if (op !== '==' && op !== '!=') return undefined;
    const [l, r] = [c.get('left'), c.get('right')];
    const env = envRead(l, info) ?? envRead(r, info);
    const other = envRead(l, info) ? r : l;
    if (!env || !ON_LAMBDA_ENV.has(env.name) || goString(other) !== '') return undefined;
    return op === '==' ? 'local' : 'lambda';
  }
  return undefined;
}

const flagCache = new WeakMap<SyntaxNode, Map<string, Where>>();

/** True when the node runs only off Lambda: the local branch of an on-Lambda check. */
export function isGoLocalOnly(node: SyntaxNode, ancestors: readonly SyntaxNode[], info: GoModuleInfo, root: SyntaxNode): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'if_statement' && (child.field === 'consequence' || child.field === 'alternative')) {
      // The file's flags, found once per file (rules ask this for every call).
      let flags = flagCache.get(root);
      if (!flags) flagCache.set(root, (flags = flagsOf(root, info)));
      const w = classifyGoGuard(a.get('condition'), info, flags);
      if ((w === 'local' && child.field === 'consequence') || (w === 'lambda' && child.field === 'alternative')) return true;
    }
    child = a;
  }
  return false;
}

/** Test files, generated protobuf code and test data are deployed nowhere (or not written by hand). */
export function isGoTestFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  return /_test\.go$/.test(f) || /\.pb(\.gw)?\.go$/.test(f) || /(^|\/)(testdata|mocks?)\//.test(f);
}

/** The receiver's type name of a method: `(h *Handler)`, `(s Store[T])` → `Handler`, `Store`. */
function receiverType(method: SyntaxNode): string | undefined {
  const param = method.get('receiver')?.namedChildren.find((c) => c.type === 'parameter_declaration');
  let t = param?.get('type');
  while (t && (t.type === 'pointer_type' || t.type === 'generic_type' || t.type === 'parenthesized_type'))
    t = t.type === 'generic_type' ? t.get('type') : t.namedChildren[0];
  return t?.type === 'type_identifier' ? t.text : undefined;
}

/** What the join needs to take from a package only the files an importer uses (FileFacts.goSymbols). */
export function goSymbols(root: SyntaxNode, info: GoModuleInfo): NonNullable<NonNullable<FileFacts['goSymbols']>> {
  const declares = new Set<string>();
  let runsOnImport = false;
  for (const decl of root.namedChildren) {
    if (decl.type === 'function_declaration') {
      const name = decl.get('name')?.text;
      if (name === 'init') runsOnImport = true;
      else if (name) declares.add(name);
    } else if (decl.type === 'method_declaration') {
      const t = receiverType(decl);
      if (t) declares.add(t);
    } else if (decl.type === 'type_declaration') {
      for (const spec of decl.namedChildren) if (spec.type === 'type_spec' || spec.type === 'type_alias') declares.add(spec.get('name')?.text ?? '');
    } else if (decl.type === 'var_declaration' || decl.type === 'const_declaration') {
      for (const spec of nodesOfTypes(decl, ['var_spec', 'const_spec'])) {
        for (const n of spec.all('name')) declares.add(n.text);
        // `var client = newClient()` runs when the package is loaded.
        if (decl.type === 'var_declaration' && nodesOfType(spec, 'call_expression').length) runsOnImport = true;
      }
    }
  }
  declares.delete('');
  const uses = new Set<string>();
  const qualified = new Map<string, Set<string>>();
  const byAlias = (alias: string, name: string) => {
    const path = info.imports.get(alias);
    if (!path) return;
    let set = qualified.get(path);
    if (!set) qualified.set(path, (set = new Set()));
    set.add(name);
  };
  for (const n of nodesOfTypes(root, ['identifier', 'type_identifier', 'selector_expression', 'qualified_type'])) {
    if (n.type === 'identifier' || n.type === 'type_identifier') uses.add(n.text);
    else if (n.type === 'selector_expression') {
      const operand = n.get('operand');
      const field = n.get('field');
      if (operand?.type === 'identifier' && field) byAlias(operand.text, field.text);
    } else {
      const pkg = n.get('package');
      const name = n.get('name');
      if (pkg && name) byAlias(pkg.text, name.text);
    }
  }
  return {
    declares: [...declares],
    uses: [...uses],
    qualified: Object.fromEntries([...qualified].map(([k, v]) => [k, [...v]])),
    ...(runsOnImport ? { runsOnImport: true as const } : {}),
  };
}
