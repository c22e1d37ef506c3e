import { lastNames } from '../../langs/common';
import { forEachOutside, type SyntaxNode } from '../../parsers/treesitter';
import type { GoRuleContext } from './types';

export function range(n: SyntaxNode): [number, number] {
  return [n.start, n.end];
}

/** Visits every call outside off-Lambda branches. */
export function forEachCall(ctx: GoRuleContext, visit: (call: SyntaxNode, ancestors: readonly SyntaxNode[]) => void): void {
  // From the type index, in the order a walk meets them. A walk skipping an off-Lambda call's subtree skips only calls
  // that are off-Lambda themselves (a node inside an off-Lambda branch is inside it too), so none is skipped here.
  // The list is made once per file (forEachOutside): most of the file's rules go through its calls.
  forEachOutside(ctx.root, ['call_expression'], ctx.isLocalOnly, visit);
}

/**
 * The pre-filter's literals (src/core/prefilter.ts) for calls and types by these names, qualified or not: one resolved
 * to `net/http.ListenAndServe` is spelled `ListenAndServe` in the file (what qualified() gives ends with the name the
 * code uses). A name containing another (`ListenAndServe` beside `Serve`) is left out: text with it has the other.
 */
export function nameNeeds(names: Iterable<string>): string[] {
  const last = lastNames(names);
  return last.filter((w) => !last.some((o) => o !== w && w.includes(o)));
}

/** `pkg.Func(...)` / `x.Method(...)` → `Method`. */
export function calleeName(call: SyntaxNode): string | undefined {
  const fn = call.get('function');
  if (fn?.type === 'selector_expression') return fn.get('field')?.text;
  if (fn?.type === 'identifier') return fn.text;
  return undefined;
}

/** The receiver of a method call `x.Method(...)`. */
export function receiverOf(call: SyntaxNode): SyntaxNode | undefined {
  const fn = call.get('function');
  return fn?.type === 'selector_expression' ? fn.get('operand') : undefined;
}

/** Short source text of a call's callee, for messages: `srv.ListenAndServe()`. */
export function calleeLabel(call: SyntaxNode): string {
  const fn = call.get('function')?.text ?? call.text;
  return `\`${fn.replace(/\s+/g, '')}(...)\``;
}

/** The name of a function or method declaration, `func literal` otherwise. */
export function functionName(fn: SyntaxNode | undefined): string {
  return fn?.get('name')?.text ?? 'func literal';
}
