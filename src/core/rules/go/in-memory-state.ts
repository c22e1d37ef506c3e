import { lastOrder, nodesOfType, nodesOfTypes, walk, walkedAncestors, type SyntaxNode } from '../../parsers/treesitter';
import { callArgs, operatorOf, unparen } from '../../go/module';
import { isReuseName } from '../../langs/common';
import type { GoRule, GoRuleContext } from './types';
import { calleeName, functionName, range } from './util';

interface PackageVar {
  name: string;
  kind: 'map' | 'slice' | 'sync.Map' | 'counter';
  node: SyntaxNode;
}

const NUMERIC = /^(u?int(8|16|32|64)?|float(32|64)|uintptr)$/;
const ATOMIC_TYPES = /^sync\/atomic\.(Int32|Int64|Uint32|Uint64|Value)$/;

/** Functions that run while the program starts, or whose names say they set things up: what they write is not request state. */
const SETUP_NAME = /^(init|main)$|^([Mm]ust|[Nn]ew|[Ss]et[Uu]p|[Rr]egister|[Ll]oad|[Cc]onfigure|[Ii]nit(ialize)?)([A-Z_]|$)/;

function kindOf(ctx: GoRuleContext, type: SyntaxNode | undefined, value: SyntaxNode | undefined): PackageVar['kind'] | undefined {
  const v = unparen(value);
  const t = type ?? (v?.type === 'composite_literal' ? v.get('type') : undefined);
  if (t?.type === 'map_type') return 'map';
  if (t?.type === 'slice_type') return 'slice';
  if (v?.type === 'call_expression' && v.get('function')?.text === 'make') {
    const made = callArgs(v)[0];
    return made?.type === 'map_type' ? 'map' : made?.type === 'slice_type' ? 'slice' : undefined;
  }
  const q = type ? ctx.qualified(type) : undefined;
  if (q === 'sync.Map') return 'sync.Map';
  if (q && ATOMIC_TYPES.test(q)) return 'counter';
  if (type?.type === 'type_identifier' && NUMERIC.test(type.text) && (!v || v.type === 'int_literal' || v.type === 'float_literal')) return 'counter';
  if (!type && (v?.type === 'int_literal' || v?.type === 'float_literal')) return 'counter';
  return undefined;
}

/** Package-level `var` declarations holding maps, slices, sync.Maps and counters. */
function packageVars(ctx: GoRuleContext): Map<string, PackageVar> {
  const out = new Map<string, PackageVar>();
  for (const top of ctx.root.namedChildren) {
    if (top.type !== 'var_declaration') continue;
    walk(top, (n) => {
      if (n.type !== 'var_spec') return;
      const values = n.get('value')?.namedChildren ?? [];
      n.all('name').forEach((id, i) => {
        const kind = kindOf(ctx, n.get('type'), values[i]);
        if (kind && id.text !== '_') out.set(id.text, { name: id.text, kind, node: n });
      });
      return 'skip';
    });
  }
  return out;
}

/** The variable at the root of `x`, `x[k]`, `x.f[k]`, `&x`. */
function rootName(n: SyntaxNode | undefined): string | undefined {
  let cur = unparen(n);
  for (;;) {
    if (cur?.type === 'index_expression') cur = unparen(cur.get('operand'));
    else if (cur?.type === 'selector_expression') cur = unparen(cur.get('operand'));
    else if (cur?.type === 'unary_expression' && operatorOf(cur) === '&') cur = unparen(cur.get('operand'));
    else break;
  }
  return cur?.type === 'identifier' ? cur.text : undefined;
}

/** Names a function declares itself (parameters, `x :=`, `var x`), which hide package-level ones. */
function localNames(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfTypes(fn, DECLARING)) {
    let ids: SyntaxNode[] = [];
    if (n.type === 'parameter_declaration' || n.type === 'var_spec') ids = n.all('name');
    else if (n.type === 'short_var_declaration' || (n.type === 'range_clause' && n.hasToken(':='))) ids = n.get('left')?.namedChildren ?? [];
    for (const id of ids) if (id.type === 'identifier') out.add(id.text);
  }
  return out;
}

const DECLARING = ['parameter_declaration', 'var_spec', 'short_var_declaration', 'range_clause'];
const WRITES = ['inc_statement', 'dec_statement', 'assignment_statement', 'call_expression'];

/** `once.Do(func() { ... })` initialises once per process: set-up, not state. */
function isOnceDo(n: SyntaxNode): boolean {
  return n.type === 'call_expression' && calleeName(n) === 'Do' && /once/i.test(n.get('function')?.text ?? '');
}

const MAP_METHODS = new Set(['Store', 'LoadOrStore', 'LoadAndStore', 'Delete', 'LoadAndDelete', 'Swap', 'CompareAndSwap', 'CompareAndDelete']);
const ATOMIC_METHODS = new Set(['Add', 'Store', 'Swap', 'CompareAndSwap']);

