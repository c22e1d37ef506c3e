import { enclosingFunction, walk, type PyNode } from '../../python/ast';
import type { PyRuleContext } from './types';

/** Last segment of a dotted name. */
export function lastName(q: string | undefined): string | undefined {
  return q?.slice(q.lastIndexOf('.') + 1);
}

export function range(n: PyNode): [number, number] {
  return [n.start, n.end];
}

/** Visits every call outside local-only code (`__main__` blocks and not-on-Lambda guards). */
export function forEachCall(ctx: PyRuleContext, visit: (call: PyNode, ancestors: readonly PyNode[]) => void): void {
  walk(ctx.root, (n, ancestors) => {
    if (n.type !== 'call') return;
    if (ctx.isLocalOnly(n, ancestors)) return;
    visit(n, ancestors);
  });
}

/**
 * The scope a name lives in: the enclosing function, or the module; for `self.x` the class, since another method
 * (`close`, `stop`, `__exit__`) may join or cancel what this one started.
 */
export function scopeOf(ctx: PyRuleContext, ancestors: readonly PyNode[], name?: string): PyNode {
  if (name?.startsWith('self.')) {
    for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i].type === 'class_definition') return ancestors[i];
  }
  return enclosingFunction(ancestors) ?? ctx.root;
}

/** Method calls `<receiver>.<method>(...)` inside `scope` whose receiver text is `receiver`. */
export function methodCallsOn(scope: PyNode, receiver: string, methods: ReadonlySet<string>): PyNode[] {
  const out: PyNode[] = [];
  walk(scope, (n) => {
    if (n.type !== 'call') return;
    const fn = n.get('function');
    if (fn?.type !== 'attribute') return;
    if (fn.get('object')?.text === receiver && methods.has(fn.get('attribute')?.text ?? '')) out.push(n);
  });
  return out;
}

/**
 * True when some `<name>.join()` in the scope waits for a thread or process: a join with no positional argument or
 * only a timeout (string joins always take an iterable). Threads gathered in a list and joined in a loop count too.
 */
export function hasWaitingJoin(scope: PyNode): boolean {
  let found = false;
  walk(scope, (n) => {
    if (found || n.type !== 'call') return;
    const fn = n.get('function');
    if (fn?.type !== 'attribute' || fn.get('attribute')?.text !== 'join') return;
    const obj = fn.get('object');
    if (!obj || obj.type === 'string' || obj.type === 'concatenated_string') return;
    const args = n.get('arguments')?.namedChildren ?? [];
    if (args.length === 0 || args.every((a) => a.type === 'keyword_argument' || a.type === 'integer' || a.type === 'float')) found = true;
  });
  return found;
}

/** True when the text `name` is read anywhere in `scope` other than at `except` (its own binding). */
export function isUsedElsewhere(scope: PyNode, name: string, except: PyNode): boolean {
  let used = false;
  walk(scope, (n) => {
    if (used) return 'skip';
    if (n === except) return 'skip';
    if ((n.type === 'identifier' || n.type === 'attribute') && n.text === name) {
      const p = n.parent;
      // Being the target of an assignment is not a use.
      if (p?.type === 'assignment' && n.field === 'left') return;
      used = true;
    }
  });
  return used;
}

/** `x = Call()` (or `with Call() as x`): the assignment's target text; statement-level discards return undefined. */
export function isDiscarded(call: PyNode): boolean {
  let n = call;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'await')) n = n.parent;
  return n.parent?.type === 'expression_statement';
}

/** True when the call is the context manager of a `with` statement (`with X(...) as y:` or `with X(...):`). */
export function isWithManaged(call: PyNode): boolean {
  let n = call;
  if (n.parent?.type === 'as_pattern') n = n.parent;
  return n.parent?.type === 'with_item';
}

/** Names that, in a cache variable, mean "optimisation" rather than shared state. */
export const CACHE_NAME = /(^|_)(cache|cached|memo|memoized|lru)(_|$)|cache$/i;
