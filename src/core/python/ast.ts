import type { PyNode } from '../parsers/python';

export type { PyNode };
export { walk } from '../parsers/treesitter';

export function unparen(n: PyNode | undefined): PyNode | undefined {
  let cur = n;
  while (cur && cur.type === 'parenthesized_expression') cur = cur.namedChildren[0];
  return cur;
}

/** The prefix letters of a string literal, lower-cased (`f`, `rb`, …). */
export function stringPrefix(n: PyNode): string {
  const start = n.children.find((c) => c.type === 'string_start');
  return (start?.text ?? '').replace(/["']/g, '').toLowerCase();
}

/** The value of a plain (non-f) string literal or a concatenation of them; undefined otherwise. */
export function stringValue(node: PyNode | undefined): string | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const part of n.namedChildren) {
      const v = stringValue(part);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (n.type !== 'string' || stringPrefix(n).includes('f')) return undefined;
  return n.children
    .filter((c) => c.type === 'string_content' || c.type === 'escape_sequence')
    .map((c) => c.text)
    .join('');
}

/** The literal text a string (f-strings included) starts with, before any interpolation. */
export function stringHead(node: PyNode | undefined): string | undefined {
  let n = unparen(node);
  if (n?.type === 'concatenated_string') n = n.namedChildren[0];
  if (!n || n.type !== 'string') return undefined;
  let out = '';
  for (const c of n.children) {
    if (c.type === 'interpolation') break;
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
  }
  return out;
}

/** Numbers, including simple constant arithmetic such as `60 * 60`. */
export function numberValue(node: PyNode | undefined): number | undefined {
  const n = unparen(node);
  if (!n) return undefined;
  if (n.type === 'integer' || n.type === 'float') {
    const v = Number(n.text.replace(/_/g, ''));
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'unary_operator' && n.hasToken('-')) {
    const v = numberValue(n.get('argument'));
    return v === undefined ? undefined : -v;
  }
  if (n.type === 'binary_operator') {
    const a = numberValue(n.get('left'));
    const b = numberValue(n.get('right'));
    const op = n.get('operator')?.type;
    if (a === undefined || b === undefined) return undefined;
    if (op === '*') return a * b;
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (op === '/' && b !== 0) return a / b;
  }
  return undefined;
}

export interface CallArgs {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*args` / `**kwargs` present: argument positions are unknown. */
  spread: boolean;
}

export function callArgs(call: PyNode): CallArgs {
  const out: CallArgs = { positional: [], keywords: new Map(), spread: false };
  const list = call.get('arguments');
  if (!list) return out;
  for (const a of list.namedChildren) {
    if (a.type === 'keyword_argument') {
      const name = a.get('name')?.text;
      const value = a.get('value');
      if (name && value) out.keywords.set(name, value);
    } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') out.spread = true;
    else if (a.type !== 'comment') out.positional.push(a);
  }
  return out;
}

/** Argument `index` or keyword `name`, whichever the call used. */
export function argument(call: PyNode, index: number, name?: string): PyNode | undefined {
  const a = callArgs(call);
  return (name ? a.keywords.get(name) : undefined) ?? a.positional[index];
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

/** The innermost function around the node, if any. */
export function enclosingFunction(ancestors: readonly PyNode[]): PyNode | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (FUNCTION_TYPES.has(ancestors[i].type)) return ancestors[i];
  return undefined;
}

/** The identifier an expression's value is bound to: `x = <expr>`, `x: T = <expr>`, `with <expr> as x`. */
export function boundName(node: PyNode): string | undefined {
  let n = node;
  let p = n.parent;
  while (p && (p.type === 'parenthesized_expression' || p.type === 'await')) {
    n = p;
    p = p.parent;
  }
  if (!p) return undefined;
  if (p.type === 'assignment' && n.field === 'right') {
    const left = p.get('left');
    return left && (left.type === 'identifier' || left.type === 'attribute') ? left.text : undefined;
  }
  if (p.type === 'as_pattern' && n === p.namedChildren[0]) {
    const target = p.get('alias')?.namedChildren[0];
    return target?.type === 'identifier' ? target.text : undefined;
  }
  return undefined;
}

/** Parameter names of a function definition, in order (`self`/`cls` included). */
export function parameterNames(fn: PyNode): string[] {
  const params = fn.get('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of params.namedChildren) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = p.namedChildren.find((c) => c.type === 'identifier');
      if (id) out.push(id.text);
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const id = p.get('name');
      if (id) out.push(id.text);
    }
  }
  return out;
}