export const goInMemoryState: GoRule = {
  language: 'go',
  // Only package-level variables are reported, and only those of a `var` declaration (packageVars).
  needs: ['\\bvar\\b'],
  meta: {
    id: 'go/in-memory-state',
    category: 'in-memory-state',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Package-level maps, slices and counters written by request code hold per-process state: Lambda runs many execution environments at once and recycles them at any time.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/statelessness-functions.html',
    },
    messages: {
      container:
        'Package-level {kind} `{name}` is written by `{fn}`, so it holds state across requests, but each concurrent Lambda environment has its own copy and any of them can be recycled. Keep shared state in DynamoDB or ElastiCache, or scope it to one invocation.',
      counter:
        '`{name}` is a package-level counter updated by `{fn}`; it counts per execution environment only, and resets whenever Lambda starts a new one. Keep the count in DynamoDB (atomic `ADD`) or publish it as a CloudWatch metric.',
    },
  },
  check(ctx) {
    const vars = packageVars(ctx);
    if (!vars.size) return;
    const writers = new Map<string, string>();
    for (const fn of ctx.root.namedChildren) {
      if (fn.type !== 'function_declaration' && fn.type !== 'method_declaration') continue;
      const name = functionName(fn);
      if (SETUP_NAME.test(name)) continue;
      // Asked only of a write to a package-level variable not yet reported, which most statements are not.
      let shadowed: Set<string> | undefined;
      let once: [number, number][] | undefined;
      let offNode: SyntaxNode | undefined;
      let offValue = false;
      // As a walk skipping once.Do calls and off-Lambda branches would: the statement is inside neither.
      const isOff = (n: SyntaxNode) => {
        if (offNode !== n) {
          once ??= nodesOfType(fn, 'call_expression')
            .filter(isOnceDo)
            .map((c): [number, number] => [c.order, lastOrder(c)]);
          offNode = n;
          offValue = once.some(([first, last]) => n.order >= first && n.order <= last) || !walkedAncestors(n, fn, ctx.isLocalOnly);
        }
        return offValue;
      };
      const note = (target: string | undefined, n: SyntaxNode) => {
        if (target && vars.has(target) && !writers.has(target) && !(shadowed ??= localNames(fn)).has(target) && !isOff(n)) writers.set(target, name);
      };
      for (const n of nodesOfTypes(fn, WRITES)) {
        if (n.type === 'inc_statement' || n.type === 'dec_statement') note(rootName(n.namedChildren[0]), n);
        else if (n.type === 'assignment_statement') {
          const op = operatorOf(n);
          const left = n.get('left')?.namedChildren ?? [];
          const right = n.get('right')?.namedChildren ?? [];
          left.forEach((l, i) => {
            const target = rootName(l);
            const v = target ? vars.get(target) : undefined;
            if (!v) return;
            if (l.type === 'index_expression') return note(target, n);
            if (op !== '=') return note(target, n);
            const r = unparen(right[i]);
            // `x = append(x, ...)`, `n = n + 1`; a plain `x = load()` replaces the value (lazy set-up).
            if (r?.type === 'call_expression' && r.get('function')?.text === 'append' && rootName(callArgs(r)[0]) === target) note(target, n);
            else if (v.kind === 'counter' && r?.type === 'binary_expression' && [r.get('left'), r.get('right')].some((o) => rootName(o) === target))
              note(target, n);
          });
        } else if (n.type === 'call_expression') {
          const f = n.get('function');
          if (f?.text === 'delete') note(rootName(callArgs(n)[0]), n);
          // sync/atomic's Add functions: the name qualified() gives ends with what the callee's text says.
          else if (f?.text.includes('Add') && ctx.qualified(f)?.startsWith('sync/atomic.Add')) note(rootName(callArgs(n)[0]), n);
          else if (f?.type !== 'selector_expression') continue;
          else {
            const target = rootName(f.get('operand'));
            const v = target ? vars.get(target) : undefined;
            const m = f.get('field')?.text ?? '';
            if (v?.kind === 'sync.Map' && MAP_METHODS.has(m)) note(target, n);
            else if (v?.kind === 'counter' && ATOMIC_METHODS.has(m)) note(target, n);
          }
        }
      }
    }
    for (const [name, fn] of writers) {
      const v = vars.get(name)!;
      // A cache or a registry is an optimisation AWS recommends, unless its name says it holds per-user or request facts.
      if (isReuseName(name)) continue;
      if (v.kind === 'counter') ctx.report({ messageId: 'counter', data: { name, fn }, at: range(v.node) });
      else ctx.report({ messageId: 'container', data: { kind: v.kind === 'sync.Map' ? 'sync.Map' : v.kind, name, fn }, at: range(v.node) });
    }
  },
};
