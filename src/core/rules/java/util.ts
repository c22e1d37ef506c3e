import { forEachOutside, type SyntaxNode } from '../../parsers/treesitter';
import type { JavaRuleContext } from './types';

export function range(n: SyntaxNode): [number, number] {
  return [n.start, n.end];
}

const CALLS = ['method_invocation', 'object_creation_expression'];

/** Visits every method call and object creation outside off-Lambda branches. */
export function forEachCall(ctx: JavaRuleContext, visit: (call: SyntaxNode, ancestors: readonly SyntaxNode[]) => void): void {
  // From the type index, in the order a walk meets them. A walk skipping an off-Lambda call's subtree skips only calls
  // that are off-Lambda themselves (a node inside an off-Lambda branch is inside it too), so none is skipped here.
  // The list is made once per file (forEachOutside): most of the file's rules go through its calls.
  forEachOutside(ctx.root, CALLS, ctx.isLocalOnly, visit);
}

/** `Foo.bar(...)` / `x.bar(...)` → `bar`. */
export function methodName(call: SyntaxNode): string | undefined {
  return call.type === 'method_invocation' ? call.get('name')?.text : undefined;
}

/** Short source text of an expression: `new Thread(...)`, `Executors.newFixedThreadPool(...)`, `this.pool`. */
function exprLabel(n: SyntaxNode | undefined, depth = 0): string {
  if (!n) return '';
  if (n.type === 'object_creation_expression') return `new ${(n.get('type')?.text ?? '').replace(/<.*>$/s, '')}(...)`;
  if (n.type === 'method_invocation') {
    const obj = n.get('object');
    const recv = obj && depth < 3 ? exprLabel(obj, depth + 1) : obj ? '…' : '';
    return `${recv}${recv ? '.' : ''}${n.get('name')?.text ?? ''}(...)`;
  }
  const text = n.text.replace(/\s+/g, ' ');
  return text.length > 40 ? '…' : text;
}

/** The callee as written, for messages: `` `Executors.newScheduledThreadPool(...)` ``, `` `new Thread(...)` ``. */
export function callLabel(call: SyntaxNode): string {
  return `\`${exprLabel(call)}\``;
}

/** The name of the method or constructor around a node, for messages. */
export function methodLabel(m: SyntaxNode | undefined): string {
  return m?.get('name')?.text ?? (m?.type === 'static_initializer' ? 'static initializer' : '?');
}
