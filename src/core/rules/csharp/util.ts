import { forEachOutside, type SyntaxNode } from '../../parsers/treesitter';
import { simpleType } from '../../csharp/module';
import type { CsRuleContext } from './types';

export function range(n: SyntaxNode): [number, number] {
  return [n.start, n.end];
}

const CALLS = ['invocation_expression', 'object_creation_expression'];

/** Visits every invocation and object creation outside off-Lambda code. */
export function forEachCall(ctx: CsRuleContext, visit: (call: SyntaxNode, ancestors: readonly SyntaxNode[]) => void): void {
  // From the type index, in the order a walk meets them. A walk skipping an off-Lambda call's subtree skips only calls
  // that are off-Lambda themselves (a node inside an off-Lambda branch is inside it too), so none is skipped here.
  // The list is made once per file (forEachOutside): most of the file's rules go through its calls.
  forEachOutside(ctx.root, CALLS, ctx.isLocalOnly, visit);
}

/** Short source text of an expression, for messages: `app.Run(...)`, `new Timer(...)`, `Task.Run(...)`. */
function exprLabel(n: SyntaxNode | undefined, depth = 0): string {
  if (!n) return '';
  if (n.type === 'object_creation_expression') return `new ${simpleType(n.get('type')) ?? ''}(...)`;
  if (n.type === 'invocation_expression') {
    const fn = n.get('function');
    if (fn?.type === 'member_access_expression') {
      const obj = fn.get('expression');
      const recv = obj && depth < 3 ? exprLabel(obj, depth + 1) : '…';
      return `${recv}.${simpleType(fn.get('name')) ?? ''}(...)`;
    }
    return `${simpleType(fn) ?? ''}(...)`;
  }
  const text = n.text.replace(/\s+/g, ' ');
  return text.length > 40 ? '…' : text;
}

export function callLabel(call: SyntaxNode): string {
  return `\`${exprLabel(call)}\``;
}

export function memberLabel(m: SyntaxNode | undefined): string {
  if (!m) return '?';
  if (m.type === 'lambda_expression') {
    // The minimal-API route it handles: `MapPost("/cart/{user}")`.
    const call = m.parent?.parent?.parent;
    const route = call?.get('arguments')?.namedChildren[0]?.text ?? '';
    const fn = call?.get('function');
    const name = fn?.type === 'member_access_expression' ? (simpleType(fn.get('name')) ?? 'Map') : 'Map';
    return `${name}(${route.length > 40 ? '…' : route})`;
  }
  return m.get('name')?.text ?? m.type.replace(/_/g, ' ');
}
