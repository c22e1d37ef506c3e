import { forEachNode, nodesOfType, nodesOfTypes, type SyntaxNode } from '../../parsers/treesitter';
import { operatorOf, topFunction } from '../../go/module';
import type { GoRule, GoRuleContext } from './types';
import { calleeLabel, calleeName, forEachCall, functionName, nameNeeds, range } from './util';

const TICKERS = new Set(['time.Tick', 'time.NewTicker', 'time.AfterFunc']);
const CRON = /^github\.com\/(robfig\/cron(\/v\d+)?|go-co-op\/gocron(\/v\d+)?)\.(New|NewScheduler)$/;

/** Names the function declares as channels: `ch := make(chan T)`, `var ch chan T`, a `chan` parameter. */
function channelNames(fn: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOfTypes(fn, DECLARING)) {
    if (n.type === 'short_var_declaration' || n.type === 'assignment_statement') {
      const left = n.get('left')?.namedChildren ?? [];
      (n.get('right')?.namedChildren ?? []).forEach((r, i) => {
        if (r.type === 'call_expression' && r.get('function')?.text === 'make' && r.get('arguments')?.namedChildren[0]?.type === 'channel_type' && left[i])
          out.add(left[i].text);
      });
    } else if (n.get('type')?.type === 'channel_type') {
      for (const id of n.all('name')) out.add(id.text);
    }
  }
  return out;
}

const DECLARING = ['short_var_declaration', 'assignment_statement', 'var_spec', 'parameter_declaration'];
const WAITING = ['select_statement', 'receive_statement', 'unary_expression', 'call_expression', 'range_clause'];

/**
 * True when the function waits for what it started: `wg.Wait()`, `g.Wait()` (errgroup), a channel receive, a select,
 * or ranging over a channel it made (draining results the goroutines send).
 */
function waits(fn: SyntaxNode): boolean {
  let channels: Set<string> | undefined;
  for (const n of nodesOfTypes(fn, WAITING)) {
    if (n.type === 'select_statement' || n.type === 'receive_statement') return true;
    if (n.type === 'unary_expression' && operatorOf(n) === '<-') return true;
    if (n.type === 'call_expression' && calleeName(n) === 'Wait') return true;
    if (n.type === 'range_clause' && (channels ??= channelNames(fn)).has(n.get('right')?.text ?? '')) return true;
  }
  return false;
}

export const goBackgroundWork: GoRule = {
  language: 'go',
  // A goroutine is a `go` statement, whose keyword a call follows after a space, a comment, `(` or `[`; a ticker is a
  // call resolved to one of TICKERS, spelled with its name; a scheduler's import path (robfig/cron, go-co-op/gocron)
  // spells `cron`.
  needs: ['\\bgo(?=[\\s(\\[]|/[/*])', ...nameNeeds(TICKERS), 'cron'],
  meta: {
    id: 'go/background-work',
    category: 'background-work',
    severity: 'warning',
    direction: 'to-lambda',
    docs: {
      description:
        'Goroutines a request handler leaves running, tickers and in-process cron schedulers are frozen with the execution environment once the handler returns, and may never run.',
      reference: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
    },
    messages: {
      goroutine:
        '`go {call}` in `{fn}` keeps running after the handler returns, but Lambda freezes the environment then, so the goroutine stalls or its work is lost. Wait for it before returning (sync.WaitGroup, errgroup), or send the work to its own function through SQS or EventBridge.',
      ticker:
        '{call} fires periodically in the background, which needs a process that stays alive between requests; Lambda freezes the environment after each invocation, so the ticks run late or never. Use an EventBridge schedule that invokes a function instead.',
      cron: '{call} is an in-process scheduler: it needs the process to stay alive between runs, and Lambda freezes it after each invocation. Use an EventBridge schedule (one rule per job) that invokes a function instead.',
    },
  },
  check(ctx) {
    // Per function: whether it waits (asked once however many goroutines it starts).
    const waiting = new Map<SyntaxNode, boolean>();
    const waitsOnce = (fn: SyntaxNode) => {
      let w = waiting.get(fn);
      if (w === undefined) waiting.set(fn, (w = waits(fn)));
      return w;
    };
    forEachNode(
      ctx.root,
      ['go_statement'],
      (n, ancestors) => {
        const fn = topFunction(ancestors);
        if (!fn || !ctx.isRequestFunction(fn) || waitsOnce(fn)) return;
        const call = n.namedChildren[0];
        const callee = call?.type === 'call_expression' ? call.get('function') : undefined;
        const label = callee?.type === 'func_literal' ? 'func() {...}()' : `${callee?.text ?? '...'}(...)`;
        ctx.report({ messageId: 'goroutine', data: { call: label, fn: functionName(fn) }, at: range(n) });
      },
      ctx.isLocalOnly,
    );
    // Functions started as goroutines (`go s.poll(ctx)`): their tickers run in the background too.
    const launched = new Set<string>();
    for (const n of nodesOfType(ctx.root, 'go_statement')) {
      const call = n.namedChildren[0];
      const name = call?.type === 'call_expression' ? calleeName(call) : undefined;
      if (name) launched.add(name);
    }
    forEachCall(ctx, (call, ancestors) => tickers(ctx, call, ancestors, launched));
  },
};

function tickers(ctx: GoRuleContext, call: SyntaxNode, ancestors: readonly SyntaxNode[], launched: ReadonlySet<string>): void {
  // The name qualified() gives ends with the callee's field: only these can be a scheduler or a ticker.
  const f = call.get('function');
  if (!f || !(f.text.includes('New') || f.text.includes('Tick') || f.text.includes('AfterFunc'))) return;
  const q = ctx.qualified(f);
  if (!q) return;
  if (CRON.test(q)) {
    ctx.report({ messageId: 'cron', data: { call: calleeLabel(call) }, at: range(call) });
    return;
  }
  if (!TICKERS.has(q)) return;
  // A ticker polled synchronously ends with its caller: only background ones are the finding (started as or in a
  // goroutine, in main or init, at package level); an AfterFunc in a request is its timeout guard.
  const fn = topFunction(ancestors);
  const name = fn?.get('name')?.text ?? '';
  const background = !fn || ancestors.some((a) => a.type === 'go_statement') || name === 'main' || name === 'init' || launched.has(name);
  if (!background) return;
  ctx.report({ messageId: 'ticker', data: { call: calleeLabel(call) }, at: range(call) });
}
